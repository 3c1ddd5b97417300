# SPDX-License-Identifier: MIT
"""
User story: I boot hotmem on a NUMA machine and see the nodes QEMU was
told about: `srat` prints the firmware's table the way Linux logs it,
`numa` shows each node's CPUs, memory, zones and the hotplug window, and
/sys/devices/system/node/nodeN/meminfo gives each node's memory in
Linux's layout.  A node without memory is online with 0 kB; a DIMM
plugged on the command line is not boot memory (spec section 9.1).
numa=off folds everything into node 0; movable_node is accepted and, as
QEMU never marks boot RAM hotpluggable, changes no boot zone.

The layouts: one node (no -numa: QEMU still builds node 0 and an SRAT
because of slots/maxmem), two nodes (the standard machine), three nodes,
a memory-less third node, a cold-plugged DIMM.  Facts: spec section 6.

Course text: docs/06-acpi-tables-srat-numa.md.
"""

import re

import pytest

from conftest import FIRMWARES

MiB_KB = 1024
WINDOW_BASE = 0x100000000       # no RAM above 4G: the window starts at 4G (spec 6.1)
# -m 1G,slots=8,maxmem=32G: (32G - 1G) + 8 x 1G = 39 GiB of window (spec 6.1)
WINDOW_LAST = WINDOW_BASE + 39 * (1 << 30) - 1
SLOTS = "slots=8,maxmem=32G"


def ram(i, size):
    return ["-object", f"memory-backend-ram,id=ram{i},size={size}"]


ONE_NODE = ["-m", f"1G,{SLOTS}"]
THREE_NODES = (["-m", f"768M,{SLOTS}"] + ram(0, "256M") + ram(1, "256M") + ram(2, "256M")
               + ["-numa", "node,nodeid=0,cpus=0,memdev=ram0",
                  "-numa", "node,nodeid=1,memdev=ram1",
                  "-numa", "node,nodeid=2,memdev=ram2"])
MEMORYLESS_NODE2 = (["-m", f"1G,{SLOTS}"] + ram(0, "512M") + ram(1, "512M")
                    + ["-numa", "node,nodeid=0,cpus=0,memdev=ram0",
                       "-numa", "node,nodeid=1,memdev=ram1",
                       "-numa", "node,nodeid=2"])
COLD_DIMM = ["-object", "memory-backend-ram,id=d0,size=128M",
             "-device", "pc-dimm,id=dimm0,memdev=d0,node=1"]


# ------------------------------------------------------------ parsers

def srat_lines(m):
    """`srat` as (cpu lines, [(node, pxm, start, last, hotplug)])."""
    text = m.run("srat")
    cpus, mem = [], []
    for line in text.split("\n"):
        c = re.fullmatch(r"ACPI: SRAT: PXM (\d+) -> APIC 0x([0-9a-f]{2}) -> Node (\d+)", line)
        r = re.fullmatch(r"ACPI: SRAT: Node (\d+) PXM (\d+) \[mem 0x([0-9a-f]{8,})-0x([0-9a-f]{8,})\]"
                         r"( hotplug)?", line)
        if c:
            cpus.append((int(c.group(1)), int(c.group(2), 16), int(c.group(3))))
        elif r:
            mem.append((int(r.group(1)), int(r.group(2)), int(r.group(3), 16),
                        int(r.group(4), 16), bool(r.group(5))))
        else:
            pytest.fail(f"srat: unexpected line {line!r}\n{text}")
    return cpus, mem


def numa_nodes(m):
    """`numa` as ({node: {'present': kB, 'managed': kB, 'free': kB, 'zones': [...]}},
    [(start, last, node)] hotplug ranges, the whole text)."""
    text = m.run("numa")
    nodes, ranges = {}, []
    for line in text.split("\n"):
        s = re.fullmatch(r"node (\d+) size: \d+ MB \(present (\d+) kB, managed (\d+) kB, free (\d+) kB\)",
                         line)
        z = re.match(r"node (\d+) zone (\w+) ", line)
        h = re.fullmatch(r"hotplug range: \[mem 0x([0-9a-f]+)-0x([0-9a-f]+)\] node (\d+) \(\d+ MiB\)", line)
        if s:
            nodes[int(s.group(1))] = {"present": int(s.group(2)), "managed": int(s.group(3)),
                                      "free": int(s.group(4)), "zones": []}
        elif z:
            nodes[int(z.group(1))]["zones"].append(z.group(2))
        elif h:
            ranges.append((int(h.group(1), 16), int(h.group(2), 16), int(h.group(3))))
    return nodes, ranges, text


