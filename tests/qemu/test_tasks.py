# SPDX-License-Identifier: MIT
"""
User story: the kernel runs tasks, and I can see them: `ps` lists them
like a tiny Linux ps, `sleep MS` puts the shell to sleep for at least
that long, and a command line ending in `&` runs in a task of its own
while I go on typing.  Tasks that end leave no memory behind.

Course text: docs/07-aml-and-acpi-events.md.
"""

import re
import time

import pytest

from conftest import FIRMWARES

PS_HEADER = "  PID STATE   SWITCHES MODE         RSS NAME"
PS_ROW = re.compile(r" *(\d+) ([RSX]) +(\d+) (user|kernel) +(\d+) (\S+)")
UPTIME = re.compile(r"up ([0-9]+)\.([0-9]{6}) s")
JOB = re.compile(r"\[(\d+)\] (\S+)")


def ps_full(shell):
    """`ps` as {pid: (state, switches, mode, rss_kb, name)}, after checking
    its header."""
    lines = shell.run("ps").split("\n")
    assert lines[0] == PS_HEADER, f"ps header: {lines[0]!r}"
    rows = {}
    for l in lines[1:]:
        m = PS_ROW.fullmatch(l)
        assert m, f"ps row not 'PID STATE SWITCHES MODE RSS NAME': {l!r}"
        rows[int(m.group(1))] = (m.group(2), int(m.group(3)), m.group(4), int(m.group(5)),
                                 m.group(6))
    return rows


def ps(shell):
    """`ps` as {pid: (state, switches, name)}."""
    return {pid: (r[0], r[1], r[4]) for pid, r in ps_full(shell).items()}


# Tasks every booted kernel has: init (the shell) and kacpid, the ACPI
# worker that runs AML (drivers/acpi/worker.c).
SYSTEM_TASKS = {"init", "kacpid"}


def jobs(rows):
    """The pids of tasks the shell started (everything but SYSTEM_TASKS)."""
    return [pid for pid, (_, _, name) in rows.items() if name not in SYSTEM_TASKS]


def uptime(shell):
    m = UPTIME.fullmatch(shell.run("uptime"))
    assert m, "uptime did not answer 'up S.UUUUUU s'"
    return int(m.group(1)) + int(m.group(2)) / 1e6


def mem_free_kb(shell):
    m = re.search(r"^MemFree: +(\d+) kB$", shell.run("cat /proc/meminfo"), re.M)
    assert m, "no MemFree line in /proc/meminfo"
    return int(m.group(1))


def start_job(shell, command):
    """Run COMMAND with '&'; return the pid the shell printed."""
    out = shell.run(command + " &")
    m = JOB.fullmatch(out)
    assert m, f"`{command} &` did not print '[PID] NAME': {out!r}"
    assert m.group(2) == command.split()[0], out
    return int(m.group(1))


@pytest.mark.parametrize("shell", FIRMWARES, indirect=True)
def test_ps_lists_init_running_the_shell(shell):
    # Expect init as pid 0, running (it is running `ps`), kacpid asleep
    # waiting for ACPI work, no other task on a machine that has started
    # none, and both of them kernel threads with no user memory (RSS 0).
    rows = ps(shell)
    assert rows.get(0, (None, None, None))[0] == "R" and rows[0][2] == "init", rows
    assert sorted(name for _, _, name in rows.values()) == sorted(SYSTEM_TASKS), rows
    assert [state for state, _, name in rows.values() if name == "kacpid"] == ["S"], rows
    assert all(mode == "kernel" and rss == 0 for _, _, mode, rss, _ in ps_full(shell).values())


@pytest.mark.parametrize("shell", FIRMWARES, indirect=True)
def test_sleep_lasts_at_least_its_time(shell):
    # Expect the clock to advance by at least MS while the shell sleeps
    # (and not wildly more: a loose bound against a lost wake-up).
    before = uptime(shell)
    t0 = time.monotonic()
    assert shell.run("sleep 500") == ""
    wall = time.monotonic() - t0
    slept = uptime(shell) - before
    assert slept >= 0.5, f"sleep 500 returned after {slept:.6f} s of uptime"
    assert slept <= wall + 1.0, f"uptime advanced {slept:.3f} s in {wall:.3f} s of wall time"


