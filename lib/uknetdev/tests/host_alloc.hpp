// SPDX-License-Identifier: BSD-3-Clause
//
// A struct uk_alloc over the host's aligned_alloc for host tests, which
// counts live blocks (tests check that everything came back) and can be
// told to fail (budget). Shared by the uknetdev and virtio host tests.
#pragma once

#include <cstdlib>
#include <cstring>
#include <map>

#include <uk/alloc.h>

namespace uk::hosttest {

struct HostAlloc {
	uk_alloc a{}; // first: the thunks cast uk_alloc * back
	std::map<void *, size_t> live;
	size_t fail_after = SIZE_MAX; // allocations that still succeed

	HostAlloc()
	{
		a.malloc = [](uk_alloc *u, size_t s) { return of(u)->take(16, s); };
		a.posix_memalign = [](uk_alloc *u, void **p, size_t al, size_t s) {
			void *m = of(u)->take(al, s);
			if (!m)
				return -12;
			*p = m;
			return 0;
		};
		a.free = [](uk_alloc *u, void *p) { of(u)->give(p); };
		a.usable_size = [](uk_alloc *u, const void *p) {
			auto it = of(u)->live.find(const_cast<void *>(p));
			return it == of(u)->live.end() ? size_t{0} : it->second;
		};
	}
	~HostAlloc()
	{
		for (auto &kv : live)
			std::free(kv.first);
	}
	HostAlloc(const HostAlloc &) = delete;

	static HostAlloc *of(uk_alloc *u) { return reinterpret_cast<HostAlloc *>(u); }
	uk_alloc *get() { return &a; }

	void *take(size_t align, size_t size)
	{
		if (fail_after == 0)
			return nullptr;
		if (fail_after != SIZE_MAX)
			--fail_after;
		size_t usable = (size + align - 1) & ~(align - 1);
		void *p = std::aligned_alloc(align, usable ? usable : align);
		std::memset(p, 0xa5, usable); // nobody may rely on fresh memory being zero
		live[p] = usable;
		return p;
	}
	void give(void *p)
	{
		if (!p)
			return;
		auto it = live.find(p);
		if (it == live.end())
			std::abort(); // a free of something never allocated, or twice
		live.erase(it);
		std::free(p);
	}
};

}  // namespace uk::hosttest
