/* SPDX-License-Identifier: MIT */
/*
 * kernel/pseudofs.c - the tree of pseudo-files (/proc, /sys) and the shell
 * commands that read it: `ls`, `cat`, and what `echo TEXT > FILE` calls.
 *
 * The idea: a file is a path plus two functions; a directory is nothing
 * but a common prefix.  `ls /proc` looks at every path and prints each
 * distinct next component once, so directories appear and vanish with
 * the files under them and never need creating or removing.
 *
 * Files come from two places: the linker section hotmem_pseudo_files
 * (PSEUDO_FILE(), fixed at build time) and a table filled at run time by
 * pseudofs_register() (memoryN/ at hot add).
 *
 * Course text: docs/02-physical-memory.md (the pseudo-file tree).
 * Tests: tests/unit/kernel/test_pseudofs.c, tests/qemu/test_procfs.py
 */
#include "kernel/kernel.h"
#include "kernel/lib.h"
#include "kernel/pseudofs.h"
#include "kernel/shell.h"

/*
 * The linker defines these around the section hotmem_pseudo_files.  Weak,
 * so that a host test without any PSEUDO_FILE() still links (both are
 * then NULL and the section is empty).
 */
extern const struct pseudo_file __start_hotmem_pseudo_files[] __attribute__((weak));
extern const struct pseudo_file __stop_hotmem_pseudo_files[] __attribute__((weak));

/*
 * Files registered at run time: dynamic[0..nr_dynamic), in no order.
 * Changed by pseudofs_register()/pseudofs_unregister() from task context
 * (one CPU; the shell and hotplug never run at once).
 */
static const struct pseudo_file *dynamic[PSEUDOFS_MAX_DYNAMIC];
static int nr_dynamic;

/* ------------------------------------------------------------ the sink */

void
seq_init(struct seq *s, char *buf, size_t size)
{
	s->buf = buf;
	s->size = size;
	s->len = 0;
	s->overflow = false;
	s->private = NULL;
	if (size)
		buf[0] = '\0';
}

/* Characters the text may have before the room kept for the marker. */
static size_t
seq_limit(const struct seq *s)
{
	return s->size > SEQ_MARKER_ROOM + 1 ? s->size - 1 - SEQ_MARKER_ROOM : 0;
}

/*
 * Something did not fit: cut the text back to its last whole line, put
 * the marker line after it, and drop everything from now on.
 */
static void
seq_truncate(struct seq *s)
{
	int n;

	while (s->len > 0 && s->buf[s->len - 1] != '\n')
		s->len--;
	s->overflow = true;
	if (s->size == 0)
		return;
	n = snprintf(s->buf + s->len, s->size - s->len,
		     "[truncated: the output did not fit in %zu bytes]\n", seq_limit(s));
	if (n > 0)
		s->len += MIN((size_t)n, s->size - s->len - 1);
	s->buf[s->len] = '\0';
}

void
seq_vprintf(struct seq *s, const char *fmt, va_list ap)
{
	size_t room;
	int n;

	if (s->overflow)
		return;
	if (seq_limit(s) == 0) {	/* a buffer too small for any text */
		seq_truncate(s);
		return;
	}
	/* vsnprintf writes at most ROOM bytes, the NUL included, so the
	 * kept-back room is never touched here. */
	room = seq_limit(s) - MIN(s->len, seq_limit(s)) + 1;
	n = vsnprintf(s->buf + s->len, room, fmt, ap);
	if (n >= 0 && (size_t)n < room) {
		s->len += n;
		return;
	}
	s->buf[s->len] = '\0';
	seq_truncate(s);
}

void
seq_printf(struct seq *s, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	seq_vprintf(s, fmt, ap);
	va_end(ap);
}

void
seq_puts(struct seq *s, const char *str)
{
	seq_printf(s, "%s", str);
}

void
seq_putc(struct seq *s, char c)
{
	seq_printf(s, "%c", c);
}

bool
seq_overflowed(const struct seq *s)
{
	return s->overflow;
}

/* ------------------------------------------------------------ paths */

