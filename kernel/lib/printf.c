/* SPDX-License-Identifier: MIT */
/*
 * kernel/lib/printf.c - vsnprintf, and printf() onto the console.
 *
 * Supports what a kernel prints: %d %i %u %x %X %o %c %s %p %%, the flags
 * '-' '0' '+' ' ' '#', width and precision (also '*'), and the length
 * modifiers hh h l ll z t j.  No floating point: the kernel has none.
 * Like C's, vsnprintf() returns the length the whole output would have
 * had, and always NUL-terminates when SIZE > 0.
 *
 * Course text: docs/00-introduction.md.
 */
#include "kernel/console.h"
#include "kernel/lib.h"

/*
 * Where formatted characters go.  For snprintf: BUF of SIZE bytes, the
 * rest counted but dropped.  For printf (to_console): BUF is a staging
 * buffer written to the console whenever it fills, so output of any
 * length goes out whole.
 */
struct out {
	char *buf;
	size_t size;
	size_t len;		/* characters produced so far, even past size */
	bool to_console;	/* flush BUF to the console when it fills */
	size_t pending;		/* to_console: characters waiting in BUF */
};

static void
out_char(struct out *o, char c)
{
	if (o->to_console) {
		o->buf[o->pending++] = c;
		if (o->pending == o->size) {
			console_write(o->buf, o->pending);
			o->pending = 0;
		}
	} else if (o->len + 1 < o->size) {
		o->buf[o->len] = c;
	}
	o->len++;
}

static void
out_pad(struct out *o, char c, int n)
{
	while (n-- > 0)
		out_char(o, c);
}

enum {
	F_LEFT = 1, F_ZERO = 2, F_PLUS = 4, F_SPACE = 8, F_ALT = 16,
};

static void
out_number(struct out *o, u64 v, bool negative, unsigned int base,
	   bool upper, int flags, int width, int prec)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0, len;
	const char *prefix = "";

	do {
		tmp[n++] = digits[v % base];
		v /= base;
	} while (v);
	if (prec == 0 && n == 1 && tmp[0] == '0')
		n = 0;			/* "%.0d" of 0 prints nothing */

	if (negative)
		prefix = "-";
	else if (flags & F_PLUS)
		prefix = "+";
	else if (flags & F_SPACE)
		prefix = " ";
	if ((flags & F_ALT) && base == 16 && n)
		prefix = upper ? "0X" : "0x";
	if ((flags & F_ALT) && base == 8 && (n == 0 || tmp[n - 1] != '0'))
		prefix = "0";

	len = (prec > n ? prec : n) + (int)strlen(prefix);
	if (!(flags & F_LEFT) && !((flags & F_ZERO) && prec < 0))
		out_pad(o, ' ', width - len);
	for (const char *p = prefix; *p; p++)
		out_char(o, *p);
	if (!(flags & F_LEFT) && (flags & F_ZERO) && prec < 0)
		out_pad(o, '0', width - len);
	out_pad(o, '0', prec - n);
	while (n)
		out_char(o, tmp[--n]);
	if (flags & F_LEFT)
		out_pad(o, ' ', width - len);
}

