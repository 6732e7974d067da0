// SPDX-License-Identifier: BSD-3-Clause
//
// The descriptor table as a value type: a fixed array of file pointers.
// Slots own one reference each. Methods never call ops->release
// themselves: whatever a slot gave up is returned to the caller, who puts
// it after the table is consistent again (release may block, and must see
// a table that no longer names the file).
#pragma once

#include <uk/fdtab.h>
#include <uk/result.hpp>

namespace uk::fdtab {

/** Drops one reference; calls ops->release on the last. */
inline void file_put(uk_file *f)
{
	if (!f)
		return;
	UK_ASSERT(f->refcnt > 0);
	if (--f->refcnt == 0 && f->ops && f->ops->release)
		f->ops->release(f);
}

template <int N>
class FdTable {
	static_assert(N > 0);

public:
	static constexpr int kSize = N;

	constexpr FdTable() = default;
	FdTable(const FdTable &) = delete;
	FdTable &operator=(const FdTable &) = delete;

	[[nodiscard]] static constexpr bool in_range(int fd)
	{
		return fd >= 0 && fd < N;
	}

	/** @return the file under @p fd (no new reference), or nullptr. */
	[[nodiscard]] uk_file *lookup(int fd) const
	{
		return in_range(fd) ? slots_[fd] : nullptr;
	}

	/** Stores @p f (taking its reference) in the lowest free slot
	 * >= @p min. @return the slot or -EMFILE. */
	Result<int> install(uk_file *f, int min = 0)
	{
		UK_ASSERT(f && min >= 0);
		for (int fd = min; fd < N; ++fd) {
			if (!slots_[fd]) {
				slots_[fd] = f;
				return fd;
			}
		}
		return Error{-UK_EMFILE};
	}

	/** Stores @p f (taking its reference) in slot @p fd.
	 * @return the file the slot held before (the caller puts it;
	 * nullptr if free), or -EBADF when @p fd is out of range. */
	Result<uk_file *> replace(int fd, uk_file *f)
	{
		UK_ASSERT(f);
		if (!in_range(fd))
			return Error{-UK_EBADF};
		uk_file *old = slots_[fd];
		slots_[fd] = f;
		return old;
	}

	/** Frees slot @p fd. @return its file (the caller puts it), or
	 * -EBADF when it was not open. */
	Result<uk_file *> remove(int fd)
	{
		uk_file *f = lookup(fd);
		if (!f)
			return Error{-UK_EBADF};
		slots_[fd] = nullptr;
		return f;
	}

	/** @return the number of open descriptors (for tests and reports). */
	[[nodiscard]] int count_open() const
	{
		int n = 0;
		for (uk_file *f : slots_)
			n += f != nullptr;
		return n;
	}

private:
	uk_file *slots_[N] = {};
};

}  // namespace uk::fdtab
