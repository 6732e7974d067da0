// SPDX-License-Identifier: BSD-3-Clause
// Archives made by GNU cpio (an independent writer: `find | cpio -o -H
// newc`, as make builds an app's rootfs/) unpack to the same tree: file
// contents, modes, directories, symlinks and hard links. Skipped when
// cpio is not installed (support/scripts/install-deps installs it).
#include "newc.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>

namespace {

using uk::hosttest::GlobalVfs;

class GnuCpio : public GlobalVfs {
protected:
	void SetUp() override
	{
		GlobalVfs::SetUp();
		if (system("command -v cpio >/dev/null 2>&1") != 0)
			GTEST_SKIP() << "GNU cpio is not installed (apt-get install cpio)";
		char tmpl[] = "/tmp/tessera-cpio-XXXXXX";
		ASSERT_NE(mkdtemp(tmpl), nullptr);
		dir = tmpl;
	}
	void TearDown() override
	{
		if (!dir.empty())
			system(("rm -rf " + dir).c_str());
		GlobalVfs::TearDown();
	}
	void write(const std::string &rel, const std::string &data, mode_t mode = 0644)
	{
		std::ofstream(dir + "/" + rel, std::ios::binary) << data;
		chmod((dir + "/" + rel).c_str(), mode);
	}
	std::string archive()
	{
		std::string cmd = "cd " + dir + " && find . | LC_ALL=C sort | cpio -o -H newc --quiet";
		FILE *p = popen(cmd.c_str(), "r");
		std::string out;
		char buf[65536];
		size_t n;
		while ((n = fread(buf, 1, sizeof(buf), p)) > 0)
			out.append(buf, n);
		EXPECT_EQ(pclose(p), 0);
		return out;
	}
	std::string dir;
};

TEST_F(GnuCpio, TreeRoundTrips)
{
	mkdir((dir + "/etc").c_str(), 0755);
	mkdir((dir + "/etc/deep").c_str(), 0700);
	mkdir((dir + "/empty").c_str(), 0755);
	write("etc/app.conf", "name=tessera\nthreads=4\n", 0640);
	write("etc/deep/secret", "s3cret", 0600);
	write("zero", "");
	std::string big(300000, '\0');
	std::mt19937 rng(5);
	for (auto &c : big)
		c = static_cast<char>(rng());
	write("big.bin", big);
	ASSERT_EQ(symlink("etc/app.conf", (dir + "/conf").c_str()), 0);
	ASSERT_EQ(symlink("/nonexistent", (dir + "/dangling").c_str()), 0);
	ASSERT_EQ(link((dir + "/etc/app.conf").c_str(), (dir + "/hard").c_str()), 0);

	std::string a = archive();
	uk_cpio_stats st;
	ASSERT_EQ(extract(a, &st), 0) << err.msg;
	EXPECT_EQ(get("/etc/app.conf"), "name=tessera\nthreads=4\n");
	EXPECT_EQ(get("/etc/deep/secret"), "s3cret");
	EXPECT_EQ(get("/zero"), "");
	EXPECT_EQ(get("/big.bin"), big);
	EXPECT_EQ(get("/conf"), "name=tessera\nthreads=4\n");
	EXPECT_EQ(get("/hard"), "name=tessera\nthreads=4\n");
	EXPECT_EQ(info("/hard").ino, info("/etc/app.conf").ino);
	EXPECT_EQ(info("/hard").nlink, 2u);
	EXPECT_EQ(info("/etc/app.conf").mode, uint32_t{UK_S_IFREG | 0640});
	EXPECT_EQ(info("/etc/deep").mode, uint32_t{UK_S_IFDIR | 0700});
	EXPECT_EQ(info("/empty").mode & UK_S_IFMT, uint32_t{UK_S_IFDIR});
	EXPECT_EQ(info("/dangling", false).mode & UK_S_IFMT, uint32_t{UK_S_IFLNK});
	struct stat hs;
	ASSERT_EQ(::stat((dir + "/big.bin").c_str(), &hs), 0);
	EXPECT_EQ(info("/big.bin").mtime_ns, static_cast<int64_t>(hs.st_mtime) * 1000000000);
	EXPECT_EQ(st.files, 4u); // app.conf and hard are one
	EXPECT_EQ(st.hardlinks, 1u);
	EXPECT_EQ(st.symlinks, 2u);
	EXPECT_EQ(st.dirs, 3u); // "." existed
}

}  // namespace
