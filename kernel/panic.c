/* SPDX-License-Identifier: MIT */
/*
 * kernel/panic.c - stopping on a kernel bug, and stopping on purpose.
 *
 * panic() is for broken invariants only, never for bad input (STYLE.md
 * section 6).  It prints the message and a stack trace, then stops the
 * machine.  machine_stop() is the one way out: with the debug_exit boot
 * option QEMU exits through isa-debug-exit (exit status (value << 1) | 1,
 * which tests check); otherwise the CPU halts forever.
 *
 * Course text: docs/01-boot.md.
 */
#include <arch/cpu.h>
#include "kernel/kernel.h"
#include "kernel/lib.h"

void
machine_stop(int status)
{
	arch_irq_disable();
	if (debug_exit_enabled)
		arch_debug_exit(status);
	arch_halt();
}

void
panic(const char *fmt, ...)
{
	static bool in_panic;
	char msg[256];
	va_list ap;

	arch_irq_disable();
	if (in_panic)		/* panic while panicking: just stop */
		machine_stop(EXIT_PANIC);
	in_panic = true;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	printk(KERN_EMERG "Kernel panic: %s\n", msg);
	arch_dump_stack();
	printf("Kernel halted.\n");
	machine_stop(EXIT_PANIC);
}
