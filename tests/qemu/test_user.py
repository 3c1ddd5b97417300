# SPDX-License-Identifier: MIT
"""
User story: the kernel runs programs in user mode, each in its own
address space.  `run PROG` starts one; `ps` shows it as a user task with
its resident memory; a program that never yields still shares the CPU
(user mode is preempted); a program that does something bad dies with a
report naming it, and nothing else does; `work start` fills memory with
a pattern that `work check` verifies byte by byte from the kernel's side;
a task that ends gives every page back, its page tables included.

The formats are the agreed ones (the issue 7 brief):
    [PID] PROG
    task NAME (pid N) killed: VECTOR_NAME at RIP 0x...
    work[PID]: 64M at 0x..., filling / work[PID]: filled 64M in N ms
    work check: pid N: 64M OK (pass P) / work check: OK
    work stop: pid N stopped

Course text: docs/11-user-tasks.md.
"""

import re
import time

import pytest

from conftest import FIRMWARES
from test_tasks import SYSTEM_TASKS, ps_full

JOB = re.compile(r"\[(\d+)\] (\S+)")
TS = r"\[ *[0-9]+\.[0-9]{6}\] "                 # a printk timestamp
TEXT_START, TEXT_END = 0x400000, 0x401000       # kernel/user/user.ld: _start's page
PAGE_KB = 4
FEW_PAGES_KB = 4 * PAGE_KB                      # "MemFree back within a few pages"
REPORT_TIMEOUT = 20                             # seconds for a program to say something
WORK_TIMEOUT = 120                              # seconds for a work fill or check (TCG)


# ------------------------------------------------------------ helpers

def start(m, command):
    """Type COMMAND (run ... or work start ...); return the pid it printed."""
    out = m.run(command)
    first = out.split("\n")[0]
    match = JOB.fullmatch(first)
    assert match, f"`{command}` did not print '[PID] NAME': {out!r}"
    return int(match.group(1))


def expect_line(m, pattern, timeout=REPORT_TIMEOUT):
    """Wait for a whole output line matching PATTERN (a program's line may
    follow the prompt the shell printed before the program ran); return
    its match."""
    return m.expect(r"(?:(?<=\n)|(?<=hotmem> ))" + pattern + r"\r\n", timeout)


def spin(m):
    """A spin task, once it said it runs: its pid."""
    pid = start(m, "run spin")
    expect_line(m, rf"spin\[{pid}\]: spinning")
    m.resync()
    return pid


def meminfo_kb(m, field):
    match = re.search(rf"^{field}: +(\d+) kB$", m.run("cat /proc/meminfo"), re.M)
    assert match, f"no {field} line in /proc/meminfo"
    return int(match.group(1))


def user_tasks(m):
    """{pid: (state, switches, rss_kb, name)} of the user tasks in `ps`."""
    return {pid: (r[0], r[1], r[3], r[4]) for pid, r in ps_full(m).items() if r[2] == "user"}


def kill(m, pid):
    assert m.run(f"kill {pid}") == ""
    assert pid not in user_tasks(m)


def settle(m):
    """Let background output (a program's last lines) reach the terminal,
    then come back to a clean prompt."""
    time.sleep(0.3)
    m.resync()


def no_user_tasks_left(m):
    leftover = user_tasks(m)
    for pid in leftover:
        m.run(f"kill {pid}")
    assert not leftover, f"user tasks left behind by an earlier test: {leftover}"


@pytest.fixture
def clean(shell):
    """The shared machine with no user task before and after the test."""
    no_user_tasks_left(shell)
    yield shell
    settle(shell)
    no_user_tasks_left(shell)


# ------------------------------------------------------------ running programs

@pytest.mark.parametrize("shell", FIRMWARES, indirect=True)
def test_hello_runs_in_user_mode_and_exits(clean):
    # Expect the program's own line (getpid and write from ring 3, argv
    # from its stack), then no trace of it: not in ps, and every page it
    # had (text, stack, page tables, its task) back in MemFree.
    m = clean
    free = meminfo_kb(m, "MemFree")
    tables = meminfo_kb(m, "PageTables")
    pid = start(m, "run hello one 'two words'")
    expect_line(m, rf"hello\[{pid}\]: hello from user mode, 3 arguments: hello one two words")
    settle(m)
    assert pid not in ps_full(m), "hello did not end"
    assert meminfo_kb(m, "PageTables") == tables
    assert abs(meminfo_kb(m, "MemFree") - free) <= FEW_PAGES_KB


