/* SPDX-License-Identifier: MIT */
/*
 * kernel/pseudofs.h - pseudo-files: /proc and /sys as a flat list of
 * paths, each with a function that writes its text and one that takes
 * what is echoed into it.  There are no inodes and no directories of
 * their own: a directory exists while some file's path lies under it.
 *
 * A file is declared next to the code it shows, as a shell command is:
 *
 *	static int
 *	meminfo_show(struct seq *s)
 *	{
 *		seq_printf(s, "MemTotal:       %8lu kB\n", total_kb);
 *		return 0;
 *	}
 *	PSEUDO_FILE(meminfo, "/proc/meminfo", meminfo_show, NULL,
 *		    "memory usage, Linux's format");
 *
 * The linker gathers those into the section hotmem_pseudo_files.  Files
 * that come and go at run time (memoryN/ at hot add) are registered with
 * pseudofs_register() instead, into a table of PSEUDOFS_MAX_DYNAMIC.
 *
 * The shell sees them through `ls`, `cat` and `echo TEXT > FILE`.
 *
 * Course text: docs/02-physical-memory.md (the pseudo-file tree).
 * Tests: tests/unit/kernel/test_pseudofs.c, tests/qemu/test_procfs.py
 */
#ifndef KERNEL_PSEUDOFS_H
#define KERNEL_PSEUDOFS_H

#include "kernel/types.h"

#define PSEUDOFS_PATH_MAX	128	/* bytes in a path, the NUL included */
/* Files registered at run time.  The big user is memory hotplug: about 7
 * files per memory block, and 8 DIMM slots of up to 32G plus 1G of boot
 * RAM are 264 blocks of 128M, 1850 files; 300 blocks and the node and
 * debug files fit with room to spare. */
#define PSEUDOFS_MAX_DYNAMIC	4096
#define PSEUDOFS_READ_MAX	65536	/* bytes `cat` shows of one file */

/* ------------------------------------------------------------ the sink
 *
 * struct seq collects what a show function prints, in a buffer of fixed
 * size.  The last SEQ_MARKER_ROOM bytes are kept back: when a write does
 * not fit, the text is cut back to its last whole line, a marker line
 * "[truncated: ...]" goes in the room kept back, and every later write is
 * dropped.  So a reader sees whole lines, then the marker, never a line
 * cut in the middle and never a silent loss.
 */
#define SEQ_MARKER_ROOM		64

struct seq {
	char *buf;		/* the text so far, always NUL-terminated */
	size_t size;		/* bytes of buf, the NUL included */
	size_t len;		/* characters in buf: strlen(buf) */
	bool overflow;		/* something was dropped; the marker is in */
	void *private;		/* the file's data (struct pseudo_file), for show */
};

/* BUF of SIZE bytes (at least SEQ_MARKER_ROOM + 2) becomes an empty sink. */
void seq_init(struct seq *s, char *buf, size_t size);
void seq_printf(struct seq *s, const char *fmt, ...) __printf(2, 3);
void seq_vprintf(struct seq *s, const char *fmt, va_list ap);
void seq_puts(struct seq *s, const char *str);
void seq_putc(struct seq *s, char c);
/* True once something was dropped: a long show may stop early. */
bool seq_overflowed(const struct seq *s);

/* ------------------------------------------------------------ files */

struct pseudo_file {
	/* Absolute, normalised: "/proc/meminfo" (no "//", no trailing '/',
	 * no "." or ".." parts).  Directories are the prefixes of paths. */
	const char *path;
	/* Write the file's text into S; return 0 or a negative error.  NULL:
	 * the file is write-only (cat says so).  s->private is DATA. */
	int (*show)(struct seq *s);
	/* Take TEXT (the words echoed, joined by spaces, no newline); return
	 * 0 or a negative error.  NULL: the file is read-only. */
	int (*store)(const char *text, void *data);
	const char *help;	/* one line, shown by `ls -l` */
	void *data;		/* the owner's: which memory block, which node */
};

#define PSEUDO_FILE(name_, path_, show_, store_, help_)			\
	static const struct pseudo_file __pseudo_file_##name_		\
	__used __section("hotmem_pseudo_files") __attribute__((aligned(8))) = { \
		.path = path_, .show = show_, .store = store_,		\
		.help = help_, .data = NULL,				\
	}

/*
 * Run-time files.  The table keeps the pointer: F must stay valid until
 * pseudofs_unregister(F).  pseudofs_register() returns 0, -EINVAL (a path
 * that is not absolute and normalised, or neither show nor store),
 * -EEXIST (the path is a file or a directory already), -ENOTDIR (a prefix
 * of the path is a file) or -ENOSPC (PSEUDOFS_MAX_DYNAMIC are in use).
 * pseudofs_unregister() returns 0 or -ENOENT (F was not registered).
 */
int pseudofs_register(const struct pseudo_file *f);
int pseudofs_unregister(const struct pseudo_file *f);

/*
 * Paths given to the functions below may be relative (taken from "/"),
 * repeat slashes or end in one; they are normalised first.  "." and ".."
 * are not understood: a path with them names nothing.
 */
const struct pseudo_file *pseudofs_lookup(const char *path);	/* or NULL */
bool pseudofs_is_dir(const char *path);

/*
 * The entries directly under DIR, sorted, one per line, directories with
 * a trailing '/'; LONG adds the mode ("r-", "-w", "rw", "d ") and the
 * help.  A file is listed as its own path.  Returns 0 or -ENOENT.
 */
enum pseudofs_ls_format { LS_SHORT, LS_LONG };
int pseudofs_list(const char *dir, struct seq *out, enum pseudofs_ls_format fmt);

/* Show PATH into OUT: 0, -ENOENT, -EISDIR, -EACCES (no show), -EINVAL
 * (a path too long), or the show function's error. */
int pseudofs_read(const char *path, struct seq *out);
/* Store TEXT into PATH: 0, -ENOENT, -EISDIR, -EROFS (no store), -EINVAL,
 * or the store function's error. */
int pseudofs_write(const char *path, const char *text);
/* pseudofs_write() of WORDS[0..NWORDS) joined by single spaces, as `echo
 * WORDS > PATH` means them; -E2BIG when they exceed a shell line. */
int pseudofs_write_words(const char *path, int nwords, char **words);
/* A negative error as a few words: "no such file or directory". */
const char *pseudofs_strerror(int err);

#endif /* KERNEL_PSEUDOFS_H */
