# SPDX-License-Identifier: MIT
"""
tests/qemu/memhp.py - what the memory-hotplug tests share: the kernel's
hotplug files and commands read into Python values, DIMMs plugged and
unplugged with the waits that go with them, and snapshots of every
counter to compare before and after.  Not a test file; test_hot_add.py,
test_hot_remove.py, test_hotplug_refusals.py, test_mem_on_off.py and
test_probe.py import it.

The formats are the agreed ones (mm/memory_hotplug.h, the issue 6 brief):

    /sys/devices/system/memory/memoryN/{state,valid_zones,removable,phys_index}
    /sys/devices/system/memory/{block_size_bytes,auto_online_blocks,probe}
    /proc/memhotplug      ID RANGE SIZE NODE SOURCE STATUS, one line per range
    lsmem                 util-linux's default table and three summary lines
    dimms                 one line per PNP0C80 slot
    memory: added [mem 0x100000000-0x13fffffff] node 0 (acpi): memory32-memory39, ...
    memory: memory32: online (Movable, node 0)        memory: memory32: offline
    memory: removed [mem 0x100000000-0x13fffffff] node 0
    acpi memory: \\_SB_.MHPC.MP00: slot 0 [mem 0x100000000-0x13fffffff] node 0: added

Facts about QEMU (addresses, _OST, events): shared/spec/qemu-memory-hotplug.md
sections 5-7.  Course text: docs/08-hot-add.md, docs/09-hot-remove.md.
"""

import re
import time

import qemu

KiB = 1 << 10
MiB = 1 << 20
GiB = 1 << 30
BLOCK = 128 * MiB                       # x86_64 memory block = section
PAGE = 4096
VMEMMAP_PER_BLOCK = 2 * MiB             # memmap_on_memory: 32768 x 64 bytes, a pageblock
MEMDIR = "/sys/devices/system/memory"
INJECT = "/sys/kernel/debug/notifier-error-inject/memory/actions"
POLICIES = ("offline", "online", "online_kernel", "online_movable")

# Seconds: a DIMM's add (memmap init of 1 GiB ~0.1 s under TCG, online of
# every block) and its eject, after QEMU's device_add or device_del.
ADD_TIMEOUT = 20
DEL_TIMEOUT = 20

TS = r"\[ *([0-9]+\.[0-9]{6})\] "       # printk timestamp, seconds in group 1


# ------------------------------------------------------------ blocks

