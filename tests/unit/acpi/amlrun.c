/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/acpi/amlrun.c - hotmem's AML interpreter as a host program,
 * the other half of tools/aml-oracle: load one .aml table, evaluate one
 * method (\MAIN by default) and print its value as aml_value_format()
 * writes it, or "error: <aml_strerror()>".
 *
 * The idea: the same one-line answer ACPICA's acpiexec gives, so a script
 * can compare the two.  Region accesses go to the fake OS layer's default
 * spaces (tests/unit/fake/fake_aml_os.c): SystemIO and SystemMemory are
 * plain bytes that start zeroed, as acpiexec's simulated regions do, so a
 * program can write a field and read it back.  The interpreter's messages
 * go to stderr; stdout holds only the answer.  Built with ASan/UBSan; the
 * namespace is torn down before exit, and a block the interpreter did not
 * free is reported (LeakSanitizer sees it too).
 *
 *   build/host/amlrun [-t] FILE.aml [PATH]     -t: aml_trace on
 *   exit status 0 (a value), 1 (an error), 2 (cannot run)
 *
 * Course text: docs/07-aml-and-acpi-events.md.
 * Tests: tools/aml-oracle (every tests/data/aml program)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/acpi/aml/aml.h"
#include "fake_aml_os.h"
#include "fake_printk.h"

/* ------------------------------------------------------------ running */

static u8 *
read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	u8 *buf;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
		fclose(f);
		return NULL;
	}
	buf = malloc(n ? n : 1);
	if (buf && fread(buf, 1, n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	*len = n;
	return buf;
}

/* The recorded interpreter messages, to stderr, without level prefixes. */
static void
dump_messages(void)
{
	for (const char *p = fake_printk_buf; *p; p++) {
		if (p[0] == '\001' && p[1]) {
			p++;
			continue;
		}
		fputc(*p, stderr);
	}
}

static int
usage(void)
{
	fprintf(stderr, "usage: amlrun [-t] FILE.aml [PATH]\n");
	return 2;
}

int
main(int argc, char **argv)
{
	const char *file, *path = "\\MAIN";
	struct aml_value ret = { .type = AML_UNINITIALIZED };
	size_t len;
	char *text;
	int argi = 1, err, n;
	u8 *table;

	if (argi < argc && strcmp(argv[argi], "-t") == 0) {
		aml_trace = true;
		argi++;
	}
	if (argi >= argc || argc - argi > 2)
		return usage();
	file = argv[argi];
	if (argc - argi == 2)
		path = argv[argi + 1];

	table = read_file(file, &len);
	if (!table || len < sizeof(struct acpi_table_header) ||
	    ((struct acpi_table_header *)table)->length > len) {
		fprintf(stderr, "amlrun: %s: cannot read a table from it\n", file);
		free(table);
		return 2;
	}
	fake_aml_reset();

	err = aml_load_table((struct acpi_table_header *)table);
	if (err == 0)
		err = aml_eval(NULL, path, NULL, 0, &ret);
	if (err) {
		printf("error: %s\n", aml_strerror(err));
	} else {
		n = aml_value_format(&ret, NULL, 0);
		text = malloc(n + 1);
		if (!text)
			return 2;
		aml_value_format(&ret, text, n + 1);
		printf("%s\n", text);
		free(text);
	}
	aml_value_free(&ret);
	aml_reset();
	dump_messages();
	free(table);
	if (fake_aml_allocs) {
		fprintf(stderr, "amlrun: %zu interpreter blocks not freed after aml_reset()\n",
			fake_aml_allocs);
		return 2;
	}
	return err ? 1 : 0;
}
