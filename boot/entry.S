/* SPDX-License-Identifier: MIT */
/*
 * boot/entry.S - from GRUB's 32-bit hand-off to kernel_main() in 64-bit mode.
 *
 * GRUB jumps to _start in 32-bit protected mode, paging off, EAX = the
 * multiboot2 magic and EBX = the boot information's physical address.
 * Long mode needs paging, so we build the first page tables here:
 *
 *   PML4[0]   -> pdpt_low   identity 0..4 GiB  (only until we run high)
 *   PML4[256] -> pdpt_low   direct map: PHYS_OFFSET + 0..4 GiB
 *   PML4[511] -> pdpt_high  [510] -> pd[0]: KERNEL_VMA + 0..1 GiB
 *   pdpt_low[0..3] -> pd[0..3], 512 entries each of 2 MiB pages
 *
 * then enable PAE, load CR3, set EFER.LME, turn paging on, load a 64-bit
 * GDT and far-jump into 64-bit code, and finally jump to the kernel's
 * linked (high) address.  Until then only .boot may be executed, and any
 * other symbol is reached by its physical address, symbol - KERNEL_VMA.
 *
 * Course text: docs/01-boot.md.
 */
#include <arch/memlayout.h>

#define PHYS(sym)	((sym) - KERNEL_VMA)

#define PTE_P		0x001	/* present */
#define PTE_W		0x002	/* writable */
#define PTE_PWT		0x008	/* write-through */
#define PTE_PCD		0x010	/* cache disabled */
#define PTE_PS		0x080	/* 2 MiB page (in a page directory) */

#define CR0_PG		(1 << 31)
#define CR0_WP		(1 << 16)
#define CR4_PAE		(1 << 5)
#define MSR_EFER	0xc0000080
#define EFER_LME	(1 << 8)
#define EFER_NXE	(1 << 11)

#define COM1		0x3f8

	.section .boot.text, "ax"
	.code32
	.globl _start
_start:
	cli
	cld
	movl	$PHYS(boot_stack_top), %esp
	movl	%eax, %edi		/* multiboot2 magic: 1st argument */
	movl	%ebx, %esi		/* boot information: 2nd argument */

	/* Does the CPU do long mode?  CPUID 0x80000001 EDX bit 29. */
	movl	$0x80000000, %eax
	cpuid
	cmpl	$0x80000001, %eax
	jb	no_long_mode
	movl	$0x80000001, %eax
	cpuid
	testl	$(1 << 29), %edx
	jz	no_long_mode

	/* Page directories: 2048 entries of 2 MiB, identity 0..4 GiB. */
	movl	$PHYS(boot_pd), %ebx
	xorl	%ecx, %ecx
1:	movl	%ecx, %eax
	shll	$21, %eax
	orl	$(PTE_P | PTE_W | PTE_PS), %eax
	cmpl	$1536, %ecx		/* 3..4 GiB: device memory, uncached */
	jb	2f
	orl	$(PTE_PCD | PTE_PWT), %eax
2:	movl	%eax, (%ebx, %ecx, 8)
	incl	%ecx
	cmpl	$2048, %ecx
	jb	1b

	/* pdpt_low[0..3] -> the four page directories. */
	movl	$PHYS(boot_pdpt_low), %ebx
	movl	$PHYS(boot_pd), %eax
	orl	$(PTE_P | PTE_W), %eax
	xorl	%ecx, %ecx
3:	movl	%eax, (%ebx, %ecx, 8)
	addl	$4096, %eax
	incl	%ecx
	cmpl	$4, %ecx
	jb	3b

	/* pdpt_high[510] -> the first page directory (KERNEL_VMA + 0..1 GiB). */
	movl	$PHYS(boot_pd), %eax
	orl	$(PTE_P | PTE_W), %eax
	movl	%eax, PHYS(boot_pdpt_high) + 510 * 8

	/* The PML4. */
	movl	$PHYS(boot_pdpt_low), %eax
	orl	$(PTE_P | PTE_W), %eax
	movl	%eax, PHYS(boot_pml4)
	movl	%eax, PHYS(boot_pml4) + 256 * 8
	movl	$PHYS(boot_pdpt_high), %eax
	orl	$(PTE_P | PTE_W), %eax
	movl	%eax, PHYS(boot_pml4) + 511 * 8

	/* PAE on, CR3, long mode (and no-execute) enabled, paging on. */
	movl	%cr4, %eax
	orl	$CR4_PAE, %eax
	movl	%eax, %cr4
	movl	$PHYS(boot_pml4), %eax
	movl	%eax, %cr3
	movl	$MSR_EFER, %ecx
	rdmsr
	orl	$(EFER_LME | EFER_NXE), %eax
	wrmsr
	movl	%cr0, %eax
	orl	$(CR0_PG | CR0_WP), %eax
	movl	%eax, %cr0

	/* Now in compatibility mode; a 64-bit code segment finishes the job. */
	lgdt	boot_gdt_ptr
	ljmp	$0x08, $long_mode_entry

	/* Tell the serial port why we stop, then stop. */
no_long_mode:
	movl	$no_long_mode_msg, %ebx
4:	movb	(%ebx), %al
	testb	%al, %al
	jz	6f
	movw	$(COM1 + 5), %dx	/* line status: wait for THR empty */
5:	inb	%dx, %al
	testb	$0x20, %al
	jz	5b
	movb	(%ebx), %al
	movw	$COM1, %dx
	outb	%al, %dx
	incl	%ebx
	jmp	4b
6:	cli
	hlt
	jmp	6b

	.code64
long_mode_entry:
	movw	$0x10, %ax
	movw	%ax, %ds
	movw	%ax, %es
	movw	%ax, %ss
	xorw	%ax, %ax
	movw	%ax, %fs
	movw	%ax, %gs
	movabsq	$high_entry, %rax
	jmpq	*%rax

	.section .boot.data, "aw"
	.balign 8
boot_gdt:
	.quad	0			/* null */
	.quad	0x00af9a000000ffff	/* 0x08: 64-bit code, ring 0 */
	.quad	0x00cf92000000ffff	/* 0x10: data, ring 0 */
boot_gdt_end:
boot_gdt_ptr:
	.word	boot_gdt_end - boot_gdt - 1
	.long	boot_gdt
no_long_mode_msg:
	.asciz	"hotmem: this CPU has no 64-bit long mode; stopping.\r\n"

	.text
	.code64
high_entry:
	movabsq	$boot_stack_top, %rsp	/* the stack, by its high address */
	xorl	%ebp, %ebp		/* the stack trace ends here */
	movl	%edi, %edi		/* zero-extend: upper halves are undefined */
	movl	%esi, %esi
	call	kernel_main
7:	cli
	hlt
	jmp	7b

	.bss
	.balign 4096
	.globl boot_pml4
boot_pml4:	.skip 4096
boot_pdpt_low:	.skip 4096
boot_pdpt_high:	.skip 4096
boot_pd:	.skip 4096 * 4
	.globl boot_stack, boot_stack_top
	.balign 16
boot_stack:	.skip 16384
boot_stack_top:
