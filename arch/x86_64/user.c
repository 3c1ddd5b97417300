/* SPDX-License-Identifier: MIT */
/*
 * arch/x86_64/user.c - traps from user mode: the system call gate,
 * exceptions a task raises in ring 3, and the way back to ring 3.
 *
 * The idea: a trap from ring 3 is the task's business, not the kernel's.
 * A system call runs in the task's name and returns its result in rax.
 * A page fault is first a question for mm/ (handle_mm_fault(): a
 * demand-zero page, a wait for a page under migration); only when mm/
 * says no, and for every other exception (#GP, #UD, #DE ...), is it a bad
 * access: the task is reported and killed, and the kernel carries on.
 * Exceptions in ring 0 stay kernel bugs (traps.c stops the machine), and
 * so do NMI, #DF and #MC wherever they come from.
 *
 * Whatever the trap, the way out to ring 3 passes trap_return_to_user()
 * (called by trap_entry.S), which lets kernel/task_user.c preempt or end
 * the task there, with its user registers safe in the trap frame.
 *
 * Course text: docs/11-user-tasks.md.
 * Tests: tests/qemu/test_user.py
 */
#include <arch/cpu.h>
#include <arch/uvm.h>
#include "arch/x86_64/x86.h"
#include "kernel/kernel.h"
#include "kernel/lib.h"
#include "kernel/exec.h"
#include "kernel/task.h"
#include "mm/vm.h"

/* Page-fault error code bits (Intel SDM vol. 3, 4.7). */
#define PF_PROT		0x01	/* 0: not present; 1: a protection violation */
#define PF_WRITE	0x02
#define PF_USER		0x04
#define PF_RSVD		0x08	/* a reserved bit set in an entry: our bug */
#define PF_INSTR	0x10	/* an instruction fetch */

#define VECTOR_NMI	2
#define VECTOR_DF	8
#define VECTOR_PF	14
#define VECTOR_MC	18

static void
report_line(const char *line)
{
	pr_err("  %s\n", line);
}

/*
 * The bad-access report, then the kill: the first line names the task,
 * the exception and where it happened; DETAIL (may be NULL) says more;
 * the registers follow.  The task dies on its way back to user mode.
 */
static void
user_kill(struct trap_frame *tf, const char *detail)
{
	struct task *cur = task_current();

	pr_err("task %s (pid %d) killed: %s at RIP 0x%016llx\n", cur->name, cur->pid,
	       exception_name(tf->vector), (unsigned long long)tf->rip);
	if (detail)
		report_line(detail);
	trap_print_registers(tf, report_line);
	task_kill(cur);
}

/* Why mm/ refused a fault, in words. */
static const char *
fault_reason(int err, u64 error_code, vaddr_t va)
{
	struct vm_area *a;

	if (error_code & PF_RSVD)
		return "reserved bit set in its page-table entry (a kernel bug)";
	if (err == -ENOMEM)
		return "no memory for the page";
	if (va >= USER_VA_END)
		return "a kernel address";
	a = vm_find_area(task_current()->mm, va);
	if (!a)
		return "no area maps it";
	if ((error_code & PF_WRITE) && !(a->prot & UPROT_WRITE))
		return "its area is not writable";
	if ((error_code & PF_INSTR) && !(a->prot & UPROT_EXEC))
		return "its area is not executable";
	return "refused by the area's rights";
}

/*
 * A page fault in ring 3: CR2 is the address, the error code says which
 * access.  handle_mm_fault() may allocate (zeroing a 2 MiB page) or sleep
 * on a page under migration, so it runs with interrupts on; the user
 * mode interrupted had them on anyway.
 */
static void
user_page_fault(struct trap_frame *tf)
{
	vaddr_t va = read_cr2();
	u64 ec = tf->error_code;
	unsigned int access = ec & PF_WRITE ? UPROT_WRITE : ec & PF_INSTR ? UPROT_EXEC : UPROT_READ;
	char how[64], detail[160];
	int err = -EFAULT;

	if (!(ec & PF_RSVD)) {
		arch_irq_enable();
		err = handle_mm_fault(task_current()->mm, va, access);
		arch_irq_disable();
		if (!err)
			return;		/* mapped now: iretq retries the access */
	}
	decode_page_fault(ec, how, sizeof(how));
	snprintf(detail, sizeof(detail), "CR2 0x%016llx (%s): %s",
		 (unsigned long long)va, how, fault_reason(err, ec, va));
	user_kill(tf, detail);
}

/* int $0x80: rax = number, rdi, rsi, rdx = arguments; the result in rax. */
static void
user_syscall(struct trap_frame *tf)
{
	arch_irq_enable();
	tf->rax = syscall_dispatch(tf->rax, tf->rdi, tf->rsi, tf->rdx);
	arch_irq_disable();
}

bool
user_trap(struct trap_frame *tf)
{
	char detail[48];

	switch (tf->vector) {
	case VECTOR_SYSCALL:
		user_syscall(tf);
		return true;
	case VECTOR_PF:
		user_page_fault(tf);
		return true;
	case VECTOR_NMI:
	case VECTOR_DF:
	case VECTOR_MC:
		return false;	/* the machine's trouble, not the task's */
	}
	if (tf->vector >= 32)
		return false;	/* a device interrupt: idt.c dispatches it */
	snprintf(detail, sizeof(detail), "error code 0x%llx",
		 (unsigned long long)tf->error_code);
	user_kill(tf, tf->error_code ? detail : NULL);
	return true;
}

void
trap_return_to_user(struct trap_frame *tf)
{
	(void)tf;	/* the user registers stay in it, saved, while others run */
	task_user_return();
}
