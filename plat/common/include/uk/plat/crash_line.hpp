// SPDX-License-Identifier: BSD-3-Clause
//
// One line of a crash report ("CRASH: ..."), formatted by hand into a
// buffer on the stack and written to the console as a whole: crash
// reports run with the heap, stdio and locks in any state.
#pragma once

#include <uk/essentials.h>
#include <uk/plat.h>

namespace uk::plat {

/** One output line, flushed to the console as a whole. Cold: it runs
 * once, at the end, so GCC optimises it for size. */
class CrashLine {
public:
	[[gnu::cold]] CrashLine() { add("CRASH: "); }
	[[gnu::cold]] ~CrashLine()
	{
		add("\n");
		ukplat_coutk(buf_, len_);
	}
	[[gnu::cold]] CrashLine &add(const char *s)
	{
		while (*s && len_ < sizeof(buf_))
			buf_[len_++] = *s++;
		return *this;
	}
	[[gnu::cold]] CrashLine &hex(uint64_t v, bool pad = true)
	{
		char d[19] = "0x";
		int n = 2;
		for (int i = 15; i >= 0; --i) {
			int nib = (v >> (4 * i)) & 0xf;
			if (pad || nib || n > 2 || i == 0)
				d[n++] = "0123456789abcdef"[nib];
		}
		d[n] = 0;
		return add(d);
	}
	[[gnu::cold]] CrashLine &dec(uint64_t v)
	{
		char d[21];
		int n = 20;
		d[n] = 0;
		do {
			d[--n] = static_cast<char>('0' + v % 10);
			v /= 10;
		} while (v);
		return add(d + n);
	}

private:
	char buf_[160];
	size_t len_ = 0;
};

}  // namespace uk::plat
