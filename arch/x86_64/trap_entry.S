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
 * From user mode (ring 3) the CPU first switches to the stack in
 * TSS.rsp0, the top of the current task's kernel stack (gdt.c), so the
 * frame sits at the very top of that stack.  On the way back to ring 3,
 * trap_exit calls trap_return_to_user() (user.c): that is where a user
 * task is preempted (need_resched) or dies (killed), with every register
 * of its user mode saved in the frame.  A new user task enters ring 3
 * through the same iretq: arch_enter_user() builds the frame by hand.
 *
 * Course text: docs/01-boot.md, docs/11-user-tasks.md.
 */

#define USER_DS		0x1b	/* arch/x86_64/x86.h */
#define USER_CS		0x23
#define TF_CS		144	/* offsetof(struct trap_frame, cs) */
#define RFLAGS_IF	0x200
#define RFLAGS_FIXED	0x002	/* bit 1 always reads as 1 */

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
trap_exit:				/* rsp: a struct trap_frame */
	testb	$3, TF_CS(%rsp)
	jz	1f			/* back to the kernel: nothing to do */
	movq	%rsp, %rdi
	call	trap_return_to_user	/* may schedule(), or never return (exit) */
1:	popq	%r15
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

/*
 * void arch_enter_user(vaddr_t rip, vaddr_t rsp, void *kstack_top)
 *
 * The first entry of a task into ring 3: the kernel stack starts again,
 * empty, at KSTACK_TOP (what runs on it now is never returned to), and
 * gets the frame an interrupt from user mode would have left: SS, RSP,
 * RFLAGS (interrupts on), CS, RIP.  Every general register is zero, so
 * nothing of the kernel leaks into user mode.  Interrupts stay off until
 * iretq loads RFLAGS.
 */
	.globl arch_enter_user
	.type arch_enter_user, @function
arch_enter_user:
	cli
	movq	%rdx, %rsp
	pushq	$USER_DS
	pushq	%rsi
	pushq	$(RFLAGS_IF | RFLAGS_FIXED)
	pushq	$USER_CS
	pushq	%rdi
	xorl	%eax, %eax
	xorl	%ebx, %ebx
	xorl	%ecx, %ecx
	xorl	%edx, %edx
	xorl	%esi, %esi
	xorl	%edi, %edi
	xorl	%ebp, %ebp
	xorl	%r8d, %r8d
	xorl	%r9d, %r9d
	xorl	%r10d, %r10d
	xorl	%r11d, %r11d
	xorl	%r12d, %r12d
	xorl	%r13d, %r13d
	xorl	%r14d, %r14d
	xorl	%r15d, %r15d
	iretq
	.size arch_enter_user, . - arch_enter_user
