# SPDX-License-Identifier: MIT
#
# hotmem's one Makefile: the kernel, its ISO, QEMU runs, host tests.
#
#   make                 build/hotmem.elf and build/hotmem.iso
#   make iso ISO=path CMDLINE='...'   an ISO whose GRUB entry passes CMDLINE
#   make run             boot in QEMU, SeaBIOS, -M pc   (tools/qemu.py)
#   make run-uefi        boot in QEMU, OVMF, -M q35
#   make run-gdb         as run, stopped for gdb on :1234
#   make test            host unit tests, docs check, QEMU tests; one summary line
#   make unit            host unit tests only (cmocka, ASan/UBSan); UNIT_ARCH=ppc64 or ia64
#   make unit-all        host unit tests with each arch parameter set
#   make qemu-test       QEMU tests only (pytest; PYTEST_ARGS='-k name' to pick)
#   make aml-oracle      tests/data/aml/*.asl under ACPICA and under hotmem's AML interpreter
#   make bench           figures (boot time, ...), never pass/fail
#   make fuzz            each fuzz target for FUZZ_SECONDS (default 60)
#   make clean           remove build/
#   V=1                  show every command
#
# Course text: docs/00-introduction.md, docs/01-boot.md.

ARCH	?= x86_64
BUILD	:= build
ISO	?= $(BUILD)/hotmem.iso
CMDLINE	?=
PYTHON	:= /usr/bin/python3

ifeq ($(V),1)
Q :=
else
Q := @
endif

# ---------------------------------------------------------------- sources
# Each directory lists its files; the comment says what each one is.

BOOT_SRCS += boot/multiboot2.S           # the multiboot2 header GRUB looks for
BOOT_SRCS += boot/entry.S                # 32-bit entry, early page tables, long mode


ARCH_SRCS += arch/x86_64/cpu.c           # control registers, reboot, isa-debug-exit
ARCH_SRCS += arch/x86_64/gdt.c           # GDT and TSS (a separate stack for double faults)
ARCH_SRCS += arch/x86_64/idt.c           # the interrupt descriptor table and IRQ handlers
ARCH_SRCS += arch/x86_64/trap_entry.S    # the 256 interrupt stubs, register save/restore
ARCH_SRCS += arch/x86_64/traps.c         # the CPU exception report
ARCH_SRCS += arch/x86_64/pic.c           # legacy 8259 PIC: remapped, then masked
ARCH_SRCS += arch/x86_64/lapic.c         # local APIC: EOI, the periodic timer
ARCH_SRCS += arch/x86_64/ioapic.c        # IOAPIC: routes ISA IRQs to vectors
ARCH_SRCS += arch/x86_64/timer.c         # the monotonic clock (TSC, calibrated on the PIT)
ARCH_SRCS += arch/x86_64/mmu.c           # page tables: the direct map, map/unmap at run time
ARCH_SRCS += arch/x86_64/switch.S        # the context switch and a new task's trampoline
ARCH_SRCS += arch/x86_64/context.c       # a new task's first stack frame
ARCH_SRCS += arch/x86_64/uvm.c           # user page tables: a PML4 per address space, entries for mm/
ARCH_SRCS += arch/x86_64/user.c          # traps from ring 3: system calls, user faults, the way back


DRIVER_SRCS += drivers/serial/uart16550.c  # COM1 console, interrupt-driven input

