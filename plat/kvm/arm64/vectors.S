/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The EL1 vector table. Threads run on SP_EL0, so their exceptions come
 * through the "current EL with SP0" entries and are handled on the
 * exception stack (SP_EL1): a thread that overflowed into its guard page
 * still gets its crash report. Exceptions taken while on SP_EL1 (a fault
 * in a handler or in early boot) switch to the panic stack first, so a
 * fault on a broken exception stack is reported too; they never return.
 *
 * Only IRQs from threads return (eret). They save every general and
 * FP/SIMD register: handlers are ordinary C/C++ code, which may use the
 * vector registers (memcpy, struct copies). Sync exceptions, FIQ and
 * SError stop the image with a crash report (traps.cpp).
 *
 * Trap frame (struct TrapFrame in arm64.hpp), 288 bytes on the stack:
 *   0: x0..x30   248: interrupted sp   256: elr   264: spsr
 *   272: esr     280: far
 */
#define FRAME 288
#define FPSAVE 528 /* q0..q31, then fpsr and fpcr */
#define KIND_SYNC 0
#define KIND_IRQ 1
#define KIND_FIQ 2
#define KIND_SERROR 3
#define FROM_SP0 0
#define FROM_SPX 1
#define FROM_LOWER 2

.macro ventry kind, from
	.balign 128
	sub	sp, sp, #FRAME
	stp	x0, x1, [sp, #0]
	mov	x0, #\kind
	mov	x1, #\from
	b	trap_common
.endm

/* On SP_EL1 already: the old sp goes to TPIDRRO_EL0 (unused otherwise),
 * x0 to TPIDR_EL1 while the panic stack is loaded. */
.macro ventry_spx kind
	.balign 128
	msr	tpidr_el1, x0
	mov	x0, sp
	msr	tpidrro_el0, x0
	adrp	x0, kvm_panic_stack_top
	add	x0, x0, :lo12:kvm_panic_stack_top
	mov	sp, x0
	mrs	x0, tpidr_el1
	sub	sp, sp, #FRAME
	stp	x0, x1, [sp, #0]
	mov	x0, #\kind
	mov	x1, #FROM_SPX
	b	trap_common
.endm

.section .text.kvm_arm64_vectors, "ax"
.balign 2048
.globl kvm_arm64_vectors
kvm_arm64_vectors:
	ventry	KIND_SYNC, FROM_SP0
	ventry	KIND_IRQ, FROM_SP0
	ventry	KIND_FIQ, FROM_SP0
	ventry	KIND_SERROR, FROM_SP0
	ventry_spx KIND_SYNC
	ventry_spx KIND_IRQ
	ventry_spx KIND_FIQ
	ventry_spx KIND_SERROR
	ventry	KIND_SYNC, FROM_LOWER
	ventry	KIND_IRQ, FROM_LOWER
	ventry	KIND_FIQ, FROM_LOWER
	ventry	KIND_SERROR, FROM_LOWER
	ventry	KIND_SYNC, FROM_LOWER
	ventry	KIND_IRQ, FROM_LOWER
	ventry	KIND_FIQ, FROM_LOWER
	ventry	KIND_SERROR, FROM_LOWER

trap_common:
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	stp	x18, x19, [sp, #144]
	stp	x20, x21, [sp, #160]
	stp	x22, x23, [sp, #176]
	stp	x24, x25, [sp, #192]
	stp	x26, x27, [sp, #208]
	stp	x28, x29, [sp, #224]
	str	x30, [sp, #240]
	mrs	x2, sp_el0
	cmp	x1, #FROM_SPX
	b.ne	1f
	mrs	x2, tpidrro_el0
1:	str	x2, [sp, #248]
	mrs	x2, elr_el1
	mrs	x3, spsr_el1
	stp	x2, x3, [sp, #256]
	mrs	x2, esr_el1
	mrs	x3, far_el1
	stp	x2, x3, [sp, #272]
	cmp	x0, #KIND_IRQ
	ccmp	x1, #FROM_SP0, #0, eq
	b.eq	irq_from_thread
	mov	x2, x1
	mov	x1, x0
	mov	x0, sp
	bl	kvm_arm64_trap		/* does not return */
	b	.

irq_from_thread:
	sub	sp, sp, #FPSAVE
	stp	q0, q1, [sp, #0]
	stp	q2, q3, [sp, #32]
	stp	q4, q5, [sp, #64]
	stp	q6, q7, [sp, #96]
	stp	q8, q9, [sp, #128]
	stp	q10, q11, [sp, #160]
	stp	q12, q13, [sp, #192]
	stp	q14, q15, [sp, #224]
	stp	q16, q17, [sp, #256]
	stp	q18, q19, [sp, #288]
	stp	q20, q21, [sp, #320]
	stp	q22, q23, [sp, #352]
	stp	q24, q25, [sp, #384]
	stp	q26, q27, [sp, #416]
	stp	q28, q29, [sp, #448]
	stp	q30, q31, [sp, #480]
	mrs	x2, fpsr
	mrs	x3, fpcr
	add	x4, sp, #512
	stp	x2, x3, [x4]
	add	x0, sp, #FPSAVE
	bl	kvm_arm64_irq
	add	x4, sp, #512
	ldp	x2, x3, [x4]
	msr	fpsr, x2
	msr	fpcr, x3
	ldp	q0, q1, [sp, #0]
	ldp	q2, q3, [sp, #32]
	ldp	q4, q5, [sp, #64]
	ldp	q6, q7, [sp, #96]
	ldp	q8, q9, [sp, #128]
	ldp	q10, q11, [sp, #160]
	ldp	q12, q13, [sp, #192]
	ldp	q14, q15, [sp, #224]
	ldp	q16, q17, [sp, #256]
	ldp	q18, q19, [sp, #288]
	ldp	q20, q21, [sp, #320]
	ldp	q22, q23, [sp, #352]
	ldp	q24, q25, [sp, #384]
	ldp	q26, q27, [sp, #416]
	ldp	q28, q29, [sp, #448]
	ldp	q30, q31, [sp, #480]
	add	sp, sp, #FPSAVE
	ldp	x2, x3, [sp, #256]
	msr	elr_el1, x2
	msr	spsr_el1, x3
	ldp	x0, x1, [sp, #0]
	ldp	x2, x3, [sp, #16]
	ldp	x4, x5, [sp, #32]
	ldp	x6, x7, [sp, #48]
	ldp	x8, x9, [sp, #64]
	ldp	x10, x11, [sp, #80]
	ldp	x12, x13, [sp, #96]
	ldp	x14, x15, [sp, #112]
	ldp	x16, x17, [sp, #128]
	ldp	x18, x19, [sp, #144]
	ldp	x20, x21, [sp, #160]
	ldp	x22, x23, [sp, #176]
	ldp	x24, x25, [sp, #192]
	ldp	x26, x27, [sp, #208]
	ldp	x28, x29, [sp, #224]
	ldr	x30, [sp, #240]
	add	sp, sp, #FRAME
	eret

/* Semihosting (ARM's host-call ABI; QEMU: -semihosting-config enable=on):
 * w0 = operation, x1 = parameter block; returns x0. Without
 * semihosting the HLT is an undefined instruction: traps.cpp knows this
 * address and powers off instead. */
.section .text.kvm_arm64_semihost, "ax"
.globl kvm_arm64_semihost
.globl kvm_arm64_semihost_insn
kvm_arm64_semihost:
kvm_arm64_semihost_insn:
	hlt	#0xf000
	ret

.section .note.GNU-stack, "", %progbits
