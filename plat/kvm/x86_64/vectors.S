/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Entry stubs for the 256 IDT vectors and the GDT reload (vectors.S, not
 * traps.S: traps.cpp would compile to the same object name).
 *
 * Every stub makes the stack look the same (uk::kvm::TrapFrame in cpu.hpp):
 * the CPU's frame (ss, rsp, rflags, cs, rip), an error code (a 0 pushed
 * here where the CPU pushes none), the vector, then every GPR. Exceptions
 * (vectors < 32) never return: they go to the crash report. Interrupts
 * save the FPU/SSE state too, since handlers are compiled C++ that may
 * use SSE registers the interrupted code owns (needs CR4.OSFXSR set,
 * which enabling SSE at boot does).
 */

/* The CPU pushes an error code for vectors 8, 10-14, 17, 21, 29, 30. */
	.altmacro
.macro TRAP_STUB v
	.p2align 4
kvm_trap_stub_\v:
	.if !((\v == 8) || ((\v >= 10) && (\v <= 14)) || (\v == 17) || (\v == 21) || (\v == 29) || (\v == 30))
	pushq $0
	.endif
	pushq $\v
	jmp kvm_trap_common
.endm

.macro STUB_ADDR v
	.quad kvm_trap_stub_\v
.endm

#include "x86_64/gprs.S.inc"

	.section .text.kvm_traps, "ax"
	.p2align 4
	.type kvm_trap_common, @function
kvm_trap_common:
	PUSH_GPRS
	cld
	movq %rsp, %rdi
	cmpq $32, 15*8(%rsp)
	jb 1f
	/* Interrupt: the frame is 16-byte aligned (the CPU aligned rsp, then
	 * 22 words were pushed); rbx (callee-saved) keeps it. */
	movq %rsp, %rbx
	subq $512, %rsp
	andq $-16, %rsp
	fxsave64 (%rsp)
	call kvm_irq_entry
	fxrstor64 (%rsp)
	movq %rbx, %rsp
	POP_GPRS
	addq $16, %rsp /* vector, error code */
	iretq
1:	/* Exception: never returns. */
	call kvm_trap_entry
	ud2

	.set i, 0
	.rept 256
	TRAP_STUB %i
	.set i, i + 1
	.endr

/* Addresses of the stubs, for the IDT (traps.cpp). */
	.section .rodata.kvm_trap_stubs, "a"
	.p2align 3
	.globl kvm_trap_stubs
kvm_trap_stubs:
	.set i, 0
	.rept 256
	STUB_ADDR %i
	.set i, i + 1
	.endr

/*
 * void kvm_gdt_load(const void *gdtr, uint16_t tss_selector)
 * Loads a new GDT whose code segment is 0x08 and data 0x10, reloads CS
 * (far return) and the data segments, then the task register. FS and GS
 * are left alone: loading them would clear their base MSRs.
 */
	.section .text.kvm_gdt_load, "ax"
	.globl kvm_gdt_load
	.type kvm_gdt_load, @function
kvm_gdt_load:
	lgdt (%rdi)
	pushq $0x08
	leaq 1f(%rip), %rax
	pushq %rax
	lretq
1:	movw $0x10, %ax
	movw %ax, %ds
	movw %ax, %es
	movw %ax, %ss
	ltr %si
	ret
	.size kvm_gdt_load, . - kvm_gdt_load

.section .note.GNU-stack, "", @progbits
