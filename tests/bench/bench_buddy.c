/* SPDX-License-Identifier: MIT */
/*
 * tests/bench/bench_buddy.c - the buddy allocator's speed on the host:
 * N alloc_pages()+free_pages() pairs of one order on a fake one-section
 * zone, with the real mm/page_alloc.c.  tools/bench runs it for the time
 * per pair, and under callgrind twice (two values of N) for the
 * instructions per pair with set-up subtracted.
 *
 *   build/bench/bench_buddy ORDER PAIRS      prints "order O: P pairs, X ns/pair"
 *
 * Course text: docs/04-buddy.md.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mm/mm.h"

static void *
leaf_calloc(size_t size)
{
	return calloc(1, size);
}

int
main(int argc, char **argv)
{
	unsigned long start, pairs;
	unsigned int order;
	struct page *memmap;
	struct timespec t0, t1;
	double ns;

	if (argc != 3) {
		fprintf(stderr, "usage: bench_buddy ORDER PAIRS\n");
		return 2;
	}
	order = (unsigned int)strtoul(argv[1], NULL, 0);
	pairs = strtoul(argv[2], NULL, 0);
	if (order >= MAX_ORDER) {
		fprintf(stderr, "bench_buddy: order %u >= MAX_ORDER %d\n", order, MAX_ORDER);
		return 2;
	}

	/* One section of RAM, node 0, every page free. */
	sparse_set_allocator(leaf_calloc);
	start = section_nr_to_pfn(1);
	memmap = aligned_alloc(64, memmap_size_bytes());
	if (!memmap || sparse_init_section(1, 0, memmap, SECTION_IS_EARLY))
		return 1;
	node_set_online(0);
	zone_init_range(0, zone_for_pfn(start), start, start + PAGES_PER_SECTION);
	free_boot_pages(start, start + PAGES_PER_SECTION);
	build_all_zonelists();

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (unsigned long i = 0; i < pairs; i++) {
		struct page *p = alloc_pages(GFP_KERNEL, order);

		if (!p)
			return 1;
		free_pages(p, order);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ns = (t1.tv_sec - t0.tv_sec) * 1e9 + (t1.tv_nsec - t0.tv_nsec);
	printf("order %u: %lu pairs, %.1f ns/pair\n", order, pairs, pairs ? ns / pairs : 0.0);
	return 0;
}
