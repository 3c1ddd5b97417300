/* SPDX-License-Identifier: MIT */
/*
 * kernel/task.h - kernel tasks, the scheduler, wait queues, sleeping
 * mutexes and completions (kernel/task.c, kernel/wait.c).
 *
 * A task is a kernel thread: its own stack and saved registers.  A user
 * task is a kernel thread with an address space (task->mm) that spends
 * most of its time in user mode and enters the kernel on its kernel
 * stack for system calls, faults and interrupts (kernel/task_user.c).
 * kernel_main() becomes task 0, "init", which runs the shell.
 * Scheduling is round-robin; in the kernel it is cooperative: a task
 * runs until it sleeps (a wait queue, task_sleep_ms()) or yields; an
 * interrupt handler never switches tasks, it only wakes them, and the
 * woken task runs at the next schedule().  User mode alone is
 * preempted: on the way back to it after an interrupt (TASK_SLICE_MS).
 * When no task is runnable, schedule() halts the CPU until an interrupt
 * makes one runnable.
 *
 * Lock rule: the run queue and every wait queue are protected by
 * disabling interrupts (one CPU).  wake_up() may be called from an
 * interrupt handler; everything that sleeps may not.
 *
 * Course text: docs/07-aml-and-acpi-events.md (the ACPI worker is the
 * first task besides init), docs/11-user-tasks.md (user tasks).
 */
#ifndef KERNEL_TASK_H
#define KERNEL_TASK_H

#include "kernel/types.h"
#include "arch/cpu.h"
#include "mm/list.h"

#define TASK_NAME_LEN	16
#define TASK_STACK_SIZE	(16 * 1024)

struct mm_struct;
struct user_pin;

enum task_state {
	TASK_RUNNING,		/* on the run queue, or the current task */
	TASK_SLEEPING,		/* on a wait queue or the timer list */
	TASK_DEAD,		/* returned; its stack and struct task are freed
				 * by the next schedule() (the creator's pointer
				 * is good only while the task lives) */
};

struct task {
	int pid;			/* 0 for init, then 1, 2, ... never reused */
	char name[TASK_NAME_LEN];	/* "init", "kacpid" */
	enum task_state state;
	struct list_head run_link;	/* on the run queue or a wait queue */
	u64 wake_at_ns;			/* task_sleep_ms(): when to wake; 0: no timeout */
	u64 switches;			/* times it was switched to (`ps`) */
	void *stack;			/* TASK_STACK_SIZE bytes; NULL for init */
	void *arch_sp;			/* saved stack pointer while not running */
	struct list_head all_link;	/* on the list of all tasks (`ps`) */

	/* User tasks only (task_user.c); NULL, false and 0 in kernel threads.
	 * Changed by the task itself, except killed (any task context). */
	struct mm_struct *mm;		/* its address space; NULL: a kernel thread
					 * (and a user task that is exiting) */
	bool killed;			/* die at the next return to user mode */
	int mm_readers;			/* kernel readers of mm (task_user_get());
					 * exit waits until it is 0 */
	struct user_pin *pins;		/* pages it pinned (the pin system call) */
};

/* task.c */
void task_init(void);				/* make the caller task 0 "init" */
struct task *task_current(void);
/* A new runnable task that runs FN(ARG) and dies when FN returns; NULL
 * when out of memory. */
struct task *task_create(const char *name, void (*fn)(void *arg), void *arg);
void schedule(void);		/* run the next runnable task; returns when
				 * the caller is picked again */
void task_yield(void);		/* stay runnable, let the others run */
/*
 * Preemption points.  The timer tick sets need_resched when the current
 * task has run TASK_SLICE_MS while another task waits to run; returning
 * to user mode then switches (user code is preempted).  Kernel code is
 * never preempted: a long kernel loop (migration, a memory check) calls
 * cond_resched() where it may give the CPU away.
 */
#define TASK_SLICE_MS	10
bool task_need_resched(void);
void cond_resched(void);	/* schedule() if need_resched; task context */
void task_sleep_ms(u64 ms);	/* sleep at least MS milliseconds */
/* Called from the timer tick: wake tasks whose sleep has ended. */
void task_timer_tick(u64 now_ns);
/* The end of the calling task (what returning from FN does); never init. */
void task_exit(void) __noreturn;
/* For wait.c: a SLEEPING task, already off its queue, onto the run
 * queue.  Interrupts disabled; any context. */
