/* SPDX-License-Identifier: MIT */
/*
 * kernel/kernel.h - what kernel/ offers the rest of hotmem, file by file.
 *
 * Log levels follow Linux: a message starts with KERN_ERR etc. (a 0x01 byte
 * and a digit); the console prints messages whose level is below
 * console_loglevel (set with loglevel=N, default 7: all but debug).
 *
 * Course text: docs/00-introduction.md, docs/01-boot.md.
 */
#ifndef KERNEL_KERNEL_H
#define KERNEL_KERNEL_H

#include "kernel/types.h"

#define HOTMEM_VERSION	"0.1.0"

/* printk.c */
#define KERN_SOH	"\001"
#define KERN_EMERG	KERN_SOH "0"	/* system is unusable */
#define KERN_ALERT	KERN_SOH "1"
#define KERN_CRIT	KERN_SOH "2"
#define KERN_ERR	KERN_SOH "3"	/* an operation failed */
#define KERN_WARNING	KERN_SOH "4"	/* bad input, firmware bugs; we carry on */
#define KERN_NOTICE	KERN_SOH "5"
#define KERN_INFO	KERN_SOH "6"	/* boot progress, events */
#define KERN_DEBUG	KERN_SOH "7"
#define LOGLEVEL_DEFAULT 6		/* level of a message without a prefix */
#define LOGLEVEL_ERR	3		/* KERN_ERR's level */

int printk(const char *fmt, ...) __printf(1, 2);
int vprintk(const char *fmt, va_list ap);
#define pr_emerg(...)	printk(KERN_EMERG __VA_ARGS__)
#define pr_err(...)	printk(KERN_ERR __VA_ARGS__)
#define pr_warn(...)	printk(KERN_WARNING __VA_ARGS__)
#define pr_notice(...)	printk(KERN_NOTICE __VA_ARGS__)
#define pr_info(...)	printk(KERN_INFO __VA_ARGS__)
#define pr_debug(...)	printk(KERN_DEBUG __VA_ARGS__)
extern int console_loglevel;
/* How many messages at KERN_ERR or worse the console has shown since boot:
 * a command compares it before and after a call to know whether the
 * callee already told the user why it failed (mm/cmd_hotplug.c). */
unsigned long printk_console_errors(void);

/* panic.c */
void panic(const char *fmt, ...) __printf(1, 2) __noreturn;
/* Stop the machine: leave QEMU through isa-debug-exit when the kernel was
 * booted with debug_exit, else halt forever.  STATUS is the exit value. */
void machine_stop(int status) __noreturn;
#define assert(cond) do {						\
	if (!(cond))							\
		panic("assertion failed: %s (%s:%d)", #cond, __FILE__, __LINE__); \
} while (0)

/* Exit values given to machine_stop(); QEMU's exit status is (value << 1) | 1. */
#define EXIT_HALT	0x10	/* `halt`: QEMU exits with 33 */
#define EXIT_PANIC	0x11	/* panic or CPU exception: QEMU exits with 35 */

/* cmdline.c: the kernel command line, Linux style. */
struct kernel_param {
	const char *name;	/* "loglevel", "mem", "debug_exit" */
	/* VAL is the text after '=', or NULL for a bare flag.  Return 0 or a
	 * negative error; the caller reports errors, never fatal:
	 * -EINVAL malformed (or NULL when a value is needed), -ERANGE out of
	 * range, -E2BIG a value given to a flag. */
	int (*set)(const char *val);
	const char *help;	/* one line, listed by the `cmdline` command */
};
#define KERNEL_PARAM(fn, name_, help_)					\
	static int fn(const char *val);					\
	static const struct kernel_param __kparam_##fn			\
	__used __section("hotmem_params") __attribute__((aligned(8))) = { \
		.name = name_, .set = fn, .help = help_,		\
	}
void cmdline_init(const char *cmdline);	/* copy, parse, apply */
/*
 * Parse LINE (cut in place) against PARAMS: each word is "key=value" or a
 * bare "flag"; quotes group as in the shell (args_split()).  Unknown
 * words and values a param's set() refuses are reported with a one-line
 * warning and skipped.  Returns how many warnings were printed (one per
 * bad word).  An unterminated quote gets one warning and nothing is
 * applied; more than 64 words get one warning and the first 64 apply.
 */
int cmdline_parse(char *line, const struct kernel_param *params, size_t nparams);
const char *cmdline_get(void);		/* the line as the bootloader gave it */
extern bool debug_exit_enabled;		/* the debug_exit flag was given */

/* The monotonic clock, nanoseconds since it started (arch/x86_64/timer.c). */
u64 ktime_ns(void);
void udelay(u64 us);

/* main.c */
void kernel_main(u32 magic, paddr_t mbi_paddr) __noreturn;

#endif /* KERNEL_KERNEL_H */
