#include "http/fiche_cache.h"

#include <mutex>

namespace rrma::http {

std::shared_ptr<const std::string> FicheCache::Find(int64_t id, int64_t generation) const {
  std::shared_lock lock(mutex_);
  auto found = entries_.find(id);
  if (found == entries_.end() || found->second.generation != generation) return nullptr;
  return found->second.body;
}

void FicheCache::Store(int64_t id, int64_t generation, std::string body) {
  auto shared = std::make_shared<const std::string>(std::move(body));
  std::unique_lock lock(mutex_);
  if (entries_.size() >= kMaxEntries && entries_.count(id) == 0) entries_.clear();
  entries_[id] = {generation, std::move(shared)};
}

int64_t GenerationWatch::Current(const std::function<int64_t()>& read, Clock::time_point now) {
  const int64_t ticks = now.time_since_epoch().count();
  int64_t last = read_at_.load(std::memory_order_acquire);
  const bool due = last == kNever || now - Clock::time_point(Clock::duration(last)) >= kRecheck;
  // One caller wins the right to read; the others go on with the value read before, unless there
  // is none yet.
  if (due && read_at_.compare_exchange_strong(last, ticks, std::memory_order_acq_rel)) {
    value_.store(read(), std::memory_order_release);
    known_.store(true, std::memory_order_release);
  } else if (!known_.load(std::memory_order_acquire)) {
    return read();
  }
  return value_.load(std::memory_order_acquire);
}

std::optional<int64_t> GenerationWatch::Fresh(Clock::time_point now) const {
  const int64_t last = read_at_.load(std::memory_order_acquire);
  if (last == kNever || !known_.load(std::memory_order_acquire)) return std::nullopt;
  if (now - Clock::time_point(Clock::duration(last)) >= kRecheck) return std::nullopt;
  return value_.load(std::memory_order_acquire);
}

}  // namespace rrma::http
