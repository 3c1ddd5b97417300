/* SPDX-License-Identifier: MIT */
/*
 * kernel/multiboot2.c - reading the boot information GRUB leaves us.
 *
 * The information is a size, then a list of tags (type, size, payload),
 * each starting on an 8-byte boundary, up to an end tag:
 *
 *   +------------+----------+------+------+---------+------+------+-----+
 *   | total_size | reserved | type | size | payload | pad  | type | ... |
 *   +------------+----------+------+------+---------+------+------+-----+
 *
 * Every tag is checked to lie inside total_size before it is read; a
 * broken one ends the walk with a warning (the boot loader is trusted no
 * more than firmware is).
 *
 * Course text: docs/01-boot.md.
 */
#include <arch/memlayout.h>
#include <arch/multiboot2.h>
#include "kernel/bootinfo.h"
#include "kernel/kernel.h"
#include "kernel/lib.h"

struct boot_info boot_info = { .cmdline = "", .loader = "" };

const char *
boot_mem_type_name(u32 type)
{
	switch (type) {
	case BOOT_MEM_RAM:	return "usable";
	case BOOT_MEM_RESERVED:	return "reserved";
	case BOOT_MEM_ACPI:	return "ACPI data";
	case BOOT_MEM_NVS:	return "ACPI NVS";
	case BOOT_MEM_BAD:	return "unusable";
	default:		return "unknown";
	}
}

static void
parse_mmap(const struct mb2_tag_mmap *t, struct boot_info *bi)
{
	const u8 *p = (const u8 *)(t + 1), *end = (const u8 *)t + t->tag.size;

	if (t->entry_size < sizeof(struct mb2_mmap_entry)) {
		pr_warn("multiboot2: memory map entry size %u < %zu; map ignored\n",
			t->entry_size, sizeof(struct mb2_mmap_entry));
		return;
	}
	for (; p + t->entry_size <= end; p += t->entry_size) {
		const struct mb2_mmap_entry *e = (const void *)p;

		if (bi->nr_mem == BOOT_MEM_MAX) {
			bi->nr_mem_dropped++;
			continue;
		}
		bi->mem[bi->nr_mem++] = (struct boot_mem_range){
			.base = e->base_addr, .size = e->length, .type = e->type,
		};
	}
	if (bi->nr_mem_dropped)
		pr_warn("multiboot2: %d memory map entries beyond %d ignored\n",
			bi->nr_mem_dropped, BOOT_MEM_MAX);
}

/* A string tag's text, if it is NUL-terminated inside the tag. */
static const char *
tag_string(const struct mb2_tag *t)
{
	const struct mb2_tag_string *s = (const void *)t;
	size_t max = t->size - sizeof(*t);

	return strnlen(s->string, max) < max ? s->string : NULL;
}

int
multiboot2_parse(u32 magic, paddr_t info_paddr, struct boot_info *bi)
{
	const struct mb2_info *info;
	const u8 *p, *end;

	if (magic != MB2_BOOTLOADER_MAGIC) {
		pr_err("multiboot2: magic 0x%x, expected 0x%x: not started by a multiboot2 loader\n",
		       magic, MB2_BOOTLOADER_MAGIC);
		return -EINVAL;
	}
	if (info_paddr & 7 || info_paddr >= BOOT_DIRECT_MAP_SIZE - 4096) {
		pr_err("multiboot2: information at 0x%llx is misaligned or unmapped\n",
		       (unsigned long long)info_paddr);
		return -EINVAL;
	}
	info = phys_to_virt(info_paddr);
	if (info->total_size < sizeof(*info) ||
	    info_paddr + info->total_size > BOOT_DIRECT_MAP_SIZE) {
		pr_err("multiboot2: information size %u at 0x%llx is absurd or unmapped\n",
		       info->total_size, (unsigned long long)info_paddr);
		return -EINVAL;
	}
	bi->info_paddr = info_paddr;
	bi->info_size = info->total_size;
	p = (const u8 *)(info + 1);
	end = (const u8 *)info + info->total_size;

	while (p + sizeof(struct mb2_tag) <= end) {
		const struct mb2_tag *t = (const void *)p;
		const char *s;

		if (t->size < sizeof(*t) || p + t->size > end) {
			pr_warn("multiboot2: tag type %u has size %u past the end; rest ignored\n",
				t->type, t->size);
			break;
		}
		switch (t->type) {
		case MB2_TAG_END:
			return 0;
		case MB2_TAG_CMDLINE:
			if ((s = tag_string(t)))
				bi->cmdline = s;
			break;
		case MB2_TAG_BOOTLOADER:
			if ((s = tag_string(t)))
				bi->loader = s;
			break;
		case MB2_TAG_MMAP:
			parse_mmap((const void *)t, bi);
			break;
		case MB2_TAG_ACPI_OLD:
			bi->rsdp_v1 = ((const struct mb2_tag_acpi *)t)->rsdp;
			break;
		case MB2_TAG_ACPI_NEW:
			if (t->size - sizeof(*t) < 36) {	/* an ACPI 2.0 RSDP is 36 bytes */
				pr_warn("multiboot2: ACPI 2.0 RSDP tag holds %zu bytes < 36; ignored\n",
					t->size - sizeof(*t));
				break;
			}
			bi->rsdp_v2 = ((const struct mb2_tag_acpi *)t)->rsdp;
			bi->rsdp_v2_size = t->size - sizeof(*t);
			break;
		default:
			break;	/* tags we did not ask for */
		}
		p += ALIGN_UP(t->size, 8);
	}
	pr_warn("multiboot2: no end tag within %u bytes\n", info->total_size);
	return 0;
}
