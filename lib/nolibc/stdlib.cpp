/* SPDX-License-Identifier: BSD-3-Clause */
/* The small arithmetic and environment parts of <stdlib.h>. */
#include "nolibc.hpp"

namespace uk::nolibc {

int abs(int v) { return v < 0 ? -v : v; }
long labs(long v) { return v < 0 ? -v : v; }
long long llabs(long long v) { return v < 0 ? -v : v; }

/* Same layout as div_t, ldiv_t and lldiv_t of <stdlib.h>. */
template <typename T> struct Division {
	T quot;
	T rem;
};

Division<int> div(int n, int d) UK_NOLIBC_CNAME(div);
Division<long> ldiv(long n, long d) UK_NOLIBC_CNAME(ldiv);
Division<long long> lldiv(long long n, long long d) UK_NOLIBC_CNAME(lldiv);

Division<int> div(int n, int d) { return {n / d, n % d}; }
Division<long> ldiv(long n, long d) { return {n / d, n % d}; }
Division<long long> lldiv(long long n, long long d) { return {n / d, n % d}; }

namespace {
constinit unsigned int rand_state = 1;
} // namespace

/* The LCG of C's specification example; RAND_MAX is 0x7fffffff. */
int rand_r(unsigned int *seed)
{
	uint32_t x = *seed;
	uint32_t hi = (x = x * 1103515245u + 12345u) >> 16 & 0x7ff;
	hi = hi << 10 | ((x = x * 1103515245u + 12345u) >> 16 & 0x3ff);
	hi = hi << 10 | ((x = x * 1103515245u + 12345u) >> 16 & 0x3ff);
	*seed = x;
	return static_cast<int>(hi);
}

int rand() { return rand_r(&rand_state); }
void srand(unsigned int seed) { rand_state = seed; }

/* NOTE: there is no environment yet. */
char *getenv(const char *) { return nullptr; }

} // namespace uk::nolibc
