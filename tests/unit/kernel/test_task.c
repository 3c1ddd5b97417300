/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/kernel/test_task.c - the scheduler, sleeping, task exit,
 * wait queues, mutexes and completions, on the host.
 *
 * kernel/task.c and kernel/wait.c run unchanged; their tasks run on real
 * stacks through the ucontext fake of arch_context_switch()
 * (tests/unit/fake/fake_context.c).  The test program is init.  Time is
 * a variable: when every task sleeps, the fake CPU's "interrupt" is
 * tick(), which advances the clock by TICK_NS and calls
 * task_timer_tick(), as the local APIC timer does.  kmalloc() is
 * malloc() with a count of live blocks, and kfree() refuses to free the
 * stack it is running on.
 *
 * Tests: kernel/task.c, kernel/wait.c.
 * Course text: docs/07-aml-and-acpi-events.md, docs/11-user-tasks.md (task_wake()).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "fake_printk.h"
#include <arch/cpu.h>
#include "kernel/task.h"
#include "mm/mm.h"

#define TICK_NS		500000ULL	/* the fake timer: every 0.5 ms */

/* ------------------------------------------------------------ the fake kernel */

static u64 now_ns;		/* the clock */
static int live_blocks;		/* kmalloc'd and not yet freed */
static int kmalloc_fail_at;	/* the Nth kmalloc from now fails; 0: none */
static void (*on_tick)(void);	/* a test's extra interrupt work, or NULL */

u64
ktime_ns(void)
{
	return now_ns;
}

void *
kmalloc(size_t size, gfp_t gfp)
{
	void *p;

	(void)gfp;
	if (kmalloc_fail_at && --kmalloc_fail_at == 0)
		return NULL;
	p = malloc(size);
	if (p)
		live_blocks++;
	return p;
}

void *
kzalloc(size_t size, gfp_t gfp)
{
	void *p = kmalloc(size, gfp);

	if (p)
		memset(p, 0, size);
	return p;
}

/* Freeing the stack we stand on would be the bug task.c must avoid. */
void
kfree(const void *ptr)
{
	const char *here = __builtin_frame_address(0);

	if (!ptr)
		return;
	if (here >= (const char *)ptr && here < (const char *)ptr + TASK_STACK_SIZE)
		fail_msg("kfree(%p): the caller runs on that block", ptr);
	live_blocks--;
	free((void *)ptr);
}

static void
tick(void)
{
	now_ns += TICK_NS;
	task_timer_tick(now_ns);
	if (on_tick)
		on_tick();
}

/* What the tasks did, in order: "A0 B0 ..." */
static char log_buf[512];

static void __printf(1, 2)
log_event(const char *fmt, ...)
{
	size_t len = strlen(log_buf);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(log_buf + len, sizeof(log_buf) - len, fmt, ap);
	va_end(ap);
	strncat(log_buf, " ", sizeof(log_buf) - strlen(log_buf) - 1);
}

static int
nr_tasks(void)
{
	return task_snapshot(NULL, 0);
}

/* init waits until it is the only task left. */
static void
wait_for_others_to_exit(void)
{
	while (nr_tasks() > 1)
		task_yield();
}

static int
setup(void **state)
{
	(void)state;
	fake_cpu_reset();
	fake_cpu.interrupt = tick;
	fake_printk_clear();
	now_ns = 0;
	live_blocks = 0;
	kmalloc_fail_at = 0;
	on_tick = NULL;
	log_buf[0] = '\0';
	task_init();
	return 0;
}

/* Every test ends with init alone, nothing leaked, interrupts on. */
static int
teardown(void **state)
{
	(void)state;
	assert_int_equal(nr_tasks(), 1);
	assert_int_equal(live_blocks, 0);
	assert_true(fake_cpu_idle());
	return 0;
}

/* ------------------------------------------------------------ scheduling */

static void
yield_three_times(void *arg)
{
	for (int i = 0; i < 3; i++) {
		log_event("%s%d", (const char *)arg, i);
		task_yield();
	}
}

/*
 *   run queue after the creates:  A B C      (init on the CPU)
 * Expect each yield to send a task to the back of the queue: the tasks
 * take turns in creation order, A0 B0 C0 A1 ..., pids 1, 2, 3.
 */
