# SPDX-License-Identifier: MIT
"""
tests/qemu/conftest.py - fixtures that boot hotmem in QEMU for the tests.

The machine comes from tools/qemu.py (the one place the QEMU setup lives);
its Machine class drives the serial shell (pipes: nothing is lost from the
first byte, and QEMU feeds typed bytes only as fast as the guest takes
them) and QMP (a private unix socket per machine).

  make_iso(name, cmdline)  build build/test/<name>.iso once per session
                           (`make iso ISO=... CMDLINE=...`)
  shell                    a booted machine at a clean prompt, shared by
                           every test that leaves the machine alive (one
                           per firmware; parametrize "shell" indirectly
                           with "bios"/"uefi", the default is "bios")
  boot(firmware, ...)      a machine of the test's own, for tests that
                           crash, halt or reboot it; killed at teardown

The default test ISO passes `debug_exit`, so halt and panic end QEMU with
status 33 and 35 (tools/qemu.py EXIT_HALT, EXIT_PANIC).

The serial output of a failed test, with QEMU's command line, status and
stderr, is kept in build/test-logs/<test-name>.log; a passing test removes
its old log.  A missing prerequisite is a failure that says what to
install, never a skip.

Course text: docs/01-boot.md.  Style: shared/STYLE.md section 8.
"""

import os
import re
import shutil
import subprocess
import sys

import pytest

sys.dont_write_bytecode = True          # no __pycache__ in the source tree
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import qemu  # noqa: E402  (tools/qemu.py)

FIRMWARES = qemu.FIRMWARES
BOOT_TIMEOUT = {"bios": 30, "uefi": 90} # seconds from QEMU start to the prompt (TCG)
CMD_TIMEOUT = 10                        # seconds for one shell command
EXIT_TIMEOUT = 20                       # seconds for QEMU to exit after halt or a crash
DEFAULT_CMDLINE = "debug_exit"
LOG_DIR = os.path.join(ROOT, "build", "test-logs")
MAX_SHARED_RESTARTS = 3                 # a shared machine that keeps dying is not rebooted forever

# "[    0.123456] message": Linux's printk timestamp, seconds padded to 5.
TIMESTAMP = r"\[[ 0-9]{4}[0-9]\.[0-9]{6}\] "
BANNER = "hotmem 0.1.0"


# ------------------------------------------------------------ prerequisites

def _check_prerequisites():
    """Name what is missing, as a failure (STYLE.md section 8: never skip)."""
    missing = []
    if shutil.which(qemu.QEMU) is None:
        missing.append(f"{qemu.QEMU} (Debian package qemu-system-x86)")
    for f in (qemu.OVMF_CODE, qemu.OVMF_VARS):
        if not os.path.exists(f):
            missing.append(f"{f} (Debian package ovmf)")
    if shutil.which("make") is None:
        missing.append("make (Debian package make)")
    return missing


# ------------------------------------------------------------ ISOs

class IsoBuilder:
    """Builds each named ISO once per session; remembers failures so a
    broken build is reported once per test without rebuilding."""

    def __init__(self):
        self.built = {}         # name -> (cmdline, path or None, error text)

    def __call__(self, name, cmdline):
        if name in self.built:
            prev_cmdline, path, err = self.built[name]
            assert prev_cmdline == cmdline, f"ISO {name} requested with two command lines"
        else:
            path, err = self._build(name, cmdline)
            self.built[name] = (cmdline, path, err)
        if path is None:
            pytest.fail(err, pytrace=False)
        return path

    @staticmethod
    def _build(name, cmdline):
        rel = f"build/test/{name}.iso"
        env = {k: v for k, v in os.environ.items()
               if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
        cmd = ["make", "--no-print-directory", "-C", ROOT, "iso", f"ISO={rel}", f"CMDLINE={cmdline}"]
        r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           text=True, env=env)
        if r.returncode != 0:
            return None, (f"cannot build the test ISO {rel} (CMDLINE={cmdline!r}):\n"
                          f"$ {' '.join(cmd)}\n{r.stdout}")
        return os.path.join(ROOT, rel), None


@pytest.fixture(scope="session")
def make_iso():
    missing = _check_prerequisites()
    if missing:
        pytest.fail("QEMU tests need: " + "; ".join(missing), pytrace=False)
    return IsoBuilder()


@pytest.fixture(scope="session")
def default_iso(make_iso):
    return make_iso("default", DEFAULT_CMDLINE)


# ------------------------------------------------------------ machines

# Every machine started in this session, for the per-test serial logs.
_machines = []


class Hotmem(qemu.Machine):
    """A qemu.Machine that knows hotmem's boot: boot() waits for the prompt
    and keeps the boot transcript in .boot_log."""

    boot_log = ""
    shared = False

    def boot(self, timeout=None):
        _machines.append(self)
        self.start()
        self.boot_log = self.wait_prompt(timeout or BOOT_TIMEOUT[self.firmware])
        return self


