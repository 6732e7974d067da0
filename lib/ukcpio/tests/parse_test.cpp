// SPDX-License-Identifier: BSD-3-Clause
// The parser and the archive check: fields of a good entry, and the
// message of every kind of malformed archive (each names the entry, the
// offset and what is wrong).
#include "newc.hpp"

namespace {

using uk::hosttest::Newc;

std::string check_msg(const std::string &a, int *rc = nullptr)
{
	uk_cpio_error err{};
	int r = uk_cpio_check(a.data(), a.size(), &err);
	if (rc)
		*rc = r;
	return r < 0 ? std::string(err.msg) : "ok " + std::to_string(r);
}

TEST(CpioParse, FieldsOfAnEntry)
{
	Newc n;
	n.add("etc/conf", UK_S_IFREG | 0640, "k=v\n", 77, 1, 1234567).trailer();
	std::string &a = n.bytes();
	size_t pos = 0;
	uk_cpio_entry e;
	uk_cpio_error err;
	ASSERT_EQ(uk_cpio_next(a.data(), a.size(), &pos, 0, &e, &err), 1);
	EXPECT_STREQ(e.name, "etc/conf");
	EXPECT_EQ(e.namelen, 8u);
	EXPECT_EQ(e.ino, 77u);
	EXPECT_EQ(e.mode, uint32_t{UK_S_IFREG | 0640});
	EXPECT_EQ(e.mtime, 1234567u);
	EXPECT_EQ(e.size, 4u);
	EXPECT_EQ(std::string(static_cast<const char *>(e.data), e.size), "k=v\n");
	EXPECT_EQ(e.offset, 0u);
	EXPECT_EQ(pos % 4, 0u);
	EXPECT_EQ(uk_cpio_next(a.data(), a.size(), &pos, 1, &e, &err), 0); // trailer
	EXPECT_EQ(check_msg(a), "ok 1");
	// Trailing block padding after the trailer is fine.
	a.append(512, '\0');
	EXPECT_EQ(check_msg(a), "ok 1");
}

TEST(CpioParse, ChecksummedEntries)
{
	Newc n;
	n.add("f", UK_S_IFREG | 0644, "sum me", 0, 1, 1, "070702").trailer();
	EXPECT_EQ(check_msg(n.bytes()), "ok 1");
	std::string bad = n.bytes();
	bad[112] ^= 1; // the data starts right after "f\0": 's' -> 'r'
	bad[116] ^= 1; // 'm' -> 'l'
	EXPECT_NE(check_msg(bad).find("checksum 00000247, the data sums to 00000245"),
		  std::string::npos)
		<< check_msg(bad);
}

struct BadCase {
	const char *what;
	std::string archive;
	const char *message; // a part of the expected message
};

std::vector<BadCase> bad_cases()
{
	std::vector<BadCase> v;
	auto good = [] {
		Newc n;
		n.file("a", "hello").file("b", "world");
		return n;
	};
	v.push_back({"empty", "", "entry 0 at offset 0: no TRAILER!!! entry: the archive ends here (0 bytes)"});
	{
		Newc n = good();
		v.push_back({"no trailer", n.bytes(), "entry 2 at offset 240: no TRAILER!!! entry"});
	}
	{
		Newc n = good();
		n.trailer();
		std::string s = n.bytes().substr(0, 130);
		v.push_back({"truncated header", s, "entry 1 at offset 120: truncated header: 10 bytes left, a header has 110"});
	}
	{
		std::string s = "Hello, this is not a cpio archive at all, it is just some text "
				"that someone passed as the initrd by mistake.......";
		v.push_back({"text", s, "entry 0 at offset 0: bad magic \"Hello,\" (not a newc cpio archive"});
	}
	{
		Newc n = good();
		n.trailer();
		std::string s = n.bytes();
		s.replace(0, 6, "070707");
		v.push_back({"odc", s, "an old portable (odc) archive: make it with cpio -H newc"});
	}
	{
		Newc n = good();
		n.trailer();
		std::string s = n.bytes();
		s[6 + 8 * 6 + 3] = 'g'; // c_filesize of entry 0
		v.push_back({"hex", s, "entry 0 at offset 54: field c_filesize is not 8 hex digits (\"000g0005\")"});
	}
	{
		Newc n;
		n.add("x", UK_S_IFREG | 0644, "data").trailer();
		std::string s = n.bytes();
		s.replace(6 + 8 * 11, 8, "00000000");
		v.push_back({"namesize 0", s, "entry 0 at offset 0: name size is 0"});
	}
	{
		Newc n;
		n.add("x", UK_S_IFREG | 0644, "data").trailer();
		std::string s = n.bytes();
		s.replace(6 + 8 * 11, 8, "00002000");
		v.push_back({"namesize huge", s, "name of 8192 bytes (more than PATH_MAX, 4096)"});
		s.replace(6 + 8 * 11, 8, "00000F00");
		v.push_back({"name past end", s, "name of 3840 bytes runs past the end of the archive"});
		s.replace(6 + 8 * 11, 8, "00000003");
		v.push_back({"name not terminated", s, "entry 0 at offset 110: name is not 3 bytes ending with its only NUL"});
	}
	{
		Newc n;
		n.add("big", UK_S_IFREG | 0644, "data").trailer();
		std::string s = n.bytes();
		s.replace(6 + 8 * 6, 8, "00100000");
		v.push_back({"data past end", s, "entry 0 (\"big\") at offset 0: data of 1048576 bytes at offset 116 runs past the end of the archive"});
	}
	{
		Newc n;
		n.file("ok", "1").file("../etc/passwd", "x").trailer();
		v.push_back({"dotdot", n.bytes(), "entry 1 (\"../etc/passwd\") at offset 120: a \"..\" component would leave the destination"});
	}
	{
		Newc n;
		n.file("a/b/../../../x", "x").trailer();
		v.push_back({"dotdot inside", n.bytes(), "\"..\" component"});
	}
	{
		Newc n;
		n.add("l", UK_S_IFLNK | 0777, "").trailer();
		v.push_back({"empty link", n.bytes(), "symbolic link target of 0 bytes (1 to 4095)"});
	}
	{
		Newc n;
		n.add("l", UK_S_IFLNK | 0777, std::string("a\0b", 3)).trailer();
		v.push_back({"link nul", n.bytes(), "symbolic link target contains a NUL"});
	}
	{
		Newc n;
		n.add("weird", 0170644, "").trailer();
		v.push_back({"type", n.bytes(), "unknown file type in mode 0170644"});
	}
	{
		Newc n;
		n.file(".", "x").trailer();
		v.push_back({"root as file", n.bytes(), "names the destination itself but is not a directory"});
	}
	return v;
}

TEST(CpioParse, MalformedArchivesAreNamedPrecisely)
{
	for (auto &c : bad_cases()) {
		int rc = 0;
		std::string msg = check_msg(c.archive, &rc);
		EXPECT_EQ(rc, -UK_EINVAL) << c.what;
		EXPECT_NE(msg.find(c.message), std::string::npos)
			<< c.what << ": got \"" << msg << "\", want a part \"" << c.message << "\"";
	}
}

// A truncation at every length of a good archive is an error, never a
// read past the end (ASan watches), and never taken for a good archive
// unless the cut falls after the trailer.
TEST(CpioParse, EveryTruncationIsAnError)
{
	Newc n;
	n.dir("d").file("d/f", std::string(300, 'x')).link("d/l", "f").trailer();
	const std::string &a = n.bytes();
	// The trailer's name ("TRAILER!!!" and its NUL) ends 3 bytes before
	// the end (padding): from there on the archive is whole.
	const size_t whole = a.size() - 3;
	for (size_t len = 0; len <= a.size(); ++len) {
		std::string cut = a.substr(0, len); // a fresh buffer of exactly len
		uk_cpio_error err{};
		int rc = uk_cpio_check(cut.data(), cut.size(), &err);
		if (len < whole) {
			ASSERT_EQ(rc, -UK_EINVAL) << len;
			ASSERT_NE(err.msg[0], '\0');
		} else {
			ASSERT_EQ(rc, 3) << len << ": " << err.msg;
		}
	}
}

}  // namespace
