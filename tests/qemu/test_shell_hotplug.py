# SPDX-License-Identifier: MIT
"""
User story: the memory hotplug commands read like their Linux
counterparts.  `lsmem` prints exactly what util-linux's lsmem prints for
the same /sys/devices/system/memory; `online`, `offline`, `probe`,
`remove`, `retry` and `kalloc` take their words as `help` says, a
malformed line gets the usage line, and a refusal is one line that says
why and changes nothing.

The hotplug scenarios themselves (DIMMs, policies, counters) are in
test_hot_add.py, test_hot_remove.py and test_hotplug_refusals.py; this
file is about the commands.

Course text: docs/08-hot-add.md, docs/09-hot-remove.md.
"""

import os
import re
import shutil
import subprocess

import pytest

from conftest import TIMESTAMP
from memhp import ModuleMachines

MEMORY = "/sys/devices/system/memory"
BLOCK = 128 << 20               # x86_64 memory block
PAGE = 4096
# mem=768M hides 0x30000000-0x3fffffff (blocks 6 and 7); probed blocks stay offline.
PROBE_CMDLINE = "debug_exit mem=768M memhp_default_state=offline"
KALLOC_LINE = re.compile(r"kalloc: (\d+): pfn 0x([0-9a-f]+)-0x([0-9a-f]+) \(node (\d+), zone (\w+)\)")


@pytest.fixture(scope="module")
def probe_machine(make_iso):
    pool = ModuleMachines(make_iso("mem768-offline", PROBE_CMDLINE), "shell-hotplug-mem768")
    try:
        yield pool.get("bios")
    finally:
        pool.close()


# ------------------------------------------------------------ helpers

def one_line(out):
    """OUT is exactly one line; return it without a kernel timestamp."""
    lines = [l for l in out.split("\n") if l.strip()]
    assert len(lines) == 1, f"expected one line, got:\n{out}"
    return re.sub("^" + TIMESTAMP, "", lines[0])


def usage_of(shell, name):
    for l in shell.run("help").split("\n"):
        m = re.match(r"  (" + re.escape(name) + r"(?: \S+)*?) {2,}\S", l)
        if m and (m.group(1) == name or m.group(1).startswith(name + " ")):
            return "usage: " + m.group(1)
    raise AssertionError(f"help does not list {name}")


def util_linux_lsmem(shell, tmp_path):
    """What util-linux's lsmem prints for the guest's memory blocks: the
    guest's own files copied into a sysroot on the host."""
    lsmem = shutil.which("lsmem")
    assert lsmem, "the lsmem check needs util-linux's lsmem on the host (Debian package util-linux)"
    root = tmp_path / "sysroot"
    mem = root / MEMORY.lstrip("/")
    mem.mkdir(parents=True)
    (mem / "block_size_bytes").write_text(shell.run(f"cat {MEMORY}/block_size_bytes") + "\n")
    names = [n.rstrip("/") for n in shell.run(f"ls {MEMORY}").split("\n")]
    blocks = [n for n in names if re.fullmatch(r"memory\d+", n)]
    assert blocks, f"no memoryN in {MEMORY}: {names}"
    for b in blocks:
        (mem / b).mkdir()
        for f in ("state", "removable"):
            (mem / b / f).write_text(shell.run(f"cat {MEMORY}/{b}/{f}") + "\n")
    r = subprocess.run([lsmem, "--sysroot", str(root)], stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True, env=dict(os.environ, LC_ALL="C"))
    assert r.returncode == 0, r.stdout
    return r.stdout.rstrip("\n")


def lsmem_rows(text):
    """lsmem's table as [(start, end, size, state, removable, blocks)]."""
    rows = []
    for l in text.split("\n")[1:]:
        if not l:
            break
        m = re.fullmatch(r"0x([0-9a-f]{16})-0x([0-9a-f]{16}) +(\S+) +(online|offline|on->off)"
                         r"(?: +(yes|no))? +(\d+(?:-\d+)?)", l)
        assert m, f"lsmem row not in util-linux's layout: {l!r}\n{text}"
        rows.append(m.groups())
    return rows


def free_kb(shell):
    m = re.search(r"^MemFree: +(\d+) kB$", shell.run("cat /proc/meminfo"), re.M)
    return int(m.group(1))


# ------------------------------------------------------------ lsmem

def test_help_lists_the_hotplug_commands(shell):
    for name in ("lsmem", "online", "offline", "probe", "remove", "retry", "kalloc"):
        usage_of(shell, name)


def test_lsmem_is_util_linux_lsmem_at_boot(shell, tmp_path):
    # Expect the 1 GiB of boot RAM as blocks 0-7, all online, and the
    # very bytes util-linux's lsmem prints for the same sysfs files.
    out = shell.run("lsmem")
    assert out == util_linux_lsmem(shell, tmp_path), out
    rows = lsmem_rows(out)
    assert rows[0][0] == "0" * 16 and rows[-1][1] == "000000003fffffff", rows
    assert all(r[3] == "online" for r in rows), rows
    assert out.endswith("Memory block size:       128M\n"
                        "Total online memory:       1G\n"
                        "Total offline memory:      0B"), out


