# SPDX-License-Identifier: MIT
"""
User story: programs keep writing and checking their memory on a DIMM I
plugged; I unplug it with QMP device_del.  The kernel migrates every page
out while the programs run, the DIMM is ejected, and every byte of every
program is intact, again and again, with small pages and with huge ones.
A page somebody pinned refuses to move: the offline fails naming its pfn
and owner, the block stays online, the program is fine.  A program that
touches a page while it is being moved waits for the copy, and
/proc/vmstat's pgmigrate_fault_wait proves the wait happened.

The workload is the `work` program (kernel/user/work.c): it fills its
region with a pattern only its address and generation explain, then
rewrites and checks it page by page for ever; `work check` verifies every
byte of every work task from the kernel's side (kernel/cmd_work.c).

Machines: one per firmware (pc + SeaBIOS, q35 + OVMF) shared by this
module's tests, each test starting and ending with no DIMM and no work
task.  1 GiB of boot RAM over two nodes; the DIMMs are 256 MiB on node 0,
onlined movable, so a work task's pages go to the DIMM first (ZONE_MOVABLE
heads node 0's zonelist).

Course text: docs/10-migration.md.
"""

import re

import pytest

from conftest import FIRMWARES
from memhp import (DEL_TIMEOUT, MiB, ModuleMachines, block_ids, buddy_free, list_blocks,
                   node_meminfo, plug, unplug)

DIMM = 256 * MiB
FILL_TIMEOUT = 120              # seconds to fill a work region under TCG
CHECK_TIMEOUT = 120             # seconds for `work check` of every task
MIGRATE_TIMEOUT = 120           # seconds for a `migrate` of one block
UNPLUG_TIMEOUT = DEL_TIMEOUT + 120   # device_del: migration first
CYCLES = 3
HOLD = "/sys/kernel/debug/migrate/hold_ms"


@pytest.fixture(scope="module")
def machines(default_iso):
    pool = ModuleMachines(default_iso, "migration")

    def get(firmware):
        m = pool.get(firmware)
        assert m.qmp.memory_devices() == [], "a DIMM left plugged by an earlier test"
        assert work_pids(m) == [], "a work task left running by an earlier test"
        return m

    yield get
    pool.close()


# ------------------------------------------------------------ helpers

def vmstat(m):
    """/proc/vmstat as {name: int}."""
    out = m.run("cat /proc/vmstat")
    return {k: int(v) for k, v in re.findall(r"^(\w+) (\d+)$", out, re.M)}


def work_pids(m):
    """PIDs of the running work tasks, from `ps`."""
    return sorted(int(p) for p in re.findall(r"^\s*(\d+)\s.*\bwork$", m.run("ps"), re.M))


def start_work(m, size, *opts):
    """`work start SIZE OPTS...`; wait for the fill; return the pid."""
    __tracebackhide__ = True
    start = len(m.output)
    out = m.run(f"work start {size} {' '.join(opts)}".strip())
    found = re.search(r"^\[(\d+)\] work$", out, re.M)
    assert found, f"work start {size}: no job line:\n{out}"
    pid = int(found.group(1))
    m.pos = start
    m.expect(rf"work\[{pid}\]: filled {size} in \d+ ms", FILL_TIMEOUT)
    m.resync()
    return pid


def work_check(m):
    """`work check`: {pid: "OK" or the BAD line}; asserts the final line."""
    __tracebackhide__ = True
    out = m.run("work check", CHECK_TIMEOUT)
    per_pid = {int(p): rest for p, rest in re.findall(r"^work check: pid (\d+): (.*)$", out, re.M)}
    final = out.strip().splitlines()[-1] if out.strip() else ""
    return per_pid, final, out


def assert_all_ok(m, pids):
    __tracebackhide__ = True
    per_pid, final, out = work_check(m)
    assert sorted(per_pid) == sorted(pids), f"work check covered {sorted(per_pid)}, not {pids}:\n{out}"
    bad = {p: r for p, r in per_pid.items() if " OK (pass " not in r}
    assert not bad and final == "work check: OK", f"work check failed:\n{out}"


def stop_all(m):
    for pid in work_pids(m):
        out = m.run(f"work stop {pid}")
        assert f"work stop: pid {pid} stopped" in out, out
    assert work_pids(m) == []


