/* SPDX-License-Identifier: MIT */
/*
 * kernel/user/work_pattern.h - what the `work` program writes into its
 * memory and how anyone can tell it is right: shared by the program
 * (kernel/user/work.c), the kernel's `work check` (kernel/cmd_work.c) and
 * the host test (tests/unit/kernel/test_work_pattern.c).  No include:
 * it builds in user space, in the kernel and on the host.
 *
 * The region is one mmap of SIZE bytes: a header page, then nr_pages
 * pages of 64-bit words.  The word at virtual address va, in generation
 * g, is work_mix(seed, va, g): a hash, so a word that moved to another
 * address, a page mapped twice, a lost or stale copy, a zeroed page, all
 * read wrong.
 *
 *   base           +-----------------------------+
 *                  | struct work_header, 0 after |  one page
 *   base + 4K      +-----------------------------+
 *                  | page 0: 512 words           |  \
 *                  | page 1                      |   } nr_pages
 *                  | ...                         |  /
 *   base + SIZE    +-----------------------------+
 *
 * The progress rule.  The program fills every page with generation 0
 * (state FILLING, progress = pages filled), then forever rewrites the
 * pages in order, each word checked against generation pass and
 * rewritten as pass + 1, word by word (state RUNNING).  After each page
 * it stores progress = pass * nr_pages + cursor with ONE 64-bit store.
 * A reader that stops the program anywhere (one CPU: a preempted task is
 * frozen) therefore knows what every page holds:
 *
 *   FILLING:  pages < progress hold generation 0; the others anything;
 *   RUNNING:  pages < cursor hold pass + 1, pages > cursor hold pass,
 *             the page at cursor holds pass + 1 words, then pass words.
 *
 * Course text: docs/11-user-tasks.md.
 * Tests: tests/unit/kernel/test_work_pattern.c, tests/qemu/test_user.py
 */
#ifndef HOTMEM_USER_WORK_PATTERN_H
#define HOTMEM_USER_WORK_PATTERN_H

#define WORK_MAGIC	"HOTMEMWK"	/* 8 bytes, no NUL in the header */
#define WORK_PAGE_SIZE	4096UL		/* the pattern's page, whatever the arch's */
#define WORK_WORDS	(WORK_PAGE_SIZE / 8)

enum work_state {
	WORK_FILLING = 1,	/* writing generation 0; progress = pages done */
	WORK_RUNNING = 2,	/* rewriting; progress = pass * nr_pages + cursor */
	WORK_BAD = 3,		/* the program found a wrong word and stopped */
};

/* The first page of the region; the rest of that page is zero. */
struct work_header {
	char magic[8];			/* WORK_MAGIC, written last at start-up */
	unsigned long seed;		/* mixed into every word */
	unsigned long nr_pages;		/* pattern pages after the header, >= 1 */
	volatile unsigned long progress;	/* see the rule above */
	volatile unsigned long state;		/* enum work_state */
	/* WORK_BAD: what the program found (0 otherwise). */
	volatile unsigned long bad_va;
	volatile unsigned long bad_got;
	volatile unsigned long bad_want;
};
_Static_assert(sizeof(unsigned long) == 8, "the pattern is made of 64-bit words");

/* The word at VA in generation GEN: splitmix64's finaliser over a mix of
 * the three, so that neighbours and generations differ in every bit. */
static inline unsigned long
work_mix(unsigned long seed, unsigned long va, unsigned long gen)
{
	unsigned long x = seed ^ (va * 0x9e3779b97f4a7c15UL) ^ (gen * 0xc2b2ae3d27d4eb4fUL);

	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9UL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebUL;
	x ^= x >> 31;
	return x;
}

/* What one pattern page may hold. */
enum work_page_kind {
	WORK_PAGE_UNWRITTEN,	/* not filled yet: not checked */
	WORK_PAGE_GEN,		/* every word of generation gen */
	WORK_PAGE_CURSOR,	/* words of gen + 1, then words of gen */
};

/* The rule for pattern page I (0 = the first after the header) when the
 * header says STATE and PROGRESS; *GEN gets the generation. */
static inline enum work_page_kind
work_page_kind(unsigned long state, unsigned long progress, unsigned long nr_pages,
	       unsigned long i, unsigned long *gen)
{
	unsigned long pass = progress / nr_pages, cursor = progress % nr_pages;

	if (state == WORK_FILLING) {
		*gen = 0;
		return i < progress ? WORK_PAGE_GEN : WORK_PAGE_UNWRITTEN;
	}
	*gen = i < cursor ? pass + 1 : pass;
	return i == cursor ? WORK_PAGE_CURSOR : WORK_PAGE_GEN;
}

/*
 * Check the page W (WORK_WORDS words) that lives at VA against KIND and
 * GEN.  -1 when every word is right; else the index of the first wrong
 * word, with *WANT what it should hold (for a cursor page: its older
 * generation, what an untouched word would hold).
 */
static inline long
work_check_page(const unsigned long *w, unsigned long seed, unsigned long va,
		enum work_page_kind kind, unsigned long gen, unsigned long *want)
{
	int rewritten = kind == WORK_PAGE_CURSOR;	/* still in the pass + 1 prefix */

	if (kind == WORK_PAGE_UNWRITTEN)
		return -1;
	for (unsigned long j = 0; j < WORK_WORDS; j++) {
		unsigned long wva = va + 8 * j;

		if (rewritten && w[j] == work_mix(seed, wva, gen + 1))
			continue;
		rewritten = 0;
		if (w[j] != work_mix(seed, wva, gen)) {
			*want = work_mix(seed, wva, gen);
			return j;
		}
	}
	return -1;
}

#endif /* HOTMEM_USER_WORK_PATTERN_H */
