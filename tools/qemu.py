#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""
tools/qemu.py - the one place hotmem's QEMU setup lives: the command line
(firmware, memory, NUMA nodes, hotplug slots, serial, QMP) and the small
drivers the tests and the benchmark use to talk to a running machine.

The machine, the same for `make run`, the tests and `make bench`:

    firmware 'bios'  SeaBIOS, -M pc (i440FX)
    firmware 'uefi'  OVMF, -M q35; OVMF_CODE_4M.fd read-only, and a fresh
                     private copy of OVMF_VARS_4M.fd for every run
    -accel tcg -smp 1, QEMU's default CPU model
    1 GiB of boot RAM split over two NUMA nodes (512 MiB each, the CPU on
    node 0), 8 DIMM slots and maxmem 32 GiB: the hotplug window
    isa-debug-exit at port 0xf4 (status = (value << 1) | 1), no NIC, no display

The QMP socket of `make run` is build/qmp.sock (a unix socket, relative to
the repository; the QMP class below and `socat - UNIX-CONNECT:build/qmp.sock`
talk to it).  Tests give every machine its own socket in a temporary
directory.  Hot-adding a DIMM from the QEMU monitor (Ctrl-A C in `make run`):

    object_add memory-backend-ram,id=mem1,size=128M
    device_add pc-dimm,id=dimm1,memdev=mem1

Command line:

    tools/qemu.py run  --firmware bios|uefi --iso build/hotmem.iso [--gdb] [--qmp PATH] [-- QEMU-ARGS]
    tools/qemu.py argv --firmware bios|uefi --iso build/hotmem.iso [--serial MODE] [--qmp PATH]
                       [--no-reboot] [--gdb] [-- QEMU-ARGS]

`run` prints three lines (monitor, hot-add, quit) and then becomes QEMU,
serial console and monitor multiplexed on the terminal.  `argv` prints the
command line `run` would use, shell-quoted, to read or paste.

As a module: argv() builds the command line; Machine starts QEMU with its
serial port on pipes, waits for the `hotmem> ` prompt and runs shell
commands; QMP is a small client for the QMP socket, with helpers for
DIMMs: add_dimm() (object-add + device_add, ids memN/dimmN picked for
you), dimm() (its slot, addr, size), del_dimm(), wait_dimm_deleted().

Facts about QEMU: shared/spec/qemu-memory-hotplug.md (section 6.2, two
nodes; section 7, the commands).  Course text: docs/00-introduction.md.
Tests: tests/qemu/ (every test boots through this file).
"""

import argparse
import atexit
import json
import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

QEMU = "qemu-system-x86_64"
OVMF_CODE = "/usr/share/OVMF/OVMF_CODE_4M.fd"
OVMF_VARS = "/usr/share/OVMF/OVMF_VARS_4M.fd"

FIRMWARES = ("bios", "uefi")
MACHINE = {"bios": "pc", "uefi": "q35"}

DEFAULT_QMP = "build/qmp.sock"          # `make run`'s QMP socket
DEFAULT_VARS = "build/ovmf-vars.fd"     # `make run`'s private OVMF VARS copy

# Memory: boot RAM split evenly over the NUMA nodes; DIMMs go in the slots.
BOOT_RAM_MIB = 1024
NUMA_NODES = 2
SLOTS = 8
MAXMEM = "32G"

# The isa-debug-exit device: the kernel writes VALUE, QEMU exits with
# (VALUE << 1) | 1.  The values are the kernel's (kernel/kernel.h).
DEBUG_EXIT_PORT = 0xF4
EXIT_HALT = (0x10 << 1) | 1     # 33: `halt` with debug_exit
EXIT_PANIC = (0x11 << 1) | 1    # 35: panic or CPU exception with debug_exit

PROMPT = "hotmem> "

# What `make run` tells the user before QEMU takes the terminal.
HOTADD_HMP = ("object_add memory-backend-ram,id=mem1,size=128M",
              "device_add pc-dimm,id=dimm1,memdev=mem1")


# ------------------------------------------------------------ command line

def _mib(n):
    """A size in MiB the way QEMU's options are usually written: 1G, 512M."""
    return f"{n // 1024}G" if n % 1024 == 0 else f"{n}M"


