# SPDX-License-Identifier: MIT
"""
User story: I read /proc/meminfo, buddyinfo, pagetypeinfo, zoneinfo and
iomem as I would on Linux, in Linux's layouts, and every file tells the
same story: the free memory one file shows is the free memory the others
show, and `memcheck` and `memmap` count the same pages.  A wrong path or
a write to a read-only file is a one-line error, and the shell goes on.

Course text: docs/04-buddy.md, docs/05-free-area-splitting.md.
"""

import re

import pytest

from conftest import FIRMWARES, kernel_log

PAGE_KB = 4                     # x86_64 pages
MAX_ORDER = 11                  # orders 0..10 (arch/x86_64/include/arch/mmparam.h)
PROC_FILES = ("buddyinfo", "iomem", "meminfo", "pagetypeinfo", "zoneinfo")
MIGRATETYPES = ("Unmovable", "Movable", "Reclaimable", "Isolate")  # Linux's order
ZONES = ("DMA", "DMA32", "Normal", "Movable")

# Boot log: "  [mem 0x0000000000000000-0x000000000009fbff] usable (type 1)"
BOOT_MAP_LINE = re.compile(r"\[mem 0x([0-9a-f]{16})-0x([0-9a-f]{16})\] (.+) \(type (\d+)\)$")
# /proc/iomem's names for the boot map's types (Linux's E820 names).
IOMEM_NAMES = {1: "System RAM", 2: "Reserved", 3: "ACPI Tables",
               4: "ACPI Non-volatile Storage", 5: "Unusable memory"}


# ------------------------------------------------------------ parsers

def boot_memory_map(shell):
    """The firmware map from the boot log: [(start, end inclusive, type)]."""
    out = []
    for line in kernel_log(shell.boot_log).split("\n"):
        m = BOOT_MAP_LINE.search(line)
        if m:
            out.append((int(m.group(1), 16), int(m.group(2), 16), int(m.group(4))))
    assert out, "no memory map lines in the boot log"
    return out


def meminfo(shell):
    """/proc/meminfo as {name: kB}, each line checked against Linux's
    layout: a 16-column label, the value right-aligned in 8, " kB"."""
    text = shell.run("cat /proc/meminfo")
    fields = {}
    for line in text.split("\n"):
        m = re.fullmatch(r"([A-Za-z0-9_()]+):( *)(\d+) kB", line)
        assert m, f"meminfo line not in Linux's layout: {line!r}\n{text}"
        label = m.group(1) + ":" + m.group(2)
        if len(m.group(3)) <= 8:
            assert len(label) + len(m.group(3)) == 24, f"meminfo columns off: {line!r}"
        fields[m.group(1)] = int(m.group(3))
    return fields


def buddyinfo(shell):
    """/proc/buddyinfo as {(node, zone): [blocks of order 0..MAX_ORDER-1]}."""
    text = shell.run("cat /proc/buddyinfo")
    zones = {}
    for line in text.split("\n"):
        m = re.fullmatch(r"Node (\d+), zone ([ A-Za-z0-9]{8}) ((?:[ 0-9]{5}[0-9] )+)", line)
        assert m, f"buddyinfo line not in Linux's layout: {line!r}\n{text}"
        counts = [int(x) for x in m.group(3).split()]
        assert len(counts) == MAX_ORDER, f"{len(counts)} orders, expected {MAX_ORDER}: {line!r}"
        zones[(int(m.group(1)), m.group(2).strip())] = counts
    assert zones, "buddyinfo is empty"
    return zones


def zoneinfo(shell):
    """/proc/zoneinfo as {(node, zone): {field: value}}."""
    text = shell.run("cat /proc/zoneinfo")
    zones, cur = {}, None
    for line in text.split("\n"):
        m = re.fullmatch(r"Node (\d+), zone ([ A-Za-z0-9]{8})", line)
        if m:
            cur = zones.setdefault((int(m.group(1)), m.group(2).strip()), {})
            continue
        assert cur is not None, f"zoneinfo does not start with a zone line: {line!r}"
        m = (re.fullmatch(r"  pages free     (\d+)", line)
             or re.fullmatch(r"        (min|low|high|spanned|present|managed) +(\d+)", line)
             or re.fullmatch(r"      (nr_free_pages) (\d+)", line)
             or re.fullmatch(r"  (start_pfn):           (\d+)", line))
        assert m, f"zoneinfo line not in Linux's layout: {line!r}"
        if m.re.groups == 1:
            cur["free"] = int(m.group(1))
        else:
            cur[m.group(1)] = int(m.group(2))
    return zones


