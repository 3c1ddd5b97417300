/* SPDX-License-Identifier: MIT */
/*
 * arch/x86_64/include/arch/multiboot2.h - multiboot2 numbers and the boot
 * information layout GRUB hands to the kernel.
 *
 * On entry (32-bit protected mode, paging off): EAX = MB2_BOOTLOADER_MAGIC,
 * EBX = physical address of the boot information: u32 total_size,
 * u32 reserved, then tags (8-byte aligned) up to an end tag of type 0.
 *
 * Course text: docs/01-boot.md.
 */
#ifndef ARCH_MULTIBOOT2_H
#define ARCH_MULTIBOOT2_H

#define MB2_HEADER_MAGIC		0xe85250d6
#define MB2_BOOTLOADER_MAGIC		0x36d76289
#define MB2_ARCH_I386			0

#define MB2_HEADER_TAG_INFO_REQUEST	1
#define MB2_HEADER_TAG_CONSOLE_FLAGS	4
#define MB2_HEADER_TAG_OPTIONAL		1

/* Boot-information tag types. */
#define MB2_TAG_END			0
#define MB2_TAG_CMDLINE			1
#define MB2_TAG_BOOTLOADER		2
#define MB2_TAG_MODULE			3
#define MB2_TAG_BASIC_MEMINFO		4
#define MB2_TAG_BOOTDEV			5
#define MB2_TAG_MMAP			6
#define MB2_TAG_FRAMEBUFFER		8
#define MB2_TAG_ELF_SECTIONS		9
#define MB2_TAG_APM			10
#define MB2_TAG_EFI64			12
#define MB2_TAG_SMBIOS			13
#define MB2_TAG_ACPI_OLD		14	/* RSDP, ACPI 1.0 (20 bytes) */
#define MB2_TAG_ACPI_NEW		15	/* RSDP, ACPI 2.0+ (36 bytes) */
#define MB2_TAG_NETWORK			16
#define MB2_TAG_EFI_MMAP		17
#define MB2_TAG_EFI_BS			18
#define MB2_TAG_EFI64_IH		20
#define MB2_TAG_LOAD_BASE_ADDR		21

/* Memory map entry types (as in the E820 map). */
#define MB2_MEMORY_AVAILABLE		1
#define MB2_MEMORY_RESERVED		2
#define MB2_MEMORY_ACPI_RECLAIMABLE	3
#define MB2_MEMORY_NVS			4
#define MB2_MEMORY_BADRAM		5

#ifndef __ASSEMBLY__
#include "kernel/types.h"

struct mb2_info {
	u32 total_size;		/* bytes, this header included */
	u32 reserved;
} __packed;

struct mb2_tag {
	u32 type;		/* MB2_TAG_* */
	u32 size;		/* bytes, this header included, padding excluded */
} __packed;

struct mb2_tag_string {		/* MB2_TAG_CMDLINE, MB2_TAG_BOOTLOADER */
	struct mb2_tag tag;
	char string[];		/* NUL-terminated */
} __packed;

struct mb2_mmap_entry {
	u64 base_addr;
	u64 length;
	u32 type;		/* MB2_MEMORY_* */
	u32 reserved;
} __packed;

struct mb2_tag_mmap {
	struct mb2_tag tag;
	u32 entry_size;		/* bytes per entry; may grow, so step by it */
	u32 entry_version;	/* 0 */
	/* entries follow */
} __packed;

struct mb2_tag_acpi {		/* MB2_TAG_ACPI_OLD, MB2_TAG_ACPI_NEW */
	struct mb2_tag tag;
	u8 rsdp[];		/* a copy of the RSDP */
} __packed;

_Static_assert(sizeof(struct mb2_mmap_entry) == 24, "multiboot2 mmap entry");
_Static_assert(sizeof(struct mb2_tag_mmap) == 16, "multiboot2 mmap tag");
#endif

#endif /* ARCH_MULTIBOOT2_H */
