/* SPDX-License-Identifier: MIT */
/*
 * mm/cmd_membench.c - `membench SIZE`: how fast the kernel copies SIZE
 * bytes of memory, page by page, the way migration copies a page.  The
 * figure migration's throughput is compared with (make bench,
 * docs/10-migration.md): what would moving SIZE cost if copying were all
 * there is to it?
 *
 * The idea: take SIZE of source memory in huge-page-sized blocks (so the
 * copy reads memory it has not just written) and one destination block,
 * fill the sources, then memcpy() each source block into the destination
 * one base page at a time, timed with ktime_ns().  Without the
 * destination's cache advantage a real migration does not have, the
 * figure would flatter memcpy; with one destination block reused, it
 * flatters it a little still: migration writes fresh pages.
 *
 * Course text: docs/10-migration.md.
 * Tests: tests/qemu/test_migration.py
 */
#include "kernel/kernel.h"
#include "kernel/lib.h"
#include "kernel/shell.h"
#include "mm/mm.h"
#include "mm/vm.h"

#define MEMBENCH_BLOCK_ORDER	HPAGE_ORDER
#define MEMBENCH_BLOCK		(PAGE_SIZE << MEMBENCH_BLOCK_ORDER)

/* Free a list of blocks linked through their first page's lru. */
static void
free_blocks(struct list_head *blocks)
{
	while (!list_empty(blocks)) {
		struct page *p = list_first_entry(blocks, struct page, lru);

		list_del(&p->lru);
		free_pages(p, MEMBENCH_BLOCK_ORDER);
	}
}

SHELL_COMMAND(cmd_membench, "membench", "SIZE", 1, 1,
	      "time copying SIZE bytes page by page, as migration does (make bench)");
static int
cmd_membench(int argc, char **argv)
{
	struct list_head sources = LIST_HEAD_INIT(sources);
	struct page *dst;
	u64 size, n, t0, ns;
	struct list_head *pos;
	char human[16];

	(void)argc;
	if (arg_size(argv[1], &size) || size == 0 || size % MEMBENCH_BLOCK) {
		printf("membench: %s: not a size in whole %lu KiB blocks\n", argv[1],
		       MEMBENCH_BLOCK >> 10);
		return -EINVAL;
	}
	dst = alloc_pages(GFP_KERNEL, MEMBENCH_BLOCK_ORDER);
	for (n = 0; dst && n < size / MEMBENCH_BLOCK; n++) {
		struct page *p = alloc_pages(GFP_KERNEL, MEMBENCH_BLOCK_ORDER);

		if (!p)
			break;
		memset(page_address(p), (int)n, MEMBENCH_BLOCK);
		list_add_tail(&p->lru, &sources);
	}
	if (!dst || n < size / MEMBENCH_BLOCK) {
		printf("membench: no memory for %s of sources and a %lu KiB destination\n",
		       argv[1], MEMBENCH_BLOCK >> 10);
		free_blocks(&sources);
		if (dst)
			free_pages(dst, MEMBENCH_BLOCK_ORDER);
		return -ENOMEM;
	}

	t0 = ktime_ns();
	list_for_each(pos, &sources) {
		u8 *src = page_address(list_entry(pos, struct page, lru));

		for (u64 off = 0; off < MEMBENCH_BLOCK; off += PAGE_SIZE)
			memcpy((u8 *)page_address(dst) + off, src + off, PAGE_SIZE);
	}
	ns = MAX(ktime_ns() - t0, 1);

	size_to_human(size, human, sizeof(human));
	printf("membench: memcpy %s in %llu ms, %llu MiB/s\n", human,
	       (unsigned long long)(ns / 1000000),
	       (unsigned long long)((size >> 20) * 1000000000ULL / ns));
	free_blocks(&sources);
	free_pages(dst, MEMBENCH_BLOCK_ORDER);
	return 0;
}