ACPI_SRCS += drivers/acpi/tables.c       # RSDP, RSDT/XSDT: find, map, bound and checksum the tables
ACPI_SRCS += drivers/acpi/fadt.c         # FADT: fixed hardware (PM1, GPE0, SCI), DSDT and FACS
ACPI_SRCS += drivers/acpi/madt.c         # MADT: local APICs, IOAPICs, ISA IRQ overrides
ACPI_SRCS += drivers/acpi/osl.c          # acpi_os_map(): firmware memory into the direct map
ACPI_SRCS += drivers/acpi/cmd_acpi.c     # `acpi`, `acpi dump`, /sys/firmware/acpi/tables/
ACPI_SRCS += drivers/acpi/srat.c         # SRAT: CPUs and memory ranges by proximity domain
ACPI_SRCS += drivers/acpi/slit.c         # SLIT: distances between proximity domains
ACPI_SRCS += drivers/acpi/numa.c         # PXM -> node, SRAT/SLIT handed to mm/numa.c; `srat`
ACPI_SRCS += drivers/acpi/hw.c           # fixed hardware: PM1 and GPE registers, the reset register
ACPI_SRCS += drivers/acpi/namespace.c    # the DSDT and SSDTs loaded into the AML namespace at boot
ACPI_SRCS += drivers/acpi/events.c       # ACPI mode, the SCI, GPE methods, the power button
ACPI_SRCS += drivers/acpi/worker.c       # kacpid: the one task that runs AML; acpi_worker_call()
ACPI_SRCS += drivers/acpi/bus.c          # devices by _HID/_CID/_STA, drivers, the Notify queue
ACPI_SRCS += drivers/acpi/sleep.c        # power off (\_S5, SLP_EN) and the reset register
ACPI_SRCS += drivers/acpi/cmd_aml.c      # `aml eval`, `aml ls`, `acpi devices`, `trace`, `poweroff`
ACPI_SRCS += drivers/acpi/memory_device.c # PNP0C80 DIMM slots: Notify 1 -> add_memory, Notify 3 -> remove, _EJ0, _OST
ACPI_SRCS += drivers/acpi/cmd_memory.c   # `dimms`, `eject SLOT`

# The AML interpreter (builds on the host too: tests/unit/unit.mk uses this list).
AML_SRCS += drivers/acpi/aml/namespace.c  # the tree of names: make, find (ACPI's search rules), delete, walk
AML_SRCS += drivers/acpi/aml/object.c     # values: reference-counted objects, copies, aml_value out and in
AML_SRCS += drivers/acpi/aml/convert.c    # Integer/String/Buffer conversions, implicit and explicit
AML_SRCS += drivers/acpi/aml/parse.c      # PkgLength, NameString, the opcode table, aml_check_methods()
AML_SRCS += drivers/acpi/aml/exec.c       # the term loop, method calls, control flow, limits
AML_SRCS += drivers/acpi/aml/table.c      # loading tables, aml_reset(), aml_eval(): the front door
AML_SRCS += drivers/acpi/aml/exec_named.c # Name, Scope, Device, Method, Field ...: operators that make names
AML_SRCS += drivers/acpi/aml/exec_data.c  # Buffer, Package, Store, references, Notify, mutexes and events
AML_SRCS += drivers/acpi/aml/exec_expr.c  # arithmetic, logic, comparisons, string and buffer operators
AML_SRCS += drivers/acpi/aml/store.c      # targets: Store's conversion rules, CopyObject, Debug
AML_SRCS += drivers/acpi/aml/region.c     # field units and buffer fields: access widths, update rules
AML_SRCS += drivers/acpi/aml/resource.c   # _CRS resource templates: walk and decode descriptors
AML_SRCS += drivers/acpi/aml/print.c      # a value as one line of text (aml eval, the oracle tests)


