# SPDX-License-Identifier: MIT
"""
User story: whatever I ask that the kernel must refuse, it says why in
one line and changes nothing: lsmem, /proc/meminfo, /proc/memhotplug,
/proc/buddyinfo, /proc/zoneinfo, `dimms`, node meminfo and every block's
state are the same before and after.

  - offline of a block holding kernel allocations (`kalloc 16M kernel`
    into a DIMM onlined as kernel memory): refused at once, naming the
    first unmovable pfn; the block stays online and the allocation is
    intact; device_del of that DIMM is answered _OST(3, 0x82 busy) and
    QEMU keeps the DIMM;
  - offline of a block holding a movable allocation: fails after the
    passes (no migration before issue 7), isolation undone; after
    `kalloc free` the same offline succeeds;
  - `remove` of boot memory, of an unknown range, of an online range;
  - `probe` of RAM that mem= did not hide (boot RAM, a DIMM, nothing),
    misaligned, or overlapping a DIMM;
  - device_add past the eight slots (QEMU's own refusal: the kernel
    hears nothing);
  - offline of block 0, whose pages span two zones (DMA and DMA32).

Machines: pc + SeaBIOS, one shared by the module (each test unplugs
what it plugged), one of its own for the slot limit.

Course text: docs/09-hot-remove.md.
"""

import re

import pytest

import qemu
from memhp import (DEL_TIMEOUT, GiB, MEMDIR, MiB, ModuleMachines, assert_same, assert_unchanged,
                   block,
                   block_ids, free_counters, isolated_pageblocks, kalloc, pfn_block, plug,
                   run_ok, run_refused, set_policy, set_state, snapshot, unplug, wait_ost,
                   write)


@pytest.fixture(scope="module")
def machine(default_iso):
    pool = ModuleMachines(default_iso, "refusals")

    def get():
        m = pool.get("bios")
        set_policy(m, "online_movable")
        return m

    yield get
    pool.close()


def chunks_in(chunks, dimm):
    """Every chunk lies in DIMM; the blocks they touch."""
    __tracebackhide__ = True
    first = dimm["addr"] // 4096
    last = (dimm["addr"] + dimm["size"]) // 4096 - 1
    for c in chunks:
        assert first <= c[1] <= c[2] <= last, \
            f"kalloc chunk {c} not in the DIMM [pfn {first:#x}-{last:#x}]: the test needs it there"
    return sorted({pfn_block(p) for c in chunks for p in (c[1], c[2])})


def test_offline_of_kernel_memory_is_refused_and_device_del_answers_busy(machine):
    m = machine()
    set_policy(m, "online_kernel")
    try:
        dimm = plug(m, GiB)
    finally:
        set_policy(m, "online_movable")
    chunks = kalloc(m, "16M kernel node=0")
    assert chunks and all(c[3:] == (0, "Normal") for c in chunks), chunks
    busy = chunks_in(chunks, dimm)
    listing = m.run("kalloc")
    n = busy[0]
    before = snapshot(m)
    since = len(m.output)
    run_refused(m, f"offline {n}")
    line = re.search(rf"memory: offline memory{n} failed: pfn 0x([0-9a-f]+) is unmovable: ([^\r\n]+)",
                     m.output[since:])
    assert line, f"no 'offline memory{n} failed' line:\n{qemu.printable(m.output[since:])}"
    assert pfn_block(int(line.group(1), 16)) == n
    assert line.group(2).startswith("kernel allocation"), line.group(0)
    assert set_state(m, n, "offline") is not None, "echo offline > state succeeded"
    assert block(m, n)["state"] == "online" and block(m, n)["valid_zones"] == "Normal"
    assert_unchanged(before, snapshot(m), f"offline {n}")
    assert m.run("kalloc") == listing, "the held allocation changed"

    # The host asks for the DIMM: the kernel cannot empty it, says busy.
    since = len(m.output)
    m.qmp.del_dimm(dimm["id"])
    status = wait_ost(m.qmp, dimm["slot"], 3, DEL_TIMEOUT)
    assert status == 0x82, f"_OST(3, {status:#x}), expected 0x82 (device busy)"
    m.resync()
    assert re.search(r"acpi memory: \\_SB_\.MHPC\.MP%02X: .*: eject failed \(-16\)" % dimm["slot"],
                     m.output[since:]), qemu.printable(m.output[since:])
    assert m.qmp.dimm(dimm["id"])["addr"] == dimm["addr"]
    assert not any(e["event"] == "DEVICE_DELETED" for e in m.qmp.events), m.qmp.events
    assert_unchanged(before, snapshot(m), "device_del of a busy DIMM")
    assert m.run("kalloc") == listing

    # Freed, the same request goes through.
    m.run("kalloc free")
    unplug(m, dimm)


