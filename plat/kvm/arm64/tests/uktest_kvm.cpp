// SPDX-License-Identifier: BSD-3-Clause
//
// In-image tests of the KVM arm64 CPU code: the exception level and FP,
// the interrupt mask, the generic timer (its interrupt through the GIC,
// registration, dispatch and EOI), a software-generated interrupt, and
// the page tables the crash report and the guard pages rely on. Crashes
// themselves are boot tests (tests/apps).

#include <uk/arch/lcpu.h>
#include <uk/errno.h>
#include <uk/plat.h>
#include <uk/plat/irq.h>
#include <uk/print.h>
#include <uk/plat/halt.hpp>
#include <uk/test.h>

#include "../arm64.hpp"
#include "../pagetable.hpp"

using namespace uk::kvm;

extern "C" char __kvm_load_start[], __kvm_rodata_start[], __kvm_data_start[], boot_stack_bottom[];

UK_TESTCASE(kvm, runs_at_el1_with_fp_enabled)
{
	UK_TEST_EXPECT_EQ((UK_ARM64_READ_SYSREG(CurrentEL) >> 2) & 3, 1u);
	UK_TEST_EXPECT_EQ((UK_ARM64_READ_SYSREG(cpacr_el1) >> 20) & 3, 3u);
	volatile double x = 2.0;
	UK_TEST_EXPECT_EQ(static_cast<int>(x * x * 1.5), 6);
	// Threads run on SP_EL0, exceptions on SP_EL1 (vectors.S).
	UK_TEST_EXPECT_EQ(UK_ARM64_READ_SYSREG(spsel), 0u);
}

UK_TESTCASE(kvm, irq_mask_nests)
{
	constexpr unsigned long kI = 1u << 7;
	unsigned long outer = ukplat_lcpu_save_irqf();
	ukplat_lcpu_restore_irqf(0);
	UK_TEST_EXPECT_ZERO(ukplat_lcpu_irqs_disabled());
	unsigned long a = ukplat_lcpu_save_irqf();
	UK_TEST_EXPECT_ZERO(a);
	UK_TEST_EXPECT_EQ(ukplat_lcpu_irqs_disabled(), 1);
	unsigned long b = ukplat_lcpu_save_irqf();
	UK_TEST_EXPECT_EQ(b, kI);
	ukplat_lcpu_restore_irqf(b);
	UK_TEST_EXPECT_EQ(ukplat_lcpu_irqs_disabled(), 1);
	ukplat_lcpu_restore_irqf(a);
	UK_TEST_EXPECT_ZERO(ukplat_lcpu_irqs_disabled());
	ukplat_lcpu_restore_irqf(outer);
}

UK_TESTCASE(kvm, counter_and_clocks)
{
	uint64_t hz = counter_hz();
	UK_TEST_ASSERT_GT(hz, 1000000ULL);
	UK_TEST_ASSERT_LT(hz, 10000000000ULL);
	uint64_t t0 = ukplat_monotonic_clock();
	uint64_t c0 = ukarch_rdtsc();
	while (ukarch_rdtsc() - c0 < hz / 1000) // 1 ms of counter
		;
	uint64_t dt = ukplat_monotonic_clock() - t0;
	UK_TEST_EXPECT_GE(dt, 1000000ULL);
	UK_TEST_EXPECT_LT(dt, 50000000ULL);
	uk_pr_info("generic timer %llu Hz, virtual timer INTID %u, GICv%d\n",
		   (unsigned long long)hz, timer_intid(), gic_version() == GicVersion::kV3 ? 3 : 2);
}

static int count_tick(void *arg)
{
	auto *n = static_cast<volatile int *>(arg);
	*n = *n + 1;
	return 1;
}

// Halts until deadlines 1 us .. 2 ms ahead: each must end at or after its
// deadline, with the registered handler run once per timer interrupt.
UK_TESTCASE(kvm, timer_wakes_halt_on_time)
{
	volatile int ticks = 0;
	UK_TEST_ASSERT_ZERO(ukplat_irq_register(UKPLAT_IRQ_TIMER, count_tick, const_cast<int *>(&ticks)));
	int disabled = ukplat_lcpu_irqs_disabled();
	auto [halts, worst_late] = uk::plat::halt_through_deadlines();
	UK_TEST_EXPECT_EQ(ukplat_lcpu_irqs_disabled(), disabled);
	UK_TEST_EXPECT_ZERO(ukplat_irq_unregister(UKPLAT_IRQ_TIMER, count_tick, const_cast<int *>(&ticks)));
	UK_TEST_EXPECT_LT(halts, 100);
	UK_TEST_EXPECT_GE(ticks, 1);
	UK_TEST_EXPECT_LT(worst_late, 50000000ULL); // generous: TCG on a busy host
	uk_pr_info("%d halts, %d timer interrupts, latest wake %llu ns late\n", halts, ticks,
		   (unsigned long long)worst_late);
}

UK_TESTCASE(kvm, halt_with_past_deadline_returns_at_once)
{
	uint64_t t0 = ukplat_monotonic_clock();
	ukplat_lcpu_halt_until(t0 > 0 ? t0 - 1 : 0);
	UK_TEST_EXPECT_LT(ukplat_monotonic_clock() - t0, 1000000ULL);
}

