# SPDX-License-Identifier: MIT
"""
User story: I plug a 1 GiB DIMM into the running machine (QMP object-add
+ device_add pc-dimm) and, within seconds, the kernel has added it: its
eight blocks (memory32..memory39 for the first DIMM at 0x100000000) are
in /sys/devices/system/memory on the DIMM's node, in the state and zone
the auto-online policy says, /proc/meminfo's MemTotal is up by exactly
1 GiB when they are online (unchanged when the policy is offline), and
the driver answered the firmware with _OST(1, 0), which QEMU shows in
query-acpi-ospm-status.  `dimms`, lsmem and /proc/memhotplug agree with
QEMU's query-memory-devices.  The same for a DIMM on node 1, on a node
with no memory of its own, and for a DIMM already plugged when the
machine boots.  With memmap_on_memory the memmap lives in the DIMM:
MemTotal grows by the DIMM minus 2 MiB per 128 MiB block.

Machines: per firmware (pc + SeaBIOS, q35 + OVMF) and boot policy, one
of the test's own, booted with memhp_default_state=POLICY and a 1 GiB
DIMM cold-plugged in slot 0; one per firmware for the run-time policies
(auto_online_blocks), shared by those tests; one with a memory-less node
2; one with memmap_on_memory.  Facts: spec sections 5a, 6, 7.

Course text: docs/08-hot-add.md.
"""

import re

import pytest

import qemu
from conftest import FIRMWARES
from memhp import (BLOCK, GiB, MEMDIR, POLICIES, VMEMMAP_PER_BLOCK, KiB, ModuleMachines,
                   added_line, assert_blocks, assert_matches_qemu, block_ids, expected_zone, meminfo,
                   node_meminfo, online_line, ospm_status, plug, set_policy, slot_line, write)

COLD = ["-object", "memory-backend-ram,id=cold0,size=1G",
        "-device", "pc-dimm,id=cold,memdev=cold0,slot=0"]


def state_of(policy):
    return "offline" if policy == "offline" else "online"


def check_dimm(m, dimm, policy, since, before):
    """DIMM (QEMU's record), added under POLICY: its blocks, their log
    lines since SINCE (an output offset), MemTotal and the node's
    MemTotal against BEFORE ((meminfo, node meminfo) before the add)."""
    __tracebackhide__ = True
    ids = block_ids(dimm["addr"], dimm["size"])
    nid = dimm["node"]
    state = state_of(policy)
    zone = expected_zone(policy) if state == "online" else None
    assert_blocks(m, ids, state, zone, nid)
    log = m.output[since:]
    assert re.search(added_line(dimm["addr"], dimm["size"], nid), log), \
        f"no 'memory: added' line for {dimm}:\n{qemu.printable(log[-3000:])}"
    for n in ids:
        online = re.search(online_line(n), log)
        if state == "online":
            assert online and online.groups() == (zone, str(nid)), \
                f"memory{n}: log line {online and online.group(0)!r}, expected {zone} on node {nid}"
        else:
            assert not online, f"memory{n} logged {online.group(0)!r} under policy offline"
    grown = dimm["size"] // KiB if state == "online" else 0
    mi, nmi = meminfo(m), node_meminfo(m, nid)
    assert mi["MemTotal"] == before[0]["MemTotal"] + grown, \
        f"MemTotal {before[0]['MemTotal']} -> {mi['MemTotal']} kB, expected +{grown} kB"
    assert nmi["MemTotal"] == before[1]["MemTotal"] + grown, \
        f"node{nid} MemTotal {before[1]['MemTotal']} -> {nmi['MemTotal']} kB, expected +{grown} kB"


def hot_add_and_check(m, size, policy, node=None):
    """Plug a DIMM (slot chosen by QEMU), check it; returns QEMU's record."""
    __tracebackhide__ = True
    nid = node or 0
    before = (meminfo(m), node_meminfo(m, nid))
    since = len(m.output)
    dimm = plug(m, size, node=node)
    assert dimm["node"] == nid and dimm["hotplugged"], dimm
    check_dimm(m, dimm, policy, since, before)
    assert ospm_status(m.qmp, dimm["slot"]) == (1, 0), \
        f"query-acpi-ospm-status slot {dimm['slot']}: expected source 1 status 0"
    assert_matches_qemu(m)
    return dimm


# ------------------------------------------------------------ the boot policy, a cold-plugged DIMM

