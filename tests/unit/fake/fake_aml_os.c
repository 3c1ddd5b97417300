/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/fake/fake_aml_os.c - the aml_os_* functions for host tests and
 * the fuzz target: malloc'd memory, a pluggable machine of address
 * spaces, and recorders (see fake_aml_os.h).
 *
 * Course text: docs/07-aml-and-acpi-events.md (how the interpreter is tested).
 * Tests: used by tests/unit/acpi/test_aml_*.c, tests/fuzz/fuzz_aml.c
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fake_aml_os.h"
#include "kernel/kernel.h"

u8 fake_aml_io[65536];
struct fake_aml_access fake_aml_log[FAKE_AML_LOG];
int fake_aml_nlog;
struct fake_aml_notify fake_aml_notifies[FAKE_AML_NOTIFIES];
int fake_aml_nnotify;
char fake_aml_debug[FAKE_AML_DEBUG_LINES][160];
int fake_aml_ndebug;
int fake_aml_stalls, fake_aml_sleeps;
u64 fake_aml_stalled_us, fake_aml_slept_ms;
u64 fake_aml_time;
bool fake_aml_refuse[8];
size_t fake_aml_allocs;

static struct {
	enum aml_space space;
	u64 base, len;
	fake_aml_region_fn fn;
	void *arg;
} handlers[FAKE_AML_HANDLERS];
static int nr_handlers;

/* The sparse byte maps of SystemMemory and PCI_Config. */
struct page {
	enum aml_space space;
	u64 base;		/* 4 KiB aligned */
	u8 bytes[4096];
};
static struct page *pages[FAKE_AML_PAGES];
static int nr_pages;

void *
aml_os_alloc(size_t size)
{
	void *p = calloc(1, size ? size : 1);

	if (p)
		fake_aml_allocs++;
	return p;
}

void
aml_os_free(void *p)
{
	if (p)
		fake_aml_allocs--;
	free(p);
}

void
fake_aml_reset(void)
{
	memset(fake_aml_io, 0, sizeof(fake_aml_io));
	fake_aml_nlog = 0;
	fake_aml_nnotify = 0;
	fake_aml_ndebug = 0;
	fake_aml_stalls = fake_aml_sleeps = 0;
	fake_aml_stalled_us = fake_aml_slept_ms = 0;
	fake_aml_time = 0;
	memset(fake_aml_refuse, 0, sizeof(fake_aml_refuse));
	nr_handlers = 0;
	for (int i = 0; i < nr_pages; i++)
		free(pages[i]);
	nr_pages = 0;
}

int
fake_aml_add_handler(enum aml_space space, u64 base, u64 len, fake_aml_region_fn fn, void *arg)
{
	if (nr_handlers == FAKE_AML_HANDLERS)
		return -ENOSPC;
	handlers[nr_handlers].space = space;
	handlers[nr_handlers].base = base;
	handlers[nr_handlers].len = len;
	handlers[nr_handlers].fn = fn;
	handlers[nr_handlers].arg = arg;
	nr_handlers++;
	return 0;
}

/* The page holding ADDRESS in SPACE; made when CREATE, NULL when full. */
static struct page *
page_of(enum aml_space space, u64 address, bool create)
{
	u64 base = address & ~0xFFFull;

	for (int i = 0; i < nr_pages; i++)
		if (pages[i]->space == space && pages[i]->base == base)
			return pages[i];
	if (!create || nr_pages == FAKE_AML_PAGES)
		return NULL;
	pages[nr_pages] = calloc(1, sizeof(struct page));
	if (!pages[nr_pages])
		return NULL;
	pages[nr_pages]->space = space;
	pages[nr_pages]->base = base;
	return pages[nr_pages++];
}

u8
fake_aml_mem_peek(enum aml_space space, u64 address)
{
	struct page *p = page_of(space, address, false);

	return p ? p->bytes[address & 0xFFF] : 0;
}

void
fake_aml_mem_poke(enum aml_space space, u64 address, u8 value)
{
	struct page *p = page_of(space, address, true);

	if (p)
		p->bytes[address & 0xFFF] = value;
}

