// SPDX-License-Identifier: BSD-3-Clause
// grant_table.hpp on a plain array standing in for the mapped table, with
// a simulated peer that sets GTF_reading/GTF_writing as Xen does while a
// grant is mapped; random operations against a model.
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>
#include <vector>

#include "grant_table.hpp"

using namespace uk::xen;

namespace {

struct Table {
	std::vector<uk::xen::abi::GrantEntryV1> entries;
	GrantTable gt;
	explicit Table(uint32_t n) : entries(n)
	{
		for (uint32_t i = 0; i < GrantTable::kReserved && i < n; ++i)
			entries[i] = uk::xen::abi::GrantEntryV1{uk::xen::abi::kGtfPermitAccess, 0, 0x1000 + i}; // toolstack's
		gt.reset(entries.data(), n);
	}
};

}  // namespace

TEST(GrantTable, GrantWritesTheEntryAndEndFreesIt)
{
	Table t(64);
	EXPECT_EQ(t.gt.free_count(), 64u - GrantTable::kReserved);
	auto r = t.gt.grant(7, 0xabcde, false);
	ASSERT_TRUE(r.ok());
	uk::xen::abi::grant_ref_t ref = r.value();
	EXPECT_GE(ref, GrantTable::kReserved);
	EXPECT_EQ(t.entries[ref].flags, uk::xen::abi::kGtfPermitAccess);
	EXPECT_EQ(t.entries[ref].domid, 7);
	EXPECT_EQ(t.entries[ref].frame, 0xabcdeu);
	auto ro = t.gt.grant(3, 0x55, true);
	ASSERT_TRUE(ro.ok());
	EXPECT_EQ(t.entries[ro.value()].flags, uk::xen::abi::kGtfPermitAccess | uk::xen::abi::kGtfReadonly);
	EXPECT_EQ(t.gt.end(ref), 0);
	EXPECT_EQ(t.entries[ref].flags, 0);
	EXPECT_EQ(t.gt.end(ref), -UK_EINVAL); // not granted any more
	EXPECT_EQ(t.gt.end(ro.value()), 0);
	EXPECT_EQ(t.gt.free_count(), 64u - GrantTable::kReserved);
}

TEST(GrantTable, PeerMappingMakesEndBusy)
{
	Table t(16);
	uk::xen::abi::grant_ref_t ref = t.gt.grant(1, 42, false).take();
	t.entries[ref].flags |= uk::xen::abi::kGtfReading | uk::xen::abi::kGtfWriting; // Xen maps it
	EXPECT_EQ(t.gt.end(ref), -UK_EBUSY);
	EXPECT_EQ(t.entries[ref].domid, 1); // still granted
	t.entries[ref].flags &= ~uk::xen::abi::kGtfWriting;
	EXPECT_EQ(t.gt.end(ref), -UK_EBUSY); // still read-mapped
	t.entries[ref].flags &= ~uk::xen::abi::kGtfReading; // unmapped
	EXPECT_EQ(t.gt.end(ref), 0);
}

TEST(GrantTable, ReservedAndOutOfRangeRefsAreRefused)
{
	Table t(16);
	for (uk::xen::abi::grant_ref_t r = 0; r < GrantTable::kReserved; ++r)
		EXPECT_EQ(t.gt.end(r), -UK_EINVAL);
	EXPECT_EQ(t.gt.end(16), -UK_EINVAL);
	EXPECT_EQ(t.gt.end(GrantTable::kNone), -UK_EINVAL);
	for (uint32_t i = 0; i < GrantTable::kReserved; ++i)
		EXPECT_EQ(t.entries[i].frame, 0x1000 + i); // the toolstack's, untouched
}

TEST(GrantTable, ExhaustionThenEveryRefComesBack)
{
	Table t(40);
	std::set<uk::xen::abi::grant_ref_t> refs;
	for (;;) {
		auto r = t.gt.grant(0, 1, true);
		if (!r.ok()) {
			EXPECT_EQ(r.error(), -UK_ENOSPC);
			break;
		}
		EXPECT_TRUE(refs.insert(r.value()).second) << "ref handed out twice";
	}
	EXPECT_EQ(refs.size(), 40u - GrantTable::kReserved);
	EXPECT_EQ(t.gt.free_count(), 0u);
	for (uk::xen::abi::grant_ref_t r : refs)
		EXPECT_EQ(t.gt.end(r), 0);
	EXPECT_EQ(t.gt.free_count(), 40u - GrantTable::kReserved);
}

TEST(GrantTable, RandomOperationsAgainstAModel)
{
	std::mt19937 rng(5);
	Table t(128);
	std::map<uk::xen::abi::grant_ref_t, std::pair<uint16_t, uint32_t>> live; // ref -> domid, frame
	std::set<uk::xen::abi::grant_ref_t> mapped;
	for (int step = 0; step < 20000; ++step) {
		int op = rng() % 4;
		if (op == 0) {
			uint16_t dom = rng() % 5;
			uint32_t frame = rng();
			auto r = t.gt.grant(dom, frame, rng() % 2);
			if (live.size() == 128 - GrantTable::kReserved) {
				ASSERT_FALSE(r.ok());
				continue;
			}
			ASSERT_TRUE(r.ok());
			ASSERT_EQ(live.count(r.value()), 0u);
			live[r.value()] = {dom, frame};
		} else if (op == 1 && !live.empty()) {
			auto it = live.begin();
			std::advance(it, rng() % live.size());
			uk::xen::abi::grant_ref_t ref = it->first;
			int rc = t.gt.end(ref);
			if (mapped.count(ref)) {
				ASSERT_EQ(rc, -UK_EBUSY);
			} else {
				ASSERT_EQ(rc, 0);
				live.erase(it);
			}
		} else if (op == 2 && !live.empty()) { // the peer maps or unmaps
			auto it = live.begin();
			std::advance(it, rng() % live.size());
			if (mapped.erase(it->first)) {
				t.entries[it->first].flags &= ~(uk::xen::abi::kGtfReading | uk::xen::abi::kGtfWriting);
			} else {
				mapped.insert(it->first);
				t.entries[it->first].flags |= uk::xen::abi::kGtfReading;
			}
		} else if (op == 3) {
			for (auto &[ref, v] : live) {
				ASSERT_EQ(t.entries[ref].domid, v.first);
				ASSERT_EQ(t.entries[ref].frame, v.second);
				ASSERT_EQ(t.entries[ref].flags & 3, uk::xen::abi::kGtfPermitAccess);
			}
		}
		ASSERT_EQ(t.gt.free_count(), 128 - GrantTable::kReserved - live.size());
	}
}
