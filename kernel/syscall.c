/* SPDX-License-Identifier: MIT */
/*
 * kernel/syscall.c - the system calls: what a user program may ask of
 * the kernel, one function each, found by number in a table.
 *
 * The idea: a system call runs in the kernel on the calling task's
 * behalf, on its kernel stack, with its address space loaded.  Every
 * argument is a number from an untrusted program: a pointer is only an
 * address in the caller's address space, reached with copy_from_user()
 * (which checks it against the task's areas), never dereferenced.
 * Interrupts are on during the call (arch/x86_64/user.c); a call may
 * sleep (sleep, yield, a page under migration in copy_from_user()).
 *
 * The numbers are in kernel/user/syscall.h, shared with the programs.
 *
 * Course text: docs/11-user-tasks.md.
 * Tests: tests/qemu/test_user.py
 */
#include <arch/uvm.h>
#include "kernel/console.h"
#include "kernel/exec.h"
#include "kernel/kernel.h"
#include "kernel/lib.h"
#include "kernel/task.h"
#include "kernel/user/syscall.h"
#include "mm/vm.h"

#define WRITE_CHUNK	256	/* bytes copied from the user at a time */

static struct mm_struct *
current_mm(void)
{
	return task_current()->mm;
}

/* write(buf, len): LEN bytes at user address BUF to the console. */
static long
sys_write(u64 buf, u64 len, u64 unused)
{
	char chunk[WRITE_CHUNK];
	u64 done = 0;

	(void)unused;
	while (done < len) {
		size_t n = MIN(len - done, sizeof(chunk));

		if (copy_from_user(current_mm(), chunk, buf + done, n))
			return done ? (long)done : -EFAULT;
		console_write(chunk, n);
		done += n;
	}
	return done;
}

static long
sys_exit(u64 code, u64 unused1, u64 unused2)
{
	(void)unused1, (void)unused2;
	task_user_exit((int)code);
}

static long
sys_yield(u64 unused0, u64 unused1, u64 unused2)
{
	(void)unused0, (void)unused1, (void)unused2;
	task_yield();
	return 0;
}

static long
sys_sleep(u64 ms, u64 unused1, u64 unused2)
{
	(void)unused1, (void)unused2;
	task_sleep_ms(ms);
	return 0;
}

/* mmap(len, flags): anonymous, read+write, demand-zero; MAP_HUGE: 2 MiB pages. */
static long
sys_mmap(u64 len, u64 flags, u64 unused)
{
	(void)unused;
	if (flags & ~(u64)MAP_HUGE)
		return -EINVAL;
	return vm_mmap(current_mm(), len, UPROT_READ | UPROT_WRITE,
		       flags & MAP_HUGE ? VMA_HUGE : 0);
}

/* munmap(addr, len): LEN is rounded up to whole pages, as Linux does. */
static long
sys_munmap(u64 addr, u64 len, u64 unused)
{
	(void)unused;
	if (len > USER_VA_END)
		return -EINVAL;
	return vm_munmap(current_mm(), addr, ALIGN_UP(len, PAGE_SIZE));
}

static long
sys_getpid(u64 unused0, u64 unused1, u64 unused2)
{
	(void)unused0, (void)unused1, (void)unused2;
	return task_current()->pid;
}

static long
sys_pin(u64 addr, u64 unused1, u64 unused2)
{
	(void)unused1, (void)unused2;
	return task_user_pin(addr);
}

static long
sys_unpin(u64 addr, u64 unused1, u64 unused2)
{
	(void)unused1, (void)unused2;
	return task_user_unpin(addr);
}

static long
sys_clock_ms(u64 unused0, u64 unused1, u64 unused2)
{
	(void)unused0, (void)unused1, (void)unused2;
	return ktime_ns() / 1000000;
}

/* The table: number -> function.  A hole is -ENOSYS. */
static long (*const syscall_table[NR_SYSCALLS])(u64, u64, u64) = {
	[SYS_WRITE]	= sys_write,
	[SYS_EXIT]	= sys_exit,
	[SYS_YIELD]	= sys_yield,
	[SYS_SLEEP]	= sys_sleep,
	[SYS_MMAP]	= sys_mmap,
	[SYS_MUNMAP]	= sys_munmap,
	[SYS_GETPID]	= sys_getpid,
	[SYS_PIN]	= sys_pin,
	[SYS_UNPIN]	= sys_unpin,
	[SYS_CLOCK_MS]	= sys_clock_ms,
};

long
syscall_dispatch(u64 nr, u64 a0, u64 a1, u64 a2)
{
	if (nr >= NR_SYSCALLS || !syscall_table[nr])
		return -ENOSYS;
	return syscall_table[nr](a0, a1, a2);
}