KERNEL_SRCS += kernel/main.c               # kernel_main(): the init sequence
KERNEL_SRCS += kernel/printk.c             # printk, log levels, timestamps, dmesg buffer
KERNEL_SRCS += kernel/panic.c              # panic() and machine_stop()
KERNEL_SRCS += kernel/cmdline.c            # the kernel command line and `cmdline`
KERNEL_SRCS += kernel/args.c               # the argument parser all shell commands share
KERNEL_SRCS += kernel/lineedit.c           # the shell's line editor and history
KERNEL_SRCS += kernel/shell.c              # the shell loop, command lookup, help
KERNEL_SRCS += kernel/cmd_basic.c          # version uptime echo reboot halt crash
KERNEL_SRCS += kernel/pseudofs.c           # pseudo-files (/proc, /sys): ls, cat, echo > FILE
KERNEL_SRCS += kernel/ksyms.c              # code address -> function+offset for stack traces
KERNEL_SRCS += kernel/multiboot2.c         # reading the boot information GRUB hands over
KERNEL_SRCS += kernel/task.c               # tasks, the scheduler, sleeping, task exit
KERNEL_SRCS += kernel/wait.c               # wait queues, mutexes, completions
KERNEL_SRCS += kernel/cmd_task.c           # ps, sleep
KERNEL_SRCS += kernel/task_user.c          # user tasks: create, preempt, kill, exit, pins
KERNEL_SRCS += kernel/syscall.c            # the system calls, by number
KERNEL_SRCS += kernel/elf.c                # the checks an ELF program passes before loading
KERNEL_SRCS += kernel/exec.c               # a built-in program into a new address space; run
KERNEL_SRCS += kernel/cmd_work.c           # work start/check/stop: the workload and its checker
KERNEL_SRCS += kernel/user/programs.S      # the user programs, embedded (.incbin)
KERNEL_SRCS += kernel/lib/string.c         # mem* and str*
KERNEL_SRCS += kernel/lib/printf.c         # vsnprintf and the console printf

MM_SRCS += mm/memblock.c                    # the boot-time allocator
MM_SRCS += mm/sparse.c                      # sections and their memmaps
MM_SRCS += mm/node.c                        # nodes, zones, zonelists, watermarks
MM_SRCS += mm/page_alloc.c                  # the buddy allocator without bitmaps
MM_SRCS += mm/buddy_check.c                 # its invariant checker (memcheck)
MM_SRCS += mm/slab.c                        # kmalloc and kfree: size classes over buddy pages
MM_SRCS += mm/init.c                        # mm_init(): memory up at boot, in order
MM_SRCS += mm/proc.c                        # /proc/meminfo buddyinfo ...; memcheck
MM_SRCS += mm/memmap_view.c                 # memmap: the memmap drawn
MM_SRCS += mm/cmd_hotplug.c                 # lsmem online offline probe remove retry kalloc
MM_SRCS += mm/numa.c                        # NUMA nodes from the firmware; numa=off, movable_node
MM_SRCS += mm/page_isolation.c              # isolate pageblocks, find what holds a page, take free pages out
MM_SRCS += mm/memory_block.c                # memory blocks, their sysfs files, online and offline
MM_SRCS += mm/memory_notify.c               # the memory notifier chain and its error injector
MM_SRCS += mm/memory_hotplug.c              # hot add and remove of ranges, memmaps, the range records, probe
MM_SRCS += mm/hotplug_policy.c              # auto-online policy, memmap_on_memory, /proc/memhotplug, probe file
MM_SRCS += mm/cmd_membench.c                # membench: memcpy page by page, migration's yardstick
MM_SRCS += mm/vm.c                          # user address spaces: areas, faults, rmap, page lock, pins
MM_SRCS += mm/migrate.c                     # page migration: batches, migration entries, rollback; hold_ms
MM_SRCS += mm/vmstat.c                      # /proc/vmstat: faults, anon pages, migration counters
MM_SRCS += mm/cmd_migrate.c                 # migrate BLOCK|PFN [node=N]

# User programs (kernel/user/): each NAME.c with the start file and the
# library is linked at USER_VA_START into $(BUILD)/user/NAME.elf, which
# kernel/user/programs.S embeds in the kernel.
USER_PROGS := work hello fault spin
USER_LIB_SRCS += kernel/user/start.S     # _start: argc, argv from the stack to main(); exit
USER_LIB_SRCS += kernel/user/ulib.c      # uprintf, number parsing (the stubs are in ulib.h)
USER_LIB_SRCS += kernel/lib/string.c     # the kernel's mem* and str*, built for user mode

