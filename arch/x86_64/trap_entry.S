/* SPDX-License-Identifier: MIT */
/*
 * arch/x86_64/trap_entry.S - the way into the kernel for every interrupt
 * and exception: 256 small stubs and one common path.
 *
 * The CPU pushes SS, RSP, RFLAGS, CS, RIP (and, for some exceptions, an
 * error code).  Each stub makes the frame uniform (pushes 0 where the CPU
 * pushed no error code), pushes its vector number and jumps to
 * trap_common, which saves the general registers so that the stack holds
 * a struct trap_frame (arch/x86_64/x86.h), calls trap_dispatch(frame),
 * restores and returns with iretq.  The stack stays 16-byte aligned:
 * 5 + 2 + 15 quadwords = 176 bytes.
 *
 * Course text: docs/01-boot.md.
 */

/* Vectors for which the CPU pushes an error code itself. */
#define HAS_ERROR_CODE(n) ((n) == 8 || ((n) >= 10 && (n) <= 14) || \
			   (n) == 17 || (n) == 21 || (n) == 29 || (n) == 30)

	.text
	.code64

	.macro trap_stub n
	.balign 16
	.if !HAS_ERROR_CODE(\n)
	pushq	$0
	.endif
	pushq	$\n
	jmp	trap_common
	.endm

	.balign 16
	.globl trap_stubs
trap_stubs:
	.altmacro
	.set	vec, 0
	.rept	256
	trap_stub %vec
	.set	vec, vec + 1
	.endr
	.noaltmacro

trap_common:
	pushq	%rax
	pushq	%rbx
	pushq	%rcx
	pushq	%rdx
	pushq	%rsi
	pushq	%rdi
	pushq	%rbp
	pushq	%r8
	pushq	%r9
	pushq	%r10
	pushq	%r11
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	cld
	movq	%rsp, %rdi
	call	trap_dispatch
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%r11
	popq	%r10
	popq	%r9
	popq	%r8
	popq	%rbp
	popq	%rdi
	popq	%rsi
	popq	%rdx
	popq	%rcx
	popq	%rbx
	popq	%rax
	addq	$16, %rsp		/* vector and error code */
	iretq
