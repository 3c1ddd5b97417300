# SPDX-License-Identifier: MIT
"""
User story: at the `hotmem> ` prompt I can list the commands, run them,
quote arguments, and a mistake gets a one-line message, not a dead shell.

Course text: docs/01-boot.md (the shell).
"""

import re
import time

import pytest

from conftest import BANNER, FIRMWARES, kernel_log

COMMANDS = ("help", "version", "uptime", "cmdline", "echo", "reboot", "halt", "crash")
UPTIME = r"up ([0-9]+)\.([0-9]{6}) s"


def parse_help(text):
    """help's lines as {name: (name and usage, column of the description)}."""
    names = {}
    for l in text.split("\n"):
        assert l.startswith("  ") and not l.startswith("   "), f"help line not indented by two spaces: {l!r}"
        m = re.match(r"  (\S+)(.*?) {2,}(\S.*)$", l)
        assert m, f"help line without a description: {l!r}"
        names[m.group(1)] = (m.group(1) + m.group(2), m.start(3))
    return names


@pytest.mark.parametrize("shell", FIRMWARES, indirect=True)
def test_help_lists_every_command_with_a_description(shell):
    # Expect one line per command: two spaces, name and usage padded to
    # one column, then the description.
    text = shell.run("help")
    lines = text.split("\n")
    names = parse_help(text)
    missing = [c for c in COMMANDS if c not in names]
    assert not missing, f"help does not list {missing}:\n" + "\n".join(lines)
    columns = {col for _, col in names.values()}
    assert len(columns) == 1, f"descriptions do not start in one column: {sorted(columns)}"


def test_unknown_command_reports_and_shell_keeps_working(shell):
    assert shell.run("frobnicate") == "shell: frobnicate: unknown command (try 'help')"
    assert shell.run("echo still alive") == "still alive"


def test_wrong_argument_count_prints_usage(shell):
    # Expect "usage: NAME USAGE", as help shows it: uptime takes no
    # argument, crash at most one.
    usage = parse_help(shell.run("help"))
    assert shell.run("uptime now") == "usage: " + usage["uptime"][0]
    assert shell.run("crash pf pf") == "usage: " + usage["crash"][0]
    assert shell.run("echo still alive") == "still alive"


def test_echo_joins_words_and_quoted_groups(shell):
    assert shell.run('echo a "b c"') == "a b c"
    assert shell.run("echo 'x  y'   z") == "x  y z"
    assert shell.run("echo") == ""


def test_unterminated_quote_is_an_error_not_a_crash(shell):
    out = shell.run('echo "open')
    assert out.startswith("shell: "), out
    assert shell.run("echo still alive") == "still alive"


def test_crash_with_unknown_kind_refuses_and_keeps_running(shell):
    out = shell.run("crash sideways")
    assert "sideways" in out and "EXCEPTION" not in out, out
    assert shell.alive()
    assert shell.run("echo still alive") == "still alive"


def test_version_names_hotmem(shell):
    assert shell.run("version").startswith(BANNER)


def test_uptime_advances_with_the_wall_clock(shell):
    # Expect "up S.UUUUUU s", growing between two calls about as fast as
    # the wall clock (a loose bound: it catches a badly calibrated clock,
    # it is not a benchmark).
    t0 = time.monotonic()
    first = shell.run("uptime")
    time.sleep(1.0)
    second = shell.run("uptime")
    wall = time.monotonic() - t0
    m1, m2 = re.fullmatch(UPTIME, first), re.fullmatch(UPTIME, second)
    assert m1 and m2, (first, second)
    up1 = int(m1.group(1)) + int(m1.group(2)) / 1e6
    up2 = int(m2.group(1)) + int(m2.group(2)) / 1e6
    assert up2 > up1, (first, second)
    assert 0.5 <= up2 - up1 <= wall + 1.0, f"uptime advanced {up2 - up1:.3f} s in {wall:.3f} s of wall time"


def test_dmesg_replays_the_boot_log(shell):
    # Expect the kernel log buffer to hold the boot messages, banner first.
    boot = [l for l in kernel_log(shell.boot_log).split("\n") if l.strip()]
    out = shell.run("dmesg").split("\n")
    assert boot[0] in out, f"dmesg lacks the banner line {boot[0]!r}"
    missing = [l for l in boot if l not in out]
    assert not missing, "boot lines missing from dmesg:\n" + "\n".join(missing)
