/* SPDX-License-Identifier: MIT */
/*
 * boot/multiboot2.S - the header that tells GRUB how to load hotmem.
 *
 * GRUB scans the first 32 KiB of the image for the magic below, checks the
 * checksum, and honours the tags: we ask for the memory map, both ACPI RSDP
 * copies and the command line; we ask for no framebuffer (hotmem talks on
 * the serial port only).  The load addresses come from the ELF headers.
 *
 * Multiboot2 specification, section 3.1 ("OS image format"):
 *   u32 magic 0xe85250d6, u32 architecture (0 = i386 protected mode),
 *   u32 header_length, u32 checksum (the four add up to 0 mod 2^32),
 *   then tags, each 8-byte aligned: u16 type, u16 flags, u32 size, ...
 *   and an end tag (type 0, size 8).
 *
 * Course text: docs/01-boot.md.
 */
#include <arch/multiboot2.h>

	.section .multiboot2, "a"
	.balign 8
mb2_header:
	.long	MB2_HEADER_MAGIC
	.long	MB2_ARCH_I386
	.long	mb2_header_end - mb2_header
	.long	-(MB2_HEADER_MAGIC + MB2_ARCH_I386 + (mb2_header_end - mb2_header))

	/*
	 * Information request.  Flag bit 0 = optional: under SeaBIOS there is
	 * no ACPI 2.0 RSDP, and GRUB must still boot us.
	 */
	.balign 8
1:	.word	MB2_HEADER_TAG_INFO_REQUEST
	.word	MB2_HEADER_TAG_OPTIONAL
	.long	2f - 1b
	.long	MB2_TAG_CMDLINE
	.long	MB2_TAG_MMAP
	.long	MB2_TAG_ACPI_OLD
	.long	MB2_TAG_ACPI_NEW
2:
	/* Console flags: no EGA text console is required. */
	.balign 8
1:	.word	MB2_HEADER_TAG_CONSOLE_FLAGS
	.word	MB2_HEADER_TAG_OPTIONAL
	.long	2f - 1b
	.long	0
2:
	/* End tag. */
	.balign 8
	.word	0
	.word	0
	.long	8
mb2_header_end:
