/* SPDX-License-Identifier: MIT */
/*
 * drivers/acpi/worker.c - kacpid, the one task that runs AML: the GPE
 * methods the SCI asks for, and the evaluations other tasks hand it with
 * acpi_worker_call() (the bus scan, `aml eval`, power off).
 *
 * The idea: the interpreter is not re-entrant and a Notify must reach its
 * driver only after the method that sent it has returned.  Funnelling
 * every evaluation through one task gives both for free: one evaluation
 * at a time, and a natural point after each where the Notify queue is
 * emptied.  Callers sleep on a completion until their turn is over.
 *
 *	shell (init)                          kacpid
 *	  acpi_worker_call(fn) --queue--> wake  wait_event(work or SCI)
 *	  wait_for_completion()                 fn(arg); dispatch Notify calls
 *	  <------------------------ complete    acpi_events_run() (GPE methods)
 *
 * Kernel only (tasks); the host tests drive events.c without it.
 * Course text: docs/07-aml-and-acpi-events.md.
 * Tests: tests/qemu/test_acpi_events.py, tests/qemu/test_aml_eval.py (every evaluation passes here)
 */
#include <arch/cpu.h>
#include "drivers/acpi/acpi.h"
#include "kernel/kernel.h"
#include "kernel/task.h"
#include "mm/list.h"

/* One acpi_worker_call() waiting for kacpid; lives on the caller's stack. */
struct acpi_call {
	int (*fn)(void *arg);
	void *arg;
	int ret;			/* FN's, once done is complete */
	struct completion done;
	struct list_head link;		/* on calls, until kacpid takes it */
};

/* Protected by disabling interrupts (the SCI handler wakes the queue). */
static struct {
	struct task *task;		/* kacpid; NULL before acpi_worker_start() */
	struct wait_queue wq;		/* kacpid sleeps here */
	struct list_head calls;		/* struct acpi_call, oldest first */
} worker = {
	.wq = WAIT_QUEUE_INIT(worker.wq),
	.calls = LIST_HEAD_INIT(worker.calls),
};

static bool
work_waiting(void)
{
	return !list_empty(&worker.calls) || acpi_events_pending();
}

/* The oldest queued call, taken off the queue; NULL when there is none. */
static struct acpi_call *
take_call(void)
{
	struct acpi_call *c = NULL;
	bool was = arch_irq_save();

	if (!list_empty(&worker.calls)) {
		c = list_first_entry(&worker.calls, struct acpi_call, link);
		list_del(&c->link);
	}
	arch_irq_restore(was);
	return c;
}

/*
 * kacpid: one call (its caller is waiting), then the SCI's work, in
 * turns.  Calls first also orders the boot: kernel_main() queues the bus
 * scan right after acpi_events_init() queued the first run of every GPE
 * method, before kacpid ever ran; the scan goes first, so the Notify
 * calls of those runs (a DIMM plugged before boot) find their devices.
 */
static void
kacpid_main(void *unused)
{
	(void)unused;
	for (;;) {
		struct acpi_call *c;

		wait_event(&worker.wq, work_waiting());
		c = take_call();
		if (c) {
			c->ret = c->fn(c->arg);
			acpi_bus_dispatch_notifies();
			complete(&c->done);
		}
		acpi_events_run();
	}
}

int
acpi_worker_start(void)
{
	if (worker.task)
		return 0;
	worker.task = task_create("kacpid", kacpid_main, NULL);
	return worker.task ? 0 : -ENOMEM;
}

void
acpi_worker_kick(void)
{
	wake_up(&worker.wq);
}

int
acpi_worker_call(int (*fn)(void *arg), void *arg)
{
	struct acpi_call c = { .fn = fn, .arg = arg };
	bool was;

	/* No worker yet, or the worker itself: run here, Notify calls after. */
	if (!worker.task || task_current() == worker.task) {
		int ret = fn(arg);

		acpi_bus_dispatch_notifies();
		return ret;
	}
	completion_init(&c.done);
	was = arch_irq_save();
	list_add_tail(&c.link, &worker.calls);
	arch_irq_restore(was);
	wake_up(&worker.wq);
	wait_for_completion(&c.done);
	return c.ret;
}
