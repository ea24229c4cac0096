#include "security/fair_slots.h"

#include <algorithm>

namespace rrma {

FairSlots::FairSlots(size_t slots, size_t max_waiting) : FairSlots(slots, max_waiting, max_waiting) {}

FairSlots::FairSlots(size_t slots, size_t max_waiting, size_t max_doubtful_waiting)
    : slots_(std::max<size_t>(slots, 1)),
      max_waiting_(max_waiting),
      max_doubtful_waiting_(std::min(max_doubtful_waiting, max_waiting)) {}

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

FairSlots::Slot FairSlots::Acquire(std::chrono::milliseconds patience, Standing standing) {
  std::unique_lock lock(mutex_);
  const bool doubtful = standing == Standing::kDoubtful;
  // A free slot means nobody waits (Give() hands each freed slot to a waiter).
  if (holders_ < slots_ && WaitingLocked() == 0) {
    ++holders_;
    return Slot(this);
  }
  if (WaitingLocked() >= max_waiting_ || (doubtful && doubtful_.size() >= max_doubtful_waiting_)) return Slot();
  Queue& queue = doubtful ? doubtful_ : good_;
  Waiter waiter;
  const auto place = queue.insert(queue.end(), &waiter);
  const bool granted =
      waiter.wake.wait_until(lock, std::chrono::steady_clock::now() + patience, [&waiter] { return waiter.granted; });
  if (granted) return Slot(this);  // Give() counted us as a holder and took us off the queue
  queue.erase(place);
  return Slot();
}

// A freed slot goes to the first waiter in good standing, else to the first doubtful one, who
// becomes a holder at once; else it is free again.
void FairSlots::Give() {
  std::lock_guard lock(mutex_);
  Queue& queue = good_.empty() ? doubtful_ : good_;
  if (queue.empty()) {
    --holders_;
    return;
  }
  Waiter* next = queue.front();
  queue.pop_front();
  next->granted = true;
  next->wake.notify_one();
}

size_t FairSlots::waiting() const {
  std::lock_guard lock(mutex_);
  return WaitingLocked();
}

size_t FairSlots::holders() const {
  std::lock_guard lock(mutex_);
  return holders_;
}

}  // namespace rrma
