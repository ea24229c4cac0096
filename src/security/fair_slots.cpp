#include "security/fair_slots.h"

#include <algorithm>

namespace rrma {

FairSlots::FairSlots(size_t slots, size_t max_waiting) : slots_(std::max<size_t>(slots, 1)), max_waiting_(max_waiting) {}

FairSlots::Slot& FairSlots::Slot::operator=(Slot&& other) noexcept {
  if (this != &other) {
    Release();
    owner_ = other.owner_;
    other.owner_ = nullptr;
  }
  return *this;
}

void FairSlots::Slot::Release() {
  if (owner_ == nullptr) return;
  owner_->Give();
  owner_ = nullptr;
}

FairSlots::Slot FairSlots::Acquire(std::chrono::milliseconds patience) {
  std::unique_lock lock(mutex_);
  if (holders_ < slots_ && queue_.empty()) {
    ++holders_;
    return Slot(this);
  }
  if (queue_.size() >= max_waiting_) return Slot();
  Waiter waiter;
  const auto place = queue_.insert(queue_.end(), &waiter);
  const bool granted =
      waiter.wake.wait_until(lock, std::chrono::steady_clock::now() + patience, [&waiter] { return waiter.granted; });
  if (granted) return Slot(this);  // Give() counted us as a holder and took us off the queue
  queue_.erase(place);
  return Slot();
}

// A freed slot goes to the first waiter, who becomes a holder at once; else it is free again.
void FairSlots::Give() {
  std::lock_guard lock(mutex_);
  if (queue_.empty()) {
    --holders_;
    return;
  }
  Waiter* next = queue_.front();
  queue_.pop_front();
  next->granted = true;
  next->wake.notify_one();
}

size_t FairSlots::waiting() const {
  std::lock_guard lock(mutex_);
  return queue_.size();
}

size_t FairSlots::holders() const {
  std::lock_guard lock(mutex_);
  return holders_;
}

}  // namespace rrma