@pytest.mark.parametrize("shell", FIRMWARES, indirect=True)
def test_a_job_sleeps_in_its_own_task_while_i_type(shell):
    # Expect `sleep 1500 &` to give the prompt back at once, `ps` to show
    # the job sleeping after one switch to it, typing to work meanwhile
    # (the shell's console wait queue), and the job gone once its time
    # is up, init having been switched to again.
    init_switches = ps(shell)[0][1]
    t0 = time.monotonic()
    pid = start_job(shell, "sleep 1500")
    assert time.monotonic() - t0 < 1.5, "the prompt came back only after the job's sleep"
    rows = ps(shell)
    assert rows.get(pid) == ("S", 1, "sleep"), rows
    assert shell.run("echo typed while a task sleeps") == "typed while a task sleeps"
    assert shell.run("sleep 1600") == ""
    rows = ps(shell)
    assert jobs(rows) == [], f"the job did not end: {rows}"
    assert rows[0][1] > init_switches, rows


def test_many_jobs_end_and_give_their_memory_back(shell):
    # Expect 20 jobs to exist side by side, pids counting up, and every
    # stack and struct task to be freed when they end: MemFree as before.
    free_before = mem_free_kb(shell)
    pids = [start_job(shell, "sleep 300") for _ in range(20)]
    assert pids == list(range(pids[0], pids[0] + 20)), pids
    rows = ps(shell)
    assert all(rows.get(p, ("?",))[0] == "S" for p in pids), rows
    assert mem_free_kb(shell) < free_before, "20 task stacks took no memory"
    shell.run("sleep 500")
    assert jobs(ps(shell)) == []
    assert mem_free_kb(shell) == free_before


def test_a_job_that_prints_runs_after_the_prompt(shell):
    # Expect `echo` as a job to print its words once it runs, which is
    # when the shell sleeps waiting for the next key.
    pid = start_job(shell, "echo from a job")
    shell.expect(r"from a job\r\n", 10)
    assert jobs(ps(shell)) == [], f"job {pid} did not end"


def test_sleep_refuses_what_is_not_a_number(shell):
    assert shell.run("sleep soon") == "sleep: soon: not a number of milliseconds"
    assert shell.run("sleep 99999999999999999999") == "sleep: 99999999999999999999: too many milliseconds"
    assert shell.run("sleep") == "usage: sleep MS"
    assert shell.run("echo still alive") == "still alive"


def test_ampersand_quoted_or_alone_is_not_a_job(shell):
    # Expect '&' in quotes or escaped to be a word, and a lone '&' an error.
    assert shell.run("echo '&'") == "&"
    assert shell.run("echo a\\&") == "a&"
    assert shell.run("echo x\\ &") == "x &"
    assert shell.run("&") == "shell: a job needs a command before '&'"
    assert jobs(ps(shell)) == []


def test_a_crash_in_a_job_names_its_task(boot):
    # Expect the exception report of a job to name the job's task, and
    # its stack trace to end where every task begins: task_entry(),
    # called from the arch trampoline.  The machine is our own: it stops.
    m = boot("bios")
    pid = start_job(m, "crash")
    end = m.expect(r"Kernel halted\.\r\n", 10)
    text = m.output[:end.end()].replace("\r\n", "\n")
    report = text[text.rindex("EXCEPTION: "):].split("\n")
    assert f"TASK: crash (pid {pid})" in report, "\n".join(report)
    trace = report[report.index("Stack trace:") + 1:]
    names = [l.split()[1].split("+")[0] for l in trace if re.match(r" +0x[0-9a-f]+ \S", l)]
    assert names[:2] == ["cmd_crash", "shell_job_run"], names
    assert names[-2:] == ["task_entry", "arch_task_trampoline"], names
