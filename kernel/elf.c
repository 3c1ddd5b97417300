/* SPDX-License-Identifier: MIT */
/*
 * kernel/elf.c - the checks a program file passes before it is loaded.
 *
 * The idea: an ELF file is a header, a table of program headers, and
 * bytes.  Every number in it is a claim to check before use: offsets
 * and sizes must stay inside the file without overflowing, segments
 * inside user space, and the entry point inside an executable segment.
 * Only then does kernel/exec.c make areas and copy bytes.  A program
 * that fails a check is not loaded, and the reason is one line.
 *
 * Course text: docs/11-user-tasks.md.
 * Tests: tests/unit/kernel/test_elf.c
 */
#include <arch/uvm.h>
#include "kernel/elf.h"
#include "kernel/kernel.h"
#include "kernel/lib.h"
#include "mm/mm.h"

static int
refuse(char *why, size_t why_size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, why_size, fmt, ap);
	va_end(ap);
	return -ENOEXEC;
}

/* Is [off, off + len) inside [0, size), without overflow? */
static bool
in_file(u64 off, u64 len, size_t size)
{
	return off <= size && len <= size - off;
}

static unsigned int
segment_prot(u32 p_flags)
{
	return (p_flags & PF_R ? UPROT_READ : 0) | (p_flags & PF_W ? UPROT_WRITE : 0) |
	       (p_flags & PF_X ? UPROT_EXEC : 0);
}

/* The file header: magic, class, byte order, type, machine, the table. */
static int
check_header(const struct elf64_ehdr *eh, size_t size, u16 machine, char *why, size_t ws)
{
	const u8 *id = eh->e_ident;

	if (size < sizeof(*eh))
		return refuse(why, ws, "not an ELF file (%zu bytes, a header needs %zu)",
			      size, sizeof(*eh));
	if (id[0] != 0x7f || id[1] != 'E' || id[2] != 'L' || id[3] != 'F')
		return refuse(why, ws, "not an ELF file (magic %02x %02x %02x %02x)",
			      id[0], id[1], id[2], id[3]);
	if (id[4] != ELFCLASS64 || id[5] != ELFDATA2LSB || id[6] != EV_CURRENT)
		return refuse(why, ws, "not a 64-bit little-endian ELF version 1 file "
			      "(class %u, data %u, version %u)", id[4], id[5], id[6]);
	if (eh->e_type != ET_EXEC)
		return refuse(why, ws, "not an executable (type %u, want %u: static, not PIE)",
			      eh->e_type, ET_EXEC);
	if (eh->e_machine != machine)
		return refuse(why, ws, "built for machine %u, this is %u", eh->e_machine, machine);
	if (eh->e_phentsize != sizeof(struct elf64_phdr))
		return refuse(why, ws, "program header size %u, want %zu", eh->e_phentsize,
			      sizeof(struct elf64_phdr));
	if (eh->e_phnum == 0 || eh->e_phnum > 2 * ELF_MAX_SEGMENTS)
		return refuse(why, ws, "%u program headers (1 to %d)", eh->e_phnum,
			      2 * ELF_MAX_SEGMENTS);
	if (!in_file(eh->e_phoff, (u64)eh->e_phnum * sizeof(struct elf64_phdr), size))
		return refuse(why, ws, "program headers at 0x%llx run past the end of the file (%zu bytes)",
			      (unsigned long long)eh->e_phoff, size);
	return 0;
}

/* One PT_LOAD: inside the file and inside [lo, hi), memsz >= filesz. */
static int
check_load(const struct elf64_phdr *ph, int i, size_t size, u64 lo, u64 hi,
	   char *why, size_t ws)
{
	if (ph->p_filesz > ph->p_memsz)
		return refuse(why, ws, "program header %d: file size 0x%llx > memory size 0x%llx",
			      i, (unsigned long long)ph->p_filesz, (unsigned long long)ph->p_memsz);
	if (!in_file(ph->p_offset, ph->p_filesz, size))
		return refuse(why, ws, "program header %d: bytes [0x%llx, +0x%llx) past the end of the file",
			      i, (unsigned long long)ph->p_offset, (unsigned long long)ph->p_filesz);
	if (ph->p_vaddr < lo || ph->p_vaddr >= hi || ph->p_memsz > hi - ph->p_vaddr)
		return refuse(why, ws, "program header %d: segment [0x%llx, +0x%llx) outside user space",
			      i, (unsigned long long)ph->p_vaddr, (unsigned long long)ph->p_memsz);
	return 0;
}

/* Page-rounded ranges of segments A and B overlap? */
static bool
pages_overlap(const struct elf_segment *a, const struct elf_segment *b)
{
	u64 a0 = ALIGN_DOWN(a->vaddr, PAGE_SIZE), a1 = ALIGN_UP(a->vaddr + a->memsz, PAGE_SIZE);
	u64 b0 = ALIGN_DOWN(b->vaddr, PAGE_SIZE), b1 = ALIGN_UP(b->vaddr + b->memsz, PAGE_SIZE);

	return a0 < b1 && b0 < a1;
}

int
elf_parse(const void *image, size_t size, u16 machine, u64 lo, u64 hi,
	  struct elf_image *out, char *why, size_t why_size)
{
	const struct elf64_ehdr *eh = image;
	bool entry_ok = false;
	int err;

	out->nr_segments = 0;
	err = check_header(eh, size, machine, why, why_size);
	if (err)
		return err;

	/* 1. Each program header: loadable segments checked and kept. */
	for (int i = 0; i < eh->e_phnum; i++) {
		struct elf64_phdr ph;
		struct elf_segment *s;

		memcpy(&ph, (const u8 *)image + eh->e_phoff + i * sizeof(ph), sizeof(ph));
		if (ph.p_type == PT_DYNAMIC || ph.p_type == PT_INTERP)
			return refuse(why, why_size, "dynamically linked (program header %d, type %u)",
				      i, ph.p_type);
		if (ph.p_type != PT_LOAD || ph.p_memsz == 0)
			continue;	/* notes, GNU_STACK, empty segments: nothing to load */
		err = check_load(&ph, i, size, lo, hi, why, why_size);
		if (err)
			return err;
		if (out->nr_segments == ELF_MAX_SEGMENTS)
			return refuse(why, why_size, "more than %d loadable segments", ELF_MAX_SEGMENTS);
		s = &out->seg[out->nr_segments];
		*s = (struct elf_segment){ .vaddr = ph.p_vaddr, .memsz = ph.p_memsz,
					   .offset = ph.p_offset, .filesz = ph.p_filesz,
					   .prot = segment_prot(ph.p_flags) };
		/* 2. No page shared with an earlier segment: each gets an area. */
		for (int j = 0; j < out->nr_segments; j++)
			if (pages_overlap(&out->seg[j], s))
				return refuse(why, why_size, "program header %d: segment shares a page with an earlier one", i);
		if ((s->prot & UPROT_EXEC) && eh->e_entry >= s->vaddr &&
		    eh->e_entry < s->vaddr + s->memsz)
			entry_ok = true;
		out->nr_segments++;
	}

	/* 3. Something to run, and a place to start. */
	if (!out->nr_segments)
		return refuse(why, why_size, "no loadable segment");
	if (!entry_ok)
		return refuse(why, why_size, "entry point 0x%llx is not in an executable segment",
			      (unsigned long long)eh->e_entry);
	out->entry = eh->e_entry;
	return 0;
}
