// SPDX-License-Identifier: BSD-3-Clause
// The mount table: a second ramfs on a directory, crossing into it and
// back out with "..", EXDEV, EBUSY (open files, working directory,
// nested mounts, mount points), read-only mounts, unknown types and
// options, and the C interface on the image's namespace.
#include "vfs_fixture.hpp"

#include <uk/vfs.h>

namespace {

using uk::hosttest::VfsTest;

class Mount : public VfsTest {
protected:
	void SetUp() override
	{
		VfsTest::SetUp();
		ASSERT_EQ(mkdir("/mnt"), 0);
		ASSERT_EQ(put("/mnt/under", "hidden"), 0);
		ASSERT_EQ(put("/top", "top"), 0);
		ASSERT_TRUE(vfs.mount("none", "/mnt", "ramfs", 0, "").ok());
	}
};

TEST_F(Mount, CoversTheDirectoryAndDotDotLeavesIt)
{
	EXPECT_EQ(get("/mnt/under"), "<error -2>"); // covered
	EXPECT_EQ(put("/mnt/inside", "in"), 0);
	EXPECT_EQ(get("/mnt/inside"), "in");
	EXPECT_EQ(get("/mnt/../top"), "top");
	EXPECT_EQ(get("/mnt/./../mnt/inside"), "in");
	uk_file_info a{}, b{};
	ASSERT_EQ(stat("/", &a), 0);
	ASSERT_EQ(stat("/mnt", &b), 0);
	EXPECT_NE(a.dev, b.dev);
	EXPECT_EQ(chdir("/mnt"), 0);
	EXPECT_EQ(cwd(), "/mnt");
	EXPECT_EQ(get("../top"), "top");
	EXPECT_EQ(mkdir("sub"), 0);
	EXPECT_EQ(chdir("sub"), 0);
	EXPECT_EQ(cwd(), "/mnt/sub");
	EXPECT_EQ(chdir("/"), 0);
	auto names = list("/mnt");
	EXPECT_EQ(names, (std::vector<std::string>{".", "..", "inside", "sub"}));
}

TEST_F(Mount, NoRenameOrLinkAcross)
{
	EXPECT_EQ(rename("/top", "/mnt/top"), -UK_EXDEV);
	EXPECT_EQ(err(vfs.link("/top", "/mnt/top")), -UK_EXDEV);
	EXPECT_EQ(rename("/mnt", "/elsewhere"), -UK_EBUSY);
	EXPECT_EQ(rmdir("/mnt"), -UK_EBUSY);
	EXPECT_EQ(rename("/top", "/mnt"), -UK_EBUSY);
}

TEST_F(Mount, BusyWhileUsed)
{
	uk_file *f = must_open("/mnt/file", UK_O_CREAT | UK_O_RDWR);
	EXPECT_EQ(err(vfs.umount("/mnt")), -UK_EBUSY);
	uk_file_put(f);
	EXPECT_EQ(chdir("/mnt"), 0);
	EXPECT_EQ(err(vfs.umount("/mnt")), -UK_EBUSY);
	EXPECT_EQ(chdir("/"), 0);
	EXPECT_EQ(mkdir("/mnt/deeper"), 0);
	ASSERT_TRUE(vfs.mount("", "/mnt/deeper", "ramfs", 0, nullptr).ok());
	EXPECT_EQ(err(vfs.umount("/mnt")), -UK_EBUSY);
	EXPECT_EQ(err(vfs.umount("/mnt/deeper")), 0);
	EXPECT_EQ(err(vfs.umount("/mnt")), 0);
	EXPECT_EQ(get("/mnt/under"), "hidden"); // uncovered again
	EXPECT_EQ(err(vfs.umount("/mnt")), -UK_EINVAL);
	EXPECT_EQ(err(vfs.umount("/")), -UK_EBUSY); // the working directory
}

TEST_F(Mount, TypesTargetsAndOptions)
{
	EXPECT_EQ(err(vfs.mount("", "/top", "ramfs", 0, "")), -UK_ENOTDIR);
	EXPECT_EQ(err(vfs.mount("", "/nope", "ramfs", 0, "")), -UK_ENOENT);
	EXPECT_EQ(err(vfs.mount("", "/", "ramfs", 0, "")), -UK_EBUSY);
	EXPECT_EQ(mkdir("/m2"), 0);
	EXPECT_EQ(err(vfs.mount("", "/m2", "nosuchfs", 0, "")), -UK_ENODEV);
	EXPECT_EQ(err(vfs.mount("", "/m2", "ramfs", 0, "bogus=1")), -UK_EINVAL);
	EXPECT_EQ(err(vfs.mount("", "/m2", "ramfs", 0, "size=12x")), -UK_EINVAL);
	EXPECT_EQ(err(vfs.mount("", "/m2", "ramfs", 0, "size=64k")), 0);
	EXPECT_EQ(err(vfs.register_fstype(&ramfs)), -UK_EEXIST);
	uk_vfs_fstype twin = ramfs;
	EXPECT_EQ(err(vfs.register_fstype(&twin)), -UK_EEXIST);
}

TEST_F(Mount, ReadOnlyRefusesChanges)
{
	ASSERT_EQ(mkdir("/ro"), 0);
	ASSERT_TRUE(vfs.mount("", "/ro", "ramfs", UK_MS_RDONLY, "").ok());
	uk_file *f;
	EXPECT_EQ(open("/ro/x", UK_O_CREAT | UK_O_WRONLY, &f), -UK_EROFS);
	EXPECT_EQ(mkdir("/ro/d"), -UK_EROFS);
	EXPECT_EQ(symlink("/top", "/ro/l"), -UK_EROFS);
	f = must_open("/ro", UK_O_RDONLY | UK_O_DIRECTORY);
	uk_file_put(f);
}

// The C interface on the global namespace, as posix-sys and ukcpio use it.
TEST(VfsCInterface, MountOpenStatUnmount)
{
	uk::hosttest::TestAlloc alloc;
	uk::ramfs::Config config{uk::hosttest::FakeClock::read};
	uk_vfs_fstype ramfs{"ramfs", uk::ramfs::fs_mount, uk::ramfs::fs_unmount,
			    &config, nullptr};
	uk_vfs_init(alloc.get());
	ASSERT_EQ(uk_vfs_fstype_register(&ramfs), 0);
	uk_file *f;
	EXPECT_EQ(uk_vfs_open("/x", UK_O_RDONLY, 0, &f), -UK_ENOENT); // no root
	ASSERT_EQ(uk_vfs_mount("", "/", "ramfs", 0, nullptr), 0);
	EXPECT_EQ(uk_vfs_mkdir("/etc", 0700), 0);
	ASSERT_EQ(uk_vfs_open("/etc/conf", UK_O_CREAT | UK_O_WRONLY, 0640, &f), 0);
	EXPECT_EQ(f->ops->write(f, "k=v\n", 4), 4);
	uk_file_put(f);
	uk_file_info info{};
	EXPECT_EQ(uk_vfs_stat("/etc/conf", &info), 0);
	EXPECT_EQ(info.size, 4);
	EXPECT_EQ(info.mode, uint32_t{UK_S_IFREG | 0640 & ~022});
	EXPECT_EQ(uk_vfs_umask(0), 022u);
	EXPECT_EQ(uk_vfs_chmod("/etc/conf", 04711), 0);
	EXPECT_EQ(uk_vfs_stat("/etc/conf", &info), 0);
	EXPECT_EQ(info.mode, uint32_t{UK_S_IFREG | 04711});
	EXPECT_EQ(uk_vfs_utimes("/etc/conf", 5, -1), 0);
	EXPECT_EQ(uk_vfs_stat("/etc/conf", &info), 0);
	EXPECT_EQ(info.atime_ns, 5);
	EXPECT_EQ(uk_vfs_symlink("conf", "/etc/link"), 0);
	char buf[16];
	EXPECT_EQ(uk_vfs_readlink("/etc/link", buf, sizeof(buf)), 4);
	EXPECT_EQ(uk_vfs_lstat("/etc/link", &info), 0);
	EXPECT_EQ(info.mode & UK_S_IFMT, uint32_t{UK_S_IFLNK});
	EXPECT_EQ(uk_vfs_link("/etc/conf", "/etc/hard"), 0);
	EXPECT_EQ(uk_vfs_truncate("/etc/hard", 100), 0);
	EXPECT_EQ(uk_vfs_stat("/etc/conf", &info), 0);
	EXPECT_EQ(info.size, 100);
	EXPECT_EQ(info.nlink, 2u);
	EXPECT_EQ(uk_vfs_rename("/etc/hard", "/hard"), 0);
	EXPECT_EQ(uk_vfs_chdir("/etc"), 0);
	EXPECT_EQ(uk_vfs_getcwd(buf, sizeof(buf)), 4);
	EXPECT_STREQ(buf, "/etc");
	ASSERT_EQ(uk_vfs_open(".", UK_O_RDONLY, 0, &f), 0);
	EXPECT_EQ(uk_vfs_chdir("/"), 0);
	// An open directory's path comes from the tree: after a rename, the
	// new one (what the *at() calls join relative paths to).
	EXPECT_EQ(uk_vfs_fgetpath(f, buf, sizeof(buf)), 4);
	EXPECT_STREQ(buf, "/etc");
	EXPECT_EQ(uk_vfs_rename("/etc", "/etc2"), 0);
	EXPECT_EQ(uk_vfs_fgetpath(f, buf, sizeof(buf)), 5);
	EXPECT_STREQ(buf, "/etc2");
	EXPECT_EQ(uk_vfs_fgetpath(f, buf, 5), -UK_ERANGE);
	EXPECT_EQ(uk_vfs_rename("/etc2", "/etc"), 0);
	uk_file *reg;
	ASSERT_EQ(uk_vfs_open("/etc/conf", UK_O_RDONLY, 0, &reg), 0);
	EXPECT_EQ(uk_vfs_fgetpath(reg, buf, sizeof(buf)), -UK_ENOTDIR);
	uk_file_put(reg);
	uk_file other{};
	EXPECT_EQ(uk_vfs_fgetpath(&other, buf, sizeof(buf)), -UK_EBADF); // not vfscore's
	EXPECT_EQ(uk_vfs_fchdir(f), 0);
	uk_file_put(f);
	EXPECT_EQ(uk_vfs_chdir("/"), 0);
	EXPECT_EQ(uk_vfs_unlink("/hard"), 0);
	EXPECT_EQ(uk_vfs_unlink("/etc/link"), 0);
	EXPECT_EQ(uk_vfs_unlink("/etc/conf"), 0);
	EXPECT_EQ(uk_vfs_rmdir("/etc"), 0);
	EXPECT_EQ(uk_vfs_umount("/"), -UK_EBUSY); // the working directory
	EXPECT_TRUE(uk::vfs::global().shutdown().ok());
	EXPECT_EQ(alloc.live_bytes(), 0u);
	uk_vfs_init(nullptr);
}

}  // namespace
