// SPDX-License-Identifier: BSD-3-Clause
//
// The final translation tables (identity: virtual = physical):
//   - RAM: normal write-back memory, writable, never executable, in the
//     largest blocks that fit (1 GiB, 2 MiB, 4 KiB at ragged ends);
//   - the image: text read-only and executable, rodata read-only, data
//     and bss writable; the lowest page of the boot stack and of the
//     exception stack absent (guard pages);
//   - below RAM: device memory (nGnRE), never executable, except the
//     first 2 MiB, absent so that null pointers fault.
// Tables come from a static pool; ukplat_page_guard splits blocks from
// it on demand, with break-before-make on the live tables.

#include <uk/errno.h>
#include <uk/irq.hpp>

#include <uk/plat/devtree.h>

#include "arm64.hpp"
#include "pagetable.hpp"

extern "C" char __kvm_load_start[], _etext[], __kvm_rodata_start[], __kvm_rodata_end[], _end[],
	boot_stack_bottom[], kvm_exception_stack_bottom[];

namespace uk::kvm {
namespace {

using namespace uk::kvm::pt;

constexpr uint64_t kPage = 0x1000;
constexpr uint64_t kNullGuard = 0x200000;
constexpr int kPoolPages = 24;

alignas(4096) constinit uint64_t l1[512];
alignas(4096) constinit uint64_t pool_pages[kPoolPages][512];

struct Pool {
	int used = 0;
	bool live = false; // the MMU uses these tables

	uint64_t *alloc()
	{
		if (used == kPoolPages)
			return nullptr;
		uint64_t *t = pool_pages[used++];
		for (int i = 0; i < 512; ++i)
			t[i] = 0;
		return t;
	}

	// Break-before-make (ARM ARM D8.14): a live entry that stays valid
	// but changes its output (a block that becomes a table) is made
	// invalid and its TLB entries removed first. In one asm statement
	// with interrupts off: the range may hold this very thread's stack,
	// so between the two stores nothing but registers is used.
	void write(uint64_t *e, uint64_t v)
	{
		if (!live) {
			*e = v;
			return;
		}
		__asm__ __volatile__("str xzr, [%0]\n\t"
				     "dsb ishst\n\t"
				     "tlbi vmalle1\n\t"
				     "dsb ish\n\t"
				     "str %1, [%0]\n\t"
				     "dsb ishst\n\t"
				     "isb"
				     :
				     : "r"(e), "r"(v)
				     : "memory");
	}
};

constinit Pool pool;

uintptr_t addr(const char *p) { return reinterpret_cast<uintptr_t>(p); }

bool map(uint64_t lo, uint64_t hi, uint64_t attrs)
{
	Mapper<Pool> m(l1, pool);
	return lo >= hi || m.map(lo, hi - lo, attrs);
}

}  // namespace

void paging_init(const BootInfo &bi)
{
	uintptr_t ram_lo = UINTPTR_MAX;
	for (int i = 0; i < bi.nram; ++i) {
		uintptr_t base = bi.ram[i].base, end = base + bi.ram[i].len;
		uintptr_t lo = UK_ALIGN_UP(base, kPage), hi = UK_ALIGN_DOWN(end, kPage);
		ram_lo = lo < ram_lo ? lo : ram_lo;
		map(lo, hi, kNormalData);
	}
	map(kNullGuard, UK_ALIGN_DOWN(ram_lo, kPage), kDevice);
	map(addr(__kvm_load_start), UK_ALIGN_UP(addr(_etext), kPage), kNormalText);
	map(addr(__kvm_rodata_start), UK_ALIGN_UP(addr(__kvm_rodata_end), kPage), kNormalRodata);
	map(addr(boot_stack_bottom), addr(boot_stack_bottom) + kPage, kAbsent);
	map(addr(kvm_exception_stack_bottom), addr(kvm_exception_stack_bottom) + kPage, kAbsent);
	// Same identity map for everything that runs now, so the switch
	// needs no trampoline; the TLB then forgets the boot tables.
	__asm__ __volatile__("dsb ishst\n\t"
			     "msr ttbr0_el1, %0\n\t"
			     "isb\n\t"
			     "tlbi vmalle1\n\t"
			     "dsb nsh\n\t"
			     "isb"
			     :
			     : "r"(reinterpret_cast<uintptr_t>(l1))
			     : "memory");
	pool.live = true;
}

uint64_t vaddr_descriptor(uintptr_t va)
{
	return leaf_of(reinterpret_cast<uintptr_t>(l1), va, [](uint64_t a) {
		return *reinterpret_cast<const volatile uint64_t *>(a);
	});
}

bool vaddr_readable(uintptr_t va) { return vaddr_descriptor(va) != 0; }

}  // namespace uk::kvm

namespace {

int set_present(void *p, size_t len, bool present)
{
	using namespace uk::kvm;
	auto a = reinterpret_cast<uintptr_t>(p);
	if (a % kPage || len % kPage)
		return -UK_EINVAL;
	uk::IrqGuard guard;
	if (!map(a, a + len, present ? pt::kNormalData : pt::kAbsent))
		return -UK_ENOMEM; // pool exhausted: no guard, not an error
	return 0;
}

}  // namespace

extern "C" int ukplat_mmio_mapped(uintptr_t addr, size_t len)
{
	using namespace uk::kvm;
	if (len == 0 || addr + len < addr)
		return 0;
	for (uintptr_t p = UK_ALIGN_DOWN(addr, kPage); p < addr + len; p += kPage) {
		uint64_t e = vaddr_descriptor(p);
		if (!e || (e & pt::attr_index(7)) != pt::attr_index(pt::kMairDevice))
			return 0;
	}
	return 1;
}

extern "C" int ukplat_page_guard(void *addr, size_t len) { return set_present(addr, len, false); }
extern "C" int ukplat_page_unguard(void *addr, size_t len) { return set_present(addr, len, true); }
