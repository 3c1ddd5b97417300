/* SPDX-License-Identifier: MIT */
/*
 * kernel/user/start.S - where every user program begins: _start.
 *
 * kernel/exec.c leaves argc at the stack pointer and argv right above it
 * (the System V layout), rsp 16-byte aligned, every register zero.
 * _start hands them to main(argc, argv) and exits with its result, so a
 * program that returns from main ends like one that calls exit().
 *
 * Course text: docs/11-user-tasks.md.
 * Tests: tests/qemu/test_user.py
 */
#include "kernel/user/syscall.h"

	.section .text.start, "ax"
	.globl _start
	.type _start, @function
_start:
	xorl	%ebp, %ebp		/* the end of any stack trace */
	movq	(%rsp), %rdi		/* argc */
	leaq	8(%rsp), %rsi		/* argv */
	call	main			/* rsp is 16-aligned at the call, as the ABI wants */
	movl	%eax, %edi
	movl	$SYS_EXIT, %eax
	int	$0x80
	ud2				/* exit does not return */
	.size _start, . - _start

	.section .note.GNU-stack, "", @progbits
