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

}  // namespace rrma::http
