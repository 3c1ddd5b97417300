/* SPDX-License-Identifier: MIT */
/*
 * arch/x86_64/gdt.c - the global descriptor table and the task state
 * segment.
 *
 * In long mode segments are almost gone: the GDT still says which code
 * segment is 64-bit and which ring it runs in, and the TSS still holds the
 * stacks the CPU switches to.  We use the TSS for two things.  An
 * interrupt, exception or system call from user mode switches to the
 * stack in rsp[0], which the scheduler sets to the top of the next
 * task's kernel stack at every switch (arch_set_kernel_stack()): each
 * task enters the kernel on its own stack.  And a double fault runs on
 * its own stack (IST1), so a fault that cannot push its frame on the
 * current stack still produces a report instead of a silent reset.  (Stacks have no guard pages: the kernel image and the direct
 * map use 2 MiB pages.  Each task stack, the boot stack included, has a
 * canary at its bottom instead, checked at every switch: kernel/task.c.)
 *
 * Course text: docs/01-boot.md, docs/11-user-tasks.md (rings, rsp0).
 */
#include <arch/context.h>
#include "arch/x86_64/x86.h"
#include "kernel/lib.h"

struct tss {
	u32 reserved0;
	u64 rsp[3];		/* stacks for entering rings 0..2 from user mode;
				 * rsp[0]: the current task's kernel stack top */
	u64 reserved1;
	u64 ist[7];		/* interrupt stack table: IST1..IST7 */
	u64 reserved2;
	u16 reserved3;
	u16 iomap_base;		/* beyond the limit: no I/O permission map */
} __packed;
_Static_assert(sizeof(struct tss) == 104, "the TSS is 104 bytes");

/*
 * Descriptor layout (Intel SDM vol. 3, 3.4.5): for code and data only the
 * access byte (bits 40..47) and the L/D flags (bits 53/54) matter in long
 * mode.  0x9a = present, ring 0, code, readable; 0x92 = present, data,
 * writable; DPL 3 adds 0x60.  L (bit 53) marks 64-bit code.
 */
static u64 gdt[7] = {
	[0] = 0,
	[KERNEL_CS >> 3] = 0x00af9a000000ffff,
	[KERNEL_DS >> 3] = 0x00cf92000000ffff,
	[USER_DS >> 3]   = 0x00cff2000000ffff,
	[USER_CS >> 3]   = 0x00affa000000ffff,
	/* [5], [6]: the 16-byte TSS descriptor, filled in by gdt_init() */
};

static struct tss tss;
static u8 double_fault_stack[8192] __attribute__((aligned(16)));

void
gdt_init(void)
{
	u64 base = (u64)&tss;
	u64 limit = sizeof(tss) - 1;
	struct {
		u16 limit;
		u64 base;
	} __packed gdtr = { sizeof(gdt) - 1, (u64)gdt };

	tss.ist[0] = (u64)(double_fault_stack + sizeof(double_fault_stack));
	tss.iomap_base = sizeof(tss);

	/* Type 0x89: present, available 64-bit TSS. */
	gdt[TSS_SEL >> 3] = (limit & 0xffff) | ((base & 0xffffff) << 16) |
			    (0x89ULL << 40) | (((limit >> 16) & 0xf) << 48) |
			    (((base >> 24) & 0xff) << 56);
	gdt[(TSS_SEL >> 3) + 1] = base >> 32;

	/* Load the table, reload CS with a far return, then the rest. */
	__asm__ volatile(
		"lgdt %0\n\t"
		"pushq %1\n\t"
		"leaq 1f(%%rip), %%rax\n\t"
		"pushq %%rax\n\t"
		"lretq\n"
		"1:\n\t"
		"movw %w2, %%ax\n\t"
		"movw %%ax, %%ds\n\t"
		"movw %%ax, %%es\n\t"
		"movw %%ax, %%ss\n\t"
		"ltr %w3"
		:: "m"(gdtr), "i"(KERNEL_CS), "i"(KERNEL_DS), "r"((u16)TSS_SEL)
		: "rax", "memory");
}

void
arch_set_kernel_stack(void *top)
{
	tss.rsp[0] = (u64)top;
}
