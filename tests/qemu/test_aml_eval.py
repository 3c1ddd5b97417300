# SPDX-License-Identifier: MIT
"""
User story: I ask the firmware's AML questions from the shell.  `aml eval
\\_SB_.MHPC.MP00._STA` says 0xF when a DIMM is in slot 0 and 0x0 when the
slot is empty; `aml eval ..._CRS` shows the DIMM's range, the same one
QEMU reports (query-memory-devices addr/size); a DIMM plugged on the QEMU
command line is present at boot.  A wrong path, argument or argument
count gives one clear line and the shell keeps working.  `acpi devices`
lists what the kernel found on the ACPI bus: the memory devices MP00..
(PNP0C80) with their status, their container MHPC (PNP0A06) and the PCI
host bridge PCI0 (PNP0A03 on pc, PNP0A08 on q35).

Facts: spec sections 3.1 and 3.2 (the AML), 7.1 and 9.1 (cold plug).

Course text: docs/07-aml-and-acpi-events.md.
"""

import pytest

import qemu
from conftest import FIRMWARES
from acpi_shell import (acpi_devices, aml_eval, crs_memory_ranges, eval_integer,
                        eval_value, slot_path)

MiB = 1 << 20
GiB = 1 << 30
# 128 MiB in the first free slot (0), 1 GiB in slot 2 on node 1.
COLD_DIMMS = ["-object", "memory-backend-ram,id=cold0,size=128M",
              "-device", "pc-dimm,id=dimm0,memdev=cold0",
              "-object", "memory-backend-ram,id=cold2,size=1G",
              "-device", "pc-dimm,id=dimm2,memdev=cold2,slot=2,node=1"]
PCI_HID = {"bios": "PNP0A03", "uefi": "PNP0A08"}


def one_line_error(out, *words):
    """OUT is one `aml: ...` line that names WORDS (STYLE: one line,
    subsystem: object: what)."""
    __tracebackhide__ = True
    assert out and "\n" not in out, f"expected one line, got {out!r}"
    assert out.startswith("aml: "), f"not an `aml` message: {out!r}"
    for w in words:
        assert w in out, f"{w!r} not named in {out!r}"


def shell_still_works(m):
    __tracebackhide__ = True
    assert m.run("echo still here") == "still here"
    assert eval_value(m, "\\_SB_.MHPC.MDNR") == f"0x{qemu.SLOTS:X}"


@pytest.mark.parametrize("shell", FIRMWARES, indirect=True)
def test_sta_of_empty_slots_is_0(shell):
    plugged = {d["slot"] for d in shell.qmp.memory_devices()}
    empty = [s for s in range(qemu.SLOTS) if s not in plugged]
    assert empty, "no empty slot on the shared machine"
    for slot in (empty[0], empty[-1]):
        assert eval_value(shell, f"{slot_path(slot)}._STA") == "0x0"
    # The container itself: present, enabled, functioning (0xB), 8 slots.
    assert eval_integer(shell, "\\_SB_.MHPC._STA") == 0xB
    assert eval_integer(shell, "\\_SB_.MHPC.MDNR") == qemu.SLOTS


@pytest.mark.parametrize("firmware", FIRMWARES)
def test_cold_plugged_dimms_present_at_boot(boot, firmware):
    m = boot(firmware, extra=COLD_DIMMS)
    dimms = {d["slot"]: d for d in m.qmp.memory_devices()}
    assert sorted(dimms) == [0, 2] and not dimms[0]["hotplugged"], dimms
    assert eval_value(m, f"{slot_path(0)}._STA") == "0xF"
    assert eval_value(m, f"{slot_path(1)}._STA") == "0x0"
    assert eval_value(m, f"{slot_path(2)}._STA") == "0xF"
    for slot, size in ((0, 128 * MiB), (2, GiB)):
        d = dimms[slot]
        assert d["size"] == size
        ranges = crs_memory_ranges(aml_eval(m, f"{slot_path(slot)}._CRS"))
        assert ranges == [(d["addr"], d["addr"] + size - 1, size)], (slot, ranges, d)
    # _PXM is the node QEMU was told (the SRAT's PXM numbers are node ids).
    assert eval_integer(m, f"{slot_path(2)}._PXM") == 1
    assert eval_integer(m, f"{slot_path(0)}._PXM") == dimms[0]["node"]
    # The bus saw the same at its boot scan.
    devices, text = acpi_devices(m)
    for slot, sta in ((0, 0xF), (1, 0x0), (2, 0xF)):
        assert devices[slot_path(slot)]["sta"] == sta, f"{slot_path(slot)}:\n{text}"


