# SPDX-License-Identifier: MIT
"""
User story: I turn on `trace acpi`, plug a DIMM into the running machine
from QEMU (object-add + device_add), and watch the firmware's event reach
the kernel: the SCI, GPE 3, \\_GPE._E03 running the scan method
\\_SB_.MHPC.MSCN, and the Notify(\\_SB_.MHPC.MPxx, 0x1 device check) for
the slot QEMU chose, within a few seconds.  device_del gives
Notify(MPxx, 0x3 eject request).  `trace acpi off` makes it quiet again.
A burst of plugs gives one Notify per slot; a plug and an unplug that
both happen before the kernel scans give Notify 1 then Notify 3 (spec
section 9.7: the kernel scans again until a scan finds nothing).

Each test boots its own machine (pc + SeaBIOS, q35 + OVMF): a test must
start from empty slots.  The memory-device driver then adds or ejects the
DIMM (its own tests: test_hot_add.py, test_hot_remove.py); these tests
wait for its "added" line before going on.  Facts: spec sections 5a, 5b, 7, 9.6, 9.7.

Course text: docs/07-aml-and-acpi-events.md.
"""

import re

import pytest

import qemu
from conftest import FIRMWARES
from acpi_shell import (ANY_NOTIFY, GPE3_LINE, MSCN_CALL, NOTIFY_TIMEOUT, SCI_LINE, aml_eval,
                        crs_memory_ranges, deadline_in, expect_chain, left, notifies, notify_line,
                        slot_path, trace)

MiB = 1 << 20
GiB = 1 << 30
ADD_TIMEOUT = 20        # seconds: the driver's add of a 1 GiB DIMM under TCG


def driver_added_line(slot):
    """drivers/acpi/memory_device.c's line once it has added SLOT's DIMM."""
    return r"acpi memory: " + re.escape(slot_path(slot)) + r": slot \d+ \[mem [^\]]+\] node \d+: added"


def traced_machine(boot, firmware):
    """A machine of the test's own with `trace acpi on`."""
    m = boot(firmware)
    trace(m, True)
    return m


def plug_and_expect_chain(m, size, slot=None):
    """Hot-add a DIMM of SIZE (in SLOT when given) and wait for its whole
    chain; returns (QEMU's record of the DIMM, the chain's text)."""
    __tracebackhide__ = True
    m.pos = len(m.output)
    dimm_id = m.qmp.add_dimm(size, slot=slot)
    deadline = deadline_in(NOTIFY_TIMEOUT)
    dimm = m.qmp.dimm(dimm_id)
    if slot is not None:
        assert dimm["slot"] == slot, dimm
    chain = expect_chain(m, dimm["slot"], 1, deadline)
    # The right slot, and only it.
    assert notifies(chain) == [(slot_path(dimm["slot"]), 1)], chain
    # The memory-device driver has added it, and the scan that follows a
    # scan which sent a Notify ran and found nothing: nothing of this plug
    # is still running when the test goes on (an unplug would otherwise
    # be seen by that rescan, with no SCI of its own).
    m.expect(driver_added_line(dimm["slot"]), ADD_TIMEOUT)
    m.expect(GPE3_LINE + r" \(again", ADD_TIMEOUT)
    m.expect(MSCN_CALL, NOTIFY_TIMEOUT)
    # That rescan has started, not ended: an unplug now could still be
    # seen by it.  kacpid runs one thing at a time, and `aml eval` is
    # queued to it: once an evaluation answers, the rescan is over.
    m.resync()
    aml_eval(m, slot_path(dimm["slot"]) + "._STA")
    return dimm, chain


@pytest.mark.parametrize("firmware", FIRMWARES)
def test_hot_add_128m_traces_sci_gpe_scan_notify(boot, firmware):
    m = traced_machine(boot, firmware)
    dimm, chain = plug_and_expect_chain(m, 128 * MiB)
    assert dimm["slot"] == 0 and dimm["size"] == 128 * MiB and dimm["hotplugged"], dimm
    assert "\\_GPE._E03" in chain
    m.resync()
    trace(m, False)     # or `aml eval` prints its own method calls too
    assert aml_eval(m, "\\_SB_.MHPC.MP00._STA") == "0xF"


@pytest.mark.parametrize("firmware", FIRMWARES)
def test_hot_add_1g_into_slot_2(boot, firmware):
    # Expect Notify for MP02, not MP00, and _CRS to match QMP's addr/size.
    m = traced_machine(boot, firmware)
    dimm, _ = plug_and_expect_chain(m, 1 * GiB, slot=2)
    assert dimm["size"] == GiB
    m.resync()
    trace(m, False)
    ranges = crs_memory_ranges(aml_eval(m, f"{slot_path(2)}._CRS"))
    assert ranges == [(dimm["addr"], dimm["addr"] + GiB - 1, GiB)], (ranges, dimm)


@pytest.mark.parametrize("firmware", FIRMWARES)
def test_device_del_sends_eject_request(boot, firmware):
    m = traced_machine(boot, firmware)
    dimm, _ = plug_and_expect_chain(m, 128 * MiB)
    m.resync()
    m.pos = len(m.output)
    m.qmp.del_dimm(dimm["id"])
    chain = expect_chain(m, dimm["slot"], 3, deadline_in(NOTIFY_TIMEOUT))
    assert notifies(chain) == [(slot_path(dimm["slot"]), 3)], chain