def free_kb_of_buddyinfo(zones):
    return sum(n << order for counts in zones.values() for order, n in enumerate(counts)) * PAGE_KB


# ------------------------------------------------------------ the files

def test_ls_proc_lists_the_files(shell):
    # Expect /proc among the root's directories, and the five files in it.
    root = shell.run("ls /").split("\n")
    assert "proc/" in root, root
    listing = shell.run("ls /proc").split("\n")
    missing = [f for f in PROC_FILES if f not in listing]
    assert not missing, f"ls /proc lacks {missing}: {listing}"
    assert listing == sorted(listing), f"ls /proc is not sorted: {listing}"
    long = shell.run("ls -l /proc")
    assert re.search(r"^r- meminfo +\S", long, re.M), long


@pytest.mark.parametrize("shell", FIRMWARES, indirect=True)
def test_meminfo_totals_are_plausible(shell):
    # Expect MemTotal a little under the usable RAM of the boot map (the
    # kernel, the memmaps and the first MiB are not the buddy's), and
    # MemAvailable <= MemFree <= MemTotal.
    mi = meminfo(shell)
    for name in ("MemTotal", "MemFree", "MemAvailable"):
        assert name in mi, f"meminfo lacks {name}: {mi}"
    assert list(mi)[:3] == ["MemTotal", "MemFree", "MemAvailable"], list(mi)
    usable_kb = sum(e - s + 1 for s, e, t in boot_memory_map(shell) if t == 1) // 1024
    assert 900 * 1024 <= usable_kb <= 1024 * 1024, f"usable RAM {usable_kb} kB: not QEMU's 1 GiB"
    assert usable_kb - 64 * 1024 <= mi["MemTotal"] <= usable_kb, (mi, usable_kb)
    assert mi["MemAvailable"] <= mi["MemFree"] <= mi["MemTotal"], mi
    assert mi["MemFree"] >= mi["MemTotal"] - 32 * 1024, f"an idle kernel uses over 32 MiB: {mi}"


@pytest.mark.parametrize("shell", FIRMWARES, indirect=True)
def test_buddyinfo_adds_up_to_memfree(shell):
    # Expect one line per populated zone with MAX_ORDER counts, and the
    # blocks' pages to be MemFree exactly (nothing allocates while idle).
    zones = buddyinfo(shell)
    assert {z for _, z in zones} <= set(ZONES), zones.keys()
    assert (0, "DMA32") in zones, zones.keys()
    assert free_kb_of_buddyinfo(zones) == meminfo(shell)["MemFree"]


def test_zoneinfo_agrees_with_meminfo_and_buddyinfo(shell):
    # Expect every zone of each node (populated or not), the fields in
    # Linux's layout, and: sum of pages free = MemFree, sum of managed =
    # MemTotal, managed <= present <= spanned, min <= low <= high.
    zi = zoneinfo(shell)
    mi = meminfo(shell)
    nodes = {n for n, _ in zi}
    for n in nodes:
        assert [z for m, z in zi if m == n] == list(ZONES), f"node {n}: zones {list(zi)}"
    assert sum(f["free"] for f in zi.values()) * PAGE_KB == mi["MemFree"]
    assert sum(f["managed"] for f in zi.values()) * PAGE_KB == mi["MemTotal"]
    buddy = buddyinfo(shell)
    for key, f in zi.items():
        assert f["managed"] <= f["present"] <= f["spanned"], (key, f)
        assert f["min"] <= f["low"] <= f["high"], (key, f)
        if f["present"]:
            assert f["nr_free_pages"] == f["free"], (key, f)
            assert "start_pfn" in f, (key, f)
            free = sum(n << o for o, n in enumerate(buddy[key]))
            assert free == f["free"], f"{key}: buddyinfo {free} pages, zoneinfo {f['free']}"
        else:
            assert key not in buddy, f"{key}: unpopulated but in buddyinfo"