def memory_args():
    """-m and the NUMA nodes: node i gets its own RAM backend (section 6.2)."""
    node_mib = BOOT_RAM_MIB // NUMA_NODES
    args = ["-m", f"{_mib(BOOT_RAM_MIB)},slots={SLOTS},maxmem={MAXMEM}"]
    for i in range(NUMA_NODES):
        args += ["-object", f"memory-backend-ram,id=ram{i},size={_mib(node_mib)}"]
    for i in range(NUMA_NODES):
        cpus = ",cpus=0" if i == 0 else ""
        args += ["-numa", f"node,nodeid={i}{cpus},memdev=ram{i}"]
    return args


def fresh_ovmf_vars(path):
    """Copy the pristine OVMF variable store to PATH (one copy per run:
    OVMF writes boot entries into it, and two QEMUs must not share it)."""
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    shutil.copyfile(OVMF_VARS, path)
    return path


def argv(firmware, iso, *, serial="mon:stdio", monitor="none", qmp=None,
         gdb=False, no_reboot=False, vars_file=None, cpu=None, extra=(),
         memory=None, smp=1, machine=None):
    """The QEMU command line for FIRMWARE ('bios' or 'uefi') booting ISO.

    serial    -serial value: "mon:stdio" (terminal, monitor multiplexed),
          "stdio" (pipes in tests), "unix:PATH,server=on,wait=off", ...
    monitor   -monitor value, "none" or None to leave QEMU's default
    qmp       path of a unix socket for QMP, or None
    gdb       add -s -S: gdb server on :1234, CPU stopped until gdb continues
    no_reboot a guest reset makes QEMU exit (status 0) instead of rebooting
    vars_file the private OVMF VARS copy ('uefi' only; see fresh_ovmf_vars())
    cpu       a -cpu model; None keeps QEMU's default (qemu64)
    extra     more arguments, appended last
    memory    the -m/-object/-numa arguments instead of memory_args()
              (tests of other NUMA layouts); None: the standard machine
    smp       the -smp value (CPUs, for -numa cpu,... layouts)
    machine   "pc" or "q35" instead of the firmware's usual one (MACHINE):
              pc + OVMF and q35 + SeaBIOS are the other two pairs
    """
    if firmware not in FIRMWARES:
        raise ValueError(f"firmware {firmware!r}: expected one of {', '.join(FIRMWARES)}")
    args = [QEMU, "-M", machine or MACHINE[firmware], "-accel", "tcg", "-smp", str(smp)]
    if cpu:
        args += ["-cpu", cpu]
    args += memory_args() if memory is None else list(memory)
    if firmware == "uefi":
        if not vars_file:
            raise ValueError("uefi: vars_file is needed (a private copy: fresh_ovmf_vars())")
        args += ["-drive", f"if=pflash,format=raw,unit=0,readonly=on,file={OVMF_CODE}",
                 "-drive", f"if=pflash,format=raw,unit=1,file={vars_file}"]
    args += ["-device", f"isa-debug-exit,iobase={DEBUG_EXIT_PORT:#x},iosize=0x04",
             "-nic", "none", "-display", "none",
             "-serial", serial]
    if monitor is not None:
        args += ["-monitor", monitor]
    if qmp:
        args += ["-qmp", f"unix:{qmp},server=on,wait=off"]
    if no_reboot:
        args += ["-no-reboot"]
    if gdb:
        args += ["-s", "-S"]
    args += ["-boot", "d", "-cdrom", iso]
    args += list(extra)
    return args


# ------------------------------------------------------------ QMP

