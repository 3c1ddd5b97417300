/* SPDX-License-Identifier: MIT */
/*
 * arch/x86_64/x86.h - what the files of arch/x86_64/ share among
 * themselves: registers, descriptor layouts, the trap frame, vectors.
 * Nothing outside arch/x86_64/ includes this file.
 *
 * Course text: docs/01-boot.md.
 */
#ifndef ARCH_X86_64_X86_H
#define ARCH_X86_64_X86_H

#include "kernel/types.h"

/* Segment selectors (gdt.c). */
#define KERNEL_CS	0x08
#define KERNEL_DS	0x10
#define USER_DS		0x1b	/* 0x18 | ring 3 */
#define USER_CS		0x23	/* 0x20 | ring 3 */
#define TSS_SEL		0x28

/*
 * Interrupt vectors.
 *   0..31     CPU exceptions
 *   32..47    the legacy PIC, remapped here and masked (only spurious IRQs)
 *   48..71    GSI n through the IOAPIC: VECTOR_GSI_BASE + n (ISA IRQ n
 *             is GSI n, edge, active high; the SCI comes with ACPI)
 *   128       int $0x80: system calls from user mode (user.c)
 *   239       the local APIC timer
 *   255       the local APIC's spurious vector
 */
#define VECTOR_PIC_BASE		32
#define VECTOR_GSI_BASE		48
#define NR_GSI_VECTORS		24	/* GSIs 0..23: the one IOAPIC QEMU has */
#define NR_ISA_IRQS		16
#define VECTOR_SYSCALL		128	/* int $0x80: the system call gate, DPL 3 */
#define VECTOR_LAPIC_TIMER	239
#define VECTOR_SPURIOUS		255
#define NR_VECTORS		256

/* What trap_entry.S saves on the stack, lowest address first. */
struct trap_frame {
	u64 r15, r14, r13, r12, r11, r10, r9, r8;
	u64 rbp, rdi, rsi, rdx, rcx, rbx, rax;
	u64 vector;		/* pushed by the stub */
	u64 error_code;		/* pushed by the CPU, or 0 by the stub */
	u64 rip, cs, rflags, rsp, ss;	/* pushed by the CPU */
};
_Static_assert(sizeof(struct trap_frame) == 22 * 8, "trap_entry.S layout");
_Static_assert(offsetof(struct trap_frame, cs) == 144, "trap_entry.S: TF_CS");

/* Did the trap come from user mode?  (The CPL is the low bits of CS.) */
static inline bool
trap_from_user(const struct trap_frame *tf)
{
	return (tf->cs & 3) == 3;
}

/*
 * What arch_context_switch() (switch.S) leaves on a stack it switches
 * away from, lowest address first: the callee-saved registers, then its
 * return address.  context.c builds one for a task never run before.
 */
struct switch_frame {
	u64 r15, r14, r13, r12, rbx, rbp;
	u64 rip;		/* where the task resumes */
};
_Static_assert(sizeof(struct switch_frame) == 7 * 8, "switch.S layout");

/* trap_entry.S: stub n starts at trap_stubs + n * TRAP_STUB_SIZE. */
#define TRAP_STUB_SIZE	16
extern char trap_stubs[];

/* gdt.c */
void gdt_init(void);
/* idt.c */
void idt_init(void);
void trap_dispatch(struct trap_frame *tf);
/* traps.c */
void exception_report(const struct trap_frame *tf) __noreturn;
void stack_trace(u64 rip, u64 rbp, int max);
const char *exception_name(u64 vector);		/* "#PF Page Fault" */
void decode_page_fault(u64 err, char *buf, size_t size);	/* "not-present write user" */
/* The registers of TF as lines of text, each handed to OUT (no newline). */
void trap_print_registers(const struct trap_frame *tf, void (*out)(const char *line));
/* user.c: traps from ring 3 and the way back */
bool user_trap(struct trap_frame *tf);		/* false: not ours, report it */
void trap_return_to_user(struct trap_frame *tf);
/* pic.c */
void pic_disable(void);
/* lapic.c */
void lapic_init(void);
void lapic_eoi(void);
void lapic_timer_start(unsigned int hz);
void lapic_timer_interrupt(void);	/* the tick: jiffies, sleeping tasks */
extern volatile u64 jiffies;
/* ioapic.c */
void ioapic_init(void);
int ioapic_route(unsigned int gsi, u8 vector, bool level, bool active_low);
/* mmu.c: what uvm.c shares with the kernel's page tables */
u64 *mmu_kernel_pml4(void);
extern unsigned long mmu_kernel_pml4_gen;	/* bumped when the kernel PML4 gains an entry */
paddr_t mmu_table_alloc(void);			/* a zeroed, counted table page; 0: none */
void mmu_table_free(paddr_t pa);
bool mmu_table_is_empty(const u64 *table);	/* all 512 entries zero? */
/* uvm.c */
void uvm_sync_kernel_half(void);	/* the loaded user PML4 gets the kernel's new entries */
/* timer.c */
void timer_init(void);
u64 tsc_hz(void);

/* Control registers and MSRs. */
static inline u64 read_cr0(void) { u64 v; __asm__ volatile("mov %%cr0, %0" : "=r"(v)); return v; }
static inline u64 read_cr2(void) { u64 v; __asm__ volatile("mov %%cr2, %0" : "=r"(v)); return v; }
static inline u64 read_cr3(void) { u64 v; __asm__ volatile("mov %%cr3, %0" : "=r"(v)); return v; }
static inline u64 read_cr4(void) { u64 v; __asm__ volatile("mov %%cr4, %0" : "=r"(v)); return v; }
static inline void write_cr3(u64 v) { __asm__ volatile("mov %0, %%cr3" :: "r"(v) : "memory"); }

static inline u64
rdmsr(u32 msr)
{
	u32 lo, hi;

	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((u64)hi << 32) | lo;
}

static inline void
wrmsr(u32 msr, u64 v)
{
	__asm__ volatile("wrmsr" :: "c"(msr), "a"((u32)v), "d"((u32)(v >> 32)));
}

#define MSR_APIC_BASE	0x1b

#endif /* ARCH_X86_64_X86_H */