def test_pagetypeinfo_has_both_tables(shell):
    # Expect, per node with memory: the pageblock header, the free-count
    # table (one row per populated zone and migratetype) whose pages add
    # up to MemFree, and the "Number of blocks type" table.
    text = shell.run("cat /proc/pagetypeinfo")
    lines = text.split("\n")
    assert lines[0] == "Page block order: 9", lines[:3]
    assert lines[1] == "Pages per block:  512", lines[:3]
    header = "%-43s " % "Free pages count per migrate type at order" + \
        "".join("%6d " % o for o in range(MAX_ORDER))
    assert header in lines, f"no free-count header {header!r}:\n{text}"
    blocks_header = "%-23s" % "Number of blocks type " + "".join("%12s " % t for t in MIGRATETYPES)
    assert blocks_header in lines, f"no block-count header {blocks_header!r}:\n{text}"

    free_pages, types_seen, block_rows = 0, set(), {}
    for line in lines:
        m = re.fullmatch(r"Node +(\d+), zone ([ A-Za-z0-9]{8}), type ([ A-Za-z]{12}) ((?:[ 0-9]{5}[0-9] )+)", line)
        if m:
            counts = [int(x) for x in m.group(4).split()]
            assert len(counts) == MAX_ORDER, line
            free_pages += sum(n << o for o, n in enumerate(counts))
            types_seen.add(m.group(3).strip())
            continue
        m = re.fullmatch(r"Node (\d+), zone ([ A-Za-z0-9]{8}) ((?:[ 0-9]{11}[0-9] )+)", line)
        if m:
            block_rows[(int(m.group(1)), m.group(2).strip())] = [int(x) for x in m.group(3).split()]
    assert types_seen == set(MIGRATETYPES), types_seen
    assert free_pages * PAGE_KB == meminfo(shell)["MemFree"]
    zi = zoneinfo(shell)
    assert set(block_rows) == {k for k, f in zi.items() if f["present"]}, block_rows.keys()
    for key, counts in block_rows.items():
        assert len(counts) == len(MIGRATETYPES), (key, counts)
        spanned = zi[key]["spanned"]
        # Every pageblock of the span is counted once (blocks in holes may not be).
        assert sum(counts) <= (spanned + 511) // 512 + 1, (key, counts, spanned)
        assert sum(counts) >= zi[key]["present"] // 512, (key, counts, zi[key])


@pytest.mark.parametrize("shell", FIRMWARES, indirect=True)
def test_iomem_matches_the_boot_memory_map(shell):
    # Expect one top-level line per boot map entry, in address order, in
    # Linux's layout and names, and the kernel's code, data and bss nested
    # under the RAM range that holds 0x100000.
    text = shell.run("cat /proc/iomem")
    top, nested = [], []
    for line in text.split("\n"):
        m = re.fullmatch(r"( *)([0-9a-f]{8,})-([0-9a-f]{8,}) : (.+)", line)
        assert m, f"iomem line not in Linux's layout: {line!r}\n{text}"
        entry = (int(m.group(2), 16), int(m.group(3), 16), m.group(4))
        assert len(m.group(1)) in (0, 2), line
        (top if not m.group(1) else nested).append(entry)
    expected = sorted((s, e, IOMEM_NAMES.get(t, "Reserved")) for s, e, t in boot_memory_map(shell))
    assert top == expected, f"iomem:\n{text}\nboot map: {expected}"
    assert [n for _, _, n in nested] == ["Kernel code", "Kernel data", "Kernel bss"], nested
    assert nested[0][0] == 0x100000, nested
    holder = [r for r in top if r[0] <= 0x100000 <= r[1]]
    assert holder and holder[0][2] == "System RAM", top
    for (s, e, _), nxt in zip(nested, nested[1:] + [None]):
        assert holder[0][0] <= s <= e <= holder[0][1], nested
        if nxt:
            assert nxt[0] == e + 1, f"kernel parts not contiguous: {nested}"


# ------------------------------------------------------------ the commands

