/* SPDX-License-Identifier: MIT */
/*
 * kernel/ksyms.c - turning a code address into "function+offset", so an
 * exception report names the functions on the stack.
 *
 * The table is made by the build: the kernel is linked once with an empty
 * table, tools/gen-ksyms turns that link's function symbols (nm -n) into
 * build/ksyms.c, and the kernel is linked again with it.  The table lives
 * in .rodata, after all code, so the second link leaves every function
 * where the first one put it; the Makefile checks that it did.
 *
 * Course text: docs/01-boot.md.
 */
#include "kernel/kernel.h"
#include "kernel/ksyms.h"

/*
 * Binary search for the last symbol at or below ADDR.  Returns its name
 * and sets *OFFSET, or NULL when ADDR lies outside the kernel's code.
 */
const char *
ksym_lookup(u64 addr, u64 *offset)
{
	unsigned int lo = 0, hi = ksym_count;

	if (ksym_count < 2 || addr < ksym_table[0].addr ||
	    addr >= ksym_table[ksym_count - 1].addr)
		return NULL;	/* the last entry is the end of .text */
	while (hi - lo > 1) {
		unsigned int mid = lo + (hi - lo) / 2;

		if (ksym_table[mid].addr <= addr)
			lo = mid;
		else
			hi = mid;
	}
	*offset = addr - ksym_table[lo].addr;
	return ksym_names + ksym_table[lo].name;
}