static void
test_tasks_take_turns_in_creation_order(void **state)
{
	struct task *a, *b, *c;

	(void)state;
	a = task_create("A", yield_three_times, "A");
	b = task_create("B", yield_three_times, "B");
	c = task_create("C", yield_three_times, "C");
	assert_non_null(a);
	assert_non_null(b);
	assert_non_null(c);
	assert_int_equal(a->pid, 1);
	assert_int_equal(b->pid, 2);
	assert_int_equal(c->pid, 3);
	assert_string_equal(log_buf, "");	/* created, not yet run */
	wait_for_others_to_exit();
	assert_string_equal(log_buf, "A0 B0 C0 A1 B1 C1 A2 B2 C2 ");
	assert_true(task_current()->switches >= 3);
	assert_string_equal(task_current()->name, "init");
}

static void
log_own_name(void *arg)
{
	(void)arg;
	log_event("%s", task_current()->name);
}

/*
 * Expect a new task's name cut to TASK_NAME_LEN - 1 characters, pids
 * counting on (never reused), and `ps`'s snapshot listing init first.
 */
static void
test_names_are_cut_and_pids_never_reused(void **state)
{
	struct task snap[4];

	(void)state;
	assert_non_null(task_create("a-very-long-task-name", log_own_name, NULL));
	assert_int_equal(task_snapshot(snap, 4), 2);
	assert_int_equal(snap[0].pid, 0);
	assert_string_equal(snap[0].name, "init");
	assert_int_equal(snap[1].pid, 1);
	assert_int_equal(snap[1].state, TASK_RUNNING);
	wait_for_others_to_exit();
	assert_string_equal(log_buf, "a-very-long-tas ");
	assert_non_null(task_create("next", log_own_name, NULL));
	assert_int_equal(task_snapshot(snap, 4), 2);
	assert_int_equal(snap[1].pid, 2);
	wait_for_others_to_exit();
}

static void *dying_stack;	/* the stack of the task that just exited */

static void
note_stack_and_exit(void *arg)
{
	(void)arg;
	dying_stack = task_current()->stack;
	log_event("exiting");
}

/*
 * Expect the exited task's stack and struct task freed by the task that
 * runs next (the fake kfree() fails if the freer stands on the block),
 * so that once init runs again nothing is left: two blocks fewer.
 */
static void
test_an_exited_task_is_freed_by_the_next_task(void **state)
{
	(void)state;
	assert_non_null(task_create("short", note_stack_and_exit, NULL));
	assert_int_equal(live_blocks, 2);	/* struct task and stack */
	task_yield();
	assert_string_equal(log_buf, "exiting ");
	assert_non_null(dying_stack);
	assert_int_equal(nr_tasks(), 1);
	assert_int_equal(live_blocks, 0);
}

/* Expect out of memory for the struct or for the stack to give NULL and leave nothing behind. */
static void
test_task_create_without_memory_returns_null(void **state)
{
	(void)state;
	kmalloc_fail_at = 1;	/* the struct task */
	assert_null(task_create("x", log_own_name, NULL));
	kmalloc_fail_at = 2;	/* the stack */
	assert_null(task_create("x", log_own_name, NULL));
	assert_int_equal(live_blocks, 0);
	assert_int_equal(nr_tasks(), 1);
}

/*
 * A task whose stack bottom was overwritten (as an overflow would):
 * expect the switch to it to panic, naming the task.  The test then
 * tidies up by hand what the panic left half done.
 */
static void
test_an_overwritten_stack_canary_panics_naming_the_task(void **state)
{
	struct task *t;

	(void)state;
	t = task_create("victim", log_own_name, NULL);
	assert_non_null(t);
	*(u64 *)t->stack = 0;
	expect_assert_failure(task_yield());
	assert_non_null(strstr(fake_panic_msg, "task: victim (pid 1): stack overflow"));
	assert_string_equal(log_buf, "");	/* it never ran */

	kfree(t->stack);
	kfree(t);
	fake_cpu_reset();
	fake_cpu.interrupt = tick;
	task_init();
}

/* ------------------------------------------------------------ sleeping */

static void
sleep_then_log(void *arg)
{
	u64 ms = (u64)(uintptr_t)arg;

	task_sleep_ms(ms);
	log_event("%s@%llu", task_current()->name, (unsigned long long)(now_ns / 1000));
}

/*
 *   sleep_list: B (1 ms)  C (2 ms)  A (3 ms)  init (5 ms)
 * Expect the sleepers woken soonest first, each at the first tick at or
 * after its deadline (ticks every 0.5 ms), never before; the CPU idles
 * in between (the fake interrupt runs only when nobody can run).
 */
