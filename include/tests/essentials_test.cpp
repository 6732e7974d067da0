// SPDX-License-Identifier: BSD-3-Clause
// Host tests of include/uk: intrusive list, Result/UK_TRY, Atomic,
// UK_IS_ENABLED and the alignment helpers.
#include <gtest/gtest.h>

#include <uk/atomic.hpp>
#include <uk/essentials.h>
#include <uk/list.hpp>
#include <uk/result.hpp>

namespace {

struct Item {
	int value;
	uk::ListNode a_;
	uk::ListNode b_;
};
using ListA = uk::IntrusiveList<Item, &Item::a_>;
using ListB = uk::IntrusiveList<Item, &Item::b_>;

TEST(IntrusiveList, FifoOrderAndRemoval)
{
	Item items[4] = {{1, {}, {}}, {2, {}, {}}, {3, {}, {}}, {4, {}, {}}};
	ListA l;
	EXPECT_TRUE(l.empty());
	EXPECT_EQ(l.pop_front(), nullptr);
	for (auto &i : items)
		l.push_back(i);
	EXPECT_EQ(l.size(), 4u);
	ListA::remove(items[1]);
	EXPECT_FALSE(items[1].a_.linked());
	int seen[3], n = 0;
	for (Item &i : l)
		seen[n++] = i.value;
	EXPECT_EQ(n, 3);
	EXPECT_EQ(seen[0], 1);
	EXPECT_EQ(seen[1], 3);
	EXPECT_EQ(seen[2], 4);
	EXPECT_EQ(l.back()->value, 4);
	l.push_front(items[1]);
	EXPECT_EQ(l.pop_front()->value, 2);
	while (l.pop_front()) {
	}
	EXPECT_TRUE(l.empty());
}

TEST(IntrusiveList, ElementOnTwoListsThroughTwoNodes)
{
	Item x{10, {}, {}}, y{20, {}, {}};
	ListA a;
	ListB b;
	a.push_back(x);
	a.push_back(y);
	b.push_back(y);
	b.push_back(x);
	EXPECT_EQ(a.front()->value, 10);
	EXPECT_EQ(b.front()->value, 20);
	ListA::remove(x);
	EXPECT_EQ(b.size(), 2u);
	EXPECT_EQ(a.size(), 1u);
}

TEST(IntrusiveListDeathTest, DoubleInsertIsCaught)
{
	Item x{1, {}, {}};
	ListA a;
	a.push_back(x);
	EXPECT_DEATH(a.push_back(x), "assertion failed");
}

uk::Result<int> parse_digit(char c)
{
	if (c < '0' || c > '9')
		return uk::Error{-22};
	return c - '0';
}

uk::Result<int> add_digits(char a, char b)
{
	UK_TRY(int x, parse_digit(a));
	UK_TRY(int y, parse_digit(b));
	return x + y;
}

TEST(Result, ValueAndErrorPropagate)
{
	auto ok = add_digits('3', '4');
	ASSERT_TRUE(ok.ok());
	EXPECT_EQ(ok.value(), 7);
	auto bad = add_digits('3', 'x');
	ASSERT_FALSE(bad.ok());
	EXPECT_EQ(bad.error(), -22);
}

TEST(Atomic, BasicOperations)
{
	uk::Atomic<int> a(5);
	EXPECT_EQ(a.fetch_add(3), 5);
	EXPECT_EQ(a.load(), 8);
	int expected = 7;
	EXPECT_FALSE(a.compare_exchange(expected, 1));
	EXPECT_EQ(expected, 8);
	EXPECT_TRUE(a.compare_exchange(expected, 1));
	EXPECT_EQ(a.exchange(9), 1);
	EXPECT_EQ(a.fetch_sub(4), 9);
	EXPECT_EQ(a.load(uk::MemoryOrder::kAcquire), 5);
}

#define CONFIG_TEST_ON 1
TEST(Essentials, IsEnabledAndAlign)
{
	EXPECT_EQ(UK_IS_ENABLED(CONFIG_TEST_ON), 1);
	EXPECT_EQ(UK_IS_ENABLED(CONFIG_TEST_OFF), 0);
	EXPECT_EQ(UK_ALIGN_UP(13u, 8u), 16u);
	EXPECT_EQ(UK_ALIGN_DOWN(13u, 8u), 8u);
	EXPECT_EQ(UK_ALIGN_UP(16ul, 16ul), 16ul);
	int arr[7];
	EXPECT_EQ(UK_ARRAY_SIZE(arr), 7u);
}

}  // namespace
