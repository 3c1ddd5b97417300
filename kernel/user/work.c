/* SPDX-License-Identifier: MIT */
/*
 * kernel/user/work.c - the workload whose memory moves under it: map
 * SIZE bytes, fill them with a pattern, then rewrite and check it for
 * ever (kernel/user/work_pattern.h has the pattern and the rule).
 *
 *   work SIZE_BYTES [huge] [pin] [corrupt]
 *
 * huge: one mmap with MAP_HUGE (2 MiB pages).  pin: after the fill, pin
 * the first pattern page (a kernel reference: that page cannot migrate,
 * and offlining its block must fail naming it).  The shell's `work start`
 * runs this; `work check` verifies every byte from the kernel's side.
 * corrupt (a test of that check, only through `run work`): after the
 * fill, flip one bit of one word and stop, so that `work check` alone
 * must find it.
 *
 * Output (tests and docs depend on it):
 *   work[PID]: 256M at 0x..., filling
 *   work[PID]: filled 256M in N ms
 *   work[PID]: pinned 0x...                       (with pin)
 *   work[PID]: corrupted 0x..., stopped           (with corrupt)
 *   work[PID]: BAD at 0x...: 0x..., want 0x...    (never, we hope)
 *
 * Course text: docs/11-user-tasks.md.
 * Tests: tests/qemu/test_user.py
 */
#include "kernel/user/ulib.h"
#include "kernel/user/work_pattern.h"

static long pid;

static int
usage(void)
{
	uprintf("usage: work SIZE_BYTES [huge] [pin] [corrupt]   (SIZE: pages, 8192 or more)\n");
	return 2;
}

/* A wrong word: record it in the header for `work check`, say it, stop. */
static void
found_bad(struct work_header *h, unsigned long va, unsigned long got, unsigned long want)
{
	h->bad_va = va;
	h->bad_got = got;
	h->bad_want = want;
	h->state = WORK_BAD;
	uprintf("work[%ld]: BAD at 0x%lx: 0x%lx, want 0x%lx\n", pid, va, got, want);
	for (;;)
		sys_sleep(100);
}

/* Generation 0 into every pattern page, progress counting pages done. */
static void
fill(struct work_header *h, unsigned long base)
{
	for (unsigned long i = 0; i < h->nr_pages; i++) {
		unsigned long va = base + (i + 1) * WORK_PAGE_SIZE;
		volatile unsigned long *w = (volatile unsigned long *)va;

		for (unsigned long j = 0; j < WORK_WORDS; j++)
			w[j] = work_mix(h->seed, va + 8 * j, 0);
		h->progress = i + 1;
	}
}

/* The test of `work check`: one wrong bit in the middle page, then
 * nothing more is written (the program would find it itself). */
static void
corrupt(struct work_header *h, unsigned long base)
{
	unsigned long va = base + (h->nr_pages / 2 + 1) * WORK_PAGE_SIZE + 8 * 5;

	*(volatile unsigned long *)va ^= 1;
	uprintf("work[%ld]: corrupted 0x%lx, stopped\n", pid, va);
	for (;;)
		sys_sleep(3600 * 1000);	/* `work stop` wakes it to die */
}

/* One page of the endless loop: check generation PASS, write PASS + 1. */
static void
rewrite_page(struct work_header *h, unsigned long base)
{
	unsigned long p = h->progress, pass = p / h->nr_pages, cursor = p % h->nr_pages;
	unsigned long va = base + (cursor + 1) * WORK_PAGE_SIZE;
	volatile unsigned long *w = (volatile unsigned long *)va;

	for (unsigned long j = 0; j < WORK_WORDS; j++) {
		unsigned long want = work_mix(h->seed, va + 8 * j, pass), got = w[j];

		if (got != want)
			found_bad(h, va + 8 * j, got, want);
		w[j] = work_mix(h->seed, va + 8 * j, pass + 1);
	}
	h->progress = p + 1;	/* the one store that moves the cursor */
}

int
main(int argc, char **argv)
{
	unsigned long size, flags = 0, base, pin_va = 0, bad = 0;
	struct work_header *h;
	char sz[24];
	long t0, r;

	pid = sys_getpid();
	if (argc < 2 || parse_ulong(argv[1], &size) || size < 2 * WORK_PAGE_SIZE ||
	    size % WORK_PAGE_SIZE)
		return usage();
	for (int i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "huge"))
			flags |= MAP_HUGE;
		else if (!strcmp(argv[i], "pin"))
			pin_va = 1;
		else if (!strcmp(argv[i], "corrupt"))
			bad = 1;
		else
			return usage();
	}
	r = sys_mmap(size, flags);
	if (r < 0) {
		uprintf("work[%ld]: mmap %s: error %ld\n", pid, size_str(size, sz, sizeof(sz)), r);
		return 1;
	}
	base = r;
	h = (struct work_header *)base;
	h->seed = work_mix(pid, sys_clock_ms(), 0x5eed);
	h->nr_pages = size / WORK_PAGE_SIZE - 1;
	h->state = WORK_FILLING;
	h->progress = 0;
	__asm__ volatile("" ::: "memory");		/* the header first, ... */
	memcpy(h->magic, WORK_MAGIC, sizeof(h->magic));	/* ... the magic last: `work check` looks now */
	uprintf("work[%ld]: %s at 0x%lx, filling\n", pid, size_str(size, sz, sizeof(sz)), base);

	t0 = sys_clock_ms();
	fill(h, base);
	h->progress = 0;		/* FILLING at 0: nothing to check ... */
	h->state = WORK_RUNNING;	/* ... RUNNING at 0: everything is pass 0 */
	uprintf("work[%ld]: filled %s in %ld ms\n", pid, size_str(size, sz, sizeof(sz)),
		sys_clock_ms() - t0);

	if (pin_va) {
		pin_va = base + WORK_PAGE_SIZE;
		r = sys_pin(pin_va);
		if (r < 0)
			uprintf("work[%ld]: pin 0x%lx: error %ld\n", pid, pin_va, r);
		else
			uprintf("work[%ld]: pinned 0x%lx\n", pid, pin_va);
	}
	if (bad)
		corrupt(h, base);
	for (;;)
		rewrite_page(h, base);
}
