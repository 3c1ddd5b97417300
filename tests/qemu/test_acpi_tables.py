# SPDX-License-Identifier: MIT
"""
User story: I type `acpi` and see the firmware's tables as Linux lists
them at boot (the root table, FACP, APIC, DSDT, FACS, SRAT), each with a
good checksum; `acpi dump APIC` gives me acpidump's hex format, which I
can take to the host and decode (acpixtract, iasl -d); and
/sys/firmware/acpi/tables/APIC shows the same bytes.  SeaBIOS gives an
ACPI 1.0 RSDP (RSDT), OVMF a 2.0 one (XSDT).

Course text: docs/06-acpi-tables-srat-numa.md.
"""

import re

import pytest

from conftest import FIRMWARES, kernel_log

# `acpi`: "APIC 0x000000003FFE1A00      120 v01 BOCHS  ok"
ROW = re.compile(r"^(\S{4}) 0x([0-9A-F]{16}) +(\d+) v(\d\d) (.{6}) (.+)$")
# acpidump: "APIC @ 0x000000003FFE1A00", then "    0000: 41 50 ...  APIC...."
DUMP_HEAD = re.compile(r"^(\S{4}) @ 0x([0-9A-F]{16})$")
DUMP_LINE = re.compile(r"^    ([0-9A-F]{4}):((?: [0-9A-F]{2}){1,16})( *)  (.*)$")
ASCII_COLUMN = 59               # "    0000:" + 16 x " XX" + two spaces
ROOT = {"bios": "RSDT", "uefi": "XSDT"}
MUST_HAVE = ("FACP", "APIC", "DSDT", "FACS", "SRAT")


def acpi_list(shell):
    """`acpi` as {signature: (address, length, state)} plus the header line."""
    text = shell.run("acpi")
    lines = text.split("\n")
    assert lines[0].startswith("RSDP "), f"no RSDP line:\n{text}"
    assert lines[1].startswith("Sig  Address"), f"no column header:\n{text}"
    tables = {}
    for line in lines[2:]:
        m = ROW.match(line)
        assert m, f"`acpi` row not understood: {line!r}\n{text}"
        tables.setdefault(m.group(1), (int(m.group(2), 16), int(m.group(3)), m.group(6)))
    return lines[0], tables


def parse_dump(text):
    """acpidump text of one table -> (signature, address, bytes); every
    line's ASCII column is checked against its bytes."""
    lines = [l for l in text.split("\n") if l != ""]
    head = DUMP_HEAD.match(lines[0])
    assert head, f"no 'SIG @ 0x...' line:\n{text[:500]}"
    data = bytearray()
    for line in lines[1:]:
        m = DUMP_LINE.match(line)
        assert m, f"dump line not in acpidump's format: {line!r}"
        assert int(m.group(1), 16) == len(data), f"offset out of step: {line!r}"
        chunk = bytes(int(b, 16) for b in m.group(2).split())
        ascii_col = "".join(chr(b) if 0x20 <= b < 0x7F else "." for b in chunk)
        assert line[ASCII_COLUMN:] == ascii_col, f"ASCII column wrong: {line!r}"
        data += chunk
    return head.group(1), int(head.group(2), 16), bytes(data)


@pytest.mark.parametrize("shell", FIRMWARES, indirect=True)
def test_acpi_lists_the_tables_with_good_checksums(shell):
    header, tables = acpi_list(shell)
    root = ROOT[shell.firmware]
    assert f"; {root} 0x" in header, header
    assert root in tables, tables
    for sig in (root,) + MUST_HAVE:
        assert sig in tables, f"{sig} missing from `acpi`: {tables}"
        assert tables[sig][2] == "ok", f"{sig}: {tables[sig]}"
    assert tables["FACS"][1] == 64
    # The boot log names the same tables, Linux style, and no firmware bug.
    log = kernel_log(shell.boot_log)
    for sig in (root,) + MUST_HAVE:
        addr, length, _ = tables[sig]
        assert f"ACPI: {sig} 0x{addr:016X} {length:06X}" in log, f"{sig} not in the boot log"
    assert "firmware bug" not in log


@pytest.mark.parametrize("shell", FIRMWARES, indirect=True)
def test_acpi_dump_decodes_and_matches_the_sysfs_file(shell):
    _, tables = acpi_list(shell)
    dump = shell.run("acpi dump APIC")
    sig, addr, data = parse_dump(dump)
    assert sig == "APIC"
    assert addr == tables["APIC"][0]
    assert len(data) == tables["APIC"][1]
    assert data[:4] == b"APIC"
    assert int.from_bytes(data[4:8], "little") == len(data)
    assert sum(data) % 256 == 0, "APIC checksum does not add up to 0"
    assert shell.run("cat /sys/firmware/acpi/tables/APIC") == dump


@pytest.mark.parametrize("shell", FIRMWARES, indirect=True)
def test_every_sysfs_table_checksums(shell):
    _, tables = acpi_list(shell)
    names = shell.run("ls /sys/firmware/acpi/tables").split()
    assert set(tables) <= set(names), names
    for name in names:
        sig, addr, data = parse_dump(shell.run(f"cat /sys/firmware/acpi/tables/{name}",
                                               timeout=30))
        assert data[:4].decode() == sig == name[:4]
        assert int.from_bytes(data[4:8], "little") == len(data)
        if sig != "FACS":       # the FACS has no checksum
            assert sum(data) % 256 == 0, f"{name}: checksum does not add up to 0"


def test_acpi_dump_of_an_unknown_table_is_one_line(shell):
    out = shell.run("acpi dump NOPE")
    assert out == ("acpi: NOPE: no such table (see `acpi`; names as in "
                   "/sys/firmware/acpi/tables/)")
    assert shell.run("acpi frobnicate") == "acpi: frobnicate: unknown subcommand (dump, fadt, madt, devices)"


def test_acpi_madt_and_fadt_show_qemus_values(shell):
    madt = shell.run("acpi madt")
    assert "IOAPIC id 0 at 0xfec00000, GSI base 0" in madt
    assert "override: bus 0 IRQ 9 -> GSI 9, flags 0x000d (polarity 1, trigger 3)" in madt
    fadt = shell.run("acpi fadt")
    assert "SCI: ISA IRQ 9" in fadt
    assert "PM1a_EVT 0x600" in fadt     # pc + SeaBIOS (spec section 4.1)
