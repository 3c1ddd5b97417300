/* SPDX-License-Identifier: MIT */
/*
 * kernel/ksyms.h - the kernel's own symbol table (kernel/ksyms.c).
 *
 * Course text: docs/01-boot.md.
 */
#ifndef KERNEL_KSYMS_H
#define KERNEL_KSYMS_H

#include "kernel/types.h"

struct ksym {
	u64 addr;		/* first byte of the function */
	u32 name;		/* offset of its name in ksym_names */
};

/* Sorted by address; the last entry marks the end of .text. */
extern const struct ksym ksym_table[];
extern const unsigned int ksym_count;
extern const char ksym_names[];

const char *ksym_lookup(u64 addr, u64 *offset);

#endif /* KERNEL_KSYMS_H */