def movable_free_pages(m):
    """Free pages of node 0's Movable zone (/proc/buddyinfo): the DIMMs'."""
    return buddy_free(m).get((0, "Movable"), 0)


def dimm_blocks(dimm):
    return block_ids(dimm["addr"], dimm["size"])


# ------------------------------------------------------------ the story

@pytest.mark.parametrize("firmware", FIRMWARES)
def test_dimm_full_of_running_programs_unplugs_intact(machines, firmware):
    """Three times: plug a 256 MiB DIMM, start a work task of 160 MiB
    (its pages land on the DIMM), unplug the DIMM while every task runs.
    Expect DEVICE_DELETED, the DIMM's blocks gone, pgmigrate_success up by
    at least the new task's pages, and `work check` OK for every task
    started so far, with each task's pass count still moving."""
    m = machines(firmware)
    pids = []
    try:
        for cycle in range(CYCLES):
            dimm = plug(m, DIMM)
            movable_before = movable_free_pages(m)
            pids.append(start_work(m, "160M"))
            used = movable_before - movable_free_pages(m)
            assert used * 4096 >= 150 * MiB, \
                f"cycle {cycle}: the work task took only {used} pages of the DIMM"
            assert_all_ok(m, pids)
            before = vmstat(m)
            unplug(m, dimm, UNPLUG_TIMEOUT)
            after = vmstat(m)
            assert not set(dimm_blocks(dimm)) & set(list_blocks(m))
            moved = after["pgmigrate_success"] - before["pgmigrate_success"]
            assert moved * 4096 >= 150 * MiB, f"cycle {cycle}: only {moved} pages migrated"
            assert work_pids(m) == sorted(pids)
            assert_all_ok(m, pids)
    finally:
        stop_all(m)


def test_huge_pages_move_as_one_unit(machines):
    """A work task on huge pages fills most of a DIMM; unplug it.  Expect
    its faults to have mapped huge pages (thp_fault_alloc), the unplug to
    move them whole (thp_migration_success up, pgmigrate_success up by 512
    pages for each), and every byte intact."""
    m = machines("bios")
    try:
        dimm = plug(m, DIMM)
        v0 = vmstat(m)
        pid = start_work(m, "160M", "huge")
        v1 = vmstat(m)
        assert v1["thp_fault_alloc"] - v0["thp_fault_alloc"] >= 75, \
            f"only {v1['thp_fault_alloc'] - v0['thp_fault_alloc']} huge faults for 160M"
        assert v1["nr_anon_transparent_hugepages"] >= 75
        unplug(m, dimm, UNPLUG_TIMEOUT)
        v2 = vmstat(m)
        thp = v2["thp_migration_success"] - v1["thp_migration_success"]
        assert thp >= 70, f"only {thp} huge pages migrated"
        assert v2["pgmigrate_success"] - v1["pgmigrate_success"] >= thp * 512
        assert v2["nr_anon_transparent_hugepages"] == v1["nr_anon_transparent_hugepages"]
        assert_all_ok(m, [pid])
    finally:
        stop_all(m)


def test_pinned_page_refuses_and_names_itself(machines):
    """A work task pins one of its pages on the DIMM (the debug pin system
    call).  Expect offlining the block that holds it to fail with a line
    naming the pfn, the task and "pinned", the block to stay online, the
    other blocks to offline (their pages migrate), `migrate PFN` to refuse
    the same page, and the task to check OK.  After `work stop` drops the
    pin, the DIMM unplugs."""
    m = machines("bios")
    try:
        dimm = plug(m, DIMM)
        start = len(m.output)
        pid = start_work(m, "160M", "pin")
        va = re.compile(rf"work\[{pid}\]: pinned (0x[0-9a-f]+)").search(m.output, start)
        assert va, "no 'pinned' line from the work task"
        refused = None
        for n in dimm_blocks(dimm):
            since = len(m.output)
            m.run(f"offline {n}", MIGRATE_TIMEOUT)
            state = m.run(f"cat /sys/devices/system/memory/memory{n}/state")
            if state == "online":
                line = re.search(rf"offline memory{n} failed: pfn (0x[0-9a-f]+) [^\n]*"
                                 rf"user page of pid {pid} \(work\) at 0x[0-9a-f]+, pinned",
                                 m.output[since:])
                assert line, f"memory{n} stayed online without naming a pinned page:\n" \
                             f"{m.output[since:][-2000:]}"
                assert refused is None, "two blocks refused: only one page is pinned"
                refused = (n, line.group(1))
            else:
                assert state == "offline", f"memory{n}: {state}"
        assert refused, "no block refused to offline: was the pinned page on the DIMM?"
        out = m.run(f"migrate {refused[1]}", MIGRATE_TIMEOUT)
        assert re.search(rf"pfn {refused[1]}: user page of pid {pid} \(work\) at 0x[0-9a-f]+: pinned",
                         out), out
        assert_all_ok(m, [pid])
        stop_all(m)
        unplug(m, dimm, UNPLUG_TIMEOUT)
    finally:
        stop_all(m)


