// FicheCache: the serialised JSON of reference organisations' fiches, kept between requests.
// Each entry remembers the reference-data generation it was built from; a lookup with another
// generation misses, so an import (in this process or another instance) invalidates everything
// without any message between processes. Only fiches made entirely of shared reference data may be
// stored: nothing network-private goes in. Bounded: when full, it starts again empty.
// Thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>

namespace rrma::http {

class FicheCache {
 public:
  static constexpr size_t kMaxEntries = 50'000;

  // The stored body for id if it was built from generation.
  std::shared_ptr<const std::string> Find(int64_t id, int64_t generation) const;
  void Store(int64_t id, int64_t generation, std::string body);

 private:
  struct Entry {
    int64_t generation = 0;
    std::shared_ptr<const std::string> body;
  };
  mutable std::shared_mutex mutex_;
  std::unordered_map<int64_t, Entry> entries_;
};

}  // namespace rrma::http
