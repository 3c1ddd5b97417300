/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/kernel/test_work_pattern.c - host tests for
 * kernel/user/work_pattern.h: the rule `work check` applies holds at
 * every instant of the program's life, and a wrong word anywhere is
 * found, at its exact address.
 *
 * The program is modelled by a writer that follows the protocol of
 * kernel/user/work.c one 64-bit store at a time (fill, then rewrite page
 * by page, one store of progress per page); the checker runs after
 * every single store, as a task preempted at any instruction would be
 * seen by the kernel.
 *
 * Course text: docs/11-user-tasks.md.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "kernel/user/work_pattern.h"

#define NR_PAGES	3
#define BASE		0x10000000000UL	/* where the region "is" */
#define SEED		0x1234abcdUL

/* The region: header page + NR_PAGES pattern pages. */
static union {
	struct work_header h;
	unsigned long words[(NR_PAGES + 1) * WORK_WORDS];
} region;

/* The model writer's position: how far it got, one store at a time. */
static struct {
	unsigned long page;	/* filling: the page; running: from progress */
	unsigned long word;	/* next word to store in that page */
} writer;

static unsigned long *
page_words(unsigned long i)
{
	return &region.words[(i + 1) * WORK_WORDS];
}

static unsigned long
page_va(unsigned long i)
{
	return BASE + (i + 1) * WORK_PAGE_SIZE;
}

static void
start(void)
{
	memset(&region, 0, sizeof(region));
	region.h.seed = SEED;
	region.h.nr_pages = NR_PAGES;
	region.h.state = WORK_FILLING;
	region.h.progress = 0;
	memcpy(region.h.magic, WORK_MAGIC, 8);
	writer.page = writer.word = 0;
}

/* One store of the program (kernel/user/work.c's order). */
static void
step(void)
{
	struct work_header *h = &region.h;

	if (h->state == WORK_FILLING) {
		if (writer.page == NR_PAGES) {		/* fill done: two stores */
			if (h->progress) {
				h->progress = 0;
			} else {
				h->state = WORK_RUNNING;
				writer.word = 0;
			}
			return;
		}
		page_words(writer.page)[writer.word] =
			work_mix(SEED, page_va(writer.page) + 8 * writer.word, 0);
		if (++writer.word == WORK_WORDS) {
			writer.word = 0;
			h->progress = ++writer.page;
		}
		return;
	}
	unsigned long pass = h->progress / NR_PAGES, cur = h->progress % NR_PAGES;

	if (writer.word == WORK_WORDS) {		/* the one progress store */
		h->progress++;
		writer.word = 0;
		return;
	}
	page_words(cur)[writer.word] = work_mix(SEED, page_va(cur) + 8 * writer.word, pass + 1);
	writer.word++;
}

/* The kernel's check of every page: -1 if all fine, else the bad page
 * index; *AT and *WANT say where and what. */
static long
check_all(unsigned long *at, unsigned long *want)
{
	for (unsigned long i = 0; i < NR_PAGES; i++) {
		unsigned long gen;
		enum work_page_kind kind = work_page_kind(region.h.state, region.h.progress,
							  NR_PAGES, i, &gen);
		long j = work_check_page(page_words(i), SEED, page_va(i), kind, gen, want);

		if (j >= 0) {
			*at = page_va(i) + 8 * j;
			return i;
		}
	}
	return -1;
}

/*
 * Expect the rule to hold after every store from the first fill word to
 * the end of pass 4: ~4 * 3 * 512 checks, each of every page.
 */
static void
test_rule_holds_after_every_store(void **state)
{
	unsigned long at, want, steps = 0;

	(void)state;
	start();
	while (region.h.state != WORK_RUNNING || region.h.progress < 4 * NR_PAGES) {
		step();
		steps++;
		if (check_all(&at, &want) >= 0)
			fail_msg("after store %lu (progress %lu, state %lu): bad at 0x%lx",
				 steps, region.h.progress, region.h.state, at);
	}
	assert_true(steps > 4 * NR_PAGES * WORK_WORDS);
}

/* Run the model until PROGRESS, then stop mid-page at WORD stores in. */
static void
run_to(unsigned long progress, unsigned long word)
{
	start();
	while (region.h.state != WORK_RUNNING || region.h.progress < progress)
		step();
	while (writer.word < word)
		step();
}

/*
 * Expect one flipped bit in any page (before, at and after the cursor;
 * in the rewritten prefix and the old suffix) found at its exact
 * address, with the value it should have had.
 */