static size_t
nr_static(void)
{
	return __stop_hotmem_pseudo_files - __start_hotmem_pseudo_files;
}

/* File I of all files: the static ones first, then the dynamic ones. */
static const struct pseudo_file *
file_at(size_t i)
{
	size_t ns = nr_static();

	if (i < ns)
		return &__start_hotmem_pseudo_files[i];
	i -= ns;
	return i < (size_t)nr_dynamic ? dynamic[i] : NULL;
}

/*
 * Normalise PATH into OUT (PSEUDOFS_PATH_MAX bytes): a leading '/', one
 * slash between parts, none at the end ("/" stays "/").  A relative path
 * is taken from "/" (the shell has no current directory).  Returns 0, or
 * -EINVAL when the result would not fit.
 */
static int
path_normalize(const char *path, char *out)
{
	size_t n = 0;

	out[n++] = '/';
	for (const char *p = path; *p; p++) {
		if (*p == '/' && out[n - 1] == '/')
			continue;
		if (n + 1 >= PSEUDOFS_PATH_MAX)
			return -EINVAL;
		out[n++] = *p;
	}
	if (n > 1 && out[n - 1] == '/')
		n--;
	out[n] = '\0';
	return 0;
}

/* Is PATH already normalised, as a registered file's path must be? */
static bool
path_is_normal(const char *path)
{
	char norm[PSEUDOFS_PATH_MAX];

	if (path[0] != '/' || !strcmp(path, "/") ||
	    strnlen(path, PSEUDOFS_PATH_MAX) >= PSEUDOFS_PATH_MAX ||
	    path_normalize(path, norm) || strcmp(norm, path))
		return false;
	/* No "." or ".." part: they would name what they seem to only here. */
	for (const char *p = path; (p = strchr(p, '/')); p++) {
		if (p[1] == '.' && (p[2] == '/' || p[2] == '\0' ||
				    (p[2] == '.' && (p[3] == '/' || p[3] == '\0'))))
			return false;
	}
	return true;
}

/*
 * If FILE lies under directory DIR (normalised), the part after DIR and
 * its slash: "/proc/sys/vm" under "/proc" gives "sys/vm".  Else NULL.
 */
static const char *
path_under(const char *file, const char *dir)
{
	size_t n = strlen(dir);

	if (n == 1)		/* "/": everything is under it */
		return file + 1;
	if (strncmp(file, dir, n) || file[n] != '/')
		return NULL;
	return file + n + 1;
}

static const struct pseudo_file *
lookup_normal(const char *norm)
{
	const struct pseudo_file *f;

	for (size_t i = 0; (f = file_at(i)); i++)
		if (!strcmp(f->path, norm))
			return f;
	return NULL;
}

static bool
is_dir_normal(const char *norm)
{
	const struct pseudo_file *f;

	if (!strcmp(norm, "/"))
		return true;	/* the root exists even when empty */
	for (size_t i = 0; (f = file_at(i)); i++)
		if (path_under(f->path, norm))
			return true;
	return false;
}

const struct pseudo_file *
pseudofs_lookup(const char *path)
{
	char norm[PSEUDOFS_PATH_MAX];

	if (path_normalize(path, norm))
		return NULL;
	return lookup_normal(norm);
}

bool
pseudofs_is_dir(const char *path)
{
	char norm[PSEUDOFS_PATH_MAX];

	return !path_normalize(path, norm) && is_dir_normal(norm);
}

/* ------------------------------------------------------------ registration */

int
pseudofs_register(const struct pseudo_file *f)
{
	char prefix[PSEUDOFS_PATH_MAX];

	/* Validate: a normal path, something to do, no clash, room. */
	if (!f || !f->path || !path_is_normal(f->path) || (!f->show && !f->store))
		return -EINVAL;
	if (lookup_normal(f->path) || is_dir_normal(f->path))
		return -EEXIST;
	/* Each proper prefix "/a", "/a/b" of "/a/b/c" must not be a file. */
	for (const char *p = f->path + 1; (p = strchr(p, '/')); p++) {
		size_t n = p - f->path;

		memcpy(prefix, f->path, n);
		prefix[n] = '\0';
		if (lookup_normal(prefix))
			return -ENOTDIR;
	}
	if (nr_dynamic == PSEUDOFS_MAX_DYNAMIC)
		return -ENOSPC;

	dynamic[nr_dynamic++] = f;
	return 0;
}

