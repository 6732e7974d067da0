// SPDX-License-Identifier: BSD-3-Clause
// The path walk through the namespace calls: ".", "..", slashes,
// trailing slashes, ENAMETOOLONG, ENOTDIR, symbolic links (relative,
// absolute, chains, loops, the 40-link limit, dangling, O_CREAT through
// a link, O_NOFOLLOW), the working directory and getcwd.
#include "vfs_fixture.hpp"

namespace {

using uk::hosttest::VfsTest;

class Path : public VfsTest {
protected:
	void SetUp() override
	{
		VfsTest::SetUp();
		ASSERT_EQ(mkdir("/a"), 0);
		ASSERT_EQ(mkdir("/a/b"), 0);
		ASSERT_EQ(put("/a/b/f", "data"), 0);
		ASSERT_EQ(put("/top", "top"), 0);
	}
};

TEST_F(Path, DotsAndSlashes)
{
	EXPECT_EQ(get("/a/b/f"), "data");
	EXPECT_EQ(get("//a///b//f"), "data");
	EXPECT_EQ(get("/a/./b/./f"), "data");
	EXPECT_EQ(get("/a/b/../b/f"), "data");
	EXPECT_EQ(get("/a/../a/b/../../top"), "top");
	EXPECT_EQ(get("/../../top"), "top"); // ".." of "/" is "/"
	EXPECT_EQ(get("/.."), "<error -21>"); // a directory: EISDIR to read
	EXPECT_EQ(type_of("/"), uint32_t{UK_S_IFDIR});
	EXPECT_EQ(type_of("///"), uint32_t{UK_S_IFDIR});
	EXPECT_EQ(type_of("/a/b/.."), uint32_t{UK_S_IFDIR});
	uk_file_info i{};
	EXPECT_EQ(stat("", &i), -UK_ENOENT);
	EXPECT_EQ(stat("/nope", &i), -UK_ENOENT);
	EXPECT_EQ(stat("/a/nope/f", &i), -UK_ENOENT);
}

TEST_F(Path, NonDirectoryInTheMiddleIsEnotdir)
{
	uk_file_info i{};
	EXPECT_EQ(stat("/top/x", &i), -UK_ENOTDIR);
	EXPECT_EQ(stat("/a/b/f/..", &i), -UK_ENOTDIR);
	EXPECT_EQ(mkdir("/top/x"), -UK_ENOTDIR);
}

TEST_F(Path, TrailingSlashNeedsADirectory)
{
	uk_file_info i{};
	EXPECT_EQ(stat("/a/b/", &i), 0);
	EXPECT_EQ(stat("/a/b//", &i), 0);
	EXPECT_EQ(stat("/top/", &i), -UK_ENOTDIR);
	EXPECT_EQ(get("/top/"), "<error -20>");
	EXPECT_EQ(mkdir("/new/"), 0);
	EXPECT_EQ(type_of("/new"), uint32_t{UK_S_IFDIR});
	EXPECT_EQ(rmdir("/new//"), 0);
	EXPECT_EQ(unlink("/top/"), -UK_ENOTDIR);
	EXPECT_EQ(unlink("/a/"), -UK_EISDIR);
	uk_file *f;
	EXPECT_EQ(open("/fresh/", UK_O_CREAT | UK_O_WRONLY, &f), -UK_EISDIR);
	EXPECT_EQ(open("/top/", UK_O_CREAT | UK_O_WRONLY, &f), -UK_EISDIR);
	EXPECT_EQ(rename("/top/", "/top2"), -UK_ENOTDIR);
	EXPECT_EQ(rename("/top", "/top2/"), -UK_ENOTDIR);
	EXPECT_EQ(rename("/a/", "/a2/"), 0);
	EXPECT_EQ(get("/a2/b/f"), "data");
}

TEST_F(Path, NameAndPathLimits)
{
	std::string name(UK_NAME_MAX, 'n');
	EXPECT_EQ(put(("/" + name).c_str(), "x"), 0);
	EXPECT_EQ(get(("/" + name).c_str()), "x");
	std::string longer(UK_NAME_MAX + 1, 'n');
	uk_file_info i{};
	EXPECT_EQ(stat(("/" + longer).c_str(), &i), -UK_ENAMETOOLONG);
	EXPECT_EQ(mkdir(("/" + longer).c_str()), -UK_ENAMETOOLONG);
	EXPECT_EQ(put(("/a/" + longer).c_str(), "x"), -UK_ENAMETOOLONG);

	// UK_PATH_MAX counts the NUL: 4095 characters are allowed.
	std::string path = "/a";
	while (path.size() < UK_PATH_MAX - 1)
		path += "/.";
	path.resize(UK_PATH_MAX - 1);
	if (path.back() == '/')
		path.back() = '.';
	EXPECT_EQ(stat(path.c_str(), &i), 0);
	path += "/";
	EXPECT_EQ(stat(path.c_str(), &i), -UK_ENAMETOOLONG);
}

TEST_F(Path, SymlinksRelativeAbsoluteAndChains)
{
	ASSERT_EQ(symlink("b/f", "/a/rel"), 0);
	ASSERT_EQ(symlink("/a/b", "/abs"), 0);
	ASSERT_EQ(symlink("/abs/f", "/chain1"), 0);
	ASSERT_EQ(symlink("chain1", "/chain2"), 0);
	ASSERT_EQ(symlink("../top", "/a/up"), 0);
	EXPECT_EQ(get("/a/rel"), "data");
	EXPECT_EQ(get("/abs/f"), "data");
	EXPECT_EQ(get("/abs/../b/f"), "data"); // ".." of the target, not of "/"
	EXPECT_EQ(get("/chain2"), "data");
	EXPECT_EQ(get("/a/up"), "top");
	EXPECT_EQ(type_of("/abs"), uint32_t{UK_S_IFDIR});
	EXPECT_EQ(type_of("/abs", false), uint32_t{UK_S_IFLNK});
	EXPECT_EQ(type_of("/abs/"), uint32_t{UK_S_IFDIR}); // a trailing slash follows
	char buf[64];
	auto n = vfs.readlink("/chain2", buf, sizeof(buf));
	ASSERT_TRUE(n.ok());
	EXPECT_EQ(std::string(buf, n.value()), "chain1");
	auto cut = vfs.readlink("/chain2", buf, 3);
	ASSERT_TRUE(cut.ok());
	EXPECT_EQ(cut.value(), 3u);
	EXPECT_EQ(vfs.readlink("/top", buf, sizeof(buf)).error(), -UK_EINVAL);
	uk_file_info i{};
	EXPECT_EQ(stat("/chain2", &i, false), 0);
	EXPECT_EQ(i.size, 6);
	// unlink removes the link, not its target
	EXPECT_EQ(unlink("/abs"), 0);
	EXPECT_EQ(get("/a/b/f"), "data");
	EXPECT_EQ(get("/chain2"), "<error -2>");
}

TEST_F(Path, SymlinkLoopsAndTheLimit)
{
	ASSERT_EQ(symlink("/loop2", "/loop1"), 0);
	ASSERT_EQ(symlink("/loop1", "/loop2"), 0);
	ASSERT_EQ(symlink("self", "/self"), 0);
	uk_file_info i{};
	EXPECT_EQ(stat("/loop1", &i), -UK_ELOOP);
	EXPECT_EQ(stat("/self/x", &i), -UK_ELOOP);
	EXPECT_EQ(stat("/self", &i, false), 0);

	// A chain of exactly UK_VFS_MAX_SYMLINKS links resolves; one more fails.
	ASSERT_EQ(symlink("/top", "/l0"), 0);
	for (int k = 1; k <= UK_VFS_MAX_SYMLINKS; ++k) {
		std::string prev = "/l" + std::to_string(k - 1);
		ASSERT_EQ(symlink(prev.c_str(), ("/l" + std::to_string(k)).c_str()), 0);
	}
	std::string at_limit = "/l" + std::to_string(UK_VFS_MAX_SYMLINKS - 1);
	std::string past = "/l" + std::to_string(UK_VFS_MAX_SYMLINKS);
	EXPECT_EQ(get(at_limit.c_str()), "top");
	EXPECT_EQ(get(past.c_str()), "<error -40>");
}

TEST_F(Path, DanglingLinksAndCreateThroughThem)
{
	ASSERT_EQ(symlink("/a/made", "/dangling"), 0);
	EXPECT_EQ(symlink("", "/empty"), -UK_ENOENT);
	EXPECT_EQ(get("/dangling"), "<error -2>");
	uk_file *f;
	EXPECT_EQ(open("/dangling", UK_O_CREAT | UK_O_EXCL | UK_O_WRONLY, &f), -UK_EEXIST);
	EXPECT_EQ(open("/dangling", UK_O_CREAT | UK_O_NOFOLLOW | UK_O_WRONLY, &f), -UK_ELOOP);
	EXPECT_EQ(put("/dangling", "made"), 0); // O_CREAT follows and creates
	EXPECT_EQ(get("/a/made"), "made");
	EXPECT_EQ(open("/dangling", UK_O_RDONLY | UK_O_NOFOLLOW, &f), -UK_ELOOP);
	EXPECT_EQ(symlink("/a", "/top"), -UK_EEXIST);
}

TEST_F(Path, WorkingDirectoryAndGetcwd)
{
	EXPECT_EQ(cwd(), "/");
	EXPECT_EQ(chdir("/a/b"), 0);
	EXPECT_EQ(cwd(), "/a/b");
	EXPECT_EQ(get("f"), "data");
	EXPECT_EQ(get("./f"), "data");
	EXPECT_EQ(get("../../top"), "top");
	EXPECT_EQ(put("g", "rel"), 0);
	EXPECT_EQ(get("/a/b/g"), "rel");
	EXPECT_EQ(chdir("/top"), -UK_ENOTDIR);
	EXPECT_EQ(cwd(), "/a/b");
	// the path comes from the tree: a rename shows
	EXPECT_EQ(rename("/a", "/renamed"), 0);
	EXPECT_EQ(cwd(), "/renamed/b");
	char small[4];
	EXPECT_EQ(vfs.getcwd(small, sizeof(small)).error(), -UK_ERANGE);
	// a removed working directory
	EXPECT_EQ(unlink("/renamed/b/f"), 0);
	EXPECT_EQ(unlink("/renamed/b/g"), 0);
	EXPECT_EQ(rmdir("/renamed/b"), 0);
	EXPECT_EQ(cwd(), "<error -2>");
	EXPECT_EQ(put("new", "x"), -UK_ENOENT);
	uk_file_info i{};
	EXPECT_EQ(stat(".", &i), 0);
	EXPECT_EQ(i.nlink, 0u);
	EXPECT_EQ(stat("..", &i), -UK_ENOENT);
	EXPECT_EQ(chdir("/"), 0);
	EXPECT_EQ(cwd(), "/");
}

TEST_F(Path, FchdirNeedsAVfsDirectory)
{
	uk_file *f = must_open("/a", UK_O_RDONLY | UK_O_DIRECTORY);
	ASSERT_NE(f, nullptr);
	EXPECT_TRUE(vfs.fchdir(f).ok());
	EXPECT_EQ(cwd(), "/a");
	uk_file_put(f);
	f = must_open("/top", UK_O_RDONLY);
	EXPECT_EQ(vfs.fchdir(f).error(), -UK_ENOTDIR);
	uk_file_put(f);
	uk_file other{};
	EXPECT_EQ(vfs.fchdir(&other).error(), -UK_EBADF);
	EXPECT_EQ(get("b/f"), "data");
}

}  // namespace

