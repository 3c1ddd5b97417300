/* SPDX-License-Identifier: MIT */
/*
 * kernel/bootinfo.h - what the boot loader told us, in the kernel's own
 * terms: the command line, the physical memory map, where the ACPI RSDP
 * is.  kernel/multiboot2.c fills it from GRUB's tags; mm/ and
 * drivers/acpi/ read it and never see multiboot2 itself.
 *
 * Course text: docs/01-boot.md.
 */
#ifndef KERNEL_BOOTINFO_H
#define KERNEL_BOOTINFO_H

#include "kernel/types.h"

#define BOOT_MEM_MAX	128	/* memory map entries kept */

enum boot_mem_type {		/* the E820 / multiboot2 types */
	BOOT_MEM_RAM = 1,	/* usable RAM */
	BOOT_MEM_RESERVED = 2,	/* firmware or devices: never touch */
	BOOT_MEM_ACPI = 3,	/* ACPI tables: RAM once they are read */
	BOOT_MEM_NVS = 4,	/* ACPI non-volatile storage: keep */
	BOOT_MEM_BAD = 5,	/* defective RAM */
};

struct boot_mem_range {
	u64 base;		/* physical address of the first byte */
	u64 size;		/* bytes; [base, base + size) */
	u32 type;		/* enum boot_mem_type, or another firmware value */
};

struct boot_info {
	const char *cmdline;	/* kernel command line; "" when none */
	const char *loader;	/* boot loader name; "" when none */
	struct boot_mem_range mem[BOOT_MEM_MAX];
	int nr_mem;		/* entries in mem[], in the loader's order */
	int nr_mem_dropped;	/* entries beyond BOOT_MEM_MAX, ignored */
	const void *rsdp_v1;	/* copy of the ACPI 1.0 RSDP, or NULL */
	const void *rsdp_v2;	/* copy of the ACPI 2.0+ RSDP, or NULL */
	u32 rsdp_v2_size;	/* bytes in that copy */
	paddr_t info_paddr;	/* the multiboot2 information itself ... */
	u32 info_size;		/* ... must stay reserved while we use it */
};

extern struct boot_info boot_info;

/* multiboot2.c: fill boot_info; returns 0 or -EINVAL (with a message). */
int multiboot2_parse(u32 magic, paddr_t info_paddr, struct boot_info *bi);
const char *boot_mem_type_name(u32 type);

#endif /* KERNEL_BOOTINFO_H */