_SIZE_UNITS = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40}


def parse_size(size):
    """Bytes from an int or from QEMU-style text: "128M", "1G", "4096"."""
    if isinstance(size, int):
        return size
    m = re.fullmatch(r"\s*([0-9]+)\s*([KMGT]?)B?\s*", str(size), re.I)
    if not m:
        raise ValueError(f"size {size!r}: expected a number with K, M, G or T")
    return int(m.group(1)) * _SIZE_UNITS[m.group(2).upper()]


class QMPError(Exception):
    """QEMU answered a QMP command with an error."""


class QMP:
    """A minimal QMP client over a unix socket (QEMU's qapi/ protocol:
    greeting, qmp_capabilities, then one JSON object per line).
    Events that arrive while waiting for an answer are kept in .events."""

    def __init__(self, path, timeout=10.0, alive=None):
        """Connect to PATH, retrying until TIMEOUT while QEMU creates it;
        ALIVE() returning False stops the retries early."""
        self.path = path
        self.events = []
        self.dimm_backends = {}         # add_dimm(): device id -> backend id
        self._buf = b""
        self._id = 0
        deadline = time.monotonic() + timeout
        while True:
            self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                self.sock.connect(path)
                break
            except OSError as e:
                self.sock.close()
                if time.monotonic() > deadline or (alive and not alive()):
                    raise ConnectionError(f"qmp: {path}: cannot connect ({e})") from None
                time.sleep(0.05)
        greeting = self._read(deadline=time.monotonic() + timeout)
        if "QMP" not in greeting:
            raise QMPError(f"qmp: {path}: unexpected greeting {greeting}")
        self.execute("qmp_capabilities")

    def _read(self, deadline):
        """Return the next JSON object QEMU sends."""
        while b"\n" not in self._buf:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"qmp: {self.path}: no answer")
            self.sock.settimeout(left)
            try:
                data = self.sock.recv(65536)
            except socket.timeout:
                continue
            if not data:
                raise ConnectionError(f"qmp: {self.path}: QEMU closed the socket")
            self._buf += data
        line, self._buf = self._buf.split(b"\n", 1)
        return json.loads(line)

    def execute(self, command, arguments=None, timeout=10.0):
        """Run COMMAND and return its "return" value; raise QMPError."""
        self._id += 1
        msg = {"execute": command, "id": self._id}
        if arguments:
            msg["arguments"] = arguments
        self.sock.sendall(json.dumps(msg).encode() + b"\n")
        deadline = time.monotonic() + timeout
        while True:
            obj = self._read(deadline)
            if "event" in obj:
                self.events.append(obj)
            elif obj.get("id") == self._id:
                if "error" in obj:
                    err = obj["error"]
                    raise QMPError(f"{command}: {err.get('class')}: {err.get('desc')}")
                return obj.get("return")

    def hmp(self, command_line, timeout=10.0):
        """Run a monitor (HMP) command and return its text."""
        return self.execute("human-monitor-command",
                            {"command-line": command_line}, timeout)

    def wait_event(self, name, timeout=10.0, data=None):
        """Return (and remove) the first event NAME, waiting up to TIMEOUT;
        with DATA (a dict), only an event whose "data" holds those items:
        wait_event("DEVICE_DELETED", data={"device": "dimm1"})."""
        deadline = time.monotonic() + timeout
        while True:
            for i, ev in enumerate(self.events):
                if ev["event"] == name and all(ev.get("data", {}).get(k) == v
                                               for k, v in (data or {}).items()):
                    return self.events.pop(i)
            try:
                obj = self._read(deadline)
            except TimeoutError:
                raise TimeoutError(f"qmp: {self.path}: no {name} event {data or ''} "
                                   f"within {timeout} s") from None
            if "event" in obj:
                self.events.append(obj)

    # -- DIMMs (spec section 7.2; tools/hotplug and the tests use these)

    def memory_devices(self):
        """query-memory-devices: the pc-dimm ones, as their "data" dicts
        ({"id", "addr", "size", "slot", "node", "memdev", "hotplugged",
        ...}), in QEMU's order."""
        return [d["data"] for d in self.execute("query-memory-devices")
                if d.get("type") == "dimm"]

    def dimm(self, dimm_id):
        """The memory_devices() entry of DIMM_ID; QMPError if there is none."""
        for d in self.memory_devices():
            if d.get("id") == dimm_id:
                return d
        raise QMPError(f"query-memory-devices: no DIMM {dimm_id!r}")

    def _free_dimm_ids(self):
        """The first memN/dimmN pair (N from 1) that no backend or device uses."""
        used = {d.get("id") for d in self.execute("query-memdev")}
        used |= {d.get("id") for d in self.memory_devices()}
        n = 1
        while f"mem{n}" in used or f"dimm{n}" in used:
            n += 1
        return f"mem{n}", f"dimm{n}"

    def add_dimm(self, size, *, slot=None, node=None, addr=None, dimm_id=None):
        """Hot-add a DIMM: object-add memory-backend-ram (SIZE: bytes, or
        text like "128M", "1G"), then device_add pc-dimm.  Ids are memN
        and dimmN, the first N free (DIMM_ID picks the device's, its
        backend is then "mem-" + DIMM_ID).  SLOT, NODE and ADDR go to
        pc-dimm as they are.  Returns the device id; query the slot and
        address QEMU chose with dimm(id).  A refused device_add deletes
        the backend again and raises QMPError with QEMU's reason."""
        mem_id, dev_id = self._free_dimm_ids() if dimm_id is None else ("mem-" + dimm_id, dimm_id)
        self.execute("object-add", {"qom-type": "memory-backend-ram", "id": mem_id,
                                    "size": parse_size(size)})
        args = {"driver": "pc-dimm", "id": dev_id, "memdev": mem_id}
        for key, value in (("slot", slot), ("node", node), ("addr", addr)):
            if value is not None:
                args[key] = value
        try:
            self.execute("device_add", args)
        except QMPError:
            self.execute("object-del", {"id": mem_id})
            raise
        self.dimm_backends[dev_id] = mem_id
        return dev_id

    def del_dimm(self, dimm_id):
        """Ask the guest to remove DIMM_ID (device_del).  This is only a
        request: QEMU removes the DIMM, and sends DEVICE_DELETED, when the
        guest ejects it (spec section 5b); wait_dimm_deleted() waits for it."""
        self.execute("device_del", {"id": dimm_id})

    def wait_dimm_deleted(self, dimm_id, timeout=10.0):
        """Wait for DEVICE_DELETED of DIMM_ID; then free the backend
        add_dimm() made for it.  Returns the event."""
        ev = self.wait_event("DEVICE_DELETED", timeout, data={"device": dimm_id})
        mem_id = self.dimm_backends.pop(dimm_id, None)
        if mem_id:
            self.execute("object-del", {"id": mem_id})
        return ev

    def close(self):
        self.sock.close()


