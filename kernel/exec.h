/* SPDX-License-Identifier: MIT */
/*
 * kernel/exec.h - user programs: the ones built into the kernel, starting
 * one in a new address space (kernel/exec.c), and the system calls it
 * makes (kernel/syscall.c; the numbers are in kernel/user/syscall.h,
 * which the programs include too).
 *
 * Course text: docs/11-user-tasks.md.
 * Tests: tests/unit/kernel/test_elf.c, tests/qemu/test_user.py
 */
#ifndef KERNEL_EXEC_H
#define KERNEL_EXEC_H

#include "kernel/types.h"

struct task;

/* A program built from kernel/user/ and embedded in the kernel image
 * (kernel/user/programs.S): an ELF executable. */
struct user_program {
	const char *name;	/* "work", "hello" ...; NULL ends the table */
	const u8 *image;	/* the ELF file */
	u64 size;		/* its bytes */
};

/* exec.c */
#define EXEC_ARGS_MAX	32	/* argv entries, the name included */
/* The program called NAME, or NULL. */
const struct user_program *user_program_find(const char *name);
/* Every program's name, separated by blanks ("work hello fault spin"). */
const char *user_program_names(char *buf, size_t size);
/*
 * Start program NAME with ARGV[0..ARGC) in a new address space whose
 * pages prefer node NID (NUMA_NO_NODE: any), as a new user task (*OUT).
 * 0; -ENOENT (no such program: nothing printed); or another error after
 * one line "exec: NAME: reason" on the console.
 */
int exec_spawn(const char *name, int argc, char *const argv[], int nid, struct task **out);

/* syscall.c: system call NR with its arguments, for the calling user
 * task; the result (negative errno on failure) goes back in rax. */
long syscall_dispatch(u64 nr, u64 a0, u64 a1, u64 a2);

#endif /* KERNEL_EXEC_H */
