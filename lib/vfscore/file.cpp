// SPDX-License-Identifier: BSD-3-Clause
//
// The files open() returns: a struct uk_file (the descriptor table's
// object) with an offset and a reference to the vnode. The offset
// belongs to the open file, so dup()ed descriptors share it.

#include "vfs.hpp"

#include <limits>
#include <new>

namespace uk::vfs {
namespace {

constexpr int64_t kOffMax = std::numeric_limits<int64_t>::max();
// Linux ioctl numbers the files answer themselves.
constexpr unsigned long kTcgets = 0x5401;   // isatty() asks this
constexpr unsigned long kFionread = 0x541B; // bytes left to read

struct OpenFile {
	uk_file file;
	uk_vnode *vn;
	uk_alloc *alloc;
	int64_t off;
};

OpenFile *of(uk_file *f) { return static_cast<OpenFile *>(f->priv); }

Result<int64_t> file_size(uk_vnode *v)
{
	uk_vattr a{};
	if (int rc = v->ops->getattr(v, &a); rc < 0)
		return Error{rc};
	return a.size;
}

intptr_t do_read(uk_vnode *v, void *buf, size_t len, int64_t off)
{
	if (is_dir(v))
		return -UK_EISDIR;
	if (off < 0)
		return -UK_EINVAL;
	return v->ops->read ? v->ops->read(v, buf, len, off) : -UK_EINVAL;
}

intptr_t do_write(uk_vnode *v, const void *buf, size_t len, int64_t off)
{
	if (off < 0)
		return -UK_EINVAL;
	if (!v->ops->write)
		return -UK_EINVAL;
	if (len == 0)
		return 0;
	if (off == kOffMax)
		return -UK_EFBIG;
	if (len > static_cast<uint64_t>(kOffMax - off))
		len = static_cast<size_t>(kOffMax - off);
	return v->ops->write(v, buf, len, off);
}

intptr_t file_read(uk_file *f, void *buf, size_t len)
{
	OpenFile *o = of(f);
	intptr_t n = do_read(o->vn, buf, len, o->off);
	if (n > 0)
		o->off += n;
	return n;
}

intptr_t file_write(uk_file *f, const void *buf, size_t len)
{
	OpenFile *o = of(f);
	// O_APPEND: at the end, read at the moment of the write (nothing
	// runs in between on one CPU with the cooperative scheduler).
	if (f->flags & UK_O_APPEND) {
		auto size = file_size(o->vn);
		if (!size.ok())
			return size.error();
		o->off = size.value();
	}
	intptr_t n = do_write(o->vn, buf, len, o->off);
	if (n > 0)
		o->off += n;
	return n;
}

intptr_t file_pread(uk_file *f, void *buf, size_t len, int64_t off)
{
	return do_read(of(f)->vn, buf, len, off);
}

intptr_t file_pwrite(uk_file *f, const void *buf, size_t len, int64_t off)
{
	return do_write(of(f)->vn, buf, len, off);
}

int64_t file_lseek(uk_file *f, int64_t off, int whence)
{
	OpenFile *o = of(f);
	int64_t base;
	switch (whence) {
	case UK_SEEK_SET:
		base = 0;
		break;
	case UK_SEEK_CUR:
		base = o->off;
		break;
	case UK_SEEK_END: {
		if (is_dir(o->vn))
			return -UK_EINVAL; // directory positions are cookies
		auto size = file_size(o->vn);
		if (!size.ok())
			return size.error();
		base = size.value();
		break;
	}
	default:
		return -UK_EINVAL;
	}
	int64_t pos;
	if (__builtin_add_overflow(base, off, &pos))
		return -UK_EOVERFLOW;
	if (pos < 0)
		return -UK_EINVAL;
	o->off = pos;
	return pos;
}

int file_stat(uk_file *f, uk_file_info *out)
{
	auto r = vnode_info(of(f)->vn, out);
	return r.ok() ? 0 : r.error();
}

int file_isatty(uk_file *f)
{
	uk_vnode *v = of(f)->vn;
	return v->ops->ioctl && v->ops->ioctl(v, kTcgets, nullptr) == 0;
}

void file_release(uk_file *f)
{
	OpenFile *o = of(f);
	vput(o->vn);
	uk_alloc *a = o->alloc;
	o->~OpenFile();
	uk_free(a, o);
}

uint32_t file_poll(uk_file *f)
{
	uk_vnode *v = of(f)->vn;
	return v->ops->poll ? v->ops->poll(v) : UK_POLLIN | UK_POLLOUT;
}

int file_ioctl(uk_file *f, unsigned long request, void *arg)
{
	OpenFile *o = of(f);
	uk_vnode *v = o->vn;
	if (v->ops->ioctl)
		return v->ops->ioctl(v, request, arg);
	if (request == kFionread && is_reg(v) && arg) {
		auto size = file_size(v);
		if (!size.ok())
			return size.error();
		int64_t left = size.value() > o->off ? size.value() - o->off : 0;
		*static_cast<int *>(arg) = left > INT32_MAX ? INT32_MAX : static_cast<int>(left);
		return 0;
	}
	return -UK_ENOTTY;
}

int file_readdir(uk_file *f, uk_dirent *out)
{
	OpenFile *o = of(f);
	uk_vnode *v = o->vn;
	if (!is_dir(v) || !v->ops->readdir)
		return -UK_ENOTDIR;
	int64_t pos = o->off;
	int rc = v->ops->readdir(v, &pos, out);
	if (rc > 0) {
		o->off = pos;
		out->next = pos;
	}
	return rc;
}

int file_truncate(uk_file *f, int64_t len)
{
	uk_vnode *v = of(f)->vn;
	if (len < 0 || !is_reg(v) || (f->flags & UK_O_ACCMODE) == UK_O_RDONLY)
		return -UK_EINVAL;
	if (!writable(v).ok())
		return -UK_EROFS;
	return v->ops->truncate ? v->ops->truncate(v, len) : -UK_EINVAL;
}

int file_fsync(uk_file *f)
{
	uk_vnode *v = of(f)->vn;
	return v->ops->fsync ? v->ops->fsync(v) : 0;
}

constexpr uk_file_ops kFileOps = {
	.read = file_read,
	.write = file_write,
	.lseek = file_lseek,
	.stat = file_stat,
	.isatty = file_isatty,
	.release = file_release,
	.pread = file_pread,
	.pwrite = file_pwrite,
	.poll = file_poll,
	.ioctl = file_ioctl,
	.readdir = file_readdir,
	.truncate = file_truncate,
	.fsync = file_fsync,
};

}  // namespace

uk_vnode *file_vnode(uk_file *f)
{
	return f && f->ops == &kFileOps ? of(f)->vn : nullptr;
}

FileMem::FileMem(uk_alloc *a) : a_(a), p_(uk_malloc(a, sizeof(OpenFile))) {}

FileMem::~FileMem()
{
	if (p_)
		uk_free(a_, p_);
}

uk_file *FileMem::make(uk_vnode *v, uint32_t flags)
{
	auto *o = new (std::exchange(p_, nullptr)) OpenFile{{}, v, a_, 0};
	uk_file_init(&o->file, &kFileOps, o, flags);
	vget(v);
	return &o->file;
}

}  // namespace uk::vfs
