/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/kernel/test_elf.c - host tests for kernel/elf.c: a good
 * static executable is described exactly; every lie a file can tell
 * (sizes, offsets that wrap, segments outside user space or sharing a
 * page, a wrong machine, a dynamic program) is refused with its reason.
 *
 * Each test builds its own image from good_image() and breaks one thing.
 *
 * Course text: docs/11-user-tasks.md.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <arch/uvm.h>
#include "kernel/elf.h"
#include "kernel/lib.h"
#include "mm/mm.h"

#define LO		0x400000ULL		/* user space for these tests */
#define HI		0x7fff00000000ULL
#define IMAGE_SIZE	(4 * PAGE_SIZE)

/*
 * The image every test starts from, like kernel/user/user.ld makes them:
 *
 *   file offset 0        ELF header, 3 program headers
 *   PAGE_SIZE            text   r-x  at LO,                 0x100 bytes
 *   2 * PAGE_SIZE        rodata r--  at LO + PAGE_SIZE,     0x80 bytes
 *   (none in the file)   bss    rw-  at LO + 2 * PAGE_SIZE, memsz 0x40
 *   entry: LO + 0x10
 */
struct image {
	union {
		u8 bytes[IMAGE_SIZE];
		struct {
			struct elf64_ehdr eh;
			struct elf64_phdr ph[3];
		};
	};
};

static struct image img;
static struct elf_image out;
static char why[128];

static void
good_image(void)
{
	memset(&img, 0, sizeof(img));
	memcpy(img.eh.e_ident, "\x7f" "ELF", 4);
	img.eh.e_ident[4] = ELFCLASS64;
	img.eh.e_ident[5] = ELFDATA2LSB;
	img.eh.e_ident[6] = EV_CURRENT;
	img.eh.e_type = ET_EXEC;
	img.eh.e_machine = EM_X86_64;
	img.eh.e_version = EV_CURRENT;
	img.eh.e_entry = LO + 0x10;
	img.eh.e_phoff = offsetof(struct image, ph);
	img.eh.e_ehsize = sizeof(struct elf64_ehdr);
	img.eh.e_phentsize = sizeof(struct elf64_phdr);
	img.eh.e_phnum = 3;
	img.ph[0] = (struct elf64_phdr){ .p_type = PT_LOAD, .p_flags = PF_R | PF_X,
		.p_offset = PAGE_SIZE, .p_vaddr = LO, .p_filesz = 0x100, .p_memsz = 0x100 };
	img.ph[1] = (struct elf64_phdr){ .p_type = PT_LOAD, .p_flags = PF_R,
		.p_offset = 2 * PAGE_SIZE, .p_vaddr = LO + PAGE_SIZE, .p_filesz = 0x80,
		.p_memsz = 0x80 };
	img.ph[2] = (struct elf64_phdr){ .p_type = PT_LOAD, .p_flags = PF_R | PF_W,
		.p_offset = 0, .p_vaddr = LO + 2 * PAGE_SIZE, .p_filesz = 0, .p_memsz = 0x40 };
}

static int
parse(void)
{
	return elf_parse(&img, sizeof(img), EM_X86_64, LO, HI, &out, why, sizeof(why));
}

/* Expect parse() to refuse with a reason containing TEXT. */
#define assert_refused(text) do {					\
	assert_int_equal(parse(), -ENOEXEC);				\
	if (!strstr(why, (text)))					\
		fail_msg("reason %s does not say %s", why, (text));	\
} while (0)

/* Expect the good image described exactly: three segments with their
 * rights, file bytes and memory sizes, and the entry point. */
static void
test_good_image_is_described_exactly(void **state)
{
	(void)state;
	good_image();
	assert_int_equal(parse(), 0);
	assert_int_equal(out.nr_segments, 3);
	assert_int_equal(out.entry, LO + 0x10);
	assert_int_equal(out.seg[0].vaddr, LO);
	assert_int_equal(out.seg[0].prot, UPROT_READ | UPROT_EXEC);
	assert_int_equal(out.seg[0].offset, PAGE_SIZE);
	assert_int_equal(out.seg[0].filesz, 0x100);
	assert_int_equal(out.seg[1].prot, UPROT_READ);
	assert_int_equal(out.seg[2].prot, UPROT_READ | UPROT_WRITE);
	assert_int_equal(out.seg[2].filesz, 0);
	assert_int_equal(out.seg[2].memsz, 0x40);
}

