/* SPDX-License-Identifier: MIT */
/*
 * kernel/user/syscall.h - the system call numbers, shared by the kernel
 * (kernel/syscall.c) and the user programs (kernel/user/ulib.h): one
 * list, so the two sides cannot disagree.  No other include: it builds
 * in both worlds.
 *
 * The convention (x86_64): int $0x80 with the number in rax and the
 * arguments in rdi, rsi, rdx; the result comes back in rax, a negative
 * errno on failure.  Every other register is preserved.
 *
 * Course text: docs/11-user-tasks.md.
 * Tests: tests/qemu/test_user.py
 */
#ifndef HOTMEM_USER_SYSCALL_H
#define HOTMEM_USER_SYSCALL_H

#define SYS_WRITE	1	/* write(buf, len): to the console; bytes written */
#define SYS_EXIT	2	/* exit(code): never returns */
#define SYS_YIELD	3	/* yield(): let the others run */
#define SYS_SLEEP	4	/* sleep(ms) */
#define SYS_MMAP	5	/* mmap(len, flags): anonymous read+write memory; its address */
#define SYS_MUNMAP	6	/* munmap(addr, len) */
#define SYS_GETPID	7	/* getpid() */
#define SYS_PIN		8	/* pin(addr): debug: hold the page at addr until unpin or exit */
#define SYS_UNPIN	9	/* unpin(addr) */
#define SYS_CLOCK_MS	10	/* clock_ms(): milliseconds since boot */
#define NR_SYSCALLS	11

#define MAP_HUGE	1	/* mmap flag: 2 MiB pages (length rounded up to them) */

#endif /* HOTMEM_USER_SYSCALL_H */