def test_run_names_what_it_has(clean):
    m = clean
    assert m.run("run nope") == "run: nope: no such program (have: work hello fault spin)"
    assert m.run("run") == "usage: run PROG [ARGS...]"
    assert m.run("kill 0") == "kill: pid 0: no such user task"
    assert m.run("kill me") == "kill: me: not a pid"
    assert user_tasks(m) == {}


@pytest.mark.parametrize("shell", FIRMWARES, indirect=True)
def test_ps_shows_a_user_task_and_its_memory(clean):
    # Expect a running program listed as a user task, with resident
    # memory (at least its text page and the stack page with argv), next
    # to the kernel threads, which stay "kernel" with RSS 0.
    m = clean
    pid = spin(m)
    rows = ps_full(m)
    state, _, mode, rss, name = rows[pid]
    assert (state, mode, name) == ("R", "user", "spin"), rows[pid]
    assert rss >= 2 * PAGE_KB, rows[pid]
    assert {r[4] for p, r in rows.items() if r[2] == "kernel"} == SYSTEM_TASKS, rows
    kill(m, pid)


def test_user_mode_is_preempted(clean):
    # Two programs that never make a system call: only the timer's
    # preemption on the way back to user mode lets either of them, or the
    # shell, run again.  Expect the shell to answer, and both spinners to
    # have been switched to again and again while the shell slept.
    m = clean
    a, b = spin(m), spin(m)
    before = user_tasks(m)
    assert m.run("sleep 300") == ""
    assert m.run("echo the shell still answers") == "the shell still answers"
    after = user_tasks(m)
    for pid in (a, b):
        assert after[pid][1] >= before[pid][1] + 3, f"pid {pid}: {before[pid]} -> {after[pid]}"
    kill(m, a)
    kill(m, b)


# (kind, what the program prints first, exception, detail line or None)
FAULTS = [
    ("null", r"reading address 0", "#PF Page Fault",
     r"CR2 0x0000000000000000 \(not-present read user\): no area maps it"),
    ("text", r"writing into my own code at 0x(?P<addr>[0-9a-f]+)", "#PF Page Fault",
     r"CR2 0x0*(?P=addr) \(protection-violation write user\): its area is not writable"),
    ("kernel", r"reading kernel address 0xffffffff80100000", "#PF Page Fault",
     r"CR2 0xffffffff80100000 \(protection-violation read user\): a kernel address"),
    ("ud2", r"executing ud2", "#UD Invalid Opcode", None),
    ("div0", r"dividing by zero", "#DE Divide Error", None),
    ("munmap", r"munmap: checks passed; reading 0x(?P<addr>[0-9a-f]+) after munmap",
     "#PF Page Fault", r"CR2 0x0*(?P=addr) \(not-present read user\): no area maps it"),
]


@pytest.mark.parametrize("kind,says,vector,detail", FAULTS, ids=[f[0] for f in FAULTS])
def test_a_bad_access_kills_only_that_task(clean, kind, says, vector, detail):
    # Expect the report's first line to name the task, its pid, the
    # exception and a RIP inside the program's text; for a page fault
    # the next line gives CR2, the decoded error code and mm's reason.
    # A bystander (spin) keeps running, and the shell answers.
    m = clean
    bystander = spin(m)
    pid = start(m, f"run fault {kind}")
    head = rf"fault\[{pid}\]: (?:{says})\r\n"
    first = rf"{TS}task fault \(pid {pid}\) killed: {re.escape(vector)} at RIP 0x(?P<rip>[0-9a-f]{{16}})\r\n"
    second = rf"{TS}  {detail}\r\n" if detail else ""
    report = m.expect(head + first + second + rf"{TS}  RIP: 0x(?P=rip)  CS: 0x0023", REPORT_TIMEOUT)
    assert TEXT_START <= int(report.group("rip"), 16) < TEXT_END, report.group(0)
    settle(m)
    rows = user_tasks(m)
    assert pid not in rows, f"fault {kind} still there: {rows}"
    switches = rows[bystander][1]
    assert m.run("echo the kernel survived") == "the kernel survived"
    assert user_tasks(m)[bystander][1] > switches, "the bystander stopped running"
    kill(m, bystander)


