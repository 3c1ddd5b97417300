# SPDX-License-Identifier: MIT
#
# tests/unit/unit.mk - host unit tests (cmocka), included by the Makefile.
#
#   make unit                   build every test, run them all, fail if any failed
#   make unit UNIT_ARCH=ppc64   the same with another arch's parameters
#
# A test is tests/unit/<dir>/test_<name>.c, linked with the real sources it
# tests (UNIT_test_<name>) and the fake kernel in tests/unit/fake/ (an
# archive, so a test that links a real file instead gets that one).
# Binaries go to $(BUILD)/unit/<arch>/; every one runs even after a failure.
# Course text: docs/00-introduction.md (testing).

UNIT_ARCH ?= x86_64
UNIT_CC   ?= gcc
UNIT_OUT  := $(BUILD)/unit/$(UNIT_ARCH)
UNIT_CFLAGS := -DHOTMEM_HOST -I. -Itests/unit/fake -Iarch/$(UNIT_ARCH)/include \
	       -std=gnu11 -g -O1 -Wall -Wextra -Werror \
	       -fsanitize=address,undefined -fno-sanitize-recover=all \
	       -fno-omit-frame-pointer -MMD -MP
UNIT_LDFLAGS := -fsanitize=address,undefined
UNIT_LIBS := -lcmocka

# ---------------------------------------------------------------- the tests
# Each test: its source, then the real sources it links (as data).

UNIT_TESTS += tests/unit/kernel/test_args.c      # args_split, arg_u64, arg_size, arg_key
UNIT_test_args := kernel/args.c

UNIT_TESTS += tests/unit/kernel/test_lineedit.c  # the line editor, checked by a terminal model
UNIT_test_lineedit := kernel/lineedit.c

UNIT_TESTS += tests/unit/kernel/test_cmdline.c   # the kernel command line and its options
UNIT_test_cmdline := kernel/cmdline.c kernel/args.c

UNIT_TESTS += tests/unit/kernel/test_pseudofs.c  # paths, implied directories, registration, the seq sink
UNIT_test_pseudofs := kernel/pseudofs.c

UNIT_TESTS += tests/unit/kernel/test_task.c     # scheduler, sleep, exit, wait queues, mutexes, completions
UNIT_test_task := kernel/task.c kernel/wait.c tests/unit/fake/fake_context.c

UNIT_TESTS += tests/unit/kernel/test_elf.c      # the ELF checks: good images described, every lie refused
UNIT_test_elf := kernel/elf.c

UNIT_TESTS += tests/unit/kernel/test_work_pattern.c  # the work pattern's progress rule, under a model writer
UNIT_test_work_pattern :=

UNIT_TESTS += tests/unit/mm/test_memblock.c      # the boot-time allocator
UNIT_test_memblock := mm/memblock.c

UNIT_TESTS += tests/unit/mm/test_sparse.c        # sections, the encoded memmap, the cost figures
UNIT_test_sparse := mm/sparse.c

UNIT_TESTS += tests/unit/mm/test_page_alloc.c    # the buddy allocator, migratetypes, fallback
UNIT_test_page_alloc := mm/page_alloc.c mm/buddy_check.c mm/node.c mm/sparse.c

UNIT_TESTS += tests/unit/mm/test_slab.c          # kmalloc and kfree over the buddy
UNIT_test_slab := mm/slab.c mm/page_alloc.c mm/buddy_check.c mm/node.c mm/sparse.c

UNIT_TESTS += tests/unit/mm/test_memory_block.c  # blocks, zone rules, online/offline, isolation undo, injector
UNIT_test_memory_block := mm/memory_block.c mm/memory_notify.c mm/page_isolation.c mm/page_alloc.c mm/buddy_check.c \
			  mm/node.c mm/sparse.c mm/numa.c mm/memblock.c kernel/pseudofs.c kernel/args.c

