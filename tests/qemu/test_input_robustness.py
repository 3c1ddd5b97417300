# SPDX-License-Identifier: MIT
"""
User story: I type at the prompt as I would in a Linux shell: I correct
mistakes, move the cursor, cancel, recall the last command; and whatever
I type, even junk or a line far too long, the shell survives.

The keys (kernel/lineedit.h, docs/01-boot.md): printable ASCII inserts;
Backspace (0x7f, 0x08) deletes left, Delete (ESC [ 3 ~) under the cursor;
Ctrl-C cancels ("^C"); Ctrl-U erases the line; Enter is CR, LF or CR LF;
ESC [ A..D and ESC O A..D are the arrows; Ctrl-A and Ctrl-E jump home and
end.  Every other byte is ignored.  A line holds at
most 1023 bytes; more are refused with a bell (0x07).

Course text: docs/01-boot.md (the line editor).
"""

import itertools
import random

import pytest

from conftest import CMD_TIMEOUT

LINE_MAX = 1023
KEYS = {0x01, 0x03, 0x05, 0x08, 0x0A, 0x0D, 0x15, 0x1B, 0x7F}
IGNORED_CONTROLS = bytes(c for c in itertools.chain(range(0x20), [0x7F]) if c not in KEYS)
UP, DOWN, LEFT = "\x1b[A", "\x1b[B", "\x1b[D"

_tag = itertools.count(1)


def keys(shell, data, timeout=CMD_TIMEOUT):
    """Type DATA, which ends or cancels one line; return (echo, output):
    what the terminal showed for the line being edited, and the output
    lines up to the next prompt."""
    text = shell.type_line(data, timeout)
    echo, sep, out = text.partition("\r\n")
    assert sep, f"no line end after typing {data!r}: {text!r}"
    out = out.replace("\r\n", "\n")
    return echo, out[:-1] if out.endswith("\n") else out


def recover_and_check(shell, timeout=30):
    """Ctrl-U then Ctrl-C (whatever state the editor is in), then an echo
    that must answer: the shell survived what was typed before."""
    tag = f"t{next(_tag)}"
    shell.send("\x15\x03")
    shell.send(f"echo alive {tag}\r")
    shell.expect(rf"\r\nalive {tag}\r\n" + "hotmem> ", timeout)
    assert shell.alive()


def test_backspace_deletes_left(shell):
    assert keys(shell, "echX\x7fo hi\r")[1] == "hi"
    assert keys(shell, "echo hiXY\x08\x08 there\r")[1] == "hi there"


def test_backspace_on_an_empty_line_is_harmless(shell):
    assert keys(shell, "\x7f\x7f\x08echo ok\r")[1] == "ok"


def test_cursor_keys_insert_in_the_middle(shell):
    assert keys(shell, "echo wrld" + LEFT * 3 + "o\r")[1] == "world"
    assert keys(shell, "echo wrld" + "\x1bOD" * 3 + "o\r")[1] == "world"
    # Ctrl-A to the start, Ctrl-E back to the end.
    assert keys(shell, "cho x\x01e\x05y\r")[1] == "xy"
    # Delete (ESC [ 3 ~) removes the byte under the cursor.
    assert keys(shell, "echo hXi" + LEFT * 2 + "\x1b[3~\r")[1] == "hi"


def test_ctrl_c_cancels_the_line(shell):
    echo, out = keys(shell, "echo nope\x03")
    assert "^C" in echo, echo
    assert out == "", f"a cancelled line printed {out!r}"
    assert shell.run("echo yes") == "yes"


def test_ctrl_u_erases_the_line(shell):
    assert keys(shell, "echo nope\x15echo yes\r")[1] == "yes"


def test_up_arrow_repeats_the_last_command(shell):
    assert shell.run("echo one") == "one"
    assert keys(shell, UP + "\r")[1] == "one"
    assert keys(shell, "\x1bOA\r")[1] == "one"
    assert shell.run("echo two") == "two"
    assert keys(shell, UP + UP + "\r")[1] == "one"
    assert keys(shell, UP + UP + DOWN + "\r")[1] == "one"


def test_line_of_exactly_the_limit_runs(shell):
    words = "b" * (LINE_MAX - len("echo "))
    echo, out = keys(shell, f"echo {words}\r")
    assert "\a" not in echo, "bell before the line was full"
    same = echo.endswith(f"echo {words}")
    assert same, "the echo is not the line typed"
    same = out == words     # (not in the assert: pytest would print a 1 KiB diff)
    assert same, f"echo printed {len(out)} bytes, {out[:20]!r}..., of the {len(words)} typed"


def test_4k_line_is_cut_at_the_limit_with_bells(shell):
    # Expect the first 1023 bytes echoed and kept, a bell for each of the
    # 3073 refused ones, and the cut line run.
    typed = "echo " + "c" * (4096 - len("echo "))
    echo, out = keys(shell, typed + "\r", timeout=30)
    same = echo.replace("\a", "") == typed[:LINE_MAX]
    assert same, "the echo is not the first 1023 bytes"
    assert echo.count("\a") == 4096 - LINE_MAX
    kept = typed[len("echo "):LINE_MAX]
    same = out == kept
    assert same, f"echo printed {len(out)} bytes, {out[:20]!r}..., of the {len(kept)} kept"


def test_4k_line_then_ctrl_u(shell):
    shell.send("a" * 4096)
    recover_and_check(shell)


def test_ignored_control_characters_do_not_enter_the_line(shell):
    assert keys(shell, "echo A" + IGNORED_CONTROLS.decode("latin-1") + "B\r")[1] == "AB"


def test_every_control_character_alone(shell):
    # Each of 0x00-0x1f and 0x7f, keys included, typed at an empty prompt.
    shell.send(bytes(itertools.chain(range(0x20), [0x7F])))
    recover_and_check(shell)


def _junk(seed, size, alphabet=None):
    """SIZE bytes from a fixed seed, none of which spells a command that
    would end the machine (halt, reboot, crash)."""
    while True:
        rng = random.Random(seed)
        if alphabet is None:
            data = bytes(rng.randrange(256) for _ in range(size))
        else:
            data = "".join(rng.choice(alphabet) for _ in range(size)).encode("latin-1")
        if not any(w in data.lower() for w in (b"halt", b"reboot", b"crash")):
            return data
        seed += 1000


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_bytes_do_not_crash(shell, seed):
    shell.send(_junk(seed, 4096))
    recover_and_check(shell)


@pytest.mark.parametrize("seed", [1, 2])
def test_random_keys_do_not_crash(shell, seed):
    # Junk made of the editor's own keys and escape sequences, which
    # reaches deeper into the state machine than uniform bytes.
    alphabet = [chr(c) for c in range(0x20, 0x7F)] * 2 + [
        "\r", "\n", "\r\n", "\x7f", "\x08", "\x01", "\x05", "\x03", "\x15", '"', "'", "\\",
        UP, DOWN, LEFT, "\x1b[C", "\x1bOA", "\x1bOB", "\x1b[1~", "\x1b[3~", "\x1b[4~",
        "\x1b[99999999999~", "\x1b[", "\x1b", "\x1bO", "\x1b[5", "\xff", "\x80"]
    shell.send(_junk(seed, 3000, alphabet))
    recover_and_check(shell)
