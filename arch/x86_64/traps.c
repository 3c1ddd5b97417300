/* SPDX-License-Identifier: MIT */
/*
 * arch/x86_64/traps.c - the report a CPU exception prints before the
 * kernel stops.
 *
 * Every exception in the kernel is a kernel bug (one in user mode is the
 * task's: user.c reports it and kills the task), so the report says
 * everything needed to find it: the vector and its name, the error code
 * decoded, RIP, CR2 for a page fault, all registers, and the chain of
 * return addresses found by following the saved frame pointers (the
 * kernel is built with -fno-omit-frame-pointer).
 * Look the addresses up in build/hotmem.sym or build/hotmem.asm.
 *
 * Course text: docs/01-boot.md.
 */
#include <arch/memlayout.h>
#include <arch/mmu.h>
#include "arch/x86_64/x86.h"
#include "kernel/kernel.h"
#include "kernel/ksyms.h"
#include "kernel/lib.h"
#include "kernel/task.h"

static const char *const exception_names[32] = {
	[0]  = "#DE Divide Error",
	[1]  = "#DB Debug",
	[2]  = "NMI Non-Maskable Interrupt",
	[3]  = "#BP Breakpoint",
	[4]  = "#OF Overflow",
	[5]  = "#BR Bound Range Exceeded",
	[6]  = "#UD Invalid Opcode",
	[7]  = "#NM Device Not Available",
	[8]  = "#DF Double Fault",
	[9]  = "Coprocessor Segment Overrun",
	[10] = "#TS Invalid TSS",
	[11] = "#NP Segment Not Present",
	[12] = "#SS Stack-Segment Fault",
	[13] = "#GP General Protection",
	[14] = "#PF Page Fault",
	[16] = "#MF x87 Floating-Point Error",
	[17] = "#AC Alignment Check",
	[18] = "#MC Machine Check",
	[19] = "#XM SIMD Floating-Point",
	[20] = "#VE Virtualization",
	[21] = "#CP Control Protection",
	[28] = "#HV Hypervisor Injection",
	[29] = "#VC VMM Communication",
	[30] = "#SX Security",
};

/*
 * A frame pointer may be followed only while it points into memory that
 * holds stacks and is mapped: the kernel image (the boot stack) or the
 * direct map.
 */
static bool
frame_pointer_ok(u64 rbp)
{
	if (rbp & 7)
		return false;
	if (rbp >= (u64)__text_start && rbp + 16 <= (u64)__kernel_end)
		return true;
	return rbp >= PHYS_OFFSET && rbp < KERNEL_VMA && arch_va_mapped(rbp) &&
	       arch_va_mapped(rbp + 15);
}

static void
print_code_address(u64 addr)
{
	u64 off;
	const char *name = ksym_lookup(addr, &off);

	if (name)
		printf("  0x%016llx %s+0x%llx\n", (unsigned long long)addr,
		       name, (unsigned long long)off);
	else
		printf("  0x%016llx\n", (unsigned long long)addr);
}

/* Print RIP, then up to MAX return addresses found from frame pointer RBP. */
void
stack_trace(u64 rip, u64 rbp, int max)
{
	printf("Stack trace:\n");
	print_code_address(rip);
	for (int i = 0; i < max && rbp && frame_pointer_ok(rbp); i++) {
		u64 *frame = (u64 *)rbp;

		if (frame[1] == 0)
			break;
		print_code_address(frame[1]);
		if (frame[0] <= rbp)	/* stacks grow down: callers are above */
			break;
		rbp = frame[0];
	}
}

const char *
exception_name(u64 vector)
{
	return vector < 32 && exception_names[vector] ? exception_names[vector] : "Reserved";
}

void
decode_page_fault(u64 err, char *buf, size_t size)
{
	snprintf(buf, size, "%s %s %s%s%s",
		 err & 1 ? "protection-violation" : "not-present",
		 err & 2 ? "write" : "read",
		 err & 4 ? "user" : "kernel",
		 err & 8 ? " reserved-bit" : "",
		 err & 16 ? " instruction-fetch" : "");
}

/* Three registers to a line, each as NAME: 0x%016llx. */
static void
print_reg_line(void (*out)(const char *line), const char *n1, u64 v1,
	       const char *n2, u64 v2, const char *n3, u64 v3)
{
	char line[96];

	snprintf(line, sizeof(line), "%-4s 0x%016llx  %-4s 0x%016llx  %-4s 0x%016llx",
		 n1, (unsigned long long)v1, n2, (unsigned long long)v2,
		 n3, (unsigned long long)v3);
	out(line);
}

void
trap_print_registers(const struct trap_frame *tf, void (*out)(const char *line))
{
	char line[96];

	snprintf(line, sizeof(line), "RIP: 0x%016llx  CS: 0x%04llx  RFLAGS: 0x%016llx",
		 (unsigned long long)tf->rip, (unsigned long long)tf->cs,
		 (unsigned long long)tf->rflags);
	out(line);
	snprintf(line, sizeof(line), "RSP: 0x%016llx  SS: 0x%04llx",
		 (unsigned long long)tf->rsp, (unsigned long long)tf->ss);
	out(line);
	print_reg_line(out, "RAX:", tf->rax, "RBX:", tf->rbx, "RCX:", tf->rcx);
	print_reg_line(out, "RDX:", tf->rdx, "RSI:", tf->rsi, "RDI:", tf->rdi);
	print_reg_line(out, "RBP:", tf->rbp, "R8:", tf->r8, "R9:", tf->r9);
	print_reg_line(out, "R10:", tf->r10, "R11:", tf->r11, "R12:", tf->r12);
	print_reg_line(out, "R13:", tf->r13, "R14:", tf->r14, "R15:", tf->r15);
}

static void
console_line(const char *line)
{
	printf("%s\n", line);
}

void
exception_report(const struct trap_frame *tf)
{
	static bool reporting;
	char detail[80] = "";

	/* A fault while reporting a fault: say nothing more, just stop. */
	if (reporting)
		machine_stop(EXIT_PANIC);
	reporting = true;

	if (tf->vector == 14)
		decode_page_fault(tf->error_code, detail, sizeof(detail));
	printf("\n");
	printk(KERN_EMERG "cpu: exception in the kernel; report follows\n");
	printf("EXCEPTION: vector %llu (%s), error code 0x%llx%s%s%s\n",
	       (unsigned long long)tf->vector, exception_name(tf->vector),
	       (unsigned long long)tf->error_code,
	       detail[0] ? " (" : "", detail, detail[0] ? ")" : "");
	printf("TASK: %s (pid %d)\n", task_current()->name, task_current()->pid);
	if (tf->vector == 14)
		printf("CR2: 0x%016llx (the address that faulted)\n",
		       (unsigned long long)read_cr2());
	trap_print_registers(tf, console_line);
	printf("CR0: 0x%016llx  CR3: 0x%016llx  CR4: 0x%016llx\n",
	       (unsigned long long)read_cr0(), (unsigned long long)read_cr3(),
	       (unsigned long long)read_cr4());
	stack_trace(tf->rip, tf->rbp, 16);
	printf("Kernel halted.\n");
	machine_stop(EXIT_PANIC);
}

/* The stack trace of whoever calls this (panic() does). */
__attribute__((noinline)) void
arch_dump_stack(void)
{
	u64 *fp = __builtin_frame_address(0);	/* fp[0]: caller's rbp, fp[1]: return */

	stack_trace(fp[1], fp[0], 16);
}
