/* SPDX-License-Identifier: MIT */
/*
 * kernel/cmdline.c - the kernel command line, Linux style: words such as
 * "loglevel=3" or "debug_exit" that the bootloader passes to the kernel.
 *
 * The idea: each option is a struct kernel_param declared next to the code
 * it configures (KERNEL_PARAM()); the linker gathers them in the section
 * hotmem_params, so this file knows no option but its own two.  Bad words
 * are warned about and skipped: a typo on the command line never stops
 * the boot.
 *
 * Course text: docs/01-boot.md.  Tests: tests/unit/kernel/test_cmdline.c
 */
#include "kernel/kernel.h"
#include "kernel/lib.h"
#include "kernel/shell.h"

#define CMDLINE_MAX		1024	/* bytes kept, including the NUL */
#define CMDLINE_WORDS_MAX	64	/* words parsed; later ones are ignored */

/* The linker defines these around the section hotmem_params. */
extern const struct kernel_param __start_hotmem_params[];
extern const struct kernel_param __stop_hotmem_params[];

static char cmdline_orig[CMDLINE_MAX];	/* as given, for cmdline_get() */
static char cmdline_work[CMDLINE_MAX];	/* a copy, cut by cmdline_parse() */

/* What the last cmdline_parse() did with each word, for `cmdline`. */
static struct {
	const char *word;	/* points into the parsed line */
	int result;		/* 0 applied, -ENOENT unknown, else set()'s error */
} parsed[CMDLINE_WORDS_MAX];
static int nr_parsed;

bool debug_exit_enabled;

/* Why a set() refused its value, for the warning (see struct kernel_param). */
static const char *
cmdline_error_str(int err)
{
	switch (err) {
	case -EINVAL:
		return "malformed";
	case -ERANGE:
		return "out of range";
	case -E2BIG:
		return "a flag takes no value";
	}
	return "refused";
}

/* The param named NAME (NAME is LEN bytes long), or NULL. */
static const struct kernel_param *
cmdline_find_param(const struct kernel_param *params, size_t nparams,
		   const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < nparams; i++) {
		const struct kernel_param *p = &params[i];

		if (p->name && p->set && strlen(p->name) == len &&
		    strncmp(p->name, name, len) == 0)
			return p;
	}
	return NULL;
}

/* Apply one word; returns 0, -ENOENT (unknown) or set()'s error, reported. */
static int
cmdline_apply_word(const char *word, const struct kernel_param *params,
		   size_t nparams)
{
	const struct kernel_param *p;
	const char *eq = strchr(word, '=');
	const char *val = eq ? eq + 1 : NULL;
	size_t len = eq ? (size_t)(eq - word) : strlen(word);
	int err;

	p = cmdline_find_param(params, nparams, word, len);
	if (!p) {
		pr_warn("cmdline: unknown option '%s' ignored\n", word);
		return -ENOENT;
	}
	err = p->set(val);
	if (err == 0)
		return 0;
	if (val)
		pr_warn("cmdline: %s: invalid value '%s' (%s), ignored\n",
			p->name, val, cmdline_error_str(err));
	else
		pr_warn("cmdline: %s: needs a value (%s=...), ignored\n",
			p->name, p->name);
	return err;
}

/*
 * Parse LINE against PARAMS (see kernel/kernel.h).
 *
 * 1. Split the line.  An unterminated quote or a trailing backslash makes
 *    every word doubtful: warn once and apply none.  More than
 *    CMDLINE_WORDS_MAX words: warn once and apply the first ones.
 * 2. Apply each word in order, so a later "loglevel=" wins.  Returns the
 *    number of warnings printed.
 */
int
cmdline_parse(char *line, const struct kernel_param *params, size_t nparams)
{
	char *argv[CMDLINE_WORDS_MAX];
	const char *err;
	int reported = 0;
	int argc, i;

	nr_parsed = 0;
	if (!line)
		return 0;
	if (!params)
		nparams = 0;

	argc = args_split(line, argv, CMDLINE_WORDS_MAX, &err);
	if (argc == -E2BIG) {
		pr_warn("cmdline: more than %d words; the rest ignored\n",
			CMDLINE_WORDS_MAX);
		reported++;
		argc = CMDLINE_WORDS_MAX;
	} else if (argc < 0) {
		pr_warn("cmdline: %s; whole command line ignored\n", err);
		return 1;
	}

	for (i = 0; i < argc; i++) {
		int result = cmdline_apply_word(argv[i], params, nparams);

		parsed[i].word = argv[i];
		parsed[i].result = result;
		reported += result != 0;
	}
	nr_parsed = argc;
	return reported;
}

/*
 * Keep the bootloader's line (truncated to CMDLINE_MAX - 1 bytes, with a
 * warning), then parse a second copy against every KERNEL_PARAM.
 */
void
cmdline_init(const char *cmdline)
{
	size_t len;

	if (!cmdline)
		cmdline = "";
	len = strnlen(cmdline, CMDLINE_MAX);
	if (len == CMDLINE_MAX) {
		len = CMDLINE_MAX - 1;
		pr_warn("cmdline: longer than %d bytes; truncated\n",
			CMDLINE_MAX - 1);
	}
	memcpy(cmdline_orig, cmdline, len);
	cmdline_orig[len] = '\0';
	memcpy(cmdline_work, cmdline_orig, len + 1);

	cmdline_parse(cmdline_work, __start_hotmem_params,
		      __stop_hotmem_params - __start_hotmem_params);
}

const char *
cmdline_get(void)
{
	return cmdline_orig;
}

/*
 * `cmdline`: the line as given, what became of each word, and every
 * option this kernel knows with its one-line help.
 */
SHELL_COMMAND(cmd_cmdline, "cmdline", "", 0, 0,
	      "the kernel command line, word by word, and the known options");
static int
cmd_cmdline(int argc, char **argv)
{
	(void)argc, (void)argv;
	printf("%s\n", cmdline_orig);
	for (int i = 0; i < nr_parsed; i++) {
		int r = parsed[i].result;

		printf("  %-30s %s%s%s\n", parsed[i].word,
		       r == 0 ? "known" : r == -ENOENT ? "unknown (ignored)" :
		       "refused: ", r && r != -ENOENT ? cmdline_error_str(r) : "",
		       r && r != -ENOENT ? " (ignored)" : "");
	}
	printf("options:\n");
	for (const struct kernel_param *p = __start_hotmem_params;
	     p < __stop_hotmem_params; p++)
		printf("  %-30s %s\n", p->name, p->help);
	return 0;
}

/* ------------------------------------------------ this file's options */

static int
param_debug_exit(const char *val)
{
	if (val)
		return -E2BIG;
	debug_exit_enabled = true;
	return 0;
}
KERNEL_PARAM(param_debug_exit, "debug_exit",
	     "halt and panic leave QEMU through isa-debug-exit (a flag)");

static int
param_loglevel(const char *val)
{
	u64 level;
	int err;

	if (!val)
		return -EINVAL;
	err = arg_u64(val, &level);
	if (err)
		return err;
	if (level > 8)
		return -ERANGE;
	console_loglevel = (int)level;
	return 0;
}
KERNEL_PARAM(param_loglevel, "loglevel",
	     "loglevel=N: print messages of level below N (0-8, default 7)");
