// SPDX-License-Identifier: BSD-3-Clause
//
// The producer side of the PV console's output ring (io/console.h): we
// write out[] and advance out_prod, the backend (xenconsoled) reads and
// advances out_cons. Indices are free-running 32-bit counters; the ring
// size is a power of two. Pure code over the shared page, host-tested
// against a simulated backend (tests/console_ring_test.cpp).
#pragma once

#include <uk/essentials.h>

#include "abi.hpp"

namespace uk::xen {

class ConsoleRing {
public:
	static constexpr uint32_t kSize = sizeof(abi::XenconsInterface::out);
	static_assert((kSize & (kSize - 1)) == 0);

	constexpr explicit ConsoleRing(abi::XenconsInterface *intf) : intf_(intf) {}

	/**
	 * Copies what fits of @p buf into the ring, "\n" as "\r\n" (never
	 * split), and publishes it.
	 * @return the number of bytes of @p buf consumed (0: the ring is full).
	 */
	size_t put(const char *buf, size_t len)
	{
		uint32_t cons = __atomic_load_n(&intf_->out_cons, __ATOMIC_ACQUIRE);
		uint32_t prod = intf_->out_prod;
		uint32_t used = prod - cons;
		if (used > kSize)
			return 0; // a corrupt index from the other side: write nothing
		size_t i = 0;
		for (; i < len; ++i) {
			uint32_t need = buf[i] == '\n' ? 2 : 1;
			if (kSize - (prod - cons) < need)
				break;
			if (buf[i] == '\n')
				intf_->out[prod++ % kSize] = '\r';
			intf_->out[prod++ % kSize] = buf[i];
		}
		// The bytes before the index that makes them visible.
		__atomic_store_n(&intf_->out_prod, prod, __ATOMIC_RELEASE);
		return i;
	}

	/** @return true when the backend has read everything. */
	bool drained() const
	{
		return __atomic_load_n(&intf_->out_cons, __ATOMIC_ACQUIRE) == intf_->out_prod;
	}

private:
	abi::XenconsInterface *intf_;
};

}  // namespace uk::xen
