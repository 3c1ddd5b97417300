/* SPDX-License-Identifier: MIT */
/*
 * drivers/acpi/slit.c - the System Locality Information Table: the
 * relative distance between every pair of proximity domains, a matrix.
 *
 * The idea: distances are relative to 10, the distance of a domain to
 * itself; 20 means twice as far (twice the memory latency, roughly).
 * The matrix is indexed by proximity domain (PXM), not by node id;
 * drivers/acpi/numa.c translates.
 *
 * Course text: docs/06-acpi-tables-srat-numa.md.
 * Tests: tests/unit/acpi/test_slit.c, tests/fuzz/fuzz_srat.c (SRAT and SLIT)
 */
#include "drivers/acpi/acpi.h"
#include "kernel/kernel.h"
#include "kernel/lib.h"

struct acpi_slit_info acpi_slit;

/*
 * ACPI 6.x, 5.2.17:
 *
 *   offset 0   the common header (36 bytes)
 *   offset 36  Number of System Localities, N (8 bytes)
 *   offset 44  Entry[0][0] .. Entry[N-1][N-1], one byte each, row by row:
 *              Entry[i][j] is the distance from locality i to j
 *
 * Values 0-9 are reserved, Entry[i][i] is 10, and 0xFF means "j cannot
 * be reached from i".
 */
#define SLIT_HEADER_SIZE	(sizeof(struct acpi_table_header) + 8)

/*
 * Decode TABLE into OUT (cleared first).  Checks, before anything is
 * kept: (1) N fits ACPI_MAX_LOCALITIES, (2) the table holds N * N bytes,
 * (3) every diagonal entry is 10 and no entry is 0-9.  A table failing
 * one is not used (OUT->present stays false) and -EINVAL is returned,
 * after one line saying why: with a wrong matrix, node distances 10/20
 * are a better guess than the firmware's numbers.
 */
int
acpi_parse_slit(const struct acpi_table_header *table, struct acpi_slit_info *out)
{
	const u8 *p = (const u8 *)table, *m;
	u64 n;
	u32 len;

	memset(out, 0, sizeof(*out));
	if (!table)
		return -EINVAL;
	if (memcmp(table->signature, "SLIT", 4) != 0) {
		pr_warn("slit: signature is not SLIT; not parsed\n");
		return -EINVAL;
	}
	len = table->length;
	if (len < SLIT_HEADER_SIZE) {
		pr_warn("slit: length %u < %zu expected; firmware bug, SLIT not used\n",
			len, SLIT_HEADER_SIZE);
		return -EINVAL;
	}
	memcpy(&n, p + sizeof(struct acpi_table_header), sizeof(n));
	if (n > ACPI_MAX_LOCALITIES) {
		pr_warn("slit: %llu localities > %d supported; SLIT not used\n",
			(unsigned long long)n, ACPI_MAX_LOCALITIES);
		return -EINVAL;
	}
	if (len - SLIT_HEADER_SIZE < n * n) {
		pr_warn("slit: length %u < %llu expected for %llu localities; firmware bug, SLIT not used\n",
			len, (unsigned long long)(SLIT_HEADER_SIZE + n * n),
			(unsigned long long)n);
		return -EINVAL;
	}
	m = p + SLIT_HEADER_SIZE;
	for (u64 i = 0; i < n; i++) {
		for (u64 j = 0; j < n; j++) {
			u8 d = m[i * n + j];

			if (i == j && d != 10) {
				pr_warn("slit: locality %llu: distance to itself %u, 10 expected; firmware bug, SLIT not used\n",
					(unsigned long long)i, d);
				return -EINVAL;
			}
			if (d < 10) {
				pr_warn("slit: distance %llu -> %llu is %u, a reserved value (0-9); firmware bug, SLIT not used\n",
					(unsigned long long)i, (unsigned long long)j, d);
				return -EINVAL;
			}
		}
	}
	/* Checked: now keep it. */
	out->nr = (int)n;
	for (u64 i = 0; i < n; i++)
		memcpy(out->dist[i], m + i * n, n);
	out->present = true;
	return 0;
}