/* The default spaces: little-endian bytes. */
static int
default_access(enum aml_space space, u64 address, unsigned int width, u64 *value, bool write)
{
	unsigned int n = width / 8;

	if (space == AML_SPACE_IO) {
		if (address > sizeof(fake_aml_io) - n)
			return -EINVAL;
		for (unsigned int i = 0; i < n; i++) {
			if (write)
				fake_aml_io[address + i] = (u8)(*value >> (8 * i));
			else
				*value |= (u64)fake_aml_io[address + i] << (8 * i);
		}
		return 0;
	}
	if (space != AML_SPACE_MEMORY && space != AML_SPACE_PCI)
		return -EINVAL;
	for (unsigned int i = 0; i < n; i++) {
		struct page *p = page_of(space, address + i, write);

		if (write) {
			if (!p)
				return -ENOMEM;
			p->bytes[(address + i) & 0xFFF] = (u8)(*value >> (8 * i));
		} else if (p) {
			*value |= (u64)p->bytes[(address + i) & 0xFFF] << (8 * i);
		}
	}
	return 0;
}

static int
access(enum aml_space space, u64 address, unsigned int width, u64 *value, bool write)
{
	int err = -EINVAL;
	bool handled = false;

	if (width != 8 && width != 16 && width != 32 && width != 64)
		return -EINVAL;
	if ((unsigned int)space < 8 && fake_aml_refuse[space])
		return -EPERM;
	if (!write)
		*value = 0;
	for (int i = 0; i < nr_handlers && !handled; i++) {
		if (handlers[i].space != space || address < handlers[i].base ||
		    address - handlers[i].base >= handlers[i].len)
			continue;
		err = handlers[i].fn(handlers[i].arg, space, address, width, value, write);
		handled = true;
	}
	if (!handled)
		err = default_access(space, address, width, value, write);
	if (!err) {
		if (fake_aml_nlog < FAKE_AML_LOG) {
			struct fake_aml_access *a = &fake_aml_log[fake_aml_nlog];

			a->space = space;
			a->address = address;
			a->width = width;
			a->value = *value;
			a->write = write;
		}
		fake_aml_nlog++;
	}
	return err;
}

int
aml_os_region_read(enum aml_space space, u64 address, unsigned int width, u64 *value)
{
	return access(space, address, width, value, false);
}

int
aml_os_region_write(enum aml_space space, u64 address, unsigned int width, u64 value)
{
	return access(space, address, width, &value, true);
}

int
fake_aml_count(enum aml_space space, u64 address, unsigned int width, bool write)
{
	int n = 0;

	for (int i = 0; i < fake_aml_nlog && i < FAKE_AML_LOG; i++) {
		const struct fake_aml_access *a = &fake_aml_log[i];

		if (a->space == space && a->address == address && a->width == width &&
		    a->write == write)
			n++;
	}
	return n;
}

/* Weak: a test that links drivers/acpi/bus.c gets its real Notify queue. */
__attribute__((weak)) void
aml_os_notify(struct aml_node *node, u32 value)
{
	if (fake_aml_nnotify < FAKE_AML_NOTIFIES) {
		aml_node_path(node, fake_aml_notifies[fake_aml_nnotify].path,
			      sizeof(fake_aml_notifies[0].path));
		fake_aml_notifies[fake_aml_nnotify].value = value;
	}
	fake_aml_nnotify++;
}

void
aml_os_stall(u32 usec)
{
	fake_aml_stalls++;
	fake_aml_stalled_us += usec;
}

void
aml_os_sleep(u32 msec)
{
	fake_aml_sleeps++;
	fake_aml_slept_ms += msec;
}

u64
aml_os_timer(void)
{
	return fake_aml_time++;
}

void
aml_os_debug(const char *text)
{
	if (fake_aml_ndebug < FAKE_AML_DEBUG_LINES)
		snprintf(fake_aml_debug[fake_aml_ndebug], sizeof(fake_aml_debug[0]), "%s", text);
	fake_aml_ndebug++;
	printk("[ACPI Debug] %s\n", text);
}