@pytest.mark.parametrize("policy", POLICIES)
@pytest.mark.parametrize("firmware", FIRMWARES)
def test_boot_policy_cold_dimm_and_hot_add(boot, make_iso, firmware, policy):
    # Expect memhp_default_state=POLICY to be auto_online_blocks, the DIMM
    # plugged at boot to be added by the driver's boot scan under that
    # policy, and a 1 GiB hot add after it too.
    iso = make_iso(f"memhp-{policy}", f"debug_exit memhp_default_state={policy}")
    m = boot(firmware, iso=iso, extra=COLD)
    assert m.run(f"cat {MEMDIR}/auto_online_blocks") == policy
    cold = m.qmp.dimm("cold")
    assert (cold["slot"], cold["addr"], cold["size"], cold["hotplugged"]) == \
        (0, 1 << 32, GiB, False), cold
    assert re.search(slot_line(0, 1 << 32, GiB, 0, "added"), m.boot_log), \
        f"no boot 'added' line for the cold-plugged DIMM:\n{qemu.printable(m.boot_log[-3000:])}"
    assert re.search(added_line(1 << 32, GiB, 0), m.boot_log), m.boot_log[-3000:]
    assert_blocks(m, block_ids(1 << 32, GiB), state_of(policy),
                  expected_zone(policy) if policy != "offline" else None, 0)
    dimm = hot_add_and_check(m, GiB, policy)
    assert dimm["addr"] == (1 << 32) + GiB, dimm      # right after the cold one
    assert block_ids(dimm["addr"], dimm["size"]) == list(range(40, 48))


# ------------------------------------------------------------ run-time policies

@pytest.fixture(scope="module")
def runtime_machines(default_iso):
    """One machine per firmware, booted on first use, for the tests that
    plug DIMM after DIMM into it (each into the next free slot, above
    every earlier one: the zone rules see no neighbour)."""
    pool = ModuleMachines(default_iso, "hot-add")
    yield pool.get
    pool.close()


@pytest.mark.parametrize("policy", POLICIES)
@pytest.mark.parametrize("firmware", FIRMWARES)
def test_runtime_policy(runtime_machines, firmware, policy):
    m = runtime_machines(firmware)
    set_policy(m, policy)
    try:
        hot_add_and_check(m, GiB, policy)
    finally:
        set_policy(m, "online_movable")


@pytest.mark.parametrize("firmware", FIRMWARES)
def test_add_to_node_1(runtime_machines, firmware):
    m = runtime_machines(firmware)
    assert m.run(f"cat {MEMDIR}/auto_online_blocks") == "online_movable"
    dimm = hot_add_and_check(m, GiB, "online_movable", node=1)
    assert dimm["node"] == 1


def test_policy_file_refuses_other_words(runtime_machines):
    m = runtime_machines("bios")
    before = m.run(f"cat {MEMDIR}/auto_online_blocks")
    assert write(m, f"{MEMDIR}/auto_online_blocks", "movable") is not None
    assert m.run(f"cat {MEMDIR}/auto_online_blocks") == before
    assert m.run(f"cat {MEMDIR}/block_size_bytes") == f"{BLOCK:x}"


# ------------------------------------------------------------ a memory-less node

MEMORYLESS_NODE2 = (["-m", "1G,slots=8,maxmem=32G",
                     "-object", "memory-backend-ram,id=ram0,size=512M",
                     "-object", "memory-backend-ram,id=ram1,size=512M",
                     "-numa", "node,nodeid=0,cpus=0,memdev=ram0",
                     "-numa", "node,nodeid=1,memdev=ram1",
                     "-numa", "node,nodeid=2"])


@pytest.mark.parametrize("firmware", FIRMWARES)
def test_add_to_memoryless_node(boot, firmware):
    # Node 2 has no memory (spec 6.2: no SRAT entry but the hotplug
    # window's); a DIMM with node=2 gives it memory: has_memory grows,
    # node2/meminfo counts the DIMM, the blocks link to node2.
    m = boot(firmware, memory=MEMORYLESS_NODE2)
    assert m.run("cat /sys/devices/system/node/has_memory") == "0-1"
    assert node_meminfo(m, 2)["MemTotal"] == 0
    dimm = hot_add_and_check(m, GiB, "online_movable", node=2)
    assert dimm["node"] == 2
    assert m.run("cat /sys/devices/system/node/has_memory") == "0-2"
    assert node_meminfo(m, 2)["MemTotal"] == GiB // KiB


# ------------------------------------------------------------ memmap_on_memory

def test_memmap_on_memory(boot, make_iso):
    # The memmap of each 128 MiB block (32768 pages x 64 bytes = 2 MiB, one
    # pageblock) is in the block's first pages: they stay reserved, so
    # MemTotal grows by 1 GiB - 8 x 2 MiB, and the add line says where.
    m = boot("bios", iso=make_iso("memmap-on-memory", "debug_exit memmap_on_memory"))
    before = meminfo(m)
    since = len(m.output)
    dimm = plug(m, GiB)
    ids = block_ids(dimm["addr"], dimm["size"])
    added = re.search(added_line(dimm["addr"], GiB, 0), m.output[since:])
    assert added, qemu.printable(m.output[since:])
    assert (added.group(1), added.group(2)) == ("2M", "per block on the memory itself"), added.group(0)
    assert_blocks(m, ids, "online", "Movable", 0)
    want = (GiB - len(ids) * VMEMMAP_PER_BLOCK) // KiB
    assert meminfo(m)["MemTotal"] == before["MemTotal"] + want, \
        f"MemTotal {before['MemTotal']} -> {meminfo(m)['MemTotal']} kB, expected +{want} kB"
    assert_matches_qemu(m)
