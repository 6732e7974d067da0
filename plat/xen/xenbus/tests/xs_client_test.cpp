// SPDX-License-Identifier: BSD-3-Clause
// The xenstore client (xs_client.cpp) against the simulated xenstored:
// every request type, messages larger than the 1 KiB rings, partial
// messages, watch events interleaved with replies, transactions and their
// conflicts, errors, timeouts and broken peers.
#include <gtest/gtest.h>

#include <string>

#include "fake_xenstored.hpp"

using namespace uk::xen;

namespace {

struct Fixture {
	explicit Fixture(unsigned seed = 1, size_t chunk = 1024) : d(5, seed), port(d)
	{
		d.max_chunk = chunk;
		xs.attach(&d.intf, &port);
	}
	fake::Xenstored d;
	fake::Port port;
	XsClient xs;

	std::string read(const char *path, uint32_t tx = 0)
	{
		char buf[5000];
		auto r = xs.read(tx, path, buf, sizeof(buf));
		return r.ok() ? std::string(buf) : "<error " + std::to_string(r.error()) + ">";
	}
};

}  // namespace

TEST(XsClient, UnattachedClientSaysNoDevice)
{
	XsClient xs;
	char buf[8];
	auto r = xs.read(0, "domid", buf, sizeof(buf));
	ASSERT_FALSE(r.ok());
	EXPECT_EQ(r.error(), -UK_ENODEV);
}

TEST(XsClient, ReadWriteRmDirectoryWithRelativePaths)
{
	Fixture f;
	EXPECT_EQ(f.read("domid"), "5");
	ASSERT_TRUE(f.xs.write(0, "device/vif/0/state", "1").ok());
	EXPECT_EQ(f.d.tree_["/local/domain/5/device/vif/0/state"], "1");
	EXPECT_EQ(f.read("/local/domain/5/device/vif/0/state"), "1");
	ASSERT_TRUE(f.xs.write(0, "device/vif/0/mac", "00:16:3e:00:00:01").ok());
	char names[64];
	auto n = f.xs.directory(0, "device/vif/0", names, sizeof(names));
	ASSERT_TRUE(n.ok());
	EXPECT_EQ(n.value(), 2u);
	EXPECT_STREQ(names, "mac");
	EXPECT_STREQ(names + 4, "state");
	ASSERT_TRUE(f.xs.rm(0, "device/vif").ok());
	EXPECT_EQ(f.read("device/vif/0/state"), "<error -2>");
	auto gone = f.xs.rm(0, "device/vif");
	ASSERT_FALSE(gone.ok());
	EXPECT_EQ(gone.error(), -UK_ENOENT);
	char path[64];
	auto len = f.xs.domain_path(42, path, sizeof(path));
	ASSERT_TRUE(len.ok());
	EXPECT_STREQ(path, "/local/domain/42");
	EXPECT_EQ(len.value(), 16u);
}

TEST(XsClient, BuffersTooSmallAndPayloadsTooLarge)
{
	Fixture f;
	ASSERT_TRUE(f.xs.write(0, "v", "123456").ok());
	char small[6];
	auto r = f.xs.read(0, "v", small, sizeof(small)); // 6 bytes + NUL do not fit
	ASSERT_FALSE(r.ok());
	EXPECT_EQ(r.error(), -UK_E2BIG);
	std::string huge(5000, 'x');
	auto w = f.xs.write(0, "v", huge.c_str());
	ASSERT_FALSE(w.ok());
	EXPECT_EQ(w.error(), -UK_E2BIG);
	EXPECT_EQ(f.d.requests, 2); // nothing was sent for the huge one
}

// 4000-byte values cross the 1024-byte rings in both directions, moved a
// few bytes at a time: requests wait for room, replies are reassembled.
TEST(XsClient, MessagesLargerThanTheRingInSmallChunks)
{
	for (size_t chunk : {1u, 7u, 300u, 1024u}) {
		Fixture f(static_cast<unsigned>(chunk), chunk);
		std::string big;
		for (int i = 0; i < 4000; ++i)
			big += static_cast<char>('a' + i % 26);
		ASSERT_TRUE(f.xs.write(0, "big", big.c_str()).ok()) << chunk;
		EXPECT_EQ(f.d.tree_["/local/domain/5/big"], big);
		EXPECT_EQ(f.read("big"), big) << chunk;
	}
}

