/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Process entry. Linux starts us with %rsp pointing at argc, followed by
 * argv[], NULL, envp[], NULL, auxv. The stack pointer is 16-byte aligned
 * here; the call below keeps the ABI's alignment for C++.
 */
.section .text.linuxu_start, "ax"
.globl _start
.type _start, @function
_start:
	xorl	%ebp, %ebp		/* outermost frame for backtraces */
	movq	%rsp, %rdi		/* argument: the initial stack */
	andq	$-16, %rsp
	call	linuxu_start
	ud2				/* linuxu_start never returns */
.size _start, . - _start


/* Required by the kernel with SA_RESTORER; the fault handler never
 * returns, so this only runs if a handler ever does. */
.section .text.linuxu_sigreturn, "ax"
.globl linuxu_sigreturn
.type linuxu_sigreturn, @function
linuxu_sigreturn:
	movq	$15, %rax		/* rt_sigreturn */
	syscall
	ud2
.size linuxu_sigreturn, . - linuxu_sigreturn
.section .note.GNU-stack, "", @progbits
