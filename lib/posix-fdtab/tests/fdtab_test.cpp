// SPDX-License-Identifier: BSD-3-Clause
// The descriptor table through its real C interface (fdtab.cpp, 16 slots
// on the host): lowest-free allocation, EMFILE, close and reuse, dup,
// dup2 and F_DUPFD semantics, reference counts and release, bad
// descriptors, and a randomized run against a model.
#include <gtest/gtest.h>

#include <deque>
#include <map>
#include <random>
#include <vector>

#include <uk/fdtab.h>

#include "fd_table.hpp"

namespace {

constexpr int kSize = 16;  // CONFIG_LIBPOSIX_FDTAB_MAX_FILES in host.mk

struct TestFile {
	uk_file file;
	int releases = 0;
};

void count_release(uk_file *f) { ++static_cast<TestFile *>(f->priv)->releases; }

const uk_file_ops kOps = {.release = count_release};

// The table is the image's global: each test starts from an empty one and
// closes what it left open in TearDown, while its files (fixture members,
// so they outlive TearDown) are still alive.
class Fdtab : public ::testing::Test {
protected:
	void SetUp() override
	{
		for (int fd = 0; fd < kSize; ++fd)
			ASSERT_EQ(uk_fdtab_get(fd), nullptr) << "fd " << fd << " leaked";
	}
	void TearDown() override
	{
		for (int fd = 0; fd < kSize; ++fd)
			(void)uk_fdtab_close(fd);
	}

	/** @return a new file with one reference, alive until the fixture dies. */
	TestFile &make()
	{
		TestFile &t = files_.emplace_back();
		uk_file_init(&t.file, &kOps, &t, 0);
		return t;
	}