def test_a_program_that_returns_from_main_exits(clean):
    # fault with no argument prints its usage and returns 2 from main():
    # start.S turns that into exit(2), which the kernel logs.
    m = clean
    pid = start(m, "run fault")
    expect_line(m, r"usage: fault null\|text\|kernel\|ud2\|div0\|munmap")
    expect_line(m, rf"{TS}task fault \(pid {pid}\) exited with code 2")
    settle(m)
    assert pid not in user_tasks(m)


# ------------------------------------------------------------ work

def work_start(m, args):
    """`work start ARGS`; wait for the fill; return (pid, base address)."""
    pid = start(m, f"work start {args}")
    size = args.split()[0]
    filling = expect_line(m, rf"work\[{pid}\]: {size} at 0x(?P<base>[0-9a-f]+), filling")
    expect_line(m, rf"work\[{pid}\]: filled {size} in \d+ ms", WORK_TIMEOUT)
    return pid, int(filling.group("base"), 16)


WORK_HEADER = "  PID     SIZE ADDRESS            NODE STATE        PASS        RSS HUGE PINS"
WORK_ROW = re.compile(r" *(\d+) +(\S+) 0x([0-9a-f]{16}) +(\S+) (\S+) +(\d+) +(\d+)K +(\d+) +(\d+)")


def work_list(m):
    """`work` as {pid: {size, base, node, state, pass, rss_kb, huge, pins}}."""
    lines = m.run("work").split("\n")
    if lines == ["work: no work tasks"]:
        return {}
    assert lines[0] == WORK_HEADER, lines
    rows = {}
    for line in lines[1:]:
        r = WORK_ROW.fullmatch(line)
        assert r, f"work row: {line!r}"
        rows[int(r.group(1))] = dict(size=r.group(2), base=int(r.group(3), 16), node=r.group(4),
                                     state=r.group(5), pass_=int(r.group(6)),
                                     rss_kb=int(r.group(7)), huge=int(r.group(8)),
                                     pins=int(r.group(9)))
    return rows


def work_check(m):
    """`work check` lines, the last one OK or FAILED."""
    return m.run("work check", timeout=WORK_TIMEOUT).split("\n")


@pytest.mark.parametrize("shell", FIRMWARES, indirect=True)
def test_work_checks_ok_and_gives_its_memory_back(clean):
    # Expect 64M filled, listed as running with at least 64M resident,
    # checked OK byte by byte (twice: the second time at a later pass,
    # while the task keeps rewriting), stopped, and then MemFree and
    # PageTables back where they were.
    m = clean
    free = meminfo_kb(m, "MemFree")
    tables = meminfo_kb(m, "PageTables")
    pid, base = work_start(m, "64M")
    rows = work_list(m)
    assert rows[pid]["size"] == "64M" and rows[pid]["base"] == base, rows
    assert rows[pid]["state"] == "running" and rows[pid]["rss_kb"] >= 64 * 1024, rows
    assert ps_full(m)[pid][2] == "user"
    first = work_check(m)
    assert re.fullmatch(rf"work check: pid {pid}: 64M OK \(pass \d+\)", first[0]), first
    assert first[1:] == ["work check: OK"], first
    assert meminfo_kb(m, "MemFree") < free - 64 * 1024
    assert meminfo_kb(m, "PageTables") > tables
    assert m.run("sleep 1000") == ""           # the task's turn
    second = work_check(m)
    assert second[-1] == "work check: OK", second
    passes = [int(re.search(r"pass (\d+)", c[0]).group(1)) for c in (first, second)]
    assert passes[1] > passes[0], f"the task did not run between the checks: {passes}"
    assert m.run("work stop") == f"work stop: pid {pid} stopped"
    assert pid not in ps_full(m)
    assert meminfo_kb(m, "PageTables") == tables
    assert abs(meminfo_kb(m, "MemFree") - free) <= FEW_PAGES_KB


def test_work_huge_maps_huge_pages(clean):
    # Expect 64M in a MAP_HUGE area to be 32 huge pages (`work` counts the
    # mm's huge mappings), checked OK, and freed whole.
    m = clean
    free = meminfo_kb(m, "MemFree")
    vmstat = m.run("cat /proc/vmstat")
    thp_before = re.search(r"^thp_fault_alloc (\d+)$", vmstat, re.M)
    pid, base = work_start(m, "64M huge")
    assert base % (2 << 20) == 0, hex(base)
    rows = work_list(m)
    assert rows[pid]["huge"] == 32, rows
    check = work_check(m)
    assert check[-1] == "work check: OK", check
    if thp_before:      # /proc/vmstat comes with mm/vmstat.c
        thp_after = re.search(r"^thp_fault_alloc (\d+)$", m.run("cat /proc/vmstat"), re.M)
        assert int(thp_after.group(1)) - int(thp_before.group(1)) >= 32
    assert m.run(f"work stop {pid}") == f"work stop: pid {pid} stopped"
    assert abs(meminfo_kb(m, "MemFree") - free) <= FEW_PAGES_KB


