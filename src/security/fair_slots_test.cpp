#include "security/fair_slots.h"

#include <gtest/gtest.h>

#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace rrma {
namespace {

using std::chrono::milliseconds;
using std::chrono::steady_clock;

// Waits (briefly) until `slots` has `count` callers queued.
void AwaitWaiting(const FairSlots& slots, size_t count) {
  const auto deadline = steady_clock::now() + std::chrono::seconds(10);
  while (slots.waiting() != count && steady_clock::now() < deadline) std::this_thread::sleep_for(milliseconds(1));
  ASSERT_EQ(slots.waiting(), count);
}

TEST(FairSlots, CallersHoldSlotsUpToTheLimitWithoutWaiting) {
  FairSlots slots(2, 4);
  FairSlots::Slot first = slots.Acquire(milliseconds(0));
  FairSlots::Slot second = slots.Acquire(milliseconds(0));
  EXPECT_TRUE(first);
  EXPECT_TRUE(second);
  EXPECT_EQ(slots.holders(), 2u);
  EXPECT_FALSE(slots.Acquire(milliseconds(0)));
  second.Release();
  EXPECT_EQ(slots.holders(), 1u);
  EXPECT_TRUE(slots.Acquire(milliseconds(0)));
}

TEST(FairSlots, WaitersAreServedInArrivalOrder) {
  FairSlots slots(1, 8);
  FairSlots::Slot held = slots.Acquire(milliseconds(0));
  ASSERT_TRUE(held);
  std::mutex order_mutex;
  std::vector<int> order;
  std::vector<std::thread> waiters;
  for (int i = 0; i < 5; ++i) {
    waiters.emplace_back([&, i] {
      FairSlots::Slot slot = slots.Acquire(std::chrono::seconds(10));
      ASSERT_TRUE(slot);
      std::lock_guard lock(order_mutex);
      order.push_back(i);
    });
    AwaitWaiting(slots, static_cast<size_t>(i) + 1);  // so that arrival order is i's order
  }
  held.Release();
  for (std::thread& waiter : waiters) waiter.join();
  EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3, 4}));
  EXPECT_EQ(slots.holders(), 0u);
}

TEST(FairSlots, ANewcomerDoesNotOvertakeTheQueueWhenASlotFrees) {
  FairSlots slots(1, 8);
  FairSlots::Slot held = slots.Acquire(milliseconds(0));
  FairSlots::Slot waited;
  std::thread waiter([&] { waited = slots.Acquire(std::chrono::seconds(10)); });
  AwaitWaiting(slots, 1);
  held.Release();
  // The slot went to the waiter, even before it woke up: a caller arriving now gets none.
  EXPECT_FALSE(slots.Acquire(milliseconds(0)));
  waiter.join();
  EXPECT_TRUE(waited);
}

TEST(FairSlots, AWaiterGivesUpWhenItsPatienceRunsOutAndLeavesTheQueue) {
  FairSlots slots(1, 8);
  FairSlots::Slot held = slots.Acquire(milliseconds(0));
  const auto start = steady_clock::now();
  EXPECT_FALSE(slots.Acquire(milliseconds(100)));
  EXPECT_GE(steady_clock::now() - start, milliseconds(100));
  EXPECT_EQ(slots.waiting(), 0u);
  held.Release();
  EXPECT_EQ(slots.holders(), 0u);  // the slot was not handed to the caller who left
}

TEST(FairSlots, BeyondTheQueueBoundCallersAreRefusedAtOnce) {
  FairSlots slots(1, 2);
  FairSlots::Slot held = slots.Acquire(milliseconds(0));
  std::vector<std::thread> waiters;
  for (size_t i = 0; i < 2; ++i) {
    waiters.emplace_back([&] { EXPECT_TRUE(slots.Acquire(std::chrono::seconds(10))); });
    AwaitWaiting(slots, i + 1);
  }
  const auto start = steady_clock::now();
  EXPECT_FALSE(slots.Acquire(std::chrono::seconds(10)));
  EXPECT_LT(steady_clock::now() - start, std::chrono::seconds(1));
  held.Release();
  for (std::thread& waiter : waiters) waiter.join();
}

TEST(FairSlots, CallersInGoodStandingAreServedBeforeDoubtfulOnesWhoCameFirst) {
  using Standing = FairSlots::Standing;
  FairSlots slots(1, 8);
  FairSlots::Slot held = slots.Acquire(milliseconds(0));
  ASSERT_TRUE(held);
  std::mutex order_mutex;
  std::vector<std::string> order;
  std::vector<std::thread> waiters;
  const auto wait_as = [&](std::string name, Standing standing) {
    waiters.emplace_back([&, name, standing] {
      FairSlots::Slot slot = slots.Acquire(std::chrono::seconds(10), standing);
      ASSERT_TRUE(slot);
      std::lock_guard lock(order_mutex);
      order.push_back(name);
    });
    AwaitWaiting(slots, waiters.size());
  };
  wait_as("doubtful 1", Standing::kDoubtful);
  wait_as("doubtful 2", Standing::kDoubtful);
  wait_as("good 1", Standing::kGood);
  wait_as("good 2", Standing::kGood);
  held.Release();
  for (std::thread& waiter : waiters) waiter.join();
  EXPECT_EQ(order, (std::vector<std::string>{"good 1", "good 2", "doubtful 1", "doubtful 2"}));
}

TEST(FairSlots, DoubtfulCallersFillOnlyTheirPartOfTheQueue) {
  using Standing = FairSlots::Standing;
  FairSlots slots(1, 3, 1);
  FairSlots::Slot held = slots.Acquire(milliseconds(0));
  std::vector<std::thread> waiters;
  waiters.emplace_back([&] { EXPECT_TRUE(slots.Acquire(std::chrono::seconds(10), Standing::kDoubtful)); });
  AwaitWaiting(slots, 1);
  // A second doubtful caller is refused at once; callers in good standing still find room.
  const auto start = steady_clock::now();
  EXPECT_FALSE(slots.Acquire(std::chrono::seconds(10), Standing::kDoubtful));
  EXPECT_LT(steady_clock::now() - start, std::chrono::seconds(1));
  for (size_t i = 0; i < 2; ++i) {
    waiters.emplace_back([&] { EXPECT_TRUE(slots.Acquire(std::chrono::seconds(10), Standing::kGood)); });
    AwaitWaiting(slots, i + 2);
  }
  EXPECT_FALSE(slots.Acquire(std::chrono::seconds(10), Standing::kGood));
  held.Release();
  for (std::thread& waiter : waiters) waiter.join();
  EXPECT_EQ(slots.holders(), 0u);
}

TEST(FairSlots, AMovedSlotIsReleasedOnce) {
  FairSlots slots(1, 0);
  {
    FairSlots::Slot first = slots.Acquire(milliseconds(0));
    FairSlots::Slot moved = std::move(first);
    EXPECT_FALSE(first);  // NOLINT(bugprone-use-after-move): a moved-from slot is empty
    EXPECT_TRUE(moved);
    EXPECT_EQ(slots.holders(), 1u);
  }
  EXPECT_EQ(slots.holders(), 0u);
}

}  // namespace
}  // namespace rrma