	std::deque<TestFile> files_;
};

TEST_F(Fdtab, SizeComesFromConfig) { EXPECT_EQ(uk_fdtab_size(), kSize); }

TEST_F(Fdtab, InstallsAtLowestFreeAndReusesClosed)
{
	TestFile *t[4];
	for (int i = 0; i < 4; ++i) {
		t[i] = &make();
		EXPECT_EQ(uk_fdtab_install(&t[i]->file), i);
	}
	EXPECT_EQ(uk_fdtab_close(1), 0);
	EXPECT_EQ(t[1]->releases, 1);
	EXPECT_EQ(uk_fdtab_close(1), -UK_EBADF);
	TestFile &u = make();
	EXPECT_EQ(uk_fdtab_install(&u.file), 1);
	EXPECT_EQ(uk_fdtab_get(1), &u.file);
	uk_fdtab_put(&u.file);
}

TEST_F(Fdtab, FullTableIsEmfileAndCallerKeepsReference)
{
	std::vector<TestFile *> t;
	for (int i = 0; i < kSize; ++i) {
		t.push_back(&make());
		ASSERT_EQ(uk_fdtab_install(&t[i]->file), i);
	}
	TestFile &extra = make();
	EXPECT_EQ(uk_fdtab_install(&extra.file), -UK_EMFILE);
	EXPECT_EQ(extra.file.refcnt, 1u);
	EXPECT_EQ(uk_fdtab_dup(0), -UK_EMFILE);
	EXPECT_EQ(t[0]->file.refcnt, 1u);
}

TEST_F(Fdtab, BadDescriptorsAreEbadf)
{
	for (int fd : {-1, 0, 5, kSize, kSize + 100, -1000}) {
		EXPECT_EQ(uk_fdtab_get(fd), nullptr) << fd;
		EXPECT_EQ(uk_fdtab_close(fd), -UK_EBADF) << fd;
		EXPECT_EQ(uk_fdtab_dup(fd), -UK_EBADF) << fd;
		EXPECT_EQ(uk_fdtab_dup2(fd, 3), -UK_EBADF) << fd;
	}
	TestFile &t = make();
	ASSERT_EQ(uk_fdtab_install(&t.file), 0);
	EXPECT_EQ(uk_fdtab_dup2(0, -1), -UK_EBADF);
	EXPECT_EQ(uk_fdtab_dup2(0, kSize), -UK_EBADF);
	EXPECT_EQ(uk_fdtab_install_at(kSize, &t.file), -UK_EBADF);
	EXPECT_EQ(uk_fdtab_dupfd(0, kSize), -UK_EINVAL);
	EXPECT_EQ(uk_fdtab_dupfd(0, -1), -UK_EINVAL);
	EXPECT_EQ(t.file.refcnt, 1u);
}

TEST_F(Fdtab, DupSharesFileUntilLastClose)
{
	TestFile &t = make();
	ASSERT_EQ(uk_fdtab_install(&t.file), 0);
	EXPECT_EQ(uk_fdtab_dup(0), 1);
	EXPECT_EQ(uk_fdtab_dupfd(0, 7), 7);
	EXPECT_EQ(t.file.refcnt, 3u);
	EXPECT_EQ(uk_fdtab_close(0), 0);
	EXPECT_EQ(uk_fdtab_close(7), 0);
	EXPECT_EQ(t.releases, 0);
	EXPECT_EQ(uk_fdtab_close(1), 0);
	EXPECT_EQ(t.releases, 1);
}

TEST_F(Fdtab, Dup2ReplacesAndSameFdIsNoOp)
{
	TestFile &a = make(), &b = make();
	ASSERT_EQ(uk_fdtab_install(&a.file), 0);
	ASSERT_EQ(uk_fdtab_install(&b.file), 1);
	EXPECT_EQ(uk_fdtab_dup2(0, 0), 0);
	EXPECT_EQ(a.file.refcnt, 1u);
	EXPECT_EQ(uk_fdtab_dup2(0, 1), 1);  // closes b
	EXPECT_EQ(b.releases, 1);
	EXPECT_EQ(a.file.refcnt, 2u);
	EXPECT_EQ(uk_fdtab_dup2(0, 1), 1);  // already the same file
	EXPECT_EQ(a.file.refcnt, 2u);
	EXPECT_EQ(a.releases, 0);
	EXPECT_EQ(uk_fdtab_dup2(1, 9), 9);  // to a free slot
	EXPECT_EQ(a.file.refcnt, 3u);
}

TEST_F(Fdtab, GetHoldsFileAcrossClose)
{
	TestFile &t = make();
	ASSERT_EQ(uk_fdtab_install(&t.file), 0);
	uk_file *f = uk_fdtab_get(0);
	ASSERT_EQ(f, &t.file);
	EXPECT_EQ(uk_fdtab_close(0), 0);
	EXPECT_EQ(t.releases, 0);  // a reader is still inside
	uk_fdtab_put(f);
	EXPECT_EQ(t.releases, 1);
}

TEST_F(Fdtab, InstallAtReleasesOnlyAfterSlotChanged)
{
	// The release of the old file must already see the new one.
	static TestFile *replacement;
	static uk_file *seen;
	const uk_file_ops ops = {.release = [](uk_file *) { seen = uk_fdtab_get(4); }};
	TestFile &old = make(), &neu = make();
	uk_file_init(&old.file, &ops, &old, 0);
	replacement = &neu;
	ASSERT_EQ(uk_fdtab_install_at(4, &old.file), 4);
	ASSERT_EQ(uk_fdtab_install_at(4, &neu.file), 4);
	EXPECT_EQ(seen, &replacement->file);
	uk_fdtab_put(seen);
}

TEST(FdTable, TemplateCountsAndRanges)
{
	uk::fdtab::FdTable<3> t;
	uk_file f{};
	EXPECT_FALSE(t.in_range(3));
	EXPECT_EQ(t.install(&f, 2).value(), 2);
	EXPECT_EQ(t.install(&f, 2).error(), -UK_EMFILE);
	EXPECT_EQ(t.count_open(), 1);
}

// Readiness: poll ops, the default for files without one, descriptors
// that are not open, negative ones, and the event count and hook.
TEST_F(Fdtab, PollScanReadinessAndNotify)
{
	static uint32_t socket_ready;
	uk_file_ops sock_ops{};
	sock_ops.poll = [](uk_file *) { return socket_ready; };
	uk_file_ops ro_ops{};
	ro_ops.read = [](uk_file *, void *, size_t) -> intptr_t { return 0; };
	uk_file_ops rw_ops = ro_ops;
	rw_ops.write = [](uk_file *, const void *, size_t) -> intptr_t { return 0; };
	TestFile &sock = make(), &ro = make(), &rw = make();
	uk_file_init(&sock.file, &sock_ops, &sock, 0);
	uk_file_init(&ro.file, &ro_ops, &ro, 0);
	uk_file_init(&rw.file, &rw_ops, &rw, 0);
	ASSERT_EQ(uk_fdtab_install(&sock.file), 0);
	ASSERT_EQ(uk_fdtab_install(&ro.file), 1);
	ASSERT_EQ(uk_fdtab_install(&rw.file), 2);

	constexpr uint32_t kInOut = UK_POLLIN | UK_POLLOUT;
	uk_pollfd fds[] = {{0, kInOut, 99}, {1, kInOut, 0}, {2, UK_POLLOUT, 0},
			   {9, UK_POLLIN, 0}, {-1, kInOut, 7}};
	socket_ready = 0;
	EXPECT_EQ(uk_fdtab_poll_scan(fds, 5), 3);
	EXPECT_EQ(fds[0].revents, 0u);
	EXPECT_EQ(fds[1].revents, uint32_t{UK_POLLIN});
	EXPECT_EQ(fds[2].revents, uint32_t{UK_POLLOUT});  // only what was asked
	EXPECT_EQ(fds[3].revents, uint32_t{UK_POLLNVAL});
	EXPECT_EQ(fds[4].revents, 0u);
	// Errors and hang-ups are reported even when not asked for.
	socket_ready = UK_POLLIN | UK_POLLHUP | UK_POLLPRI;
	fds[0].events = UK_POLLOUT;
	EXPECT_EQ(uk_fdtab_poll_scan(fds, 1), 1);
	EXPECT_EQ(fds[0].revents, uint32_t{UK_POLLHUP});

	static int woken;
	woken = 0;
	uint64_t before = uk_file_event_count();
	uk_file_notify(&sock.file);  // no hook yet
	uk_file_set_notify_hook([] { ++woken; });
	uk_file_notify(&sock.file);
	uk_file_set_notify_hook(nullptr);
	uk_file_notify(&sock.file);
	EXPECT_EQ(uk_file_event_count(), before + 3);
	EXPECT_EQ(woken, 1);
}

// Random operations against a model: descriptor -> file id, with the
// expected reference count and release count of every file.
TEST_F(Fdtab, RandomizedAgainstModel)
{
	constexpr int kFiles = 24;
	std::vector<TestFile *> files;
	for (int i = 0; i < kFiles; ++i)
		files.push_back(&make());
	std::vector<unsigned> refs(kFiles, 0);  // 0: never installed or released
	std::map<int, int> model;                // fd -> file index
	std::mt19937 rng(7);
	auto lowest_free = [&](int min) {
		for (int fd = min; fd < kSize; ++fd)
			if (!model.count(fd))
				return fd;
		return -UK_EMFILE;
	};
	auto drop = [&](int fd) {
		if (--refs[model[fd]] == 0) {
			EXPECT_EQ(files[model[fd]]->releases, 1);
		}
		model.erase(fd);
	};
	for (int step = 0; step < 20000; ++step) {
		int fd = static_cast<int>(rng() % (kSize + 4)) - 2;
		int op = static_cast<int>(rng() % 5);
		bool open = model.count(fd) != 0;
		if (op == 0) {  // install a fresh file, if one is unused
			int i = static_cast<int>(rng() % kFiles);
			if (refs[i] != 0)
				continue;
			files[i] = &make();
			int want = lowest_free(0);
			ASSERT_EQ(uk_fdtab_install(&files[i]->file), want);
			if (want >= 0) {
				model[want] = i;
				refs[i] = 1;
			}
		} else if (op == 1) {
			ASSERT_EQ(uk_fdtab_close(fd), open ? 0 : -UK_EBADF);
			if (open)
				drop(fd);
		} else if (op == 2) {
			int want = open ? lowest_free(0) : -UK_EBADF;
			ASSERT_EQ(uk_fdtab_dup(fd), want);
			if (want >= 0) {
				model[want] = model[fd];
				++refs[model[fd]];
			}
		} else {
			int to = static_cast<int>(rng() % (kSize + 2)) - 1;
			bool to_ok = to >= 0 && to < kSize;
			int want = open && to_ok ? to : -UK_EBADF;
			ASSERT_EQ(uk_fdtab_dup2(fd, to), want);
			if (want >= 0 && to != fd) {
				int i = model[fd];
				++refs[i];
				if (model.count(to))
					drop(to);
				model[to] = i;
			}
		}
		for (int d = 0; d < kSize; ++d) {
			uk_file *f = uk_fdtab_get(d);
			ASSERT_EQ(f != nullptr, model.count(d) != 0) << "fd " << d;
			if (f) {
				ASSERT_EQ(f, &files[model[d]]->file);
				ASSERT_EQ(f->refcnt, refs[model[d]] + 1);
				uk_fdtab_put(f);
			}
		}
	}
}

}  // namespace