def test_access_during_migration_waits_for_the_copy(machines):
    """With migration holding each batch unmapped for 50 ms
    (/sys/kernel/debug/migrate/hold_ms), migrate the DIMM's blocks while a
    work task rewrites its pages there.  Expect pgmigrate_fault_wait to
    rise (the task faulted on migration entries and slept: the paper's
    Figure 4) and every byte to be intact."""
    m = machines("bios")
    try:
        dimm = plug(m, DIMM)
        pid = start_work(m, "64M")
        m.run(f"echo 50 > {HOLD}")
        v0 = vmstat(m)
        moved = 0
        for n in dimm_blocks(dimm):
            out = m.run(f"migrate memory{n}", MIGRATE_TIMEOUT)
            got = re.search(rf"migrate: memory{n}: (\d+) pages moved(?: to node [\d,]+)? \([^)]*\) "
                            r"in \d+ ms, \d+ MiB/s; (\d+) failed", out)
            assert got, out
            assert got.group(2) == "0", out
            moved += int(got.group(1))
        v1 = vmstat(m)
        assert moved * 4096 >= 60 * MiB, f"only {moved} pages moved"
        assert v1["pgmigrate_fault_wait"] > v0["pgmigrate_fault_wait"], \
            "no fault waited on a migration entry"
        assert_all_ok(m, [pid])
        unplug(m, dimm, UNPLUG_TIMEOUT)
    finally:
        m.run(f"echo 0 > {HOLD}")
        stop_all(m)


def test_migrate_to_another_node(machines):
    """`migrate memoryN node=1` for each block of a node-0 DIMM moves a
    work task's pages to node 1: expect node 1's MemFree to drop by about
    as much as was moved, and the data intact.  Bad words change nothing and say why in one line."""
    m = machines("bios")
    try:
        dimm = plug(m, DIMM)
        pid = start_work(m, "64M")
        free1 = node_meminfo(m, 1)["MemFree"]
        moved = 0
        for n in dimm_blocks(dimm):
            out = m.run(f"migrate memory{n} node=1", MIGRATE_TIMEOUT)
            got = re.search(rf"migrate: memory{n}: (\d+) pages moved(?: to node 1)? \(", out)
            assert got, out
            moved += int(got.group(1))
        assert moved * 4096 >= 60 * MiB, f"only {moved} pages moved"
        free1_after = node_meminfo(m, 1)["MemFree"]
        assert (free1 - free1_after) * 1024 >= moved * 4096 * 0.9, \
            f"node 1 MemFree {free1} -> {free1_after} kB for {moved} pages"
        assert_all_ok(m, [pid])
        for bad in ("migrate", "migrate memory9999", "migrate memory1 node=77",
                    "migrate 0xffffffffff", "migrate banana"):
            out = m.run(bad)
            assert len(out.splitlines()) == 1 and out.startswith(("migrate: ", "usage: migrate")), \
                f"{bad!r}: {out!r}"
        unplug(m, dimm, UNPLUG_TIMEOUT)
    finally:
        stop_all(m)


def test_membench_reports_a_rate(machines):
    """`membench 16M` prints the time and rate of copying 16 MiB page by
    page; a size that is not whole 2 MiB blocks is refused in one line."""
    m = machines("bios")
    out = m.run("membench 16M", 60)
    assert re.fullmatch(r"membench: memcpy 16M in \d+ ms, \d+ MiB/s", out), out
    out = m.run("membench 3M")
    assert out == "membench: 3M: not a size in whole 2048 KiB blocks", out
