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

/* No executable stack for this object. */
.section .note.GNU-stack, "", @progbits