UNIT_TESTS += tests/unit/mm/test_memory_hotplug.c  # add, remove, refusals, undo, retry, memmap_on_memory, probe
UNIT_test_memory_hotplug := mm/memory_hotplug.c mm/hotplug_policy.c mm/memory_block.c mm/memory_notify.c mm/page_isolation.c \
			    mm/page_alloc.c mm/buddy_check.c mm/node.c mm/sparse.c \
			    mm/memblock.c mm/numa.c kernel/pseudofs.c kernel/args.c

UNIT_TESTS += tests/unit/mm/test_vm.c            # areas, demand-zero and huge faults, rmap, pins, munmap, migration-entry waits
UNIT_test_vm := mm/vm.c mm/page_alloc.c mm/buddy_check.c mm/node.c mm/sparse.c \
		kernel/task.c kernel/wait.c tests/unit/fake/fake_context.c

UNIT_TESTS += tests/unit/mm/test_migrate.c       # migration: data, nodes, every rollback, huge pages, fault waits, offline
UNIT_test_migrate := mm/migrate.c mm/vm.c mm/vmstat.c mm/memory_block.c mm/memory_notify.c \
		     mm/page_isolation.c mm/page_alloc.c mm/buddy_check.c mm/node.c mm/sparse.c \
		     mm/numa.c mm/memblock.c kernel/pseudofs.c kernel/args.c kernel/task.c \
		     kernel/wait.c tests/unit/fake/fake_context.c

# The table code and the fake firmware memory it reads (tests/unit/fake/fake_acpi_os.c:
# acpi_os_map(), fake_acpi_read_file(), QEMU's captured tables).
UNIT_FAKE_ACPI := drivers/acpi/tables.c drivers/acpi/fadt.c drivers/acpi/madt.c tests/unit/fake/fake_acpi_os.c

UNIT_TESTS += tests/unit/acpi/test_tables.c      # RSDP, RSDT/XSDT walk on QEMU's real tables; broken firmware
UNIT_test_tables := $(UNIT_FAKE_ACPI)

UNIT_TESTS += tests/unit/acpi/test_fadt.c        # FADT of every revision, short ones, X_ fields
UNIT_test_fadt := $(UNIT_FAKE_ACPI)

UNIT_TESTS += tests/unit/acpi/test_madt.c        # MADT entries, overrides, malformed entries
UNIT_test_madt := $(UNIT_FAKE_ACPI)

UNIT_TESTS += tests/unit/acpi/test_srat.c        # SRAT decoding: QEMU's tables, hostile entries
UNIT_test_srat := drivers/acpi/srat.c

UNIT_TESTS += tests/unit/acpi/test_slit.c        # SLIT decoding: QEMU's table, hostile matrices
UNIT_test_slit := drivers/acpi/slit.c

UNIT_TESTS += tests/unit/acpi/test_acpi_numa.c   # SRAT/SLIT -> PXM map -> mm nodes, as at boot
UNIT_test_acpi_numa := drivers/acpi/numa.c drivers/acpi/srat.c drivers/acpi/slit.c \
		       mm/numa.c mm/memblock.c mm/node.c mm/sparse.c kernel/pseudofs.c

UNIT_TESTS += tests/unit/mm/test_numa.c          # nodes on memblock, hotplug ranges, numa=off, zone split
UNIT_test_numa := mm/numa.c mm/memblock.c mm/node.c mm/sparse.c kernel/pseudofs.c

UNIT_TESTS += tests/unit/acpi/test_acpi_hw.c      # PM1 and GPE registers from the FADT, the SCI's masking, reset
UNIT_test_acpi_hw := drivers/acpi/hw.c tests/unit/acpi/fake_aml_ns.c $(UNIT_FAKE_ACPI)

UNIT_TESTS += tests/unit/acpi/test_bus.c         # EISA ids, the device scan, binding, the Notify queue
UNIT_test_bus := drivers/acpi/bus.c tests/unit/acpi/fake_aml_ns.c