# ------------------------------------------------------------ a running machine

class MachineError(AssertionError):
    """The machine did not do what was expected; the message carries the
    end of the serial output.  (An AssertionError so pytest reports it as a
    test failure with its message.)"""


def printable(text):
    """Serial output made readable: CR LF as a newline, every other control
    byte and every byte >= 0x7f as \\xNN, so escapes and bells show."""
    text = text.replace("\r\n", "\n")
    return re.sub(r"[^\n\t\x20-\x7e]", lambda m: f"\\x{ord(m.group()):02x}", text)


# Machines started and not yet killed: killed at exit, so an interrupted
# test run leaves no QEMU behind.
_live = set()


@atexit.register
def _kill_live_machines():
    for m in list(_live):
        m.kill()


class Machine:
    """QEMU with its serial port on pipes (-serial stdio): every byte the
    guest writes is kept, from the first one, in .output; send() types
    bytes, and QEMU only feeds the UART as fast as the guest drains it, so
    fast typing loses nothing.  The monitor is off; QMP is on a private
    socket.  Strings are bytes decoded as Latin-1: one character per byte.

    Typical use:

        m = Machine("bios", "build/test/default.iso")
        m.start(); m.wait_prompt(timeout=30)
        print(m.run("uptime"))
        m.kill()
    """

    def __init__(self, firmware, iso, *, name=None, no_reboot=True,
                 qmp=True, extra=(), log=None, memory=None, smp=1, machine=None):
        self.firmware = firmware
        self.machine = machine          # argv(machine=...): None, MACHINE[firmware]
        self.iso = iso
        self.name = name or firmware
        self.no_reboot = no_reboot
        self.use_qmp = qmp
        self.extra = list(extra)
        self.memory = memory            # argv(memory=...): None, the standard machine
        self.smp = smp
        self.log = log                  # a file object: every output byte is also written here
        self.workdir = None
        self.argv = None
        self.proc = None
        self.qmp = None
        self.start_time = None          # time.monotonic() just before QEMU started
        self.pos = 0                    # where the next expect() starts looking
        self._out = bytearray()
        self._err = bytearray()
        self._cond = threading.Condition()
        self._threads = []
        self._closed = 0                # pipes (stdout, stderr) QEMU has closed

    # -- life cycle

    def start(self):
        """Start QEMU; the machine runs at once (no -S)."""
        self.workdir = tempfile.mkdtemp(prefix="hotmem-qemu-")
        vars_file = None
        if self.firmware == "uefi":
            vars_file = fresh_ovmf_vars(os.path.join(self.workdir, "OVMF_VARS.fd"))
        qmp_path = os.path.join(self.workdir, "qmp.sock") if self.use_qmp else None
        self.argv = argv(self.firmware, self.iso, serial="stdio", monitor="none",
                         qmp=qmp_path, no_reboot=self.no_reboot,
                         vars_file=vars_file, extra=self.extra,
                         memory=self.memory, smp=self.smp, machine=self.machine)
        self.start_time = time.monotonic()
        _live.add(self)
        self.proc = subprocess.Popen(self.argv, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     bufsize=0, cwd=ROOT)
        for stream, buf in ((self.proc.stdout, self._out), (self.proc.stderr, self._err)):
            t = threading.Thread(target=self._reader, args=(stream, buf), daemon=True)
            t.start()
            self._threads.append(t)
        if qmp_path:
            try:
                self.qmp = QMP(qmp_path, timeout=20, alive=self.alive)
            except (OSError, QMPError, ValueError) as e:
                self.kill()
                raise MachineError(f"{self.name}: QMP: {e}\n{self.describe()}") from None
        return self

    def _reader(self, stream, buf):
        """Copy STREAM into BUF until QEMU closes it (a thread per pipe)."""
        fd = stream.fileno()
        while True:
            try:
                data = os.read(fd, 65536)
            except OSError:
                data = b""
            with self._cond:
                if data:
                    buf += data
                    if self.log and buf is self._out:
                        self.log.write(data)
                        self.log.flush()
                else:
                    self._closed += 1
                self._cond.notify_all()
            if not data:
                return

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.kill()

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def kill(self):
        """Stop QEMU (SIGKILL) and release everything; safe to call twice."""
        if self.qmp:
            try:
                self.qmp.close()
            except OSError:
                pass
            self.qmp = None
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
        if self.proc:
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass
            if self.proc.stdin:
                try:
                    self.proc.stdin.close()
                except OSError:
                    pass
        for t in self._threads:
            t.join(timeout=5)
        self._threads = []
        if self.workdir:
            shutil.rmtree(self.workdir, ignore_errors=True)
            self.workdir = None
        _live.discard(self)

    def wait_exit(self, timeout):
        """Wait for QEMU to exit by itself; return its exit status."""
        __tracebackhide__ = True    # pytest: report the caller's line
        try:
            status = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            raise MachineError(f"{self.name}: QEMU still running after {timeout} s\n"
                               f"{self.describe()}") from None
        for t in self._threads:
            t.join(timeout=5)
        return status

    # -- output

    @property
    def output(self):
        """Everything the guest printed so far."""
        with self._cond:
            return self._out.decode("latin-1")

    @property
    def stderr(self):
        with self._cond:
            return self._err.decode("latin-1", "replace")

    def describe(self, tail=3000):
        """A report for failure messages: status, QEMU's stderr, output tail."""
        status = "running" if self.alive() else f"exited with status {self.proc.returncode}"
        out = printable(self.output[-tail:])
        err = self.stderr.strip()
        return (f"--- {self.name}: QEMU {status}\n"
                + (f"--- QEMU stderr:\n{err}\n" if err else "")
                + f"--- last {tail} bytes of serial output:\n{out}\n--- end")

    def expect(self, pattern, timeout):
        """Wait until PATTERN (a regex string) matches the output after
        .pos; move .pos past the match and return the re.Match (searched
        in self.output, so m.start() is an absolute offset)."""
        __tracebackhide__ = True    # pytest: report the caller's line
        rx = re.compile(pattern)
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                text = self._out.decode("latin-1")
                m = rx.search(text, self.pos)
                if m:
                    self.pos = m.end()
                    return m
                left = deadline - time.monotonic()
                exited = self._closed >= 2 and self.proc.poll() is not None
                if left <= 0 or exited:
                    why = "QEMU exited" if exited else f"timeout after {timeout} s"
                    raise MachineError(f"{self.name}: waiting for {pattern!r}: {why}\n"
                                       f"{self.describe()}")
                self._cond.wait(min(left, 0.5))

    def since(self, offset):
        """The output from OFFSET on."""
        return self.output[offset:]

    # -- input

    def send(self, data):
        """Type DATA (str, Latin-1, or bytes) on the serial port."""
        __tracebackhide__ = True    # pytest: report the caller's line
        if isinstance(data, str):
            data = data.encode("latin-1")
        try:
            self.proc.stdin.write(data)
            self.proc.stdin.flush()
        except (BrokenPipeError, ValueError):
            raise MachineError(f"{self.name}: cannot type, QEMU is gone\n"
                               f"{self.describe()}") from None

    # -- the hotmem shell

    def wait_prompt(self, timeout=10.0):
        """Wait for the next prompt; return the text from .pos up to it."""
        __tracebackhide__ = True    # pytest: report the caller's line
        start = self.pos
        m = self.expect(re.escape(PROMPT), timeout)
        return self.output[start:m.start()]

    def type_line(self, keys, timeout=10.0):
        """Type KEYS (which should end a line, or cancel it) and return
        what the terminal showed up to the next prompt: the echo, with
        any editing escapes, then the output."""
        __tracebackhide__ = True    # pytest: report the caller's line
        self.send(keys)
        return self.wait_prompt(timeout)

    def run(self, command, timeout=10.0):
        """Type COMMAND and Enter at the prompt; return its output lines
        joined with '\\n' (no trailing newline).  The shell echoes what is
        typed, so the text before the next prompt must begin with exactly
        COMMAND and CR LF."""
        __tracebackhide__ = True    # pytest: report the caller's line
        text = self.type_line(command + "\r", timeout)
        echo = command + "\r\n"
        if not text.startswith(echo):
            raise MachineError(f"{self.name}: typed {command!r}; expected the echo "
                               f"{printable(echo)!r}, the terminal showed {printable(text[:200])!r}\n"
                               f"{self.describe()}")
        out = text[len(echo):].replace("\r\n", "\n")
        return out[:-1] if out.endswith("\n") else out

    _sync_count = 0

    def resync(self, timeout=10.0):
        """Bring the shell back to a clean prompt whatever state it is in:
        Ctrl-C (cancel the line), Ctrl-U (in case an escape sequence ate
        the Ctrl-C), then a unique echo; wait for its answer and prompt."""
        __tracebackhide__ = True    # pytest: report the caller's line
        Machine._sync_count += 1
        token = f"resync-{Machine._sync_count}"
        self.send(f"\x03\x15echo {token}\r")
        self.expect(r"\r\n" + re.escape(token) + r"\r\n" + re.escape(PROMPT), timeout)