def test_lsmem_is_util_linux_lsmem_with_an_offline_block(probe_machine, tmp_path):
    # Probe the first hidden block (memhp_default_state=offline keeps it
    # offline): lsmem shows it as its own offline row, no REMOVABLE.
    m = probe_machine
    out = m.run("probe 0x30000000 128M", timeout=30)
    assert "memory6" in out, out
    try:
        out = m.run("lsmem")
        assert out == util_linux_lsmem(m, tmp_path), out
        assert lsmem_rows(out)[-1] == ("0000000030000000", "0000000037ffffff", "128M",
                                       "offline", None, "6"), out
        assert out.endswith("Total online memory:     768M\nTotal offline memory:    128M"), out
    finally:
        m.run("remove 0x30000000 128M", timeout=30)
    assert "memory6" not in m.run(f"ls {MEMORY}").split("\n")


# ------------------------------------------------------------ bad words

@pytest.mark.parametrize("line", [
    "online", "online x", "online 3 sideways", "online 3 movable extra",
    "offline", "offline three", "offline 1 2",
    "probe", "probe 0x30000000", "probe nowhere 128M", "probe 0x30000000 lots", "probe 0x30000000 0",
    "remove 0x30000000", "remove 0x30000000 -1",
    "retry x", "retry 1 2",
    "kalloc 0", "kalloc lots", "kalloc 1M sideways", "kalloc 1M kernel movable",
    "kalloc 1M node=x", "kalloc 1M node=0 node=1", "kalloc free x", "kalloc free 1 2",
])
def test_malformed_lines_print_the_usage(shell, line):
    before = shell.run("lsmem")
    assert shell.run(line) == usage_of(shell, line.split()[0]), line
    assert shell.run("lsmem") == before


# ------------------------------------------------------------ refusals

def test_no_such_block(shell):
    assert shell.run("offline 99") == "offline: memory99: no such memory block"
    assert shell.run("online 20 movable") == "online: memory20: no such memory block"


def test_refusals_are_one_line_and_change_nothing(shell):
    # Block 0 spans DMA and DMA32 (and holds the kernel); boot memory is
    # never removed; RAM that is not hidden cannot be probed; a range
    # that was never added cannot be removed; block 1 is online already.
    before = shell.run("lsmem")
    for line, words in [("offline 0", "memory0"),
                        ("online 1", "memory1"),
                        ("remove 0x0 128M", "boot memory"),
                        ("probe 0x8000000 128M", ""),
                        ("probe 0x1000 128M", ""),
                        ("remove 0x200000000 128M", "")]:
        out = one_line(shell.run(line, timeout=30))
        assert words in out, f"{line}: {out}"
        assert shell.run("lsmem") == before, line
    assert shell.run(f"cat {MEMORY}/memory0/state") == "online"


def test_retry_of_a_range_that_is_not_failed(shell):
    # Range 0 is boot RAM, ENABLED; a range that does not exist is named.
    assert shell.run("retry 0") == "retry: range 0: not FAILED, nothing to retry"
    assert shell.run("retry 127") == "retry: range 127: no such range (see /proc/memhotplug)"


# ------------------------------------------------------------ kalloc

def kalloc_pages(lines):
    return sum(int(e, 16) - int(s, 16) + 1 for _, s, e, _, _ in lines)


def test_kalloc_holds_lists_and_frees(shell):
    # Expect 5M of movable pages on node 1 (512M-1G), printed as pfn
    # ranges that add up to 1280 pages, listed again by `kalloc`, and
    # MemFree 5M lower until `kalloc free K` gives them back.
    assert shell.run("kalloc") == "kalloc: nothing held"
    free0 = free_kb(shell)
    out = shell.run("kalloc 5M movable node=1")
    lines = [KALLOC_LINE.fullmatch(l) for l in out.split("\n")]
    assert all(lines), out
    groups = [l.groups() for l in lines]
    k = groups[0][0]
    assert all(g[0] == k for g in groups), out
    assert kalloc_pages(groups) == 5 * 256, out
    for _, s, e, node, zone in groups:
        assert node == "1" and 0x20000 <= int(s, 16) <= int(e, 16) < 0x40000, out
    assert shell.run("kalloc") == out
    assert free0 - free_kb(shell) in range(5 * 1024, 5 * 1024 + 8), (free0, free_kb(shell))
    assert shell.run(f"kalloc free {k}") == f"kalloc: {k}: freed 1280 pages"
    assert shell.run("kalloc") == "kalloc: nothing held"
    assert free0 - free_kb(shell) in range(0, 8), (free0, free_kb(shell))


def test_kalloc_kernel_pages_and_free_all(shell):
    # Two holds (kernel pages are never in ZONE_MOVABLE), freed together.
    a = shell.run("kalloc 3M kernel")
    b = shell.run("kalloc 12K")
    ga = [KALLOC_LINE.fullmatch(l).groups() for l in a.split("\n")]
    gb = [KALLOC_LINE.fullmatch(l).groups() for l in b.split("\n")]
    assert kalloc_pages(ga) == 768 and kalloc_pages(gb) == 3, (a, b)
    assert all(g[4] != "Movable" for g in ga + gb), (a, b)
    assert shell.run("kalloc") == a + "\n" + b
    assert shell.run("kalloc free") == (f"kalloc: {ga[0][0]}: freed 768 pages\n"
                                        f"kalloc: {gb[0][0]}: freed 3 pages")
    assert shell.run("kalloc") == "kalloc: nothing held"


def test_kalloc_refuses_what_it_cannot_do(shell):
    assert shell.run("kalloc 1M node=9") == "kalloc: node=9: no such node"
    assert re.fullmatch(r"kalloc: 64G: more than the \d+ free pages", shell.run("kalloc 64G"))
    assert shell.run("kalloc free 4242") == "kalloc: free: no allocation 4242"
    assert shell.run("kalloc") == "kalloc: nothing held"
