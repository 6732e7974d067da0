// SPDX-License-Identifier: BSD-3-Clause
//
// The device side of a split virtqueue for host tests: it reads the
// available ring and descriptor chains the driver published (checking
// them as a strict device would: chains inside the table, no loops, the
// flags the driver set), writes used entries, and decides notifications
// and interrupts by the spec's rules, counting them. Misbehaviour is
// explicit: raw used entries and raw used indices, and scribbling on the
// descriptor table.
#pragma once

#include <deque>
#include <vector>

#include <gtest/gtest.h>

#include "virtqueue.hpp"

namespace uk::virtio::test {

struct Chain {
	uint16_t head;
	std::vector<VringDesc> segs;
	uint32_t writable() const
	{
		uint32_t n = 0;
		for (const VringDesc &d : segs)
			if (d.flags & kDescFWrite)
				n += d.len;
		return n;
	}
};

class SimDevice {
public:
	SimDevice(const Virtqueue &vq, bool event_idx)
		: num_(vq.size()), event_idx_(event_idx),
		  desc_(reinterpret_cast<VringDesc *>(vq.desc_addr())),
		  avail_(reinterpret_cast<volatile uint16_t *>(vq.avail_addr())),
		  used_(reinterpret_cast<volatile uint16_t *>(vq.used_addr()))
	{
	}

	// ---- what the device publishes about itself ----------------------
	void set_no_notify(bool on) { used_[0] = on ? kUsedFNoNotify : 0; }
	/** Event index: "notify me once the avail index passes @p idx". */
	void set_avail_event(uint16_t idx) { used_ring_end()[0] = idx; }
	/** Sleep: ask for a notification at the next new chain. */
	void wait_for_next() { set_avail_event(last_avail_); }

	/** The driver notified (the test calls this when publish() says so). */
	void notify() { ++notifications; }

	// ---- taking work -------------------------------------------------
	/** Reads every newly available chain. @return how many. */
	unsigned consume(unsigned max = ~0u)
	{
		unsigned n = 0;
		const uint16_t idx = avail_[1];
		while (last_avail_ != idx && n < max) {
			const uint16_t head = avail_[2 + (last_avail_ & (num_ - 1))];
			++last_avail_;
			pending.push_back(read_chain(head));
			++n;
		}
		return n;
	}

	// ---- giving work back --------------------------------------------
	/** Completes the oldest pending chain with @p len bytes written. */
	void complete_oldest(uint32_t len)
	{
		ASSERT_FALSE(pending.empty());
		Chain c = pending.front();
		pending.pop_front();
		write_used(c.head, len);
	}
	/** Completes the newest pending chain (out of order). */
	void complete_newest(uint32_t len)
	{
		ASSERT_FALSE(pending.empty());
		Chain c = pending.back();
		pending.pop_back();
		write_used(c.head, len);
	}
	/** A raw used entry, whatever it says; bumps the used index. */
	void write_used(uint32_t id, uint32_t len)
	{
		volatile VringUsedElem *ring = reinterpret_cast<volatile VringUsedElem *>(used_ + 2);
		ring[used_idx_ & (num_ - 1)].id = id;
		ring[used_idx_ & (num_ - 1)].len = len;
		const uint16_t old = used_idx_;
		used_[1] = ++used_idx_;
		maybe_interrupt(old, used_idx_);
	}
	/** Moves the used index without writing entries. */
	void set_used_idx(uint16_t v) { used_[1] = used_idx_ = v; }
	/** Overwrites the next field of every descriptor (the device may
	 * write anywhere in shared memory). */
	void scribble_on_descriptors(uint16_t v)
	{
		for (uint16_t i = 0; i < num_; ++i)
			desc_[i].next = v;
	}

	std::deque<Chain> pending;
	unsigned notifications = 0;
	unsigned interrupts = 0;

private:
	volatile uint16_t *used_ring_end() const
	{
		return reinterpret_cast<volatile uint16_t *>(
			reinterpret_cast<volatile VringUsedElem *>(used_ + 2) + num_);
	}
	uint16_t used_event() const { return avail_[2 + num_]; }

	void maybe_interrupt(uint16_t old_idx, uint16_t new_idx)
	{
		if (event_idx_) {
			if (need_event(used_event(), new_idx, old_idx))
				++interrupts;
		} else if (!(avail_[0] & kAvailFNoInterrupt)) {
			++interrupts;
		}
	}

	Chain read_chain(uint16_t head)
	{
		Chain c{head, {}};
		EXPECT_LT(head, num_) << "available ring names a descriptor outside the table";
		uint16_t d = head;
		for (unsigned hops = 0;; ++hops) {
			EXPECT_LT(hops, num_) << "descriptor chain loops";
			if (hops >= num_ || d >= num_)
				break;
			c.segs.push_back(desc_[d]);
			EXPECT_NE(desc_[d].addr, 0u);
			if (!(desc_[d].flags & kDescFNext))
				break;
			d = desc_[d].next;
		}
		return c;
	}

	uint16_t num_;
	bool event_idx_;
	VringDesc *desc_;
	volatile uint16_t *avail_;
	volatile uint16_t *used_;
	uint16_t last_avail_ = 0;
	uint16_t used_idx_ = 0;
};

}  // namespace uk::virtio::test
