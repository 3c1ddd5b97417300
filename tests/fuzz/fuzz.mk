# SPDX-License-Identifier: MIT
#
# tests/fuzz/fuzz.mk - libFuzzer targets, included by the Makefile.
#
#   make fuzz                    each target for FUZZ_SECONDS (default 60)
#   make fuzz FUZZ_SECONDS=20
#   make fuzz-smoke              each target for 10 seconds
#
# A target is tests/fuzz/<name>.c built with clang against the same host
# headers and fakes as the unit tests.  Seeds live in tests/fuzz/corpus/<name>/;
# what the fuzzer learns goes to $(BUILD)/fuzz/corpus/<name>/, crashing
# inputs to $(BUILD)/fuzz/artifacts/.  Every target runs; any crash fails make.
# Course text: docs/00-introduction.md (testing).

FUZZ_SECONDS ?= 60
FUZZ_ARCH    ?= x86_64
FUZZ_CC      ?= clang
FUZZ_OUT     := $(BUILD)/fuzz
FUZZ_CFLAGS  := -DHOTMEM_HOST -I. -Iarch/$(FUZZ_ARCH)/include -Itests/unit/fake \
		-std=gnu11 -g -O1 -Wall -Wextra -Werror \
		-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		-MMD -MP

# ---------------------------------------------------------------- the targets
# Each target: its name, the sources it links (as data), extra libFuzzer options.

FUZZ_TARGETS += fuzz_args          # args_split, arg_u64, arg_size, arg_key on any line
FUZZ_fuzz_args := kernel/args.c
FUZZ_OPTS_fuzz_args := -max_len=2048

FUZZ_TARGETS += fuzz_lineedit      # any key sequence; invariants and echo checked
FUZZ_fuzz_lineedit := kernel/lineedit.c tests/unit/fake/fake_term.c
FUZZ_OPTS_fuzz_lineedit := -max_len=4096

FUZZ_TARGETS += fuzz_srat          # any table image as an SRAT and as a SLIT; contract checked
FUZZ_fuzz_srat := drivers/acpi/srat.c drivers/acpi/slit.c tests/fuzz/fuzz_kernel.c
FUZZ_OPTS_fuzz_srat := -max_len=4096

FUZZ_TARGETS += fuzz_acpi_tables  # RSDP + a window of physical memory: the whole table walk
FUZZ_fuzz_acpi_tables := drivers/acpi/tables.c drivers/acpi/fadt.c drivers/acpi/madt.c \
			 tests/fuzz/fuzz_kernel.c
FUZZ_OPTS_fuzz_acpi_tables := -max_len=65536

FUZZ_TARGETS += fuzz_madt          # any table image as a MADT and as a FADT
FUZZ_fuzz_madt := drivers/acpi/madt.c drivers/acpi/fadt.c tests/fuzz/fuzz_kernel.c
FUZZ_OPTS_fuzz_madt := -max_len=8192

FUZZ_TARGETS += fuzz_aml           # any bytes as a DSDT: load, check, call every method; no leak
FUZZ_fuzz_aml := $(AML_SRCS) tests/unit/fake/fake_aml_os.c tests/fuzz/fuzz_kernel.c
FUZZ_OPTS_fuzz_aml := -max_len=16384

# ---------------------------------------------------------------- rules

FUZZ_OBJ  = $(patsubst %.c,$(FUZZ_OUT)/obj/%.o,$(1))
FUZZ_BINS := $(addprefix $(FUZZ_OUT)/,$(FUZZ_TARGETS))

$(FUZZ_OUT)/obj/%.o: %.c | fuzz-deps
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  FUZZCC  $<")
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -c $< -o $@

define fuzz_target_rule
$(FUZZ_OUT)/$(1): $(call FUZZ_OBJ,tests/fuzz/$(1).c $(FUZZ_$(1)))
	@$$(if $$(Q),echo "  FUZZLD  $$@")
	$$(Q)$$(FUZZ_CC) -fsanitize=fuzzer,address,undefined -o $$@ $$^
endef
$(foreach t,$(FUZZ_TARGETS),$(eval $(call fuzz_target_rule,$(t))))

# fuzz_run_one NAME SECONDS: one shell command; a failure is remembered.
define fuzz_run_one
mkdir -p $(FUZZ_OUT)/corpus/$(1) $(FUZZ_OUT)/artifacts; \
echo "fuzz: $(1) for $(2) s"; \
$(FUZZ_OUT)/$(1) -max_total_time=$(2) -print_final_stats=1 \
	-artifact_prefix=$(FUZZ_OUT)/artifacts/$(1)- $(FUZZ_OPTS_$(1)) \
	$(FUZZ_OUT)/corpus/$(1) tests/fuzz/corpus/$(1) || failed="$$failed $(1)";
endef

# fuzz_run SECONDS: every target, then the verdict.
define fuzz_run
failed=""; \
$(foreach t,$(FUZZ_TARGETS),$(call fuzz_run_one,$(t),$(1))) \
if [ -n "$$failed" ]; then \
	echo "fuzz: FAILED:$$failed (inputs in $(FUZZ_OUT)/artifacts/)" >&2; exit 1; \
fi; \
echo "fuzz: $(words $(FUZZ_TARGETS)) targets ran $(1) s each, no crash"
endef

.PHONY: fuzz fuzz-smoke fuzz-deps
fuzz-deps:
	$(Q)tools/deps fuzz

fuzz: fuzz-deps $(FUZZ_BINS)
	$(Q)$(call fuzz_run,$(FUZZ_SECONDS))

fuzz-smoke: fuzz-deps $(FUZZ_BINS)
	$(Q)$(call fuzz_run,10)

FUZZ_ALL_SRCS := $(sort $(foreach t,$(FUZZ_TARGETS),tests/fuzz/$(t).c $(FUZZ_$(t))))
-include $(patsubst %.o,%.d,$(call FUZZ_OBJ,$(FUZZ_ALL_SRCS)))