/* Expect notes, GNU_STACK and empty PT_LOADs to be skipped, not refused. */
static void
test_other_and_empty_segments_are_skipped(void **state)
{
	(void)state;
	good_image();
	img.ph[1].p_type = 4;			/* PT_NOTE */
	img.ph[2].p_memsz = 0;
	assert_int_equal(parse(), 0);
	assert_int_equal(out.nr_segments, 1);
}

/* Expect each broken field of the file header to be named. */
static void
test_bad_headers_are_refused(void **state)
{
	(void)state;
	good_image();
	assert_int_equal(elf_parse(&img, 63, EM_X86_64, LO, HI, &out, why, sizeof(why)), -ENOEXEC);
	assert_non_null(strstr(why, "63 bytes"));
	good_image(); img.eh.e_ident[1] = 'X';		assert_refused("magic 7f 58 4c 46");
	good_image(); img.eh.e_ident[4] = 1;		assert_refused("class 1");
	good_image(); img.eh.e_ident[5] = 2;		assert_refused("data 2");
	good_image(); img.eh.e_type = 3;		assert_refused("type 3");
	good_image(); img.eh.e_machine = 183;		assert_refused("machine 183");
	good_image(); img.eh.e_phentsize = 32;		assert_refused("header size 32");
	good_image(); img.eh.e_phnum = 0;		assert_refused("0 program headers");
	good_image(); img.eh.e_phnum = 999;		assert_refused("999 program headers");
	good_image(); img.eh.e_phoff = IMAGE_SIZE - 8;	assert_refused("past the end of the file");
	good_image(); img.eh.e_phoff = ~0ULL - 8;	assert_refused("past the end of the file");
}

/* Expect sizes and offsets that leave the file, or wrap, to be refused. */
static void
test_segment_bytes_must_lie_in_the_file(void **state)
{
	(void)state;
	good_image(); img.ph[0].p_filesz = 0x200;	assert_refused("file size 0x200 > memory size 0x100");
	good_image(); img.ph[1].p_offset = IMAGE_SIZE - 0x10;
	assert_refused("program header 1: bytes");
	good_image(); img.ph[1].p_offset = ~0ULL - 0x10;
	assert_refused("past the end of the file");
}

/* Expect a segment below LO, reaching past HI, or wrapping around, to be refused. */
static void
test_segments_must_lie_in_user_space(void **state)
{
	(void)state;
	good_image(); img.ph[0].p_vaddr = 0; img.eh.e_entry = 0x10;
	assert_refused("program header 0: segment [0x0, +0x100) outside user space");
	good_image(); img.ph[2].p_vaddr = HI - 0x20;	assert_refused("outside user space");
	good_image(); img.ph[2].p_memsz = ~0ULL - 0x10;	assert_refused("outside user space");
	good_image(); img.ph[2].p_vaddr = 0xffffffff80000000ULL;
	assert_refused("outside user space");
}

/*
 *   text [LO, LO + 0x100)   rodata moved to LO + 0x800: same page
 * Expect two segments sharing a page (which one area cannot give two
 * sets of rights) to be refused.
 */
static void
test_segments_sharing_a_page_are_refused(void **state)
{
	(void)state;
	good_image();
	img.ph[1].p_vaddr = LO + 0x800;
	assert_refused("program header 1: segment shares a page");
}

/* Expect a dynamic program, an entry outside executable memory, and a
 * file with nothing to load to be refused. */
static void
test_unrunnable_programs_are_refused(void **state)
{
	char text[64];

	(void)state;
	good_image(); img.ph[1].p_type = PT_INTERP;	assert_refused("dynamically linked");
	good_image(); img.eh.e_entry = LO + PAGE_SIZE;	/* rodata: not executable */
	snprintf(text, sizeof(text), "entry point 0x%llx", (unsigned long long)(LO + PAGE_SIZE));
	assert_refused(text);
	good_image(); img.eh.e_entry = LO + 0x100;	assert_refused("not in an executable segment");
	good_image();
	for (int i = 0; i < 3; i++)
		img.ph[i].p_type = 6;			/* PT_PHDR */
	assert_refused("no loadable segment");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_image_is_described_exactly),
		cmocka_unit_test(test_other_and_empty_segments_are_skipped),
		cmocka_unit_test(test_bad_headers_are_refused),
		cmocka_unit_test(test_segment_bytes_must_lie_in_the_file),
		cmocka_unit_test(test_segments_must_lie_in_user_space),
		cmocka_unit_test(test_segments_sharing_a_page_are_refused),
		cmocka_unit_test(test_unrunnable_programs_are_refused),
	};

	return cmocka_run_group_tests_name("kernel/elf", tests, NULL, NULL);
}
