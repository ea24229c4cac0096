// FairSlots: lets a fixed number of callers hold a slot at once (argon2id work: 64 MiB each) and
// makes the others wait their turn in arrival order (first come, first served), each for a bounded
// time, in a queue of bounded length, so that neither waiting time nor memory grows with a flood.
// A freed slot goes straight to the longest waiter: a newcomer never overtakes the queue.
// Thread-safe; must outlive every Slot it handed out.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <list>
#include <mutex>

namespace rrma {

class FairSlots {
 public:
  // slots: holders at once (at least one); max_waiting: callers allowed to queue behind them.
  FairSlots(size_t slots, size_t max_waiting);
  FairSlots(const FairSlots&) = delete;
  FairSlots& operator=(const FairSlots&) = delete;

  // A held slot, given back when destroyed; empty (false) when none was obtained.
  class Slot {
   public:
    Slot() = default;
    Slot(Slot&& other) noexcept : owner_(other.owner_) { other.owner_ = nullptr; }
    Slot& operator=(Slot&& other) noexcept;
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;
    ~Slot() { Release(); }

    explicit operator bool() const { return owner_ != nullptr; }
    void Release();

   private:
    friend class FairSlots;
    explicit Slot(FairSlots* owner) : owner_(owner) {}
    FairSlots* owner_ = nullptr;
  };

  // A slot, after waiting at most `patience` behind the callers who came first. Empty at once
  // when max_waiting callers already wait, or when the patience runs out first.
  Slot Acquire(std::chrono::milliseconds patience);

  size_t waiting() const;
  size_t holders() const;

 private:
  struct Waiter {
    std::condition_variable wake;
    bool granted = false;
  };

  void Give();

  const size_t slots_;
  const size_t max_waiting_;
  mutable std::mutex mutex_;
  size_t holders_ = 0;
  std::list<Waiter*> queue_;  // in arrival order
};

}  // namespace rrma
