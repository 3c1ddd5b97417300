/* SPDX-License-Identifier: MIT */
/*
 * drivers/acpi/cmd_memory.c - the shell's view of the DIMM slots:
 * `dimms` (one line per PNP0C80 slot: _STA, range, node, memory blocks,
 * state) and `eject SLOT` (the guest gives a DIMM back: offline, remove,
 * _EJ0; QEMU then deletes the device).
 *
 * The idea: both need AML (_STA, _CRS, _EJ0), and AML runs only in
 * kacpid, so each hands its work to acpi_worker_call() and prints after.
 *
 *	hotmem> dimms
 *	SLOT DEVICE           STA  RANGE                                      SIZE NODE BLOCKS STATE
 *	   0 \_SB_.MHPC.MP00  0x0f 0x0000000100000000-0x000000013fffffff        1G    0 32-39  online
 *	   1 \_SB_.MHPC.MP01  0x00 -                                             -    - -      empty
 *
 * Kernel only.
 * Course text: docs/08-hot-add.md, docs/09-hot-remove.md.
 * Tests: tests/qemu/test_hot_remove.py (eject), tests/qemu/test_hot_add.py (dimms)
 */
#include "drivers/acpi/acpi.h"
#include "kernel/kernel.h"
#include "kernel/lib.h"
#include "kernel/shell.h"
#include "mm/memory_hotplug.h"

/* SIZE as lsmem prints it: 640K, 128M, 1G, 1.5G. */
static void
size_text(u64 size, char *buf, size_t len)
{
	static const char units[] = "BKMGTPE";
	int u = 0;

	while (u < 6 && size >= (1ULL << (10 * (u + 1))))
		u++;
	if (!u || !(size & ((1ULL << (10 * u)) - 1))) {
		snprintf(buf, len, "%llu%c", (unsigned long long)(size >> (10 * u)), units[u]);
	} else {
		/* one decimal, rounded */
		u64 tenths = (size * 10 + (1ULL << (10 * u)) / 2) >> (10 * u);

		if (tenths % 10)
			snprintf(buf, len, "%llu.%llu%c", (unsigned long long)(tenths / 10),
				 (unsigned long long)(tenths % 10), units[u]);
		else	/* rounded to a whole number: 1023.96M is 1024M */
			snprintf(buf, len, "%llu%c", (unsigned long long)(tenths / 10), units[u]);
	}
}

/* The blocks of D's added ranges: "32-39", "32-39,48", "-". */
static void
blocks_text(const struct acpi_memory_dimm *d, char *buf, size_t len)
{
	int n = 0;

	buf[0] = '\0';
	for (int r = 0; r < d->nr_ranges && n < (int)len; r++) {
		const struct hotplug_range *h = d->ranges[r].rec;
		unsigned long first, last;

		if (!h || h->status != MHP_ENABLED)
			continue;
		first = pfn_to_block_id(h->start >> PAGE_SHIFT);
		last = pfn_to_block_id((h->start + h->size - 1) >> PAGE_SHIFT);
		n += snprintf(buf + n, len - n, n ? ",%lu" : "%lu", first);
		if (last != first && n < (int)len)
			n += snprintf(buf + n, len - n, "-%lu", last);
	}
	if (!buf[0])
		snprintf(buf, len, "-");
}

static int
refresh_in_worker(void *unused)
{
	(void)unused;
	return acpi_memory_refresh();
}

SHELL_COMMAND(cmd_dimms, "dimms", "", 0, 0,
	      "the ACPI memory device slots (PNP0C80): _STA, range, node, blocks, state");
static int
cmd_dimms(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	acpi_worker_call(refresh_in_worker, NULL);
	printf("SLOT DEVICE           STA  RANGE                                      SIZE NODE BLOCKS STATE\n");
	for (int i = 0; i < acpi_memory_count(); i++) {
		const struct acpi_memory_dimm *d = acpi_memory_at(i);
		char size[16], blocks[48];

		if (!d->nr_ranges) {
			printf("%4d %-16s 0x%02x %-37s %9s %4s %-6s %s\n", d->slot, d->adev->path,
			       d->sta, "-", "-", "-", "-", acpi_memory_state(d));
			continue;
		}
		blocks_text(d, blocks, sizeof(blocks));
		for (int r = 0; r < d->nr_ranges; r++) {
			size_text(d->ranges[r].size, size, sizeof(size));
			/* a second range of one slot: only range and size */
			if (r)
				printf("%4s %-16s %4s %#018llx-%#018llx %9s\n", "", "", "",
				       (unsigned long long)d->ranges[r].start,
				       (unsigned long long)(d->ranges[r].start + d->ranges[r].size - 1),
				       size);
			else
				printf("%4d %-16s 0x%02x %#018llx-%#018llx %9s %4d %-6s %s\n", d->slot,
				       d->adev->path, d->sta, (unsigned long long)d->ranges[0].start,
				       (unsigned long long)(d->ranges[0].start + d->ranges[0].size - 1),
				       size, d->nid, blocks, acpi_memory_state(d));
		}
	}
	if (!acpi_memory_count())
		printf("(no PNP0C80 memory devices: QEMU needs -m SIZE,slots=N,maxmem=M)\n");
	return 0;
}

static int
eject_in_worker(void *arg)
{
	return acpi_memory_eject(*(int *)arg);
}

SHELL_COMMAND(cmd_eject, "eject", "SLOT", 1, 1,
	      "offline and remove a DIMM's memory, then _EJ0: QEMU unplugs it");
static int
cmd_eject(int argc, char **argv)
{
	u64 v;
	int slot, err;

	(void)argc;
	if (arg_u64(argv[1], &v) || v > 0xffff) {
		printf("eject: %s: not a slot number\n", argv[1]);
		return -EINVAL;
	}
	slot = (int)v;
	err = acpi_worker_call(eject_in_worker, &slot);
	if (err == -EINVAL)
		printf("eject: no slot %d (see `dimms`)\n", slot);
	else if (err == -ENODEV)
		printf("eject: slot %d is empty\n", slot);
	/* other failures: the driver's log line said why */
	return err;
}