// An SGI to this CPU goes through the whole path (distributor or
// redistributor, acknowledge, dispatch, end of interrupt). Without the
// EOI the second one would never arrive.
UK_TESTCASE(kvm, software_interrupt_is_dispatched_and_ended)
{
	constexpr unsigned kSgi = 3;
	volatile int hits = 0;
	UK_TEST_ASSERT_ZERO(ukplat_irq_register(kSgi, count_tick, const_cast<int *>(&hits)));
	unsigned long f = ukplat_lcpu_save_irqf();
	for (int round = 1; round <= 3; ++round) {
		gic_send_sgi_self(kSgi);
		for (int spin = 0; spin < 100000 && hits < round; ++spin) {
			ukplat_lcpu_restore_irqf(0);
			__asm__ __volatile__("isb");
			ukplat_lcpu_save_irqf();
		}
		UK_TEST_EXPECT_EQ(hits, round);
	}
	ukplat_lcpu_restore_irqf(f);
	UK_TEST_EXPECT_ZERO(ukplat_irq_unregister(kSgi, count_tick, const_cast<int *>(&hits)));
}

static int nop_handler(void *) { return 0; }

UK_TESTCASE(kvm, irq_registration_checks_and_pool)
{
	int dummy;
	UK_TEST_EXPECT_EQ(ukplat_irq_register(UKPLAT_IRQ_DEVICE_MAX, nop_handler, nullptr), -UK_EINVAL);
	UK_TEST_EXPECT_EQ(ukplat_irq_register(40, nullptr, nullptr), -UK_EINVAL);
	UK_TEST_EXPECT_EQ(ukplat_irq_unregister(40, nop_handler, nullptr), -UK_ENOENT);
	UK_TEST_EXPECT_EQ(ukplat_irq_set_trigger(20, UKPLAT_IRQ_EDGE), -UK_EINVAL); // a PPI
	UK_TEST_EXPECT_EQ(ukplat_irq_set_trigger(40, 7), -UK_EINVAL);
	UK_TEST_EXPECT_ZERO(ukplat_irq_set_trigger(40, UKPLAT_IRQ_EDGE));
	UK_TEST_EXPECT_ZERO(ukplat_irq_set_trigger(40, UKPLAT_IRQ_LEVEL));
	UK_TEST_EXPECT_ZERO(ukplat_lcpu_has_async_events());
	int n = 0;
	while (n < 1000 && ukplat_irq_register(40, nop_handler, &dummy) == 0)
		++n;
	UK_TEST_EXPECT_EQ(ukplat_irq_register(41, nop_handler, nullptr), -UK_ENOMEM);
	UK_TEST_EXPECT_GT(n, 8);
	UK_TEST_EXPECT_LT(n, 1000);
	UK_TEST_EXPECT_EQ(ukplat_lcpu_has_async_events(), 1);
	for (int i = 0; i < n; ++i)
		UK_TEST_EXPECT_ZERO(ukplat_irq_unregister(40, nop_handler, &dummy));
	UK_TEST_EXPECT_ZERO(ukplat_lcpu_has_async_events());
}

UK_TESTCASE(kvm, page_tables_give_each_part_its_permissions)
{
	using namespace uk::kvm::pt;
	int local = 0;
	uint64_t text = vaddr_descriptor(reinterpret_cast<uintptr_t>(__kvm_load_start));
	uint64_t ro = vaddr_descriptor(reinterpret_cast<uintptr_t>(__kvm_rodata_start));
	uint64_t data = vaddr_descriptor(reinterpret_cast<uintptr_t>(__kvm_data_start));
	uint64_t stack = vaddr_descriptor(reinterpret_cast<uintptr_t>(&local));
	uint64_t uart = vaddr_descriptor(kEarlyUart);
	UK_TEST_EXPECT(text && (text & kApReadOnly) && !(text & kPxn));
	UK_TEST_EXPECT(ro && (ro & kApReadOnly) && (ro & kPxn));
	UK_TEST_EXPECT(data && !(data & kApReadOnly) && (data & kPxn));
	UK_TEST_EXPECT(stack && !(stack & kApReadOnly) && (stack & kPxn));
	UK_TEST_EXPECT_EQ(uart & attr_index(7), attr_index(kMairDevice));
	UK_TEST_EXPECT_EQ(text & attr_index(7), attr_index(kMairNormal));
	UK_TEST_EXPECT(!vaddr_readable(0));                  // null pointers fault
	UK_TEST_EXPECT(!vaddr_readable(0x1ff000));
	UK_TEST_EXPECT(!vaddr_readable(reinterpret_cast<uintptr_t>(boot_stack_bottom)));
	UK_TEST_EXPECT(!vaddr_readable(1ULL << 39));         // beyond the VA space
}

UK_TESTCASE(kvm, guard_page_comes_and_goes)
{
	alignas(4096) static char pages[3][4096];
	pages[1][100] = 42;
	auto *p = pages[1];
	UK_TEST_ASSERT_ZERO(ukplat_page_guard(p, 4096));
	UK_TEST_EXPECT(!vaddr_readable(reinterpret_cast<uintptr_t>(p)));
	UK_TEST_EXPECT(vaddr_readable(reinterpret_cast<uintptr_t>(pages[0])));
	UK_TEST_EXPECT(vaddr_readable(reinterpret_cast<uintptr_t>(pages[2])));
	UK_TEST_ASSERT_ZERO(ukplat_page_unguard(p, 4096));
	UK_TEST_EXPECT(vaddr_readable(reinterpret_cast<uintptr_t>(p)));
	UK_TEST_EXPECT_EQ(static_cast<int>(*static_cast<volatile char *>(&p[100])), 42);
	UK_TEST_EXPECT_EQ(ukplat_page_guard(p + 1, 4096), -UK_EINVAL);
}
