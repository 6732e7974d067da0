// SPDX-License-Identifier: BSD-3-Clause
//
// Host tests of plat/drivers/virtio/virtqueue.cpp against a simulated
// device: ring layout, the free list under out-of-order completion,
// 16-bit index wrap-around, notification and interrupt suppression with
// and without the event index, and a device that returns malformed ids,
// lengths and indices (errors counted, nothing handed out twice, memory
// untouched: ASan watches).

#include <gtest/gtest.h>

#include <random>
#include <set>

#include <uk/errno.h>

#include "host_alloc.hpp"
#include "sim_device.hpp"

using uk::hosttest::HostAlloc;
using namespace uk::virtio;
using uk::virtio::test::SimDevice;

namespace {

struct Bufs {
	uint8_t mem[64][256];
	void *cookie(int i) { return mem[i]; }
	Segment rx(int i, uint32_t len = 256) { return {mem[i], len, true}; }
	Segment tx(int i, uint32_t len = 64) { return {mem[i], len, false}; }
};

class VirtqueueTest : public ::testing::TestWithParam<bool> {
protected:
	void make(uint16_t num)
	{
		auto r = Virtqueue::create(alloc.get(), 0, num, GetParam());
		ASSERT_TRUE(r.ok());
		vq = r.take();
		dev = new SimDevice(*vq, GetParam());
	}
	void TearDown() override
	{
		delete dev;
		Virtqueue::destroy(alloc.get(), vq);
		EXPECT_TRUE(alloc.live.empty());
	}
	void add_rx(int i) { ASSERT_TRUE(vq->add(&(seg = bufs.rx(i)), 1, bufs.cookie(i)).ok()); }
	void kick()
	{
		if (vq->publish())
			dev->notify();
	}

