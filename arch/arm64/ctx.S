/* SPDX-License-Identifier: BSD-3-Clause */
/* Context switch for arm64 (contract in include/uk/arch/ctx.h). */

/* Frame on a switched-out stack, from its saved sp upwards (176 bytes,
 * a multiple of 16 as sp must stay):
 *     0: x19 x20   16: x21 x22   32: x23 x24   48: x25 x26   64: x27 x28
 *    80: x29 x30   96: d8 d9    112: d10 d11  128: d12 d13  144: d14 d15
 *   160: FPCR, padding
 * x30 is where ukarch_ctx_switch "returns" to in the continued context.
 */
#define FRAME 176

.section .text.ukarch_ctx_switch, "ax"
.globl ukarch_ctx_switch
.type ukarch_ctx_switch, %function
ukarch_ctx_switch:
	sub	sp, sp, #FRAME
	stp	x19, x20, [sp, #0]
	stp	x21, x22, [sp, #16]
	stp	x23, x24, [sp, #32]
	stp	x25, x26, [sp, #48]
	stp	x27, x28, [sp, #64]
	stp	x29, x30, [sp, #80]
	stp	d8, d9, [sp, #96]
	stp	d10, d11, [sp, #112]
	stp	d12, d13, [sp, #128]
	stp	d14, d15, [sp, #144]
	mrs	x9, fpcr
	str	x9, [sp, #160]
	mov	x10, sp
	str	x10, [x0]
	ldr	x10, [x1]
	mov	sp, x10
	/* An FPCR write may synchronise the FP pipeline, and almost no
	 * thread changes its rounding mode: write it only when the two
	 * threads' differ. */
	ldr	x11, [sp, #160]
	cmp	x11, x9
	b.ne	2f
1:	ldp	x19, x20, [sp, #0]
	ldp	x21, x22, [sp, #16]
	ldp	x23, x24, [sp, #32]
	ldp	x25, x26, [sp, #48]
	ldp	x27, x28, [sp, #64]
	ldp	x29, x30, [sp, #80]
	ldp	d8, d9, [sp, #96]
	ldp	d10, d11, [sp, #112]
	ldp	d12, d13, [sp, #128]
	ldp	d14, d15, [sp, #144]
	add	sp, sp, #FRAME
	ret
2:	msr	fpcr, x11
	b	1b
.size ukarch_ctx_switch, . - ukarch_ctx_switch

/* First "return" of a new context: entry (x19) gets arg (x20). x29 is 0,
 * so backtraces stop at this frame. */
.section .text.ukarch_ctx_trampoline, "ax"
.globl ukarch_ctx_trampoline
.type ukarch_ctx_trampoline, %function
ukarch_ctx_trampoline:
	mov	x0, x20
	blr	x19
	brk	#0x7ff	/* entry must not return */
.size ukarch_ctx_trampoline, . - ukarch_ctx_trampoline

.section .note.GNU-stack, "", %progbits
