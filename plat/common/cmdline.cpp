// SPDX-License-Identifier: BSD-3-Clause
//
// ukplat_cmdline_split(): the kernel command line as the loader gave it,
// split like a shell splits plain words (see uk/plat/cmdline.h).
//
// Two passes over the same scanner: the first only counts and validates,
// so that an error leaves the caller's buffers untouched (the platform
// can still print the raw command line); the second rewrites in place.
// In-place is safe because the write cursor never passes the read cursor:
// quotes and escapes only ever remove characters.

#include <uk/plat/cmdline.h>

namespace uk::plat {
namespace {

bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
	       c == '\f';
}

/** Inside double quotes, a backslash escapes only these. */
bool dq_escapable(char c)
{
	return c == '$' || c == '`' || c == '"' || c == '\\' || c == '\n';
}

enum class Quote { kNone, kSingle, kDouble };

/**
 * Scans the whole string. With kWrite, rewrites arguments in place and
 * stores them in argv (the caller has checked that they fit).
 * @return the number of arguments, or -UK_EINVAL (unterminated quote).
 */
template <bool kWrite>
int scan(char *s, char **argv)
{
	int argc = 0;
	const char *in = s;
	for (;;) {
		while (is_blank(*in))
			in++;
		if (!*in)
			return argc;
		char *const start = const_cast<char *>(in);
		char *out = start;
		bool word = false; // an escaped newline alone makes no argument
		Quote q = Quote::kNone;
		auto emit = [&](char c) {
			if constexpr (kWrite)
				*out++ = c;
			word = true;
		};
		for (; *in; in++) {
			const char c = *in;
			if (q == Quote::kSingle) {
				if (c == '\'')
					q = Quote::kNone;
				else
					emit(c);
			} else if (q == Quote::kDouble) {
				if (c == '"') {
					q = Quote::kNone;
				} else if (c == '\\' && dq_escapable(in[1])) {
					if (*++in != '\n')
						emit(*in);
				} else {
					emit(c);
				}
			} else if (is_blank(c)) {
				break;
			} else if (c == '\'' || c == '"') {
				q = c == '\'' ? Quote::kSingle : Quote::kDouble;
				word = true;
			} else if (c == '\\' && in[1]) {
				if (*++in != '\n')
					emit(*in);
			} else {
				emit(c);
			}
		}
		if (q != Quote::kNone)
			return -UK_EINVAL;
		const bool at_end = !*in;
		if (!at_end)
			in++; // past the blank that ended this argument
		if (!word)
			continue;
		if constexpr (kWrite) {
			*out = '\0'; // out <= the blank or NUL just read
			argv[argc] = start;
		}
		argc++;
		if (at_end)
			return argc;
	}
}

}  // namespace
}  // namespace uk::plat

// Runs once, at boot: optimised for size.
extern "C" [[gnu::cold]] int ukplat_cmdline_split(char *cmdline, char **argv, int max_args)
{
	if (!argv || max_args < 1)
		return -UK_EINVAL;
	if (!cmdline) {
		argv[0] = nullptr;
		return 0;
	}
	const int argc = uk::plat::scan<false>(cmdline, nullptr);
	if (argc < 0)
		return argc;
	if (argc > max_args - 1)
		return -UK_E2BIG;
	const int n = uk::plat::scan<true>(cmdline, argv);
	argv[n] = nullptr;
	return n;
}

extern "C" int ukplat_cmdline_argv(const char *cmdline, char *buf, size_t buflen,
				   const char *argv0, char **argv, int max_args)
{
	if (!buf || buflen == 0 || !argv || max_args < 2)
		return -UK_EINVAL;
	size_t n = 0;
	if (cmdline)
		while (n < buflen - 1 && (buf[n] = cmdline[n]) != 0)
			++n;
	buf[n] = 0;
	int first = 0;
	if (argv0)
		argv[first++] = const_cast<char *>(argv0);
	int rc = ukplat_cmdline_split(buf, argv + first, max_args - first);
	return rc < 0 ? rc : rc + first;
}
