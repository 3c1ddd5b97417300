/* SPDX-License-Identifier: MIT */
/*
 * tests/fuzz/fuzz_args.c - libFuzzer target for kernel/args.c.
 *
 * The input becomes one NUL-terminated shell line; it is split, and every
 * word is read as a number, a size and a key=value.  Sanitizers catch any
 * stray read or write; the checks below catch results that break the
 * documented contract (word count, words inside the line, -E2BIG).
 *
 * Course text: docs/01-boot.md (the shell).  Tests: make fuzz
 */
#include <stdlib.h>
#include <string.h>

#include "kernel/lib.h"
#include "kernel/shell.h"

#define FUZZ_WORDS_MAX 8	/* small, so -E2BIG is reached often */

static void
check_word(const char *word)
{
	u64 v = 0;
	int err;

	err = arg_u64(word, &v);
	if (err != 0 && err != -EINVAL && err != -ERANGE)
		__builtin_trap();
	err = arg_size(word, &v);
	if (err != 0 && err != -EINVAL && err != -ERANGE)
		__builtin_trap();
	/* A plain number is also a size, with the same value. */
	if (arg_u64(word, &v) == 0) {
		u64 size = 0;

		if (arg_size(word, &size) != 0 || size != v)
			__builtin_trap();
	}
	(void)arg_key(word, "key");
}

int
LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	char *argv[FUZZ_WORDS_MAX];
	const char *err;
	char *line;
	int argc, i;

	/* The exact size, so ASan sees any read past the NUL. */
	line = malloc(size + 1);
	if (!line)
		return 0;
	memcpy(line, data, size);
	line[size] = '\0';

	argc = args_split(line, argv, FUZZ_WORDS_MAX, &err);
	if (argc > FUZZ_WORDS_MAX)
		__builtin_trap();
	if (argc < 0 && (argc != -E2BIG && argc != -EINVAL))
		__builtin_trap();
	if ((argc < 0) != (err != NULL))
		__builtin_trap();
	if (argc == -E2BIG)
		argc = FUZZ_WORDS_MAX;	/* the first MAX words are complete */
	for (i = 0; i < argc; i++) {
		if (argv[i] < line || argv[i] > line + size)
			__builtin_trap();
		check_word(argv[i]);
	}
	free(line);
	return 0;
}