# ------------------------------------------------------------ command line tool

def _vars_for(qmp_path):
    """`make run`'s VARS copy sits next to its QMP socket (build/)."""
    return os.path.join(os.path.dirname(qmp_path) or ".", os.path.basename(DEFAULT_VARS))


def _cmd_argv(args):
    vars_file = fresh_ovmf_vars(_vars_for(args.qmp)) if args.firmware == "uefi" else None
    a = argv(args.firmware, args.iso, serial=args.serial, qmp=args.qmp, gdb=args.gdb,
             no_reboot=args.no_reboot, vars_file=vars_file, extra=args.extra)
    print(shlex.join(a))
    return 0


def _cmd_run(args):
    if not os.path.exists(args.iso):
        print(f"qemu.py: {args.iso}: no such ISO (build it with `make`)", file=sys.stderr)
        return 1
    if shutil.which(QEMU) is None:
        print(f"qemu.py: {QEMU} not found (Debian package qemu-system-x86)", file=sys.stderr)
        return 1
    os.makedirs(os.path.dirname(args.qmp) or ".", exist_ok=True)
    vars_file = fresh_ovmf_vars(_vars_for(args.qmp)) if args.firmware == "uefi" else None
    a = argv(args.firmware, args.iso, serial="mon:stdio", monitor="none", qmp=args.qmp,
             gdb=args.gdb, vars_file=vars_file, extra=args.extra)
    gdb = "; QEMU waits for gdb: target remote localhost:1234" if args.gdb else ""
    print(f"hotmem: QEMU monitor: Ctrl-A C (again to return to the console); QMP socket: {args.qmp}{gdb}")
    print(f"hotmem: hot-add a DIMM, in the monitor: {HOTADD_HMP[0]}   then: {HOTADD_HMP[1]}")
    print("hotmem: quit QEMU: Ctrl-A X")
    sys.stdout.flush()
    os.execvp(a[0], a)


def main(argv_=None):
    p = argparse.ArgumentParser(prog="tools/qemu.py",
                                description="hotmem's QEMU machine (see the module docstring)")
    sub = p.add_subparsers(dest="cmd", required=True)
    for name, helptext in (("run", "boot in QEMU, console and monitor on this terminal"),
                           ("argv", "print the QEMU command line")):
        s = sub.add_parser(name, help=helptext)
        s.add_argument("--firmware", choices=FIRMWARES, default="bios")
        s.add_argument("--iso", default="build/hotmem.iso")
        s.add_argument("--qmp", default=DEFAULT_QMP, help=f"QMP unix socket (default {DEFAULT_QMP})")
        s.add_argument("--gdb", action="store_true", help="gdb server on :1234, CPU stopped (-s -S)")
        if name == "argv":
            s.add_argument("--serial", default="mon:stdio", help="-serial value (default mon:stdio)")
            s.add_argument("--no-reboot", action="store_true", help="exit QEMU on guest reset")
        s.add_argument("extra", nargs="*", metavar="-- QEMU-ARGS", help="more QEMU arguments")
    args = p.parse_args(argv_)
    return _cmd_run(args) if args.cmd == "run" else _cmd_argv(args)


if __name__ == "__main__":
    sys.exit(main())
