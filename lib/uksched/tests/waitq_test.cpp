// SPDX-License-Identifier: BSD-3-Clause
// Wait-queue wake order and removal on the real list code, with threads
// that are only bookkeeping (no stacks, no switch).
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <vector>

#include "waitq_list.hpp"

namespace {

std::vector<uk_thread> make_threads(size_t n)
{
	std::vector<uk_thread> v(n);
	for (auto &t : v)
		t = uk_thread{};
	return v;
}

// Simulates the core's yield: the running thread goes to the tail, the
// head runs next. Every thread must get a turn before anyone runs twice.
TEST(WaitQueue, WakesInArrivalOrderAndRemovesTimedOutWaiters)
{
	auto threads = make_threads(4);
	uk_waitq wq = UK_WAITQ_INITIALIZER;
	for (auto &t : threads)
		uk::sched::waitq_append(&wq, &t);
	// thread 2 times out: it leaves from the middle
	uk::sched::waitq_remove(&wq, &threads[2]);
	EXPECT_EQ(threads[2].waiting_on, nullptr);
	EXPECT_EQ(uk::sched::waitq_pop(&wq), &threads[0]);
	EXPECT_EQ(uk::sched::waitq_pop(&wq), &threads[1]);
	// tail removal, then the last one
	uk::sched::waitq_append(&wq, &threads[2]);
	uk::sched::waitq_remove(&wq, &threads[2]);
	EXPECT_EQ(uk::sched::waitq_pop(&wq), &threads[3]);
	EXPECT_EQ(uk::sched::waitq_pop(&wq), nullptr);
	EXPECT_EQ(wq.head, nullptr);
	EXPECT_EQ(wq.tail, nullptr);
}

TEST(WaitQueue, RandomizedAgainstModel)
{
	std::mt19937 rng(7);
	auto threads = make_threads(32);
	uk_waitq wq = UK_WAITQ_INITIALIZER;
	std::vector<uk_thread *> model;
	for (int step = 0; step < 20000; ++step) {
		uk_thread *t = &threads[rng() % threads.size()];
		if (rng() % 3 == 0) {
			uk_thread *got = uk::sched::waitq_pop(&wq);
			uk_thread *want = model.empty() ? nullptr : model.front();
			ASSERT_EQ(got, want);
			if (!model.empty())
				model.erase(model.begin());
		} else if (t->waiting_on) {
			uk::sched::waitq_remove(&wq, t);
			model.erase(std::find(model.begin(), model.end(), t));
		} else {
			uk::sched::waitq_append(&wq, t);
			model.push_back(t);
		}
		ASSERT_EQ(wq.head, model.empty() ? nullptr : model.front());
		ASSERT_EQ(wq.tail, model.empty() ? nullptr : model.back());
	}
}

TEST(WaitQueueDeathTest, ThreadOnTwoQueuesIsCaught)
{
	auto threads = make_threads(1);
	uk_waitq a = UK_WAITQ_INITIALIZER, b = UK_WAITQ_INITIALIZER;
	uk::sched::waitq_append(&a, &threads[0]);
	EXPECT_DEATH(uk::sched::waitq_append(&b, &threads[0]), "assertion failed");
}

}  // namespace
