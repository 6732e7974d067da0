// SPDX-License-Identifier: BSD-3-Clause
//
// The shape of ukplat_lcpu_halt_until() on every platform with a one-shot
// timer: interrupts off, the timer armed for the deadline (or disarmed
// for none; a deadline already past returns at once), then the arch's
// wait, which must end on any interrupt that is pending or arrives, even
// one that became pending before it (sti;hlt, WFI, SCHEDOP_block), and
// lets the handlers run; then the caller's interrupt state again.
#pragma once

#include <uk/plat.h>

namespace uk::plat {

template <class Arm, class Disarm, class Wait>
void halt_until(uint64_t deadline_ns, Arm arm, Disarm disarm, Wait wait)
{
	unsigned long flags = ukplat_lcpu_save_irqf();
	if (deadline_ns != UKPLAT_TIME_NEVER) {
		if (deadline_ns <= ukplat_monotonic_clock()) {
			ukplat_lcpu_restore_irqf(flags);
			return;
		}
		arm(deadline_ns);
	} else {
		disarm();
	}
	wait();
	ukplat_lcpu_restore_irqf(flags);
}

// For the platforms' in-image tests: halts until deadlines 1 us .. 2 ms
// ahead, again while a wake comes early (at most 100 halts in all).
struct HaltProbe {
	int halts;
	uint64_t worst_late_ns;
};

inline HaltProbe halt_through_deadlines()
{
	HaltProbe r{0, 0};
	constexpr uint64_t kAhead[] = {1000, 50000, 500000, 2000000};
	for (uint64_t ahead : kAhead) {
		uint64_t deadline = ukplat_monotonic_clock() + ahead;
		while (ukplat_monotonic_clock() < deadline && r.halts < 100) {
			ukplat_lcpu_halt_until(deadline);
			++r.halts;
		}
		uint64_t late = ukplat_monotonic_clock() - deadline;
		r.worst_late_ns = late > r.worst_late_ns ? late : r.worst_late_ns;
	}
	return r;
}

}  // namespace uk::plat
