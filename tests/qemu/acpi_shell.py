# SPDX-License-Identifier: MIT
"""
tests/qemu/acpi_shell.py - what the ACPI tests share: the kernel's trace
lines as patterns, waiting for the chain a GPE produces, and `aml eval`,
`acpi devices` and _CRS parsed.  Not a test file; the tests
(test_acpi_events.py, test_aml_eval.py, test_power.py) import it.

The formats are the contract's (drivers/acpi/acpi.h, `trace acpi on`;
drivers/acpi/aml/aml.h, aml_trace and aml_value_format()):

    acpi: SCI: GPE0_STS 0x08 EN 0x08
    acpi: GPE 3: \\_GPE._E03
    aml: call \\_GPE._E03 ()                  (two more spaces per depth)
    aml:   call \\_SB_.MHPC.MSCN ()
    aml:       Notify(\\_SB_.MHPC.MP00, 0x1)
    acpi: Notify(\\_SB_.MHPC.MP00, 0x1 device check) -> DRIVER

Each is a printk line, so it carries a timestamp in front.  The bus logs
a Notify it cannot hand to a driver whether tracing is on or not, with
": no driver" (or ": present, bound to DRIVER") after the parenthesis;
the patterns below match the Notify up to the parenthesis.  The lines
come while the shell sits at its prompt; a test waits for them (never
sleeps), then resyncs the shell before typing.

Course text: docs/07-aml-and-acpi-events.md.
"""

import re
import time

# "Within a few seconds" of device_add returning (issue 5), under TCG on a
# busy host: the SCI is taken at once, kacpid runs at the next tick.
NOTIFY_TIMEOUT = 5
NOTIFY_NAMES = {1: "device check", 3: "eject request"}

SCI_LINE = r"acpi: SCI: GPE0_STS (0x[0-9A-Fa-f]+) EN (0x[0-9A-Fa-f]+)(?=[ \r\n])"
GPE3_LINE = r"acpi: GPE 3: \\_GPE\._E03"
MSCN_CALL = r"aml: +call \\_SB_\.MHPC\.MSCN\b"
# Any Notify the bus dispatched: (device path, value, the name after it).
ANY_NOTIFY = r"acpi: Notify\((\\[A-Z0-9_.]+), 0x([0-9A-Fa-f]+) ([a-z ]+)\)"
# Any Notify the interpreter traced as it ran.
ANY_AML_NOTIFY = r"aml: +Notify\((\\[A-Z0-9_.]+), 0x([0-9A-Fa-f]+)\)"


def slot_path(slot):
    """The namespace path of DIMM slot SLOT's device: \\_SB_.MHPC.MP02."""
    return f"\\_SB_.MHPC.MP{slot:02X}"


def notify_line(slot, value):
    """The bus's dispatch line for Notify(MPxx, VALUE), as a pattern."""
    return (r"acpi: Notify\(" + re.escape(slot_path(slot))
            + rf", 0x{value:X} {NOTIFY_NAMES[value]}\)")


def aml_notify_line(slot, value):
    """The interpreter's trace line for Notify(MPxx, VALUE)."""
    return r"aml: +Notify\(" + re.escape(slot_path(slot)) + rf", 0x{value:X}\)"


def trace(m, on):
    """`trace acpi on|off`; it must say the new state ("trace acpi: on ...")."""
    __tracebackhide__ = True
    word = "on" if on else "off"
    out = m.run(f"trace acpi {word}")
    assert out.startswith(f"trace acpi: {word}"), f"`trace acpi {word}` answered {out!r}"
    return out


def expect_chain(m, slot, value, deadline):
    """Wait, in order, for SCI -> GPE 3 -> the call of \\_SB_.MHPC.MSCN ->
    the interpreter's Notify(MPxx, VALUE) -> the bus's dispatch of it, each
    by DEADLINE (time.monotonic()).  Returns the text of the chain (from
    the SCI line to the dispatch line).  The SCI line must show GPE 3
    (bit 3) pending and enabled."""
    __tracebackhide__ = True
    sci = m.expect(SCI_LINE, left(deadline))
    sts, en = int(sci.group(1), 16), int(sci.group(2), 16)
    assert sts & 0x08 and en & 0x08, \
        f"SCI line without GPE 3 pending and enabled: {sci.group(0)!r}"
    for pattern in (GPE3_LINE, MSCN_CALL, aml_notify_line(slot, value)):
        m.expect(pattern, left(deadline))
    end = m.expect(notify_line(slot, value), left(deadline))
    return m.output[sci.start():end.end()]


def notifies(text):
    """Every Notify the bus dispatched in TEXT, as [(path, value)]."""
    return [(p, int(v, 16)) for p, v, _ in re.findall(ANY_NOTIFY, text)]


# ------------------------------------------------------------ aml eval

# aml_value_format() of an Integer: "0x2A" (upper-case, no padding).
INTEGER = r"0x[0-9A-F]+"


def aml_eval(m, path, *args, timeout=10.0):
    """`aml eval PATH ARGS...` typed as it is; returns its output: the
    value as aml_value_format() prints it, then, for a resource template,
    one indented line per descriptor (drivers/acpi/cmd_aml.c)."""
    return m.run(" ".join(("aml eval", path) + args), timeout=timeout)


