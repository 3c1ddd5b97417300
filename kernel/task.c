/* SPDX-License-Identifier: MIT */
/*
 * kernel/task.c - kernel tasks and the scheduler: creating a task,
 * handing the CPU from one task to the next, sleeping for a while, and
 * the end of a task.
 *
 * The idea: the CPU runs one task at a time; every other task is just a
 * saved stack pointer (task->arch_sp) waiting on a list.  schedule() is
 * the only place where the CPU changes hands: it files the current task
 * where its state says, takes the first task off the run queue and calls
 * arch_context_switch(), which returns only when some later schedule()
 * switches back.  Nothing forces a task off the CPU while it runs in the
 * kernel: it leaves when it sleeps, yields or exits (kernel/task.h).
 * User mode is preempted on its way back from an interrupt, which is
 * task_user.c's business; here the switch only loads what the next task
 * needs: its kernel stack for traps and, for a user task, its tables.
 *
 * Course text: docs/07-aml-and-acpi-events.md, docs/11-user-tasks.md.
 * Tests: tests/unit/kernel/test_task.c, tests/qemu/test_tasks.py
 */
#include <arch/context.h>
#include <arch/cpu.h>
#include "kernel/kernel.h"
#include "kernel/lib.h"
#include "kernel/task.h"
#include "mm/mm.h"
#include "mm/vm.h"

/*
 * The stack canary: a word at the lowest address of every task stack.
 * Stacks grow down, so a task that runs off the end of its stack writes
 * over the canary first; schedule() checks it on both sides of every
 * switch and panics, naming the task.  A guard page (an unmapped page
 * below the stack) would fault at the first bad write instead, but
 * stacks come from kmalloc() in the direct map, which uses 2 MiB pages:
 * there is no 4 KiB page to unmap.  The canary is found later, at the
 * next switch, and misses a frame that jumps right over it.
 */
#define STACK_CANARY	0x57ac4ca1a9757ac4ULL

/*
 * The scheduler's state.  Protected by disabling interrupts: the timer
 * tick and wake_up() in interrupt handlers move tasks between the lists.
 *
 * Invariants:
 *  1. every live task is on all_tasks, in creation (pid) order;
 *  2. the current task is on no other list (its run_link is unused);
 *  3. every other task is, through run_link, on exactly one of
 *     run_queue (TASK_RUNNING), sleep_list or a wait queue (TASK_SLEEPING);
 *  4. a TASK_DEAD task is on no list at all; it is dead_task until the
 *     task switched to next frees it.
 *
 * init_task is kernel_main(): it exists from the first instruction, so
 * task_current() is never NULL and schedule() works even before
 * task_init() (it then halts until an interrupt: see schedule()).
 */
static struct task init_task = { .pid = 0, .name = "init", .state = TASK_RUNNING };
static struct task *current = &init_task;	/* on the CPU; never NULL */
static struct list_head run_queue = LIST_HEAD_INIT(run_queue);	/* first in, first out */
static struct list_head sleep_list = LIST_HEAD_INIT(sleep_list);	/* soonest wake_at_ns first */
static struct list_head all_tasks = LIST_HEAD_INIT(all_tasks);	/* for `ps` */
static int next_pid = 1;		/* pids are never reused */
static struct task *dead_task;		/* exited, stack not yet freed; or NULL */
static u64 *init_canary;		/* init's canary on the boot stack; NULL until task_init() */
static u64 slice_start_ns;		/* when the current task got the CPU */
static bool need_resched;		/* its slice is over and others wait */

static u64 *
task_canary(const struct task *t)
{
	return t == &init_task ? init_canary : t->stack;
}

static void
stack_check(const struct task *t)
{
	const u64 *canary = task_canary(t);

	if (canary && *canary != STACK_CANARY)
		panic("task: %s (pid %d): stack overflow: canary at %p is 0x%llx, not 0x%llx",
		      t->name, t->pid, (const void *)canary,
		      (unsigned long long)*canary, (unsigned long long)STACK_CANARY);
}

/*
 * Make the caller, kernel_main() on the boot stack, task 0 "init" and
 * start the list of tasks.  Host tests call it again between tests; by
 * then every task they created must have exited.
 */
void
task_init(void)
{
	assert(current == &init_task);
	init_task = (struct task){ .pid = 0, .name = "init", .state = TASK_RUNNING };
	list_init(&run_queue);
	list_init(&sleep_list);
	list_init(&all_tasks);
	list_add_tail(&init_task.all_link, &all_tasks);
	next_pid = 1;
	dead_task = NULL;
	init_canary = arch_boot_stack_bottom();
	if (init_canary)
		*init_canary = STACK_CANARY;
	pr_info("task: kernel_main() is pid 0, init; round-robin, user mode preempted every %d ms\n",
		TASK_SLICE_MS);
}

