// SPDX-License-Identifier: BSD-3-Clause
//
// A uk_alloc for host tests on the host's heap, with failure injection:
// fail_after = n lets n more allocations succeed, then every one fails
// until it is reset (-1: never fail). Every live block is tracked, so a
// test can assert that nothing leaked. Shared by the vfscore, ramfs,
// devfs and ukcpio host tests (the real lib/ukalloc/alloc.cpp sits in
// front of it: uk_malloc, uk_palloc, statistics).
#pragma once

#include <uk/alloc.h>

#include <cstdlib>
#include <cstring>
#include <map>

namespace uk::hosttest {

struct TestAlloc {
	uk_alloc a{}; // first: the thunks cast uk_alloc * back
	std::map<const void *, size_t> live;
	long fail_after = -1;
	long failures = 0;

	TestAlloc()
	{
		a.malloc = [](uk_alloc *a, size_t size) { return of(a)->take(16, size); };
		a.posix_memalign = [](uk_alloc *a, void **p, size_t align, size_t size) {
			void *m = of(a)->take(align, size);
			if (!m)
				return -12;
			*p = m;
			return 0;
		};
		a.free = [](uk_alloc *a, void *p) { of(a)->give(p); };
		a.usable_size = [](uk_alloc *a, const void *p) {
			auto it = of(a)->live.find(p);
			return it == of(a)->live.end() ? size_t{0} : it->second;
		};
	}
	TestAlloc(const TestAlloc &) = delete;
	TestAlloc &operator=(const TestAlloc &) = delete;
	~TestAlloc()
	{
		for (auto &kv : live)
			std::free(const_cast<void *>(kv.first));
	}

	static TestAlloc *of(uk_alloc *a) { return reinterpret_cast<TestAlloc *>(a); }
	uk_alloc *get() { return &a; }

	void *take(size_t align, size_t size)
	{
		if (fail_after == 0) {
			++failures;
			return nullptr;
		}
		if (fail_after > 0)
			--fail_after;
		size_t usable = (size + align - 1) & ~(align - 1);
		if (usable == 0)
			usable = align;
		void *p = std::aligned_alloc(align, usable);
		std::memset(p, 0xa5, usable); // nobody may rely on zeroed memory
		live[p] = usable;
		return p;
	}
	void give(void *p)
	{
		auto it = live.find(p);
		if (it == live.end())
			std::abort(); // free of a block this allocator never gave
		live.erase(it);
		std::free(p);
	}
	size_t live_bytes() const
	{
		size_t n = 0;
		for (auto &kv : live)
			n += kv.second;
		return n;
	}
};

}  // namespace uk::hosttest
