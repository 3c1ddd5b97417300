# SPDX-License-Identifier: MIT
"""
User story: when the kernel breaks, I get a report I can read (vector,
faulting address, registers, a stack trace that names functions), and
QEMU tells the test harness how the machine ended; `halt` and `reboot`
end or restart it on purpose.

Each test here ends its machine, so each boots its own.
Course text: docs/01-boot.md (exceptions, the report).
"""

import os
import re
import subprocess

import pytest

import qemu
from conftest import BANNER, BOOT_TIMEOUT, CMD_TIMEOUT, EXIT_TIMEOUT, FIRMWARES, TIMESTAMP

REGISTERS = ("RIP", "RSP", "RFLAGS", "RAX", "RBX", "RCX", "RDX", "RSI", "RDI", "RBP",
             "R8", "R9", "R10", "R11", "R12", "R13", "R14", "R15")


def crash_report(m, command):
    """Type COMMAND, wait for `Kernel halted.`; return the report's lines
    (from the EXCEPTION line to `Kernel halted.`)."""
    start = len(m.output)
    m.send(command + "\r")
    end = m.expect(r"Kernel halted\.\r\n|did not fault", CMD_TIMEOUT)
    text = m.since(start).replace("\r\n", "\n")
    faulted = end.group() != "did not fault"
    assert faulted, f"`{command}`: no exception:\n{qemu.printable(text)}"
    i = text.find("EXCEPTION: ")
    assert i >= 0, f"no EXCEPTION line in:\n{qemu.printable(text)}"
    return text[i:].rstrip("\n").split("\n")


def kernel_symbols(iso):
    """(address, name) of the text symbols of the kernel inside ISO, from
    the ELF the Makefile staged for it, sorted by address."""
    elf = os.path.join(iso + ".d", "boot", "hotmem.elf")
    assert os.path.exists(elf), f"{elf}: the staged kernel of the test ISO is missing"
    out = subprocess.run(["nm", "-n", elf], check=True, capture_output=True, text=True).stdout
    syms = []
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1] in "tTwW":
            syms.append((int(parts[0], 16), parts[2]))
    return syms


def symbol_of(syms, addr):
    """The name of the text symbol ADDR lies in, or None."""
    best = None
    for a, name in syms:
        if a > addr:
            break
        best = name
    return best if syms and addr < syms[-1][0] + 0x10000 else None


def check_report(lines, vector, name):
    """The parts every exception report has, in order."""
    assert lines[0].startswith(f"EXCEPTION: vector {vector} ({name}"), lines[0]
    text = "\n".join(lines)
    for reg in REGISTERS:
        assert re.search(rf"\b{reg}: +0x[0-9a-f]{{16}}\b", text), f"no {reg} in the report:\n{text}"
    assert any(l.startswith("RIP:") for l in lines), text
    assert "Stack trace:" in lines, text
    trace = lines[lines.index("Stack trace:") + 1:-1]
    assert trace and all(re.fullmatch(r"\s+0x[0-9a-f]{16}.*", l) for l in trace), \
        f"Stack trace: is not followed by return addresses:\n{text}"
    assert lines[-1] == "Kernel halted.", text
    return [int(re.search(r"0x([0-9a-f]{16})", l).group(1), 16) for l in trace]


@pytest.mark.parametrize("firmware", FIRMWARES)
def test_crash_reports_page_fault_and_exits_35(boot, default_iso, firmware):
    # `crash` writes to 0xdead0000, which nothing maps.  Expect the #PF
    # report with CR2, RIP inside cmd_crash, a trace back to the shell,
    # and QEMU's status 35 (debug_exit, value 0x11).
    m = boot(firmware)
    lines = crash_report(m, "crash")
    trace = check_report(lines, 14, "#PF Page Fault")
    assert lines[0].startswith("EXCEPTION: vector 14 (#PF Page Fault)"), lines[0]
    assert any("CR2: 0x00000000dead0000" in l for l in lines), "\n".join(lines)
    assert m.wait_exit(EXIT_TIMEOUT) == qemu.EXIT_PANIC

    syms = kernel_symbols(default_iso)
    rip = int(re.search(r"RIP: +0x([0-9a-f]{16})", "\n".join(lines)).group(1), 16)
    assert symbol_of(syms, rip) == "cmd_crash", f"RIP {rip:#x} is in {symbol_of(syms, rip)}"
    names = [symbol_of(syms, a) for a in trace]
    assert None not in names, f"stack trace addresses outside the kernel: {[hex(a) for a in trace]} -> {names}"
    assert {"shell_execute", "shell_run"} & set(names), f"the trace does not lead back to the shell: {names}"


@pytest.mark.parametrize("kind, vector, name", [
    ("gp", 13, "#GP"),
    ("ud", 6, "#UD"),
    ("de", 0, "#DE"),
])
def test_crash_kinds_report_their_vector(boot, kind, vector, name):
    m = boot("bios")
    check_report(crash_report(m, f"crash {kind}"), vector, name)
    assert m.wait_exit(EXIT_TIMEOUT) == qemu.EXIT_PANIC


def test_halt_exits_33(boot):
    m = boot("bios")
    start = len(m.output)
    m.send("halt\r")
    m.expect(r"System halted\.\r\n", CMD_TIMEOUT)
    assert m.wait_exit(EXIT_TIMEOUT) == qemu.EXIT_HALT, qemu.printable(m.since(start))


@pytest.mark.parametrize("firmware", FIRMWARES)
def test_reboot_boots_again(boot, firmware):
    # Expect "Rebooting.", then the firmware, GRUB, the banner and the
    # prompt a second time, and a working shell.
    m = boot(firmware, no_reboot=False)
    m.send("reboot\r")
    m.expect(r"Rebooting\.\r\n", CMD_TIMEOUT)
    m.expect(TIMESTAMP + re.escape(BANNER), BOOT_TIMEOUT[firmware])
    m.wait_prompt(BOOT_TIMEOUT[firmware])
    assert m.output.count(BANNER) == 2
    assert m.run("echo after reboot") == "after reboot"
