# SPDX-License-Identifier: MIT
"""
User story: I run hotmem under SeaBIOS or OVMF and get a shell; the boot
log reads like Linux's, and QEMU is the machine tools/qemu.py describes.

Course text: docs/01-boot.md.
"""

import re

import pytest

from conftest import BANNER, FIRMWARES, TIMESTAMP, kernel_log


@pytest.mark.parametrize("shell", FIRMWARES, indirect=True)
def test_prompt_reached(shell):
    # Expect the kernel's banner, then the prompt, under both firmwares.
    log = kernel_log(shell.boot_log)
    assert log, f"no timestamped kernel line before the prompt:\n{shell.describe()}"
    first = log.split("\n", 1)[0]
    assert BANNER in first, f"the first kernel line does not name {BANNER!r}: {first!r}"


@pytest.mark.parametrize("shell", FIRMWARES, indirect=True)
def test_boot_log_lines_are_timestamped(shell):
    # Expect every boot log line to be "[    S.UUUUUU] message" (blank lines
    # allowed, messages may be indented), with timestamps that never go
    # backwards.
    lines = [l for l in kernel_log(shell.boot_log).split("\n") if l.strip()]
    assert lines, "no boot log"
    bad = [l for l in lines if not re.match(TIMESTAMP + r".*\S", l)]
    assert not bad, "boot log lines without a timestamp:\n" + "\n".join(map(repr, bad))
    stamps = [float(re.match(r"\[\s*([0-9.]+)\]", l).group(1)) for l in lines]
    assert stamps == sorted(stamps), f"timestamps go backwards: {stamps}"


def test_qemu_machine_matches_tools_qemu(shell):
    # Expect the QEMU side of the machine as tools/qemu.py documents it:
    # 1 GiB of boot RAM as two 512 MiB NUMA nodes, the CPU on node 0, no DIMM.
    qmp = shell.qmp
    assert qmp.execute("query-status")["status"] == "running"
    summary = qmp.execute("query-memory-size-summary")
    assert summary["base-memory"] == 1 << 30
    assert summary.get("plugged-memory", 0) == 0
    numa = qmp.hmp("info numa")
    assert numa.startswith("2 nodes"), numa
    assert "node 0 cpus: 0" in numa, numa
    assert "node 0 size: 512 MB" in numa and "node 1 size: 512 MB" in numa, numa
    memdevs = {d["id"]: d["size"] for d in qmp.execute("query-memdev")}
    assert memdevs == {"ram0": 512 << 20, "ram1": 512 << 20}, memdevs
    assert qmp.execute("query-memory-devices") == []
