// SPDX-License-Identifier: BSD-3-Clause
//
// Hypercalls of an x86_64 PV guest: a call into the hypercall page that
// Xen filled at domain build (XEN_ELFNOTE_HYPERCALL_PAGE, boot.S), 32
// bytes per hypercall number. Arguments in rdi, rsi, rdx, r10, r8; the
// result (0 or a negative Xen errno, which equals the Linux/Tessera
// errno) in rax. Xen may clobber the argument registers, rcx and r11.
#pragma once

#include <uk/essentials.h>

#include "../abi.hpp"

extern "C" char hypercall_page[4096];

namespace uk::xen {

template <int kNr>
inline long hypercall(uint64_t a1 = 0, uint64_t a2 = 0, uint64_t a3 = 0,
		      uint64_t a4 = 0, uint64_t a5 = 0)
{
	static_assert(kNr >= 0 && kNr < 128);
	register uint64_t rdi __asm__("rdi") = a1;
	register uint64_t rsi __asm__("rsi") = a2;
	register uint64_t rdx __asm__("rdx") = a3;
	register uint64_t r10 __asm__("r10") = a4;
	register uint64_t r8 __asm__("r8") = a5;
	long ret;
	__asm__ __volatile__("call hypercall_page + %c[off]"
			     : "=a"(ret), "+r"(rdi), "+r"(rsi), "+r"(rdx), "+r"(r10), "+r"(r8)
			     : [off] "i"(kNr * 32)
			     : "rcx", "r11", "memory");
	return ret;
}

template <class T>
inline uint64_t arg(T *p)
{
	return reinterpret_cast<uint64_t>(p);
}

inline long hyp_console_write(const char *buf, size_t len)
{
	return hypercall<abi::kHcConsoleIo>(abi::kConsoleIoWrite, len, arg(buf));
}

inline long hyp_sched_op(int cmd, void *a = nullptr)
{
	return hypercall<abi::kHcSchedOp>(cmd, arg(a));
}

inline long hyp_event_channel_op(int cmd, void *a)
{
	return hypercall<abi::kHcEventChannelOp>(cmd, arg(a));
}

inline long hyp_vcpu_op(int cmd, unsigned vcpu, void *a)
{
	return hypercall<abi::kHcVcpuOp>(cmd, vcpu, arg(a));
}

inline long hyp_physdev_op(int cmd, void *a)
{
	return hypercall<abi::kHcPhysdevOp>(cmd, arg(a));
}

inline long hyp_grant_table_op(int cmd, void *a, unsigned count)
{
	return hypercall<abi::kHcGrantTableOp>(cmd, arg(a), count);
}

inline long hyp_mmu_update(const abi::MmuUpdate *req, unsigned count, unsigned *done)
{
	return hypercall<abi::kHcMmuUpdate>(arg(req), count, arg(done), abi::kDomidSelf);
}

inline long hyp_mmuext_op(const abi::MmuextOp *op, unsigned count)
{
	return hypercall<abi::kHcMmuextOp>(arg(op), count, 0, abi::kDomidSelf);
}

inline long hyp_update_va_mapping(uintptr_t va, uint64_t pte, uint64_t flags)
{
	return hypercall<abi::kHcUpdateVaMapping>(va, pte, flags);
}

inline long hyp_set_trap_table(const abi::TrapInfo *table)
{
	return hypercall<abi::kHcSetTrapTable>(arg(table));
}

inline long hyp_callback_op(int cmd, const void *a)
{
	return hypercall<abi::kHcCallbackOp>(cmd, reinterpret_cast<uint64_t>(a));
}

}  // namespace uk::xen