UNIT_TESTS += tests/unit/acpi/test_events.c      # ACPI mode, SCI routing and masking, GPE runs, power button
UNIT_test_events := drivers/acpi/events.c drivers/acpi/hw.c drivers/acpi/bus.c \
		    tests/unit/acpi/fake_aml_ns.c $(UNIT_FAKE_ACPI)

UNIT_TESTS += tests/unit/acpi/test_sleep.c       # \_S5 decoding, the power-off sequence, the reset register
UNIT_test_sleep := drivers/acpi/sleep.c drivers/acpi/hw.c tests/unit/acpi/fake_aml_ns.c \
		   $(UNIT_FAKE_ACPI)

UNIT_TESTS += tests/unit/acpi/test_aml_resource.c  # _CRS templates from QEMU's DSDTs, hostile templates
UNIT_test_aml_resource := drivers/acpi/aml/resource.c $(UNIT_FAKE_ACPI)

UNIT_TESTS += tests/unit/acpi/test_aml_print.c   # the canonical text of AML values
UNIT_test_aml_print := drivers/acpi/aml/print.c

# The AML interpreter's tests share its sources and the little assembler.
UNIT_AML := $(AML_SRCS) tests/unit/acpi/aml_asm.c

UNIT_TESTS += tests/unit/acpi/test_aml_namespace.c  # PkgLength, NameString, search rules, absolute declarations, walk
UNIT_test_aml_namespace := $(UNIT_AML)

UNIT_TESTS += tests/unit/acpi/test_aml_exec.c    # calls, method-local names, mutexes, width; hostile AML fails cleanly
UNIT_test_aml_exec := $(UNIT_AML)

UNIT_TESTS += tests/unit/acpi/test_aml_ops.c     # operators: conversions, Store's rules, references, fields, events
UNIT_test_aml_ops := $(UNIT_AML)

UNIT_TESTS += tests/unit/acpi/test_aml_region.c  # fields: widths, update rules, IndexField, BankField, PCI_Config
UNIT_test_aml_region := $(UNIT_AML)

UNIT_TESTS += tests/unit/acpi/test_aml_qemu.c    # QEMU's DSDTs: load, check, memory hotplug methods on a register model
UNIT_test_aml_qemu := $(UNIT_AML) drivers/acpi/namespace.c tests/unit/fake/qemu_memhp.c \
		      $(UNIT_FAKE_ACPI)

UNIT_TESTS += tests/unit/acpi/test_aml_memhp.c   # QEMU's hotplug AML on every DSDT against tests/unit/fake/qemu_memhp.c
UNIT_test_aml_memhp := $(AML_SRCS) tests/unit/fake/qemu_memhp.c $(UNIT_FAKE_ACPI)

UNIT_TESTS += tests/unit/acpi/test_memory_device.c  # the PNP0C80 driver on QEMU's DSDTs and register model; mm faked
UNIT_test_memory_device := drivers/acpi/memory_device.c drivers/acpi/bus.c $(UNIT_AML) \
			   tests/unit/fake/qemu_memhp.c tests/unit/fake/fake_memory_hotplug.c \
			   kernel/task.c kernel/wait.c tests/unit/fake/fake_context.c $(UNIT_FAKE_ACPI)

UNIT_TESTS += tests/unit/acpi/test_aml_pkglength.c  # hostile PkgLengths ACPICA clamps and hotmem refuses
UNIT_test_aml_pkglength := $(AML_SRCS)

# The fake kernel every test may link against.
UNIT_FAKE_SRCS += tests/unit/fake/fake_printk.c  # printk() that records; console_loglevel
UNIT_FAKE_SRCS += tests/unit/fake/fake_term.c    # a one-row VT100 model for echo checks
UNIT_FAKE_SRCS += tests/unit/fake/fake_io.c      # port I/O: a log and a pluggable device model
UNIT_FAKE_SRCS += tests/unit/fake/fake_acpi_hw.c # QEMU's PM1, GPE0, SMI_CMD and reset port as such a model
UNIT_FAKE_SRCS += tests/unit/fake/fake_mmu.c     # the direct map as a list of ranges; a map that fails on demand
UNIT_FAKE_SRCS += tests/unit/fake/fake_uvm.c     # user page tables as a hash of entries; a set that fails on demand
UNIT_FAKE_SRCS += tests/unit/fake/fake_heap.c    # kmalloc on the C heap (fails on demand), a clock fake_tick() moves
UNIT_FAKE_SRCS += tests/unit/fake/fake_migrate.c # migration with no user pages, for tests without mm/vm.c
UNIT_FAKE_SRCS += tests/unit/fake/fake_aml_os.c  # the AML OS layer: pluggable address spaces, Notify recorder