SRCS := $(strip $(BOOT_SRCS) $(ARCH_SRCS) $(DRIVER_SRCS) $(ACPI_SRCS) $(AML_SRCS) $(KERNEL_SRCS) $(MM_SRCS))
OBJS := $(patsubst %,$(BUILD)/obj/%.o,$(SRCS))

# ---------------------------------------------------------------- flags

CC	:= gcc
KCFLAGS	:= -std=gnu11 -O2 -g -Wall -Wextra -Werror \
	   -ffreestanding -fno-builtin -fno-tree-loop-distribute-patterns -fno-stack-protector -fno-pic -fno-pie \
	   -mno-red-zone -mcmodel=kernel -mgeneral-regs-only \
	   -fno-omit-frame-pointer -fno-asynchronous-unwind-tables \
	   -I. -Iarch/$(ARCH)/include -MMD -MP
KASFLAGS := -g -Wall -Werror -I. -Iarch/$(ARCH)/include -MMD -MP -D__ASSEMBLY__
KLDFLAGS := -nostdlib -static -no-pie -Wl,-n -Wl,--no-warn-rwx-segments -Wl,--build-id=none -Wl,-z,noexecstack \
	    -Wl,-T,linker.ld -Wl,-z,max-page-size=0x1000

.PHONY: all iso run run-uefi run-gdb test unit qemu-test aml-oracle check-docs bench fuzz clean deps-build deps-run deps-test FORCE
.DEFAULT_GOAL := all

all: $(BUILD)/hotmem.elf $(BUILD)/hotmem.iso

$(BUILD)/obj/%.c.o: %.c | deps-build
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(KCFLAGS) -c $< -o $@

$(BUILD)/obj/%.S.o: %.S | deps-build
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  AS      $<")
	$(Q)$(CC) $(KASFLAGS) -c $< -o $@

# ---------------------------------------------------------------- user programs
# Freestanding, static, not PIC, general registers only (the kernel keeps
# no FPU/SSE state for tasks).  The red zone is fine in ring 3: traps
# switch to the kernel stack.

USER_CFLAGS := -std=gnu11 -O2 -Wall -Wextra -Werror -ffreestanding -fno-builtin \
	       -fno-tree-loop-distribute-patterns \
	       -fno-stack-protector -fno-pic -fno-pie -mgeneral-regs-only \
	       -fno-asynchronous-unwind-tables -I. -MMD -MP
USER_LDFLAGS := -nostdlib -static -no-pie -Wl,-T,kernel/user/user.ld -Wl,--build-id=none \
		-Wl,-z,max-page-size=0x1000 -Wl,-z,noexecstack -Wl,-s
USER_LIB_OBJS := $(patsubst %,$(BUILD)/user/obj/%.o,$(USER_LIB_SRCS))
USER_ELFS := $(patsubst %,$(BUILD)/user/%.elf,$(USER_PROGS))

$(BUILD)/user/obj/%.c.o: %.c | deps-build
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  UCC     $<")
	$(Q)$(CC) $(USER_CFLAGS) -c $< -o $@

$(BUILD)/user/obj/%.S.o: %.S | deps-build
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  UAS     $<")
	$(Q)$(CC) $(USER_CFLAGS) -D__ASSEMBLY__ -c $< -o $@

$(BUILD)/user/%.elf: $(BUILD)/user/obj/kernel/user/%.c.o $(USER_LIB_OBJS) kernel/user/user.ld
	@$(if $(Q),echo "  ULD     $@")
	$(Q)$(CC) $(USER_LDFLAGS) -o $@ $< $(USER_LIB_OBJS)

# Keep the objects (make would delete them as intermediates).
.SECONDARY: $(USER_LIB_OBJS) $(patsubst %,$(BUILD)/user/obj/kernel/user/%.c.o,$(USER_PROGS))

