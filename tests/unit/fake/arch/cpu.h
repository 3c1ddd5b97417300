/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/fake/arch/cpu.h - the interrupt flag of a pretend CPU, for
 * code under test that locks by disabling interrupts (mm/page_alloc.c).
 *
 * The fake checks its callers (STYLE.md section 8): arch_irq_restore()
 * without a matching arch_irq_save(), a restore while interrupts were
 * turned back on inside the pair, or pairs restored out of order all
 * panic, and a test asks fake_cpu_idle() after each operation to catch
 * interrupts left disabled.  The state is one weak global, so the header
 * needs no .c file: every object that includes it shares one copy.
 *
 * Course text: docs/00-introduction.md (how the host tests work).
 * Tests: used by tests/unit/mm/test_page_alloc.c, tests/unit/kernel/test_task.c
 */
#ifndef ARCH_CPU_H
#define ARCH_CPU_H

#include "kernel/kernel.h"

#define ARCH_NAME	"host"

struct fake_cpu {
	bool irqs_disabled;	/* false (the zero state): interrupts on */
	int save_depth;		/* arch_irq_save() calls not yet restored */
	unsigned long nr_saves;	/* arch_irq_save() calls since the reset */
	/* What arrives while the CPU waits in arch_wait_for_interrupt(): a
	 * test's interrupt handler (a timer tick); NULL: nothing ever will. */
	void (*interrupt)(void);
};
__attribute__((weak)) struct fake_cpu fake_cpu;

static inline bool
arch_irqs_enabled(void)
{
	return !fake_cpu.irqs_disabled;
}

static inline void
arch_irq_disable(void)
{
	fake_cpu.irqs_disabled = true;
}

static inline void
arch_irq_enable(void)
{
	if (fake_cpu.save_depth > 0)
		panic("fake cpu: arch_irq_enable() inside arch_irq_save() (depth %d)",
		      fake_cpu.save_depth);
	fake_cpu.irqs_disabled = false;
}

static inline bool
arch_irq_save(void)
{
	bool was = arch_irqs_enabled();

	fake_cpu.irqs_disabled = true;
	fake_cpu.save_depth++;
	fake_cpu.nr_saves++;
	return was;
}

/*
 * The checks: a save must be open; interrupts must still be off; and an
 * inner pair (depth > 0 after this one) was saved with interrupts off,
 * so it cannot restore "on".
 */
static inline void
arch_irq_restore(bool was_enabled)
{
	if (fake_cpu.save_depth <= 0)
		panic("fake cpu: arch_irq_restore() without arch_irq_save()");
	if (!fake_cpu.irqs_disabled)
		panic("fake cpu: interrupts turned on inside a save/restore pair");
	fake_cpu.save_depth--;
	if (was_enabled && fake_cpu.save_depth > 0)
		panic("fake cpu: save/restore pairs do not nest (restore on at depth %d)",
		      fake_cpu.save_depth);
	fake_cpu.irqs_disabled = !was_enabled;
}

static inline void arch_cpu_relax(void) { }

/* Device interrupts, as arch/x86_64/include/arch/cpu.h declares them; a
 * test that links code requesting one defines arch_request_gsi(). */
typedef void (*irq_handler_t)(void *arg);
#define IRQ_EDGE	0
#define IRQ_LEVEL	(1u << 0)
#define IRQ_ACTIVE_HIGH	0
#define IRQ_ACTIVE_LOW	(1u << 1)
int arch_request_gsi(u32 gsi, unsigned int flags, irq_handler_t handler, void *arg);

/*
 * "sti; hlt": sleep until an interrupt.  The interrupt is the test's
 * fake_cpu.interrupt(), run as a handler runs, interrupts off; then they
 * are on, as after the real sti.  Waiting with interrupts on could miss
 * the wake-up, and waiting with no interrupt to come would never end:
 * both panic.
 */
static inline void
arch_wait_for_interrupt(void)
{
	if (!fake_cpu.irqs_disabled)
		panic("fake cpu: arch_wait_for_interrupt() with interrupts on: a wake-up can be lost");
	if (!fake_cpu.interrupt)
		panic("fake cpu: waiting for an interrupt that never comes (deadlock)");
	fake_cpu.interrupt();
	fake_cpu.irqs_disabled = false;
}

/* True after any complete operation: no save open, interrupts on. */
static inline bool
fake_cpu_idle(void)
{
	return fake_cpu.save_depth == 0 && !fake_cpu.irqs_disabled;
}

/* Back to the zero state, e.g. after a test expected a panic mid-pair. */
static inline void
fake_cpu_reset(void)
{
	fake_cpu = (struct fake_cpu){ 0 };
}

#endif /* ARCH_CPU_H */
