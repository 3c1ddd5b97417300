/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/fake/fake_context.c - arch_context_switch() on the host,
 * with ucontext: kernel/task.c runs unchanged, its tasks on real stacks.
 *
 * A new task's stack gets a struct fake_context at its top, whose
 * ucontext starts fake_trampoline() on the rest of the stack; the
 * trampoline calls task_entry() as arch/x86_64/switch.S does.
 *
 * Under AddressSanitizer every switch is announced with
 * __sanitizer_start_switch_fiber() and confirmed with
 * __sanitizer_finish_switch_fiber(), so ASan knows which stack is live
 * and reports no false stack errors.  The bounds of the test program's
 * own stack are learnt at the first switch away from it.  ASan still
 * prints one warning that it "doesn't fully support" swapcontext: that
 * line is expected.
 *
 * Course text: docs/00-introduction.md (how the host tests work).
 * Tests: used by tests/unit/kernel/test_task.c
 */
#include <string.h>
#include <ucontext.h>

#include <arch/context.h>
#include <arch/cpu.h>
#include "kernel/kernel.h"

#ifdef __SANITIZE_ADDRESS__
#include <sanitizer/common_interface_defs.h>
#endif

struct fake_context {
	ucontext_t uc;			/* the registers while off the CPU */
	int save_depth;			/* fake_cpu.save_depth while off the CPU */
	const void *stack_bottom;	/* for ASan: the stack this context runs on */
	size_t stack_size;		/* 0: not known yet (the test's own stack) */
	void (*fn)(void *arg);		/* a new task: what task_entry() runs */
	void *arg;
};

static struct fake_context main_context;	/* the test program: init */
static struct fake_context *running = &main_context;
static struct fake_context *switched_from;	/* for the new side of a switch */

static void
fiber_start(void **fake_stack, const struct fake_context *to)
{
#ifdef __SANITIZE_ADDRESS__
	__sanitizer_start_switch_fiber(fake_stack, to->stack_bottom, to->stack_size);
#else
	(void)fake_stack, (void)to;
#endif
}

/* On the new side of a switch: record where we came from. */
static void
fiber_finish(void *fake_stack)
{
#ifdef __SANITIZE_ADDRESS__
	const void *bottom;
	size_t size;

	__sanitizer_finish_switch_fiber(fake_stack, &bottom, &size);
	switched_from->stack_bottom = bottom;
	switched_from->stack_size = size;
#else
	(void)fake_stack;
#endif
}

static void
fake_trampoline(void)
{
	struct fake_context *c = running;

	fiber_finish(NULL);
	task_entry(c->fn, c->arg);
}

void *
arch_task_stack_init(void *stack, size_t size, void (*fn)(void *arg), void *arg)
{
	struct fake_context *c = (void *)ALIGN_DOWN((uintptr_t)stack + size - sizeof(*c), 64);

	memset(c, 0, sizeof(*c));
	if (getcontext(&c->uc))
		panic("fake context: getcontext failed");
	c->uc.uc_stack.ss_sp = stack;
	c->uc.uc_stack.ss_size = (char *)c - (char *)stack;
	c->uc.uc_link = NULL;			/* task_entry() never returns */
	c->stack_bottom = stack;
	c->stack_size = c->uc.uc_stack.ss_size;
	c->fn = fn;
	c->arg = arg;
	makecontext(&c->uc, fake_trampoline, 0);
	return c;
}

void
arch_context_switch(void **save_sp, void *new_sp)
{
	struct fake_context *prev = running, *next = new_sp;
	void *fake_stack = NULL;

	if (!fake_cpu.irqs_disabled)
		panic("fake context: switch with interrupts enabled");
	if (next == prev)
		panic("fake context: switch to the running context");
	prev->save_depth = fake_cpu.save_depth;
	*save_sp = prev;
	switched_from = prev;
	running = next;
	fake_cpu.save_depth = next->save_depth;
	fiber_start(&fake_stack, next);
	if (swapcontext(&prev->uc, &next->uc))
		panic("fake context: swapcontext failed");
	fiber_finish(fake_stack);		/* prev again, switched back to */
}

void *
arch_boot_stack_bottom(void)
{
	return NULL;
}

void
arch_set_kernel_stack(void *top)
{
	(void)top;	/* no user mode on the host */
}
