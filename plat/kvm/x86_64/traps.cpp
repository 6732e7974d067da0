// SPDX-License-Identifier: BSD-3-Clause
//
// The IDT (all 256 vectors go through traps.S), and this platform's own
// GDT with a TSS: the TSS gives the faults that find no usable stack a
// stack of their own (IST). A stack overflow into a guard page faults
// again while the CPU pushes the page fault's frame, which becomes a
// double fault and then a triple fault (a silent reset) without IST.

#include "cpu.hpp"
#include "kvm.hpp"

extern "C" const uint64_t kvm_trap_stubs[256];
extern "C" void kvm_gdt_load(const void *gdtr, uint16_t tss_selector);

namespace uk::kvm {
namespace {

struct [[gnu::packed]] IdtGate {
	uint16_t offset_lo;
	uint16_t selector;
	uint8_t ist;
	uint8_t type_attr;
	uint16_t offset_mid;
	uint32_t offset_hi;
	uint32_t reserved;
};
static_assert(sizeof(IdtGate) == 16);

struct [[gnu::packed]] Tss {
	uint32_t reserved0;
	uint64_t rsp[3];
	uint64_t reserved1;
	uint64_t ist[7];
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap_base;
};
static_assert(sizeof(Tss) == 104);

struct [[gnu::packed]] DescriptorPointer {
	uint16_t limit;
	uint64_t base;
};

constexpr uint16_t kCodeSelector = 0x08;
constexpr uint16_t kTssSelector = 0x18;
constexpr uint8_t kInterruptGate = 0x8e; // present, DPL 0, 64-bit interrupt gate

// IST slots (1-based in the gate; 0 = stay on the current stack).
// #PF has its own so a stack overflow is reported as the page fault it
// is (with the guard page's address); #DF, NMI and #MC can strike at any
// moment, on any stack.
constexpr uint8_t kIstDoubleFault = 1, kIstNmiMce = 2, kIstPageFault = 3;
constexpr int kVecNmi = 2, kVecDoubleFault = 8, kVecPageFault = 14, kVecMce = 18;
constexpr size_t kIstStackSize = 8192;

alignas(16) constinit IdtGate idt[256];
alignas(16) constinit Tss tss;
// Null, code 0x08, data 0x10 (as boot.S's, accessed bits set), TSS 0x18
// (two slots). Writable: ltr marks the TSS descriptor busy.
alignas(16) constinit uint64_t gdt[5] = {0, 0x00af9b000000ffffULL,
					 0x00cf93000000ffffULL, 0, 0};
alignas(16) constinit char ist_stacks[3][kIstStackSize];

void set_gate(int vector, uint64_t handler, uint8_t ist)
{
	idt[vector] = IdtGate{static_cast<uint16_t>(handler), kCodeSelector, ist,
			      kInterruptGate, static_cast<uint16_t>(handler >> 16),
			      static_cast<uint32_t>(handler >> 32), 0};
}

void install_gdt_and_tss()
{
	for (int i = 0; i < 3; ++i)
		tss.ist[i] = reinterpret_cast<uint64_t>(ist_stacks[i] + kIstStackSize);
	tss.iomap_base = sizeof(Tss); // no I/O bitmap: ring 0 only
	auto base = reinterpret_cast<uint64_t>(&tss);
	uint64_t limit = sizeof(Tss) - 1;
	// 64-bit TSS descriptor: type 9 (available TSS), present, DPL 0.
	gdt[3] = (limit & 0xffff) | ((base & 0xffffff) << 16) | (0x89ULL << 40) |
		 (((limit >> 16) & 0xf) << 48) | (((base >> 24) & 0xff) << 56);
	gdt[4] = base >> 32;
	DescriptorPointer gdtr{sizeof(gdt) - 1, reinterpret_cast<uint64_t>(gdt)};
	kvm_gdt_load(&gdtr, kTssSelector);
}

}  // namespace

void traps_init()
{
	install_gdt_and_tss();
	for (int v = 0; v < 256; ++v)
		set_gate(v, kvm_trap_stubs[v], 0);
	set_gate(kVecDoubleFault, kvm_trap_stubs[kVecDoubleFault], kIstDoubleFault);
	set_gate(kVecNmi, kvm_trap_stubs[kVecNmi], kIstNmiMce);
	set_gate(kVecMce, kvm_trap_stubs[kVecMce], kIstNmiMce);
	set_gate(kVecPageFault, kvm_trap_stubs[kVecPageFault], kIstPageFault);
	DescriptorPointer idtr{sizeof(idt) - 1, reinterpret_cast<uint64_t>(idt)};
	__asm__ __volatile__("lidt %0" : : "m"(idtr) : "memory");
}

}  // namespace uk::kvm

// Called by traps.S on the trap frame, with interrupts disabled.
extern "C" __noreturn void kvm_trap_entry(uk::kvm::TrapFrame *f)
{
	uk::kvm::crash_report(f);
}

extern "C" void kvm_irq_entry(uk::kvm::TrapFrame *f)
{
	uk::kvm::irq_dispatch(f);
}
