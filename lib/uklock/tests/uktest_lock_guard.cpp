// SPDX-License-Identifier: BSD-3-Clause
// In-image tests of the C++ face of uklock: guards release on every path.
#include <uk/lock.hpp>
#include <uk/plat.h>
#include <uk/test.h>

namespace {

constinit uk::Mutex guarded_mutex;

int locked_then_returned(bool early)
{
	uk::Guard<uk::Mutex> g(guarded_mutex);
	if (early)
		return 1;
	return 2;
}

}  // namespace

UK_TESTCASE(lock, cxx_guards_release_on_every_path)
{
	UK_TEST_EXPECT_EQ(locked_then_returned(true), 1);
	UK_TEST_EXPECT(!uk_mutex_is_locked(guarded_mutex.c_mutex()));
	UK_TEST_EXPECT_EQ(locked_then_returned(false), 2);
	UK_TEST_EXPECT(!uk_mutex_is_locked(guarded_mutex.c_mutex()));

	int before = ukplat_lcpu_irqs_disabled();
	{
		uk::IrqGuard outer;
		{
			uk::IrqGuard inner;
			UK_TEST_EXPECT(ukplat_lcpu_irqs_disabled());
		}
		UK_TEST_EXPECT(ukplat_lcpu_irqs_disabled()); /* nesting */
	}
	UK_TEST_EXPECT_EQ(ukplat_lcpu_irqs_disabled(), before);

	uk::Semaphore s(1);
	UK_TEST_EXPECT(s.try_down());
	UK_TEST_EXPECT(!s.try_down());
	s.up();
	UK_TEST_EXPECT(s.try_down());
}
