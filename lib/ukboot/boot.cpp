// SPDX-License-Identifier: BSD-3-Clause
//
// The boot sequence, after the platform handed over:
//   constructor table -> library parameters off the command line -> heap
//   -> init tables (by class and priority) -> application constructors
//   -> main(argc, argv) -> exit.

#include <uk/config.h>
#include <uk/assert.h>
#include <uk/init.h>
#include <uk/libc_exit.h>
#include <uk/libparam.h>
#include <uk/plat.h>
#include <uk/print.h>

#include "boot.hpp"

extern "C" {
extern const uk_ctor_func_t __uk_ctortab_start[], __uk_ctortab_end[];
extern const uk_init_entry __uk_inittab_start[], __uk_inittab_end[];
extern const uk_libparam __uk_libparamtab_start[], __uk_libparamtab_end[];
using uk_array_func_t = void (*)(void);
extern const uk_array_func_t __init_array_start[], __init_array_end[];

int main(int argc, char *argv[]);
}

extern "C" int uk_boot_run_inittab(const uk_init_entry *first,
				   const uk_init_entry *last,
				   const uk_init_entry **failed)
{
	for (const uk_init_entry *e = first; e < last; ++e) {
		int rc = e->func();
		if (rc < 0) {
			*failed = e;
			return rc;
		}
	}
	return 0;
}

namespace uk::boot {
namespace {

inline constexpr bool kBanner = UK_IS_ENABLED(CONFIG_LIBUKBOOT_BANNER);
inline constexpr bool kLibparams = UK_IS_ENABLED(CONFIG_HAVE_LIBPARAM);

void print_banner()
{
	uk_pr_info("Tessera " __TESSERA_VERSION__ " (" CONFIG_UK_PLAT "-" CONFIG_UK_ARCH ")\n");
}

// Library parameters before "--" (uk/libparam.h); a bad one stops the
// boot with the list of the known ones.
int take_libparams(int argc, char **argv)
{
	const char *bad = nullptr;
	int n = uk_libparam_take(argc, argv, __uk_libparamtab_start, __uk_libparamtab_end, &bad);
	if (n >= 0)
		return n;
	uk_pr_err("library parameter %s: unknown, or its value was refused; "
		  "the image knows:\n", bad);
	for (const uk_libparam *p = __uk_libparamtab_start; p < __uk_libparamtab_end; ++p)
		uk_pr_err("  %s=<%s>\n", p->name, p->help);
	UK_CRASH("bad library parameter %s (they come before \"--\", the "
		 "application's arguments after it)", bad);
}

}  // namespace
}  // namespace uk::boot

extern "C" void ukplat_entry(int argc, char *argv[])
{
	using namespace uk::boot;

	for (const uk_ctor_func_t *c = __uk_ctortab_start; c < __uk_ctortab_end; ++c)
		(*c)();

	if constexpr (kBanner)
		print_banner();

	if constexpr (kLibparams)
		argc = take_libparams(argc, argv);

	int rc = heap_init();
	if (rc < 0)
		UK_CRASH("no heap: the allocator found no usable memory region (%d)", rc);

	const uk_init_entry *failed = nullptr;
	rc = uk_boot_run_inittab(__uk_inittab_start, __uk_inittab_end, &failed);
	if (rc < 0)
		UK_CRASH("init function %s failed with %d", failed->name, rc);

	for (const uk_array_func_t *f = __init_array_start; f < __init_array_end; ++f)
		(*f)();

	uk_libc_exit(main(argc, argv));
}
