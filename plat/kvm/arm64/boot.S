/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Entry into the image on KVM arm64. The image is a Linux arm64 "Image"
 * (the 64-byte header below, then the code): loaders that speak that
 * boot protocol (QEMU -kernel, U-Boot booti, Firecracker) load it at a
 * 2 MiB-aligned RAM base + text_offset, pass the device tree's address
 * in x0, and QEMU also loads -initrd and names it in the tree. It starts
 * with the MMU and caches off and all interrupts masked, at EL1, or at
 * EL2 with -M virt,virtualization=on. The code is linked for the base
 * QEMU virt uses (the start of RAM, 0x40000000); loaded elsewhere, it
 * stops with a message on QEMU's PL011.
 * The unstripped <image>.dbg is an ELF of the same code: QEMU boots that
 * too, with x0 = 0 and the tree at the start of RAM (but no initrd).
 *
 * Here: drop from EL2 to EL1, vector table, FP/SIMD on, stacks (threads
 * run on SP_EL0, exceptions on SP_EL1: an overflowing thread stack can
 * still be reported), bss zeroed, an identity map with the first GiB as
 * device memory (its first 2 MiB absent) and the GiB holding the image
 * as normal memory, MMU and caches on, then kvm_arm64_start(x0).
 * paging.cpp replaces these tables with the final ones.
 */
#include <uk/config.h>

#define SCTLR_EL1_RES1 0x30d00800
#define SCTLR_M (1 << 0)
#define SCTLR_C (1 << 2)
#define SCTLR_SA (1 << 3)
#define SCTLR_I (1 << 12)
#define HCR_EL2_RW (1 << 31)
#define CPTR_EL2_RES1 0x33ff
#define SPSR_EL1H_MASKED 0x3c5
#define CPACR_FPEN (3 << 20)
#define ICC_SRE_EL2 S3_4_C12_C9_5

/* MAIR: 0 Device-nGnRnE, 1 Device-nGnRE, 2 Normal write-back, 3 Normal
 * non-cacheable (paging.cpp uses the same indexes). */
#define MAIR_VALUE 0x44ff0400
/* TCR: 39-bit VA (T0SZ 25, tables start at level 1), 4 KiB granule,
 * write-back walks, inner shareable, no TTBR1 walks; IPS from the CPU. */
#define TCR_VALUE ((25 << 0) | (1 << 8) | (1 << 10) | (3 << 12) | (1 << 23))

#define DESC_TABLE 0x3
/* Block: valid, AttrIndx, inner shareable, access flag; XN bits above. */
#define BLOCK_NORMAL (0x1 | (2 << 2) | (3 << 8) | (1 << 10))
#define BLOCK_DEVICE (0x1 | (1 << 2) | (1 << 10))
#define PXN_UXN_HI (3 << 21) /* bits 53, 54 as seen in the upper word */

#define IMAGE_TEXT_OFFSET 0x100000 /* link address - RAM base */
#define IMAGE_FLAGS 0x2 /* little-endian, 4 KiB pages, base near RAM start */
#define EARLY_UART 0x09000000

.section .text.boot, "ax"
.globl _start
_start:
	b	1f			/* code0 */
	.long	0			/* code1 */
	.quad	IMAGE_TEXT_OFFSET
	.quad	__kvm_image_size	/* with bss: what the loader must leave free */
	.quad	IMAGE_FLAGS
	.quad	0, 0, 0
	.ascii	"ARM\x64"		/* magic */
	.long	0
1:	msr	daifset, #0xf
	mov	x19, x0
	adr	x1, _start
	ldr	x2, =_start
	cmp	x1, x2
	b.ne	wrong_place
	mrs	x1, CurrentEL
	ubfx	x1, x1, #2, #2
	cmp	x1, #2
	b.eq	from_el2
	cmp	x1, #1
	b.eq	at_el1
1:	wfe			/* EL3 (or EL0): not a place to run */
	b	1b

/* Not position independent: say so on QEMU virt's UART and stop. */
wrong_place:
	adr	x1, wrong_place_msg
	mov	x2, #EARLY_UART
2:	ldrb	w3, [x1], #1
	cbz	w3, 3f
	strb	w3, [x2]
	b	2b
3:	wfe
	b	3b
wrong_place_msg:
	.asciz	"CRASH: the image was loaded at another address than it is linked for (RAM base + text_offset 0x100000)\r\n"
.balign 4

/* EL1 gets a plain AArch64 world: no stage 2, nothing trapped, the
 * counters and the GICv3 system registers usable. */
