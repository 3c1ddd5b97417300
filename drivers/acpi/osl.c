/* SPDX-License-Identifier: MIT */
/*
 * drivers/acpi/osl.c - the OS layer under drivers/acpi/ in the kernel:
 * making firmware memory readable, and the hook run once the tables are
 * known.  The host tests link tests/unit/fake/fake_acpi_os.c instead.
 *
 * The idea: ACPI tables live in memory the boot map calls "ACPI data",
 * "NVS" or "reserved", which mm/ never put in the direct map.  We map
 * exactly the pages a table covers, one 4 KiB page at a time and only
 * pages not mapped yet: a firmware pointer into device registers that are
 * already mapped uncached cannot turn them write-back, and no 2 MiB
 * mapping is made that could cover registers mapped later.  Mappings are
 * kept: the tables are read again by the shell and the AML interpreter.
 *
 * Course text: docs/06-acpi-tables-srat-numa.md.
 * Tests: tests/qemu/test_acpi_tables.py
 */
#include <arch/memlayout.h>
#include <arch/mmu.h>
#include <arch/mmparam.h>
#include "drivers/acpi/acpi.h"
#include "kernel/kernel.h"

#define OSL_PAGE	(1ULL << PAGE_SHIFT)

const void *
acpi_os_map(paddr_t pa, size_t size)
{
	paddr_t start = ALIGN_DOWN(pa, OSL_PAGE), end;

	if (!size || pa + size < pa || pa + size > (1ULL << MAX_PHYSMEM_BITS))
		return NULL;	/* beyond physical memory: PHYS_OFFSET + it is not RAM */
	end = ALIGN_UP(pa + size, OSL_PAGE);
	if (end < pa + size)		/* wrapped past the top */
		return NULL;
	for (paddr_t page = start; page < end; page += OSL_PAGE) {
		if (arch_va_mapped((vaddr_t)phys_to_virt(page)))
			continue;
		if (arch_map_direct(page, OSL_PAGE)) {
			pr_warn("acpi: cannot map firmware memory at 0x%llx (for [0x%llx-0x%llx])\n",
				(unsigned long long)page, (unsigned long long)pa,
				(unsigned long long)(pa + size - 1));
			return NULL;
		}
	}
	return phys_to_virt(pa);
}

void
acpi_os_tables_ready(void)
{
	acpi_sysfs_init();
}
