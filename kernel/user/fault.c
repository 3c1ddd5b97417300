/* SPDX-License-Identifier: MIT */
/*
 * kernel/user/fault.c - bad accesses on purpose, one per run, chosen by
 * the first argument; each must kill this task with a report naming it,
 * and leave the kernel and every other task alone.
 *
 *   null     read address 0             #PF, not-present read (no area)
 *   text     write into its own code    #PF, protection-violation write
 *   kernel   read a kernel address      #PF, protection-violation read
 *   ud2      an invalid instruction     #UD
 *   div0     divide by zero             #DE
 *   munmap   mmap, write, munmap, read  #PF at the unmapped address, after
 *            checking that mmap/munmap refuse bad arguments
 *
 * Course text: docs/11-user-tasks.md.
 * Tests: tests/qemu/test_user.py
 */
#include "kernel/user/ulib.h"

#define KERNEL_ADDRESS	0xffffffff80100000UL	/* the kernel image */
#define MAP_LEN		(64 * 1024UL)

static long pid;

/* ADDR as the compiler cannot see it: a load from a constant 0 would be
 * turned into a trap instruction at compile time, not a real access. */
static volatile unsigned long *
opaque(unsigned long addr)
{
	__asm__("" : "+r"(addr));
	return (volatile unsigned long *)addr;
}

/* A failed expectation: say which, and exit 1 (not a fault: the test sees it). */
static void
expect(int ok, const char *what, long got)
{
	if (!ok) {
		uprintf("fault[%ld]: munmap: %s: got %ld\n", pid, what, got);
		sys_exit(1);
	}
}

/* mmap/munmap keep their promises, then the unmapped memory faults. */
static void
munmap_then_read(void)
{
	long a = sys_mmap(MAP_LEN, 0), r;
	volatile unsigned long *p = (volatile unsigned long *)a;

	expect(a > 0, "mmap 64K", a);
	expect(p[0] == 0 && p[MAP_LEN / 8 - 1] == 0, "fresh memory is zero", p[0]);
	p[0] = 42;
	expect(p[0] == 42, "written word reads back", p[0]);
	r = sys_mmap(0, 0);
	expect(r == -22, "mmap of 0 bytes is -EINVAL", r);
	r = sys_mmap(4096, 2);
	expect(r == -22, "mmap with an unknown flag is -EINVAL", r);
	r = sys_munmap(a + 1, 4096);
	expect(r == -22, "munmap of an unaligned address is -EINVAL", r);
	r = sys_munmap(a, MAP_LEN);
	expect(r == 0, "munmap", r);
	r = sys_munmap(a, MAP_LEN);
	expect(r == 0, "munmap of nothing mapped succeeds", r);
	uprintf("fault[%ld]: munmap: checks passed; reading 0x%lx after munmap\n", pid, a);
	(void)p[0];
}

int
main(int argc, char **argv)
{
	const char *kind = argc > 1 ? argv[1] : "";

	pid = sys_getpid();
	if (!strcmp(kind, "null")) {
		uprintf("fault[%ld]: reading address 0\n", pid);
		(void)*opaque(0);
	} else if (!strcmp(kind, "text")) {
		uprintf("fault[%ld]: writing into my own code at 0x%lx\n", pid, (unsigned long)main);
		*opaque((unsigned long)main) = 0xcc;
	} else if (!strcmp(kind, "kernel")) {
		uprintf("fault[%ld]: reading kernel address 0x%lx\n", pid, KERNEL_ADDRESS);
		(void)*opaque(KERNEL_ADDRESS);
	} else if (!strcmp(kind, "ud2")) {
		uprintf("fault[%ld]: executing ud2\n", pid);
		__asm__ volatile("ud2");
	} else if (!strcmp(kind, "div0")) {
		unsigned long n = 1, d = (unsigned long)opaque(0);

		/* In C, 1 / d may compile to no division at all. */
		uprintf("fault[%ld]: dividing by zero\n", pid);
		__asm__ volatile("xorl %%edx, %%edx; divq %1" : "+a"(n) : "r"(d) : "rdx");
	} else if (!strcmp(kind, "munmap")) {
		munmap_then_read();
	} else {
		uprintf("usage: fault null|text|kernel|ud2|div0|munmap\n");
		return 2;
	}
	uprintf("fault[%ld]: %s: still alive after the bad access\n", pid, kind);
	return 1;
}
