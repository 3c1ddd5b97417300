/* SPDX-License-Identifier: MIT */
/*
 * drivers/acpi/numa.c - from the SRAT and SLIT to mm's nodes: proximity
 * domains (PXM, the firmware's numbers, any u32) become node ids 0, 1, ...
 * in order of first use (CPU entries first, then memory entries, each in
 * table order), and every CPU, memory range and distance is handed to
 * mm/numa.c in node ids.
 *
 * The idea: the firmware's numbering stays in drivers/acpi/.  mm/ sees
 * only nodes; the memory-device driver asks acpi_pxm_to_node() for the
 * node of a DIMM's _PXM at hot add.
 *
 * Also the `srat` command: the table as Linux prints it at boot.
 *
 * Course text: docs/06-acpi-tables-srat-numa.md.
 * Tests: tests/unit/acpi/test_srat.c (acpi_numa_setup()), tests/qemu/test_numa.py
 */
#include "drivers/acpi/acpi.h"
#include "kernel/kernel.h"
#include "kernel/lib.h"
#include "kernel/shell.h"
#include "mm/mm.h"

/*
 * node_to_pxm[nid] for nid in [0, nr_nodes): the PXM that became node
 * nid.  Filled at boot by acpi_numa_setup(), read-only afterwards.
 */
static u32 node_to_pxm[MAX_NUMNODES];
static int nr_nodes;

/* The node of PXM, a new one if PXM is new; NUMA_NO_NODE when all are taken. */
static int
pxm_map_node(u32 pxm)
{
	for (int nid = 0; nid < nr_nodes; nid++)
		if (node_to_pxm[nid] == pxm)
			return nid;
	if (nr_nodes == MAX_NUMNODES) {
		pr_warn("acpi: numa: PXM %u: more than %d proximity domains; ignored\n",
			pxm, MAX_NUMNODES);
		return NUMA_NO_NODE;
	}
	node_to_pxm[nr_nodes] = pxm;
	return nr_nodes++;
}

int
acpi_pxm_to_node(u32 pxm)
{
	for (int nid = 0; nid < nr_nodes; nid++)
		if (node_to_pxm[nid] == pxm)
			return numa_off ? 0 : nid;
	return NUMA_NO_NODE;
}

/*
 * Hand SRAT and SLIT (decoded already) to mm/numa.c:
 *
 * 1. PXMs to nodes in the order the SRAT names them: CPUs first, then
 *    memory ranges (QEMU lists them in that order, so node i is -numa
 *    node i).
 * 2. Each memory range with its node and hotpluggable flag; each CPU.
 * 3. Distances: the SLIT's entry for each pair of nodes whose PXMs it
 *    covers; pairs it does not cover keep mm's 10/20.
 *
 * Does not call numa_register(): acpi_numa_init() does.
 */
void
acpi_numa_setup(const struct acpi_srat_info *srat, const struct acpi_slit_info *slit)
{
	nr_nodes = 0;
	if (!srat->present)
		return;
	for (int i = 0; i < srat->nr_cpus; i++) {
		int nid = pxm_map_node(srat->cpus[i].pxm);

		if (nid != NUMA_NO_NODE && numa_add_cpu(nid, srat->cpus[i].apic_id))
			pr_warn("acpi: numa: APIC 0x%x: not recorded\n", srat->cpus[i].apic_id);
	}
	for (int i = 0; i < srat->nr_mem; i++) {
		int nid = pxm_map_node(srat->mem[i].pxm);
		u64 base = srat->mem[i].base, len = srat->mem[i].length;
		int err;

		if (nid == NUMA_NO_NODE)
			continue;
		err = numa_add_memblk(nid, base, len,
				      srat->mem[i].flags & ACPI_SRAT_MEM_HOT_PLUGGABLE ?
				      NUMA_MEM_HOTPLUGGABLE : 0);
		if (err)
			pr_warn("acpi: numa: [mem 0x%08llx-0x%08llx] PXM %u: not used (%s)\n",
				(unsigned long long)base, (unsigned long long)(base + len - 1),
				srat->mem[i].pxm,
				err == -ERANGE ? "beyond the physical address width" : "no room");
	}
	if (!slit || !slit->present)
		return;
	for (int a = 0; a < nr_nodes; a++) {
		for (int b = 0; b < nr_nodes; b++) {
			u32 pa = node_to_pxm[a], pb = node_to_pxm[b];

			if (pa < (u32)slit->nr && pb < (u32)slit->nr)
				numa_set_distance(a, b, slit->dist[pa][pb]);
		}
	}
}