def gpe03_runs(m):
    """/sys/firmware/acpi/interrupts/gpe03: runs of \\_GPE._E03 (Linux's format)."""
    out = m.run("cat /sys/firmware/acpi/interrupts/gpe03")
    mt = re.fullmatch(r" *(\d+)  enabled", out)
    assert mt, f"gpe03: {out!r}"
    return int(mt.group(1))


@pytest.mark.parametrize("firmware", FIRMWARES)
def test_trace_off_stops_the_trace_lines(boot, firmware):
    # Expect a second plug with trace off to be handled (GPE 3 runs, and
    # the memory-device driver logs that it added the DIMM) with no SCI,
    # GPE, method call or Notify dispatch line.  Then trace on again: a
    # third plug is traced in full.
    m = traced_machine(boot, firmware)
    plug_and_expect_chain(m, 128 * MiB)
    m.resync()
    trace(m, False)
    runs = gpe03_runs(m)
    quiet_from = m.pos = len(m.output)
    slot = m.qmp.dimm(m.qmp.add_dimm(128 * MiB))["slot"]
    m.expect(driver_added_line(slot), ADD_TIMEOUT)
    m.resync()
    assert gpe03_runs(m) > runs
    quiet = m.output[quiet_from:]
    for pattern in (SCI_LINE, GPE3_LINE, r"aml: ", notify_line(slot, 1)):
        assert not re.search(pattern, quiet), \
            f"trace line {pattern!r} after `trace acpi off`:\n{qemu.printable(quiet)}"
    trace(m, True)
    third, _ = plug_and_expect_chain(m, 128 * MiB)
    assert third["slot"] == 2, third


@pytest.mark.parametrize("firmware", FIRMWARES)
def test_burst_of_four_plugs_gives_one_notify_per_slot(boot, firmware):
    m = traced_machine(boot, firmware)
    start = m.pos = len(m.output)
    ids = [m.qmp.add_dimm(128 * MiB) for _ in range(4)]
    deadline = deadline_in(NOTIFY_TIMEOUT)
    slots = sorted(m.qmp.dimm(i)["slot"] for i in ids)
    assert slots == [0, 1, 2, 3], slots
    seen = []
    for _ in range(4):
        mt = m.expect(ANY_NOTIFY, left(deadline))
        seen.append((mt.group(1), int(mt.group(2), 16)))
    assert sorted(seen) == [(slot_path(s), 1) for s in slots], seen
    m.resync()
    # Nothing more: each slot was told once.
    assert sorted(notifies(m.output[start:])) == sorted(seen), \
        qemu.printable(m.output[start:])


@pytest.mark.parametrize("firmware", FIRMWARES)
def test_plug_then_unplug_before_the_scan(boot, firmware):
    # The VM is paused while QEMU latches both the insert and the remove
    # request of slot 0 (flags 0x7, one GPE): one _E03 run only reports
    # the insert, so the kernel must scan again to see the remove.
    m = traced_machine(boot, firmware)
    start = m.pos = len(m.output)
    m.qmp.execute("stop")
    try:
        dimm_id = m.qmp.add_dimm(128 * MiB)
        m.qmp.del_dimm(dimm_id)
    finally:
        m.qmp.execute("cont")
    deadline = deadline_in(NOTIFY_TIMEOUT)
    m.expect(notify_line(0, 1), left(deadline))
    m.expect(notify_line(0, 3), left(deadline))
    m.resync()
    assert notifies(m.output[start:]) == [(slot_path(0), 1), (slot_path(0), 3)], \
        qemu.printable(m.output[start:])


# The other two pairs of machine and firmware.  pc + OVMF is the one where
# the firmware moves the PM1 block (0xb000, not 0x600: spec 4.1) and hands
# over in ACPI mode; q35 + SeaBIOS is the one that hands over in legacy
# mode, so the kernel must write ACPI_ENABLE (0x02) to SMI_CMD itself.
OTHER_PAIRS = [("uefi", "pc", "ACPI: already in ACPI mode"),
               ("bios", "q35", "ACPI: entered ACPI mode (SMI_CMD 0xb2 <- 0x02)")]


@pytest.mark.parametrize("firmware,machine,mode_line", OTHER_PAIRS,
                         ids=["pc-uefi", "q35-bios"])
def test_plug_and_unplug_on_the_other_pairs(boot, firmware, machine, mode_line):
    # Expect the same chain as on the usual pairs: Notify(MP00, 1) for the
    # plug and Notify(MP00, 3) for the unplug, with ACPI mode entered the
    # way this firmware needs.
    m = boot(firmware, machine=machine)
    assert mode_line in m.boot_log, m.boot_log
    trace(m, True)
    dimm, _ = plug_and_expect_chain(m, 128 * MiB)
    m.pos = len(m.output)
    m.qmp.del_dimm(dimm["id"])
    chain = expect_chain(m, dimm["slot"], 3, deadline_in(NOTIFY_TIMEOUT))
    assert notifies(chain) == [(slot_path(dimm["slot"]), 3)], chain
