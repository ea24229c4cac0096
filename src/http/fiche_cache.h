// FicheCache: the serialised JSON of reference organisations' fiches, kept between requests.
// Each entry remembers the reference-data generation it was built from; a lookup with another
// generation misses, so an import (in this process or another instance) invalidates everything
// without any message between processes. Only fiches made entirely of shared reference data may be
// stored: nothing network-private goes in. Bounded: when full, it starts again empty.
// Thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
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

// The reference-data generation the fiches are checked against, read from the database at most
// once per kRecheck instead of at every request (a query per lookup halved the throughput on
// PostgreSQL): an import by `rrma import-reference` or by another instance is seen within that
// time. While one caller reads, the others use the value read before. Thread-safe.
class GenerationWatch {
 public:
  static constexpr std::chrono::milliseconds kRecheck{1000};
  using Clock = std::chrono::steady_clock;

  // The generation; read() is called when the last reading is kRecheck old (or on the first call).
  int64_t Current(const std::function<int64_t()>& read, Clock::time_point now = Clock::now());
  // The generation read less than kRecheck ago, without reading; nothing when a reading is due.
  std::optional<int64_t> Fresh(Clock::time_point now = Clock::now()) const;

 private:
  std::atomic<int64_t> value_{0};
  std::atomic<int64_t> read_at_{kNever};  // Clock ticks of the last reading
  std::atomic<bool> known_{false};
  static constexpr int64_t kNever = INT64_MIN;
};

}  // namespace rrma::http