TEST(XsClient, ErrorNamesMapToErrno)
{
	EXPECT_EQ(XsClient::error_from_name("ENOENT", 7), -UK_ENOENT);
	EXPECT_EQ(XsClient::error_from_name("EACCES", 6), -13);
	EXPECT_EQ(XsClient::error_from_name("EAGAIN", 7), -UK_EAGAIN);
	EXPECT_EQ(XsClient::error_from_name("EISCONN", 8), -106);
	EXPECT_EQ(XsClient::error_from_name("E2BIG", 5), -UK_E2BIG);
	EXPECT_EQ(XsClient::error_from_name("EPERM", 6), -UK_EPERM);
	EXPECT_EQ(XsClient::error_from_name("EWHAT", 6), -UK_EIO);
	EXPECT_EQ(XsClient::error_from_name("ENOENTX", 8), -UK_EIO);
	EXPECT_EQ(XsClient::error_from_name("", 0), -UK_EIO);
}

TEST(XsClient, TransactionsCommitAbortAndConflict)
{
	Fixture f;
	auto tx = f.xs.transaction_start();
	ASSERT_TRUE(tx.ok());
	ASSERT_TRUE(f.xs.write(tx.value(), "a", "1").ok());
	EXPECT_EQ(f.read("a", tx.value()), "1");
	EXPECT_EQ(f.read("a"), "<error -2>"); // not visible outside yet
	ASSERT_TRUE(f.xs.transaction_end(tx.value(), true).ok());
	EXPECT_EQ(f.read("a"), "1");

	auto tx2 = f.xs.transaction_start();
	ASSERT_TRUE(f.xs.write(tx2.value(), "a", "2").ok());
	ASSERT_TRUE(f.xs.transaction_end(tx2.value(), false).ok());
	EXPECT_EQ(f.read("a"), "1");

	auto tx3 = f.xs.transaction_start();
	ASSERT_TRUE(f.xs.write(tx3.value(), "a", "3").ok());
	f.d.external_write("/local/domain/0/other", "x"); // someone else commits
	auto end = f.xs.transaction_end(tx3.value(), true);
	ASSERT_FALSE(end.ok());
	EXPECT_EQ(end.error(), -UK_EAGAIN);
	EXPECT_EQ(f.read("a"), "1");
}

TEST(XsClient, WatchesFireOnceAtRegistrationThenOnChangesBelow)
{
	Fixture f;
	uk_xen_xs_watch w{};
	ASSERT_TRUE(f.xs.watch(&w, "backend").ok());
	auto first = f.xs.wait_watch(&w, 0, f.port.now() + 100000000);
	ASSERT_TRUE(first.ok());
	EXPECT_EQ(first.value(), 1u); // the daemon's initial event
	f.d.external_write("backend/vif/0/state", "2");
	auto second = f.xs.wait_watch(&w, 1, f.port.now() + 100000000);
	ASSERT_TRUE(second.ok());
	EXPECT_EQ(second.value(), 2u);
	f.d.external_write("elsewhere", "x"); // not below the watch
	auto none = f.xs.wait_watch(&w, 2, f.port.now() + 20000000);
	ASSERT_FALSE(none.ok());
	EXPECT_EQ(none.error(), -UK_ETIMEDOUT);
	ASSERT_TRUE(f.xs.unwatch(&w).ok());
	f.d.external_write("backend/vif/0/state", "4");
	ASSERT_TRUE(f.xs.poll().ok());
	EXPECT_EQ(w.fired, 2u);
	auto again = f.xs.unwatch(&w);
	ASSERT_FALSE(again.ok());
	EXPECT_EQ(again.error(), -UK_ENOENT);
}

