/* SPDX-License-Identifier: MIT */
/*
 * kernel/main.c - kernel_main(): the init sequence, in the order it runs.
 *
 * boot/entry.S arrives here in 64-bit mode on the boot stack, interrupts
 * off, with the multiboot2 magic and the boot information's address.
 * Each step below needs only the steps above it; read it top to bottom.
 *
 * Course text: docs/01-boot.md; ACPI events: docs/07-aml-and-acpi-events.md;
 * memory blocks: docs/08-hot-add.md.
 */
#include <arch/cpu.h>
#include "drivers/acpi/acpi.h"
#include "kernel/bootinfo.h"
#include "kernel/console.h"
#include "kernel/kernel.h"
#include "kernel/lib.h"
#include "kernel/shell.h"
#include "kernel/task.h"
#include "mm/memory_hotplug.h"
#include "mm/mm.h"

static void
print_memory_map(const struct boot_info *bi)
{
	u64 ram = 0;

	pr_info("firmware memory map, as the boot loader passed it (%d entries):\n",
		bi->nr_mem);
	for (int i = 0; i < bi->nr_mem; i++) {
		const struct boot_mem_range *r = &bi->mem[i];

		pr_info("  [mem 0x%016llx-0x%016llx] %s (type %u)\n",
			(unsigned long long)r->base,
			(unsigned long long)(r->base + r->size - 1),
			boot_mem_type_name(r->type), r->type);
		if (r->type == BOOT_MEM_RAM)
			ram += r->size;
	}
	pr_info("  %llu MiB usable RAM in the map\n",
		(unsigned long long)(ram >> 20));
}

/* acpi_bus_scan() as acpi_worker_call() wants it. */
static int
bus_scan(void *unused)
{
	(void)unused;
	return acpi_bus_scan();
}

void
kernel_main(u32 magic, paddr_t mbi_paddr)
{
	/* 1. A console, so that every later step can say what it does. */
	console_init();
	pr_info("hotmem %s (%s), a teaching kernel about memory hotplug\n",
		HOTMEM_VERSION, ARCH_NAME);

	/* 2. Our own GDT and IDT: from here a CPU exception is reported. */
	arch_early_init();

	/* 3. What GRUB handed over: command line, memory map, RSDP. */
	if (multiboot2_parse(magic, mbi_paddr, &boot_info))
		panic("no usable boot information; boot hotmem with GRUB's multiboot2 command");
	pr_info("boot loader: %s\n", boot_info.loader[0] ? boot_info.loader : "(unnamed)");
	pr_info("command line: %s\n", boot_info.cmdline);
	cmdline_init(boot_info.cmdline);
	print_memory_map(&boot_info);
	pr_info("acpi: RSDP copies from the boot loader: %s%s%s\n",
		boot_info.rsdp_v2 ? "ACPI 2.0+" : "",
		boot_info.rsdp_v2 && boot_info.rsdp_v1 ? " and " : "",
		boot_info.rsdp_v1 ? "ACPI 1.0" : (boot_info.rsdp_v2 ? "" : "none"));

	/* 4. Physical memory: memblock and the direct map; then, once the
	 *    nodes are known, the memmap, zones and the buddy allocator. */
	mm_init_early(&boot_info);
	acpi_tables_init(boot_info.rsdp_v2, boot_info.rsdp_v1);
	acpi_numa_init();	/* SRAT, SLIT: the nodes, before the memmap is placed */
	mm_init_late();
	/* Memory blocks for the boot RAM (online), the status list, the
	 * files in /sys/devices/system/memory: kmalloc works now, and the
	 * ACPI bus scan of step 7 may hot-add cold-plugged DIMMs. */
	memory_hotplug_init();

	/* 5. Interrupt controllers and the clock; then interrupts on. */
	arch_irq_init();
	console_enable_irq();
	arch_irq_enable();

	/* 6. Tasks: from here kernel_main() is task 0, init, and may sleep
	 *    and create tasks (stacks come from kmalloc). */
	task_init();

	/* 7. ACPI: the AML namespace; then events (ACPI mode, the SCI, the
	 *    worker kacpid, a first run of every GPE method); then, in
	 *    kacpid and before those runs, the bus scan binds the drivers. */
	acpi_namespace_init();
	acpi_events_init();
	acpi_worker_call(bus_scan, NULL);

	/* 8. The shell never returns. */
	pr_info("boot: kernel ready in %llu us since the clock started\n",
		(unsigned long long)(ktime_ns() / 1000));
	shell_run();
}
