// SPDX-License-Identifier: BSD-3-Clause
//
// Test helpers: a newc archive writer (written from the format, to make
// well-formed and deliberately broken archives) and a global namespace
// with ramfs on "/" that the C interface unpacks into.
#pragma once

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include <uk/cpio.h>
#include <uk/vfs.h>

#include "host_alloc.hpp"
#include "ramfs.hpp"
#include "vfs.hpp"
#include "vfs_fixture.hpp"

namespace uk::hosttest {

class Newc {
public:
	/** Appends an entry; @p magic "070701" or "070702" (checksum). */
	Newc &add(const std::string &name, uint32_t mode, const std::string &data = "",
		  uint32_t ino = 0, uint32_t nlink = 1, uint32_t mtime = 1600000000,
		  const char *magic = "070701")
	{
		uint32_t sum = 0;
		for (unsigned char c : data)
			sum += c;
		char h[111];
		snprintf(h, sizeof(h),
			 "%s%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X", magic,
			 ino ? ino : ++next_ino_, mode, 0u, 0u, nlink, mtime,
			 static_cast<unsigned>(data.size()), 0u, 0u, 0u, 0u,
			 static_cast<unsigned>(name.size() + 1),
			 std::string(magic) == "070702" ? sum : 0u);
		bytes_.append(h, 110);
		bytes_.append(name);
		bytes_.push_back('\0');
		pad();
		bytes_.append(data);
		pad();
		return *this;
	}
	Newc &file(const std::string &name, const std::string &data, uint32_t mode = 0644)
	{
		return add(name, UK_S_IFREG | mode, data);
	}
	Newc &dir(const std::string &name, uint32_t mode = 0755)
	{
		return add(name, UK_S_IFDIR | mode);
	}
	Newc &link(const std::string &name, const std::string &target)
	{
		return add(name, UK_S_IFLNK | 0777, target);
	}
	Newc &trailer() { return add("TRAILER!!!", 0, "", 0, 1, 0); }
	std::string &bytes() { return bytes_; }

private:
	void pad()
	{
		while (bytes_.size() % 4)
			bytes_.push_back('\0');
	}
	std::string bytes_;
	uint32_t next_ino_ = 100;
};

/** vfscore's global namespace (the C interface) with ramfs on "/". */
class GlobalVfs : public ::testing::Test {
protected:
	void SetUp() override
	{
		static uk::ramfs::Config config{FakeClock::read};
		static uk_vfs_fstype ramfs{"ramfs", uk::ramfs::fs_mount,
					   uk::ramfs::fs_unmount, &config, nullptr};
		static bool registered = uk_vfs_fstype_register(&ramfs) == 0;
		ASSERT_TRUE(registered);
		uk_vfs_init(alloc.get());
		ASSERT_EQ(uk_vfs_mount("", "/", "ramfs", 0, root_opts()), 0);
	}
	void TearDown() override
	{
		alloc.fail_after = -1;
		EXPECT_TRUE(uk::vfs::global().shutdown().ok());
		EXPECT_EQ(alloc.live_bytes(), 0u);
	}
	virtual const char *root_opts() { return ""; }

	std::string get(const char *path)
	{
		uk_file *f;
		if (int rc = uk_vfs_open(path, UK_O_RDONLY, 0, &f); rc < 0)
			return "<error " + std::to_string(rc) + ">";
		std::string out;
		char buf[4096];
		intptr_t n;
		while ((n = f->ops->read(f, buf, sizeof(buf))) > 0)
			out.append(buf, static_cast<size_t>(n));
		uk_file_put(f);
		return out;
	}
	uk_file_info info(const char *path, bool follow = true)
	{
		uk_file_info i{};
		EXPECT_EQ(follow ? uk_vfs_stat(path, &i) : uk_vfs_lstat(path, &i), 0) << path;
		return i;
	}
	int extract(const std::string &a, uk_cpio_stats *st = nullptr, const char *dest = "/")
	{
		err = uk_cpio_error{};
		return uk_cpio_extract(a.data(), a.size(), dest, alloc.get(), st, &err);
	}

	TestAlloc alloc;
	uk_cpio_error err{};
};

}  // namespace uk::hosttest