TEST(XsClient, TwoWatchesAreToldApartByToken)
{
	Fixture f;
	uk_xen_xs_watch a{}, b{};
	ASSERT_TRUE(f.xs.watch(&a, "x").ok());
	ASSERT_TRUE(f.xs.watch(&b, "y").ok());
	EXPECT_STRNE(a.token, b.token);
	ASSERT_TRUE(f.xs.poll().ok());
	unsigned a0 = a.fired, b0 = b.fired;
	ASSERT_TRUE(f.xs.write(0, "y/z", "1").ok()); // our own write fires too
	ASSERT_TRUE(f.xs.poll().ok());
	for (int i = 0; i < 3 && b.fired == b0; ++i)
		f.port.wait(0), (void)f.xs.poll();
	EXPECT_EQ(a.fired, a0);
	EXPECT_EQ(b.fired, b0 + 1);
	auto dup = f.xs.watch(&a, "x");
	ASSERT_FALSE(dup.ok());
	EXPECT_EQ(dup.error(), -UK_EEXIST);
}

// A watch event, then a stale reply (an earlier request that timed out),
// then the real reply: the request gets its own answer and the event is
// counted.
TEST(XsClient, EventsAndStaleRepliesBeforeTheReply)
{
	Fixture f;
	uk_xen_xs_watch w{};
	ASSERT_TRUE(f.xs.watch(&w, "dev").ok());
	ASSERT_TRUE(f.xs.poll().ok());
	unsigned before = w.fired;
	ASSERT_TRUE(f.xs.write(0, "dev/k", "v").ok()); // fires w (daemon side)
	f.d.inject_message(uk::xen::abi::kXsRead, 9999, "stale");
	EXPECT_EQ(f.read("dev/k"), "v");
	EXPECT_GE(w.fired, before + 1);
}

TEST(XsClient, SilentDaemonTimesOut)
{
	Fixture f;
	f.d.silent = true;
	char buf[8];
	auto r = f.xs.read(0, "domid", buf, sizeof(buf));
	ASSERT_FALSE(r.ok());
	EXPECT_EQ(r.error(), -UK_ETIMEDOUT);
	EXPECT_GE(f.port.now(), XsClient::kTimeoutNs);
	// The daemon wakes up again: its late answer is not taken for the
	// next request's.
	f.d.silent = false;
	EXPECT_EQ(f.read("domid"), "5");
}

TEST(XsClient, BrokenPeersGiveEio)
{
	{
		Fixture f;
		uk::xen::abi::XsdSockmsg h{uk::xen::abi::kXsRead, 2, 0, 5000}; // longer than any message
		f.d.inject(&h, sizeof(h));
		char buf[16];
		auto r = f.xs.read(0, "domid", buf, sizeof(buf));
		ASSERT_FALSE(r.ok());
		EXPECT_EQ(r.error(), -UK_EIO);
	}
	{
		Fixture f;
		f.d.intf.rsp_prod = f.d.intf.rsp_cons + 5000; // index beyond the ring
		char buf[16];
		auto r = f.xs.read(0, "domid", buf, sizeof(buf));
		ASSERT_FALSE(r.ok());
		EXPECT_EQ(r.error(), -UK_EIO);
	}
	{
		Fixture f;
		f.d.intf.req_cons = f.d.intf.req_prod + 2000; // "consumed" the future
		char buf[16];
		auto r = f.xs.read(0, "domid", buf, sizeof(buf));
		ASSERT_FALSE(r.ok());
		EXPECT_EQ(r.error(), -UK_EIO);
	}
}

TEST(XsClient, RandomTrafficMatchesTheDaemonsTree)
{
	Fixture f(77, 50);
	std::mt19937 rng(3);
	std::map<std::string, std::string> model;
	for (int i = 0; i < 400; ++i) {
		std::string key = "k/" + std::to_string(rng() % 20);
		if (rng() % 3) {
			std::string v(rng() % 1500, static_cast<char>('a' + rng() % 26));
			ASSERT_TRUE(f.xs.write(0, key.c_str(), v.c_str()).ok());
			model[key] = v;
		} else {
			std::string want = model.count(key) ? model[key] : "<error -2>";
			ASSERT_EQ(f.read(key.c_str()), want) << key;
		}
	}
}
