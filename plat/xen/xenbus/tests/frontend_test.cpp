// SPDX-License-Identifier: BSD-3-Clause
// The xenbus state helpers (frontend.cpp) against the simulated
// xenstored, with a scripted backend moving its own state.
#include <gtest/gtest.h>

#include "fake_xenstored.hpp"
#include "frontend.hpp"

using namespace uk::xen;

namespace {

struct Fixture {
	Fixture() : port(d) { xs.attach(&d.intf, &port); }
	fake::Xenstored d;
	fake::Port port;
	XsClient xs;
};

constexpr const char *kFront = "device/vif/0";
constexpr const char *kBack = "/local/domain/0/backend/vif/5/0";

}  // namespace

TEST(Xenbus, ReadStateOfAbsentAndGarbledNodesIsUnknown)
{
	Fixture f;
	auto s = read_state(f.xs, kFront);
	ASSERT_TRUE(s.ok());
	EXPECT_EQ(s.value(), UK_XENBUS_STATE_UNKNOWN);
	f.d.external_write(std::string(kFront) + "/state", "banana");
	EXPECT_EQ(read_state(f.xs, kFront).take(), UK_XENBUS_STATE_UNKNOWN);
	f.d.external_write(std::string(kFront) + "/state", "4");
	EXPECT_EQ(read_state(f.xs, kFront).take(), UK_XENBUS_STATE_CONNECTED);
	f.d.external_write(std::string(kFront) + "/state", "99");
	EXPECT_EQ(read_state(f.xs, kFront).take(), UK_XENBUS_STATE_UNKNOWN);
	char path[8];
	EXPECT_FALSE(state_path("device/vif/0", path, sizeof(path)));
}

TEST(Xenbus, SwitchStateWritesOnlyChangesAndNeverRecreates)
{
	Fixture f;
	// No state node: the device is being torn down, nothing is written.
	ASSERT_TRUE(switch_state(f.xs, kFront, UK_XENBUS_STATE_INITIALISING).ok());
	EXPECT_EQ(f.d.tree_.count(f.d.abs(std::string(kFront) + "/state")), 0u);

	f.d.external_write(std::string(kFront) + "/state", "1"); // the toolstack made it
	uk_xen_xs_watch w{};
	ASSERT_TRUE(f.xs.watch(&w, kFront).ok());
	ASSERT_TRUE(f.xs.wait_watch(&w, 0, f.port.now() + 100000000).ok());
	unsigned seen = w.fired;
	ASSERT_TRUE(switch_state(f.xs, kFront, UK_XENBUS_STATE_INITIALISING).ok()); // same: no write
	ASSERT_TRUE(f.xs.poll().ok());
	f.port.wait(0);
	ASSERT_TRUE(f.xs.poll().ok());
	EXPECT_EQ(w.fired, seen);
	ASSERT_TRUE(switch_state(f.xs, kFront, UK_XENBUS_STATE_CONNECTED).ok());
	EXPECT_EQ(f.d.tree_[f.d.abs(std::string(kFront) + "/state")], "4");
	EXPECT_EQ(switch_state(f.xs, kFront, 42).error(), -UK_EINVAL);
}

TEST(Xenbus, SwitchStateRetriesAConflictingTransaction)
{
	Fixture f;
	f.d.external_write(std::string(kFront) + "/state", "1");
	int conflicts = 2;
	f.d.on_step = [&] {
		// Someone else writes while our transaction is open, twice.
		if (conflicts > 0 && f.d.requests % 3 == 2) {
			--conflicts;
			f.d.external_write("/local/domain/0/noise", "x");
		}
	};
	ASSERT_TRUE(switch_state(f.xs, kFront, UK_XENBUS_STATE_INITIALISED).ok());
	EXPECT_EQ(f.d.tree_[f.d.abs(std::string(kFront) + "/state")], "3");
	EXPECT_GE(f.d.conflicts, 1); // it did have to try again
}

TEST(Xenbus, WaitStateFollowsTheBackend)
{
	Fixture f;
	f.d.external_write(std::string(kBack) + "/state", "1");
	int steps = 0;
	f.d.on_step = [&] {
		++steps;
		if (steps == 5)
			f.d.external_write(std::string(kBack) + "/state", "2");
		if (steps == 9)
			f.d.external_write(std::string(kBack) + "/state", "4");
	};
	auto s = wait_state(f.xs, kBack, UK_XENBUS_STATE_CONNECTED, f.port.now() + 1000000000);
	ASSERT_TRUE(s.ok());
	EXPECT_EQ(s.value(), UK_XENBUS_STATE_CONNECTED);
	// The watch is gone again.
	f.d.external_write(std::string(kBack) + "/state", "5");
	EXPECT_TRUE(f.xs.poll().ok());
}

TEST(Xenbus, WaitStateStopsWhenTheBackendGivesUpOrTimeOut)
{
	Fixture f;
	f.d.external_write(std::string(kBack) + "/state", "2");
	int steps = 0;
	f.d.on_step = [&] {
		if (++steps == 3)
			f.d.external_write(std::string(kBack) + "/state", "6");
	};
	auto s = wait_state(f.xs, kBack, UK_XENBUS_STATE_CONNECTED, f.port.now() + 1000000000);
	ASSERT_TRUE(s.ok());
	EXPECT_EQ(s.value(), UK_XENBUS_STATE_CLOSED);

	f.d.on_step = nullptr;
	f.d.external_write(std::string(kBack) + "/state", "2");
	auto t = wait_state(f.xs, kBack, UK_XENBUS_STATE_CONNECTED, f.port.now() + 50000000);
	ASSERT_FALSE(t.ok());
	EXPECT_EQ(t.error(), -UK_ETIMEDOUT);
}
