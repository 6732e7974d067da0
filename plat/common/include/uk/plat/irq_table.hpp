// SPDX-License-Identifier: BSD-3-Clause
//
// The handlers of each interrupt line, for a platform's uk/plat/irq.h:
// a fixed pool chained per line, so registration never allocates. On one
// CPU the only lock needed against dispatch is interrupts off, which
// add() and remove() take themselves; dispatch() runs with them off.
#pragma once

#include <uk/errno.h>
#include <uk/irq.hpp>

namespace uk::plat {

template <unsigned kLines, int kHandlers = 64>
class IrqTable {
	static_assert(kHandlers < 256, "chain links are bytes");

public:
	using Fn = int (*)(void *);

	/** Appends @p fn to @p line's chain: a shared line runs its
	 * handlers in registration order. @return 0, -EINVAL, -ENOMEM. */
	int add(unsigned line, Fn fn, void *arg)
	{
		if (line >= kLines || !fn)
			return -UK_EINVAL;
		IrqGuard guard;
		for (int i = 0; i < kHandlers; ++i) {
			if (pool_[i].fn)
				continue;
			pool_[i] = Handler{fn, arg, 0};
			uint8_t *link = &first_[line];
			while (*link)
				link = &pool_[*link - 1].next;
			*link = static_cast<uint8_t>(i + 1);
			return 0;
		}
		return -UK_ENOMEM;
	}

	/** Removes the handler added with exactly @p fn and @p arg.
	 * @return 0, -EINVAL, or -ENOENT. */
	int remove(unsigned line, Fn fn, void *arg)
	{
		if (line >= kLines || !fn)
			return -UK_EINVAL;
		IrqGuard guard;
		for (uint8_t *link = &first_[line]; *link; link = &pool_[*link - 1].next) {
			Handler &h = pool_[*link - 1];
			if (h.fn == fn && h.arg == arg) {
				*link = h.next;
				h = Handler{nullptr, nullptr, 0};
				return 0;
			}
		}
		return -UK_ENOENT;
	}

	/** Runs every handler of @p line (interrupts off). */
	void dispatch(unsigned line) const
	{
		if (line >= kLines)
			return;
		for (uint8_t i = first_[line]; i != 0; i = pool_[i - 1].next)
			pool_[i - 1].fn(pool_[i - 1].arg);
	}

	/** @return whether @p line has a handler. */
	bool has(unsigned line) const { return line < kLines && first_[line] != 0; }

	/** @return whether any line in [lo, hi) has a handler. */
	bool any(unsigned lo, unsigned hi) const
	{
		for (unsigned l = lo; l < hi && l < kLines; ++l)
			if (first_[l])
				return true;
		return false;
	}

private:
	struct Handler {
		Fn fn; // nullptr: free slot
		void *arg;
		uint8_t next; // pool index + 1, 0 ends the chain
	};
	Handler pool_[kHandlers]{};
	uint8_t first_[kLines]{}; // pool index + 1, 0: no handler
};

}  // namespace uk::plat
