// SPDX-License-Identifier: BSD-3-Clause
// Fuzz-style corpus in make test: valid archives corrupted at random
// (bit flips, byte runs, hex digits swapped, fields set to extremes,
// splices, truncations) through the reader's invariants (fuzz_one.hpp);
// every archive that still passes the check is unpacked into a fresh
// ramfs, which must either succeed or fail with a named entry, and leak
// nothing.
#include "fuzz_one.hpp"
#include "newc.hpp"

#include <random>

namespace {

using uk::hosttest::cpio_fuzz_one;
using uk::hosttest::GlobalVfs;
using uk::hosttest::Newc;

std::string seed_archive()
{
	Newc n;
	n.dir("etc").file("etc/a", "alpha").add("etc/b", UK_S_IFREG | 0600, "beta", 9, 2)
		.add("c", UK_S_IFREG | 0600, "beta", 9, 2)
		.link("l", "etc/a").add("d", UK_S_IFCHR | 0600)
		.add("sum", UK_S_IFREG | 0644, "checked", 0, 1, 7, "070702")
		.dir("x/y/z").trailer();
	return n.bytes();
}

std::string mutate(std::string s, std::mt19937 &rng)
{
	int rounds = 1 + static_cast<int>(rng() % 4);
	for (int r = 0; r < rounds && !s.empty(); ++r) {
		size_t at = rng() % s.size();
		switch (rng() % 7) {
		case 0: s[at] ^= static_cast<char>(1u << (rng() % 8)); break;
		case 1: s[at] = "0123456789abcdefABCDEFxg\0/."[rng() % 27]; break;
		case 2: s.resize(at); break;
		case 3: s.insert(at, std::string(rng() % 9, static_cast<char>(rng()))); break;
		case 4: s.erase(at, rng() % 16); break;
		case 5: { // a header field to an extreme
			size_t h = at - at % 4;
			const char *v[] = {"FFFFFFFF", "00000000", "7FFFFFFF", "00001000", "00000001"};
			if (h + 8 <= s.size())
				s.replace(h, 8, v[rng() % 5]);
			break;
		}
		default: { // splice a part of the archive somewhere else
			size_t from = rng() % s.size(), len = rng() % 200;
			s.insert(at, s.substr(from, len));
			break;
		}
		}
	}
	return s;
}

class CpioFuzz : public GlobalVfs {};

TEST_F(CpioFuzz, CorruptedArchivesNeverBreakTheReader)
{
	std::string seed = seed_archive();
	ASSERT_EQ(cpio_fuzz_one(seed.data(), seed.size()), 8);
	std::mt19937 rng(20240601);
	int valid = 0, unpacked = 0;
	for (int i = 0; i < 30000; ++i) {
		std::string m = mutate(seed, rng);
		// A buffer of exactly the input's size, so ASan sees overreads.
		std::unique_ptr<char[]> buf(new char[m.size() ? m.size() : 1]);
		std::memcpy(buf.get(), m.data(), m.size());
		int n = cpio_fuzz_one(buf.get(), m.size());
		if (n < 0)
			continue;
		++valid;
		if (valid % 5 != 0)
			continue;
		// Still a valid archive: unpacking must work or name its entry.
		uk_cpio_error e{};
		int rc = uk_cpio_extract(buf.get(), m.size(), "/", alloc.get(), nullptr, &e);
		if (rc == 0)
			++unpacked;
		else
			ASSERT_TRUE(std::strncmp(e.msg, "entry ", 6) == 0) << rc;
		ASSERT_TRUE(uk::vfs::global().shutdown().ok());
		ASSERT_EQ(alloc.live_bytes(), 0u);
		ASSERT_EQ(uk_vfs_mount("", "/", "ramfs", 0, nullptr), 0);
	}
	EXPECT_GT(valid, 100); // the corpus reached past the check
	EXPECT_GT(unpacked, 10);
}

TEST(CpioFuzzRandom, RandomBytesAndHeaderLikeNoise)
{
	std::mt19937 rng(7);
	for (int i = 0; i < 20000; ++i) {
		size_t len = rng() % 400;
		std::unique_ptr<char[]> buf(new char[len ? len : 1]);
		bool headerish = i % 2;
		for (size_t k = 0; k < len; ++k)
			buf[k] = headerish ? "0123456789ABCDEF"[rng() % 16] : static_cast<char>(rng());
		if (headerish && len >= 6)
			std::memcpy(buf.get(), "070701", 6);
		int n = cpio_fuzz_one(buf.get(), len);
		ASSERT_TRUE(n == -UK_EINVAL || n >= 0);
	}
}

}  // namespace