# ---------------------------------------------------------------- rules

UNIT_NAME = $(basename $(notdir $(1)))
UNIT_OBJ  = $(patsubst %.c,$(UNIT_OUT)/obj/%.o,$(1))
UNIT_BINS := $(foreach t,$(UNIT_TESTS),$(UNIT_OUT)/$(call UNIT_NAME,$(t)))
UNIT_FAKE_LIB := $(UNIT_OUT)/libfake.a

$(UNIT_OUT)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  HOSTCC  $<")
	$(Q)$(UNIT_CC) $(UNIT_CFLAGS) -c $< -o $@

$(UNIT_FAKE_LIB): $(call UNIT_OBJ,$(UNIT_FAKE_SRCS))
	@$(if $(Q),echo "  AR      $@")
	$(Q)rm -f $@ && ar rcs $@ $^

# unit_test_rule TEST_SOURCE: link the binary from the test, its sources
# and the fakes.
define unit_test_rule
$(UNIT_OUT)/$(call UNIT_NAME,$(1)): $(UNIT_FAKE_LIB) \
		$(call UNIT_OBJ,$(1) $(UNIT_$(call UNIT_NAME,$(1))))
	@$$(if $$(Q),echo "  HOSTLD  $$@")
	$$(Q)$$(UNIT_CC) $$(UNIT_LDFLAGS) -o $$@ $$(filter %.o,$$^) \
		$$(UNIT_FAKE_LIB) $$(UNIT_LIBS)
endef
$(foreach t,$(UNIT_TESTS),$(eval $(call unit_test_rule,$(t))))

.PHONY: unit unit-deps
unit-deps:
	@test -e /usr/include/cmocka.h || { \
		echo "unit: cmocka.h not found; install the Debian package libcmocka-dev" \
		     "(or run: tools/deps test)" >&2; exit 1; }

$(UNIT_BINS) $(call UNIT_OBJ,$(UNIT_TESTS)): | unit-deps

# Run every binary, even after a failure; the exit status says whether all passed.
unit: $(UNIT_BINS)
	$(Q)failed=""; \
	for t in $(UNIT_BINS); do \
		$$t || failed="$$failed $$t"; \
	done; \
	if [ -n "$$failed" ]; then \
		echo "unit ($(UNIT_ARCH)): FAILED:$$failed" >&2; exit 1; \
	fi; \
	echo "unit ($(UNIT_ARCH)): all $(words $(UNIT_BINS)) test programs passed"

UNIT_ALL_SRCS := $(sort $(UNIT_TESTS) $(UNIT_FAKE_SRCS) \
		 $(foreach t,$(UNIT_TESTS),$(UNIT_$(call UNIT_NAME,$(t)))))
-include $(patsubst %.o,%.d,$(call UNIT_OBJ,$(UNIT_ALL_SRCS)))

# `make unit-all`: every test once per arch parameter set (DESIGN.md 3),
# each in its own build directory; what make test runs.
UNIT_ARCHES := x86_64 ppc64 ia64
.PHONY: unit-all
unit-all:
	$(Q)failed=""; \
	for a in $(UNIT_ARCHES); do \
		$(MAKE) --no-print-directory unit UNIT_ARCH=$$a || failed="$$failed $$a"; \
	done; \
	if [ -n "$$failed" ]; then echo "unit: FAILED for:$$failed" >&2; exit 1; fi
