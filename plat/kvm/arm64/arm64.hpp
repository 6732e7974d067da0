// SPDX-License-Identifier: BSD-3-Clause
//
// What the files of the KVM arm64 platform share. Ownership:
//   boot.S, setup.cpp, devtree.cpp, memory.cpp, paging.cpp, serial.cpp,
//   shutdown.cpp                                  boot, memory, console
//   vectors.S, traps.cpp, gic.cpp, irq.cpp, timer.cpp, lcpu.cpp
//                                                 exceptions, interrupts, time
#pragma once

#include <uk/essentials.h>
#include <uk/plat.h>

#define UK_ARM64_READ_SYSREG(reg)                                        \
	({                                                               \
		uint64_t v_;                                             \
		__asm__ __volatile__("mrs %0, " #reg : "=r"(v_) : : "memory"); \
		v_;                                                      \
	})
#define UK_ARM64_WRITE_SYSREG(reg, v) \
	__asm__ __volatile__("msr " #reg ", %0" : : "r"(static_cast<uint64_t>(v)) : "memory")

namespace uk::kvm {

// ---- what the device tree says (devtree.cpp) --------------------------------

enum class GicVersion : uint8_t { kNone, kV2, kV3 };
enum class PsciMethod : uint8_t { kNone, kHvc, kSmc };

struct BootInfo {
	static constexpr int kMaxRegions = 16;
	ukplat_memregion ram[kMaxRegions]; ///< /memory reg entries
	int nram;
	const char *cmdline;   ///< /chosen bootargs, or nullptr
	uintptr_t initrd_base; ///< /chosen linux,initrd-start; 0: none
	size_t initrd_len;
	uintptr_t uart_base;   ///< PL011 (stdout-path, else the first); 0: none
	GicVersion gic;
	uintptr_t gicd_base;   ///< distributor
	uintptr_t gicc_base;   ///< v2: CPU interface; v3: first redistributor
	size_t gicc_size;      ///< v2: CPU interface; v3: redistributor region
	uint32_t timer_intid;  ///< the virtual timer's PPI as a GIC INTID
	PsciMethod psci;
	uintptr_t rtc_base;    ///< PL031 real-time clock; 0: none
};

/**
 * Reads what the platform needs from the device tree @p fdt, which must
 * have passed uk_fdt_check().
 * @return 0, or -EINVAL with a reason in *why (a node the platform
 * cannot run without is missing or malformed).
 */
int bootinfo_from_fdt(const void *fdt, BootInfo *out, const char **why);

// ---- console, memory, shutdown ---------------------------------------------

/** Default PL011 of QEMU's virt board, used until the device tree says. */
inline constexpr uintptr_t kEarlyUart = 0x09000000;

void serial_init(uintptr_t base);
void serial_write(const char *buf, size_t len);

/** Builds the allocatable regions (RAM minus the device tree, the image
 * and the initrd). @return the end of RAM. */
uintptr_t memory_init(const BootInfo &bi, uintptr_t fdt, size_t fdt_size);

/** Final page tables: RAM normal memory (the image with per-section
 * permissions and guard pages), device memory below RAM. */
void paging_init(const BootInfo &bi);

/** @return true when @p va is mapped (crash reports read only such). */
bool vaddr_readable(uintptr_t va);
/** @return the descriptor that maps @p va (0: not mapped), for tests. */
uint64_t vaddr_descriptor(uintptr_t va);

void shutdown_init(PsciMethod psci);

/** PSCI SYSTEM_OFF, for when semihosting is not there. */
__noreturn void psci_system_off();

// ---- exceptions, interrupts, time -----------------------------------------------

/** The registers saved on exception entry (layout: vectors.S). */
struct TrapFrame {
	uint64_t x[31];
	uint64_t sp;
	uint64_t elr, spsr, esr, far;
};
static_assert(sizeof(TrapFrame) == 288);

enum TrapKind : unsigned { kSync = 0, kIrq = 1, kFiq = 2, kSError = 3 };
enum TrapFrom : unsigned { kFromSp0 = 0, kFromSpx = 1, kFromLower = 2 };

__noreturn void crash_report(const TrapFrame *f, unsigned kind, unsigned from);

/** GIC distributor and this CPU's interface. @return 0 or -errno. */
int gic_init(const BootInfo &bi);
/** Acknowledges the interrupt taken. @return the raw acknowledge value
 * for gic_eoi(); gic_intid() of it is >= 1020 when it was spurious. */
uint32_t gic_ack();
uint32_t gic_intid(uint32_t iar);
void gic_eoi(uint32_t iar);
void gic_enable(uint32_t intid, bool enable);
void gic_set_edge(uint32_t intid, bool edge);
/** Raises software-generated interrupt @p sgi (0-15) on this CPU. */
void gic_send_sgi_self(uint32_t sgi);
GicVersion gic_version();

void irq_dispatch(uint32_t intid);

/** Generic timer and clocks. @return 0 or -errno. */
int time_init(const BootInfo &bi);
void timer_arm(uint64_t deadline_ns);
void timer_disarm();
/** The timer's interrupt (masks the timer until it is armed again). */
void timer_irq();
uint32_t timer_intid();
uint64_t counter_hz();

}  // namespace uk::kvm