void task_wake_locked(struct task *t);
/* A SLEEPING task T off whatever it sleeps on and runnable: a spurious
 * wake-up (wait_event() sleeps again; task_sleep_ms() returns early). */
void task_wake(struct task *t);
/* For `ps`: copy up to MAX tasks into OUT in pid order; returns how many
 * tasks there are. */
int task_snapshot(struct task *out, int max);
/* The live task PID, or NULL; the pointer is good until the caller sleeps. */
struct task *task_find(int pid);

/* task_user.c: user tasks (docs/11-user-tasks.md). */
/* A new user task NAME in address space MM (which it owns from now on:
 * its exit destroys it), entering user mode at ENTRY with stack pointer
 * SP; NULL when out of memory (MM is still the caller's then). */
struct task *task_create_user(const char *name, struct mm_struct *mm,
			      vaddr_t entry, vaddr_t sp);
/* The way back to user mode (arch, interrupts disabled): a killed task
 * exits here, a task whose slice is over schedules. */
void task_user_return(void);
/* The end of the calling user task: its pins dropped, its address space
 * unloaded and destroyed, then task_exit(). */
void task_user_exit(int code) __noreturn;
/* Mark user task T killed and wake it if it sleeps: it exits when it
 * next returns to user mode (the running task: at the end of this trap). */
void task_kill(struct task *t);
/* Borrow user task PID's mm for reading its memory across sleeps (`work
 * check`): the task cannot free it before task_user_put().  NULL: no such
 * user task (or it is exiting). */
struct task *task_user_get(int pid);
void task_user_put(struct task *t);
/* Kill user task PID and wait until it is gone; -ESRCH: no such user task. */
int task_kill_wait(int pid);
/* The pin system calls: pin the page at VA for the calling task / drop it. */
int task_user_pin(vaddr_t va);
int task_user_unpin(vaddr_t va);

/* wait.c: a wait queue is a list of sleeping tasks. */
struct wait_queue {
	struct list_head sleepers;	/* of struct task, through run_link */
};
#define WAIT_QUEUE_INIT(name)	{ LIST_HEAD_INIT((name).sleepers) }
void wait_queue_init(struct wait_queue *wq);
/* Wake every sleeper (they recheck their condition).  Any context. */
void wake_up(struct wait_queue *wq);
/*
 * Sleep on WQ until COND is true.  COND is tested with interrupts
 * disabled, so a wake_up() from an interrupt between the test and the
 * sleep is not lost.  Task context only.
 */
void wait_queue_sleep_locked(struct wait_queue *wq);	/* irqs off; returns with them off */
#define wait_event(wq, cond) do {					\
	bool __was = arch_irq_save();					\
	while (!(cond))							\
		wait_queue_sleep_locked(wq);				\
	arch_irq_restore(__was);					\
} while (0)

/* A sleeping mutex: the holder may sleep; others wait in FIFO order. */
struct mutex {
	struct task *owner;		/* NULL: free */
	struct wait_queue waiters;
	const char *name;		/* for the deadlock message */
};
#define MUTEX_INIT(name_)	{ NULL, WAIT_QUEUE_INIT((name_).waiters), #name_ }
void mutex_init(struct mutex *m, const char *name);
void mutex_lock(struct mutex *m);	/* panics if the caller holds it */
void mutex_unlock(struct mutex *m);	/* panics if the caller does not */
bool mutex_held(const struct mutex *m);	/* by the current task */

/*
 * A completion: one task waits until another says "done".  Each
 * complete() lets one wait_for_completion() through, which resets done
 * (Linux's behaviour for one waiter); a complete() that comes first is
 * remembered, but two in a row count once.
 */
struct completion {
	bool done;
	struct wait_queue wq;
};
void completion_init(struct completion *c);
void complete(struct completion *c);		/* any context */
void wait_for_completion(struct completion *c);	/* task context */

#endif /* KERNEL_TASK_H */
