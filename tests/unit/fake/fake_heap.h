/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/fake/fake_heap.h - the small fake kernel the host tests of
 * user memory share (tests/unit/fake/fake_heap.c): kmalloc() on the C
 * heap with a switch that makes the next ones fail, and a clock that
 * only fake_tick() moves, which is also the fake CPU's timer interrupt.
 *
 * Course text: docs/00-introduction.md (how the host tests work).
 * Tests: used by tests/unit/mm/test_vm.c, tests/unit/mm/test_migrate.c
 */
#ifndef FAKE_HEAP_H
#define FAKE_HEAP_H

#include "kernel/types.h"

struct fake_heap {
	int fail_next;		/* the next N kmalloc()s return NULL */
	u64 now_ns;		/* ktime_ns() */
};
extern struct fake_heap fake_heap;

/* One millisecond passes and the timer tick runs (task_timer_tick()):
 * set fake_cpu.interrupt to it so that an idle schedule() wakes sleepers. */
void fake_tick(void);

#endif /* FAKE_HEAP_H */
