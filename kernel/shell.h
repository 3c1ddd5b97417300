/* SPDX-License-Identifier: MIT */
/*
 * kernel/shell.h - the serial shell: command registration and the one
 * argument parser every command shares.
 *
 * A subsystem adds a command from its own file with SHELL_COMMAND(); the
 * linker gathers every struct shell_cmd into the section hotmem_shell_cmds,
 * and the shell walks that section.  There is no central switch: adding a
 * command never touches kernel/shell.c.
 *
 *	SHELL_COMMAND(cmd_uptime, "uptime", "", 0, 0, "time since boot");
 *	static int
 *	cmd_uptime(int argc, char **argv)
 *	{
 *		...
 *		return 0;
 *	}
 *
 * The arguments: the function, the name, the usage text ("" for none),
 * the least and most arguments after the name (-1: no limit), the help.
 *
 * The shell splits the line (args_split()), checks the argument count
 * against min_args/max_args and prints "usage: NAME USAGE" itself, so a
 * command only checks what its arguments mean, with the arg_*() helpers.
 * A command returns 0, or a negative error after printing a one-line
 * message that names what was wrong.
 *
 * Course text: docs/01-boot.md (the shell), docs/00-introduction.md.
 * Tests: tests/unit/kernel/test_args.c, tests/qemu/test_shell.py
 */
#ifndef KERNEL_SHELL_H
#define KERNEL_SHELL_H

#include "kernel/types.h"

#define SHELL_LINE_MAX	1024	/* bytes in one line, including the NUL */
#define SHELL_ARGS_MAX	32	/* words in one line, the command included */

struct shell_cmd {
	const char *name;	/* the first word of the line */
	const char *usage;	/* arguments after the name, "" when none */
	int min_args;		/* words after the name, at least ... */
	int max_args;		/* ... and at most (-1: no limit) */
	const char *help;	/* one line for `help` */
	int (*run)(int argc, char **argv);	/* argv[0] is the name */
};

#define SHELL_COMMAND(fn, name_, usage_, min_, max_, help_)		\
	static int fn(int argc, char **argv);				\
	static const struct shell_cmd __shell_cmd_##fn			\
	__used __section("hotmem_shell_cmds") __attribute__((aligned(8))) = { \
		.name = name_, .usage = usage_, .min_args = min_,	\
		.max_args = max_, .help = help_, .run = fn,		\
	}

/* shell.c */
void shell_run(void) __noreturn;
const struct shell_cmd *shell_find(const char *name);
int shell_execute(char *line);	/* split, check, run; returns the result */

/*
 * args.c - the shared argument parser (host-testable).
 *
 * args_split() cuts LINE in place into words separated by spaces or tabs.
 * "double" and 'single' quotes group words; a backslash outside single
 * quotes takes the next character literally.  Returns the word count, or
 * -E2BIG (more than MAX words) or -EINVAL (unterminated quote, or a
 * backslash at the end); *err then says which, in words (NULL on
 * success; ERR itself may be NULL).  argv[] gets exactly the returned
 * number of entries, no NULL after them.  On -E2BIG, argv[0..MAX-1] hold
 * the first MAX words, complete; on -EINVAL argv is meaningless.
 */
int args_split(char *line, char **argv, int max, const char **err);

/*
 * arg_u64() reads a number: decimal, 0x hex, 0b binary or 0o octal, with
 * '_' allowed between digits.  arg_size() also takes a binary suffix K, M,
 * G, T (KiB, MiB, GiB, TiB; optional trailing "B" or "iB").  Both return 0,
 * -EINVAL (not a number) or -ERANGE (does not fit in 64 bits).
 * Details: prefixes and the suffix letter may be either case; "B" alone
 * means bytes ("4096B"); hex digits are read first, so "0x1B" is 27 while
 * "0x1KB" is 1024; signs and blanks are not numbers; *out is written only
 * on success; a word that is both malformed and too big gives -EINVAL.
 */
int arg_u64(const char *s, u64 *out);
int arg_size(const char *s, u64 *out);
/*
 * The other way: BYTES as util-linux's lsmem prints a size, the largest
 * binary unit reached (B K M G T P E) and one decimal when the rest
 * rounds to a tenth: "0B", "640K", "128M", "1.5G".  Returns BUF.
 */
const char *size_to_human(u64 bytes, char *buf, size_t size);

/*
 * arg_key() matches a "key=value" word: returns the value (after '=')
 * when WORD starts with KEY followed by '=', otherwise NULL.
 */
const char *arg_key(const char *word, const char *key);

#endif /* KERNEL_SHELL_H */