struct task *
task_current(void)
{
	return current;
}

/*
 * A new task: a struct task, a stack with the canary at its bottom and,
 * at its top, the frame arch_task_stack_init() builds so that the first
 * switch to the task enters task_entry(FN, ARG).  It goes to the back of
 * the run queue; the caller keeps the CPU until it sleeps or yields.
 */
struct task *
task_create(const char *name, void (*fn)(void *arg), void *arg)
{
	struct task *t = kzalloc(sizeof(*t), GFP_KERNEL);
	bool flags;

	if (!t)
		return NULL;
	t->stack = kmalloc(TASK_STACK_SIZE, GFP_KERNEL);
	if (!t->stack) {
		kfree(t);
		return NULL;
	}
	snprintf(t->name, sizeof(t->name), "%s", name);
	*(u64 *)t->stack = STACK_CANARY;
	t->arch_sp = arch_task_stack_init(t->stack, TASK_STACK_SIZE, fn, arg);
	t->state = TASK_RUNNING;

	flags = arch_irq_save();
	t->pid = next_pid++;
	list_add_tail(&t->all_link, &all_tasks);
	list_add_tail(&t->run_link, &run_queue);
	arch_irq_restore(flags);
	return t;
}

/*
 * A sleeping task, already taken off its wait queue or the sleep list,
 * becomes runnable: to the back of the run queue.  It runs at a later
 * schedule(); nothing switches here, so interrupt handlers may call it.
 */
void
task_wake_locked(struct task *t)
{
	assert(!arch_irqs_enabled());
	assert(t->state == TASK_SLEEPING);
	t->state = TASK_RUNNING;
	list_add_tail(&t->run_link, &run_queue);
}

/*
 * Wake T now, whatever it sleeps on (a wait queue or the sleep list).
 * For T this is a spurious wake-up: every sleeper on a wait queue tests
 * its condition again and goes back to sleep if it still holds
 * (kernel/wait.c), and task_sleep_ms() returns early.  task_kill() uses
 * it, so that a killed user task asleep in a system call dies now rather
 * than when its sleep ends.
 */
void
task_wake(struct task *t)
{
	bool flags = arch_irq_save();

	if (t->state == TASK_SLEEPING) {
		list_del(&t->run_link);
		task_wake_locked(t);
	}
	arch_irq_restore(flags);
}

/*
 * The second half of every switch, run by the task switched to (at the
 * end of schedule(), or first thing in task_entry()).  If the task we
 * came from had exited, nobody stands on its stack any more: free it now.
 * The dead task could not do it itself; it was running on that stack.
 */
static void
finish_switch(void)
{
	struct task *dead = dead_task;

	if (!dead)
		return;
	dead_task = NULL;
	kfree(dead->stack);
	kfree(dead);
}

/*
 * What the CPU needs to run NEXT besides its registers: the stack a trap
 * from user mode lands on (TSS.rsp0 on x86_64), and its page tables.  A
 * kernel thread (no mm) runs on whatever user tables are loaded: they
 * all map the kernel alike, and not switching saves a TLB flush (Linux
 * calls this lazy TLB).  The tables change only for a user task whose
 * address space is not the one loaded.
 */
static void
switch_mm(struct task *next)
{
	if (next->stack)
		arch_set_kernel_stack((u8 *)next->stack + TASK_STACK_SIZE);
	if (next->mm && next->mm->uvm != arch_uvm_active())
		arch_uvm_activate(next->mm->uvm);
}

/*
 * Give the CPU to the next runnable task; return when the caller is
 * picked again.  The caller has set its state first: TASK_RUNNING to
 * stay runnable (task_yield()), TASK_SLEEPING after putting itself on a
 * wait queue or the sleep list, TASK_DEAD from task_exit().
 */
void
schedule(void)
{
	bool flags = arch_irq_save();
	struct task *prev = current, *next;

	stack_check(prev);

	/* 1. A runnable caller queues up behind the others. */
	if (prev->state == TASK_RUNNING)
		list_add_tail(&prev->run_link, &run_queue);

	/*
	 * 2. Nobody can run: halt until an interrupt handler wakes a task
	 *    (the timer tick, a key pressed).  "sti; hlt" cannot miss that
	 *    interrupt (arch/cpu.h).  With init alone, this loop is the old
	 *    idle loop: halt until something happens.
	 */
	while (list_empty(&run_queue)) {
		arch_wait_for_interrupt();
		arch_irq_disable();
	}

	/* 3. The first in line gets the CPU. */
	next = list_first_entry(&run_queue, struct task, run_link);
	list_del(&next->run_link);
	if (next != prev) {
		stack_check(next);
		next->switches++;
		current = next;
		need_resched = false;
		slice_start_ns = ktime_ns();
		switch_mm(next);
		/*
		 * 4. The switch.  prev's registers and stack pointer are
		 *    saved, next's are loaded, and the call "returns" into
		 *    next, in its own schedule() (or, the first time, in
		 *    task_entry()).  For prev, the call returns only when a
		 *    later schedule() picks prev again.
		 */
		arch_context_switch(&prev->arch_sp, next->arch_sp);
		finish_switch();
	}
	arch_irq_restore(flags);
}

