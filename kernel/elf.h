/* SPDX-License-Identifier: MIT */
/*
 * kernel/elf.h - reading a program file: the checks an ELF executable
 * must pass before exec.c maps anything (kernel/elf.c).
 *
 * Only what hotmem's programs need: a 64-bit little-endian static
 * executable (ET_EXEC) for this machine, whose PT_LOAD segments lie in
 * user space and do not share a page.  Everything the file says is
 * bounded before it is believed (the file is input, like firmware).
 *
 * Course text: docs/11-user-tasks.md.
 * Tests: tests/unit/kernel/test_elf.c
 */
#ifndef KERNEL_ELF_H
#define KERNEL_ELF_H

#include "kernel/types.h"

/* The file format (System V gABI, "ELF-64 Object File Format"). */
struct elf64_ehdr {
	u8  e_ident[16];	/* \x7f E L F, class, data, version, ... */
	u16 e_type;		/* ET_EXEC */
	u16 e_machine;		/* EM_X86_64 ... */
	u32 e_version;
	u64 e_entry;		/* where the program starts */
	u64 e_phoff;		/* program headers: file offset */
	u64 e_shoff;
	u32 e_flags;
	u16 e_ehsize;
	u16 e_phentsize;	/* size of one program header */
	u16 e_phnum;		/* how many */
	u16 e_shentsize;
	u16 e_shnum;
	u16 e_shstrndx;
} __packed;
_Static_assert(sizeof(struct elf64_ehdr) == 64, "ELF-64 file header");

struct elf64_phdr {
	u32 p_type;		/* PT_LOAD ... */
	u32 p_flags;		/* PF_R | PF_W | PF_X */
	u64 p_offset;		/* the segment's bytes in the file */
	u64 p_vaddr;		/* where they go */
	u64 p_paddr;
	u64 p_filesz;		/* bytes from the file ... */
	u64 p_memsz;		/* ... the rest up to memsz is zero (.bss) */
	u64 p_align;
} __packed;
_Static_assert(sizeof(struct elf64_phdr) == 56, "ELF-64 program header");

#define ELFCLASS64	2
#define ELFDATA2LSB	1
#define EV_CURRENT	1
#define ET_EXEC		2
#define EM_X86_64	62
#define PT_LOAD		1
#define PT_DYNAMIC	2
#define PT_INTERP	3
#define PF_X		1
#define PF_W		2
#define PF_R		4

#define ELF_MAX_SEGMENTS 8

/* A PT_LOAD segment, checked: [vaddr, vaddr + memsz) in user space. */
struct elf_segment {
	u64 vaddr, memsz;	/* where, and how much memory */
	u64 offset, filesz;	/* the bytes from the file; filesz <= memsz */
	unsigned int prot;	/* UPROT_* (arch/uvm.h) */
};

struct elf_image {
	u64 entry;
	int nr_segments;
	struct elf_segment seg[ELF_MAX_SEGMENTS];
};

/*
 * Check the ELF executable IMAGE of SIZE bytes for MACHINE (EM_*), with
 * its segments inside [lo, hi) and no two of them in one page, and
 * describe it in OUT.  0, or -ENOEXEC with WHY (WHY_SIZE bytes) saying
 * what is wrong: "not an ELF file (magic 7f 45 4c 47)", "program header
 * 2: segment [0x...-0x...) outside user space" ...
 */
int elf_parse(const void *image, size_t size, u16 machine, u64 lo, u64 hi,
	      struct elf_image *out, char *why, size_t why_size);

#endif /* KERNEL_ELF_H */