from_el2:
	mov	x1, #HCR_EL2_RW
	msr	hcr_el2, x1
	mov	x1, #CPTR_EL2_RES1
	msr	cptr_el2, x1
	msr	hstr_el2, xzr
	msr	vttbr_el2, xzr
	mrs	x1, cnthctl_el2
	orr	x1, x1, #3		/* EL1PCTEN, EL1PCEN */
	msr	cnthctl_el2, x1
	msr	cntvoff_el2, xzr
	mrs	x1, midr_el1
	msr	vpidr_el2, x1
	mrs	x1, mpidr_el1
	msr	vmpidr_el2, x1
	mrs	x1, id_aa64pfr0_el1
	ubfx	x1, x1, #24, #4		/* GIC system register interface */
	cbz	x1, 2f
	mov	x1, #0xf		/* SRE, DFB, DIB, Enable (EL1 may use SRE) */
	msr	ICC_SRE_EL2, x1
	isb
2:	ldr	x1, =SCTLR_EL1_RES1
	msr	sctlr_el1, x1
	mov	x1, #SPSR_EL1H_MASKED
	msr	spsr_el2, x1
	adr	x1, at_el1
	msr	elr_el2, x1
	eret

at_el1:
	ldr	x1, =kvm_arm64_vectors
	msr	vbar_el1, x1
	mov	x1, #CPACR_FPEN
	msr	cpacr_el1, x1
	isb
	ldr	x1, =kvm_exception_stack_top
	mov	sp, x1			/* SPSel is 1: this is SP_EL1 */
	ldr	x1, =boot_stack_top
	msr	sp_el0, x1
	msr	spsel, #0

	/* Zero bss, with the caches off: then invalidate its lines, so
	 * that no stale line hides these stores once the caches are on. */
	ldr	x1, =__bss_start
	ldr	x2, =__bss_end
3:	cmp	x1, x2
	b.hs	4f
	stp	xzr, xzr, [x1], #16
	b	3b
4:	ldr	x1, =__bss_start
	mrs	x3, ctr_el0
	ubfx	x3, x3, #16, #4		/* DminLine: log2(words) */
	mov	x4, #4
	lsl	x3, x4, x3		/* line size in bytes */
	sub	x4, x3, #1
	bic	x1, x1, x4
5:	dc	ivac, x1
	add	x1, x1, x3
	cmp	x1, x2
	b.lo	5b
	dsb	sy

	/* Boot tables: l1[0] -> l2 (first GiB: device, 2 MiB blocks, the
	 * first one absent), l1[image GiB] = one normal block, executable. */
	ldr	x1, =kvm_boot_l1
	ldr	x2, =kvm_boot_l2
	orr	x3, x2, #DESC_TABLE
	str	x3, [x1]
	adr	x4, _start
	lsr	x4, x4, #30		/* the GiB the image is in */
	lsl	x5, x4, #30
	ldr	x6, =BLOCK_NORMAL
	orr	x5, x5, x6
	str	x5, [x1, x4, lsl #3]
	ldr	x6, =BLOCK_DEVICE
	mov	x7, #PXN_UXN_HI
	orr	x6, x6, x7, lsl #32
	mov	x4, #1
6:	lsl	x5, x4, #21
	orr	x5, x5, x6
	str	x5, [x2, x4, lsl #3]
	add	x4, x4, #1
	cmp	x4, #512
	b.lo	6b
	dsb	sy

	ldr	x1, =MAIR_VALUE
	msr	mair_el1, x1
	mrs	x2, id_aa64mmfr0_el1
	ubfx	x2, x2, #0, #4		/* PARange */
	cmp	x2, #5
	mov	x3, #5
	csel	x2, x2, x3, ls		/* at most 48 bits */
	ldr	x1, =TCR_VALUE
	orr	x1, x1, x2, lsl #32	/* IPS */
	msr	tcr_el1, x1
	ldr	x1, =kvm_boot_l1
	msr	ttbr0_el1, x1
	isb
	tlbi	vmalle1
	ic	iallu
	dsb	nsh
	isb
	ldr	x1, =(SCTLR_EL1_RES1 | SCTLR_M | SCTLR_C | SCTLR_SA | SCTLR_I)
	msr	sctlr_el1, x1
	isb

	mov	x0, x19
	mov	x29, xzr		/* backtraces end here */
	mov	x30, xzr
	bl	kvm_arm64_start
7:	wfi
	b	7b
.ltorg

/* The boot stack becomes the thread "main"; its lowest page is a guard
 * page once paging.cpp has built the final tables. The exception stack
 * has one too; the panic stack (vectors.S) takes exceptions that happen
 * on the exception stack itself. */
.section .bss.kvm_stacks, "aw", %nobits
.balign 4096
.globl boot_stack_bottom
boot_stack_bottom:
	.space	CONFIG_KVM_BOOT_STACK_SIZE * 1024
.globl boot_stack_top
boot_stack_top:
.globl kvm_exception_stack_bottom
kvm_exception_stack_bottom:
	.space	4096 + 8192
.globl kvm_exception_stack_top
kvm_exception_stack_top:
	.space	4096
.globl kvm_panic_stack_top
kvm_panic_stack_top:

.section .bss.kvm_boot_tables, "aw", %nobits
.balign 4096
.globl kvm_boot_l1
kvm_boot_l1:
	.space	4096
kvm_boot_l2:
	.space	4096

.section .note.GNU-stack, "", %progbits
