/* SPDX-License-Identifier: MIT */
/*
 * kernel/printk.c - the kernel log: printk() with Linux's log levels and
 * timestamps, kept in a ring buffer (`dmesg`) and shown on the console.
 *
 * A message may start with KERN_ERR etc.; it reaches the console when its
 * level is below console_loglevel (loglevel=N), and the log buffer always.
 * Each line starts with "[    S.UUUUUU] ", seconds since the clock
 * started.  A printk() whose text does not end in "\n" is continued by
 * the next one, without a new timestamp.
 *
 * Course text: docs/01-boot.md.
 */
#include <arch/cpu.h>
#include "kernel/console.h"
#include "kernel/kernel.h"
#include "kernel/lib.h"
#include "kernel/shell.h"

#define LOG_BUF_SIZE	(32 * 1024)	/* a power of two */

int console_loglevel = 7;		/* print levels 0..6 */

/* Messages at KERN_ERR or worse that reached the console (printk_console_errors()). */
static unsigned long console_errors;

/* The log ring: written under interrupts-off, read by `dmesg`. */
static struct {
	char buf[LOG_BUF_SIZE];
	u64 head;		/* bytes ever written; buf[head % SIZE] is next */
	bool line_open;		/* the last message did not end its line */
} log;

static void
log_store(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		log.buf[log.head++ % LOG_BUF_SIZE] = s[i];
}

int
vprintk(const char *fmt, va_list ap)
{
	char msg[512], stamp[24];
	int level = LOGLEVEL_DEFAULT, n, sn = 0;
	bool flags;
	u64 ns;

	if (fmt[0] == KERN_SOH[0] && fmt[1] >= '0' && fmt[1] <= '7') {
		level = fmt[1] - '0';
		fmt += 2;
	}
	n = vsnprintf(msg, sizeof(msg), fmt, ap);
	if (n >= (int)sizeof(msg))
		n = sizeof(msg) - 1;

	flags = arch_irq_save();
	if (!log.line_open) {
		ns = ktime_ns();
		sn = snprintf(stamp, sizeof(stamp), "[%5llu.%06llu] ",
			      (unsigned long long)(ns / 1000000000),
			      (unsigned long long)(ns / 1000 % 1000000));
		log_store(stamp, sn);
	}
	log_store(msg, n);
	if (level < console_loglevel) {
		console_write(stamp, sn);
		console_write(msg, n);
		if (level <= LOGLEVEL_ERR)
			console_errors++;
	}
	log.line_open = n > 0 && msg[n - 1] != '\n';
	arch_irq_restore(flags);
	return n;
}

int
printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}

unsigned long
printk_console_errors(void)
{
	return console_errors;
}

/* `dmesg`: the whole log buffer, oldest first. */
SHELL_COMMAND(cmd_dmesg, "dmesg", "", 0, 0, "print the kernel log buffer");
static int
cmd_dmesg(int argc, char **argv)
{
	u64 start = log.head > LOG_BUF_SIZE ? log.head - LOG_BUF_SIZE : 0;

	(void)argc, (void)argv;
	for (u64 i = start; i < log.head; i++)
		console_write(&log.buf[i % LOG_BUF_SIZE], 1);
	if (log.line_open)
		console_write("\n", 1);
	return 0;
}