static void
test_sleepers_wake_in_deadline_order_not_early(void **state)
{
	(void)state;
	now_ns = 200000;	/* 0.2 ms: deadlines fall between ticks */
	task_create("A", sleep_then_log, (void *)3);
	task_create("B", sleep_then_log, (void *)1);
	task_create("C", sleep_then_log, (void *)2);
	task_sleep_ms(5);
	log_event("init@%llu", (unsigned long long)(now_ns / 1000));
	/* Deadlines 1.2, 2.2, 3.2, 5.2 ms; ticks at 0.7, 1.2, 1.7, ... */
	assert_string_equal(log_buf, "B@1200 C@2200 A@3200 init@5200 ");
	assert_int_equal(task_current()->wake_at_ns, 0);
	wait_for_others_to_exit();
}

/* Expect `ps`'s view of a sleeping task: TASK_SLEEPING, its wake-up time set. */
static void
test_a_sleeping_task_shows_as_sleeping(void **state)
{
	struct task snap[2];

	(void)state;
	task_create("nap", sleep_then_log, (void *)2);
	task_yield();		/* nap runs and goes to sleep */
	assert_int_equal(task_snapshot(snap, 2), 2);
	assert_int_equal(snap[1].state, TASK_SLEEPING);
	assert_int_equal(snap[1].wake_at_ns, 2000000);
	assert_int_equal(snap[1].switches, 1);
	task_sleep_ms(3);
	assert_string_equal(log_buf, "nap@2000 ");
	wait_for_others_to_exit();
}

/* ------------------------------------------------------------ wait queues */

static struct wait_queue wq;
static volatile bool flag;

static void
wait_for_flag(void *arg)
{
	(void)arg;
	wait_event(&wq, flag);
	log_event("%s-saw-flag", task_current()->name);
}

static void
set_flag_on_third_tick(void)
{
	if (now_ns == 3 * TICK_NS) {
		flag = true;
		wake_up(&wq);
	}
}

/*
 * Two tasks wait for a flag.  Expect a wake_up() without the flag to
 * send them back to sleep (they recheck), and a wake_up() from an
 * interrupt after setting it to let both through, in queue order.
 */
static void
test_wait_event_rechecks_and_wakes_from_an_interrupt(void **state)
{
	struct task snap[3];

	(void)state;
	wait_queue_init(&wq);
	flag = false;
	task_create("W1", wait_for_flag, NULL);
	task_create("W2", wait_for_flag, NULL);
	task_yield();
	assert_int_equal(task_snapshot(snap, 3), 3);
	assert_int_equal(snap[1].state, TASK_SLEEPING);
	assert_int_equal(snap[2].state, TASK_SLEEPING);

	wake_up(&wq);		/* no flag: a spurious wake-up */
	task_yield();
	assert_string_equal(log_buf, "");
	assert_int_equal(task_snapshot(snap, 3), 3);
	assert_int_equal(snap[1].state, TASK_SLEEPING);

	on_tick = set_flag_on_third_tick;
	task_sleep_ms(2);	/* the interrupt comes while init sleeps */
	wait_for_others_to_exit();
	assert_string_equal(log_buf, "W1-saw-flag W2-saw-flag ");
}

/*
 *   nap: sleep_list, 1000 ms        W: on wq, waiting for a flag
 * Expect task_wake() (what killing a user task does) to end nap's sleep
 * at once, and to be a spurious wake-up for W, which looks at its flag
 * and sleeps again until a real wake_up(); task_find() to know a task
 * by pid while it lives, and not after.
 */
static void
test_task_wake_ends_a_sleep_and_is_spurious_for_a_waiter(void **state)
{
	struct task *nap, *w, snap[3];
	int nap_pid;

	(void)state;
	wait_queue_init(&wq);
	flag = false;
	nap = task_create("nap", sleep_then_log, (void *)1000);
	w = task_create("W", wait_for_flag, NULL);
	nap_pid = nap->pid;
	task_yield();		/* both go to sleep */
	assert_ptr_equal(task_find(nap_pid), nap);
	task_wake(nap);
	task_wake(w);
	task_wake(w);		/* already runnable: nothing happens */
	task_yield();
	assert_string_equal(log_buf, "nap@0 ");
	assert_int_equal(task_snapshot(snap, 3), 2);
	assert_int_equal(snap[1].state, TASK_SLEEPING);	/* W, back on wq */
	assert_null(task_find(nap_pid));
	flag = true;
	wake_up(&wq);
	wait_for_others_to_exit();
	assert_string_equal(log_buf, "nap@0 W-saw-flag ");
}

/* Expect wake_up() on an empty queue to do nothing, in any state of interrupts. */
static void
test_wake_up_with_no_sleepers_is_harmless(void **state)
{
	bool flags;

	(void)state;
	wait_queue_init(&wq);
	wake_up(&wq);
	flags = arch_irq_save();
	wake_up(&wq);
	arch_irq_restore(flags);
	assert_true(list_empty(&wq.sleepers));
}