def block_ids(addr, size):
    """The memory block ids [addr, addr + size) covers."""
    return list(range(addr // BLOCK, (addr + size) // BLOCK))


def list_blocks(m):
    """The N of every /sys/devices/system/memory/memoryN, sorted."""
    out = m.run(f"ls {MEMDIR}")
    return sorted(int(g) for g in re.findall(r"^memory(\d+)/$", out, re.M))


def cat_lines(m, paths):
    """`cat` of one-line files, one command: their lines in order."""
    __tracebackhide__ = True
    out = m.run("cat " + " ".join(paths))
    lines = out.split("\n")
    assert len(lines) == len(paths), f"cat {' '.join(paths)}:\n{out}"
    return lines


def block(m, n):
    """memoryN as {"state", "valid_zones", "removable", "phys_index", "node"}
    ("node": the X of its nodeX link, or None)."""
    __tracebackhide__ = True
    files = ("state", "valid_zones", "removable", "phys_index")
    vals = cat_lines(m, [f"{MEMDIR}/memory{n}/{f}" for f in files])
    info = dict(zip(files, vals))
    links = re.findall(r"^node(\d+)$", m.run(f"ls {MEMDIR}/memory{n}"), re.M)
    assert len(links) <= 1, f"memory{n} has links to nodes {links}"
    info["node"] = int(links[0]) if links else None
    return info


def states(m, ids):
    """{N: state} of the blocks IDS, one `cat`."""
    return dict(zip(ids, cat_lines(m, [f"{MEMDIR}/memory{n}/state" for n in ids])))


# ------------------------------------------------------------ shell output

# A kernel log line on the console: "[    1.234567] memory: ...".  The
# shell's commands leave the explaining to mm's own log line when mm
# printed one (pr_err), else print "CMD: reason" themselves.
LOG_LINE = r"\[ *[0-9]+\.[0-9]{6}\] "


def split_output(out):
    """(kernel log lines, the command's own lines) of a command's output."""
    lines = out.split("\n") if out else []
    log = [line for line in lines if re.match(LOG_LINE, line)]
    return log, [line for line in lines if not re.match(LOG_LINE, line)]


def run_ok(m, cmd, timeout=10.0):
    """Run CMD, which must succeed: no line of its own, no error in the
    log (info lines, like "memory: memory5: offline", are fine).
    Returns the log lines."""
    __tracebackhide__ = True
    out = m.run(cmd, timeout=timeout)
    log, own = split_output(out)
    assert not own and not any(re.search(r"failed|refused|error", line) for line in log), \
        f"`{cmd}` should succeed quietly, printed:\n{out}"
    return log


def run_refused(m, cmd, timeout=10.0):
    """Run CMD, which must be refused with one line saying why: its own
    "CMD: reason", or mm's log line.  Returns that line."""
    __tracebackhide__ = True
    out = m.run(cmd, timeout=timeout)
    name = cmd.split()[0]
    lines = out.split("\n") if out else []
    assert len(lines) == 1 and (lines[0].startswith(f"{name}: ") or re.match(LOG_LINE, lines[0])), \
        f"`{cmd}` should be refused with one line saying why, printed:\n{out!r}"
    return lines[0]


def write(m, path, value):
    """`echo VALUE > PATH`; returns None on success, else the error line
    (`echo: PATH: reason`), which mm's one log line may precede.
    Anything else on the terminal fails."""
    __tracebackhide__ = True
    out = m.run(f"echo {value} > {path}")
    log, own = split_output(out)
    if not own:
        assert not any(re.search(r"failed|refused|error", line) for line in log), \
            f"echo {value} > {path}: succeeded with an error logged:\n{out}"
        return None
    assert len(own) == 1 and len(log) <= 1 and \
        re.fullmatch(rf"echo: {re.escape(path)}: [^\n]+", own[0]), \
        f"echo {value} > {path}: not one error line (and at most one log line): {out!r}"
    return "\n".join(log + own)


def set_state(m, n, value):
    """echo VALUE > memoryN/state: None or the error line."""
    return write(m, f"{MEMDIR}/memory{n}/state", value)


def set_policy(m, policy):
    __tracebackhide__ = True
    assert write(m, f"{MEMDIR}/auto_online_blocks", policy) is None
    assert m.run(f"cat {MEMDIR}/auto_online_blocks") == policy


def inject(m, action, errno):
    """The memory notifier error injector: ACTION (MEM_GOING_ONLINE or
    MEM_GOING_OFFLINE) fails with ERRNO (0: not at all)."""
    __tracebackhide__ = True
    path = f"{INJECT}/{action}/error"
    assert write(m, path, str(errno)) is None
    assert m.run(f"cat {path}") == str(errno)


# Zone a block online in a zone shows, and what the policy picks.
def expected_zone(policy):
    """The zone of a block the POLICY onlined, for a DIMM above 4 GiB on a
    node with no Normal or Movable memory near it (every DIMM the tests
    add): online_movable Movable; online and online_kernel the node's
    kernel zone above 4 GiB, Normal (the contig-zones rule: neither zone
    intersects the range)."""
    return {"online": "Normal", "online_kernel": "Normal", "online_movable": "Movable"}[policy]


# ------------------------------------------------------------ counters

def _kb_fields(m, path, prefix=""):
    """PATH's "PREFIXField:   N kB" lines as {field: kB}."""
    __tracebackhide__ = True
    text = m.run(f"cat {path}")
    out = {}
    for line in text.split("\n"):
        g = re.fullmatch(re.escape(prefix) + r"(\w+): +(\d+) kB", line)
        assert g, f"{path} line: {line!r}\n{text}"
        out[g.group(1)] = int(g.group(2))
    return out


def meminfo(m):
    """/proc/meminfo as {field: kB}."""
    return _kb_fields(m, "/proc/meminfo")


def buddy_free(m):
    """/proc/buddyinfo as {(node, zone): free pages (sum of count << order)}."""
    __tracebackhide__ = True
    text = m.run("cat /proc/buddyinfo")
    out = {}
    for line in text.split("\n"):
        g = re.fullmatch(r"Node (\d+), zone +(\w+)((?: +\d+)+) *", line)
        assert g, f"/proc/buddyinfo line: {line!r}\n{text}"
        counts = [int(c) for c in g.group(3).split()]
        out[(int(g.group(1)), g.group(2))] = sum(c << o for o, c in enumerate(counts))
    return out


def online_nodes(m):
    """The nodes in /sys/devices/system/node/online ("0-1", "0,2")."""
    nodes = []
    for part in m.run("cat /sys/devices/system/node/online").split(","):
        a, _, b = part.partition("-")
        nodes += range(int(a), int(b or a) + 1)
    return nodes


def node_meminfo(m, nid):
    """nodeN/meminfo as {field: kB}."""
    return _kb_fields(m, f"/sys/devices/system/node/node{nid}/meminfo", f"Node {nid} ")


def free_counters(m):
    """Every free-memory counter the kernel shows: MemTotal, MemFree,
    MemAvailable, each (node, zone)'s free pages from buddyinfo, each
    node's MemTotal/MemFree."""
    c = {f"meminfo {k}": v for k, v in meminfo(m).items()
         if k in ("MemTotal", "MemFree", "MemAvailable")}
    c.update({f"buddyinfo node {n} {z}": v for (n, z), v in buddy_free(m).items()})
    for nid in online_nodes(m):
        for k, v in node_meminfo(m, nid).items():
            c[f"node{nid} {k}"] = v
    return c


def diff(before, after):
    """The keys whose values differ, as 'key: before -> after' lines."""
    keys = sorted(set(before) | set(after), key=str)
    return "\n".join(f"  {k}: {before.get(k)} -> {after.get(k)}"
                     for k in keys if before.get(k) != after.get(k))


def assert_same(before, after, what):
    __tracebackhide__ = True
    d = diff(before, after)
    assert not d, f"{what} changed:\n{d}"


def snapshot(m):
    """The kernel's whole view of memory, for 'changes nothing': lsmem,
    /proc/meminfo, /proc/memhotplug, /proc/buddyinfo, /proc/zoneinfo,
    `dimms`, node meminfo and has_memory, the auto-online policy, every
    block's state and zones."""
    snap = {"lsmem": m.run("lsmem"),
            "/proc/meminfo": m.run("cat /proc/meminfo"),
            "/proc/memhotplug": m.run("cat /proc/memhotplug"),
            "/proc/buddyinfo": m.run("cat /proc/buddyinfo"),
            "/proc/zoneinfo": m.run("cat /proc/zoneinfo"),
            "dimms": m.run("dimms"),
            "has_memory": m.run("cat /sys/devices/system/node/has_memory"),
            "auto_online_blocks": m.run(f"cat {MEMDIR}/auto_online_blocks")}
    for nid in online_nodes(m):
        snap[f"node{nid}/meminfo"] = m.run(f"cat /sys/devices/system/node/node{nid}/meminfo")
    ids = list_blocks(m)
    snap["blocks"] = ids
    if ids:
        snap["states"] = cat_lines(m, [f"{MEMDIR}/memory{n}/state" for n in ids])
        snap["valid_zones"] = cat_lines(m, [f"{MEMDIR}/memory{n}/valid_zones" for n in ids])
    return snap


def assert_unchanged(before, after, what):
    """Every part of two snapshots equal, /proc/memhotplug included (a
    refusal is not a failure to retry: mm/memory_hotplug.h, add_memory());
    the message shows the parts that differ."""
    __tracebackhide__ = True
    bad = [k for k in before if before[k] != after.get(k)]
    bad += [k for k in after if k not in before]
    assert not bad, f"{what} changed the kernel's view:\n" + "\n".join(
        f"--- {k} before:\n{before.get(k)}\n--- {k} after:\n{after.get(k)}" for k in bad)


# ------------------------------------------------------------ lsmem, dimms, memhotplug

SIZE_RX = r"[0-9.]+[BKMGT]"


def size_text(n):
    """A size the way lsmem prints it: 640K, 128M, 1G, 1.5G, 0B."""
    if n == 0:
        return "0B"
    for unit, shift in (("T", 40), ("G", 30), ("M", 20), ("K", 10)):
        if n >= 1 << shift:
            v = n / (1 << shift)
            return f"{v:.0f}{unit}" if v == int(v) else f"{v:.1f}{unit}"
    return f"{n}B"


def lsmem(m):
    """lsmem as ([{"start", "end", "size", "state", "removable", "first",
    "last"}], {"block size", "online", "offline"} texts)."""
    __tracebackhide__ = True
    text = m.run("lsmem")
    lines = text.split("\n")
    assert re.fullmatch(r"RANGE +SIZE +STATE +REMOVABLE +BLOCK", lines[0]), text
    rows, i = [], 1
    while i < len(lines) and lines[i]:
        g = re.fullmatch(r"0x([0-9a-f]{16})-0x([0-9a-f]{16}) +(" + SIZE_RX + r") +"
                         r"(online|offline|going-offline) +(?:(yes|no) +)?(\d+)(?:-(\d+))?", lines[i])
        assert g, f"lsmem row: {lines[i]!r}\n{text}"
        # util-linux shows REMOVABLE for online blocks only.
        assert (g.group(5) is None) == (g.group(4) != "online"), f"lsmem row: {lines[i]!r}"
        rows.append({"start": int(g.group(1), 16), "end": int(g.group(2), 16) + 1,
                     "size": g.group(3), "state": g.group(4), "removable": g.group(5) == "yes",
                     "first": int(g.group(6)), "last": int(g.group(7) or g.group(6))})
        i += 1
    tail = lines[i + 1:]
    totals = {}
    for line in tail:
        g = re.fullmatch(r"(Memory block size|Total online memory|Total offline memory): +(\S+)", line)
        assert g, f"lsmem summary line: {line!r}\n{text}"
        totals[g.group(1)] = g.group(2)
    assert list(totals) == ["Memory block size", "Total online memory", "Total offline memory"], text
    return rows, totals


def lsmem_state_of(rows, n):
    """The state lsmem gives block N, or None when no row holds it."""
    for r in rows:
        if r["first"] <= n <= r["last"]:
            return r["state"]
    return None


DIMM_STATES = ("online", "offline", "partly online", "not added", "failed", "empty")


def dimms(m):
    """`dimms` as {slot: {"device", "sta", "start", "end", "size", "node",
    "blocks", "state"}} ("start"/"end" None for a slot without a range)."""
    __tracebackhide__ = True
    text = m.run("dimms")
    lines = text.split("\n")
    assert re.fullmatch(r"SLOT +DEVICE +STA +RANGE +SIZE +NODE +BLOCKS +STATE", lines[0]), text
    out = {}
    state_rx = "|".join(DIMM_STATES)
    for line in lines[1:]:
        g = re.fullmatch(r" *(\d+) +(\S+) +(\S+) +(.*?) +(" + state_rx + ")", line)
        assert g, f"dimms line: {line!r}\n{text}"
        rest = g.group(4).split()
        row = {"device": g.group(2), "sta": g.group(3), "state": g.group(5),
               "start": None, "end": None, "size": None, "node": None, "blocks": None}
        r = re.fullmatch(r"0x([0-9a-f]+)-0x([0-9a-f]+)", rest[0]) if rest else None
        if r:
            assert len(rest) == 4, f"dimms line: {line!r}\n{text}"
            row.update(start=int(r.group(1), 16), end=int(r.group(2), 16) + 1,
                       size=rest[1], node=int(rest[2]), blocks=rest[3])
        out[int(g.group(1))] = row
    return out


def memhotplug(m):
    """/proc/memhotplug as [{"id", "start", "end", "size", "node", "source", "status"}]."""
    __tracebackhide__ = True
    text = m.run("cat /proc/memhotplug")
    lines = text.split("\n")
    assert re.fullmatch(r"ID RANGE +SIZE NODE SOURCE STATUS", lines[0]), text
    out = []
    for line in lines[1:]:
        g = re.fullmatch(r" *(\d+) 0x([0-9a-f]{16})-0x([0-9a-f]{16}) +(" + SIZE_RX + r") +(\d+) "
                         r"(boot|acpi|probe) +(ENABLED|REMOVED|FAILED: .+)", line)
        assert g, f"/proc/memhotplug line: {line!r}\n{text}"
        out.append({"id": int(g.group(1)), "start": int(g.group(2), 16),
                    "end": int(g.group(3), 16) + 1, "size": g.group(4), "node": int(g.group(5)),
                    "source": g.group(6), "status": g.group(7)})
    assert [r["id"] for r in out] == list(range(len(out))), text
    return out


def record_of(records, start, size):
    for r in records:
        if r["start"] == start and r["end"] == start + size:
            return r
    return None


# ------------------------------------------------------------ log lines

def added_line(addr, size, nid, source="acpi"):
    first, last = addr // BLOCK, (addr + size) // BLOCK - 1
    blocks = rf"memory{first}-memory{last}" if last > first else rf"memory{first}(?:-memory{first})?"
    return (r"memory: added \[mem " + f"{addr:#x}-{addr + size - 1:#x}" + rf"\] node {nid} "
            rf"\({source}\): {blocks}, memmap ([0-9.]+[KMG]) (.*?) in (\d+) us")


def online_line(n, zone=r"\w+", nid=r"\d+"):
    return rf"memory: memory{n}: online \(({zone}), node ({nid})\)"


def removed_line(addr, size, nid):
    return r"memory: removed \[mem " + f"{addr:#x}-{addr + size - 1:#x}" + rf"\] node {nid}"


def slot_line(slot, addr, size, nid, what):
    """The ACPI memory driver's line for SLOT: 'added', 'ejected', ..."""
    return (r"acpi memory: \\_SB_\.MHPC\.MP" + f"{slot:02X}: slot {slot} " + r"\[mem "
            + f"{addr:#x}-{addr + size - 1:#x}" + rf"\] node {nid}: {what}")


# ------------------------------------------------------------ QMP

def ospm_status(q, slot):
    """query-acpi-ospm-status's entry of SLOT: (source, status)."""
    for e in q.execute("query-acpi-ospm-status"):
        if e.get("slot-type") == "DIMM" and e.get("slot") == str(slot):
            return e["source"], e["status"]
    raise qemu.QMPError(f"query-acpi-ospm-status: no DIMM slot {slot}")


OST_IN_PROGRESS = 0x84     # "ejection in progress": a progress report, not the answer


def wait_ost(q, slot, source, timeout=ADD_TIMEOUT):
    """Wait for the ACPI_DEVICE_OST event of SLOT with SOURCE; its status.
    Progress reports (0x84) before it are taken and skipped."""
    deadline = time.monotonic() + timeout
    while True:
        for i, ev in enumerate(q.events):
            info = ev.get("data", {}).get("info", {})
            if (ev["event"] == "ACPI_DEVICE_OST" and info.get("slot") == str(slot)
                    and info.get("source") == source):
                q.events.pop(i)
                if info["status"] == OST_IN_PROGRESS:
                    break
                return info["status"]
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError(f"no ACPI_DEVICE_OST for slot {slot} source {source:#x} "
                               f"within {timeout} s; events: {q.events}")
        try:
            q.events.append(q._read(time.monotonic() + min(left, 0.5)))
        except TimeoutError:
            pass


def plug(m, size, *, node=None, slot=None, wait=True):
    """Hot-add a DIMM of SIZE and, with WAIT, wait for the driver's
    'added' line for it and its _OST.  Returns QEMU's record of it."""
    __tracebackhide__ = True
    m.pos = len(m.output)
    dimm = m.qmp.dimm(m.qmp.add_dimm(size, node=node, slot=slot))
    if wait:
        m.expect(slot_line(dimm["slot"], dimm["addr"], dimm["size"], dimm["node"], "added"),
                 ADD_TIMEOUT)
        status = wait_ost(m.qmp, dimm["slot"], 1)
        assert status == 0, f"_OST(1, {status:#x}) for slot {dimm['slot']}"
        m.resync()
    return dimm


def unplug(m, dimm, timeout=DEL_TIMEOUT):
    """device_del DIMM and wait for DEVICE_DELETED (the guest ejected it)."""
    __tracebackhide__ = True
    m.pos = len(m.output)
    m.qmp.del_dimm(dimm["id"])
    try:
        m.qmp.wait_dimm_deleted(dimm["id"], timeout)
    except TimeoutError as e:
        raise qemu.MachineError(f"{e}\n{m.describe()}") from None
    m.resync()


# ------------------------------------------------------------ checks

def assert_blocks(m, ids, state, zone, nid):
    """Every block in IDS exists, in STATE, with valid_zones ZONE when
    online ("Normal Movable" when offline: the zone plain online would
    pick first, then the other), phys_index its id, linked to node NID."""
    __tracebackhide__ = True
    present = set(list_blocks(m))
    missing = [n for n in ids if n not in present]
    assert not missing, f"no memoryN for blocks {missing}; blocks: {sorted(present)}"
    for n in ids:
        b = block(m, n)
        want = {"state": state, "phys_index": f"{n:08x}", "node": nid,
                "valid_zones": zone if state == "online" else "Normal Movable"}
        got = {k: b[k] for k in want}
        assert got == want, f"memory{n}: {got}, expected {want}"
        if state == "online":
            assert b["removable"] == "1", f"memory{n}: idle and online, removable {b['removable']!r}"


def assert_matches_qemu(m, states_by_id=None):
    """The kernel's view of the DIMMs is QEMU's (query-memory-devices):
    `dimms` has one row per slot, with each plugged DIMM's range, size,
    node and blocks and the state of its blocks (STATES_BY_ID: {dimm id:
    "online"/"offline"}; default: whatever the blocks say, all the same),
    every other slot empty; /proc/memhotplug has an ENABLED acpi record
    for each DIMM and no other ENABLED acpi record; lsmem shows each
    DIMM's blocks; Total online memory matches MemTotal's blocks."""
    __tracebackhide__ = True
    devs = {d["slot"]: d for d in m.qmp.memory_devices()}
    rows = dimms(m)
    assert sorted(rows) == list(range(qemu.SLOTS)), f"dimms slots {sorted(rows)}"
    lsrows, _ = lsmem(m)
    records = memhotplug(m)
    for slot, row in rows.items():
        assert row["device"] == f"\\_SB_.MHPC.MP{slot:02X}", row
        d = devs.get(slot)
        if d is None:
            assert row["state"] == "empty", f"slot {slot}: no DIMM in QEMU, dimms says {row}"
            continue
        ids = block_ids(d["addr"], d["size"])
        block_states = set(states(m, ids).values())
        assert len(block_states) == 1, f"slot {slot}: blocks in states {block_states}"
        state = block_states.pop()
        if states_by_id and d["id"] in states_by_id:
            assert state == states_by_id[d["id"]], (d, state)
        want = {"start": d["addr"], "end": d["addr"] + d["size"], "size": size_text(d["size"]),
                "node": d["node"], "state": state,
                "blocks": f"{ids[0]}-{ids[-1]}" if len(ids) > 1 else f"{ids[0]}"}
        got = {k: row[k] for k in want}
        assert got == want, f"slot {slot}: dimms says {got}, QEMU says {d}"
        rec = record_of(records, d["addr"], d["size"])
        assert rec and (rec["source"], rec["node"], rec["status"]) == ("acpi", d["node"], "ENABLED"), \
            f"slot {slot}: /proc/memhotplug record {rec}"
        for n in ids:
            assert lsmem_state_of(lsrows, n) == state, f"lsmem: memory{n} not {state}: {lsrows}"
    enabled = sorted((r["start"], r["end"]) for r in records
                     if r["source"] == "acpi" and r["status"] == "ENABLED")
    assert enabled == sorted((d["addr"], d["addr"] + d["size"]) for d in devs.values()), \
        f"/proc/memhotplug ENABLED acpi ranges {enabled}, QEMU's DIMMs {list(devs.values())}"


# ------------------------------------------------------------ kalloc

KALLOC_LINE = r"kalloc: (\d+): pfn 0x([0-9a-f]+)-0x([0-9a-f]+) \(node (\d+), zone (\w+)\)"


def kalloc(m, args):
    """`kalloc ARGS`: the chunks it printed, [(K, first pfn, last pfn,
    node, zone)]; every line must be a chunk line."""
    __tracebackhide__ = True
    out = m.run(f"kalloc {args}")
    chunks = []
    for line in out.split("\n"):
        g = re.fullmatch(KALLOC_LINE, line)
        assert g, f"kalloc {args}: {line!r}\n{out}"
        chunks.append((int(g.group(1)), int(g.group(2), 16), int(g.group(3), 16),
                       int(g.group(4)), g.group(5)))
    return chunks


def pfn_block(pfn):
    return pfn * PAGE // BLOCK


def isolated_pageblocks(m):
    """The Isolate column of /proc/pagetypeinfo's 'Number of blocks type'
    tables, summed over every zone."""
    text = m.run("cat /proc/pagetypeinfo")
    total, cols = 0, None
    for line in text.split("\n"):
        if line.startswith("Number of blocks type"):
            cols = line.split()[4:]
        elif cols and re.match(r"Node \d+, zone +\w+ +\d", line):
            counts = line.split()[4:]
            total += int(counts[cols.index("Isolate")])
        elif not line.strip():
            cols = None
    return total


# ------------------------------------------------------------ machines

class ModuleMachines:
    """One machine per firmware shared by a module's tests (each a
    conftest.Hotmem on ISO): booted on first use, booted again when an
    earlier test killed it; at a clean prompt when handed out."""

    def __init__(self, iso, prefix):
        self.iso, self.prefix, self.machines = iso, prefix, {}

    def get(self, firmware="bios"):
        from conftest import Hotmem     # tests/qemu/conftest.py (pytest puts it on the path)
        m = self.machines.get(firmware)
        if m is None or not m.alive():
            if m is not None:
                m.kill()
            m = self.machines[firmware] = Hotmem(firmware, self.iso, name=f"{self.prefix}-{firmware}")
            m.shared = True
            m.boot()
        m.resync()
        return m

    def close(self):
        for m in self.machines.values():
            m.kill()
