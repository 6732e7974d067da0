// SPDX-License-Identifier: BSD-3-Clause
//
// Linux errno numbers (what the core libraries return, negated) to
// newlib's. A switch, not an array: newlib's values are sparse and the
// compiler builds the lookup.

#include "posix_sys.hpp"

namespace uk::posix {

int errno_from_uk(int uk_err)
{
	switch (-uk_err) {
	case UK_EPERM: return EPERM;
	case UK_ENOENT: return ENOENT;
	case UK_EINTR: return EINTR;
	case UK_EIO: return EIO;
	case UK_ENXIO: return ENXIO;
	case UK_E2BIG: return E2BIG;
	case UK_EBADF: return EBADF;
	case UK_EAGAIN: return EAGAIN;
	case UK_ENOMEM: return ENOMEM;
	case UK_EACCES: return EACCES;
	case UK_EFAULT: return EFAULT;
	case UK_EBUSY: return EBUSY;
	case UK_EEXIST: return EEXIST;
	case UK_EXDEV: return EXDEV;
	case UK_ENODEV: return ENODEV;
	case UK_ENOTDIR: return ENOTDIR;
	case UK_EISDIR: return EISDIR;
	case UK_EINVAL: return EINVAL;
	case UK_ENFILE: return ENFILE;
	case UK_EMFILE: return EMFILE;
	case UK_ENOTTY: return ENOTTY;
	case UK_EFBIG: return EFBIG;
	case UK_ENOSPC: return ENOSPC;
	case UK_ESPIPE: return ESPIPE;
	case UK_EROFS: return EROFS;
	case UK_EMLINK: return EMLINK;
	case UK_EPIPE: return EPIPE;
	case UK_ERANGE: return ERANGE;
	case UK_EDEADLK: return EDEADLK;
	case UK_ENAMETOOLONG: return ENAMETOOLONG;
	case UK_ENOSYS: return ENOSYS;
	case UK_ENOTEMPTY: return ENOTEMPTY;
	case UK_ELOOP: return ELOOP;
	case UK_EOVERFLOW: return EOVERFLOW;
	case UK_ENOTSUP: return ENOTSUP;
	case UK_ETIMEDOUT: return ETIMEDOUT;
	// Linux numbers that uk/errno.h does not name yet.
	case 104: return ECONNRESET;
	case 111: return ECONNREFUSED;
	default: return EIO;  // unknown: an I/O error rather than a lie
	}
}

}  // namespace uk::posix
