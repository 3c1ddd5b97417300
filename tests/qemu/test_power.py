# SPDX-License-Identifier: MIT
"""
User story: I end the machine the ACPI way.  `poweroff` enters S5 and QEMU
exits with status 0 (a guest shutdown, not a reset); pressing the power
button from the host (QMP system_powerdown) makes the kernel say so and
power off; `reboot` still brings the kernel back to a prompt, on q35
through the FADT's reset register (port 0xCF9), on pc, whose FADT has
none, through the keyboard controller.

How the reset path is told apart: QEMU logs every CPU reset (-d
cpu_reset), and "Triple fault" before the reset the kernel's last resort
causes (a reset whose CPU state is in the kernel's higher half).  q35
runs without its keyboard controller (-machine i8042=off), so only the
reset register can reset it without that triple fault.

Facts: spec sections 4.1 and 4.2 (PM1, SLP_TYP, PWRBTN).
Course text: docs/07-aml-and-acpi-events.md.
"""

import re

import pytest

import qemu
from conftest import BANNER, BOOT_TIMEOUT, CMD_TIMEOUT, EXIT_TIMEOUT, FIRMWARES, TIMESTAMP

POWEROFF_LINE = r"acpi: power off"
POWER_BUTTON_LINE = r"acpi: power button pressed"


def shutdown_reason(m):
    """The reason of QEMU's SHUTDOWN event ("guest-shutdown" for S5,
    "guest-reset" when -no-reboot turned a reset into an exit)."""
    try:
        return m.qmp.wait_event("SHUTDOWN", timeout=5)["data"]["reason"]
    except (TimeoutError, ConnectionError) as e:
        return f"no SHUTDOWN event ({e})"


@pytest.mark.parametrize("firmware", FIRMWARES)
def test_poweroff_ends_qemu_with_status_0(boot, firmware):
    m = boot(firmware)
    start = len(m.output)
    m.send("poweroff\r")
    m.expect(POWEROFF_LINE, CMD_TIMEOUT)
    assert m.wait_exit(EXIT_TIMEOUT) == 0, qemu.printable(m.since(start))
    assert shutdown_reason(m) == "guest-shutdown"


@pytest.mark.parametrize("firmware", FIRMWARES)
def test_power_button_powers_off(boot, firmware):
    m = boot(firmware)
    start = len(m.output)
    m.qmp.execute("system_powerdown")
    m.expect(POWER_BUTTON_LINE, CMD_TIMEOUT)
    m.expect(POWEROFF_LINE, CMD_TIMEOUT)
    assert m.wait_exit(EXIT_TIMEOUT) == 0, qemu.printable(m.since(start))
    assert shutdown_reason(m) == "guest-shutdown"


def kernel_triple_faults(log):
    """How many "Triple fault" resets QEMU logged (-d cpu_reset) with the
    CPU in the kernel (RIP in the higher half), not in the firmware (SeaBIOS
    itself resets that way after a keyboard-controller reset)."""
    n = 0
    for m in re.finditer(r"Triple fault\nCPU Reset \(CPU 0\)\n(.*?)(?=\nCPU Reset|\Z)", log, re.S):
        rip = re.search(r"RIP=([0-9a-f]{16})", m.group(1))
        if rip and rip.group(1).startswith("ffffffff"):
            n += 1
    return n


@pytest.mark.parametrize("firmware", FIRMWARES)
def test_reboot_without_a_triple_fault(boot, firmware, tmp_path):
    log = tmp_path / "cpu-reset.log"
    extra = ["-d", "cpu_reset", "-D", str(log)]
    if firmware == "uefi":
        extra += ["-machine", "i8042=off"]
    m = boot(firmware, no_reboot=False, extra=extra)
    m.send("reboot\r")
    m.expect(r"Rebooting\.\r\n", CMD_TIMEOUT)
    m.expect(TIMESTAMP + re.escape(BANNER), BOOT_TIMEOUT[firmware])
    m.wait_prompt(BOOT_TIMEOUT[firmware])
    assert m.run("echo after reboot") == "after reboot"
    text = log.read_text(errors="replace")
    assert "CPU Reset" in text, "QEMU logged no CPU reset (-d cpu_reset)"
    faults = kernel_triple_faults(text)
    assert faults == 0, \
        "the kernel reset the machine by a triple fault, not by " + \
        ("the FADT reset register" if firmware == "uefi" else "the keyboard controller")
