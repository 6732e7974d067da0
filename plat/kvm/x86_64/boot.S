/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Entry into the image on KVM x86_64. Loaders start us in 32-bit protected
 * mode with flat segments and paging off:
 *   multiboot v1 (QEMU -kernel, GRUB): eax = 0x2BADB002, ebx = info
 *   PVH (XEN_ELFNOTE_PHYS32_ENTRY: QEMU without the multiboot header,
 *        Firecracker, minimal monitors): ebx = struct hvm_start_info
 * Both paths build identity page tables for the first 4 GiB (2 MiB
 * pages), switch to long mode, enable SSE and call
 * kvm_start(loader_magic, info) on the boot stack.
 */
#include <uk/config.h>

#define MB_MAGIC 0x1BADB002
/* page-align modules, memory map, a.out kludge (QEMU needs it for ELF64) */
#define MB_FLAGS ((1 << 0) | (1 << 1) | (1 << 16))
#define PVH_MAGIC 0x336ec578
#define XEN_ELFNOTE_PHYS32_ENTRY 18

#define CR0_PE (1 << 0)
#define CR0_MP (1 << 1)
#define CR0_EM (1 << 2)
#define CR0_WP (1 << 16)
#define CR0_PG (1 << 31)
#define CR4_PAE (1 << 5)
#define CR4_OSFXSR (1 << 9)
#define CR4_OSXMMEXCPT (1 << 10)
#define MSR_EFER 0xC0000080
#define EFER_LME (1 << 8)
#define EFER_NXE (1 << 11)
#define PTE_P 0x1
#define PTE_RW 0x2
#define PTE_PS 0x80

#if CONFIG_KVM_MULTIBOOT
.section .multiboot_header, "a"
.align 4
multiboot_header:
	.long	MB_MAGIC
	.long	MB_FLAGS
	.long	-(MB_MAGIC + MB_FLAGS)
	.long	multiboot_header	/* header_addr */
	.long	__kvm_load_start	/* load_addr: the file is loaded */
	.long	_edata			/* ... up to here, */
	.long	_end			/* bss zeroed up to here */
	.long	multiboot_entry
#endif

.section .note.pvh, "a"
.align 4
	.long	4			/* name size: "Xen\0" */
	.long	4			/* descriptor size */
	.long	XEN_ELFNOTE_PHYS32_ENTRY
	.asciz	"Xen"
	.long	pvh_entry

.section .text.boot, "ax"
.code32
.globl multiboot_entry
multiboot_entry:
	cli
	movl	%eax, %edi		/* 0x2BADB002 */
	movl	%ebx, %esi
	jmp	common32

.globl pvh_entry
pvh_entry:
	cli
	movl	$PVH_MAGIC, %edi	/* tells kvm_start which protocol */
	movl	%ebx, %esi
	jmp	common32

common32:
	movl	$boot_stack_top, %esp

	/* PML4[0] -> PDPT; PDPT[0..3] -> four PDs; 2048 x 2 MiB pages. */
	movl	$boot_pdpt, %eax
	orl	$(PTE_P | PTE_RW), %eax
	movl	%eax, boot_pml4
	xorl	%ecx, %ecx
1:	movl	%ecx, %eax
	shll	$12, %eax
	addl	$boot_pd, %eax
	orl	$(PTE_P | PTE_RW), %eax
	movl	%eax, boot_pdpt(, %ecx, 8)
	incl	%ecx
	cmpl	$4, %ecx
	jne	1b
	xorl	%ecx, %ecx
2:	movl	%ecx, %eax
	shll	$21, %eax
	orl	$(PTE_P | PTE_RW | PTE_PS), %eax
	movl	%eax, boot_pd(, %ecx, 8)
	incl	%ecx
	cmpl	$2048, %ecx
	jne	2b

	movl	%cr4, %eax
	orl	$(CR4_PAE | CR4_OSFXSR | CR4_OSXMMEXCPT), %eax
	movl	%eax, %cr4
	movl	$boot_pml4, %eax
	movl	%eax, %cr3

	/* Long mode; no-execute pages only where the CPU has them. */
	movl	$0x80000001, %eax
	cpuid
	movl	$EFER_LME, %ebx
	testl	$(1 << 20), %edx
	jz	3f
	orl	$EFER_NXE, %ebx
3:	movl	$MSR_EFER, %ecx
	rdmsr
	orl	%ebx, %eax
	wrmsr

	movl	%cr0, %eax
	andl	$~CR0_EM, %eax		/* SSE: no FPU emulation, */
	orl	$(CR0_PE | CR0_MP | CR0_WP | CR0_PG), %eax /* read-only pages hold in ring 0 */
	movl	%eax, %cr0

	lgdt	boot_gdt_ptr
	ljmp	$0x08, $long_entry

.code64
long_entry:
	movl	$0x10, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	xorl	%eax, %eax
	movl	%eax, %fs
	movl	%eax, %gs
	movq	$boot_stack_top, %rsp
	xorl	%ebp, %ebp		/* outermost frame for backtraces */
	movl	%edi, %edi		/* zero-extend both arguments */
	movl	%esi, %esi
	call	kvm_start
4:	cli
	hlt
	jmp	4b

.section .rodata.boot_gdt, "a"
.align 16
.globl boot_gdt
boot_gdt:
	.quad	0
	.quad	0x00AF9B000000FFFF	/* 0x08: 64-bit code, ring 0 (accessed: the GDT is read-only) */
	.quad	0x00CF93000000FFFF	/* 0x10: data, ring 0 (accessed) */
boot_gdt_end:
boot_gdt_ptr:
	.word	boot_gdt_end - boot_gdt - 1
	.quad	boot_gdt

.section .bss.boot_tables, "aw", @nobits
.align 4096
boot_pml4:	.skip 4096
boot_pdpt:	.skip 4096
boot_pd:	.skip 4 * 4096
/* Page-aligned: paging.cpp unmaps the lowest page as the guard of the
 * boot stack (the thread "main"). */
.align 4096
.globl boot_stack_bottom
boot_stack_bottom:
	.skip	CONFIG_KVM_BOOT_STACK_SIZE * 1024
.globl boot_stack_top
boot_stack_top:

.section .note.GNU-stack, "", @progbits
