/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/acpi/aml_asm.c - the tests' AML assembler and evaluation
 * helpers (see aml_asm.h).
 *
 * Course text: docs/07-aml-and-acpi-events.md (how the interpreter is tested).
 * Tests: used by tests/unit/acpi/test_aml_*.c
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "aml_asm.h"
#include "drivers/acpi/aml/internal.h"
#include "fake_aml_os.h"
#include "fake_printk.h"

void
asm_init(struct aml_asm *a)
{
	memset(a, 0, sizeof(*a));
	a->buf = calloc(1, AML_ASM_MAX);
	assert_non_null(a->buf);
	a->len = sizeof(struct acpi_table_header);
}

void
asm_free(struct aml_asm *a)
{
	free(a->buf);
	a->buf = NULL;
}

void
asm_raw(struct aml_asm *a, const void *p, size_t n)
{
	assert_true(a->len + n <= AML_ASM_MAX);
	memcpy(a->buf + a->len, p, n);
	a->len += n;
}

void
asm_hex(struct aml_asm *a, const char *hex)
{
	while (*hex) {
		unsigned int v;
		int used;

		if (*hex == ' ') {
			hex++;
			continue;
		}
		assert_int_equal(sscanf(hex, "%2x%n", &v, &used), 1);
		assert_true(a->len < AML_ASM_MAX);
		a->buf[a->len++] = (u8)v;
		hex += used;
	}
}

void
asm_name(struct aml_asm *a, const char *path)
{
	const char *p = path;
	u8 segs[32][4];
	int n = 0;

	if (*p == '\\')
		a->buf[a->len++] = *p++;
	while (*p == '^')
		a->buf[a->len++] = *p++;
	while (*p) {
		int len = 0;

		memset(segs[n], '_', 4);
		while (*p && *p != '.')
			segs[n][len++] = (u8)*p++;
		assert_true(len >= 1 && len <= 4);
		n++;
		if (*p == '.')
			p++;
	}
	if (n == 0) {
		a->buf[a->len++] = 0x00;
	} else if (n == 2) {
		a->buf[a->len++] = 0x2E;
	} else if (n > 2) {
		a->buf[a->len++] = 0x2F;
		a->buf[a->len++] = (u8)n;
	}
	asm_raw(a, segs, 4 * (size_t)n);
}

void
asm_string(struct aml_asm *a, const char *s)
{
	asm_hex(a, "0D");
	asm_raw(a, s, strlen(s) + 1);
}

void
asm_open(struct aml_asm *a, const char *hex)
{
	asm_hex(a, hex);
	assert_true(a->depth < 32);
	a->open[a->depth++] = a->len;
	a->len += 4;	/* room for the longest PkgLength; moved down at close */
}

void
asm_close(struct aml_asm *a)
{
	size_t at = a->open[--a->depth], body = a->len - (at + 4);
	size_t total, nbytes;
	u8 enc[4];

	/* The length counts the PkgLength bytes themselves. */
	if (body + 1 < 0x40) {
		nbytes = 1;
		total = body + 1;
		enc[0] = (u8)total;
	} else {
		nbytes = body + 2 < 0x1000 ? 2 : body + 3 < 0x100000 ? 3 : 4;
		total = body + nbytes;
		enc[0] = (u8)((nbytes - 1) << 6 | (total & 0x0F));
		for (size_t i = 1; i < nbytes; i++)
			enc[i] = (u8)(total >> (4 + 8 * (i - 1)));
	}
	memmove(a->buf + at + nbytes, a->buf + at + 4, body);
	memcpy(a->buf + at, enc, nbytes);
	a->len = at + nbytes + body;
}

void
asm_text(struct aml_asm *a, const char *text)
{
	const char *p = text;
	char tok[256];

	while (*p) {
		size_t n = 0;

		while (*p == ' ' || *p == '\n' || *p == '\t')
			p++;
		if (!*p)
			break;
		if (*p == '"') {
			for (p++; *p && *p != '"'; p++) {
				assert_true(n + 1 < sizeof(tok));
				tok[n++] = *p;
			}
			assert_true(*p == '"');
			p++;
			tok[n] = '\0';
			asm_string(a, tok);
			continue;
		}
		while (*p && *p != ' ' && *p != '\n' && *p != '\t') {
			assert_true(n + 1 < sizeof(tok));
			tok[n++] = *p++;
		}
		tok[n] = '\0';
		if (!strcmp(tok, "}")) {
			asm_close(a);
		} else if (tok[n - 1] == '{') {
			tok[n - 1] = '\0';
			asm_open(a, tok);
		} else if (tok[0] == '$') {
			asm_name(a, tok + 1);
		} else {
			asm_hex(a, tok);
		}
	}
}

const struct acpi_table_header *
asm_table(struct aml_asm *a, int revision)
{
	struct acpi_table_header *h = (struct acpi_table_header *)a->buf;
	u8 sum = 0;

	assert_int_equal(a->depth, 0);
	memcpy(h->signature, "DSDT", 4);
	h->length = (u32)a->len;
	h->revision = (u8)revision;
	memcpy(h->oem_id, "HOTMEM", 6);
	memcpy(h->oem_table_id, "UNITTEST", 8);
	h->checksum = 0;
	for (size_t i = 0; i < a->len; i++)
		sum = (u8)(sum + a->buf[i]);
	h->checksum = (u8)-sum;
	return h;
}

int
asm_load(struct aml_asm *a, int revision)
{
	return aml_load_table(asm_table(a, revision));
}

const char *
eval_text(const char *path)
{
	static char text[4096];
	struct aml_value v;
	int err = aml_eval(NULL, path, NULL, 0, &v);

	if (err) {
		snprintf(text, sizeof(text), "error: %s", aml_strerror(err));
		return text;
	}
	aml_value_format(&v, text, sizeof(text));
	aml_value_free(&v);
	return text;
}

u64
eval_int(const char *path)
{
	u64 v = 0;
	int err = aml_eval_integer(NULL, path, &v);

	if (err)
		fail_msg("%s: %s", path, aml_strerror(err));
	return v;
}

void
aml_reset_checked(void)
{
	aml_reset();
	assert_int_equal(aml_mem_used, 0);
	assert_int_equal(fake_aml_allocs, 0);
}

int
aml_test_setup(void **state)
{
	fake_printk_clear();
	fake_aml_reset();
	asm_init(*state);
	return 0;
}

int
aml_test_teardown(void **state)
{
	aml_reset_checked();
	asm_free(*state);
	return 0;
}