def node_meminfo(m, nid):
    """nodeN/meminfo as {field: kB}, each line in Linux's layout."""
    text = m.run(f"cat /sys/devices/system/node/node{nid}/meminfo")
    out = {}
    for line in text.split("\n"):
        g = re.fullmatch(rf"Node {nid} (\w+):( +)(\d+) kB", line)
        assert g, f"node{nid}/meminfo line not in Linux's layout: {line!r}\n{text}"
        # "Node 0 MemTotal:       %8lu kB": the label padded to 16 columns + 8 digits.
        assert len(g.group(1)) + 1 + len(g.group(2)) + len(g.group(3)) == 24, line
        out[g.group(1)] = int(g.group(3))
    assert list(out) == ["MemTotal", "MemFree", "MemUsed"], text
    assert out["MemUsed"] == out["MemTotal"] - out["MemFree"]
    return out


def assert_node_size(nodes, nid, mib):
    """Node NID holds close to MIB MiB of boot RAM: firmware holes and the
    first MiB cost at most a few MiB; the memmap (~1.4%) is not managed."""
    present = nodes[nid]["present"]
    assert (mib - 12) * MiB_KB <= present <= mib * MiB_KB, (nid, present)
    assert nodes[nid]["managed"] >= present * 0.97, nodes[nid]


# ------------------------------------------------------------ two nodes (the standard machine)

@pytest.mark.parametrize("shell", FIRMWARES, indirect=True)
def test_two_nodes_srat_and_numa(shell):
    """tools/qemu.py's machine: 1 GiB as 2 x 512 MiB nodes, the CPU on node 0."""
    cpus, mem = srat_lines(shell)
    assert cpus == [(0, 0x00, 0)]
    assert mem == [(0, 0, 0x0, 0x9ffff, False),
                   (0, 0, 0x100000, 0x1fffffff, False),
                   (1, 1, 0x20000000, 0x3fffffff, False),
                   (1, 1, WINDOW_BASE, WINDOW_LAST, True)]
    nodes, ranges, text = numa_nodes(shell)
    assert text.startswith("available: 2 nodes (0-1)\n")
    assert "node 0 cpus: APIC 0x00" in text and "node 1 cpus: (none)" in text
    assert_node_size(nodes, 0, 512)
    assert_node_size(nodes, 1, 512)
    assert ranges == [(WINDOW_BASE, WINDOW_LAST, 1)]
    assert "Movable" not in nodes[0]["zones"] + nodes[1]["zones"]
    # Node 1 holds no kernel: what it lost to boot allocations is its own
    # memmap (4 sections x 1.75 MiB), so memmaps are node-local.
    assert 4 * 1024 <= nodes[1]["present"] - nodes[1]["managed"] <= 8 * 1024, nodes[1]
    assert re.search(r"\n  0:   10  20\n  1:   20  10$", text), text


@pytest.mark.parametrize("shell", FIRMWARES, indirect=True)
def test_two_nodes_sysfs(shell):
    """node0/ and node1/ in Linux's layout; their totals are `numa`'s."""
    nodes, _, _ = numa_nodes(shell)
    for nid in (0, 1):
        mi = node_meminfo(shell, nid)
        assert mi["MemTotal"] == nodes[nid]["managed"]
        assert 0 < mi["MemFree"] <= mi["MemTotal"]
    assert shell.run("cat /sys/devices/system/node/online") == "0-1"
    assert shell.run("cat /sys/devices/system/node/has_memory") == "0-1"
    assert shell.run("cat /sys/devices/system/node/node1/distance") == "20 10"
    assert "no such file" in shell.run("cat /sys/devices/system/node/node2/meminfo")


def test_two_nodes_boot_log(shell):
    """The boot log carries the same SRAT lines, and no firmware complaint."""
    log = shell.boot_log
    assert "ACPI: SRAT: Node 1 PXM 1 [mem 0x100000000-0xabfffffff] hotplug" in log
    assert "numa: hotplug range [mem 0x100000000-0xabfffffff] on node 1" in log
    assert "srat:" not in log and "firmware bug" not in log


# ------------------------------------------------------------ other layouts

def test_one_node(boot):
    """No -numa: QEMU makes node 0 itself (slots > 0) and an SRAT (spec 6.2)."""
    m = boot("bios", memory=ONE_NODE)
    cpus, mem = srat_lines(m)
    assert cpus == [(0, 0, 0)]
    assert mem == [(0, 0, 0x0, 0x9ffff, False), (0, 0, 0x100000, 0x3fffffff, False),
                   (0, 0, WINDOW_BASE, WINDOW_LAST, True)]
    nodes, ranges, text = numa_nodes(m)
    assert text.startswith("available: 1 node (0-0)\n")
    assert_node_size(nodes, 0, 1024)
    assert ranges == [(WINDOW_BASE, WINDOW_LAST, 0)]
    assert node_meminfo(m, 0)["MemTotal"] == nodes[0]["managed"]
    assert m.run("cat /sys/devices/system/node/online") == "0"


