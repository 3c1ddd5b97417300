/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/fake/arch/memlayout.h - the direct map of a host test: one
 * malloc'd buffer stands for the physical range [base, base + size).
 *
 * A test that needs page contents (page_address(), __GFP_ZERO) maps a
 * buffer with fake_ram_map(); phys_to_virt() of any address outside it
 * panics, so a test that did not expect the code to touch memory fails.
 * The state is one weak global, so the header needs no .c file.
 *
 * Course text: docs/00-introduction.md (how the host tests work).
 * Tests: used by tests/unit/mm/test_page_alloc.c
 */
#ifndef ARCH_MEMLAYOUT_H
#define ARCH_MEMLAYOUT_H

#include "kernel/kernel.h"

struct fake_ram {
	paddr_t base;	/* physical address of buf[0] */
	u64 size;	/* bytes; the map is [base, base + size) */
	u8 *buf;	/* the test's buffer; NULL: nothing is mapped */
};
__attribute__((weak)) struct fake_ram fake_ram;

/* Map [base, base + size) to BUF; BUF NULL unmaps. */
static inline void
fake_ram_map(paddr_t base, void *buf, u64 size)
{
	fake_ram = (struct fake_ram){ .base = base, .size = size, .buf = buf };
}

static inline void *
phys_to_virt(paddr_t pa)
{
	if (!fake_ram.buf || pa < fake_ram.base || pa - fake_ram.base >= fake_ram.size)
		panic("fake memlayout: phys_to_virt(0x%llx) outside the fake RAM",
		      (unsigned long long)pa);
	return fake_ram.buf + (pa - fake_ram.base);
}

static inline paddr_t
virt_to_phys(const void *va)
{
	const u8 *p = va;

	if (!fake_ram.buf || p < fake_ram.buf || (u64)(p - fake_ram.buf) >= fake_ram.size)
		panic("fake memlayout: virt_to_phys(%p) outside the fake RAM", va);
	return fake_ram.base + (paddr_t)(p - fake_ram.buf);
}

#endif /* ARCH_MEMLAYOUT_H */
