/* SPDX-License-Identifier: MIT */
/*
 * kernel/args.c - the argument parser every shell command and the kernel
 * command line share: split a line into words, read numbers and sizes.
 *
 * The idea: parse in place and check everything.  args_split() rewrites
 * the line into NUL-terminated words without allocating, and the number
 * readers accept a whole word or refuse it (-EINVAL, -ERANGE); no input,
 * however odd, makes them read or write outside the caller's buffers.
 *
 * Course text: docs/01-boot.md (the shell).
 * Tests: tests/unit/kernel/test_args.c, tests/fuzz/fuzz_args.c
 */
#include "kernel/lib.h"
#include "kernel/shell.h"

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/*
 * Cut one word starting at *RP, writing its bytes (quotes and backslashes
 * removed) from W onwards.  W never passes *RP: each step reads at least
 * as many bytes as it writes, so the rewrite stays inside the word.
 * On return *RP is at the blank or NUL that ended the word.
 * Returns the end of the written bytes, or NULL with *ERR set.
 */
static char *
split_one_word(char **rp, char *w, const char **err)
{
	char *r = *rp;
	char quote = 0;		/* 0, or the quote character we are inside */

	while (*r != '\0') {
		char c = *r;

		if (quote == '\'') {		/* '...': everything literal */
			if (c == '\'')
				quote = 0;
			else
				*w++ = c;
			r++;
		} else if (c == '\\') {		/* \x: x literal */
			if (r[1] == '\0') {
				*err = "backslash at the end of the line";
				return NULL;
			}
			*w++ = r[1];
			r += 2;
		} else if (quote == '"') {	/* "...": blanks literal */
			if (c == '"')
				quote = 0;
			else
				*w++ = c;
			r++;
		} else if (c == '"' || c == '\'') {
			quote = c;
			r++;
		} else if (is_blank(c)) {
			break;
		} else {
			*w++ = c;
			r++;
		}
	}
	if (quote) {
		*err = "unterminated quote";
		return NULL;
	}
	*rp = r;
	return w;
}

/*
 * Split LINE in place into at most MAX words (see kernel/shell.h).
 *
 * For each word: skip blanks; if the line ended, stop; if MAX words are
 * already stored, fail with -E2BIG (argv[0..MAX-1] then hold the first MAX
 * words, complete); otherwise record where the word starts, cut it, and
 * end it with a NUL written over the blank that followed it (or at the
 * end of the line).
 */
int
args_split(char *line, char **argv, int max, const char **err)
{
	const char *why = NULL;
	char *r = line;		/* next byte to read */
	char *w = line;		/* next byte to write; w <= r */
	int argc = 0;

	if (!err)
		err = &why;
	*err = NULL;
	if (!line || (max > 0 && !argv)) {
		*err = "no line to split";
		return -EINVAL;
	}

	for (;;) {
		while (is_blank(*r))
			r++;
		if (*r == '\0')
			break;
		if (argc >= max) {
			*err = "too many words";
			return -E2BIG;
		}
		argv[argc++] = w;
		w = split_one_word(&r, w, err);
		if (!w)
			return -EINVAL;
		if (*r != '\0')
			r++;	/* past the blank; the NUL may go over it */
		*w++ = '\0';
	}
	return argc;
}

/* The value of digit C (0-9, a-z, A-Z), or 36 when C is no digit. */
static unsigned int
digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 36;
}

/* The base a "0x", "0b" or "0o" prefix at S selects, or 0 when none. */
static unsigned int
prefix_base(const char *s)
{
	if (s[0] != '0')
		return 0;
	switch (s[1]) {
	case 'x': case 'X':
		return 16;
	case 'b': case 'B':
		return 2;
	case 'o': case 'O':
		return 8;
	}
	return 0;
}

/*
 * Read the number at the start of S and set *END just past it.
 *
 *	number := [ "0x" | "0b" | "0o" ] digit { [ "_" ] digit }
 *
 * A prefix counts only when a digit of its base follows, so "0x" alone is
 * the number 0 followed by "x" (which the callers then refuse).  Digits
 * are read greedily: in "0x1B" the B is a hex digit.  Returns 0, -EINVAL
 * (no digit at S) or -ERANGE (the digits do not fit in 64 bits; *END is
 * still set, so callers can report bad syntax before a bad range).
 */
