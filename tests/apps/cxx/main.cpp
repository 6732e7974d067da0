// SPDX-License-Identifier: BSD-3-Clause
//
// C++ in an application: a global constructor (allowed in apps; ukboot
// runs .init_array before main), virtual dispatch, new/delete on the
// default allocator, aligned new, and a template.

#include <new>
#include <stdio.h>
#include <string.h>
#include <stdint.h>
#include <uk/alloc.h>

namespace {

struct Shape {
	virtual ~Shape() = default;
	virtual int area() const = 0;
};

struct Square final : Shape {
	explicit Square(int side) : side_(side) {}
	int area() const override { return side_ * side_; }
	int side_;
};

struct alignas(64) CacheLine {
	char bytes[64];
};

struct Greeter {
	Greeter() : ready_(42) {}
	int ready_;
};

Greeter greeter;  // dynamic initialisation: runs from .init_array

template <typename T>
T sum(const T *v, int n)
{
	T s{};
	for (int i = 0; i < n; ++i)
		s += v[i];
	return s;
}

// Lets the pointer escape, so the compiler may not elide the new/delete
// pair (C++14 allows it) and the allocator really sees them.
template <typename T>
T *escape(T *p)
{
	__asm__ __volatile__("" : : "r"(p) : "memory");
	return p;
}

}  // namespace

int local_static_value();

int main(int argc, char *argv[])
{
	if (argc > 1)
		return local_static_value();

	printf("global constructor ran: %d\n", greeter.ready_);

	Shape *s = escape<Shape>(new Square(7));
	printf("virtual area: %d\n", s->area());
	delete s;

	auto *line = escape(new CacheLine);
	printf("aligned new: %s\n",
	       reinterpret_cast<uintptr_t>(line) % 64 == 0 ? "yes" : "no");
	delete line;

	int *v = escape(new int[4]{1, 2, 3, 4});
	printf("template sum: %d\n", sum(v, 4));
	delete[] v;

	uk_alloc_stats st;
	uk_alloc_stats_get(uk_alloc_get_default(), &st);
	printf("allocations %llu, frees %llu\n",
	       static_cast<unsigned long long>(st.nb_allocs),
	       static_cast<unsigned long long>(st.nb_frees));
	return 0;
}
