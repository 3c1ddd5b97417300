/* SPDX-License-Identifier: MIT */
/*
 * arch/x86_64/timer.c - the monotonic clock: the CPU's time-stamp counter,
 * whose rate we measure against the 8254 PIT, a clock of known frequency.
 *
 * Calibration: PIT channel 2 counts down from a value worth 10 ms at
 * 1.193182 MHz, gated through port 0x61; we read the TSC when it starts
 * and when its output goes high.  ktime_ns() then turns TSC ticks into
 * nanoseconds with one 64x64->128 multiply: ns = delta * mult >> 32.
 * Resolution: one TSC tick, well under a microsecond.  Three runs are
 * made and the lowest rate kept (an arbitrary but stable choice; under
 * emulation the runs differ by well under a percent).
 *
 * Course text: docs/01-boot.md.
 */
#include <arch/cpu.h>
#include <arch/io.h>
#include "arch/x86_64/x86.h"
#include "kernel/kernel.h"

#define PIT_HZ		1193182
#define PIT_CH2		0x42
#define PIT_CMD		0x43
#define PORT_B		0x61	/* bit 0: gate ch2, bit 1: speaker, bit 5: ch2 out */
#define CALIBRATE_MS	10

/* Set once by timer_init(); read-only afterwards. */
static u64 tsc_start;		/* TSC at calibration: time zero */
static u64 tsc_freq;		/* ticks per second; 0 before calibration */
static u64 ns_mult;		/* ns = (ticks * ns_mult) >> 32 */

static u64
calibrate_tsc_once(void)
{
	u16 count = PIT_HZ * CALIBRATE_MS / 1000;
	u64 t0, t1;
	u8 b;

	b = inb(PORT_B);
	outb(PORT_B, (b & ~0x02) | 0x01);	/* gate on, speaker off */
	outb(PIT_CMD, 0xb0);		/* ch2, lo/hi byte, mode 0, binary */
	outb(PIT_CH2, count & 0xff);
	outb(PIT_CH2, count >> 8);
	/* Restart the count by toggling the gate. */
	b = inb(PORT_B);
	outb(PORT_B, b & ~0x01);
	outb(PORT_B, b | 0x01);
	t0 = rdtsc();
	while (!(inb(PORT_B) & 0x20))
		;
	t1 = rdtsc();
	return (t1 - t0) * (1000 / CALIBRATE_MS);
}

void
timer_init(void)
{
	u64 best = ~0ULL;

	/* Three runs; keep the lowest rate. */
	for (int i = 0; i < 3; i++) {
		u64 hz = calibrate_tsc_once();

		if (hz && hz < best)
			best = hz;
	}
	tsc_freq = best;
	ns_mult = (u64)(((unsigned __int128)1000000000 << 32) / tsc_freq);
	tsc_start = rdtsc();
	pr_info("clock: tsc %llu.%03llu MHz, calibrated against the PIT\n",
		(unsigned long long)(tsc_freq / 1000000),
		(unsigned long long)(tsc_freq / 1000 % 1000));
}

u64
tsc_hz(void)
{
	return tsc_freq;
}

u64
ktime_ns(void)
{
	if (!tsc_freq)
		return 0;
	return (u64)(((unsigned __int128)(rdtsc() - tsc_start) * ns_mult) >> 32);
}

/*
 * Busy-wait US microseconds.  Before the clock is calibrated, fall back
 * on port 0x80 writes, which take about a microsecond each.
 */
void
udelay(u64 us)
{
	u64 end;

	if (!tsc_freq) {
		while (us--)
			io_wait();
		return;
	}
	end = ktime_ns() + us * 1000;
	while (ktime_ns() < end)
		arch_cpu_relax();
}
