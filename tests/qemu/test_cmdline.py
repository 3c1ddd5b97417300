# SPDX-License-Identifier: MIT
"""
User story: options I give with `make iso CMDLINE='...'` reach the kernel;
`cmdline` shows the line and how each word was taken, and an option the
kernel does not know is reported at boot and ignored.

Course text: docs/01-boot.md (the command line).
"""

import re
import time

import pytest

from conftest import BANNER, CMD_TIMEOUT, TIMESTAMP, Hotmem, kernel_log

CMDLINE = 'debug_exit loglevel=7 hotmem.test="two words" bogus_flag'


@pytest.fixture(scope="module")
def cmdline_machine(make_iso):
    m = Hotmem("bios", make_iso("cmdline", CMDLINE), name="cmdline-bios")
    m.shared = True
    try:
        m.boot()
        yield m
    finally:
        m.kill()


def test_cmdline_shows_the_line_and_each_option(cmdline_machine):
    # Expect the raw line first, then one line per word:
    # "  NAME=VALUE  known", "  NAME  unknown (ignored)" (or "refused:
    # REASON (ignored)" for a value the option rejects), then "options:"
    # and one line per option the kernel knows (docs/01-boot.md).
    lines = cmdline_machine.run("cmdline").split("\n")
    raw = lines[0]
    for word in ("debug_exit", "loglevel=7", "two words", "bogus_flag"):
        assert word in raw, f"{word!r} missing from the raw command line {raw!r}"
    assert "options:" in lines, "no 'options:' section"
    end = lines.index("options:")
    words = {}
    for l in lines[1:end]:
        m = re.fullmatch(r"  (\S.*?) {2,}(known|unknown \(ignored\)|refused: .+ \(ignored\))", l)
        assert m, f"cmdline line not in the form '  WORD  known|unknown (ignored)': {l!r}"
        words[m.group(1)] = m.group(2)
    assert list(words) == ["debug_exit", "loglevel=7", "hotmem.test=two words", "bogus_flag"], words
    assert words["debug_exit"] == "known"
    assert words["loglevel=7"] == "known"
    assert words["bogus_flag"] == "unknown (ignored)"
    options = [l.split()[0] for l in lines[end + 1:]]
    assert {"debug_exit", "loglevel"} <= set(options), f"options: lists {options}"


def test_unknown_option_is_warned_about_at_boot(cmdline_machine):
    log = kernel_log(cmdline_machine.boot_log).split("\n")
    assert any(re.fullmatch(TIMESTAMP + r"cmdline: unknown option 'bogus_flag' ignored", l)
               for l in log), "no boot warning about bogus_flag:\n" + "\n".join(log)


def test_without_debug_exit_halt_leaves_qemu_running(make_iso, boot):
    # With an empty command line `halt` stops the CPU but not QEMU.
    m = boot("bios", iso=make_iso("nodebug", ""))
    assert BANNER in m.boot_log
    m.send("halt\r")
    m.expect(r"System halted\.\r\n", CMD_TIMEOUT)
    time.sleep(2)
    assert m.alive(), f"QEMU exited with status {m.proc.returncode} without debug_exit"
