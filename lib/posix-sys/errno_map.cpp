// SPDX-License-Identifier: BSD-3-Clause
//
// Linux errno numbers (what the core libraries return, negated) and
// newlib's, both ways: one table of pairs. Lookups run on error paths
// only, so a linear search is fine.

#include "posix_sys.hpp"

namespace uk::posix {

namespace {

struct Pair {
	int uk;   // Linux's number
	int libc; // newlib's
};

constexpr Pair kMap[] = {
	{UK_EPERM, EPERM},
	{UK_ENOENT, ENOENT},
	{UK_EINTR, EINTR},
	{UK_EIO, EIO},
	{UK_ENXIO, ENXIO},
	{UK_E2BIG, E2BIG},
	{UK_EBADF, EBADF},
	{UK_EAGAIN, EAGAIN},
	{UK_ENOMEM, ENOMEM},
	{UK_EACCES, EACCES},
	{UK_EFAULT, EFAULT},
	{UK_EBUSY, EBUSY},
	{UK_EEXIST, EEXIST},
	{UK_EXDEV, EXDEV},
	{UK_ENODEV, ENODEV},
	{UK_ENOTDIR, ENOTDIR},
	{UK_EISDIR, EISDIR},
	{UK_EINVAL, EINVAL},
	{UK_ENFILE, ENFILE},
	{UK_EMFILE, EMFILE},
	{UK_ENOTTY, ENOTTY},
	{UK_EFBIG, EFBIG},
	{UK_ENOSPC, ENOSPC},
	{UK_ESPIPE, ESPIPE},
	{UK_EROFS, EROFS},
	{UK_EMLINK, EMLINK},
	{UK_EPIPE, EPIPE},
	{UK_ERANGE, ERANGE},
	{UK_EDEADLK, EDEADLK},
	{UK_ENAMETOOLONG, ENAMETOOLONG},
	{UK_ENOSYS, ENOSYS},
	{UK_ENOTEMPTY, ENOTEMPTY},
	{UK_ELOOP, ELOOP},
	{UK_EOVERFLOW, EOVERFLOW},
	{UK_ENOTSUP, ENOTSUP},
	{UK_EOPNOTSUPP, EOPNOTSUPP}, // newlib has both; Linux one number
	{UK_ETIMEDOUT, ETIMEDOUT},
	{UK_ESRCH, ESRCH},
	{UK_ENOTSOCK, ENOTSOCK},
	{UK_EDESTADDRREQ, EDESTADDRREQ},
	{UK_EMSGSIZE, EMSGSIZE},
	{UK_EPROTOTYPE, EPROTOTYPE},
	{UK_ENOPROTOOPT, ENOPROTOOPT},
	{UK_EPROTONOSUPPORT, EPROTONOSUPPORT},
	{UK_EAFNOSUPPORT, EAFNOSUPPORT},
	{UK_EADDRINUSE, EADDRINUSE},
	{UK_EADDRNOTAVAIL, EADDRNOTAVAIL},
	{UK_ENETDOWN, ENETDOWN},
	{UK_ENETUNREACH, ENETUNREACH},
	{UK_ECONNABORTED, ECONNABORTED},
	{UK_ECONNRESET, ECONNRESET},
	{UK_ENOBUFS, ENOBUFS},
	{UK_EISCONN, EISCONN},
	{UK_ENOTCONN, ENOTCONN},
	{UK_ECONNREFUSED, ECONNREFUSED},
	{UK_EHOSTUNREACH, EHOSTUNREACH},
	{UK_EALREADY, EALREADY},
	{UK_EINPROGRESS, EINPROGRESS},
};

}  // namespace

int errno_from_uk(int uk_err)
{
	for (const Pair &p : kMap)
		if (p.uk == -uk_err)
			return p.libc;
	return EIO; // unknown: an I/O error rather than a lie
}

}  // namespace uk::posix

extern "C" int uk_posix_errno_to_uk(int e)
{
	for (const uk::posix::Pair &p : uk::posix::kMap)
		if (p.libc == e)
			return -p.uk;
	return -UK_EIO;
}