$(BUILD)/obj/kernel/user/programs.S.o: $(USER_ELFS)
$(BUILD)/obj/kernel/user/programs.S.o: KASFLAGS += -I$(BUILD)

# The ELF is linked twice.  The first link carries an empty symbol table;
# tools/gen-ksyms turns its function symbols into build/ksyms.c, and the
# second link carries that table (kernel/ksyms.c explains why the code does
# not move; the cmp below checks it).  A disassembly and a symbol list are
# written beside the kernel.
$(BUILD)/ksyms0.c: tools/gen-ksyms
	@mkdir -p $(dir $@)
	$(Q)tools/gen-ksyms < /dev/null > $@

$(BUILD)/ksyms.c: $(BUILD)/hotmem.1.elf tools/gen-ksyms
	$(Q)nm -n $< | tools/gen-ksyms > $@

$(BUILD)/obj/ksyms.o $(BUILD)/obj/ksyms0.o: $(BUILD)/obj/%.o: $(BUILD)/%.c
	$(Q)$(CC) $(KCFLAGS) -c $< -o $@

$(BUILD)/hotmem.1.elf: $(OBJS) $(BUILD)/obj/ksyms0.o linker.ld
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(KLDFLAGS) -o $@ $(OBJS) $(BUILD)/obj/ksyms0.o

$(BUILD)/hotmem.elf: $(OBJS) $(BUILD)/obj/ksyms.o linker.ld
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(KLDFLAGS) -o $@ $(OBJS) $(BUILD)/obj/ksyms.o
	$(Q)nm -n $(BUILD)/hotmem.1.elf | grep -i ' t ' > $(BUILD)/text1.sym
	$(Q)nm -n $@ | grep -i ' t ' > $(BUILD)/text2.sym
	$(Q)cmp -s $(BUILD)/text1.sym $(BUILD)/text2.sym || \
		{ echo "ksyms: the second link moved code; see kernel/ksyms.c" >&2; rm -f $@; false; }
	$(Q)objdump -d -S $@ > $(BUILD)/hotmem.asm
	$(Q)nm -n $@ > $(BUILD)/hotmem.sym

# ---------------------------------------------------------------- the ISO
# One ISO boots under SeaBIOS and OVMF: grub-mkrescue puts GRUB for i386-pc
# (El Torito) and for x86_64-efi (an EFI system partition image) side by side.
# The staging directory is per ISO so tests can build several at once.

ISO_DIR = $(ISO).d

# Rebuild an ISO when its command line changes.
$(ISO).cmdline: FORCE
	@mkdir -p $(dir $@)
	@echo '$(CMDLINE)' | cmp -s - $@ || echo '$(CMDLINE)' > $@

$(ISO): $(BUILD)/hotmem.elf boot/grub.cfg.in $(ISO).cmdline | deps-build
	@$(if $(Q),echo "  ISO     $@")
	$(Q)rm -rf $(ISO_DIR) && mkdir -p $(ISO_DIR)/boot/grub
	$(Q)cp $(BUILD)/hotmem.elf $(ISO_DIR)/boot/hotmem.elf
	$(Q)sed 's|@CMDLINE@|$(subst |,\|,$(CMDLINE))|' boot/grub.cfg.in > $(ISO_DIR)/boot/grub/grub.cfg
	$(Q)grub-mkrescue -o $@ $(ISO_DIR) >$(ISO).log 2>&1 || (cat $(ISO).log; false)

iso: $(ISO)

# ---------------------------------------------------------------- running
# The QEMU setup (memory, NUMA nodes, slots, serial, QMP socket) lives in
# tools/qemu.py only; `make run` and the tests both take it from there.

run: deps-run $(BUILD)/hotmem.iso
	$(Q)$(PYTHON) tools/qemu.py run --firmware bios --iso $(BUILD)/hotmem.iso

run-uefi: deps-run $(BUILD)/hotmem.iso
	$(Q)$(PYTHON) tools/qemu.py run --firmware uefi --iso $(BUILD)/hotmem.iso

