// SPDX-License-Identifier: BSD-3-Clause
//
// Library parameters off the command line (uk/libparam.h). Pure logic on
// argv and a table, host-tested (tests/libparam_test.cpp).

#include <uk/errno.h>
#include <uk/libparam.h>

namespace uk::boot {
namespace {

// "<lib>.<name>=<value>": a dot before the '=', both parts non-empty.
// @return the length of the name, or 0.
size_t param_name_len(const char *arg)
{
	size_t dot = 0, i = 0;
	for (; arg[i] && arg[i] != '='; ++i) {
		char c = arg[i];
		bool ident = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			     (c >= '0' && c <= '9') || c == '_' || c == '-';
		if (c == '.' && !dot && i > 0)
			dot = i;
		else if (!ident)
			return 0;
	}
	return arg[i] == '=' && dot && dot + 1 < i ? i : 0;
}

bool same_name(const char *a, const char *arg, size_t n)
{
	for (size_t i = 0; i < n; ++i)
		if (a[i] != arg[i])
			return false;
	return a[n] == 0;
}

}  // namespace
}  // namespace uk::boot

extern "C" int uk_libparam_take(int argc, char **argv, const struct uk_libparam *first,
				const struct uk_libparam *last, const char **bad)
{
	using namespace uk::boot;
	int sep = 0;
	for (int i = 1; i < argc; ++i) {
		if (argv[i][0] == '-' && argv[i][1] == '-' && argv[i][2] == 0) {
			sep = i;
			break;
		}
		if (!param_name_len(argv[i]))
			return argc; // not ours: main() gets every argument
	}
	if (!sep)
		return argc;
	for (int i = 1; i < sep; ++i) {
		size_t n = param_name_len(argv[i]);
		const uk_libparam *p = first;
		while (p < last && !same_name(p->name, argv[i], n))
			++p;
		if (p == last || p->set(argv[i] + n + 1) < 0) {
			*bad = argv[i];
			return -UK_EINVAL;
		}
	}
	// argv[0] stays; the application's arguments move up (the NULL too).
	for (int k = sep + 1; k <= argc; ++k)
		argv[k - sep] = argv[k];
	return argc - sep;
}
