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
 * The second half is the AML interpreter's OS layer (aml_os_* in
 * drivers/acpi/aml/aml.h): memory from kmalloc, the three address spaces
 * QEMU's AML uses (SystemIO by in/out, SystemMemory through the direct
 * map, PCI_Config through the legacy 0xCF8/0xCFC ports), delays and the
 * clock.  aml_os_notify() is drivers/acpi/bus.c's.
 *
 * Course text: docs/06-acpi-tables-srat-numa.md, docs/07-aml-and-acpi-events.md.
 * Tests: tests/qemu/test_acpi_tables.py
 */
#include <arch/io.h>
#include <arch/memlayout.h>
#include <arch/mmu.h>
#include <arch/mmparam.h>
#include "drivers/acpi/acpi.h"
#include "drivers/acpi/aml/aml.h"
#include "kernel/kernel.h"
#include "mm/mm.h"

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

/* ------------------------------------------------------------ the AML OS layer */

void *
aml_os_alloc(size_t size)
{
	return kzalloc(size, GFP_KERNEL);
}

void
aml_os_free(void *p)
{
	kfree(p);
}

static int
io_access(u64 port, unsigned int width, u64 *value, bool write)
{
	if (port > 0x10000 - width / 8)		/* no wrap past the top either */
		return -EINVAL;
	switch (width) {
	case 8:
		if (write)
			outb((u16)port, (u8)*value);
		else
			*value = inb((u16)port);
		return 0;
	case 16:
		if (write)
			outw((u16)port, (u16)*value);
		else
			*value = inw((u16)port);
		return 0;
	case 32:
		if (write)
			outl((u16)port, (u32)*value);
		else
			*value = inl((u16)port);
		return 0;
	default:	/* x86 has no 64-bit port I/O: two dwords, low first */
		if (write) {
			outl((u16)port, (u32)*value);
			outl((u16)(port + 4), (u32)(*value >> 32));
		} else {
			*value = inl((u16)port) | (u64)inl((u16)(port + 4)) << 32;
		}
		return 0;
	}
}

/*
 * SystemMemory: a page the direct map already has (RAM, a table) is used
 * as it is mapped; any other page is mapped uncached, as device registers
 * must be, and stays mapped.  The access is one volatile load or store.
 */
static int
mem_access(u64 pa, unsigned int width, u64 *value, bool write)
{
	volatile void *va;

	if (pa + width / 8 < pa || pa + width / 8 > (1ULL << MAX_PHYSMEM_BITS) ||
	    (pa & (width / 8 - 1)))
		return -EINVAL;
	if (!arch_va_mapped((vaddr_t)phys_to_virt(pa)) &&
	    arch_map_mmio(ALIGN_DOWN(pa, OSL_PAGE), OSL_PAGE))
		return -ENOMEM;
	va = phys_to_virt(pa);
	switch (width) {
	case 8:
		if (write)
			*(volatile u8 *)va = (u8)*value;
		else
			*value = *(volatile u8 *)va;
		return 0;
	case 16:
		if (write)
			*(volatile u16 *)va = (u16)*value;
		else
			*value = *(volatile u16 *)va;
		return 0;
	case 32:
		if (write)
			*(volatile u32 *)va = (u32)*value;
		else
			*value = *(volatile u32 *)va;
		return 0;
	default:
		if (write)
			*(volatile u64 *)va = *value;
		else
			*value = *(volatile u64 *)va;
		return 0;
	}
}

/*
 * PCI_Config by configuration mechanism #1: write the enable bit, bus,
 * device, function and dword offset to 0xCF8, then move the data through
 * 0xCFC..0xCFF.  It reaches segment 0 and the first 256 bytes of each
 * function only; anything else is refused (the evaluation fails).
 *
 *	address: (segment << 32) | (bus << 20) | (device << 15) | (function << 12) | offset
 */
static int
pci_access(u64 address, unsigned int width, u64 *value, bool write)
{
	u32 bus = (address >> 20) & 0xFF, dev = (address >> 15) & 0x1F;
	u32 fn = (address >> 12) & 0x7, off = address & 0xFFF;
	u32 cf8;

	if (address >> 32 || off + width / 8 > 256 || width == 64 ||
	    (off & 3) + width / 8 > 4)
		return -EINVAL;
	cf8 = 0x80000000u | bus << 16 | dev << 11 | fn << 8 | (off & 0xFC);
	outl(0xCF8, cf8);
	return io_access(0xCFC + (off & 3), width, value, write);
}

static int
region_access(enum aml_space space, u64 address, unsigned int width, u64 *value, bool write)
{
	if (width != 8 && width != 16 && width != 32 && width != 64)
		return -EINVAL;
	switch (space) {
	case AML_SPACE_IO:
		return io_access(address, width, value, write);
	case AML_SPACE_MEMORY:
		return mem_access(address, width, value, write);
	case AML_SPACE_PCI:
		return pci_access(address, width, value, write);
	default:
		return -EINVAL;
	}
}

int
aml_os_region_read(enum aml_space space, u64 address, unsigned int width, u64 *value)
{
	*value = 0;
	return region_access(space, address, width, value, false);
}

int
aml_os_region_write(enum aml_space space, u64 address, unsigned int width, u64 value)
{
	return region_access(space, address, width, &value, true);
}

void
aml_os_stall(u32 usec)
{
	udelay(usec);
}

/*
 * Sleep: for now a busy wait.  Once tasks exist (kernel/task.h) this
 * becomes task_sleep_ms(), so kacpid gives the CPU away while the
 * firmware waits; the task helper makes that change.
 */
void
aml_os_sleep(u32 msec)
{
	udelay((u64)msec * 1000);
}

u64
aml_os_timer(void)
{
	return ktime_ns() / 100;
}

void
aml_os_debug(const char *text)
{
	pr_info("[ACPI Debug] %s\n", text);
}

/*
 * Until drivers/acpi/bus.c (the events work) provides the real
 * aml_os_notify(), which queues the Notify for dispatch, this weak one
 * only says that nothing listens; the strong definition replaces it at
 * link time with no change here.
 */
__attribute__((weak)) void
aml_os_notify(struct aml_node *node, u32 value)
{
	char path[64];

	aml_node_path(node, path, sizeof(path));
	pr_info("acpi: Notify(%s, 0x%x) with no bus to deliver it\n", path, value);
}
