# SPDX-License-Identifier: MIT
"""
User story: logical hotplug, the way memory hotplug was first tried
without hardware.  I boot with mem=640M: the RAM above 640 MiB is hidden
(the kernel keeps it for probe).  `probe 0x28000000 128M` in the shell
and `echo 0x30000000 > /sys/devices/system/memory/probe` give two of its
blocks back: each appears as memoryN on node 1, online under the policy,
MemTotal up by exactly 128 MiB each, a `probe` record in
/proc/memhotplug.  Probing the same block again changes nothing; a probe
that overlaps one, or reaches past the hidden RAM, is refused.  Offline
then `remove ADDR SIZE` takes each away again, and every free counter is
back where it was before the first probe; a removed block can be probed
again (its record is reused).

Machine: pc + SeaBIOS with mem=640M, of the test's own.  SeaBIOS's map
ends RAM at 0x3ffe0000, so the hidden RAM is [0x28000000, 0x3ffe0000):
blocks 5 and 6 whole, block 7 only in part.

Course text: docs/08-hot-add.md (logical hotplug).
"""

import re

import qemu
from memhp import (BLOCK, KiB, MEMDIR, added_line, assert_blocks, assert_same,
                   assert_unchanged, free_counters, list_blocks, meminfo, memhotplug,
                   record_of, removed_line, run_ok, run_refused, snapshot, write)

HIDDEN = 0x28000000


def test_probe_and_remove_hidden_ram(boot, make_iso):
    m = boot("bios", iso=make_iso("mem-640m", "debug_exit mem=640M"))
    assert re.search(r"mm: mem=0x28000000: RAM from there up hidden for probe", m.boot_log), \
        qemu.printable(m.boot_log[-3000:])
    assert 5 not in list_blocks(m) and 6 not in list_blocks(m)
    start = free_counters(m)
    total = meminfo(m)["MemTotal"]

    # The shell's probe: block 5, node 1 (the hidden RAM's node).
    log = "\n".join(run_ok(m, f"probe {HIDDEN:#x} 128M"))
    assert re.search(added_line(HIDDEN, BLOCK, 1, "probe"), log), log
    assert_blocks(m, [5], "online", "Movable", 1)
    assert meminfo(m)["MemTotal"] == total + BLOCK // KiB
    rec = record_of(memhotplug(m), HIDDEN, BLOCK)
    assert rec and (rec["source"], rec["node"], rec["status"], rec["size"]) == \
        ("probe", 1, "ENABLED", "128M"), rec

    # Again: already there, nothing changes.
    before = snapshot(m)
    run_ok(m, f"probe {HIDDEN:#x} 128M")
    assert_unchanged(before, snapshot(m), "the same probe twice")

    # Linux's file: block 6.
    assert write(m, f"{MEMDIR}/probe", f"{HIDDEN + BLOCK:#x}") is None
    assert_blocks(m, [6], "online", "Movable", 1)
    assert meminfo(m)["MemTotal"] == total + 2 * BLOCK // KiB

    # Refused: overlapping what probe added, RAM only partly hidden
    # (block 7 ends past 0x3ffe0000), boot RAM (block 3: not a whole boot
    # range, which would be "already there").
    before = snapshot(m)
    for addr, size in ((HIDDEN, 2 * BLOCK), (HIDDEN + 2 * BLOCK, BLOCK),
                       (HIDDEN - 2 * BLOCK, BLOCK)):
        cmd = f"probe {addr:#x} {size >> 20}M"
        run_refused(m, cmd)
        after = snapshot(m)
        assert_unchanged(before, after, cmd)
        before = after
    # Online: remove refuses, naming the block.
    assert "memory5" in run_refused(m, f"remove {HIDDEN:#x} 128M")
    assert_unchanged(before, snapshot(m), "remove of an online range")

    # Offline, remove: gone, counters exact.
    for n, addr in ((5, HIDDEN), (6, HIDDEN + BLOCK)):
        run_ok(m, f"offline {n}")
        log = "\n".join(run_ok(m, f"remove {addr:#x} 128M"))
        assert re.search(removed_line(addr, BLOCK, 1), log), log
        assert n not in list_blocks(m)
        assert record_of(memhotplug(m), addr, BLOCK)["status"] == "REMOVED"
    assert_same(start, free_counters(m), "free counters after both removes")

    # Probed again: the same record, ENABLED again; and away again.
    ids = {r["id"] for r in memhotplug(m)}
    run_ok(m, f"probe {HIDDEN:#x} 128M")
    rec = record_of(memhotplug(m), HIDDEN, BLOCK)
    assert rec["status"] == "ENABLED" and {r["id"] for r in memhotplug(m)} == ids, memhotplug(m)
    run_ok(m, "offline 5")
    run_ok(m, f"remove {HIDDEN:#x} 128M")
    assert_same(start, free_counters(m), "free counters after the second remove")
