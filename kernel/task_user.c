/* SPDX-License-Identifier: MIT */
/*
 * kernel/task_user.c - user tasks: creating one, the way back to user
 * mode (where user mode is preempted and killed tasks die), exit, pins,
 * and lending a task's address space to a kernel reader.
 *
 * The idea: a user task is an ordinary task (kernel/task.c) whose
 * function leaves for user mode and never comes back on its own.  From
 * then on it enters the kernel only through traps, on its own kernel
 * stack, and every trap leaves through task_user_return().  That exit
 * is the one place where the kernel may take the CPU from a task that
 * did not ask to give it up: its user registers are all saved in the
 * trap frame, and it holds no kernel lock, no page, no half-done work.
 * Kernel code itself is never preempted (docs/11-user-tasks.md says why).
 *
 * Dying works the same way: task_kill() only sets a flag; the task ends
 * itself on its way out to user mode, in task_user_exit(): drop its
 * pins, switch the loaded tables away from its address space, destroy
 * it, and task_exit().
 *
 * Lock rule: the fields of struct task used here change in task context
 * only, and nothing between reading and writing them sleeps, except
 * where a wait_event() says otherwise.
 *
 * Course text: docs/11-user-tasks.md.
 * Tests: tests/qemu/test_user.py
 */
#include <arch/context.h>
#include <arch/cpu.h>
#include <arch/uvm.h>
#include "kernel/kernel.h"
#include "kernel/lib.h"
#include "kernel/task.h"
#include "mm/vm.h"

/* A page the task pinned with the pin system call (task->pins). */
struct user_pin {
	vaddr_t va;			/* page-aligned: the address it pinned */
	struct page *page;		/* what vm_pin_page() returned */
	struct user_pin *next;
};

/* Where a new user task enters user mode (task_create_user() to user_task_start()). */
struct user_start {
	vaddr_t entry;			/* the program's first instruction */
	vaddr_t sp;			/* its stack pointer: argc, then argv */
};

/* Woken when a user task's exit moves on: its readers left, or it died. */
static struct wait_queue user_exit_wq = WAIT_QUEUE_INIT(user_exit_wq);

/* The first thing a user task runs: schedule() has loaded its tables. */
static void
user_task_start(void *arg)
{
	struct user_start start = *(struct user_start *)arg;
	struct task *cur = task_current();

	kfree(arg);
	if (cur->killed)		/* stopped before it ever ran */
		task_user_exit(-1);
	arch_enter_user(start.entry, start.sp, (u8 *)cur->stack + TASK_STACK_SIZE);
}

struct task *
task_create_user(const char *name, struct mm_struct *mm, vaddr_t entry, vaddr_t sp)
{
	struct user_start *start = kmalloc(sizeof(*start), GFP_KERNEL);
	struct task *t;

	if (!start)
		return NULL;
	start->entry = entry;
	start->sp = sp;
	t = task_create(name, user_task_start, start);
	if (!t) {
		kfree(start);
		return NULL;
	}
	/* task_create() does not switch: T has not run, and will not before this is set. */
	t->mm = mm;
	mm->owner_pid = t->pid;
	snprintf(mm->owner_name, sizeof(mm->owner_name), "%s", name);
	return t;
}

/*
 * On every way out to user mode, interrupts off: a task marked killed
 * ends here; a task whose slice is over (the timer tick set
 * need_resched) lets the next one run and comes back here when picked
 * again, to check both once more.
 */
void
task_user_return(void)
{
	struct task *cur = task_current();

	assert(!arch_irqs_enabled());
	for (;;) {
		if (cur->killed)
			task_user_exit(-1);
		if (!task_need_resched())
			return;
		schedule();
	}
}

void
task_kill(struct task *t)
{
	t->killed = true;
	task_wake(t);		/* a sleep system call ends early */
}

static void
drop_pins(struct task *t)
{
	while (t->pins) {
		struct user_pin *p = t->pins;

		t->pins = p->next;
		vm_unpin_page(t->mm, p->page);
		kfree(p);
	}
}

/*
 * The end of a user task, from the exit system call or a kill.  In order:
 *  1. marked killed, so that task_user_get() lends its mm to nobody new,
 *     and wait until the readers already holding it are done;
 *  2. its pins dropped (they die with it);
 *  3. task->mm cleared and, if its tables are loaded, the kernel's loaded
 *     instead: from here it is a kernel thread, and schedule() will never
 *     load those tables again;
 *  4. mm_destroy(): every page and table freed (it may sleep on pages
 *     under migration);
 *  5. task_exit(), after waking task_kill_wait()'s waiters (they run
 *     once this task has switched away for good).
 */
void
task_user_exit(int code)
{
	struct task *cur = task_current();
	struct mm_struct *mm = cur->mm;

	assert(mm);
	arch_irq_enable();
	if (code > 0)
		pr_info("task %s (pid %d) exited with code %d\n", cur->name, cur->pid, code);
	cur->killed = true;
	wait_event(&user_exit_wq, cur->mm_readers == 0);
	drop_pins(cur);
	cur->mm = NULL;
	if (arch_uvm_active() == mm->uvm)
		arch_uvm_activate(NULL);
	mm_destroy(mm);
	wake_up(&user_exit_wq);
	task_exit();
}

struct task *
task_user_get(int pid)
{
	struct task *t = task_find(pid);

	if (!t || !t->mm || t->killed)
		return NULL;
	t->mm_readers++;
	return t;
}

void
task_user_put(struct task *t)
{
	assert(t->mm_readers > 0);
	if (--t->mm_readers == 0)
		wake_up(&user_exit_wq);
}

/*
 * Kill user task PID and wait until it is gone.  A task in user mode
 * dies at its next interrupt; one asleep in a system call at once; one
 * waiting for a page under migration once the page is unlocked.
 */
int
task_kill_wait(int pid)
{
	struct task *t = task_find(pid);

	if (!t || !t->mm)
		return -ESRCH;
	task_kill(t);
	wait_event(&user_exit_wq, !task_find(pid));
	return 0;
}

int
task_user_pin(vaddr_t va)
{
	struct task *cur = task_current();
	struct user_pin *p = kmalloc(sizeof(*p), GFP_KERNEL);
	int err;

	if (!p)
		return -ENOMEM;
	err = vm_pin_page(cur->mm, va, &p->page);
	if (err) {
		kfree(p);
		return err;
	}
	p->va = ALIGN_DOWN(va, PAGE_SIZE);
	p->next = cur->pins;
	cur->pins = p;
	return 0;
}

int
task_user_unpin(vaddr_t va)
{
	struct task *cur = task_current();

	for (struct user_pin **pp = &cur->pins; *pp; pp = &(*pp)->next) {
		struct user_pin *p = *pp;

		if (p->va != ALIGN_DOWN(va, PAGE_SIZE))
			continue;
		*pp = p->next;
		vm_unpin_page(cur->mm, p->page);
		kfree(p);
		return 0;
	}
	return -EINVAL;
}
