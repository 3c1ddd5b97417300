# SPDX-License-Identifier: MIT
"""
User story: with `make run` in one terminal, I type `tools/hotplug add
128M` in another; it prints the DIMM QEMU made (id, slot, address, size,
node), `tools/hotplug list` shows it, and the kernel's memory-device
driver logs that it added it.  A size QEMU refuses gives
QEMU's reason on one line, exit status 1, and leaves nothing behind (no
DIMM, no stray memory backend).  `tools/hotplug del dimm1` asks for the
unplug and the kernel ejects the DIMM; with --wait it returns
once the guest ejected, or says it did not within the time.  Without QEMU
the tool says so, exit status 1.

The tool runs as a subprocess against the machine's own QMP socket
(--qmp), on a machine of the test's own (pc + SeaBIOS: the tool is the
same on every machine).  QMP accepts one client at a time, so the test
runs the tool while it is not itself talking on the machine's socket.

Course text: docs/07-aml-and-acpi-events.md.
"""

import os
import re
import socket
import subprocess

import qemu
from acpi_shell import slot_path

TOOL = os.path.join(qemu.ROOT, "tools", "hotplug")
MiB = 1 << 20
ADD_TIMEOUT = 20        # seconds: the driver's add or eject of a DIMM under TCG


def driver_line(slot, what):
    """drivers/acpi/memory_device.c's line for SLOT: added, ejected, ..."""
    return r"acpi memory: " + re.escape(slot_path(slot)) + r": slot \d+ \[mem [^\]]+\] node \d+: " + what


def hotplug(m, *args, qmp=None):
    """Run tools/hotplug (by its #! line) with the machine's socket."""
    sock = qmp or os.path.join(m.workdir, "qmp.sock")
    return subprocess.run([TOOL, "--qmp", sock, *args],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True, timeout=30)


def qmp_machine(boot):
    """A machine whose QMP socket is free for the tool: the harness's own
    client is closed (QEMU serves one QMP client at a time); reconnect()
    opens a fresh one for checks."""
    m = boot("bios")
    m.qmp.close()
    m.qmp = None
    return m


def with_qmp(m, fn):
    """Call FN(a fresh QMP client of M) and close the client again."""
    q = qemu.QMP(os.path.join(m.workdir, "qmp.sock"))
    try:
        return fn(q)
    finally:
        q.close()


def objects(q):
    """The names under /objects (backends and the like)."""
    return sorted(o["name"] for o in q.execute("qom-list", {"path": "/objects"}))


def list_rows(out):
    """`tools/hotplug list` output as dicts (header row gives the keys)."""
    lines = out.strip().splitlines()
    if lines == ["no DIMMs plugged"]:
        return []
    keys = lines[0].split()
    return [dict(zip(keys, line.split())) for line in lines[1:]]


def test_add_list_del(boot):
    m = qmp_machine(boot)
    assert list_rows(hotplug(m, "list").stdout) == []
    m.pos = len(m.output)
    r = hotplug(m, "add", "128M")
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "dimm1: slot 0, addr 0x100000000, size 128M (0x8000000), node 0", r.stdout
    m.expect(driver_line(0, "added"), ADD_TIMEOUT)
    rows = list_rows(hotplug(m, "list").stdout)
    assert rows == [{"id": "dimm1", "slot": "0", "addr": "0x100000000", "size": "128M",
                     "node": "0", "hotplugged": "yes"}], rows
    # QEMU agrees with what the tool printed.
    dimm = with_qmp(m, lambda q: q.dimm("dimm1"))
    assert (dimm["slot"], dimm["addr"], dimm["size"]) == (0, 1 << 32, 128 * MiB), dimm

    # A second DIMM where and on the node asked for.
    r = hotplug(m, "add", "1G", "--slot", "2", "--node", "1")
    assert r.returncode == 0, r.stderr
    assert re.fullmatch(r"dimm2: slot 2, addr 0x[0-9a-f]+, size 1G \(0x40000000\), node 1\n",
                        r.stdout), r.stdout
    m.expect(driver_line(2, "added"), ADD_TIMEOUT)

    m.pos = len(m.output)
    r = hotplug(m, "del", "dimm1")
    assert r.returncode == 0, r.stderr
    assert "dimm1: unplug requested" in r.stdout and "guest must eject" in r.stdout, r.stdout
    m.expect(driver_line(0, "ejected"), ADD_TIMEOUT)


