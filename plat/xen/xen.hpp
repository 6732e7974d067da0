// SPDX-License-Identifier: BSD-3-Clause
//
// What the files of the Xen platform share. Ownership:
//   x86_64/boot.S, setup.cpp, shutdown.cpp     entry, boot order, exit
//   x86_64/mmu.cpp, memory.cpp                 p2m/m2p, page tables, regions
//   x86_64/entry.S, traps.cpp                  trap table, callbacks, crashes
//   x86_64/time.cpp, lcpu.cpp                  clocks, one-shot timer, idle
//   console.cpp, events.cpp, gnttab.cpp        console, event channels, grants
//   xenbus/                                    the xenstore client
#pragma once

// NOTE: what runs once (boot, exit, crash reports) is marked [[gnu::cold]]:
// GCC optimises it for size and keeps it out of the hot text.

#include <uk/essentials.h>
#include <uk/plat.h>

#include "abi.hpp"

namespace uk::xen {

// ---- boot state (setup.cpp) ---------------------------------------------------

/** Xen's start_info page (mapped in the boot region, never freed). */
extern const abi::StartInfo *start_info;
/** The shared info page, mapped over a page of our .bss. */
extern abi::SharedInfo *shared_info;

inline bool is_dom0() { return start_info->flags & abi::kSifInitDomain; }
inline abi::VcpuInfo &vcpu0() { return shared_info->vcpu_info[0]; }

/** Prints "CRASH: <what>: <why>" and stops (boot-time failures). */
__noreturn void boot_fail(const char *what, const char *why, long rc = 0);

// ---- memory (mmu.cpp, memory.cpp) ---------------------------------------------------

extern "C" char __xen_virt_base[];
inline uintptr_t virt_base() { return reinterpret_cast<uintptr_t>(__xen_virt_base); }

inline constexpr uintptr_t kPageSize = 4096;
inline constexpr uint64_t kPteP = 1, kPteRw = 2, kPteUser = 4, kPteAccessed = 0x20,
			  kPteDirty = 0x40, kPteNx = 1ULL << 63;
inline constexpr uint64_t kPteMfnMask = 0x000ffffffffff000ULL;

/** Pseudo-physical frame <-> our virtual address (the 1:1 map above the base). */
inline uintptr_t pfn_to_va(uint64_t pfn) { return virt_base() + (pfn << 12); }
inline uint64_t va_to_pfn(uintptr_t va) { return (va - virt_base()) >> 12; }

/** pfn -> mfn (start_info's list) and mfn -> pfn (Xen's read-only m2p). */
uint64_t pfn_to_mfn(uint64_t pfn);
uint64_t mfn_to_pfn(uint64_t mfn);
/** Pages of the domain (start_info.nr_pages). */
uint64_t nr_pages();

/** Machine frame behind our 1:1-mapped virtual address @p va. */
inline uint64_t va_to_mfn(uintptr_t va) { return pfn_to_mfn(va_to_pfn(va)); }

/** Extends the 1:1 map to every page of the domain, sets the image's
 * permissions, the null and boot-stack guards, and the heap region. */
void memory_init();

/** The PTE that maps @p va, or nullptr when a level above is absent. */
const uint64_t *pte_of(uintptr_t va);
/** Maps @p va (page-aligned, under an existing table) to @p pte. */
int set_pte(uintptr_t va, uint64_t pte);
/** The normal 1:1 PTE of a page of our memory (read-write, no-execute). */
uint64_t identity_pte(uintptr_t va);
/** @return true when the 8 bytes at @p va are mapped (crash report). */
bool va_readable(uintptr_t va);

// ---- CPU, events, time (traps.cpp, events.cpp, time.cpp) -----------------------------

/** Trap table, event and failsafe callbacks. */
void traps_init();

/** Every port masked and without a handler. */
void events_init();
/** Runs the handlers of the pending ports (the upcall, events masked). */
void events_dispatch();

/** Stops Xen's periodic timer, binds VIRQ_TIMER, starts the clocks. */
void time_init();
/** Xen system time in ns (since Xen booted). */
uint64_t system_time_ns();
/** One-shot timer for ukplat_lcpu_halt_until (monotonic deadline). */
void timer_arm(uint64_t deadline_ns);
void timer_disarm();
/** Test hook: VIRQ_TIMER events received so far. */
uint64_t timer_events();
/** Test hook: TSC frequency Xen reports in vcpu_time_info. */
uint64_t tsc_hz();

// ---- console (console.cpp) ---------------------------------------------------------

/** dom0: HYPERVISOR_console_io; domU: the console ring and its channel. */
void console_init();
void console_write(const char *buf, size_t len);
/** Waits (bounded) until the backend took what is in the ring (domU). */
void console_flush();

// ---- grant tables (gnttab.cpp) -------------------------------------------------------
/** Maps the grant table frames (CONFIG_XEN_GNTTAB). */
int gnttab_init();

// ---- xenstore (xenbus/xenbus.cpp) -------------------------------------------------------
/** Our domain id from xenstore ("domid"), cached. @return id or -errno. */
int xenbus_domid();

// ---- exit (shutdown.cpp) -------------------------------------------------------------
/** dom0 + CONFIG_XEN_DEBUG_EXIT: take I/O privilege for isa-debug-exit. */
void debug_exit_init();

}  // namespace uk::xen
