/* SPDX-License-Identifier: MIT */
/*
 * kernel/console.h - the console: where printk and the shell write, and
 * where the shell's keystrokes come from.  drivers/serial/uart16550.c
 * provides it on COM1.
 *
 * Course text: docs/01-boot.md.
 */
#ifndef KERNEL_CONSOLE_H
#define KERNEL_CONSOLE_H

#include "kernel/types.h"

void console_init(void);		/* polled output works after this */
void console_enable_irq(void);		/* input by interrupt from then on */
/* Write N bytes; a "\n" not preceded by "\r" goes out as "\r\n". */
void console_write(const char *s, size_t n);
/* The next input byte, or -1 when none is waiting. */
int console_try_getc(void);
/* The next input byte; sleeps (interrupts on) until one arrives. */
u8 console_getc(void);

#endif /* KERNEL_CONSOLE_H */