static void
test_a_wrong_word_is_found_where_it_is(void **state)
{
	static const struct { unsigned long page, word; } spots[] = {
		{ 0, 0 }, { 0, 511 }, { 1, 5 }, { 1, 300 }, { 2, 0 }, { 2, 100 },
	};

	(void)state;
	for (size_t k = 0; k < sizeof(spots) / sizeof(spots[0]); k++) {
		unsigned long at, want, right;

		run_to(2 * NR_PAGES + 1, 200);	/* pass 2, cursor on page 1, 200 words in */
		right = page_words(spots[k].page)[spots[k].word];
		page_words(spots[k].page)[spots[k].word] ^= 1UL << 17;
		assert_int_equal(check_all(&at, &want), spots[k].page);
		assert_int_equal(at, page_va(spots[k].page) + 8 * spots[k].word);
		if (!(spots[k].page == 1 && spots[k].word < 200))	/* prefix: want is the older gen */
			assert_int_equal(want, right);
	}
}

/* Expect two pages swapped (a migration that mixed up its copies), a page
 * of zeroes (a lost copy) and a stale page (an old generation) found. */
static void
test_moved_lost_and_stale_pages_are_found(void **state)
{
	unsigned long at, want, tmp[WORK_WORDS];

	(void)state;
	run_to(NR_PAGES + 1, 0);
	memcpy(tmp, page_words(0), sizeof(tmp));
	memcpy(page_words(0), page_words(2), sizeof(tmp));
	memcpy(page_words(2), tmp, sizeof(tmp));
	assert_int_equal(check_all(&at, &want), 0);

	run_to(NR_PAGES + 1, 0);
	memset(page_words(2), 0, sizeof(tmp));
	assert_int_equal(check_all(&at, &want), 2);
	assert_int_equal(at, page_va(2));

	run_to(NR_PAGES + 1, 0);	/* page 0 is at pass 2 now: put pass 1 back */
	for (unsigned long j = 0; j < WORK_WORDS; j++)
		page_words(0)[j] = work_mix(SEED, page_va(0) + 8 * j, 1);
	assert_int_equal(check_all(&at, &want), 0);
}

/*
 *   cursor page:  new new OLD new old old ...
 * Expect a new word after an old one (the program writes in order, so
 * that cannot be) to be found.
 */
static void
test_cursor_page_must_be_new_then_old(void **state)
{
	unsigned long at, want;

	(void)state;
	run_to(NR_PAGES + 1, 3);		/* cursor on page 1, words 0..2 new */
	page_words(1)[3] = work_mix(SEED, page_va(1) + 24, 2);	/* word 3 new too: fine */
	assert_int_equal(check_all(&at, &want), -1);
	page_words(1)[2] = work_mix(SEED, page_va(1) + 16, 1);	/* word 2 old, 3 new: not */
	assert_int_equal(check_all(&at, &want), 1);
	assert_int_equal(at, page_va(1) + 24);
}

/* Expect nothing checked beyond the filled pages while filling, and a
 * wrong word in a filled page found. */
static void
test_filling_checks_only_filled_pages(void **state)
{
	unsigned long at, want;

	(void)state;
	start();
	while (region.h.progress < 1)
		step();
	page_words(2)[7] = 0xdead;		/* not filled yet: anything goes */
	assert_int_equal(check_all(&at, &want), -1);
	page_words(0)[7] ^= 1;
	assert_int_equal(check_all(&at, &want), 0);
	assert_int_equal(at, page_va(0) + 56);
}

/* Expect the mix to depend on every input: neighbours, generations and
 * seeds never share words over a whole page. */
static void
test_mix_separates_addresses_generations_seeds(void **state)
{
	(void)state;
	for (unsigned long j = 0; j < WORK_WORDS; j++) {
		unsigned long va = BASE + 8 * j, w = work_mix(SEED, va, 5);

		assert_true(w != work_mix(SEED, va + 8, 5));
		assert_true(w != work_mix(SEED, va + WORK_PAGE_SIZE, 5));
		assert_true(w != work_mix(SEED, va, 6));
		assert_true(w != work_mix(SEED + 1, va, 5));
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rule_holds_after_every_store),
		cmocka_unit_test(test_a_wrong_word_is_found_where_it_is),
		cmocka_unit_test(test_moved_lost_and_stale_pages_are_found),
		cmocka_unit_test(test_cursor_page_must_be_new_then_old),
		cmocka_unit_test(test_filling_checks_only_filled_pages),
		cmocka_unit_test(test_mix_separates_addresses_generations_seeds),
	};

	return cmocka_run_group_tests_name("kernel/work_pattern", tests, NULL, NULL);
}
