/* SPDX-License-Identifier: MIT */
/*
 * kernel/exec.c - starting a program: find it among the built-in ones,
 * load its ELF file into a fresh address space, give it a stack holding
 * argc and argv, and hand it to a new user task.
 *
 * The idea: loading copies, it does not map.  Each PT_LOAD segment
 * becomes an area made with vm_map_fixed() (demand-zero, like any other
 * memory), and its bytes from the file are written into it with
 * copy_to_user(), which faults the pages in exactly as the program's own
 * first touch would.  The program's text is therefore made of ordinary
 * movable user pages that migrate like its data.  A segment that is not
 * writable is loaded writable, then vm_protect()ed to its real rights;
 * .bss needs nothing: untouched pages read as zero.
 *
 * The first stack (System V style, what kernel/user/start.S reads):
 *
 *   USER_STACK_TOP ->  +-----------------------------+
 *                      | the argument strings        |
 *                      | padding to 16 bytes         |
 *                      | 0             (envp: empty) |
 *                      | 0             (argv[argc])  |
 *                      | argv[argc-1] ... argv[0]    |
 *   sp (16-aligned) -> | argc                        |
 *                      |   ... grows down ...        |
 *   TOP - STACK_SIZE   +-----------------------------+  (an area, VMA_STACK)
 *
 * Course text: docs/11-user-tasks.md.
 * Tests: tests/unit/kernel/test_elf.c (the checks), tests/qemu/test_user.py
 */
#include <arch/cpu.h>
#include <arch/uvm.h>
#include "kernel/elf.h"
#include "kernel/exec.h"
#include "kernel/kernel.h"
#include "kernel/lib.h"
#include "kernel/task.h"
#include "mm/vm.h"

#define USER_STACK_TOP	USER_VA_END
#define USER_STACK_SIZE	(256 * 1024)

extern const struct user_program user_programs[];	/* kernel/user/programs.S */

const struct user_program *
user_program_find(const char *name)
{
	for (const struct user_program *p = user_programs; p->name; p++)
		if (!strcmp(p->name, name))
			return p;
	return NULL;
}

const char *
user_program_names(char *buf, size_t size)
{
	size_t len = 0;

	buf[0] = '\0';
	for (const struct user_program *p = user_programs; p->name && len < size; p++)
		len += snprintf(buf + len, size - len, "%s%s", len ? " " : "", p->name);
	return buf;
}

/* Segment S of IMAGE into MM: an area, the file's bytes, the final rights. */
static int
load_segment(struct mm_struct *mm, const u8 *image, const struct elf_segment *s)
{
	vaddr_t start = ALIGN_DOWN(s->vaddr, PAGE_SIZE);
	u64 len = ALIGN_UP(s->vaddr + s->memsz, PAGE_SIZE) - start;
	int err;

	err = vm_map_fixed(mm, start, len, s->prot | UPROT_WRITE, VMA_IMAGE);
	if (!err)
		err = copy_to_user(mm, s->vaddr, image + s->offset, s->filesz);
	if (!err && !(s->prot & UPROT_WRITE))
		err = vm_protect(mm, start, len, s->prot);
	return err;
}

/*
 * The stack area, and its top page laid out as the picture above says,
 * built in a kernel page first and copied in with one copy_to_user().
 * Returns the stack pointer through *SP.
 */
static int
setup_stack(struct mm_struct *mm, int argc, char *const argv[], vaddr_t *sp)
{
	vaddr_t base = USER_STACK_TOP - PAGE_SIZE;	/* the top page */
	vaddr_t uargv[EXEC_ARGS_MAX];
	size_t pos = PAGE_SIZE, words = argc + 3;	/* argc, argv[], NULL, envp NULL */
	u64 *w;
	u8 *buf;
	int err;

	if (argc < 1 || argc > EXEC_ARGS_MAX)
		return -E2BIG;
	buf = kzalloc(PAGE_SIZE, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	for (int i = argc - 1; i >= 0; i--) {
		size_t len = strlen(argv[i]) + 1;

		if (len + words * 8 + 16 > pos) {
			kfree(buf);
			return -E2BIG;
		}
		pos -= len;
		memcpy(buf + pos, argv[i], len);
		uargv[i] = base + pos;
	}
	pos = ALIGN_DOWN(pos - words * 8, 16);
	w = (u64 *)(buf + pos);
	w[0] = argc;
	for (int i = 0; i < argc; i++)
		w[1 + i] = uargv[i];
	/* w[1 + argc] and w[2 + argc] stay 0: the ends of argv and envp. */

	err = vm_map_fixed(mm, USER_STACK_TOP - USER_STACK_SIZE, USER_STACK_SIZE,
			   UPROT_READ | UPROT_WRITE, VMA_STACK);
	if (!err)
		err = copy_to_user(mm, base + pos, buf + pos, PAGE_SIZE - pos);
	kfree(buf);
	*sp = base + pos;
	return err;
}

/* PROG into MM with ARGV on its stack; *ENTRY and *SP say where it starts.
 * 0, or an error after printing "exec: NAME: reason". */
static int
exec_load(struct mm_struct *mm, const struct user_program *prog, int argc,
	  char *const argv[], vaddr_t *entry, vaddr_t *sp)
{
	struct elf_image elf;
	char why[128];
	int err;

	err = elf_parse(prog->image, prog->size, ARCH_ELF_MACHINE, USER_VA_START,
			USER_STACK_TOP - USER_STACK_SIZE, &elf, why, sizeof(why));
	if (err) {
		printf("exec: %s: %s\n", prog->name, why);
		return err;
	}
	for (int i = 0; i < elf.nr_segments; i++) {
		err = load_segment(mm, prog->image, &elf.seg[i]);
		if (err) {
			printf("exec: %s: segment at 0x%llx: cannot load it (error %d)\n",
			       prog->name, (unsigned long long)elf.seg[i].vaddr, err);
			return err;
		}
	}
	err = setup_stack(mm, argc, argv, sp);
	if (err) {
		printf("exec: %s: %s\n", prog->name, err == -E2BIG ?
		       "arguments do not fit on the first stack page" : "no memory for its stack");
		return err;
	}
	*entry = elf.entry;
	return 0;
}

int
exec_spawn(const char *name, int argc, char *const argv[], int nid, struct task **out)
{
	const struct user_program *prog = user_program_find(name);
	struct mm_struct *mm;
	vaddr_t entry, sp;
	struct task *t;
	int err;

	if (!prog)
		return -ENOENT;
	mm = mm_create(nid);
	if (!mm) {
		printf("exec: %s: no memory for an address space\n", name);
		return -ENOMEM;
	}
	err = exec_load(mm, prog, argc, argv, &entry, &sp);
	if (err)
		goto fail;
	t = task_create_user(prog->name, mm, entry, sp);
	if (!t) {
		printf("exec: %s: no memory for a task\n", name);
		err = -ENOMEM;
		goto fail;
	}
	*out = t;
	return 0;

fail:
	mm_destroy(mm);		/* never loaded: nothing to switch away from */
	return err;
}
