/* SPDX-License-Identifier: BSD-3-Clause */
/* Context switch for x86_64 (contract in include/uk/arch/ctx.h). */

/* Frame on a switched-out stack, from its saved sp upwards:
 *   0: MXCSR (4 bytes) and x87 control word (2 bytes, padded)
 *   8: r15  16: r14  24: r13  32: r12  40: rbx  48: rbp  56: return rip
 */
.section .text.ukarch_ctx_switch, "ax"
.globl ukarch_ctx_switch
.type ukarch_ctx_switch, @function
ukarch_ctx_switch:
	pushq	%rbp
	pushq	%rbx
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	subq	$8, %rsp
	stmxcsr	(%rsp)
	fnstcw	4(%rsp)
	movq	%rsp, (%rdi)
	movq	%rsp, %rcx
	movq	(%rsi), %rsp
	/* ldmxcsr costs ~15 ns and almost no thread changes its control
	 * words: reload them only when the two threads' differ. */
	movl	(%rsp), %eax
	cmpl	(%rcx), %eax
	jne	2f
	movzwl	4(%rsp), %eax
	cmpw	4(%rcx), %ax
	jne	2f
1:	addq	$8, %rsp
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbx
	popq	%rbp
	ret
2:	ldmxcsr	(%rsp)
	fldcw	4(%rsp)
	jmp	1b
.size ukarch_ctx_switch, . - ukarch_ctx_switch

/* First "return" of a new context: entry (r13) gets arg (r12). The stack
 * is 16-byte aligned here, so the call leaves the callee the alignment
 * the ABI promises. rbp is 0: backtraces stop at this frame. */
.section .text.ukarch_ctx_trampoline, "ax"
.globl ukarch_ctx_trampoline
.type ukarch_ctx_trampoline, @function
ukarch_ctx_trampoline:
	movq	%r12, %rdi
	call	*%r13
	ud2
.size ukarch_ctx_trampoline, . - ukarch_ctx_trampoline

.section .note.GNU-stack, "", @progbits