void
task_yield(void)
{
	schedule();		/* state stays TASK_RUNNING: to the back of the queue */
}

bool
task_need_resched(void)
{
	return need_resched;
}

void
cond_resched(void)
{
	if (need_resched)
		schedule();
}

/*
 * Where every task starts, called by the arch trampoline on the task's
 * fresh stack the first time schedule() switches to it.  Interrupts are
 * still disabled from that schedule(); the task runs with them on.
 */
void
task_entry(void (*fn)(void *arg), void *arg)
{
	finish_switch();
	arch_irq_enable();
	fn(arg);
	task_exit();
}

/*
 * The end of a task: off every list, marked dead, and the CPU given
 * away for good.  Its stack and struct task are freed by the task that
 * runs next (finish_switch()), once nobody runs on that stack.
 */
void
task_exit(void)
{
	struct task *cur = current;

	if (cur == &init_task)
		panic("task: init (pid 0) cannot exit; kernel_main() never returns");
	arch_irq_disable();
	assert(!dead_task);	/* the previous one was freed when we ran */
	cur->state = TASK_DEAD;
	list_del(&cur->all_link);
	dead_task = cur;
	schedule();
	panic("task: %s (pid %d) ran after it exited", cur->name, cur->pid);
}

/*
 * Sleep at least MS milliseconds: onto sleep_list, which is kept sorted
 * by wake-up time so that the timer tick only looks at its head.  The
 * tick comes every millisecond (arch/x86_64/lapic.c), so the sleep lasts
 * up to one tick longer than asked.
 */
void
task_sleep_ms(u64 ms)
{
	struct task *cur = current;
	u64 now = ktime_ns();
	u64 max_ms = (~0ULL - now) / 1000000;	/* any later and the clock wraps */
	struct list_head *pos;
	bool flags;

	flags = arch_irq_save();
	cur->wake_at_ns = now + MIN(ms, max_ms) * 1000000;
	list_for_each(pos, &sleep_list)
		if (list_entry(pos, struct task, run_link)->wake_at_ns > cur->wake_at_ns)
			break;
	list_add_tail(&cur->run_link, pos);	/* before the first one that wakes later */
	cur->state = TASK_SLEEPING;
	schedule();
	cur->wake_at_ns = 0;
	arch_irq_restore(flags);
}

/*
 * The timer tick (interrupt context): wake every task whose sleep has
 * ended, soonest first, and mark need_resched when the current task's
 * slice is over while others wait.  No switch happens here: the switch
 * comes on the way back to user mode, or at the kernel's next
 * cond_resched() or sleep.
 */
void
task_timer_tick(u64 now_ns)
{
	bool flags = arch_irq_save();

	while (!list_empty(&sleep_list)) {
		struct task *t = list_first_entry(&sleep_list, struct task, run_link);

		if (t->wake_at_ns > now_ns)
			break;
		list_del(&t->run_link);
		task_wake_locked(t);
	}
	if (!list_empty(&run_queue) &&
	    now_ns - slice_start_ns >= (u64)TASK_SLICE_MS * 1000000)
		need_resched = true;
	arch_irq_restore(flags);
}

/*
 * `ps`: copy up to MAX tasks into OUT, in pid order; return how many
 * tasks there are (more than MAX when some did not fit).  A copy, so
 * that `ps` prints with interrupts on while the list may change; the
 * links in the copies mean nothing.
 */
int
task_snapshot(struct task *out, int max)
{
	struct list_head *pos;
	bool flags = arch_irq_save();
	int n = 0;

	list_for_each(pos, &all_tasks) {
		if (n < max)
			out[n] = *list_entry(pos, struct task, all_link);
		n++;
	}
	arch_irq_restore(flags);
	return n;
}

struct task *
task_find(int pid)
{
	struct list_head *pos;
	struct task *found = NULL;
	bool flags = arch_irq_save();

	list_for_each(pos, &all_tasks) {
		struct task *t = list_entry(pos, struct task, all_link);

		if (t->pid == pid) {
			found = t;
			break;
		}
	}
	arch_irq_restore(flags);
	return found;
}