@pytest.mark.parametrize("shell", FIRMWARES, indirect=True)
def test_memcheck_reports_ok_with_memfree(shell):
    # Expect the checker to pass and count the pages meminfo calls free.
    out = shell.run("memcheck", timeout=60)
    m = re.fullmatch(r"memcheck: OK \((\d+) zones, (\d+) free pages\)", out)
    assert m, out
    assert int(m.group(1)) == len([k for k, f in zoneinfo(shell).items() if f["spanned"]])
    assert int(m.group(2)) * PAGE_KB == meminfo(shell)["MemFree"]


def test_memmap_draws_sections_and_pageblocks(shell):
    # Expect 1 GiB as 8 lines of 64 pageblocks (one per 128 MiB section),
    # each starting with its address, a legend, and a free-page total
    # that the walk over struct pages finds equal to MemFree.
    out = shell.run("memmap", timeout=60)
    lines = out.split("\n")
    assert lines[0].startswith("memmap: one character per pageblock (2M)"), lines[0]
    pic = [l for l in lines if re.match(r"0x[0-9a-f]{9}  ", l)]
    assert len(pic) == 8, out
    for i, l in enumerate(pic):
        assert l.startswith("0x%09x  " % (i << 27)), l
        row = l[13:13 + 64]
        assert len(row) == 64 and re.fullmatch(r"[.MuUrRiIA# ]{64}", row), l
        assert re.search(r"node \d", l), l
    assert any(l.startswith("legend:") for l in lines), out
    m = re.search(r"^pages: (\d+) free, (\d+) allocated \((\d+) user, (\d+) kernel\), "
                  r"(\d+) reserved, (\d+) holes", out, re.M)
    assert m, out
    assert int(m.group(1)) * PAGE_KB == meminfo(shell)["MemFree"]
    assert int(m.group(2)) == int(m.group(3)) + int(m.group(4)), m.group(0)
    assert int(m.group(3)) * PAGE_KB == meminfo(shell)["AnonPages"], m.group(0)
    assert pic[0][13] in "M#", f"the first pageblock holds the BIOS area and the kernel: {pic[0]}"


def test_memmap_zoom_out_and_in(shell):
    # Expect `memmap sections` to draw one line of sections, and
    # `memmap 0x100000` the 512 pages of the kernel's pageblock.
    out = shell.run("memmap sections")
    assert out.startswith("memmap: one character per section (128M)"), out
    row = [l for l in out.split("\n") if l.startswith("0x000000000  ")]
    assert row and re.fullmatch(r"0x000000000  [.+#o]{8}", row[0]), out
    out = shell.run("memmap 0x100000")
    pages = [l for l in out.split("\n") if re.match(r"0x[0-9a-f]{9}  ", l)]
    assert len(pages) == 8 and all(len(l) == 13 + 64 for l in pages), out
    assert pages[4][13] == "#", f"0x100000 holds the kernel: {pages[4]}"


def test_memmap_rejects_bad_arguments(shell):
    assert shell.run("memmap sideways") == "memmap: sideways: not blocks, sections or an address"
    out = shell.run("memmap 0x7000000000")
    assert out.startswith("memmap: 0x7000000000: no memmap there"), out
    assert shell.run("echo still alive") == "still alive"


# ------------------------------------------------------------ errors

def test_cat_and_ls_of_missing_paths_fail_cleanly(shell):
    assert shell.run("cat /nope") == "cat: /nope: no such file or directory"
    assert shell.run("cat /proc") == "cat: /proc: is a directory"
    assert shell.run("ls /nope") == "ls: /nope: no such file or directory"
    assert shell.run("echo still alive") == "still alive"
    # cat goes on after a bad file, like cat(1)
    out = shell.run("cat /nope /proc/buddyinfo")
    assert out.startswith("cat: /nope: no such file or directory\nNode 0, zone "), out


def test_echo_into_read_only_file_fails_cleanly(shell):
    before = shell.run("cat /proc/zoneinfo")
    assert shell.run("echo 1 > /proc/meminfo") == "echo: /proc/meminfo: read-only file"
    assert shell.run("echo 1 > /nope") == "echo: /nope: no such file or directory"
    assert shell.run("echo still alive") == "still alive"
    assert shell.run("cat /proc/zoneinfo") == before
