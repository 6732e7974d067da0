// SPDX-License-Identifier: BSD-3-Clause
//
// Grant-table bookkeeping (v1 entries), pure code over the mapped table,
// host-tested (tests/grant_table_test.cpp) with a simulated peer that
// sets GTF_reading/GTF_writing as Xen does while it maps a grant.
//
// Protocol (grant_table.h): to grant, write frame and domid, then (after a
// write barrier) the flags that make the entry valid; to end, atomically
// swap the flags to 0 only if Xen does not hold the grant mapped or in a
// copy (GTF_reading/GTF_writing), else the peer still uses the page.
// Free entries (flags 0, ignored by Xen) are chained through their frame
// field: no memory besides the table. The first kReserved entries belong
// to the toolstack (console, xenstore) and are never handed out.
#pragma once

#include <uk/errno.h>
#include <uk/essentials.h>
#include <uk/result.hpp>

#include "abi.hpp"

namespace uk::xen {

class GrantTable {
public:
	static constexpr abi::grant_ref_t kReserved = 8;
	static constexpr abi::grant_ref_t kNone = ~0u;

	constexpr GrantTable() = default;

	/** Takes over @p n entries at @p entries (all of them: the free
	 * list is rebuilt; reserved entries are left as they are). */
	void reset(abi::GrantEntryV1 *entries, uint32_t n)
	{
		entries_ = entries;
		size_ = n;
		free_ = kNone;
		nfree_ = 0;
		for (uint32_t r = n; r-- > kReserved;)
			release(r);
	}

	/** Grants @p domid access to machine frame @p frame.
	 * @return the reference, or -ENOSPC when every entry is in use. */
	Result<abi::grant_ref_t> grant(abi::domid_t domid, uint64_t frame, bool readonly)
	{
		if (free_ == kNone)
			return Error{-UK_ENOSPC};
		abi::grant_ref_t ref = free_;
		abi::GrantEntryV1 &e = entries_[ref];
		free_ = e.frame;
		--nfree_;
		e.frame = static_cast<uint32_t>(frame);
		e.domid = domid;
		uint16_t flags = abi::kGtfPermitAccess | (readonly ? abi::kGtfReadonly : 0);
		__atomic_store_n(&e.flags, flags, __ATOMIC_RELEASE);
		return ref;
	}

	/**
	 * Revokes grant @p ref. @return 0 (the entry is free again); -EBUSY
	 * while the peer has it mapped (try again after it unmapped);
	 * -EINVAL for a reference that is reserved, out of range or not
	 * granted.
	 */
	int end(abi::grant_ref_t ref)
	{
		if (ref < kReserved || ref >= size_)
			return -UK_EINVAL;
		abi::GrantEntryV1 &e = entries_[ref];
		uint16_t flags = __atomic_load_n(&e.flags, __ATOMIC_ACQUIRE);
		do {
			if ((flags & 3) != abi::kGtfPermitAccess)
				return -UK_EINVAL;
			if (flags & (abi::kGtfReading | abi::kGtfWriting))
				return -UK_EBUSY;
		} while (!__atomic_compare_exchange_n(&e.flags, &flags, 0, false, __ATOMIC_ACQ_REL,
						      __ATOMIC_ACQUIRE));
		release(ref);
		return 0;
	}

	[[nodiscard]] uint32_t free_count() const { return nfree_; }
	[[nodiscard]] uint32_t size() const { return size_; }

private:
	void release(abi::grant_ref_t ref)
	{
		abi::GrantEntryV1 &e = entries_[ref];
		e.flags = 0;
		e.domid = 0;
		e.frame = free_;
		free_ = ref;
		++nfree_;
	}

	abi::GrantEntryV1 *entries_ = nullptr;
	uint32_t size_ = 0;
	abi::grant_ref_t free_ = kNone;
	uint32_t nfree_ = 0;
};

}  // namespace uk::xen
