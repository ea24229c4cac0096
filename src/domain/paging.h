// Paging of list results, shared by every list endpoint: page numbers start at 1, pages hold
// at most kMaxPerPage items. Plain values, thread-safe.
#pragma once

#include <cstdint>
#include <vector>

#include "domain/status.h"

namespace rrma {

struct PageRequest {
  static constexpr int64_t kDefaultPerPage = 20;
  static constexpr int64_t kMaxPerPage = 200;
  // Beyond this page number the offset would overflow what databases accept.
  static constexpr int64_t kMaxPage = 1'000'000;

  int64_t page = 1;
  int64_t per_page = kDefaultPerPage;

  int64_t offset() const { return (page - 1) * per_page; }
};

template <typename T>
struct Page {
  std::vector<T> items;
  int64_t total = 0;
  PageRequest request;
};

// Records an error naming "page" or "per_page" when either is out of range.
void ValidatePageRequest(const PageRequest& page, ValidationErrors& errors);

}  // namespace rrma
