/* SPDX-License-Identifier: MIT */
/*
 * tests/bench/bench_aml.c - the AML interpreter's speed and memory on the
 * host, on QEMU's real DSDT: loading the table into a namespace, and the
 * evaluations a DIMM plug costs (\_GPE._E03's scan of every slot, _CRS
 * and _STA of the slot), against the model of QEMU's register block the
 * unit tests use.  tools/bench prints the figures.
 *
 *   build/bench/bench_aml DSDT-FILE ROUNDS
 *
 * prints lines "load: X us", "namespace: N bytes in M nodes", "E03: X us"...
 *
 * Course text: docs/07-aml-and-acpi-events.md.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "drivers/acpi/aml/internal.h"
#include "fake_acpi_os.h"
#include "fake_aml_os.h"
#include "qemu_memhp.h"

static struct qemu_memhp hp;

static double
now_us(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e6 + t.tv_nsec / 1e3;
}

/* Evaluate PATH ROUNDS times; microseconds per evaluation. */
static double
time_eval(const char *path, long rounds)
{
	double t0 = now_us();

	for (long i = 0; i < rounds; i++) {
		struct aml_value v;

		if (aml_eval(NULL, path, NULL, 0, &v)) {
			fprintf(stderr, "bench_aml: %s failed\n", path);
			exit(1);
		}
		aml_value_free(&v);
		fake_aml_nnotify = 0;
	}
	return (now_us() - t0) / rounds;
}

int
main(int argc, char **argv)
{
	const struct acpi_table_header *dsdt;
	struct aml_namespace_stats st;
	double t0, load_us;
	size_t len;
	long rounds;

	if (argc != 3) {
		fprintf(stderr, "usage: bench_aml DSDT-FILE ROUNDS\n");
		return 2;
	}
	dsdt = (const void *)fake_acpi_read_file(argv[1], &len);
	rounds = strtol(argv[2], NULL, 0);
	qemu_memhp_init(&hp, 8);
	fake_aml_reset();
	fake_aml_add_handler(AML_SPACE_IO, QEMU_MEMHP_BASE, QEMU_MEMHP_LEN, qemu_memhp_port, &hp);

	t0 = now_us();
	for (long i = 0; i < rounds; i++) {
		aml_reset();
		if (aml_load_table(dsdt)) {
			fprintf(stderr, "bench_aml: %s does not load\n", argv[1]);
			return 1;
		}
	}
	load_us = (now_us() - t0) / rounds;
	aml_namespace_stats(&st);
	printf("load: %.1f us\n", load_us);
	printf("namespace: %zu bytes in %u nodes (%u methods), from %u bytes of AML\n",
	       aml_mem_used, st.nodes, st.methods, st.bytes);

	/* A 1 GiB DIMM in slot 2, plugged once: the scan finds it, the
	 * driver asks _STA and _CRS.  Later scans find nothing new but
	 * still visit every slot, as every GPE 3 does. */
	qemu_memhp_hot_plug(&hp, 2, 0x100000000ULL, 1ULL << 30, 0);
	printf("E03: %.2f us\n", time_eval("\\_GPE._E03", rounds));
	printf("_STA: %.2f us\n", time_eval("\\_SB_.MHPC.MP02._STA", rounds));
	printf("_CRS: %.2f us\n", time_eval("\\_SB_.MHPC.MP02._CRS", rounds));
	aml_reset();
	free((void *)dsdt);
	return 0;
}
