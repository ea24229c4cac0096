#include "http/fiche_cache.h"

#include <gtest/gtest.h>

namespace rrma::http {
namespace {

TEST(FicheCache, ServesABodyOnlyForTheGenerationItWasBuiltFrom) {
  FicheCache cache;
  EXPECT_EQ(cache.Find(7, 1), nullptr);
  cache.Store(7, 1, "{\"id\":7}");
  ASSERT_NE(cache.Find(7, 1), nullptr);
  EXPECT_EQ(*cache.Find(7, 1), "{\"id\":7}");
  EXPECT_EQ(cache.Find(7, 2), nullptr);
  EXPECT_EQ(cache.Find(8, 1), nullptr);
}

TEST(FicheCache, ANewerStoreReplacesTheOlderBody) {
  FicheCache cache;
  cache.Store(7, 1, "old");
  cache.Store(7, 2, "new");
  EXPECT_EQ(cache.Find(7, 1), nullptr);
  EXPECT_EQ(*cache.Find(7, 2), "new");
}

TEST(FicheCache, NeverHoldsMoreThanItsBound) {
  FicheCache cache;
  for (int64_t id = 1; id <= static_cast<int64_t>(FicheCache::kMaxEntries) + 1; ++id) cache.Store(id, 1, "x");
  EXPECT_NE(cache.Find(FicheCache::kMaxEntries + 1, 1), nullptr);
  EXPECT_EQ(cache.Find(1, 1), nullptr);  // the first ones went when it started again
}

TEST(GenerationWatch, ReadsTheGenerationAtMostOncePerRecheckInterval) {
  GenerationWatch watch;
  int reads = 0;
  int64_t stored = 4;
  const auto read = [&] {
    ++reads;
    return stored;
  };
  const auto start = GenerationWatch::Clock::now();
  EXPECT_EQ(watch.Current(read, start), 4);
  stored = 5;  // an import elsewhere
  EXPECT_EQ(watch.Current(read, start + GenerationWatch::kRecheck / 2), 4);
  EXPECT_EQ(reads, 1);
  EXPECT_EQ(watch.Current(read, start + GenerationWatch::kRecheck), 5);
  EXPECT_EQ(reads, 2);
}

}  // namespace
}  // namespace rrma::http