int
pseudofs_unregister(const struct pseudo_file *f)
{
	for (int i = 0; i < nr_dynamic; i++) {
		if (dynamic[i] == f) {
			dynamic[i] = dynamic[--nr_dynamic];	/* order does not matter */
			dynamic[nr_dynamic] = NULL;
			return 0;
		}
	}
	return -ENOENT;
}

/* ------------------------------------------------------------ ls */

/* One entry of a directory listing: a name that is not NUL-terminated. */
struct ls_entry {
	const char *name;	/* points into a file's path */
	size_t len;		/* characters of the name */
	const struct pseudo_file *file;	/* the file, or NULL: a directory */
};

/* Order entries by name, a file before a directory of the same name. */
static int
ls_entry_cmp(const struct ls_entry *a, const struct ls_entry *b)
{
	int c = strncmp(a->name, b->name, MIN(a->len, b->len));

	if (c)
		return c;
	if (a->len != b->len)
		return a->len < b->len ? -1 : 1;
	return (a->file == NULL) - (b->file == NULL);
}

/* The entry file F makes in directory DIR (normalised); false if none. */
static bool
ls_entry_of(const struct pseudo_file *f, const char *dir, struct ls_entry *e)
{
	const char *rest = path_under(f->path, dir);
	const char *slash;

	if (!rest || !*rest)
		return false;
	slash = strchr(rest, '/');
	e->name = rest;
	e->len = slash ? (size_t)(slash - rest) : strlen(rest);
	e->file = slash ? NULL : f;
	return true;
}

static void
ls_entry_print(struct seq *out, const struct ls_entry *e, enum pseudofs_ls_format fmt)
{
	const struct pseudo_file *f = e->file;

	if (fmt == LS_SHORT) {
		seq_printf(out, "%.*s%s\n", (int)e->len, e->name, f ? "" : "/");
		return;
	}
	if (!f) {
		seq_printf(out, "d  %.*s/\n", (int)e->len, e->name);
		return;
	}
	seq_printf(out, "%c%c %-*.*s %s\n", f->show ? 'r' : '-', f->store ? 'w' : '-',
		   e->len < 24 ? 24 : (int)e->len, (int)e->len, e->name,
		   f->help ? f->help : "");
}

/*
 * List DIR.  Many files share one directory entry ("/proc/sys/a" and
 * "/proc/sys/b" both make "sys/" in "/proc"), so the entries are printed
 * by selection: each round prints the smallest entry above the one
 * printed last, which sorts and removes duplicates in one go.  Quadratic,
 * and a directory holds a few hundred entries at most.
 */
int
pseudofs_list(const char *dir, struct seq *out, enum pseudofs_ls_format fmt)
{
	char norm[PSEUDOFS_PATH_MAX];
	struct ls_entry prev, next, e;
	const struct pseudo_file *f;
	bool have_prev = false;

	if (path_normalize(dir, norm))
		return -EINVAL;
	if ((f = lookup_normal(norm))) {
		/* ls FILE prints the file, as Linux's ls does */
		e.name = f->path;
		e.len = strlen(f->path);
		e.file = f;
		ls_entry_print(out, &e, fmt);
		return 0;
	}
	if (!is_dir_normal(norm))
		return -ENOENT;
	for (;;) {
		bool have_next = false;

		for (size_t i = 0; (f = file_at(i)); i++) {
			if (!ls_entry_of(f, norm, &e))
				continue;
			if (have_prev && ls_entry_cmp(&e, &prev) <= 0)
				continue;
			if (!have_next || ls_entry_cmp(&e, &next) < 0) {
				next = e;
				have_next = true;
			}
		}
		if (!have_next)
			return 0;
		ls_entry_print(out, &next, fmt);
		prev = next;
		have_prev = true;
	}
}

