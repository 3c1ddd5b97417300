/* SPDX-License-Identifier: MIT */
/*
 * kernel/user/ulib.h - the whole library of hotmem's user programs: the
 * system call stubs (inline, one int $0x80 each), a few helpers from
 * ulib.c (a small printf, number parsing) and the kernel's string
 * functions (kernel/lib/string.c, compiled again for user mode).
 *
 * User programs see nothing of the kernel: no kernel header, only this,
 * syscall.h and work_pattern.h.  They are built freestanding, with
 * general registers only (the kernel saves no FPU/SSE state).
 *
 * Course text: docs/11-user-tasks.md.
 * Tests: tests/qemu/test_user.py
 */
#ifndef HOTMEM_USER_ULIB_H
#define HOTMEM_USER_ULIB_H

#include <stddef.h>
#include <stdint.h>

#include "kernel/user/syscall.h"

/* int $0x80: number in rax, arguments in rdi, rsi, rdx, result in rax. */
static inline long
syscall3(long nr, long a0, long a1, long a2)
{
	long ret;

	__asm__ volatile("int $0x80"
			 : "=a"(ret)
			 : "a"(nr), "D"(a0), "S"(a1), "d"(a2)
			 : "memory");
	return ret;
}

static inline long
sys_write(const void *buf, unsigned long len)
{
	return syscall3(SYS_WRITE, (long)buf, (long)len, 0);
}

static inline __attribute__((noreturn)) void
sys_exit(int code)
{
	syscall3(SYS_EXIT, code, 0, 0);
	__builtin_unreachable();
}

static inline long sys_yield(void) { return syscall3(SYS_YIELD, 0, 0, 0); }
static inline long sys_sleep(unsigned long ms) { return syscall3(SYS_SLEEP, (long)ms, 0, 0); }
static inline long sys_getpid(void) { return syscall3(SYS_GETPID, 0, 0, 0); }
static inline long sys_clock_ms(void) { return syscall3(SYS_CLOCK_MS, 0, 0, 0); }

/* An address, or -errno (check with ret < 0). */
static inline long
sys_mmap(unsigned long len, unsigned long flags)
{
	return syscall3(SYS_MMAP, (long)len, (long)flags, 0);
}

static inline long
sys_munmap(unsigned long addr, unsigned long len)
{
	return syscall3(SYS_MUNMAP, (long)addr, (long)len, 0);
}

static inline long sys_pin(unsigned long addr) { return syscall3(SYS_PIN, (long)addr, 0, 0); }
static inline long sys_unpin(unsigned long addr) { return syscall3(SYS_UNPIN, (long)addr, 0, 0); }

/* kernel/lib/string.c, built for user mode (the compiler may call memset
 * and memcpy itself) */
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
void *memset(void *dst, int c, size_t n);
void *memcpy(void *restrict dst, const void *restrict src, size_t n);

/* ulib.c */
/* printf to the console: %d %u %x %s %c %%, with l for long. */
int uprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A decimal number; -1 when S is not one (or too big). */
long parse_ulong(const char *s, unsigned long *out);
/* BYTES as "256M": the largest unit K, M, G that divides it exactly. */
const char *size_str(unsigned long bytes, char *buf, size_t size);

#endif /* HOTMEM_USER_ULIB_H */