def test_work_on_a_node_with_a_pin(clean):
    # Expect node=1 and pin to reach the task: listed on node 1 with one
    # pin, after the program said which page it pinned; the pin dies with
    # the task and every page comes back.
    m = clean
    free = meminfo_kb(m, "MemFree")
    pid = start(m, "work start 16M node=1 pin")
    filling = expect_line(m, rf"work\[{pid}\]: 16M at 0x(?P<base>[0-9a-f]+), filling")
    expect_line(m, rf"work\[{pid}\]: filled 16M in \d+ ms", WORK_TIMEOUT)
    pinned = expect_line(m, rf"work\[{pid}\]: pinned 0x(?P<va>[0-9a-f]+)")
    assert int(pinned.group("va"), 16) == int(filling.group("base"), 16) + 4096
    m.resync()
    rows = work_list(m)
    assert (rows[pid]["node"], rows[pid]["pins"]) == ("1", 1), rows
    assert work_check(m)[-1] == "work check: OK"
    assert m.run("work stop") == f"work stop: pid {pid} stopped"
    assert abs(meminfo_kb(m, "MemFree") - free) <= FEW_PAGES_KB


def test_work_check_finds_a_wrong_word(clean):
    # The program flips one bit of one word and stops writing (`run work
    # ... corrupt`).  Expect the kernel's check, alone, to name exactly
    # that address, the value found and the value wanted (one bit apart),
    # and to end FAILED; a sound task checked beside it stays OK.  The
    # corrupt task then sleeps for an hour in a system call: `work stop`
    # must wake it to die, not wait for that hour.
    m = clean
    good, _ = work_start(m, "8M")
    bad = start(m, f"run work {4 << 20} corrupt")
    expect_line(m, rf"work\[{bad}\]: filled 4M in \d+ ms", WORK_TIMEOUT)
    corrupted = expect_line(m, rf"work\[{bad}\]: corrupted 0x(?P<va>[0-9a-f]+), stopped")
    m.resync()
    lines = work_check(m)
    assert re.fullmatch(rf"work check: pid {good}: 8M OK \(pass \d+\)", lines[0]), lines
    found = re.fullmatch(rf"work check: pid {bad}: BAD at 0x(?P<va>[0-9a-f]+): "
                         r"0x(?P<got>[0-9a-f]+), want 0x(?P<want>[0-9a-f]+)", lines[1])
    assert found, lines
    assert int(found.group("va"), 16) == int(corrupted.group("va"), 16)
    assert int(found.group("got"), 16) ^ int(found.group("want"), 16) == 1
    assert lines[2:] == ["work check: FAILED"], lines
    out = m.run("work stop").split("\n")
    assert sorted(out) == sorted([f"work stop: pid {good} stopped", f"work stop: pid {bad} stopped"])


def test_work_refuses_bad_arguments(clean):
    # Expect one line naming the problem, and no task started.
    m = clean
    cases = {
        "work start lots": "work start: lots: not a size (like 64M)",
        "work start 1k": "work start: 1k: not a multiple of 4K, at least 8K",
        "work start 3M huge": "work start: 3M: not a multiple of the huge page size (2M), at least 8K",
        "work start 64M node=9": "work start: node=9: no such node",
        "work start 64M node=0 node=1": "work start: node=1: node given twice",
        "work start 64M huge huge": "work start: huge: given twice",
        "work start 64M fast": "work start: fast: not node=N, huge or pin",
        "work stop 0": "work stop: pid 0: not a work task",
        "work stop me": "work stop: me: not a pid",
        "work check": "work check: no work tasks",
        "work": "work: no work tasks",
        "work jump": "usage: work [start SIZE [node=N] [huge] [pin] | check | stop [PID]]",
    }
    for cmd, want in cases.items():
        assert m.run(cmd) == want, cmd
    big = m.run("work start 64G")
    assert re.fullmatch(r"work start: 64G: more than the \d+ free pages", big), big
    assert user_tasks(m) == {}