/* ------------------------------------------------------------ read, write */

/* The file at PATH: 0, or -EINVAL (bad path), -EISDIR, -ENOENT. */
static int
find_file(const char *path, const struct pseudo_file **out)
{
	char norm[PSEUDOFS_PATH_MAX];

	if (path_normalize(path, norm))
		return -EINVAL;
	*out = lookup_normal(norm);
	if (!*out)
		return is_dir_normal(norm) ? -EISDIR : -ENOENT;
	return 0;
}

int
pseudofs_read(const char *path, struct seq *out)
{
	const struct pseudo_file *f;
	int err = find_file(path, &f);

	if (err)
		return err;
	if (!f->show)
		return -EACCES;
	out->private = f->data;
	return f->show(out);
}

int
pseudofs_write(const char *path, const char *text)
{
	const struct pseudo_file *f;
	int err = find_file(path, &f);

	if (err)
		return err;
	if (!f->store)
		return -EROFS;
	return f->store(text, f->data);
}

int
pseudofs_write_words(const char *path, int nwords, char **words)
{
	char text[SHELL_LINE_MAX];
	size_t len = 0;

	text[0] = '\0';
	for (int i = 0; i < nwords; i++) {
		int n = snprintf(text + len, sizeof(text) - len, "%s%s",
				 i ? " " : "", words[i]);

		if (n < 0 || (size_t)n >= sizeof(text) - len)
			return -E2BIG;
		len += n;
	}
	return pseudofs_write(path, text);
}

const char *
pseudofs_strerror(int err)
{
	switch (err) {
	case -ENOENT:	return "no such file or directory";
	case -ENOTDIR:	return "not a directory";
	case -EISDIR:	return "is a directory";
	case -EACCES:	return "write-only file";
	case -EROFS:	return "read-only file";
	case -EEXIST:	return "file exists";
	case -ENOSPC:	return "no room for more files";
	case -EINVAL:	return "invalid argument";
	case -ERANGE:	return "value out of range";
	case -E2BIG:	return "text too long";
	case -EBUSY:	return "busy";
	case -ENOMEM:	return "out of memory";
	case -ENODEV:	return "no such device";
	case -EPERM:	return "operation not permitted";
	default:	return "failed";
	}
}

/* ------------------------------------------------------------ commands */

/* Where `ls` and `cat` collect a file's text before printing it. */
static char read_buf[PSEUDOFS_READ_MAX];

SHELL_COMMAND(cmd_ls, "ls", "[-l] [DIR]", 0, 2,
	      "list a pseudo-file directory (default /); -l: mode and description");
static int
cmd_ls(int argc, char **argv)
{
	enum pseudofs_ls_format fmt = LS_SHORT;
	const char *dir = "/";
	struct seq s;
	int err;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-l"))
			fmt = LS_LONG;
		else if (argv[i][0] == '-' && argv[i][1]) {
			printf("ls: %s: unknown option (only -l)\n", argv[i]);
			return -EINVAL;
		} else
			dir = argv[i];
	}
	seq_init(&s, read_buf, sizeof(read_buf));
	err = pseudofs_list(dir, &s, fmt);
	if (err) {
		printf("ls: %s: %s\n", dir, pseudofs_strerror(err));
		return err;
	}
	printf("%s", read_buf);
	return 0;
}

SHELL_COMMAND(cmd_cat, "cat", "FILE...", 1, -1, "print pseudo-files (/proc/meminfo, ...)");
static int
cmd_cat(int argc, char **argv)
{
	int result = 0;

	/* Like cat(1): report a bad file and go on with the next one. */
	for (int i = 1; i < argc; i++) {
		struct seq s;
		int err;

		seq_init(&s, read_buf, sizeof(read_buf));
		err = pseudofs_read(argv[i], &s);
		printf("%s", read_buf);		/* what show wrote, even on error */
		if (err) {
			printf("cat: %s: %s\n", argv[i], pseudofs_strerror(err));
			result = err;
		}
	}
	return result;
}