	HostAlloc alloc;
	Virtqueue *vq = nullptr;
	SimDevice *dev = nullptr;
	Bufs bufs;
	Segment seg{};
};

TEST(RingLayout, LegacyLayoutPutsTheUsedRingOnAPageBoundary)
{
	constexpr RingLayout l = RingLayout::of(256);
	EXPECT_EQ(l.avail_off, 4096u);
	EXPECT_EQ(l.used_off, 8192u);
	EXPECT_EQ(l.bytes, 8192u + 6 + 8 * 256);
	constexpr RingLayout one = RingLayout::of(1);
	EXPECT_EQ(one.avail_off, 16u);
	EXPECT_EQ(one.used_off, 4096u);
	// The avail ring with used_event ends before the used ring starts.
	for (unsigned n = 1; n <= kMaxQueueSize; n *= 2) {
		RingLayout x = RingLayout::of(static_cast<uint16_t>(n));
		EXPECT_LE(x.avail_off + 2 * (3u + n), x.used_off);
		EXPECT_EQ(x.used_off % kRingAlign, 0u);
	}
}

TEST(RingLayout, NeedEventFollowsTheSpec)
{
	EXPECT_TRUE(need_event(5, 6, 5));   // moved past 5
	EXPECT_FALSE(need_event(6, 6, 5));  // 6 not yet used
	EXPECT_TRUE(need_event(0, 1, 0xffff)); // across the wrap
	EXPECT_FALSE(need_event(3, 10, 4)); // event behind old: already signalled
	EXPECT_TRUE(need_event(9, 10, 4));
}

TEST(VirtqueueCreate, ChecksSizeAndMemory)
{
	HostAlloc a;
	EXPECT_EQ(Virtqueue::create(a.get(), 0, 0, false).error(), -UK_EINVAL);
	EXPECT_EQ(Virtqueue::create(a.get(), 0, 24, false).error(), -UK_EINVAL);
	EXPECT_EQ(Virtqueue::create(nullptr, 0, 16, false).error(), -UK_EINVAL);
	a.fail_after = 1; // the shadow state, not the ring
	EXPECT_EQ(Virtqueue::create(a.get(), 0, 16, false).error(), -UK_ENOMEM);
	EXPECT_TRUE(a.live.empty());
	a.fail_after = SIZE_MAX;
	auto r = Virtqueue::create(a.get(), 3, 16, false);
	ASSERT_TRUE(r.ok());
	Virtqueue *vq = r.take();
	EXPECT_EQ(vq->index(), 3);
	EXPECT_EQ(vq->free_descriptors(), 16);
	EXPECT_EQ(vq->desc_addr() % kRingAlign, 0u);
	EXPECT_EQ(vq->used_addr() - vq->desc_addr(), RingLayout::of(16).used_off);
	Virtqueue::destroy(a.get(), vq);
	EXPECT_TRUE(a.live.empty());
}

TEST_P(VirtqueueTest, FillsUpThenHandsBackEachCookieOnce)
{
	make(16);
	for (int i = 0; i < 16; ++i)
		add_rx(i);
	Segment s = bufs.rx(16);
	EXPECT_EQ(vq->add(&s, 1, bufs.cookie(16)).error(), -UK_ENOSPC);
	EXPECT_EQ(vq->free_descriptors(), 0);
	kick();
	EXPECT_EQ(dev->consume(), 16u);
	for (int i = 0; i < 16; ++i)
		dev->complete_newest(static_cast<uint32_t>(i)); // reverse order
	std::set<void *> seen;
	void *c;
	uint32_t len;
	for (int i = 0; i < 16; ++i) {
		ASSERT_EQ(vq->get(&c, &len), Virtqueue::Got::kOk);
		EXPECT_EQ(c, bufs.cookie(15 - i));
		EXPECT_EQ(len, static_cast<uint32_t>(i));
		EXPECT_TRUE(seen.insert(c).second);
	}
	EXPECT_EQ(vq->get(&c, &len), Virtqueue::Got::kNone);
	EXPECT_EQ(vq->free_descriptors(), 16);
	EXPECT_EQ(vq->in_flight(), 0u);
	EXPECT_EQ(vq->errors(), 0u);
}

TEST_P(VirtqueueTest, ChainsSurviveOutOfOrderCompletionAndIndexWrap)
{
	make(16);
	std::mt19937 rng(42);
	std::set<void *> in_flight;
	unsigned handed_back = 0;
	// 70000 chains: both 16-bit indices wrap at least once.
	for (int round = 0; round < 70000;) {
		while (round < 70000) {
			const unsigned n = 1 + rng() % 3;
			const int b = round % 64;
			if (in_flight.count(bufs.cookie(b)) || n > vq->free_descriptors())
				break;
			Segment segs[3] = {bufs.tx(b, 14), bufs.rx(b, 100), bufs.rx(b, 156)};
			ASSERT_TRUE(vq->add(segs, n, bufs.cookie(b)).ok());
			in_flight.insert(bufs.cookie(b));
			++round;
		}
		kick();
		dev->consume();
		// Complete a random subset, in random order.
		while (!dev->pending.empty() && rng() % 4) {
			if (rng() % 2)
				dev->complete_newest(0);
			else
				dev->complete_oldest(0);
		}
		void *c;
		uint32_t len;
		Virtqueue::Got g;
		while ((g = vq->get(&c, &len)) == Virtqueue::Got::kOk) {
			ASSERT_EQ(in_flight.erase(c), 1u) << "cookie handed back twice";
			++handed_back;
		}
		ASSERT_EQ(g, Virtqueue::Got::kNone);
		// Free descriptors + descriptors of chains in flight = size.
		unsigned held = 0;
		for (const auto &ch : dev->pending)
			held += static_cast<unsigned>(ch.segs.size());
		ASSERT_EQ(vq->free_descriptors() + held, 16u);
		ASSERT_EQ(vq->in_flight(), in_flight.size());
	}
	EXPECT_GT(handed_back, 65536u);
	EXPECT_EQ(vq->errors(), 0u);
}

TEST_P(VirtqueueTest, ChainsCarryTheirSegmentsAndFlags)
{
	make(8);
	Segment segs[3] = {bufs.tx(0, 12), bufs.tx(1, 60), bufs.rx(2, 256)};
	ASSERT_TRUE(vq->add(segs, 3, bufs.cookie(0)).ok());
	kick();
	ASSERT_EQ(dev->consume(), 1u);
	const auto &c = dev->pending.front();
	ASSERT_EQ(c.segs.size(), 3u);
	EXPECT_EQ(c.segs[0].addr, reinterpret_cast<uintptr_t>(bufs.mem[0]));
	EXPECT_EQ(c.segs[0].len, 12u);
	EXPECT_EQ(c.segs[0].flags, kDescFNext);
	EXPECT_EQ(c.segs[1].flags, kDescFNext);
	EXPECT_EQ(c.segs[2].flags, kDescFWrite);
	EXPECT_EQ(c.writable(), 256u);
	EXPECT_EQ(vq->free_descriptors(), 5);
}

TEST_P(VirtqueueTest, NotifiesOnlyWhenTheDeviceAsks)
{
	make(64);
	dev->wait_for_next();
	add_rx(0);
	kick();
	EXPECT_EQ(dev->notifications, 1u);
	// The device is busy: it asks for nothing more.
	if (GetParam())
		dev->set_avail_event(1000);
	else
		dev->set_no_notify(true);
	for (int i = 1; i < 10; ++i) {
		add_rx(i);
		kick();
	}
	EXPECT_EQ(dev->notifications, 1u);
	EXPECT_FALSE(vq->publish()); // nothing new: never a notification
	// It drains and goes to sleep again: the next chain notifies.
	dev->consume();
	dev->set_no_notify(false);
	dev->wait_for_next();
	add_rx(10);
	add_rx(11);
	kick();
	EXPECT_EQ(dev->notifications, 2u);
}

TEST_P(VirtqueueTest, InterruptsOnlyWhileEnabled)
{
	make(8);
	// After create, interrupts are off: long polling raises none, even
	// across the 16-bit wrap of the used index.
	void *c;
	uint32_t len;
	for (int i = 0; i < 70000; ++i) {
		add_rx(i % 8);
		kick();
		dev->consume();
		dev->complete_oldest(10);
		ASSERT_EQ(vq->get(&c, &len), Virtqueue::Got::kOk);
		ASSERT_EQ(vq->get(&c, &len), Virtqueue::Got::kNone);
	}
	EXPECT_EQ(dev->interrupts, 0u);
	EXPECT_FALSE(vq->enable_interrupts());
	add_rx(0);
	add_rx(1);
	kick();
	dev->consume();
	dev->complete_oldest(10);
	EXPECT_EQ(dev->interrupts, 1u);
	// The handler disables; the second completion raises nothing.
	vq->disable_interrupts();
	dev->complete_oldest(10);
	EXPECT_EQ(dev->interrupts, 1u);
	// Re-enabling with completions waiting says so.
	EXPECT_TRUE(vq->enable_interrupts());
	ASSERT_EQ(vq->get(&c, &len), Virtqueue::Got::kOk);
	ASSERT_EQ(vq->get(&c, &len), Virtqueue::Got::kOk);
	EXPECT_FALSE(vq->enable_interrupts());
}

TEST_P(VirtqueueTest, UsedIdsOutOfRangeOrNotInFlightAreSkipped)
{
	make(8);
	Segment segs[2] = {bufs.rx(0, 100), bufs.rx(0, 100)};
	ASSERT_TRUE(vq->add(segs, 2, bufs.cookie(0)).ok()); // descriptors 0, 1
	add_rx(1);                                          // descriptor 2
	kick();
	dev->consume();
	dev->write_used(8, 10);    // outside the table
	dev->write_used(0xffffffff, 10);
	dev->write_used(1, 10);    // the middle of chain 0
	dev->write_used(5, 10);    // a free descriptor
	dev->write_used(2, 10);    // valid: buffer 1
	dev->write_used(2, 10);    // the same again
	dev->write_used(0, 150);   // valid: buffer 0
	void *c;
	uint32_t len;
	ASSERT_EQ(vq->get(&c, &len), Virtqueue::Got::kOk);
	EXPECT_EQ(c, bufs.cookie(1));
	ASSERT_EQ(vq->get(&c, &len), Virtqueue::Got::kOk);
	EXPECT_EQ(c, bufs.cookie(0));
	EXPECT_EQ(len, 150u);
	EXPECT_EQ(vq->get(&c, &len), Virtqueue::Got::kNone);
	EXPECT_EQ(vq->errors(), 5u);
	EXPECT_EQ(vq->free_descriptors(), 8);
	EXPECT_FALSE(vq->broken());
}

TEST_P(VirtqueueTest, TooLongLengthHandsTheBufferBackAsBad)
{
	make(8);
	add_rx(0);
	Segment tx = bufs.tx(1);
	ASSERT_TRUE(vq->add(&tx, 1, bufs.cookie(1)).ok());
	kick();
	dev->consume();
	dev->complete_oldest(257);  // 256 writable
	dev->complete_oldest(1);    // a device-readable chain: nothing written
	void *c;
	uint32_t len = 99;
	ASSERT_EQ(vq->get(&c, &len), Virtqueue::Got::kBadLength);
	EXPECT_EQ(c, bufs.cookie(0));
	EXPECT_EQ(len, 0u);
	ASSERT_EQ(vq->get(&c, &len), Virtqueue::Got::kBadLength);
	EXPECT_EQ(c, bufs.cookie(1));
	EXPECT_EQ(vq->errors(), 2u);
	EXPECT_EQ(vq->free_descriptors(), 8);
	EXPECT_EQ(vq->get(&c, &len), Virtqueue::Got::kNone);
}

TEST_P(VirtqueueTest, AUsedIndexBeyondTheRingSizeBreaksTheQueue)
{
	make(8);
	for (int i = 0; i < 3; ++i)
		add_rx(i);
	kick();
	dev->consume();
	dev->complete_oldest(10);
	dev->set_used_idx(1000); // claims 999 more completions on a ring of 8
	void *c;
	uint32_t len;
	EXPECT_EQ(vq->get(&c, &len), Virtqueue::Got::kBroken);
	EXPECT_TRUE(vq->broken());
	EXPECT_EQ(vq->get(&c, &len), Virtqueue::Got::kBroken);
	EXPECT_FALSE(vq->has_used());
	Segment s = bufs.rx(5);
	EXPECT_EQ(vq->add(&s, 1, bufs.cookie(5)).error(), -UK_EINVAL);
	// After the device is reset, every buffer comes back exactly once.
	std::set<void *> back;
	while (void *x = vq->take_in_flight())
		EXPECT_TRUE(back.insert(x).second);
	EXPECT_EQ(back.size(), 3u);
	vq->reset(GetParam());
	EXPECT_FALSE(vq->broken());
	EXPECT_EQ(vq->free_descriptors(), 8);
	EXPECT_GE(vq->errors(), 1u);
}

TEST_P(VirtqueueTest, ADeviceScribblingOnDescriptorsCannotCorruptTheFreeList)
{
	make(8);
	Segment segs[4] = {bufs.rx(0), bufs.rx(1), bufs.rx(2), bufs.rx(3)};
	ASSERT_TRUE(vq->add(segs, 4, bufs.cookie(0)).ok());
	ASSERT_TRUE(vq->add(segs, 4, bufs.cookie(1)).ok());
	kick();
	dev->consume();
	dev->scribble_on_descriptors(0); // every chain "continues" at descriptor 0
	dev->complete_newest(0);
	dev->complete_newest(0);
	void *c;
	uint32_t len;
	ASSERT_EQ(vq->get(&c, &len), Virtqueue::Got::kOk);
	ASSERT_EQ(vq->get(&c, &len), Virtqueue::Got::kOk);
	EXPECT_EQ(vq->free_descriptors(), 8);
	// Eight single-descriptor chains must use eight different descriptors.
	for (int i = 0; i < 8; ++i)
		add_rx(i);
	kick();
	ASSERT_EQ(dev->consume(), 8u);
	std::set<uint16_t> heads;
	for (const auto &ch : dev->pending)
		heads.insert(ch.head);
	EXPECT_EQ(heads.size(), 8u);
}

TEST_P(VirtqueueTest, TakeInFlightReturnsEveryPostedBufferOnce)
{
	make(16);
	for (int i = 0; i < 5; ++i)
		add_rx(i);
	kick();
	dev->consume();
	dev->complete_oldest(1);
	void *c;
	uint32_t len;
	ASSERT_EQ(vq->get(&c, &len), Virtqueue::Got::kOk);
	std::set<void *> back;
	while (void *x = vq->take_in_flight())
		EXPECT_TRUE(back.insert(x).second);
	EXPECT_EQ(back.size(), 4u);
	EXPECT_EQ(back.count(c), 0u);
	vq->reset(GetParam());
	EXPECT_EQ(vq->free_descriptors(), 16);
	EXPECT_EQ(vq->take_in_flight(), nullptr);
}

TEST_P(VirtqueueTest, RejectsEmptyChainsAndNullCookies)
{
	make(4);
	Segment s = bufs.rx(0);
	EXPECT_EQ(vq->add(&s, 0, bufs.cookie(0)).error(), -UK_EINVAL);
	EXPECT_EQ(vq->add(&s, 1, nullptr).error(), -UK_EINVAL);
	Segment five[5] = {s, s, s, s, s};
	EXPECT_EQ(vq->add(five, 5, bufs.cookie(0)).error(), -UK_ENOSPC);
	EXPECT_EQ(vq->free_descriptors(), 4);
}

INSTANTIATE_TEST_SUITE_P(EventIdx, VirtqueueTest, ::testing::Bool(),
			 [](const ::testing::TestParamInfo<bool> &i) {
				 return i.param ? "EventIdx" : "Flags";
			 });

}  // namespace