namespace {

using uk::hosttest::VfsTest;

class Realpath : public VfsTest {
protected:
	std::string real(const char *p)
	{
		char buf[UK_PATH_MAX];
		auto r = vfs.realpath(p, buf, sizeof(buf));
		return r.ok() ? std::string(buf, r.value()) : "<error " + std::to_string(r.error()) + ">";
	}
};

TEST_F(Realpath, ResolvesLinksDotsAndMounts)
{
	ASSERT_EQ(mkdir("/a"), 0);
	ASSERT_EQ(mkdir("/a/b"), 0);
	ASSERT_EQ(put("/a/b/f", "x"), 0);
	ASSERT_EQ(symlink("b", "/a/lb"), 0);
	ASSERT_EQ(symlink("/a/lb/f", "/lf"), 0);
	ASSERT_EQ(symlink("lf", "/llf"), 0);
	ASSERT_EQ(symlink("/nowhere", "/dangling"), 0);
	EXPECT_EQ(real("/"), "/");
	EXPECT_EQ(real("/a/./b/.."), "/a");
	EXPECT_EQ(real("/a/lb"), "/a/b");
	EXPECT_EQ(real("/a/lb/"), "/a/b");
	EXPECT_EQ(real("/llf"), "/a/b/f");
	EXPECT_EQ(real("/a/lb/f"), "/a/b/f");
	EXPECT_EQ(real("/a/lb/f/"), "<error -20>");
	EXPECT_EQ(real("/dangling"), "<error -2>");
	EXPECT_EQ(real("/a/nope"), "<error -2>");
	EXPECT_EQ(chdir("/a/b"), 0);
	EXPECT_EQ(real("f"), "/a/b/f");
	EXPECT_EQ(real("."), "/a/b");
	EXPECT_EQ(real(".."), "/a");
	EXPECT_EQ(chdir("/"), 0);
	ASSERT_EQ(mkdir("/mnt"), 0);
	ASSERT_TRUE(vfs.mount("", "/mnt", "ramfs", 0, "").ok());
	ASSERT_EQ(put("/mnt/in", "m"), 0);
	EXPECT_EQ(real("/mnt/in"), "/mnt/in");
	EXPECT_EQ(real("/mnt/../a"), "/a");
	char small[4];
	EXPECT_EQ(vfs.realpath("/a/b/f", small, sizeof(small)).error(), -UK_ERANGE);
}

TEST_F(Realpath, FchmodNeedsAVfsFile)
{
	ASSERT_EQ(put("/f", "x"), 0);
	uk_file *f = must_open("/f", UK_O_RDONLY);
	uk_vattr a{};
	a.mode = 0400;
	EXPECT_TRUE(vfs.fsetattr(f, a, UK_VATTR_MODE).ok());
	uk_file_put(f);
	uk_file_info i{};
	ASSERT_EQ(stat("/f", &i), 0);
	EXPECT_EQ(i.mode, uint32_t{UK_S_IFREG | 0400});
	uk_file other{};
	EXPECT_EQ(vfs.fsetattr(&other, a, UK_VATTR_MODE).error(), -UK_EBADF);
}

}  // namespace
