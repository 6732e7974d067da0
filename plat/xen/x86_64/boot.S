/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Entry into the image as an x86_64 PV guest, and the ELF notes that
 * Xen's PV loader (dom0 builder, libxenguest for domUs) reads.
 *
 * Xen starts us in 64-bit mode on its page tables (the boot region mapped
 * read-write, the tables themselves read-only), event upcalls masked,
 * rsi = start_info, rsp = a one-page boot stack. We switch to our own
 * stack, clear the virtual CR0.TS (the first SSE instruction would raise
 * #NM otherwise) and call xen_start(start_info).
 */
#include <uk/config.h>

#define XEN_ELFNOTE_ENTRY		1
#define XEN_ELFNOTE_HYPERCALL_PAGE	2
#define XEN_ELFNOTE_VIRT_BASE		3
#define XEN_ELFNOTE_PADDR_OFFSET	4
#define XEN_ELFNOTE_XEN_VERSION		5
#define XEN_ELFNOTE_GUEST_OS		6
#define XEN_ELFNOTE_GUEST_VERSION	7
#define XEN_ELFNOTE_LOADER		8
#define HYPERVISOR_fpu_taskswitch	5

/* One note: name "Xen", type, then the descriptor (4-byte aligned). */
.macro XEN_NOTE_BEGIN type
	.pushsection .note.xen, "a"
	.p2align 2
	.long	2f - 1f
	.long	4f - 3f
	.long	\type
1:	.asciz	"Xen"
2:	.p2align 2
3:
.endm
.macro XEN_NOTE_END
4:	.p2align 2
	.popsection
.endm
/* GAS drops the quotes of a string macro argument: put them back. */
.macro XEN_NOTE_STR type, str
	XEN_NOTE_BEGIN \type
	.asciz	"\str"
	XEN_NOTE_END
.endm
.macro XEN_NOTE_QUAD type, value
	XEN_NOTE_BEGIN \type
	.quad	\value
	XEN_NOTE_END
.endm

	XEN_NOTE_STR XEN_ELFNOTE_GUEST_OS, "Tessera"
	XEN_NOTE_STR XEN_ELFNOTE_GUEST_VERSION, __TESSERA_VERSION__
	XEN_NOTE_STR XEN_ELFNOTE_XEN_VERSION, "xen-3.0"
	XEN_NOTE_STR XEN_ELFNOTE_LOADER, "generic"
	XEN_NOTE_QUAD XEN_ELFNOTE_VIRT_BASE, __xen_virt_base
	XEN_NOTE_QUAD XEN_ELFNOTE_PADDR_OFFSET, __xen_virt_base
	XEN_NOTE_QUAD XEN_ELFNOTE_ENTRY, xen_entry
	XEN_NOTE_QUAD XEN_ELFNOTE_HYPERCALL_PAGE, hypercall_page

.section .text.boot, "ax"
.globl xen_entry
xen_entry:
	cld
	leaq	boot_stack_top(%rip), %rsp
	movq	%rsi, %rbx			/* callee-saved across the hypercall */
	xorl	%edi, %edi
	call	hypercall_page + HYPERVISOR_fpu_taskswitch * 32
	movq	%rbx, %rdi
	xorl	%ebp, %ebp			/* outermost frame for backtraces */
	call	xen_start
1:	ud2
	jmp	1b

/* Xen writes one 32-byte stub per hypercall here at domain build, after
 * loading the image (so it need not take space in the file: .bss);
 * memory.cpp maps it read-only and executable. */
.section .bss.hypercall_page, "aw", @nobits
.p2align 12
.globl hypercall_page
hypercall_page:
	.skip	4096

.section .bss.boot_stack, "aw", @nobits
/* Page-aligned: memory.cpp unmaps the lowest page as the guard of the
 * boot stack (the thread "main"). */
.p2align 12
.globl boot_stack_bottom
boot_stack_bottom:
	.skip	CONFIG_XEN_BOOT_STACK_SIZE * 1024
.globl boot_stack_top
boot_stack_top:

.section .note.GNU-stack, "", @progbits