def eval_value(m, path, *args):
    """The value line of `aml eval PATH ARGS...`: "0xF", "Buffer(48) {...}"."""
    __tracebackhide__ = True
    out = aml_eval(m, path, *args)
    assert out, f"`aml eval {path}` printed nothing"
    return out.split("\n")[0]


def eval_integer(m, path, *args):
    __tracebackhide__ = True
    text = eval_value(m, path, *args)
    assert re.fullmatch(INTEGER, text), f"`aml eval {path}`: not an Integer: {text!r}"
    return int(text, 16)


# QWordMemory as aml_resource_format() prints it (aml.h).
QWORD_MEMORY = r"QWordMemory 0x([0-9a-fA-F]+)-0x([0-9a-fA-F]+) \(len 0x([0-9a-fA-F]+)\)"
BUFFER = r"Buffer\((\d+)\) \{((?:[0-9A-F]{2}(?: |(?=\})))*)\}"


def qword_ranges_of_buffer(data):
    """The QWord Address Space descriptors (ACPI 6.x, 6.4.3.5.1: tag 0x8A,
    memory type 0) of a resource template, as [(min, max, len)]."""
    out, i = [], 0
    while i < len(data):
        tag = data[i]
        if tag & 0x80:                              # large: tag, u16 length
            length = int.from_bytes(data[i + 1:i + 3], "little")
            body = data[i + 3:i + 3 + length]
            if tag == 0x8A and body[0] == 0:
                q = [int.from_bytes(body[3 + 8 * k:11 + 8 * k], "little") for k in range(5)]
                out.append((q[1], q[2], q[4]))      # granularity, min, max, translation, len
            i += 3 + length
        else:                                       # small: length in bits 0-2
            if tag >> 3 == 0x0F:                    # End Tag
                break
            i += 1 + (tag & 7)
    return out


def crs_memory_ranges(text):
    """The memory ranges `aml eval ..._CRS` shows, as [(min, max, len)]:
    from its decoded QWordMemory lines and from the Buffer it printed; when
    it printed both, they must agree."""
    __tracebackhide__ = True
    decoded = [tuple(int(g, 16) for g in mt) for mt in re.findall(QWORD_MEMORY, text)]
    buf = re.search(BUFFER, text)
    from_buffer = None
    if buf:
        data = bytes(int(b, 16) for b in buf.group(2).split())
        assert len(data) == int(buf.group(1)), f"Buffer size and bytes disagree: {buf.group(0)!r}"
        from_buffer = qword_ranges_of_buffer(data)
    assert decoded or from_buffer, f"no memory range in the _CRS output:\n{text}"
    if decoded and from_buffer is not None:
        assert decoded == from_buffer, f"decoded lines and Buffer disagree:\n{text}"
    return decoded or from_buffer


# ------------------------------------------------------------ acpi devices

# `acpi devices`: a line per device, indented two spaces per level below
# \_SB_, then a summary line:
#   "  \_SB_.PCI0 PNP0A08 cid=PNP0A03 uid=0 sta=0x0f"
#   "    \_SB_.MHPC.MP00 PNP0C80 uid=0x00 sta=0x00 [driver]"
#   "42 devices, 30 present, 0 bound to drivers"
DEVICE_LINE = (r"( *)(\\[A-Z0-9_]{4}(?:\.[A-Z0-9_]{4})*) (\S+)(?: cid=(\S+))?"
               r'(?: uid=("[^"]*"|\S+))? sta=0x([0-9a-fA-F]+)(?: \[(.+)\])?')
DEVICES_SUMMARY = r"(\d+) devices, (\d+) present, (\d+) bound to drivers"


def acpi_devices(m):
    """`acpi devices` as ({path: {"hid", "cids", "uid", "sta", "driver",
    "depth"}}, the text); every line must be a device line or the summary,
    and the summary must count the devices listed."""
    __tracebackhide__ = True
    text = m.run("acpi devices")
    lines = text.split("\n")
    devices = {}
    for line in lines[:-1]:
        d = re.fullmatch(DEVICE_LINE, line)
        assert d, f"`acpi devices` line not understood: {line!r}\n{text}"
        devices[d.group(2)] = {"depth": len(d.group(1)) // 2, "hid": d.group(3),
                               "cids": d.group(4).split(",") if d.group(4) else [],
                               "uid": d.group(5), "sta": int(d.group(6), 16),
                               "driver": d.group(7)}
    summary = re.fullmatch(DEVICES_SUMMARY, lines[-1])
    assert summary, f"no summary line at the end of `acpi devices`:\n{text}"
    assert int(summary.group(1)) == len(devices), f"summary counts other devices:\n{text}"
    assert int(summary.group(2)) == sum(1 for d in devices.values() if d["sta"] & 1), text
    return devices, text


def deadline_in(seconds):
    return time.monotonic() + seconds


def left(deadline):
    """Seconds until DEADLINE, for expect(): at least 0.1 (a last look)."""
    return round(max(0.1, deadline - time.monotonic()), 2)
