/* SPDX-License-Identifier: BSD-3-Clause */
#include "stubs.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <unistd.h>

#include <uk/alloc.h>
#include <uk/plat.h>

namespace nolibc_test {
std::vector<std::string> console_writes;
bool have_allocator = true;
std::string console_text()
{
	std::string all;
	for (auto &s : console_writes)
		all += s;
	return all;
}
} // namespace nolibc_test

extern "C" {

int ukplat_coutk(const char *buf, size_t len)
{
	nolibc_test::console_writes.emplace_back(buf, len);
	return static_cast<int>(len);
}

/* Death tests check the status; the output goes to the real stderr. */
void ukplat_terminate(int status)
{
	std::string all = nolibc_test::console_text();
	if (::write(2, all.data(), all.size()) < 0)
		status = 99;
	::_exit(status);
}

static struct uk_alloc fake_alloc;

struct uk_alloc *uk_alloc_get_default(void)
{
	return nolibc_test::have_allocator ? &fake_alloc : nullptr;
}

void *uk_malloc(struct uk_alloc *, size_t size) { return std::malloc(size); }
void *uk_calloc(struct uk_alloc *, size_t n, size_t size)
{
	return std::calloc(n, size);
}
void *uk_realloc(struct uk_alloc *, void *p, size_t size)
{
	if (!size) {
		std::free(p);
		return nullptr;
	}
	return std::realloc(p, size);
}
int uk_posix_memalign(struct uk_alloc *, void **memptr, size_t align,
		      size_t size)
{
	return -::posix_memalign(memptr, align, size);
}
void uk_free(struct uk_alloc *, void *p) { std::free(p); }

} // extern "C"
