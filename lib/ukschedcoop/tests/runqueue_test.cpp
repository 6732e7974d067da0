// SPDX-License-Identifier: BSD-3-Clause
// Run-queue policy (round robin) on the real header, with threads that
// are only bookkeeping (no stacks, no switch).
#include <gtest/gtest.h>

#include <vector>

#include "runqueue.hpp"

namespace {

using uk::schedcoop::RunQueue;

std::vector<uk_thread> make_threads(size_t n)
{
	std::vector<uk_thread> v(n);
	for (auto &t : v)
		t = uk_thread{};
	return v;
}

// Simulates the core's yield: the running thread goes to the tail, the
// head runs next. Every thread must get a turn before anyone runs twice.
TEST(RunQueue, YieldIsRoundRobin)
{
	auto threads = make_threads(5);
	RunQueue q;
	EXPECT_FALSE(q.has_runnable());
	EXPECT_EQ(q.dequeue(), nullptr);
	for (size_t i = 1; i < threads.size(); ++i)
		q.enqueue(&threads[i]);
	uk_thread *running = &threads[0];
	std::vector<size_t> order;
	for (int step = 0; step < 15; ++step) {
		q.enqueue(running);
		running = q.dequeue();
		order.push_back(running - threads.data());
	}
	for (size_t i = 0; i < order.size(); ++i)
		EXPECT_EQ(order[i], (i + 1) % 5) << "step " << i;
}

TEST(RunQueue, BlockedThreadsLeaveTheRotation)
{
	auto threads = make_threads(3);
	RunQueue q;
	q.enqueue(&threads[1]);
	q.enqueue(&threads[2]);
	// thread 0 blocks (not re-queued): 1 runs, then 2 wakes 0 and yields
	uk_thread *running = q.dequeue();
	EXPECT_EQ(running, &threads[1]);
	q.enqueue(running);
	running = q.dequeue();
	EXPECT_EQ(running, &threads[2]);
	q.enqueue(&threads[0]); // woken
	q.enqueue(running);     // yields
	EXPECT_EQ(q.dequeue(), &threads[1]);
	EXPECT_EQ(q.dequeue(), &threads[0]);
	EXPECT_EQ(q.dequeue(), &threads[2]);
	EXPECT_FALSE(q.has_runnable());
}

}  // namespace
