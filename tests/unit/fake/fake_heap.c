/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/fake/fake_heap.c - kmalloc(), kzalloc(), kfree() on the C
 * heap and ktime_ns() as a variable, for host tests that run mm/vm.c and
 * mm/migrate.c with real tasks (tests/unit/fake/fake_heap.h).
 *
 * Course text: docs/00-introduction.md (how the host tests work).
 * Tests: used by tests/unit/mm/test_vm.c, tests/unit/mm/test_migrate.c
 */
#include <stdlib.h>
#include <string.h>

#include "kernel/kernel.h"
#include "kernel/task.h"
#include "mm/mm.h"
#include "fake_heap.h"

struct fake_heap fake_heap;

u64
ktime_ns(void)
{
	return fake_heap.now_ns;
}

void *
kmalloc(size_t size, gfp_t gfp)
{
	(void)gfp;
	if (fake_heap.fail_next > 0) {
		fake_heap.fail_next--;
		return NULL;
	}
	return malloc(size);
}

void *
kzalloc(size_t size, gfp_t gfp)
{
	void *p = kmalloc(size, gfp);

	return p ? memset(p, 0, size) : NULL;
}

void
kfree(const void *p)
{
	free((void *)p);
}

void
fake_tick(void)
{
	fake_heap.now_ns += 1000000;
	task_timer_tick(fake_heap.now_ns);
}
