# SPDX-License-Identifier: MIT
"""
User story: I unplug an idle DIMM with QMP device_del; the kernel offlines
its blocks, removes the range and ejects the slot (_EJ0), QEMU sends
DEVICE_DELETED, and the kernel is exactly as it was before the DIMM came:
MemTotal, MemFree, MemAvailable, every zone's free pages in
/proc/buddyinfo, every node's meminfo, lsmem, /proc/zoneinfo, `dimms`.
/proc/memhotplug keeps the range as REMOVED.  `eject SLOT` in the shell
does the same from the guest's side, and `tools/hotplug del --wait`
returns once the guest has ejected.  Twenty add/remove cycles leave every
free counter where it started, after each cycle.

Machines: one per firmware for device_del and eject (pc + SeaBIOS,
q35 + OVMF), shared by this module's tests, each test starting and
ending with empty slots; one of its own for tools/hotplug (the tool
needs the QMP socket to itself).  Facts: spec sections 5b, 5c, 5d.

Course text: docs/09-hot-remove.md.
"""

import os
import re
import subprocess

import pytest

import qemu
from conftest import FIRMWARES
from memhp import (DEL_TIMEOUT, GiB, MiB, ModuleMachines, assert_matches_qemu, assert_same,
                   block_ids, diff,
                   free_counters, list_blocks, memhotplug, ospm_status, plug, record_of,
                   removed_line, slot_line, snapshot, unplug)

TOOL = os.path.join(qemu.ROOT, "tools", "hotplug")
CYCLES = 20


@pytest.fixture(scope="module")
def machines(default_iso):
    """One machine per firmware; every test starts and ends with empty slots."""
    pool = ModuleMachines(default_iso, "hot-remove")

    def get(firmware):
        m = pool.get(firmware)
        assert m.qmp.memory_devices() == [], "a DIMM left plugged by an earlier test"
        return m

    yield get
    pool.close()


def without(snap, *keys):
    return {k: v for k, v in snap.items() if k not in keys}


def assert_gone(m, dimm, before, since):
    """After DEVICE_DELETED of DIMM: its blocks gone, its record REMOVED,
    the log lines written, and every part of the kernel's view but the
    status list exactly as BEFORE (a snapshot() from before the plug)."""
    __tracebackhide__ = True
    ids = block_ids(dimm["addr"], dimm["size"])
    left = set(ids) & set(list_blocks(m))
    assert not left, f"blocks {sorted(left)} still there after DEVICE_DELETED"
    rec = record_of(memhotplug(m), dimm["addr"], dimm["size"])
    assert rec and rec["status"] == "REMOVED", f"/proc/memhotplug record {rec}"
    log = m.output[since:]
    for pattern in (removed_line(dimm["addr"], dimm["size"], dimm["node"]),
                    slot_line(dimm["slot"], dimm["addr"], dimm["size"], dimm["node"], "ejected")):
        assert re.search(pattern, log), f"no {pattern!r} line:\n{qemu.printable(log[-3000:])}"
    after = snapshot(m)
    assert_same(before["counters"], free_counters(m), "free counters")
    for k in before["snap"]:
        if k != "/proc/memhotplug":
            assert before["snap"][k] == after[k], \
                f"{k} differs from before the plug:\n--- before\n{before['snap'][k]}\n--- after\n{after[k]}"
    assert m.qmp.memory_devices() == []
    assert_matches_qemu(m)


def baseline(m):
    return {"counters": free_counters(m), "snap": snapshot(m)}


@pytest.mark.parametrize("firmware", FIRMWARES)
def test_device_del_of_an_idle_dimm(machines, firmware):
    m = machines(firmware)
    before = baseline(m)
    dimm = plug(m, GiB)
    assert free_counters(m)["meminfo MemTotal"] == before["counters"]["meminfo MemTotal"] + GiB // 1024
    since = len(m.output)
    unplug(m, dimm)
    assert_gone(m, dimm, before, since)
    # The driver's last word to the firmware: eject request done.
    assert ospm_status(m.qmp, dimm["slot"]) == (3, 0)


@pytest.mark.parametrize("firmware", FIRMWARES)
def test_eject_from_the_shell(machines, firmware):
    # The guest offlines the blocks, evaluates _EJ0 with no device_del:
    # QEMU removes the DIMM all the same (spec 5c).
    m = machines(firmware)
    before = baseline(m)
    dimm = plug(m, GiB, slot=3)
    since = len(m.output)
    out = m.run(f"eject {dimm['slot']}", timeout=DEL_TIMEOUT)
    assert not out.startswith("eject:"), f"eject {dimm['slot']}: {out}"
    m.qmp.wait_dimm_deleted(dimm["id"], DEL_TIMEOUT)
    m.resync()
    assert_gone(m, dimm, before, since)


@pytest.mark.parametrize("firmware", FIRMWARES)
def test_eject_of_an_empty_slot_changes_nothing(machines, firmware):
    m = machines(firmware)
    before = snapshot(m)
    out = m.run("eject 5")
    assert re.fullmatch(r"eject: [^\n]+", out), f"eject 5 (empty slot): {out!r}"
    out = m.run("eject 8")
    assert re.fullmatch(r"eject: [^\n]+", out), f"eject 8 (no such slot): {out!r}"
    assert snapshot(m) == before


def test_twenty_add_remove_cycles(machines):
    # 128 MiB DIMMs, one after another in slot 0: after each cycle every
    # free counter is where it was before the first.
    m = machines("bios")
    start = free_counters(m)
    changed = []
    for i in range(CYCLES):
        dimm = plug(m, 128 * MiB)
        assert dimm["slot"] == 0 and dimm["addr"] == 1 << 32, dimm
        unplug(m, dimm)
        d = diff(start, free_counters(m))
        if d:
            changed.append(f"after cycle {i + 1}:\n{d}")
    # All cycles, so the report tells a one-time loss from a leak per cycle.
    assert not changed, "free counters changed:\n" + "\n".join(changed)
    # The record is reused when the same range comes again.
    recs = [r for r in memhotplug(m)
            if (r["start"], r["end"]) == (1 << 32, (1 << 32) + 128 * MiB)]
    assert [(r["source"], r["status"]) for r in recs] == [("acpi", "REMOVED")], recs


def hotplug(sock, *args):
    return subprocess.run([TOOL, "--qmp", sock, *args], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True, timeout=60)


def test_hotplug_tool_del_wait_succeeds(boot):
    m = boot("bios")
    m.qmp.close()           # QEMU serves one QMP client at a time
    m.qmp = None
    sock = os.path.join(m.workdir, "qmp.sock")
    r = hotplug(sock, "add", "1G")
    assert r.returncode == 0, r.stderr
    m.expect(slot_line(0, 1 << 32, GiB, 0, "added"), DEL_TIMEOUT)
    r = hotplug(sock, "del", "dimm1", "--wait", str(DEL_TIMEOUT))
    assert r.returncode == 0, (r.stdout, r.stderr)
    assert r.stdout.splitlines()[-1] == "dimm1: ejected by the guest; backend mem1 deleted", r.stdout
    m.expect(slot_line(0, 1 << 32, GiB, 0, "ejected"), DEL_TIMEOUT)
    assert hotplug(sock, "list").stdout.strip() == "no DIMMs plugged"
