#include "domain/pipeline/attachment.h"

#include <gtest/gtest.h>

namespace rrma {
namespace {

std::string Kept(std::string_view sent, std::string_view type) {
  auto name = AttachmentName(sent, type);
  return name.ok() ? name.value() : "refusé";
}

TEST(AttachmentName, KeepsTheLastPartOfAPathTrimmed) {
  EXPECT_EQ(Kept("C:\\Users\\marie\\ compte-rendu.pdf ", "application/pdf"), "compte-rendu.pdf");
  EXPECT_EQ(Kept("/home/paul/Photo.JPEG", "image/jpeg"), "Photo.JPEG");
}

TEST(AttachmentName, AddsTheDetectedTypesExtensionWhenTheNameSaysAnother) {
  EXPECT_EQ(Kept("page.html", "text/plain"), "page.html.txt");
  EXPECT_EQ(Kept("facture.pdf", "image/png"), "facture.pdf.png");
  EXPECT_EQ(Kept("convention", "application/pdf"), "convention.pdf");
  EXPECT_EQ(Kept("budget.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), "budget.xlsx");
  EXPECT_EQ(Kept("photo.jpg", "image/jpeg"), "photo.jpg");
}

TEST(AttachmentName, LeavesANameAloneWhenTheTypeIsNotAccepted) {
  // The type is refused on its own; the name is not guessed for it.
  EXPECT_EQ(Kept("page.html", "text/html"), "page.html");
}

TEST(AttachmentName, RefusesANameMissingOrMadeOfDotsOnly) {
  const auto dots = AttachmentName("..", "application/pdf");
  ASSERT_EQ(dots.status().field_errors().size(), 1u);
  EXPECT_EQ(dots.status().field_errors()[0].field, "name");
  EXPECT_FALSE(AttachmentName("dossier/.", "application/pdf").ok());
  EXPECT_FALSE(AttachmentName("  ", "application/pdf").ok());
  EXPECT_FALSE(AttachmentName("a/b/", "application/pdf").ok());
}

}  // namespace
}  // namespace rrma