/* ------------------------------------------------------------ mutexes */

static struct mutex lock = MUTEX_INIT(lock);

static void
lock_log_yield_unlock(void *arg)
{
	(void)arg;
	mutex_lock(&lock);
	assert_true(mutex_held(&lock));
	log_event("%s", task_current()->name);
	task_yield();		/* hold it across a switch */
	mutex_unlock(&lock);
	assert_false(mutex_held(&lock));
}

/*
 *   init holds the lock; B, C, D queue for it in that order.
 * Expect the lock handed on in FIFO order, B C D, and init, which asks
 * again right after unlocking, to get it only after all three.
 */
static void
test_mutex_is_handed_over_in_fifo_order(void **state)
{
	(void)state;
	mutex_init(&lock, "lock");
	mutex_lock(&lock);
	task_create("B", lock_log_yield_unlock, NULL);
	task_create("C", lock_log_yield_unlock, NULL);
	task_create("D", lock_log_yield_unlock, NULL);
	task_yield();		/* all three now wait */
	assert_string_equal(log_buf, "");
	mutex_unlock(&lock);
	assert_false(mutex_held(&lock));
	mutex_lock(&lock);
	log_event("init");
	assert_string_equal(log_buf, "B C D init ");
	mutex_unlock(&lock);
	assert_null(lock.owner);
	wait_for_others_to_exit();
}

/* Expect locking a held lock again, and unlocking a free one, to panic with the lock's name. */
static void
test_mutex_misuse_panics(void **state)
{
	static struct mutex m = MUTEX_INIT(m);

	(void)state;
	expect_assert_failure(mutex_unlock(&m));
	assert_non_null(strstr(fake_panic_msg, "mutex: m: unlocked by init (pid 0)"));
	mutex_lock(&m);
	expect_assert_failure(mutex_lock(&m));
	assert_non_null(strstr(fake_panic_msg, "mutex: m: init (pid 0) locks it again"));
	mutex_unlock(&m);
	assert_true(fake_cpu_idle());
}

/* ------------------------------------------------------------ completions */

static struct completion done;

static void
wait_twice(void *arg)
{
	(void)arg;
	wait_for_completion(&done);
	log_event("first");
	wait_for_completion(&done);
	log_event("second");
}

/*
 * Expect each complete() to let one wait through: the waiter sleeps
 * until the first, runs, sleeps again until the second.
 */
static void
test_each_complete_lets_one_wait_through(void **state)
{
	(void)state;
	completion_init(&done);
	task_create("waiter", wait_twice, NULL);
	task_yield();
	assert_string_equal(log_buf, "");
	complete(&done);
	task_yield();
	assert_string_equal(log_buf, "first ");
	task_yield();
	assert_string_equal(log_buf, "first ");
	complete(&done);
	wait_for_others_to_exit();
	assert_string_equal(log_buf, "first second ");
}

/* Expect a complete() before the wait to be remembered (no sleep: the fake would panic idling). */
static void
test_complete_before_wait_does_not_block(void **state)
{
	(void)state;
	completion_init(&done);
	fake_cpu.interrupt = NULL;	/* sleeping would now be a deadlock */
	complete(&done);
	wait_for_completion(&done);
	assert_false(done.done);
	fake_cpu.interrupt = tick;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_tasks_take_turns_in_creation_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_names_are_cut_and_pids_never_reused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_an_exited_task_is_freed_by_the_next_task, setup, teardown),
		cmocka_unit_test_setup_teardown(test_task_create_without_memory_returns_null, setup, teardown),
		cmocka_unit_test_setup_teardown(test_an_overwritten_stack_canary_panics_naming_the_task, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sleepers_wake_in_deadline_order_not_early, setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_sleeping_task_shows_as_sleeping, setup, teardown),
		cmocka_unit_test_setup_teardown(test_wait_event_rechecks_and_wakes_from_an_interrupt, setup, teardown),
		cmocka_unit_test_setup_teardown(test_wake_up_with_no_sleepers_is_harmless, setup, teardown),
		cmocka_unit_test_setup_teardown(test_task_wake_ends_a_sleep_and_is_spurious_for_a_waiter, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mutex_is_handed_over_in_fifo_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mutex_misuse_panics, setup, teardown),
		cmocka_unit_test_setup_teardown(test_each_complete_lets_one_wait_through, setup, teardown),
		cmocka_unit_test_setup_teardown(test_complete_before_wait_does_not_block, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