/* The lines Linux prints at boot, for the SRAT and the SLIT; PRINT is
 * printk (boot) or printf (the `srat` command). */
static void
acpi_numa_print(int (*print)(const char *fmt, ...))
{
	if (!acpi_srat.present) {
		print("ACPI: SRAT: not present (one node: QEMU builds an SRAT only with -numa, slots or maxmem)\n");
		return;
	}
	for (int i = 0; i < acpi_srat.nr_cpus; i++)
		print(acpi_srat.cpus[i].x2apic ? "ACPI: SRAT: PXM %u -> X2APIC 0x%04x -> Node %d\n"
					       : "ACPI: SRAT: PXM %u -> APIC 0x%02x -> Node %d\n",
		      acpi_srat.cpus[i].pxm, acpi_srat.cpus[i].apic_id,
		      acpi_pxm_to_node(acpi_srat.cpus[i].pxm));
	for (int i = 0; i < acpi_srat.nr_mem; i++) {
		u64 base = acpi_srat.mem[i].base, end = base + acpi_srat.mem[i].length - 1;
		u32 flags = acpi_srat.mem[i].flags;

		print("ACPI: SRAT: Node %d PXM %u [mem 0x%08llx-0x%08llx]%s%s\n",
		      acpi_pxm_to_node(acpi_srat.mem[i].pxm), acpi_srat.mem[i].pxm,
		      (unsigned long long)base, (unsigned long long)end,
		      flags & ACPI_SRAT_MEM_HOT_PLUGGABLE ? " hotplug" : "",
		      flags & ACPI_SRAT_MEM_NON_VOLATILE ? " non-volatile" : "");
	}
	if (!acpi_slit.present)
		return;
	print("ACPI: SLIT: %d localities (rows: from PXM, columns: to PXM)\n", acpi_slit.nr);
	for (int i = 0; i < acpi_slit.nr; i++) {
		char line[4 * ACPI_MAX_LOCALITIES + 17];	/* 16 of prefix, the NUL */
		int n = snprintf(line, sizeof(line), "ACPI: SLIT: %3d:", i);

		for (int j = 0; j < acpi_slit.nr && n < (int)sizeof(line); j++)
			n += snprintf(line + n, sizeof(line) - n, " %3u", acpi_slit.dist[i][j]);
		print("%s\n", line);
	}
}

/*
 * Read SRAT and SLIT, give mm/ the nodes, and have it apply them
 * (numa_register()): after acpi_tables_init() and mm_init_early(),
 * before mm_init_late().  Without an SRAT everything is node 0.
 * Returns the number of nodes online.
 */
int
acpi_numa_init(void)
{
	/* A missing table (NULL) leaves its info cleared, not present. */
	acpi_parse_srat(acpi_get_table("SRAT", 0), &acpi_srat);
	acpi_parse_slit(acpi_get_table("SLIT", 0), &acpi_slit);
	acpi_numa_setup(&acpi_srat, &acpi_slit);
	acpi_numa_print(printk);
	return numa_register();
}

SHELL_COMMAND(cmd_srat, "srat", "", 0, 0,
	      "the SRAT (CPUs and memory ranges by proximity domain) and the SLIT");
static int
cmd_srat(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	acpi_numa_print(printf);
	return 0;
}
