/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The floor for boot-time figures on arm64 (support/scripts/bench-kvm
 * arm64): a bare-metal program that only prints "Hello world!" on QEMU
 * virt's PL011 and powers off through PSCI, as a Linux arm64 Image like
 * Tessera's. Whatever an image spends beyond this is its own.
 */
.section .text
.globl _start
_start:
	b	1f
	.long	0
	.quad	0x100000		/* text_offset */
	.quad	0x1000			/* image_size */
	.quad	0x2
	.quad	0, 0, 0
	.ascii	"ARM\x64"
	.long	0
1:	adr	x1, msg
	mov	x2, #0x09000000
2:	ldrb	w3, [x1], #1
	cbz	w3, 3f
	strb	w3, [x2]
	b	2b
3:	ldr	x0, =0x84000008		/* PSCI SYSTEM_OFF */
	hvc	#0
	b	.
msg:
	.asciz	"Hello world!\r\n"
