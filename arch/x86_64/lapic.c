/* SPDX-License-Identifier: MIT */
/*
 * arch/x86_64/lapic.c - the local APIC: where this CPU receives its
 * interrupts, acknowledges them (EOI) and keeps its periodic timer.
 *
 * The registers are memory-mapped at the address in the IA32_APIC_BASE
 * MSR (0xfee00000 unless firmware moved it), reached through the direct
 * map; each register is 32 bits on a 16-byte stride.
 *
 * Course text: docs/01-boot.md.
 */
#include <arch/cpu.h>
#include <arch/io.h>
#include <arch/memlayout.h>
#include <arch/mmu.h>
#include "arch/x86_64/x86.h"
#include "kernel/kernel.h"
#include "kernel/task.h"

#define LAPIC_ID	0x020
#define LAPIC_VERSION	0x030
#define LAPIC_TPR	0x080	/* task priority: 0 accepts everything */
#define LAPIC_EOI	0x0b0
#define LAPIC_SVR	0x0f0	/* spurious vector; bit 8 enables the APIC */
#define LAPIC_LVT_TIMER	0x320
#define LAPIC_LVT_LINT0	0x350
#define LAPIC_LVT_LINT1	0x360
#define LAPIC_LVT_ERROR	0x370
#define LAPIC_TIMER_INIT 0x380
#define LAPIC_TIMER_CUR	0x390
#define LAPIC_TIMER_DIV	0x3e0

#define LVT_MASKED	(1 << 16)
#define LVT_PERIODIC	(1 << 17)
#define SVR_ENABLE	(1 << 8)
#define APIC_BASE_ENABLE (1 << 11)

static volatile u8 *lapic;	/* set by lapic_init(), then read-only */

/* Timer ticks since lapic_timer_start(); incremented in the interrupt. */
volatile u64 jiffies;

static u32
lapic_read(u32 reg)
{
	return mmio_read32(lapic + reg);
}

static void
lapic_write(u32 reg, u32 v)
{
	mmio_write32(lapic + reg, v);
}

void
lapic_init(void)
{
	u64 base = rdmsr(MSR_APIC_BASE);

	wrmsr(MSR_APIC_BASE, base | APIC_BASE_ENABLE);
	if (arch_map_mmio(base & ~0xfffULL, 0x1000))
		panic("lapic: cannot map its registers at 0x%llx", base & ~0xfffULL);
	lapic = phys_to_virt(base & ~0xfffULL);

	lapic_write(LAPIC_TPR, 0);
	lapic_write(LAPIC_LVT_TIMER, LVT_MASKED);
	lapic_write(LAPIC_LVT_LINT0, LVT_MASKED);
	lapic_write(LAPIC_LVT_LINT1, LVT_MASKED);
	lapic_write(LAPIC_LVT_ERROR, LVT_MASKED);
	lapic_write(LAPIC_SVR, SVR_ENABLE | VECTOR_SPURIOUS);
	pr_info("lapic: id %u, version 0x%x, at 0x%llx\n",
		lapic_read(LAPIC_ID) >> 24, lapic_read(LAPIC_VERSION) & 0xff,
		(unsigned long long)(base & ~0xfffULL));
}

void
lapic_eoi(void)
{
	lapic_write(LAPIC_EOI, 0);
}

/*
 * The timer interrupt, HZ times a second: count the tick and wake the
 * tasks whose task_sleep_ms() has ended.  It never switches tasks (the
 * scheduler is cooperative, kernel/task.h): a woken task runs at the
 * next schedule().
 *
 * Preemption (a later issue) hooks in here: when the current task has
 * used up its time slice, set a "need to reschedule" flag; trap_entry.S
 * checks it on the way out of the interrupt, after the EOI, and calls
 * schedule() there, where the interrupted task's registers are saved,
 * never inside a handler.
 */
void
lapic_timer_interrupt(void)
{
	jiffies++;
	task_timer_tick(ktime_ns());
}

/*
 * Start the periodic timer at HZ interrupts a second.  Its input clock is
 * unknown, so count how far it runs down in 10 ms of the (already
 * calibrated) TSC, and scale.
 */
void
lapic_timer_start(unsigned int hz)
{
	u64 tsc_10ms = tsc_hz() / 100, start;
	u32 elapsed;

	lapic_write(LAPIC_TIMER_DIV, 0x3);	/* divide by 16 */
	lapic_write(LAPIC_LVT_TIMER, LVT_MASKED);
	lapic_write(LAPIC_TIMER_INIT, 0xffffffff);
	start = rdtsc();
	while (rdtsc() - start < tsc_10ms)
		;
	elapsed = 0xffffffff - lapic_read(LAPIC_TIMER_CUR);

	lapic_write(LAPIC_TIMER_INIT, 0);
	lapic_write(LAPIC_LVT_TIMER, LVT_PERIODIC | VECTOR_LAPIC_TIMER);
	lapic_write(LAPIC_TIMER_INIT, (u32)((u64)elapsed * 100 / hz));
	pr_info("lapic: timer %u Hz (%llu kHz input after divide-by-16)\n",
		hz, (unsigned long long)elapsed / 10);
}