run-gdb: deps-run $(BUILD)/hotmem.iso
	$(Q)$(PYTHON) tools/qemu.py run --firmware bios --iso $(BUILD)/hotmem.iso --gdb

# ---------------------------------------------------------------- tests

include tests/unit/unit.mk
include tests/fuzz/fuzz.mk

check-docs:
	$(Q)$(PYTHON) tools/check-docs

qemu-test: deps-test $(BUILD)/hotmem.iso
	$(Q)$(PYTHON) -m pytest -q tests/qemu $(PYTEST_ARGS)

# The AML oracle: each tests/data/aml/*.asl compiled by iasl, evaluated by
# ACPICA's acpiexec and by amlrun (the interpreter built for the host with
# the unit tests' flags, ASan/UBSan included); the results must agree.
AMLRUN_SRCS := tests/unit/acpi/amlrun.c $(AML_SRCS) \
	       tests/unit/fake/fake_aml_os.c tests/unit/fake/fake_printk.c
$(BUILD)/host/amlrun: $(call UNIT_OBJ,$(AMLRUN_SRCS)) | unit-deps
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  HOSTLD  $@")
	$(Q)$(UNIT_CC) $(UNIT_LDFLAGS) -o $@ $^ $(UNIT_LIBS)

-include $(patsubst %.o,%.d,$(call UNIT_OBJ,$(AMLRUN_SRCS)))

aml-oracle: deps-test $(BUILD)/host/amlrun
	$(Q)$(PYTHON) tools/aml-oracle $(AML_ORACLE_ARGS)

# Every layer runs even when an earlier one fails; the last line sums up.
test: deps-test
	$(Q)$(PYTHON) tools/run-tests

# The host benchmark of the buddy allocator: the real mm/ sources, -O2, no
# sanitizers, the unit tests' fake arch headers.
BENCH_SRCS := tests/bench/bench_buddy.c mm/page_alloc.c mm/node.c mm/sparse.c \
	      tests/unit/fake/fake_printk.c
$(BUILD)/bench/bench_buddy: $(BENCH_SRCS) $(wildcard mm/*.h arch/x86_64/include/arch/*.h)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  HOSTCC  $@")
	$(Q)gcc -std=gnu11 -O2 -g -DHOTMEM_HOST -I. -Itests/unit/fake -Iarch/x86_64/include \
		-Wall -Wextra -Werror -o $@ $(BENCH_SRCS) -lcmocka

# The AML interpreter on the host, on QEMU's DSDT and the unit tests' model
# of QEMU's memory-hotplug registers: -O2, no sanitizers.
BENCH_AML_SRCS := tests/bench/bench_aml.c $(AML_SRCS) tests/unit/fake/fake_aml_os.c \
		  tests/unit/fake/qemu_memhp.c $(UNIT_FAKE_ACPI) tests/unit/fake/fake_printk.c
$(BUILD)/bench/bench_aml: $(BENCH_AML_SRCS) $(wildcard drivers/acpi/*.h drivers/acpi/aml/*.h)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  HOSTCC  $@")
	$(Q)gcc -std=gnu11 -O2 -g -DHOTMEM_HOST -I. -Itests/unit/fake -Iarch/x86_64/include \
		-Wall -Wextra -Werror -o $@ $(BENCH_AML_SRCS) -lcmocka

bench: deps-test $(BUILD)/hotmem.iso $(BUILD)/bench/bench_buddy $(BUILD)/bench/bench_aml
	$(Q)$(PYTHON) tools/bench

# ---------------------------------------------------------------- setup

deps-build:
	$(Q)tools/deps build
deps-run:
	$(Q)tools/deps run
deps-test:
	$(Q)tools/deps test

clean:
	rm -rf $(BUILD)

FORCE:

-include $(OBJS:.o=.d)
-include $(wildcard $(BUILD)/user/obj/kernel/user/*.d)
