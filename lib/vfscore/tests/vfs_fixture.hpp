// SPDX-License-Identifier: BSD-3-Clause
//
// A namespace with ramfs on "/" for host tests: the real vfscore, ramfs
// and descriptor-table sources on a TestAlloc and a clock the test sets.
// TearDown checks that the test closed its files, that everything
// unmounts, and that no byte stayed allocated.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "host_alloc.hpp"
#include "ramfs.hpp"
#include "vfs.hpp"

namespace uk::hosttest {

struct FakeClock {
	static inline uint64_t now = 1'700'000'000'000'000'000ull;
	static uint64_t read() { return now; }
};

class VfsTest : public ::testing::Test {
protected:
	void SetUp() override
	{
		FakeClock::now = 1'700'000'000'000'000'000ull;
		vfs.init(alloc.get());
		ASSERT_TRUE(vfs.register_fstype(&ramfs).ok());
		ASSERT_TRUE(vfs.mount("", "/", "ramfs", 0, root_opts()).ok());
	}
	void TearDown() override
	{
		alloc.fail_after = -1;
		auto r = vfs.shutdown();
		EXPECT_TRUE(r.ok()) << "shutdown: " << (r.ok() ? 0 : r.error())
				    << " (a file left open?)";
		EXPECT_EQ(vfs.mount_count(), 0u);
		EXPECT_EQ(alloc.live_bytes(), 0u) << alloc.live.size() << " blocks leaked";
	}
	virtual const char *root_opts() { return ""; }

	/** @return 0 or the negative error of open(); the file in *f. */
	int open(const char *path, uint32_t flags, uk_file **f, uint32_t mode = 0644)
	{
		auto r = vfs.open(path, flags, mode);
		if (!r.ok())
			return r.error();
		*f = r.value();
		return 0;
	}
	/** Opens, checks, and hands back the file (the test puts it). */
	uk_file *must_open(const char *path, uint32_t flags, uint32_t mode = 0644)
	{
		uk_file *f = nullptr;
		int rc = open(path, flags, &f, mode);
		EXPECT_EQ(rc, 0) << path;
		return rc == 0 ? f : nullptr;
	}
	/** Writes @p data as the whole content of @p path. @return 0 or -errno. */
	int put(const char *path, const std::string &data)
	{
		uk_file *f = nullptr;
		int rc = open(path, UK_O_WRONLY | UK_O_CREAT | UK_O_TRUNC, &f);
		if (rc < 0)
			return rc;
		intptr_t n = data.empty() ? 0 : f->ops->write(f, data.data(), data.size());
		uk_file_put(f);
		return n < 0 ? static_cast<int>(n)
			     : (static_cast<size_t>(n) == data.size() ? 0 : -UK_ENOSPC);
	}
	/** @return the content of @p path, or "<error N>". */
	std::string get(const char *path)
	{
		uk_file *f = nullptr;
		if (int rc = open(path, UK_O_RDONLY, &f); rc < 0)
			return "<error " + std::to_string(rc) + ">";
		std::string out;
		char buf[1000];
		intptr_t n;
		while ((n = f->ops->read(f, buf, sizeof(buf))) > 0)
			out.append(buf, static_cast<size_t>(n));
		uk_file_put(f);
		return n < 0 ? "<error " + std::to_string(n) + ">" : out;
	}
	int err(Result<void> r) { return r.ok() ? 0 : r.error(); }
	int mkdir(const char *p, uint32_t mode = 0755) { return err(vfs.mkdir(p, mode)); }
	int rmdir(const char *p) { return err(vfs.rmdir(p)); }
	int unlink(const char *p) { return err(vfs.unlink(p)); }
	int rename(const char *a, const char *b) { return err(vfs.rename(a, b)); }
	int symlink(const char *t, const char *p) { return err(vfs.symlink(t, p)); }
	int chdir(const char *p) { return err(vfs.chdir(p)); }
	/** @return stat's error, or 0 with *info filled. */
	int stat(const char *p, uk_file_info *info, bool follow = true)
	{
		return err(vfs.stat(p, info, follow));
	}
	uint32_t type_of(const char *p, bool follow = true)
	{
		uk_file_info i{};
		return stat(p, &i, follow) == 0 ? (i.mode & UK_S_IFMT) : 0;
	}
	/** @return the names in directory @p path, "." and ".." included. */
	std::vector<std::string> list(const char *path)
	{
		std::vector<std::string> names;
		uk_file *f = nullptr;
		if (open(path, UK_O_RDONLY | UK_O_DIRECTORY, &f) < 0)
			return {"<error>"};
		uk_dirent d;
		while (f->ops->readdir(f, &d) > 0)
			names.push_back(d.name);
		uk_file_put(f);
		return names;
	}
	std::string cwd()
	{
		char buf[UK_PATH_MAX];
		auto r = vfs.getcwd(buf, sizeof(buf));
		return r.ok() ? std::string(buf) : "<error " + std::to_string(r.error()) + ">";
	}

	TestAlloc alloc;
	uk::ramfs::Config config{FakeClock::read};
	uk_vfs_fstype ramfs{"ramfs", uk::ramfs::fs_mount, uk::ramfs::fs_unmount,
			    &config, nullptr};
	uk::vfs::Vfs vfs;
};

}  // namespace uk::hosttest
