/* SPDX-License-Identifier: MIT */
/*
 * kernel/wait.c - waiting for something: wait queues, and the two tools
 * built on them, sleeping mutexes and completions.
 *
 * The idea: a task that cannot go on puts itself on a wait queue, marks
 * itself TASK_SLEEPING and calls schedule(); whoever makes its condition
 * true calls wake_up(), which moves the sleepers back to the run queue.
 * The sleeper tests its condition again when it runs: a wake-up says
 * "look again", not "it is true" (another task may have got there first).
 *
 * The lost wake-up, and why interrupts are off: if the condition were
 * tested with interrupts on, an interrupt could make it true and call
 * wake_up() after the test but before the sleeper is on the queue; the
 * wake-up would find nobody and the sleeper would sleep for ever.
 * wait_event() therefore tests and sleeps with interrupts disabled, and
 * schedule() turns them on only once the sleeper is on the queue.
 *
 * Course text: docs/07-aml-and-acpi-events.md.
 * Tests: tests/unit/kernel/test_task.c, tests/qemu/test_tasks.py
 */
#include <arch/cpu.h>
#include "kernel/kernel.h"
#include "kernel/task.h"

void
wait_queue_init(struct wait_queue *wq)
{
	list_init(&wq->sleepers);
}

/* The first sleeper of WQ made runnable; NULL when nobody sleeps there. */
static struct task *
wake_up_first_locked(struct wait_queue *wq)
{
	struct task *t;

	assert(!arch_irqs_enabled());
	if (list_empty(&wq->sleepers))
		return NULL;
	t = list_first_entry(&wq->sleepers, struct task, run_link);
	list_del(&t->run_link);
	task_wake_locked(t);
	return t;
}

void
wake_up(struct wait_queue *wq)
{
	bool flags = arch_irq_save();

	while (wake_up_first_locked(wq))
		;
	arch_irq_restore(flags);
}

/*
 * Put the current task at the back of WQ and give the CPU away; return
 * once a wake_up() made it runnable and the scheduler picked it.
 * Interrupts are disabled on entry and on return (schedule() enables
 * them while other tasks run, and disables them again for us).
 */
void
wait_queue_sleep_locked(struct wait_queue *wq)
{
	struct task *cur = task_current();

	assert(!arch_irqs_enabled());
	cur->state = TASK_SLEEPING;
	list_add_tail(&cur->run_link, &wq->sleepers);
	schedule();
}

/* ------------------------------------------------------------ mutexes */

void
mutex_init(struct mutex *m, const char *name)
{
	m->owner = NULL;
	wait_queue_init(&m->waiters);
	m->name = name;
}

/*
 * Take M, sleeping while another task holds it.  FIFO: mutex_unlock()
 * hands M straight to the first waiter (sets owner to it), so a task
 * that comes later, or the old owner locking again at once, cannot
 * overtake the tasks already waiting.
 */
void
mutex_lock(struct mutex *m)
{
	struct task *cur = task_current();
	bool flags;

	if (m->owner == cur)
		panic("mutex: %s: %s (pid %d) locks it again while holding it: deadlock",
		      m->name, cur->name, cur->pid);
	flags = arch_irq_save();
	while (m->owner != cur) {
		if (!m->owner)
			m->owner = cur;		/* free: ours */
		else
			wait_queue_sleep_locked(&m->waiters);
	}
	arch_irq_restore(flags);
}

void
mutex_unlock(struct mutex *m)
{
	struct task *cur = task_current();
	bool flags;

	if (m->owner != cur)
		panic("mutex: %s: unlocked by %s (pid %d), which does not hold it (holder: %s)",
		      m->name, cur->name, cur->pid, m->owner ? m->owner->name : "nobody");
	flags = arch_irq_save();
	m->owner = wake_up_first_locked(&m->waiters);	/* NULL: nobody waits, free */
	arch_irq_restore(flags);
}

bool
mutex_held(const struct mutex *m)
{
	return m->owner == task_current();
}

/* ------------------------------------------------------------ completions */

void
completion_init(struct completion *c)
{
	c->done = false;
	wait_queue_init(&c->wq);
}

void
complete(struct completion *c)
{
	bool flags = arch_irq_save();

	c->done = true;
	wake_up(&c->wq);
	arch_irq_restore(flags);
}

void
wait_for_completion(struct completion *c)
{
	bool flags = arch_irq_save();

	while (!c->done)
		wait_queue_sleep_locked(&c->wq);
	c->done = false;	/* this wait used up that complete() */
	arch_irq_restore(flags);
}