@pytest.mark.parametrize("shell", FIRMWARES, indirect=True)
def test_acpi_devices_lists_memory_devices_and_bridges(shell):
    devices, text = acpi_devices(shell)
    plugged = {d["slot"] for d in shell.qmp.memory_devices()}
    for slot in range(qemu.SLOTS):
        dev = devices.get(slot_path(slot))
        assert dev and dev["hid"] == "PNP0C80", f"{slot_path(slot)} missing or not PNP0C80:\n{text}"
        assert dev["uid"] == f"0x{slot:02X}", text
        assert dev["sta"] == (0xF if slot in plugged else 0x0), f"{slot_path(slot)}:\n{text}"
        assert dev["depth"] == devices["\\_SB_.MHPC"]["depth"] + 1, text
    assert slot_path(qemu.SLOTS) not in devices, text
    assert devices["\\_SB_.MHPC"]["hid"] == "PNP0A06", text
    assert devices["\\_SB_.MHPC"]["sta"] == 0xB, text
    pci = devices.get("\\_SB_.PCI0")
    assert pci and pci["hid"] == PCI_HID[shell.firmware], text
    if shell.firmware == "uefi":        # q35's PCI0 is also compatible with PNP0A03
        assert pci["cids"] == ["PNP0A03"], text
    assert devices["\\_SB_.PCI0.MHPD"]["hid"] == "PNP0A06", text


@pytest.mark.parametrize("shell", FIRMWARES, indirect=True)
def test_aml_eval_no_such_object(shell):
    one_line_error(aml_eval(shell, "\\_SB_.MHPC.NOPE"), "NOPE", "no such object")
    one_line_error(aml_eval(shell, "\\_SB_.MHPC.MP77._STA"), "MP77", "no such object")
    shell_still_works(shell)


@pytest.mark.parametrize("shell", FIRMWARES, indirect=True)
def test_aml_eval_bad_argument_text(shell):
    # MRST(slot) takes one Integer.  Words that read as numbers are
    # Integers, others Strings; a word that starts like a number and is
    # none (0xZZ, 18 hex digits) is a typing mistake, not a String.
    one_line_error(aml_eval(shell, "\\_SB_.MHPC.MRST", "0xZZ"), "0xZZ")
    one_line_error(aml_eval(shell, "\\_SB_.MHPC.MRST", "0x1FFFFFFFFFFFFFFFF"),
                   "0x1FFFFFFFFFFFFFFFF")
    shell_still_works(shell)


@pytest.mark.parametrize("shell", FIRMWARES, indirect=True)
def test_aml_eval_wrong_argument_count(shell):
    # MRST takes 1 argument, _STA none, MDNR is no method at all.
    one_line_error(aml_eval(shell, "\\_SB_.MHPC.MRST"), "MRST", "1", "0", "argument")
    one_line_error(aml_eval(shell, "\\_SB_.MHPC.MRST", "0", "1"), "MRST", "1", "2", "argument")
    one_line_error(aml_eval(shell, "\\_SB_.MHPC.MP00._STA", "1"), "_STA", "argument")
    one_line_error(aml_eval(shell, "\\_SB_.MHPC.MDNR", "1"), "MDNR", "argument")
    shell_still_works(shell)
    # The method itself works with the right count: slot 7 is empty.
    assert eval_value(shell, "\\_SB_.MHPC.MRST", "7") == "0x0"
