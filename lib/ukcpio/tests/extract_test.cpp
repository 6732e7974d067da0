// SPDX-License-Identifier: BSD-3-Clause
// Unpacking into vfscore + ramfs: files, directories, symlinks, hard
// links, modes and times, missing parents, replacing what exists,
// skipped device entries, a malformed archive changing nothing, and a
// full file system named in the message.
#include "newc.hpp"

namespace {

using uk::hosttest::GlobalVfs;
using uk::hosttest::Newc;

class CpioExtract : public GlobalVfs {};

TEST_F(CpioExtract, FilesDirectoriesLinksModesTimes)
{
	Newc n;
	n.add(".", UK_S_IFDIR | 0700, "", 0, 2, 1000)
		.add("etc", UK_S_IFDIR | 0750, "", 0, 2, 2000)
		.add("etc/app.conf", UK_S_IFREG | 0640, "port=8080\n", 0, 1, 3000)
		.add("etc/empty", UK_S_IFREG | 0600, "", 0, 1, 3500)
		.add("./bin/tool", UK_S_IFREG | 0755, "#!/bin/sh\n", 0, 1, 4000) // no "bin" entry
		.link("etc/current", "app.conf")
		.link("abs", "/etc/app.conf")
		.add("dev/console", UK_S_IFCHR | 0600)
		.trailer();
	uk_cpio_stats st;
	ASSERT_EQ(extract(n.bytes(), &st), 0) << err.msg;
	EXPECT_EQ(get("/etc/app.conf"), "port=8080\n");
	EXPECT_EQ(get("/etc/current"), "port=8080\n");
	EXPECT_EQ(get("/abs"), "port=8080\n");
	EXPECT_EQ(get("/etc/empty"), "");
	EXPECT_EQ(get("/bin/tool"), "#!/bin/sh\n");
	EXPECT_EQ(info("/etc/app.conf").mode, uint32_t{UK_S_IFREG | 0640});
	EXPECT_EQ(info("/etc/app.conf").mtime_ns, 3000ll * 1000000000);
	EXPECT_EQ(info("/bin/tool").mode, uint32_t{UK_S_IFREG | 0755});
	EXPECT_EQ(info("/bin").mode, uint32_t{UK_S_IFDIR | 0755}); // made as a parent
	EXPECT_EQ(info("/etc").mode, uint32_t{UK_S_IFDIR | 0750});
	EXPECT_EQ(info("/etc").mtime_ns, 2000ll * 1000000000); // after its entries
	EXPECT_EQ(info("/").mode, uint32_t{UK_S_IFDIR | 0700});
	EXPECT_EQ(info("/").mtime_ns, 1000ll * 1000000000);
	EXPECT_EQ(info("/etc/current", false).mode & UK_S_IFMT, uint32_t{UK_S_IFLNK});
	uk_file_info i;
	EXPECT_EQ(uk_vfs_stat("/dev/console", &i), -UK_ENOENT);
	EXPECT_EQ(st.files, 3u);
	EXPECT_EQ(st.dirs, 1u); // etc (/ existed, bin was a parent)
	EXPECT_EQ(st.symlinks, 2u);
	EXPECT_EQ(st.skipped, 1u);
	EXPECT_EQ(st.bytes, 20u);
}

TEST_F(CpioExtract, HardLinksAsGnuCpioWritesThem)
{
	// newc: the links share an inode number; the data is on the last one.
	Newc n;
	n.add("a", UK_S_IFREG | 0644, "", 555, 3)
		.add("sub/b", UK_S_IFREG | 0644, "", 555, 3)
		.add("c", UK_S_IFREG | 0644, "shared", 555, 3)
		.add("other", UK_S_IFREG | 0644, "not linked", 556, 1)
		.trailer();
	uk_cpio_stats st;
	ASSERT_EQ(extract(n.bytes(), &st), 0) << err.msg;
	EXPECT_EQ(get("/a"), "shared");
	EXPECT_EQ(get("/sub/b"), "shared");
	EXPECT_EQ(info("/a").nlink, 3u);
	EXPECT_EQ(info("/a").ino, info("/c").ino);
	EXPECT_NE(info("/a").ino, info("/other").ino);
	EXPECT_EQ(st.files, 2u);
	EXPECT_EQ(st.hardlinks, 2u);
}

TEST_F(CpioExtract, ReplacesFilesAndLinksKeepsDirectories)
{
	ASSERT_EQ(uk_vfs_mkdir("/keep", 0700), 0);
	ASSERT_EQ(uk_vfs_symlink("/keep/target", "/file"), 0); // replaced, not followed
	uk_file *f;
	ASSERT_EQ(uk_vfs_open("/keep/old", UK_O_CREAT | UK_O_WRONLY, 0644, &f), 0);
	uk_file_put(f);
	Newc n;
	n.dir("keep", 0711).file("file", "new content").link("keep/old", "file").trailer();
	ASSERT_EQ(extract(n.bytes()), 0) << err.msg;
	EXPECT_EQ(info("/file", false).mode & UK_S_IFMT, uint32_t{UK_S_IFREG});
	EXPECT_EQ(get("/file"), "new content");
	EXPECT_EQ(uk_vfs_stat("/keep/target", &*std::make_unique<uk_file_info>()), -UK_ENOENT);
	EXPECT_EQ(info("/keep").mode, uint32_t{UK_S_IFDIR | 0711});
	EXPECT_EQ(info("/keep/old", false).mode & UK_S_IFMT, uint32_t{UK_S_IFLNK});
}

TEST_F(CpioExtract, IntoASubdirectory)
{
	ASSERT_EQ(uk_vfs_mkdir("/srv", 0755), 0);
	Newc n;
	n.file("/etc/x", "abs name, relative to dest").trailer();
	ASSERT_EQ(extract(n.bytes(), nullptr, "/srv/"), 0) << err.msg;
	EXPECT_EQ(get("/srv/etc/x"), "abs name, relative to dest");
	uk_file_info i;
	EXPECT_EQ(uk_vfs_stat("/etc/x", &i), -UK_ENOENT);
}

TEST_F(CpioExtract, MalformedChangesNothing)
{
	Newc n;
	n.file("first", "1").file("second", "2");
	std::string a = n.bytes() + "garbage that is no header at all, long enough for one....."
				    "................................................................";
	EXPECT_EQ(extract(a), -UK_EINVAL);
	EXPECT_NE(std::string(err.msg).find("entry 2 at offset 244: bad magic \"garbag\""),
		  std::string::npos)
		<< err.msg;
	uk_file_info i;
	EXPECT_EQ(uk_vfs_stat("/first", &i), -UK_ENOENT); // checked before unpacking
}

TEST_F(CpioExtract, ConflictsNameTheEntry)
{
	Newc n;
	n.file("a", "a file").file("a/b", "below a file").trailer();
	EXPECT_EQ(extract(n.bytes()), -UK_ENOTDIR);
	EXPECT_STREQ(err.msg, "entry 1 (\"a/b\") at offset 120: cannot make directory /a: "
			      "a parent is not a directory (-20)");
	Newc m;
	m.dir("d").file("d", "over a directory").trailer();
	EXPECT_EQ(extract(m.bytes()), -UK_EISDIR);
	EXPECT_NE(std::string(err.msg).find("cannot create /d: a directory is in the way"),
		  std::string::npos)
		<< err.msg;
}

class CpioExtractSmall : public GlobalVfs {
protected:
	const char *root_opts() override { return "size=32k"; }
};

TEST_F(CpioExtractSmall, FullFileSystemIsEnospcNamingTheEntry)
{
	Newc n;
	n.file("small", "fits").file("big", std::string(100000, 'b')).trailer();
	EXPECT_EQ(extract(n.bytes()), -UK_ENOSPC);
	EXPECT_NE(std::string(err.msg).find("entry 1 (\"big\") at offset 120: cannot write /big: "
					    "no space left (-28)"),
		  std::string::npos)
		<< err.msg;
	EXPECT_EQ(get("/small"), "fits");
}

}  // namespace