def test_three_nodes(boot):
    """3 x 256 MiB memdevs: three nodes, the window on the highest (spec 6.2)."""
    m = boot("bios", memory=THREE_NODES)
    _, mem = srat_lines(m)
    assert mem == [(0, 0, 0x0, 0x9ffff, False), (0, 0, 0x100000, 0x0fffffff, False),
                   (1, 1, 0x10000000, 0x1fffffff, False), (2, 2, 0x20000000, 0x2fffffff, False),
                   (2, 2, WINDOW_BASE, WINDOW_BASE + 39 * (1 << 30) + 256 * (1 << 20) - 1, True)]
    nodes, ranges, text = numa_nodes(m)
    assert text.startswith("available: 3 nodes (0-2)\n")
    for nid in range(3):
        assert_node_size(nodes, nid, 256)
        assert node_meminfo(m, nid)["MemTotal"] == nodes[nid]["managed"]
    assert ranges[0][2] == 2
    assert m.run("cat /sys/devices/system/node/online") == "0-2"


@pytest.mark.parametrize("firmware", FIRMWARES)
def test_memoryless_node(boot, firmware):
    """-numa node,nodeid=2 with no memdev: online, 0 kB, owns the window."""
    m = boot(firmware, memory=MEMORYLESS_NODE2)
    _, mem = srat_lines(m)
    assert mem[-1] == (2, 2, WINDOW_BASE, WINDOW_LAST, True)
    assert all(node != 2 for node, _, _, _, hp in mem if not hp)
    nodes, ranges, text = numa_nodes(m)
    assert text.startswith("available: 3 nodes (0-2)\n")
    assert_node_size(nodes, 0, 512)
    assert_node_size(nodes, 1, 512)
    assert nodes[2] == {"present": 0, "managed": 0, "free": 0, "zones": []}
    assert ranges == [(WINDOW_BASE, WINDOW_LAST, 2)]
    assert node_meminfo(m, 2) == {"MemTotal": 0, "MemFree": 0, "MemUsed": 0}
    assert m.run("cat /sys/devices/system/node/online") == "0-2"
    assert m.run("cat /sys/devices/system/node/has_memory") == "0-1"
    assert "numa: node 2: online without boot RAM (memory-less)" in m.boot_log


def test_cold_plugged_dimm_is_not_boot_memory(boot):
    """A pc-dimm on the command line is in no memory map (spec 9.1): the
    boot RAM is that of the machine without it, and the memory-device
    driver adds the DIMM at boot the way it adds a hot-plugged one (its
    own range record, source acpi), online under the default policy."""
    m = boot("bios", extra=COLD_DIMM)
    _, mem = srat_lines(m)
    assert mem[-1] == (1, 1, WINDOW_BASE, WINDOW_LAST, True)
    assert "memblock: memory   [0x0000000000100000-0x000000003ffdffff]" in m.boot_log
    assert "acpi memory: \\_SB_.MHPC.MP00: slot 0 [mem 0x100000000-0x107ffffff] node 1: added" \
        in m.boot_log, m.boot_log[-2000:]
    nodes, ranges, _ = numa_nodes(m)
    assert_node_size(nodes, 0, 512)
    for key in ("present", "managed"):
        nodes[1][key] -= 128 * MiB_KB
    assert_node_size(nodes, 1, 512)
    assert ranges == [(WINDOW_BASE, WINDOW_LAST, 1)]


# ------------------------------------------------------------ options

def test_numa_off(boot, make_iso):
    """numa=off: one node, every range on it, the window kept as node 0."""
    m = boot("bios", iso=make_iso("numa-off", "debug_exit numa=off"))
    cpus, mem = srat_lines(m)
    assert all(node == 0 for node, *_ in mem) and cpus == [(0, 0, 0)]
    assert (0, 1, WINDOW_BASE, WINDOW_LAST, True) in mem
    nodes, ranges, text = numa_nodes(m)
    assert text.startswith("available: 1 node (0-0) numa=off\n")
    assert_node_size(nodes, 0, 1024)
    assert ranges == [(WINDOW_BASE, WINDOW_LAST, 0)]
    assert m.run("cat /sys/devices/system/node/online") == "0"


def test_movable_node_accepted_boot_zones_unchanged(boot, make_iso):
    """movable_node is a known flag; QEMU's boot RAM is never in a
    hotpluggable range, so no boot memory goes to ZONE_MOVABLE (the
    split itself: tests/unit/mm/test_numa.c)."""
    m = boot("bios", iso=make_iso("movable-node", "debug_exit movable_node"))
    assert "cmdline: " not in m.boot_log     # no "unknown option" warning
    nodes, _, text = numa_nodes(m)
    assert text.startswith("available: 2 nodes (0-1) movable_node\n")
    assert all("Movable" not in n["zones"] for n in nodes.values())
    assert_node_size(nodes, 1, 512)
