// SPDX-License-Identifier: BSD-3-Clause
//
// The interrupt handler table shared by the KVM platforms.

#include <uk/plat/irq_table.hpp>

#include <vector>

#include <gtest/gtest.h>

// The table disables interrupts around updates: count the calls.
static int irqs_off_depth = 0;
extern "C" unsigned long ukplat_lcpu_save_irqf(void) { return irqs_off_depth++; }
extern "C" void ukplat_lcpu_restore_irqf(unsigned long f) { irqs_off_depth = static_cast<int>(f); }

namespace {

std::vector<int> calls;

int record(void *arg)
{
	calls.push_back(static_cast<int>(reinterpret_cast<intptr_t>(arg)));
	return 1;
}
int other(void *) { return 0; }
void *tag(int v) { return reinterpret_cast<void *>(static_cast<intptr_t>(v)); }

TEST(IrqTable, SharedLinesRunInRegistrationOrder)
{
	static uk::plat::IrqTable<8, 4> t;
	calls.clear();
	ASSERT_EQ(t.add(3, record, tag(1)), 0);
	ASSERT_EQ(t.add(3, record, tag(2)), 0);
	ASSERT_EQ(t.add(5, record, tag(3)), 0);
	EXPECT_EQ(irqs_off_depth, 0);
	t.dispatch(3);
	EXPECT_EQ(calls, (std::vector<int>{1, 2}));
	t.dispatch(7); // nothing there
	t.dispatch(100); // out of range: ignored
	EXPECT_EQ(calls.size(), 2u);
	EXPECT_TRUE(t.has(5));
	EXPECT_FALSE(t.has(4));
	EXPECT_TRUE(t.any(0, 8));
	EXPECT_FALSE(t.any(6, 8));
	EXPECT_TRUE(t.any(5, 6));
}

TEST(IrqTable, RemoveExactHandlerAndReuseSlots)
{
	static uk::plat::IrqTable<4, 2> t;
	calls.clear();
	ASSERT_EQ(t.add(1, record, tag(1)), 0);
	ASSERT_EQ(t.add(1, record, tag(2)), 0);
	EXPECT_EQ(t.add(2, record, tag(3)), -UK_ENOMEM); // pool of two
	EXPECT_EQ(t.remove(1, record, tag(3)), -UK_ENOENT);
	EXPECT_EQ(t.remove(1, other, tag(1)), -UK_ENOENT);
	EXPECT_EQ(t.remove(1, record, tag(1)), 0);
	EXPECT_EQ(t.add(2, record, tag(3)), 0); // the freed slot
	t.dispatch(1);
	t.dispatch(2);
	EXPECT_EQ(calls, (std::vector<int>{2, 3}));
	EXPECT_EQ(t.add(4, record, nullptr), -UK_EINVAL);
	EXPECT_EQ(t.add(0, nullptr, nullptr), -UK_EINVAL);
	EXPECT_EQ(t.remove(9, record, nullptr), -UK_EINVAL);
}

}  // namespace