static int
parse_number(const char *s, u64 *out, const char **end)
{
	unsigned int base = prefix_base(s);
	bool overflow = false;
	u64 v = 0;

	if (base && digit_value(s[2]) < base)
		s += 2;
	else
		base = 10;
	*end = s;
	if (digit_value(*s) >= base)
		return -EINVAL;

	/* *s is a digit here, so a '_' is only taken between two digits. */
	for (;;) {
		unsigned int d;

		if (*s == '_' && digit_value(s[1]) < base)
			s++;
		d = digit_value(*s);
		if (d >= base)
			break;
		if (v > (UINT64_MAX - d) / base)
			overflow = true;
		else
			v = v * base + d;
		s++;
	}
	*end = s;
	if (overflow)
		return -ERANGE;
	*out = v;
	return 0;
}

int
arg_u64(const char *s, u64 *out)
{
	const char *end;
	u64 v = 0;
	int err;

	if (!s || !out)
		return -EINVAL;
	err = parse_number(s, &v, &end);
	if (err == -EINVAL || *end != '\0')
		return -EINVAL;
	if (err)
		return err;
	*out = v;
	return 0;
}

/*
 * A size: a number, then an optional binary suffix K, M, G or T (either
 * case), then an optional "B" ("iB" only after a suffix).  "4K", "4KiB",
 * "4KB" and "4096B" are all 4096.
 */
int
arg_size(const char *s, u64 *out)
{
	unsigned int shift = 0;
	const char *end;
	u64 v = 0;
	int err;

	if (!s || !out)
		return -EINVAL;
	err = parse_number(s, &v, &end);
	if (err == -EINVAL)
		return -EINVAL;

	switch (*end) {
	case 'K': case 'k':
		shift = 10;
		break;
	case 'M': case 'm':
		shift = 20;
		break;
	case 'G': case 'g':
		shift = 30;
		break;
	case 'T': case 't':
		shift = 40;
		break;
	}
	if (shift)
		end++;
	if (shift && end[0] == 'i' && end[1] == 'B')
		end += 2;
	else if (end[0] == 'B')
		end++;
	if (*end != '\0')
		return -EINVAL;

	if (err)
		return err;
	if (v > (UINT64_MAX >> shift))
		return -ERANGE;
	*out = v << shift;
	return 0;
}

const char *
arg_key(const char *word, const char *key)
{
	size_t n;

	if (!word || !key || key[0] == '\0')
		return NULL;
	n = strlen(key);
	if (strncmp(word, key, n) != 0 || word[n] != '=')
		return NULL;
	return word + n + 1;
}

/*
 * See kernel/shell.h.  A size as util-linux prints it (its
 * SIZE_SUFFIX_1LETTER form): the
 * largest binary unit the value reaches (B, K, M, G, T, P, E), with one
 * decimal when the remainder rounds to a tenth: "640K", "128M", "1.5G",
 * "0B".  The tenths: the remainder in 1/1024ths of the unit, +50, /100
 * (so 1.96G rounds up to "2G").
 */
const char *
size_to_human(u64 bytes, char *buf, size_t size)
{
	static const char units[] = "BKMGTPE";
	unsigned int shift = 0;		/* the unit is 2^shift bytes */
	u64 whole, tenths = 0;

	while (shift < 60 && bytes >= (1ULL << (shift + 10)))
		shift += 10;
	whole = bytes >> shift;
	if (shift && (bytes & ((1ULL << shift) - 1))) {
		tenths = (((bytes & ((1ULL << shift) - 1)) >> (shift - 10)) + 50) / 100;
		if (tenths == 10) {
			whole++;
			tenths = 0;
		}
	}
	if (tenths)
		snprintf(buf, size, "%llu.%llu%c", (unsigned long long)whole,
			 (unsigned long long)tenths, units[shift / 10]);
	else
		snprintf(buf, size, "%llu%c", (unsigned long long)whole, units[shift / 10]);
	return buf;
}
