// SPDX-License-Identifier: BSD-3-Clause
// devfs on /dev through vfscore, with test devices: lookup, listing in
// registration order, attributes, reads and writes reaching the device
// with the file offset, poll and ioctl, and what devfs refuses.
#include "vfs_fixture.hpp"

#include "devfs.hpp"

namespace {

using uk::hosttest::FakeClock;
using uk::hosttest::VfsTest;

struct Echo {
	std::string written;
	int64_t last_off = -1;
};

intptr_t echo_read(uk_devfs_device *d, void *buf, size_t len, int64_t off)
{
	auto *e = static_cast<Echo *>(d->priv);
	e->last_off = off;
	size_t n = std::min(len, e->written.size());
	memcpy(buf, e->written.data(), n);
	return static_cast<intptr_t>(n);
}

intptr_t echo_write(uk_devfs_device *d, const void *buf, size_t len, int64_t off)
{
	auto *e = static_cast<Echo *>(d->priv);
	e->last_off = off;
	e->written.assign(static_cast<const char *>(buf), len);
	return static_cast<intptr_t>(len);
}

uint32_t never_ready(uk_devfs_device *) { return 0; }
int answer_ioctl(uk_devfs_device *, unsigned long req, void *arg)
{
	if (req != 42)
		return -UK_ENOTTY;
	*static_cast<int *>(arg) = 7;
	return 0;
}

class Devfs : public VfsTest {
protected:
	void SetUp() override
	{
		VfsTest::SetUp();
		echo_dev.priv = &echo;
		ASSERT_TRUE(registry.add(&echo_dev).ok());
		ASSERT_TRUE(registry.add(&quiet_dev).ok());
		ASSERT_TRUE(vfs.register_fstype(&devfs).ok());
		ASSERT_EQ(mkdir("/dev"), 0);
		FakeClock::now = 77;
		ASSERT_TRUE(vfs.mount("devfs", "/dev", "devfs", 0, nullptr).ok());
	}

	Echo echo;
	uk_devfs_device echo_dev = {"echo", UK_S_IFCHR | 0666, UK_DEVFS_MKDEV(10, 300),
				    echo_read, echo_write, nullptr, answer_ioctl,
				    nullptr, nullptr};
	uk_devfs_device quiet_dev = {"quiet", UK_S_IFCHR | 0600, UK_DEVFS_MKDEV(4097, 2),
				     nullptr, nullptr, never_ready, nullptr,
				     nullptr, nullptr};
	uk::devfs::Registry registry{nullptr, FakeClock::read};
	uk_vfs_fstype devfs{"devfs", uk::devfs::fs_mount, uk::devfs::fs_unmount,
			    &registry, nullptr};
};

TEST_F(Devfs, ListsAndDescribesDevices)
{
	EXPECT_EQ(list("/dev"), (std::vector<std::string>{".", "..", "echo", "quiet"}));
	uk_file_info i{};
	ASSERT_EQ(stat("/dev/echo", &i), 0);
	EXPECT_EQ(i.mode, uint32_t{UK_S_IFCHR | 0666});
	EXPECT_EQ(i.rdev, (10u << 8) | 44u | (256u << 12));
	EXPECT_EQ(i.mtime_ns, 77);
	ASSERT_EQ(stat("/dev/quiet", &i), 0);
	EXPECT_EQ(i.rdev, UK_DEVFS_MKDEV(4097, 2));
	EXPECT_EQ(i.rdev >> 32, 4096u); // the major's high bits, in place
	ASSERT_EQ(stat("/dev", &i), 0);
	EXPECT_EQ(i.mode & UK_S_IFMT, uint32_t{UK_S_IFDIR});
	EXPECT_EQ(stat("/dev/nope", &i), -UK_ENOENT);
	EXPECT_EQ(get("/dev/../dev/echo"), "");
	EXPECT_EQ(cwd(), "/");
	EXPECT_EQ(chdir("/dev"), 0);
	EXPECT_EQ(cwd(), "/dev");
	EXPECT_EQ(chdir("/"), 0);
}

TEST_F(Devfs, ReadWritePollIoctlReachTheDevice)
{
	uk_file *f = must_open("/dev/echo", UK_O_RDWR);
	EXPECT_EQ(f->ops->write(f, "ping", 4), 4);
	EXPECT_EQ(echo.written, "ping");
	EXPECT_EQ(echo.last_off, 0);
	char buf[8] = {};
	EXPECT_EQ(f->ops->read(f, buf, sizeof(buf)), 4);
	EXPECT_EQ(echo.last_off, 4); // the file offset moved
	EXPECT_EQ(f->ops->pwrite(f, "x", 1, 100), 1);
	EXPECT_EQ(echo.last_off, 100);
	int v = 0;
	EXPECT_EQ(f->ops->ioctl(f, 42, &v), 0);
	EXPECT_EQ(v, 7);
	EXPECT_EQ(f->ops->ioctl(f, 43, &v), -UK_ENOTTY);
	EXPECT_EQ(f->ops->poll(f), uint32_t{UK_POLLIN | UK_POLLOUT});
	uk_file_put(f);
	f = must_open("/dev/quiet", UK_O_RDWR);
	EXPECT_EQ(f->ops->poll(f), 0u);
	EXPECT_EQ(f->ops->read(f, buf, 1), -UK_EINVAL);
	EXPECT_EQ(f->ops->write(f, buf, 1), -UK_EINVAL);
	EXPECT_EQ(f->ops->ioctl(f, 42, &v), -UK_ENOTTY);
	EXPECT_EQ(f->ops->isatty(f), 0);
	uk_file_put(f);
}

TEST_F(Devfs, RefusesChangesAndBadRegistrations)
{
	uk_file *f;
	EXPECT_EQ(open("/dev/new", UK_O_CREAT | UK_O_WRONLY, &f), -UK_EROFS);
	EXPECT_EQ(mkdir("/dev/d"), -UK_EROFS);
	EXPECT_EQ(unlink("/dev/echo"), -UK_EROFS);
	EXPECT_EQ(rename("/dev/echo", "/dev/other"), -UK_EROFS);
	EXPECT_EQ(symlink("/x", "/dev/l"), -UK_EPERM);
	EXPECT_EQ(err(vfs.truncate("/dev/echo", 0)), -UK_EINVAL);
	ASSERT_EQ(mkdir("/dev2"), 0);
	EXPECT_EQ(err(vfs.mount("", "/dev2", "devfs", 0, "opt")), -UK_EINVAL);
	uk_devfs_device dup = echo_dev, bad = echo_dev, slash = echo_dev;
	EXPECT_EQ(registry.add(&dup).error(), -UK_EEXIST);
	bad.name = "..";
	EXPECT_EQ(registry.add(&bad).error(), -UK_EINVAL);
	slash.name = "a/b";
	EXPECT_EQ(registry.add(&slash).error(), -UK_EINVAL);
}

}  // namespace
