// FairSlots: lets a fixed number of callers hold a slot at once (argon2id work: 64 MiB each) and
// makes the others wait their turn in arrival order (first come, first served), each for a bounded
// time, in a queue of bounded length, so that neither waiting time nor memory grows with a flood.
// A freed slot goes straight to the longest waiter: a newcomer never overtakes the queue, except
// that callers in good standing (a sign-in from an address and on an account with no recent
// failure) go before doubtful ones, and doubtful callers may fill only part of the queue: a flood
// of guesses leaves room, and the next turn, to the people it does not come from.
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
  enum class Standing { kGood, kDoubtful };

  // slots: holders at once (at least one); max_waiting: callers allowed to queue behind them, of
  // whom at most max_doubtful_waiting doubtful ones (max_waiting when not given).
  FairSlots(size_t slots, size_t max_waiting);
  FairSlots(size_t slots, size_t max_waiting, size_t max_doubtful_waiting);
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

  // A slot, after waiting at most `patience` behind the callers who came first (a caller in good
  // standing waits only behind others in good standing). Empty at once when max_waiting callers
  // already wait (or max_doubtful_waiting doubtful ones, for a doubtful caller), or when the
  // patience runs out first.
  Slot Acquire(std::chrono::milliseconds patience, Standing standing = Standing::kGood);

  size_t waiting() const;
  size_t holders() const;

 private:
  struct Waiter {
    std::condition_variable wake;
    bool granted = false;
  };
  using Queue = std::list<Waiter*>;  // in arrival order

  void Give();
  size_t WaitingLocked() const { return good_.size() + doubtful_.size(); }

  const size_t slots_;
  const size_t max_waiting_;
  const size_t max_doubtful_waiting_;
  mutable std::mutex mutex_;
  size_t holders_ = 0;
  Queue good_;
  Queue doubtful_;
};

}  // namespace rrma
