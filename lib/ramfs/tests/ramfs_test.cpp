// SPDX-License-Identifier: BSD-3-Clause
// ramfs through vfscore: files and offsets, O_APPEND/O_TRUNC/O_EXCL,
// pread/pwrite, holes, directories and their link counts, readdir while
// the directory changes, rename's POSIX cases, hard links, unlinked
// files that stay open, sizes and times (Linux's rules), size= limits.
#include "vfs_fixture.hpp"

#include <algorithm>
#include <set>

namespace {

using uk::hosttest::FakeClock;
using uk::hosttest::VfsTest;

class Ramfs : public VfsTest {};

uk_file_info info_of(uk_file *f)
{
	uk_file_info i{};
	EXPECT_EQ(f->ops->stat(f, &i), 0);
	return i;
}

TEST_F(Ramfs, WriteReadSeekAndOffsetsShared)
{
	uk_file *f = must_open("/f", UK_O_RDWR | UK_O_CREAT);
	ASSERT_NE(f, nullptr);
	EXPECT_EQ(f->ops->write(f, "hello world", 11), 11);
	EXPECT_EQ(f->ops->lseek(f, 0, UK_SEEK_CUR), 11);
	EXPECT_EQ(f->ops->lseek(f, -5, UK_SEEK_END), 6);
	char buf[32] = {};
	EXPECT_EQ(f->ops->read(f, buf, sizeof(buf)), 5);
	EXPECT_STREQ(buf, "world");
	EXPECT_EQ(f->ops->read(f, buf, sizeof(buf)), 0);
	EXPECT_EQ(f->ops->lseek(f, -100, UK_SEEK_CUR), -UK_EINVAL);
	EXPECT_EQ(f->ops->lseek(f, 0, 7), -UK_EINVAL);
	EXPECT_EQ(f->ops->lseek(f, INT64_MAX, UK_SEEK_SET), INT64_MAX);
	EXPECT_EQ(f->ops->lseek(f, 1, UK_SEEK_CUR), -UK_EOVERFLOW);
	EXPECT_EQ(f->ops->write(f, "x", 1), -UK_EFBIG);
	// Past the end: the gap reads as zeroes.
	EXPECT_EQ(f->ops->lseek(f, 20, UK_SEEK_SET), 20);
	EXPECT_EQ(f->ops->write(f, "!", 1), 1);
	EXPECT_EQ(get("/f"), std::string("hello world\0\0\0\0\0\0\0\0\0!", 21));
	EXPECT_EQ(info_of(f).size, 21);
	// pread/pwrite leave the offset alone
	EXPECT_EQ(f->ops->pwrite(f, "HE", 2, 0), 2);
	EXPECT_EQ(f->ops->pread(f, buf, 5, 0), 5);
	EXPECT_EQ(std::string(buf, 5), "HEllo");
	EXPECT_EQ(f->ops->lseek(f, 0, UK_SEEK_CUR), 21);
	EXPECT_EQ(f->ops->pread(f, buf, 1, -1), -UK_EINVAL);
	EXPECT_EQ(f->ops->fsync(f), 0);
	int avail = -1;
	EXPECT_EQ(f->ops->lseek(f, 15, UK_SEEK_SET), 15);
	EXPECT_EQ(f->ops->ioctl(f, 0x541B, &avail), 0);
	EXPECT_EQ(avail, 6);
	EXPECT_EQ(f->ops->ioctl(f, 0x5401, nullptr), -UK_ENOTTY);
	EXPECT_EQ(f->ops->isatty(f), 0);
	EXPECT_EQ(f->ops->poll(f), uint32_t{UK_POLLIN | UK_POLLOUT});
	uk_file_put(f);
}

TEST_F(Ramfs, OpenFlags)
{
	uk_file *f;
	EXPECT_EQ(open("/f", UK_O_RDONLY, &f), -UK_ENOENT);
	EXPECT_EQ(open("/f", UK_O_ACCMODE, &f), -UK_EINVAL);
	ASSERT_EQ(put("/f", "0123456789"), 0);
	EXPECT_EQ(open("/f", UK_O_CREAT | UK_O_EXCL | UK_O_WRONLY, &f), -UK_EEXIST);
	EXPECT_EQ(open("/f", UK_O_RDONLY | UK_O_DIRECTORY, &f), -UK_ENOTDIR);
	EXPECT_EQ(open("/", UK_O_WRONLY, &f), -UK_EISDIR);
	EXPECT_EQ(open("/", UK_O_RDONLY | UK_O_TRUNC, &f), -UK_EISDIR);
	EXPECT_EQ(open("/", UK_O_RDONLY | UK_O_CREAT, &f), -UK_EISDIR);
	f = must_open("/f", UK_O_WRONLY | UK_O_APPEND);
	EXPECT_EQ(f->ops->lseek(f, 0, UK_SEEK_SET), 0);
	EXPECT_EQ(f->ops->write(f, "ab", 2), 2); // at the end all the same
	EXPECT_EQ(f->ops->pwrite(f, "X", 1, 0), 1); // pwrite: where asked
	EXPECT_EQ(f->flags & UK_O_APPEND, uint32_t{UK_O_APPEND});
	uk_file_put(f);
	EXPECT_EQ(get("/f"), "X123456789ab");
	f = must_open("/f", UK_O_RDWR | UK_O_TRUNC | UK_O_NONBLOCK);
	EXPECT_EQ(info_of(f).size, 0);
	EXPECT_EQ(f->flags, uint32_t{UK_O_RDWR | UK_O_NONBLOCK});
	EXPECT_EQ(f->ops->truncate(f, 3), 0);
	uk_file_put(f);
	EXPECT_EQ(get("/f"), std::string(3, '\0'));
	f = must_open("/f", UK_O_RDONLY);
	EXPECT_EQ(f->ops->truncate(f, 0), -UK_EINVAL); // not open for writing
	char c;
	EXPECT_EQ(f->ops->readdir(f, nullptr), -UK_ENOTDIR);
	(void)c;
	uk_file_put(f);
	uk_file *d = must_open("/", UK_O_RDONLY);
	char buf[4];
	EXPECT_EQ(d->ops->read(d, buf, 4), -UK_EISDIR);
	EXPECT_EQ(d->ops->lseek(d, 0, UK_SEEK_END), -UK_EINVAL);
	uk_file_put(d);
}

TEST_F(Ramfs, DirectoriesAndLinkCounts)
{
	uk_file_info i{};
	ASSERT_EQ(stat("/", &i), 0);
	EXPECT_EQ(i.nlink, 2u);
	EXPECT_EQ(mkdir("/d", 0750), 0);
	EXPECT_EQ(mkdir("/d"), -UK_EEXIST);
	EXPECT_EQ(mkdir("/d/."), -UK_EEXIST);
	EXPECT_EQ(mkdir("/"), -UK_EEXIST);
	EXPECT_EQ(mkdir("/d/e"), 0);
	EXPECT_EQ(mkdir("/d/f"), 0);
	ASSERT_EQ(stat("/d", &i), 0);
	EXPECT_EQ(i.mode, uint32_t{UK_S_IFDIR | 0750});
	EXPECT_EQ(i.nlink, 4u);
	ASSERT_EQ(stat("/", &i), 0);
	EXPECT_EQ(i.nlink, 3u);
	EXPECT_EQ(rmdir("/d"), -UK_ENOTEMPTY);
	EXPECT_EQ(rmdir("/d/e/."), -UK_EINVAL);
	EXPECT_EQ(rmdir("/d/e/.."), -UK_ENOTEMPTY);
	EXPECT_EQ(rmdir("/"), -UK_EBUSY);
	EXPECT_EQ(put("/d/file", "x"), 0);
	EXPECT_EQ(rmdir("/d/file"), -UK_ENOTDIR);
	EXPECT_EQ(unlink("/d/e"), -UK_EISDIR);
	EXPECT_EQ(unlink("/d/."), -UK_EISDIR);
	EXPECT_EQ(rmdir("/d/e"), 0);
	ASSERT_EQ(stat("/d", &i), 0);
	EXPECT_EQ(i.nlink, 3u);
	EXPECT_EQ(rmdir("/d/nope"), -UK_ENOENT);
	EXPECT_EQ(unlink("/d/nope"), -UK_ENOENT);
	EXPECT_EQ(list("/d"), (std::vector<std::string>{".", "..", "f", "file"}));
	EXPECT_EQ(unlink("/d/file"), 0);
	EXPECT_EQ(rmdir("/d/f"), 0);
	EXPECT_EQ(rmdir("/d"), 0);
	EXPECT_EQ(list("/"), (std::vector<std::string>{".", ".."}));
}

TEST_F(Ramfs, ReaddirTypesInodesAndPositions)
{
	ASSERT_EQ(mkdir("/d"), 0);
	ASSERT_EQ(put("/d/r", ""), 0);
	ASSERT_EQ(symlink("r", "/d/l"), 0);
	ASSERT_EQ(mkdir("/d/s"), 0);
	uk_file *f = must_open("/d", UK_O_RDONLY | UK_O_DIRECTORY);
	uk_dirent e;
	std::vector<std::pair<std::string, int>> seen;
	std::vector<int64_t> positions;
	while (f->ops->readdir(f, &e) > 0) {
		seen.emplace_back(e.name, e.type);
		positions.push_back(e.next);
		uk_file_info i{};
		ASSERT_EQ(stat(("/d/" + std::string(e.name)).c_str(), &i, false), 0);
		EXPECT_EQ(e.ino, i.ino) << e.name;
	}
	EXPECT_EQ(seen, (std::vector<std::pair<std::string, int>>{
				{".", UK_DT_DIR}, {"..", UK_DT_DIR}, {"r", UK_DT_REG},
				{"l", UK_DT_LNK}, {"s", UK_DT_DIR}}));
	// seek back to a position readdir gave (telldir/seekdir)
	EXPECT_EQ(f->ops->lseek(f, positions[2], UK_SEEK_SET), positions[2]);
	ASSERT_EQ(f->ops->readdir(f, &e), 1);
	EXPECT_STREQ(e.name, "l");
	EXPECT_EQ(f->ops->lseek(f, 0, UK_SEEK_SET), 0);
	ASSERT_EQ(f->ops->readdir(f, &e), 1);
	EXPECT_STREQ(e.name, ".");
	uk_file_put(f);
}

// Entries removed or added while a listing is under way: every entry
// that stays is seen exactly once.
TEST_F(Ramfs, ReaddirWhileTheDirectoryChanges)
{
	ASSERT_EQ(mkdir("/d"), 0);
	for (int i = 0; i < 300; ++i)
		ASSERT_EQ(put(("/d/" + std::to_string(i)).c_str(), ""), 0);
	uk_file *f = must_open("/d", UK_O_RDONLY);
	uk_dirent e;
	std::multiset<std::string> seen;
	int n = 0;
	while (f->ops->readdir(f, &e) > 0) {
		seen.insert(e.name);
		if (++n % 3 == 0) { // remove the entry just seen and one ahead
			EXPECT_EQ(unlink(("/d/" + std::string(e.name)).c_str()),
				  e.name[0] == '.' ? -UK_EISDIR : 0);
			(void)unlink(("/d/" + std::to_string(std::min(299, n + 50))).c_str());
			EXPECT_EQ(put(("/d/new" + std::to_string(n)).c_str(), ""), 0);
		}
	}
	uk_file_put(f);
	for (int i = 0; i < 300; ++i) {
		std::string name = std::to_string(i);
		uk_file_info info{};
		if (stat(("/d/" + name).c_str(), &info) == 0)
			EXPECT_EQ(seen.count(name), 1u) << name;
	}
	for (auto &s : seen)
		EXPECT_EQ(seen.count(s), 1u) << s;
}

TEST_F(Ramfs, ManyFilesInOneDirectory)
{
	ASSERT_EQ(mkdir("/many"), 0);
	for (int i = 0; i < 2000; ++i)
		ASSERT_EQ(put(("/many/file" + std::to_string(i)).c_str(), std::to_string(i)), 0);
	for (int i = 0; i < 2000; i += 7)
		ASSERT_EQ(get(("/many/file" + std::to_string(i)).c_str()), std::to_string(i));
	EXPECT_EQ(list("/many").size(), 2002u);
	for (int i = 0; i < 2000; i += 2)
		ASSERT_EQ(unlink(("/many/file" + std::to_string(i)).c_str()), 0);
	EXPECT_EQ(list("/many").size(), 1002u);
	uk_file_info i{};
	EXPECT_EQ(stat("/many/file2", &i), -UK_ENOENT);
	EXPECT_EQ(stat("/many/file3", &i), 0);
}

TEST_F(Ramfs, RenameCases)
{
	ASSERT_EQ(mkdir("/a"), 0);
	ASSERT_EQ(mkdir("/b"), 0);
	ASSERT_EQ(mkdir("/a/sub"), 0);
	ASSERT_EQ(put("/a/f", "F"), 0);
	ASSERT_EQ(put("/b/g", "G"), 0);
	ASSERT_EQ(mkdir("/b/empty"), 0);
	ASSERT_EQ(mkdir("/b/full"), 0);
	ASSERT_EQ(put("/b/full/x", "x"), 0);

	EXPECT_EQ(rename("/a/f", "/b/f"), 0); // across directories
	EXPECT_EQ(get("/b/f"), "F");
	EXPECT_EQ(get("/a/f"), "<error -2>");
	EXPECT_EQ(rename("/b/f", "/b/g"), 0); // replaces a file
	EXPECT_EQ(get("/b/g"), "F");
	EXPECT_EQ(rename("/b/g", "/b/g"), 0); // itself
	EXPECT_EQ(rename("/b/g", "/b/empty"), -UK_EISDIR);
	EXPECT_EQ(rename("/a/sub", "/b/g"), -UK_ENOTDIR);
	EXPECT_EQ(rename("/a/sub", "/b/full"), -UK_ENOTEMPTY);
	EXPECT_EQ(rename("/a", "/a/sub/inside"), -UK_EINVAL);
	EXPECT_EQ(rename("/a", "/a"), 0);
	EXPECT_EQ(rename("/a/.", "/c"), -UK_EINVAL);
	EXPECT_EQ(rename("/", "/c"), -UK_EBUSY);
	EXPECT_EQ(rename("/nope", "/c"), -UK_ENOENT);
	EXPECT_EQ(rename("/b/g", "/nope/c"), -UK_ENOENT);

	uk_file_info i{};
	ASSERT_EQ(stat("/b", &i), 0);
	uint32_t b_links = i.nlink;
	EXPECT_EQ(rename("/a/sub", "/b/empty"), 0); // a directory over an empty one
	ASSERT_EQ(stat("/b", &i), 0);
	EXPECT_EQ(i.nlink, b_links);
	ASSERT_EQ(stat("/a", &i), 0);
	EXPECT_EQ(i.nlink, 2u);
	EXPECT_EQ(put("/b/empty/new", "n"), 0);
	EXPECT_EQ(get("/b/empty/../g"), "F"); // ".." follows the move
	EXPECT_EQ(rename("/b/empty", "/moved"), 0);
	ASSERT_EQ(stat("/", &i), 0);
	EXPECT_EQ(i.nlink, 5u); // ., .., a, b, moved
	EXPECT_EQ(get("/moved/new"), "n");
}

TEST_F(Ramfs, HardLinksShareTheFile)
{
	ASSERT_EQ(put("/one", "shared"), 0);
	EXPECT_EQ(err(vfs.link("/one", "/two")), 0);
	EXPECT_EQ(err(vfs.link("/one", "/two")), -UK_EEXIST);
	EXPECT_EQ(err(vfs.link("/", "/root2")), -UK_EPERM);
	EXPECT_EQ(err(vfs.link("/nope", "/x")), -UK_ENOENT);
	uk_file_info a{}, b{};
	ASSERT_EQ(stat("/one", &a), 0);
	ASSERT_EQ(stat("/two", &b), 0);
	EXPECT_EQ(a.ino, b.ino);
	EXPECT_EQ(a.nlink, 2u);
	EXPECT_EQ(rename("/one", "/two"), 0); // the same file: nothing happens
	ASSERT_EQ(stat("/one", &a), 0);
	EXPECT_EQ(put("/two", "changed"), 0);
	EXPECT_EQ(get("/one"), "changed");
	EXPECT_EQ(unlink("/one"), 0);
	ASSERT_EQ(stat("/two", &b), 0);
	EXPECT_EQ(b.nlink, 1u);
}

TEST_F(Ramfs, UnlinkedWhileOpenStaysUntilClosed)
{
	size_t empty = alloc.live_bytes();
	ASSERT_EQ(put("/tmp", std::string(50000, 'k')), 0);
	uk_file *f = must_open("/tmp", UK_O_RDWR);
	EXPECT_EQ(unlink("/tmp"), 0);
	uk_file_info i{};
	EXPECT_EQ(stat("/tmp", &i), -UK_ENOENT);
	EXPECT_EQ(info_of(f).nlink, 0u);
	EXPECT_EQ(f->ops->write(f, "still", 5), 5);
	char buf[8] = {};
	EXPECT_EQ(f->ops->pread(f, buf, 5, 0), 5);
	EXPECT_STREQ(buf, "still");
	EXPECT_EQ(err(vfs.link("/nothing", "/x")), -UK_ENOENT);
	EXPECT_GT(alloc.live_bytes(), empty + 50000); // the data is still there
	uk_file_put(f); // the last reference: it goes
	EXPECT_EQ(alloc.live_bytes(), empty);
}

TEST_F(Ramfs, SizesAndTimesFollowLinux)
{
	FakeClock::now = 1000;
	ASSERT_EQ(mkdir("/d"), 0);
	uk_file_info d{}, f{};
	ASSERT_EQ(stat("/d", &d), 0);
	EXPECT_EQ(d.mtime_ns, 1000);
	FakeClock::now = 2000;
	uk_file *h = must_open("/d/f", UK_O_CREAT | UK_O_RDWR);
	ASSERT_EQ(stat("/d", &d), 0);
	EXPECT_EQ(d.mtime_ns, 2000); // a new entry
	EXPECT_EQ(d.ctime_ns, 2000);
	f = info_of(h);
	EXPECT_EQ(f.atime_ns, 2000);
	EXPECT_EQ(f.mtime_ns, 2000);
	EXPECT_EQ(f.blksize, 4096u);
	FakeClock::now = 3000;
	EXPECT_EQ(h->ops->write(h, "abc", 3), 3);
	f = info_of(h);
	EXPECT_EQ(f.size, 3);
	EXPECT_EQ(f.mtime_ns, 3000);
	EXPECT_EQ(f.ctime_ns, 3000);
	EXPECT_EQ(f.atime_ns, 2000);
	ASSERT_EQ(stat("/d", &d), 0);
	EXPECT_EQ(d.mtime_ns, 2000); // a write does not touch the directory
	FakeClock::now = 4000;
	char buf[3];
	EXPECT_EQ(h->ops->pread(h, buf, 3, 0), 3);
	f = info_of(h);
	EXPECT_EQ(f.atime_ns, 4000);
	EXPECT_EQ(f.mtime_ns, 3000);
	FakeClock::now = 5000;
	EXPECT_EQ(h->ops->truncate(h, 10000), 0);
	f = info_of(h);
	EXPECT_EQ(f.size, 10000);
	EXPECT_EQ(f.mtime_ns, 5000);
	EXPECT_EQ(f.blocks, 1); // a 64-byte small block is all the storage
	FakeClock::now = 6000;
	EXPECT_EQ(err(vfs.link("/d/f", "/d/g")), 0);
	f = info_of(h);
	EXPECT_EQ(f.ctime_ns, 6000); // the link count changed
	EXPECT_EQ(f.mtime_ns, 5000);
	FakeClock::now = 7000;
	EXPECT_EQ(rename("/d/g", "/g"), 0);
	ASSERT_EQ(stat("/d", &d), 0);
	EXPECT_EQ(d.mtime_ns, 7000);
	uk_file_info r{};
	ASSERT_EQ(stat("/", &r), 0);
	EXPECT_EQ(r.mtime_ns, 7000);
	FakeClock::now = 8000;
	uk_vattr a{};
	a.mtime_ns = 42;
	EXPECT_TRUE(vfs.setattr("/g", a, UK_VATTR_MTIME).ok());
	f = info_of(h);
	EXPECT_EQ(f.mtime_ns, 42);
	EXPECT_EQ(f.ctime_ns, 8000);
	uk_file_put(h);
	ASSERT_EQ(symlink("/some/where", "/l"), 0);
	uk_file_info l{};
	ASSERT_EQ(stat("/l", &l, false), 0);
	EXPECT_EQ(l.size, 11);
	EXPECT_EQ(l.mode, uint32_t{UK_S_IFLNK | 0777});
}

class RamfsLimited : public VfsTest {
protected:
	const char *root_opts() override { return "size=64k"; }
};

TEST_F(RamfsLimited, FullIsEnospcAndFreeingGivesRoomBack)
{
	uk_file *f = must_open("/big", UK_O_CREAT | UK_O_WRONLY);
	std::string chunk(4096, 'b');
	intptr_t total = 0, n;
	while ((n = f->ops->write(f, chunk.data(), chunk.size())) > 0)
		total += n;
	EXPECT_EQ(n, -UK_ENOSPC);
	EXPECT_GT(total, 40000);
	EXPECT_LE(total, 65536);
	uk_file_put(f);
	uk_file_info i{};
	ASSERT_EQ(stat("/big", &i), 0);
	EXPECT_EQ(i.size, total); // what was written stays
	EXPECT_EQ(get("/big"), std::string(static_cast<size_t>(total), 'b'));
	EXPECT_EQ(unlink("/big"), 0);
	EXPECT_EQ(put("/again", chunk), 0);
}

}  // namespace