static void
out_format(struct out *o_, const char *fmt, va_list ap)
{
	struct out o = *o_;

	for (; *fmt; fmt++) {
		int flags = 0, width = 0, prec = -1, lng = 0;
		bool is_signed = false, upper = false;
		unsigned int base = 10;
		u64 v;

		if (*fmt != '%') {
			out_char(&o, *fmt);
			continue;
		}
		fmt++;
		for (;; fmt++) {
			if (*fmt == '-') flags |= F_LEFT;
			else if (*fmt == '0') flags |= F_ZERO;
			else if (*fmt == '+') flags |= F_PLUS;
			else if (*fmt == ' ') flags |= F_SPACE;
			else if (*fmt == '#') flags |= F_ALT;
			else break;
		}
		if (*fmt == '*') {
			width = va_arg(ap, int);
			if (width < 0) {
				flags |= F_LEFT;
				width = -width;
			}
			fmt++;
		} else {
			while (*fmt >= '0' && *fmt <= '9')
				width = width * 10 + (*fmt++ - '0');
		}
		if (*fmt == '.') {
			fmt++;
			prec = 0;
			if (*fmt == '*') {
				prec = va_arg(ap, int);
				fmt++;
			} else {
				while (*fmt >= '0' && *fmt <= '9')
					prec = prec * 10 + (*fmt++ - '0');
			}
		}
		/* Length: 0 int, 1 long, 2 long long; h/hh narrow below. */
		if (*fmt == 'h') {
			lng = -1;
			if (*++fmt == 'h') {
				lng = -2;
				fmt++;
			}
		} else if (*fmt == 'l') {
			lng = 1;
			if (*++fmt == 'l') {
				lng = 2;
				fmt++;
			}
		} else if (*fmt == 'z' || *fmt == 't' || *fmt == 'j') {
			lng = 2;
			fmt++;
		}

		switch (*fmt) {
		case 'd':
		case 'i':
			is_signed = true;
			break;
		case 'u':
			break;
		case 'X':
			upper = true;
			/* fall through */
		case 'x':
			base = 16;
			break;
		case 'o':
			base = 8;
			break;
		case 'p':
			out_number(&o, (u64)(uintptr_t)va_arg(ap, void *), false,
				   16, false, flags | F_ALT, width, prec);
			continue;
		case 'c':
			if (!(flags & F_LEFT))
				out_pad(&o, ' ', width - 1);
			out_char(&o, (char)va_arg(ap, int));
			if (flags & F_LEFT)
				out_pad(&o, ' ', width - 1);
			continue;
		case 's': {
			const char *s = va_arg(ap, const char *);
			int n;

			if (!s)
				s = "(null)";
			n = (int)(prec >= 0 ? strnlen(s, prec) : strlen(s));
			if (!(flags & F_LEFT))
				out_pad(&o, ' ', width - n);
			for (int i = 0; i < n; i++)
				out_char(&o, s[i]);
			if (flags & F_LEFT)
				out_pad(&o, ' ', width - n);
			continue;
		}
		case '%':
			out_char(&o, '%');
			continue;
		case '\0':
			fmt--;		/* a lone '%' at the end */
			continue;
		default:		/* unknown: print it as it was */
			out_char(&o, '%');
			out_char(&o, *fmt);
			continue;
		}

		if (is_signed) {
			s64 sv = lng >= 2 ? va_arg(ap, long long) :
				 lng == 1 ? va_arg(ap, long) : va_arg(ap, int);

			if (lng == -1)
				sv = (short)sv;
			else if (lng == -2)
				sv = (signed char)sv;
			v = sv < 0 ? -(u64)sv : (u64)sv;
			out_number(&o, v, sv < 0, base, upper, flags, width, prec);
		} else {
			v = lng >= 2 ? va_arg(ap, unsigned long long) :
			    lng == 1 ? va_arg(ap, unsigned long) :
				       va_arg(ap, unsigned int);
			if (lng == -1)
				v = (unsigned short)v;
			else if (lng == -2)
				v = (unsigned char)v;
			out_number(&o, v, false, base, upper, flags, width, prec);
		}
	}
	*o_ = o;
}

int
vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { .buf = buf, .size = size };

	out_format(&o, fmt, ap);
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

int
snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

int
vprintf(const char *fmt, va_list ap)
{
	char buf[256];
	struct out o = { .buf = buf, .size = sizeof(buf), .to_console = true };

	out_format(&o, fmt, ap);
	console_write(buf, o.pending);
	return (int)o.len;
}

int
printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintf(fmt, ap);
	va_end(ap);
	return n;
}

int
putchar(int c)
{
	char ch = (char)c;

	console_write(&ch, 1);
	return (u8)c;
}

int
puts(const char *s)
{
	console_write(s, strlen(s));
	console_write("\n", 1);
	return 0;
}