def test_offline_with_a_movable_allocation_fails_after_the_passes(machine):
    m = machine()
    dimm = plug(m, GiB)
    chunks = kalloc(m, "16M movable node=0")
    assert chunks and all(c[3:] == (0, "Movable") for c in chunks), chunks
    n = chunks_in(chunks, dimm)[0]
    before = snapshot(m)
    counters = free_counters(m)
    since = len(m.output)
    run_refused(m, f"offline {n}", timeout=15)
    line = re.search(rf"memory: offline memory{n} failed: pfn 0x([0-9a-f]+) still in use after "
                     rf"(\d+) passes \((\d+) ms\): movable page \(order \d+\)", m.output[since:])
    assert line, f"no 'still in use' line:\n{qemu.printable(m.output[since:])}"
    assert pfn_block(int(line.group(1), 16)) == n
    assert 1 <= int(line.group(2)) <= 10 and int(line.group(3)) <= 2500, line.group(0)
    # Isolation undone: no isolated pageblock, every free page back.
    assert isolated_pageblocks(m) == 0, m.run("cat /proc/pagetypeinfo")
    assert_same(counters, free_counters(m), "free counters after the failed offline")
    assert_unchanged(before, snapshot(m), f"failed offline {n}")
    # Freed, the block goes offline, and online again.
    m.run("kalloc free")
    run_ok(m, f"offline {n}")
    assert block(m, n)["state"] == "offline"
    run_ok(m, f"online {n} movable")
    assert block(m, n)["state"] == "online"
    unplug(m, dimm)


def test_remove_refusals(machine):
    m = machine()
    dimm = plug(m, 128 * MiB)
    before = snapshot(m)
    for cmd, why in ((f"remove {0x8000000:#x} 128M", "boot memory cannot be removed"),
                     ("remove 0x0 1G", "boot memory cannot be removed"),
                     (f"remove {0x200000000:#x} 128M", None),
                     (f"remove {dimm['addr']:#x} 128M", f"memory{dimm['addr'] // (128 * MiB)}")):
        out = run_refused(m, cmd)
        if why:
            assert why in out, f"{cmd}: {out!r} does not say {why!r}"
        assert_unchanged(before, snapshot(m), cmd)
    unplug(m, dimm)


def test_probe_refusals(machine):
    # Nothing is hidden on this machine (no mem=): every probe is refused.
    m = machine()
    dimm = plug(m, 128 * MiB)
    before = snapshot(m)
    for addr, size in ((0x8000000, 128 * MiB),                 # boot RAM
                       (0x8001000, 128 * MiB),                 # misaligned
                       (0x8000000, 1 * MiB),                   # not a block
                       (0x200000000, 128 * MiB),               # nothing there
                       (dimm["addr"], 256 * MiB)):             # overlaps the DIMM
        cmd = f"probe {addr:#x} {size >> 20}M"
        run_refused(m, cmd)
        after = snapshot(m)
        assert_unchanged(before, after, cmd)
        before = after
    out = write(m, f"{MEMDIR}/probe", f"{0x8000000:#x}")
    assert out is not None, "echo 0x8000000 > probe succeeded"
    # The DIMM's own range exactly: already there, nothing to do.
    m.run(f"probe {dimm['addr']:#x} 128M")
    assert_unchanged(before, snapshot(m), "probe of the DIMM's range")
    unplug(m, dimm)


def test_offline_of_block_0_is_refused(machine):
    m = machine()
    assert block(m, 0)["valid_zones"] == "none"
    before = snapshot(m)
    assert "span two zones" in run_refused(m, "offline 0")
    assert set_state(m, 0, "offline") is not None
    assert block(m, 0)["state"] == "online"
    assert_unchanged(before, snapshot(m), "offline 0")
    # And the other refusals of the state file.
    assert set_state(m, 1, "online") is not None, "online of an online block succeeded"
    assert set_state(m, 1, "sideways") is not None
    assert run_refused(m, "offline 4096").startswith("offline: ")
    assert_unchanged(before, snapshot(m), "bad state writes")


def test_device_add_past_the_slot_limit(boot):
    m = boot("bios")
    for slot in range(qemu.SLOTS):
        plug(m, 128 * MiB)
    before = snapshot(m)
    objects = m.qmp.execute("qom-list", {"path": "/objects"})
    with pytest.raises(qemu.QMPError, match="no free slots available"):
        m.qmp.add_dimm(128 * MiB)
    with pytest.raises(qemu.QMPError, match=r"invalid slot number 8, valid range is \[0-7\]"):
        m.qmp.add_dimm(128 * MiB, slot=8)
    m.resync()
    assert m.qmp.execute("qom-list", {"path": "/objects"}) == objects
    assert_unchanged(before, snapshot(m), "refused device_add")
    assert [d["slot"] for d in m.qmp.memory_devices()] == list(range(qemu.SLOTS))
    assert block_ids(1 << 32, 8 * 128 * MiB) == list(range(32, 40))
