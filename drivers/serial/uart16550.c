/* SPDX-License-Identifier: MIT */
/*
 * drivers/serial/uart16550.c - the console on COM1, a 16550 UART:
 * 115200 baud, 8 data bits, no parity, 1 stop bit (8N1), FIFOs on.
 *
 * Output is polled: wait until the transmit holding register is empty,
 * write a byte.  Input is interrupt-driven: IRQ 4 moves bytes from the
 * receive FIFO into a ring buffer and wakes rx_wait, and console_getc()
 * sleeps on that wait queue until the ring has something, so that other
 * tasks run meanwhile (with none, the CPU halts: kernel/task.c).  When
 * the ring is full the handler switches the receive interrupt off and
 * leaves the bytes in the UART; QEMU then stops delivering input, so fast
 * typing (or a test pasting 4 KiB) loses nothing.  console_getc()
 * switches it back on once it has made room.
 *
 * Lock rule: rx.head is advanced only by uart_irq(), rx.tail only by the
 * reader; the reader calls uart_irq() itself only with interrupts
 * disabled, and wait_event() disables them around the test-then-sleep, so
 * on one CPU the two never interleave.
 *
 * Course text: docs/01-boot.md, docs/07-aml-and-acpi-events.md (the wait queue).
 * Tests: tests/qemu/test_input_robustness.py, tests/qemu/test_tasks.py
 */
#include <arch/cpu.h>
#include <arch/io.h>
#include "kernel/console.h"
#include "kernel/kernel.h"
#include "kernel/task.h"

#define COM1		0x3f8
#define COM1_IRQ	4

#define UART_RBR	0	/* receive buffer (read) */
#define UART_THR	0	/* transmit holding (write) */
#define UART_IER	1	/* interrupt enable */
#define UART_IIR	2	/* interrupt identification (read) */
#define UART_FCR	2	/* FIFO control (write) */
#define UART_LCR	3	/* line control */
#define UART_MCR	4	/* modem control */
#define UART_LSR	5	/* line status */
#define UART_DLL	0	/* divisor latch, low (when LCR.DLAB) */
#define UART_DLM	1	/* divisor latch, high */

#define IER_RX		0x01	/* interrupt when data is received */
#define LCR_8N1		0x03
#define LCR_DLAB	0x80
#define FCR_ENABLE	0x01
#define FCR_CLEAR	0x06	/* clear both FIFOs */
#define FCR_TRIGGER_1	0x00	/* interrupt on every received byte */
#define MCR_DTR_RTS	0x03
#define MCR_OUT2	0x08	/* gates the UART's interrupt onto the bus */
#define LSR_DR		0x01	/* data ready */
#define LSR_THRE	0x20	/* transmit holding register empty */

#define RX_RING_SIZE	4096	/* a power of two */

static struct {
	u8 buf[RX_RING_SIZE];
	volatile u32 head;	/* next free slot; written by the handler */
	volatile u32 tail;	/* next byte to read; written by the reader */
	volatile bool stalled;	/* the handler turned IER_RX off: ring full */
} rx;
static struct wait_queue rx_wait = WAIT_QUEUE_INIT(rx_wait);	/* readers of an empty ring */

static bool irq_enabled;	/* console_enable_irq() succeeded */
static bool last_was_cr;	/* the last byte written was '\r' */

void
console_init(void)
{
	u16 divisor = 115200 / 115200;

	outb(COM1 + UART_IER, 0);
	outb(COM1 + UART_LCR, LCR_DLAB);
	outb(COM1 + UART_DLL, divisor & 0xff);
	outb(COM1 + UART_DLM, divisor >> 8);
	outb(COM1 + UART_LCR, LCR_8N1);
	outb(COM1 + UART_FCR, FCR_ENABLE | FCR_CLEAR | FCR_TRIGGER_1);
	outb(COM1 + UART_MCR, MCR_DTR_RTS | MCR_OUT2);
}

static void
uart_putc(u8 c)
{
	while (!(inb(COM1 + UART_LSR) & LSR_THRE))
		arch_cpu_relax();
	outb(COM1 + UART_THR, c);
}

void
console_write(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n' && !last_was_cr)
			uart_putc('\r');
		uart_putc(s[i]);
		last_was_cr = s[i] == '\r';
	}
}

/* IRQ 4: move everything the UART holds into the ring, or stall. */
static void
uart_irq(void *arg)
{
	(void)arg;
	while (inb(COM1 + UART_LSR) & LSR_DR) {
		if (rx.head - rx.tail == RX_RING_SIZE) {
			rx.stalled = true;
			outb(COM1 + UART_IER, 0);
			break;
		}
		rx.buf[rx.head % RX_RING_SIZE] = inb(COM1 + UART_RBR);
		rx.head++;
	}
	if (rx.head != rx.tail)
		wake_up(&rx_wait);
}

void
console_enable_irq(void)
{
	int err = arch_request_isa_irq(COM1_IRQ, uart_irq, NULL);

	if (err) {
		pr_err("serial: cannot get IRQ %d (%d); input stays polled\n",
		       COM1_IRQ, err);
		return;
	}
	irq_enabled = true;
	(void)inb(COM1 + UART_IIR);	/* clear anything pending */
	outb(COM1 + UART_IER, IER_RX);
	pr_info("serial: COM1 at 0x%x, IRQ %d, 115200 8N1\n", COM1, COM1_IRQ);
}

int
console_try_getc(void)
{
	bool flags;
	int c = -1;

	if (!irq_enabled)
		return (inb(COM1 + UART_LSR) & LSR_DR) ? inb(COM1 + UART_RBR) : -1;

	flags = arch_irq_save();
	if (rx.head != rx.tail) {
		c = rx.buf[rx.tail % RX_RING_SIZE];
		rx.tail++;
	}
	/* Made room: let the UART interrupt us again. */
	if (rx.stalled && rx.head - rx.tail < RX_RING_SIZE / 2) {
		rx.stalled = false;
		outb(COM1 + UART_IER, IER_RX);
		uart_irq(NULL);
	}
	arch_irq_restore(flags);
	return c;
}

/*
 * The next byte typed.  Without the interrupt, poll, letting the other
 * tasks run between looks; with it, sleep on rx_wait until uart_irq()
 * has put something in the ring.
 */
u8
console_getc(void)
{
	for (;;) {
		int c;

		if (irq_enabled)
			wait_event(&rx_wait, rx.head != rx.tail);
		c = console_try_getc();
		if (c >= 0)
			return c;
		if (!irq_enabled)
			task_yield();
	}
}