def kernel_log(text):
    """The part of TEXT from the first timestamped kernel line on (what
    the firmware and GRUB printed before is cut off), CR LF as '\\n'."""
    m = re.search(TIMESTAMP, text)
    return text[m.start():].replace("\r\n", "\n") if m else ""


class SharedMachines:
    """One booted machine per firmware for the tests that leave it alive.
    A machine that died (a kernel bug in an earlier test) is booted again,
    up to MAX_SHARED_RESTARTS times; a first boot that failed is not
    retried: every later test fails at once with the same message."""

    def __init__(self, iso):
        self.iso = iso
        self.machines = {}
        self.errors = {}
        self.restarts = 0

    def get(self, firmware):
        if firmware in self.errors:
            pytest.fail(self.errors[firmware], pytrace=False)
        m = self.machines.get(firmware)
        if m is not None and m.alive():
            try:
                m.resync(CMD_TIMEOUT)
                return m
            except qemu.MachineError:
                pass    # hung: start again below
        if m is not None:
            m.kill()
            m.shared = False    # its log stays with the test that saw it die
            self.restarts += 1
            if self.restarts > MAX_SHARED_RESTARTS:
                self.errors[firmware] = (f"shared {firmware} machine died more than "
                                         f"{MAX_SHARED_RESTARTS} times; not booting it again")
                pytest.fail(self.errors[firmware], pytrace=False)
        m = Hotmem(firmware, self.iso, name=f"shared-{firmware}")
        m.shared = True
        try:
            m.boot()
        except qemu.MachineError as e:
            m.kill()
            if firmware not in self.machines:
                self.errors[firmware] = f"the shared {firmware} machine did not boot:\n{e}"
            raise
        self.machines[firmware] = m
        return m

    def close(self):
        for m in self.machines.values():
            m.kill()


@pytest.fixture(scope="session")
def shared_machines(default_iso):
    pool = SharedMachines(default_iso)
    yield pool
    pool.close()


@pytest.fixture
def shell(request, shared_machines):
    """The shared machine of a firmware ("bios" unless parametrized), at a
    clean prompt."""
    firmware = getattr(request, "param", "bios")
    return shared_machines.get(firmware)


@pytest.fixture
def boot(default_iso):
    """boot(firmware, iso=None, no_reboot=True, wait=True, **machine_args):
    a machine of the test's own (the default ISO unless ISO is given), at
    its prompt when WAIT; killed when the test ends.  MACHINE_ARGS go to
    qemu.Machine (memory=[...], smp=N: another NUMA layout)."""
    mine = []

    def _boot(firmware="bios", iso=None, no_reboot=True, wait=True, **machine_args):
        m = Hotmem(firmware, iso or default_iso, name=f"own-{firmware}-{len(mine)}",
                   no_reboot=no_reboot, **machine_args)
        mine.append(m)
        if wait:
            m.boot()
        else:
            _machines.append(m)
            m.start()
        return m

    yield _boot
    for m in mine:
        m.kill()


# ------------------------------------------------------------ logs of failed tests

@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    rep = outcome.get_result()
    setattr(item, "rep_" + rep.when, rep)


def _log_path(item):
    name = re.sub(r"[^A-Za-z0-9_.\[\]=-]", "_", item.name)
    return os.path.join(LOG_DIR, name + ".log")


@pytest.fixture(autouse=True)
def _serial_log(request):
    """Write build/test-logs/<test>.log when the test fails: for every
    machine the test touched, its command line, status, stderr and the
    serial output since the test began (from the first byte for a machine
    booted by the test)."""
    start = {id(m): len(m.output) for m in _machines}
    yield
    item = request.node
    failed = any(getattr(item, "rep_" + w, None) is not None and getattr(item, "rep_" + w).failed
                 for w in ("setup", "call"))
    path = _log_path(item)
    if failed:
        _write_log(path, item, start)
    elif os.path.exists(path):
        os.remove(path)
    # Dead machines booted by finished tests are of no more use.
    _machines[:] = [m for m in _machines if m.alive() or m.shared]


def _write_log(path, item, start):
    parts = [f"test: {item.nodeid}\n"]
    for m in _machines:
        since = start.get(id(m), 0)
        text = m.output[since:]
        if not text and id(m) in start:
            continue
        status = "running" if m.alive() else f"exited with status {m.proc.returncode if m.proc else '?'}"
        origin = ("shared machine, output since this test began" if id(m) in start
                  else "booted for this test, output from the first byte")
        parts.append(f"\n=== {m.name} ({m.firmware}): {origin}\n"
                     f"argv: {' '.join(m.argv or [])}\n"
                     f"QEMU: {status}\n")
        if m.stderr.strip():
            parts.append(f"QEMU stderr:\n{m.stderr.strip()}\n")
        if id(m) in start and m.boot_log:
            parts.append("--- its boot transcript (control bytes as \\xNN):\n"
                         + qemu.printable(m.boot_log) + "\n")
        parts.append("--- serial output (control bytes as \\xNN):\n")
        parts.append(qemu.printable(text) + "\n")
    os.makedirs(LOG_DIR, exist_ok=True)
    with open(path, "w") as f:
        f.writelines(parts)
