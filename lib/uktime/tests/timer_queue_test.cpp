// SPDX-License-Identifier: BSD-3-Clause
// Timer ordering: deadline order, FIFO among equal deadlines, re-arming,
// cancelling anywhere, and a randomized comparison with a model.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <vector>

#include "timer_queue.hpp"

namespace {

using uk::time::TimerQueue;

std::vector<int> drain(TimerQueue &q, uint64_t now)
{
	std::vector<int> ids;
	while (uk_timer *t = q.pop_expired(now))
		ids.push_back(static_cast<int>(reinterpret_cast<intptr_t>(t->arg)));
	return ids;
}

uk_timer make(int id)
{
	return uk_timer{0, nullptr, reinterpret_cast<void *>(intptr_t{id}), nullptr, nullptr, 0};
}

TEST(TimerQueue, FiresInDeadlineOrderOnlyWhenDue)
{
	TimerQueue q;
	uk_timer a = make(1), b = make(2), c = make(3);
	q.arm(&a, 300);
	q.arm(&b, 100);
	q.arm(&c, 200);
	EXPECT_EQ(q.next_deadline(), 100u);
	EXPECT_EQ(drain(q, 99), std::vector<int>{});
	EXPECT_EQ(drain(q, 200), (std::vector<int>{2, 3}));
	EXPECT_EQ(q.next_deadline(), 300u);
	EXPECT_EQ(drain(q, 1000), std::vector<int>{1});
	EXPECT_EQ(q.next_deadline(), UK_TIME_NEVER);
	EXPECT_FALSE(a.armed);
}

TEST(TimerQueue, EqualDeadlinesKeepArmingOrder)
{
	TimerQueue q;
	uk_timer t[5] = {make(0), make(1), make(2), make(3), make(4)};
	q.arm(&t[3], 50);
	q.arm(&t[0], 50);
	q.arm(&t[4], 10);
	q.arm(&t[1], 50);
	q.arm(&t[2], 50);
	EXPECT_EQ(drain(q, 50), (std::vector<int>{4, 3, 0, 1, 2}));
}

TEST(TimerQueue, RearmMovesAndCancelRemovesAnywhere)
{
	TimerQueue q;
	uk_timer a = make(1), b = make(2), c = make(3);
	q.arm(&a, 10);
	q.arm(&b, 20);
	q.arm(&c, 30);
	q.arm(&a, 40); // re-arm: now last
	EXPECT_TRUE(q.cancel(&b));
	EXPECT_FALSE(q.cancel(&b));
	EXPECT_EQ(drain(q, 100), (std::vector<int>{3, 1}));
	EXPECT_FALSE(q.cancel(&a));
}

TEST(TimerQueue, RandomizedAgainstModel)
{
	for (unsigned seed = 1; seed <= 5; ++seed) {
		std::mt19937 rng(seed);
		TimerQueue q;
		std::vector<uk_timer> timers(64);
		for (size_t i = 0; i < timers.size(); ++i)
			timers[i] = make(static_cast<int>(i));
		// model: (deadline, arm sequence) per armed timer
		std::vector<std::pair<uint64_t, uint64_t>> model(64, {0, 0});
		std::vector<bool> armed(64, false);
		uint64_t seq = 0, now = 0;
		for (int step = 0; step < 20000; ++step) {
			size_t i = rng() % timers.size();
			switch (rng() % 4) {
			case 0:
			case 1: {
				uint64_t d = now + rng() % 1000;
				q.arm(&timers[i], d);
				model[i] = {d, ++seq};
				armed[i] = true;
				break;
			}
			case 2:
				EXPECT_EQ(q.cancel(&timers[i]), armed[i]);
				armed[i] = false;
				break;
			default: {
				now += rng() % 300;
				std::vector<std::pair<std::pair<uint64_t, uint64_t>, int>> due;
				for (size_t k = 0; k < armed.size(); ++k)
					if (armed[k] && model[k].first <= now)
						due.push_back({model[k], static_cast<int>(k)});
				std::sort(due.begin(), due.end());
				std::vector<int> want;
				for (auto &d : due) {
					want.push_back(d.second);
					armed[d.second] = false;
				}
				ASSERT_EQ(drain(q, now), want) << "seed " << seed << " step " << step;
			}
			}
			uint64_t earliest = UK_TIME_NEVER;
			for (size_t k = 0; k < armed.size(); ++k)
				if (armed[k])
					earliest = std::min(earliest, model[k].first);
			ASSERT_EQ(q.next_deadline(), earliest);
			ASSERT_EQ(q.cached_next_deadline(), earliest);
		}
	}
}

}  // namespace
