/* SPDX-License-Identifier: MIT */
/*
 * kernel/user/programs.S - the user programs, built by the Makefile from
 * kernel/user/ (build/user/NAME.elf), embedded in the kernel image as
 * read-only data, and listed in user_programs[] for kernel/exec.c.
 *
 * Course text: docs/11-user-tasks.md.
 * Tests: tests/qemu/test_user.py
 */

	.macro program name
	.section .rodata.user_programs, "a"
	.balign 16
user_\name:
	.incbin "user/\name\().elf"	/* found through -I$(BUILD) */
user_\name\()_end:
	.section .rodata.user_program_names, "a"
name_\name:
	.asciz "\name"
	.endm

	program work
	program hello
	program fault
	program spin

/* struct user_program { const char *name; const u8 *image; u64 size; } (kernel/exec.h) */
	.section .rodata.user_program_table, "a"
	.balign 8
	.globl user_programs
user_programs:
	.irp name, work, hello, fault, spin
	.quad name_\name, user_\name, user_\name\()_end - user_\name
	.endr
	.quad 0, 0, 0

	.section .note.GNU-stack, "", @progbits
