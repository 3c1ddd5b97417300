# SPDX-License-Identifier: MIT
"""
User story: the checks of Linux's memory-hotplug selftest
(tools/testing/selftests/memory-hotplug/mem-on-off-test.sh) pass on
hotmem, through the same sysfs files: every hotpluggable block (removable
1) that is offline goes online; a random share of the online ones goes
offline; all go online again; each step expects success and is checked
by reading the block's state back.  Then the error-injection half: with
MEM_GOING_ONLINE's injected error set to -12 every online of an offline
block fails and the block stays offline; with it back at 0 they all go
online; with MEM_GOING_OFFLINE's set, every offline fails and the block
stays online; back at 0, offline and online work again.  Every failed
step leaves the counters as they were.

The script is not run or copied; its semantics are written here in
Python.  Its random share uses the shell's $RANDOM; here a seeded
random.Random (seed in the test id's failure message; HOTMEM_SEED=N to
repeat one), half of the blocks, at least one.

Machine: per firmware, one of the test's own; a 1 GiB DIMM is plugged
with the policy offline first, so the first step has blocks to online.

Course text: docs/09-hot-remove.md.
"""

import os
import random
import time

import pytest

from conftest import FIRMWARES
from memhp import (GiB, MEMDIR, block_ids, free_counters, assert_same, inject, list_blocks,
                   meminfo, plug, run_refused, set_policy, set_state, states)

RATIO = 50      # percent of the online hotpluggable blocks offlined


def hotpluggable(m, state):
    """The blocks whose removable file says 1 and whose state is STATE
    (the selftest's hotpluggable_memory())."""
    ids = list_blocks(m)
    removable = dict(zip(ids, m.run("cat " + " ".join(f"{MEMDIR}/memory{n}/removable"
                                                      for n in ids)).split("\n")))
    st = states(m, ids)
    return [n for n in ids if removable[n] == "1" and st[n] == state]


class Steps:
    """The selftest's four expect_* steps; a failed expectation is kept
    (the script goes on and reports each) and reported at the end."""

    def __init__(self, m, seed):
        self.m, self.seed, self.errors = m, seed, []

    def _state(self, n):
        return states(self.m, [n])[n]

    def online_ok(self, n):
        err = set_state(self.m, n, "online")
        if err:
            self.errors.append(f"online memory{n}: unexpected fail: {err}")
        elif self._state(n) != "online":
            self.errors.append(f"online memory{n}: unexpected {self._state(n)}")

    def online_fail(self, n):
        err = set_state(self.m, n, "online")
        if err is None:
            self.errors.append(f"online memory{n}: unexpected success")
        elif self._state(n) != "offline":
            self.errors.append(f"online memory{n}: failed but is {self._state(n)}")

    def offline_ok(self, n):
        err = set_state(self.m, n, "offline")
        if err:
            self.errors.append(f"offline memory{n}: unexpected fail: {err}")
        elif self._state(n) != "offline":
            self.errors.append(f"offline memory{n}: unexpected {self._state(n)}")

    def offline_fail(self, n):
        err = set_state(self.m, n, "offline")
        if err is None:
            self.errors.append(f"offline memory{n}: unexpected success")
        elif self._state(n) != "online":
            self.errors.append(f"offline memory{n}: failed but is {self._state(n)}")

    def check(self, phase):
        __tracebackhide__ = True
        assert not self.errors, (f"{phase} (seed {self.seed}):\n  " + "\n  ".join(self.errors))


def share(rng, blocks):
    """About RATIO percent of BLOCKS, at least one, in their order."""
    picked = [n for n in blocks if rng.randrange(100) < RATIO]
    return picked or [rng.choice(blocks)]


@pytest.mark.parametrize("firmware", FIRMWARES)
def test_mem_on_off(boot, firmware):
    seed = int(os.environ.get("HOTMEM_SEED", time.time_ns() % 1000003))
    rng = random.Random(seed)
    m = boot(firmware)
    set_policy(m, "offline")
    dimm = plug(m, GiB)
    set_policy(m, "online_movable")
    dimm_blocks = block_ids(dimm["addr"], dimm["size"])
    steps = Steps(m, seed)

    # 1. Online every hotpluggable offline block (the DIMM's, at least).
    offline = hotpluggable(m, "offline")
    assert set(dimm_blocks) <= set(offline), \
        f"the offline DIMM blocks {dimm_blocks} are not all hotpluggable: {offline}"
    for n in offline:
        steps.online_ok(n)
    steps.check("online all")
    full = meminfo(m)["MemTotal"]
    # The paired expect-fail: onlining an online block is an error.
    assert set_state(m, dimm_blocks[0], "online") is not None, "online of an online block succeeded"
    assert states(m, [dimm_blocks[0]])[dimm_blocks[0]] == "online"

    # 2. Offline a random share of the hotpluggable online blocks.
    online = hotpluggable(m, "online")
    assert set(dimm_blocks) <= set(online), online
    for n in share(rng, online):
        steps.offline_ok(n)
    steps.check("offline a share")
    assert meminfo(m)["MemTotal"] < full

    # 3. Online them all again: MemTotal as it was.
    for n in hotpluggable(m, "offline"):
        steps.online_ok(n)
    steps.check("online all again")
    assert meminfo(m)["MemTotal"] == full

    # -- with the notifier error injector
    # 4. MEM_GOING_OFFLINE not failing: offline a share.
    inject(m, "MEM_GOING_OFFLINE", 0)
    for n in share(rng, hotpluggable(m, "online")):
        steps.offline_ok(n)
    steps.check("offline a share, injector at 0")

    # 5. MEM_GOING_ONLINE fails with -12: no offline block comes online.
    inject(m, "MEM_GOING_ONLINE", -12)
    before = free_counters(m)
    offline = hotpluggable(m, "offline")
    assert offline
    for n in offline:
        steps.online_fail(n)
    assert "MEM_GOING_ONLINE" in run_refused(m, f"online {offline[0]}")
    steps.check("online with MEM_GOING_ONLINE failing")
    assert_same(before, free_counters(m), "free counters after the refused onlines")

    # 6. Back at 0: they all come online.
    inject(m, "MEM_GOING_ONLINE", 0)
    for n in hotpluggable(m, "offline"):
        steps.online_ok(n)
    steps.check("online all, injector back at 0")
    assert meminfo(m)["MemTotal"] == full

    # 7. MEM_GOING_OFFLINE fails with -12: no online block goes offline.
    inject(m, "MEM_GOING_OFFLINE", -12)
    before = free_counters(m)
    online = hotpluggable(m, "online")
    for n in online:
        steps.offline_fail(n)
    assert "MEM_GOING_OFFLINE" in run_refused(m, f"offline {online[0]}")
    steps.check("offline with MEM_GOING_OFFLINE failing")
    assert_same(before, free_counters(m), "free counters after the refused offlines")

    # 8. Back at 0: everything works again.
    inject(m, "MEM_GOING_OFFLINE", 0)
    n = rng.choice(dimm_blocks)
    steps.offline_ok(n)
    steps.online_ok(n)
    steps.check("offline and online, injector back at 0")
    assert meminfo(m)["MemTotal"] == full
