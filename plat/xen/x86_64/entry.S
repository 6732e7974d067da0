/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Entry stubs for what Xen bounces to a 64-bit PV guest: CPU exceptions
 * (the trap table), the event upcall and the failsafe callback.
 *
 * Xen pushes the CPU's frame (ss, rsp, rflags, cs, rip), the error code
 * where the CPU has one, and then r11 and rcx on top, which it clobbered
 * on the way (SYSRET). Each stub restores rcx and r11 from there and
 * builds the same uk::plat::x86::TrapFrame as the KVM stubs: error code
 * (0 if none), vector, then every GPR.
 *
 * Exceptions go to the crash report and never return. The upcall saves
 * the FPU/SSE state (handlers are C++), dispatches the pending events
 * and returns through HYPERVISOR_iret, which restores the upcall mask
 * from the frame's RFLAGS.IF atomically with the return: events that
 * arrive meanwhile are delivered at once, none waits for the next upcall.
 */
#define HYPERVISOR_iret 23
#define VECTOR_UPCALL 256
#define VECTOR_FAILSAFE 257

/* Xen pushes an error code for vectors 8, 10-14, 17, 21, 29, 30. */
	.altmacro
.macro XEN_RESTORE_RCX_R11
	movq	(%rsp), %rcx
	movq	8(%rsp), %r11
	addq	$16, %rsp
.endm

.macro TRAP_STUB v
	.p2align 4
xen_trap_stub_\v:
	XEN_RESTORE_RCX_R11
	.if !((\v == 8) || ((\v >= 10) && (\v <= 14)) || (\v == 17) || (\v == 21) || (\v == 29) || (\v == 30))
	pushq	$0
	.endif
	pushq	$\v
	jmp	xen_trap_common
.endm

.macro STUB_ADDR v
	.quad	xen_trap_stub_\v
.endm

#include "x86_64/gprs.S.inc"

	.section .text.xen_traps, "ax"
	.p2align 4
	.type xen_trap_common, @function
xen_trap_common:
	PUSH_GPRS
	cld
	movq	%rsp, %rdi
	call	xen_trap_entry		/* never returns */
	ud2

	.set i, 0
	.rept 32
	TRAP_STUB %i
	.set i, i + 1
	.endr

/*
 * The event upcall: entered with events masked, on the interrupted
 * stack (a PV kernel has no IST).
 */
	.p2align 4
	.globl xen_upcall_stub
	.type xen_upcall_stub, @function
xen_upcall_stub:
	XEN_RESTORE_RCX_R11
	pushq	$0
	pushq	$VECTOR_UPCALL
	PUSH_GPRS
	cld
	movq	%rsp, %rbx		/* callee-saved: the frame */
	subq	$512, %rsp
	andq	$-16, %rsp
	fxsave64 (%rsp)
	movq	%rbx, %rdi
	call	xen_upcall_entry
	fxrstor64 (%rsp)
	movq	%rbx, %rsp
	POP_GPRS
	addq	$16, %rsp		/* vector, error code */
	/* rip, cs, rflags, rsp, ss remain: HYPERVISOR_iret's frame, under
	 * its flags word (0: not a syscall return; rax, r11 and rcx are
	 * pushed by the hypercall page's stub). */
	pushq	$0
	jmp	hypercall_page + HYPERVISOR_iret * 32
	.size xen_upcall_stub, . - xen_upcall_stub

/*
 * Xen could not load a segment register on the way back to us: its
 * frame has ds, es, fs, gs between r11/rcx and the CPU frame. Fatal.
 */
	.p2align 4
	.globl xen_failsafe_stub
	.type xen_failsafe_stub, @function
xen_failsafe_stub:
	XEN_RESTORE_RCX_R11
	addq	$32, %rsp		/* ds, es, fs, gs */
	pushq	$0
	pushq	$VECTOR_FAILSAFE
	jmp	xen_trap_common
	.size xen_failsafe_stub, . - xen_failsafe_stub

/* Addresses of the exception stubs, for the trap table (traps.cpp). */
	.section .rodata.xen_trap_stubs, "a"
	.p2align 3
	.globl xen_trap_stubs
xen_trap_stubs:
	.set i, 0
	.rept 32
	STUB_ADDR %i
	.set i, i + 1
	.endr

.section .note.GNU-stack, "", @progbits
