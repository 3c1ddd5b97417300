/* SPDX-License-Identifier: MIT */
/*
 * mm/cmd_membench.c - `membench SIZE`: how fast the kernel copies SIZE
 * bytes of memory, page by page, the way migration copies a page.  The
 * figure migration's throughput is compared with (make bench,
 * docs/10-migration.md): what would moving SIZE cost if copying were all
 * there is to it?
 *
 * The idea: take SIZE of source memory and SIZE of destination memory in
 * huge-page-sized blocks, fill the sources, then memcpy() each source
 * block into its destination one base page at a time, timed with
 * ktime_ns().  Like migration, every byte is read from one frame and
 * written to another that nobody touched just before, and the memory is
 * the same kind, movable (GFP_USER: a DIMM's ZONE_MOVABLE first, where
 * migration copies from and, with room, to; under TCG, where memory sits
 * changes what a copy costs); unlike migration there is no allocation,
 * no page-table work and no task to wait for.  That difference is what
 * make bench shows.
 *
 * Page i of a source block goes to page i + 1 of its destination, not to
 * page i.  Under QEMU's TCG, a guest TLB lookup is one slot picked by the
 * low bits of the virtual page number: two addresses an exact multiple of
 * 2 MiB apart share a slot, and a copy between them misses on every
 * access (measured: 200 MiB/s instead of 1200).  Migration's pairs of
 * pages fall at any distance; a yardstick that always hit the worst case
 * would flatter migration sixfold.
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

/* N blocks onto LIST, each filled with its number; false: no memory. */
static bool
alloc_blocks(struct list_head *list, u64 n)
{
	for (u64 i = 0; i < n; i++) {
		struct page *p = alloc_pages(GFP_USER, MEMBENCH_BLOCK_ORDER);

		if (!p)
			return false;
		memset(page_address(p), (int)i, MEMBENCH_BLOCK);
		list_add_tail(&p->lru, list);
	}
	return true;
}

SHELL_COMMAND(cmd_membench, "membench", "SIZE", 1, 1,
	      "time copying SIZE bytes page by page, as migration does (make bench)");
static int
cmd_membench(int argc, char **argv)
{
	struct list_head src = LIST_HEAD_INIT(src), dst = LIST_HEAD_INIT(dst);
	struct list_head *s, *d;
	u64 size, t0, ns;
	char human[16];

	(void)argc;
	if (arg_size(argv[1], &size) || size == 0 || size % MEMBENCH_BLOCK) {
		printf("membench: %s: not a size in whole %lu KiB blocks\n", argv[1],
		       MEMBENCH_BLOCK >> 10);
		return -EINVAL;
	}
	if (!alloc_blocks(&src, size / MEMBENCH_BLOCK) ||
	    !alloc_blocks(&dst, size / MEMBENCH_BLOCK)) {
		printf("membench: no memory for %s to copy and %s to copy into\n",
		       argv[1], argv[1]);
		free_blocks(&src);
		free_blocks(&dst);
		return -ENOMEM;
	}

	t0 = ktime_ns();
	for (s = src.next, d = dst.next; s != &src; s = s->next, d = d->next) {
		u8 *from = page_address(list_entry(s, struct page, lru));
		u8 *to = page_address(list_entry(d, struct page, lru));

		/* Page i into page i + 1: see the top of the file. */
		for (u64 off = 0; off < MEMBENCH_BLOCK; off += PAGE_SIZE)
			memcpy(to + (off + PAGE_SIZE) % MEMBENCH_BLOCK, from + off, PAGE_SIZE);
	}
	ns = MAX(ktime_ns() - t0, 1);

	size_to_human(size, human, sizeof(human));
	printf("membench: memcpy %s in %llu ms, %llu MiB/s\n", human,
	       (unsigned long long)(ns / 1000000),
	       (unsigned long long)((size >> 20) * 1000000000ULL / ns));
	free_blocks(&src);
	free_blocks(&dst);
	return 0;
}
