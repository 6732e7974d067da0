/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Library parameters on the command line, Unikraft's way: arguments
 * before a "--" of the form <lib>.<name>=<value> go to the libraries,
 * the rest after the "--" to main() (argv[0] stays):
 *
 *   image lwip.ip=10.0.2.15/24 lwip.gw=10.0.2.2 -- app args
 *
 * A library declares each of its parameters once:
 *
 *   static int set_ip(const char *value) { ...; return 0; }
 *   UK_LIBPARAM(lwip_ip, "lwip.ip", set_ip, "IPv4 address/prefix (10.0.2.15/24)");
 *
 * The setters run at boot before every init function, in command-line
 * order; they copy what they keep (the command line is the platform's).
 * A setter's negative return, or an unknown <lib>.<name> before the
 * "--", stops the boot with a message naming the parameter and listing
 * the known ones. Without a "--", or when an argument before it is not
 * <lib>.<name>=<value>, nothing is taken: main() gets everything.
 *
 * The library's Config.uk says `select HAVE_LIBPARAM`; an image whose
 * libraries declare no parameter gives main() the whole command line.
 */
#ifndef UK_LIBPARAM_H
#define UK_LIBPARAM_H

#include <uk/config.h>
#include <uk/errno.h>
#include <uk/essentials.h>

UK_EXTERN_C_BEGIN

struct uk_libparam {
	const char *name;               /**< "<lib>.<name>" */
	int (*set)(const char *value);  /**< 0, or a negative errno */
	const char *help;               /**< what the value is, for errors */
};

#if UK_IS_ENABLED(CONFIG_HAVE_LIBPARAM)
#define UK_LIBPARAM(id, name_str, setter, help_str)                          \
	static const struct uk_libparam __used __section(".uk_libparamtab")  \
		__align(8) UK_CONCAT(__uk_libparam_, id) = {name_str, setter, help_str}
#else
/* Without the selection ukboot would never call the setter. */
#define UK_LIBPARAM(id, name_str, setter, help_str)                          \
	_Pragma("GCC error \"UK_LIBPARAM: add 'select HAVE_LIBPARAM' to this library's Config.uk\"")
#endif

/**
 * Takes the library parameters off @p argv (see above), calling their
 * setters from [first, last). argv is rewritten in place: argv[0], then
 * the application's arguments, then NULL.
 * @return the application's argc; or -EINVAL with *bad set to the
 *   argument that failed (unknown parameter, or its setter refused).
 */
int uk_libparam_take(int argc, char **argv, const struct uk_libparam *first,
		     const struct uk_libparam *last, const char **bad);

UK_EXTERN_C_END

#endif /* UK_LIBPARAM_H */