def test_refused_add_leaves_nothing_behind(boot):
    m = qmp_machine(boot)
    before = with_qmp(m, objects)
    r = hotplug(m, "add", str(MiB + 1))
    assert r.returncode == 1, (r.stdout, r.stderr)
    assert r.stderr.strip() == \
        "tools/hotplug: device_add: backend memory size must be multiple of 0x200000", r.stderr
    assert r.stdout == ""
    assert list_rows(hotplug(m, "list").stdout) == []
    assert with_qmp(m, objects) == before
    # Slots out of range are QEMU's refusal too; still nothing behind.
    r = hotplug(m, "add", "128M", "--slot", "8")
    assert r.returncode == 1 and "invalid slot number 8" in r.stderr, r.stderr
    assert with_qmp(m, objects) == before
    assert with_qmp(m, lambda q: q.memory_devices()) == []


def test_del_wait_times_out_while_the_kernel_cannot_eject(boot):
    # The DIMM holds kernel pages (onlined as kernel memory, then
    # `kalloc ... kernel` into it): the kernel answers the eject request
    # with _OST busy and keeps it.  --wait must say so, exit 1, and leave
    # the DIMM and its backend.  (An idle DIMM: tests/qemu/test_hot_remove.py.)
    m = qmp_machine(boot)
    assert m.run("echo online_kernel > /sys/devices/system/memory/auto_online_blocks") == ""
    m.pos = len(m.output)
    assert hotplug(m, "add", "1G").returncode == 0
    m.expect(driver_line(0, "added"), ADD_TIMEOUT)
    m.resync()
    held = m.run("kalloc 16M kernel node=0")
    assert "zone Normal" in held, held
    m.pos = len(m.output)
    r = hotplug(m, "del", "dimm1", "--wait", "2")
    assert r.returncode == 1, r.stdout
    assert "tools/hotplug: dimm1: not ejected by the guest within 2 s" in r.stderr, r.stderr
    m.expect(driver_line(0, r"eject failed \(-16\)"), ADD_TIMEOUT)
    assert "mem1" in with_qmp(m, objects)
    r = hotplug(m, "del", "nosuch")
    assert r.returncode == 1 and r.stderr.strip() == \
        "tools/hotplug: query-memory-devices: no DIMM 'nosuch'", r.stderr


def test_no_qemu(tmp_path):
    sock = str(tmp_path / "qmp.sock")
    r = subprocess.run([TOOL, "--qmp", sock, "list"],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=30)
    assert r.returncode == 1
    assert r.stderr == f"tools/hotplug: no QEMU at {sock} (is `make run` running?)\n", r.stderr
    # A stale socket file (QEMU gone) is the same error.
    s = socket.socket(socket.AF_UNIX)
    s.bind(sock)
    s.close()
    r = subprocess.run([TOOL, "--qmp", sock, "add", "128M"],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=30)
    assert r.returncode == 1
    assert r.stderr == f"tools/hotplug: no QEMU at {sock} (is `make run` running?)\n", r.stderr


def test_bad_arguments_are_usage_errors(tmp_path):
    for args in (["add", "1M+1"], ["add", "0"], ["add"], ["del"], ["frob"],
                 ["add", "128M", "--slot", "x"]):
        r = subprocess.run([TOOL, "--qmp", str(tmp_path / "s"), *args],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=30)
        assert r.returncode == 2, (args, r.stderr)
        assert "usage: tools/hotplug" in r.stderr, (args, r.stderr)
