/* SPDX-License-Identifier: MIT */
/*
 * kernel/types.h - the basic types every hotmem file uses.
 *
 * Only compiler-provided freestanding headers are included, so the same
 * code builds in the kernel and on the host for unit tests.
 *
 * Course text: docs/00-introduction.md.
 */
#ifndef KERNEL_TYPES_H
#define KERNEL_TYPES_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint8_t  u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t   s8;
typedef int16_t  s16;
typedef int32_t  s32;
typedef int64_t  s64;

typedef u64 paddr_t;	/* a physical address */
typedef u64 vaddr_t;	/* a virtual address */

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define ALIGN_UP(x, a)	(((x) + (a) - 1) & ~((__typeof__(x))(a) - 1))
#define ALIGN_DOWN(x, a) ((x) & ~((__typeof__(x))(a) - 1))
#define MIN(a, b)	((a) < (b) ? (a) : (b))
#define MAX(a, b)	((a) > (b) ? (a) : (b))

#define __packed	__attribute__((packed))
#define __noreturn	__attribute__((noreturn))
#define __printf(a, b)	__attribute__((format(printf, a, b)))
#define __used		__attribute__((used))
#define __section(s)	__attribute__((section(s)))
#define __unused	__attribute__((unused))

/*
 * Error numbers: functions that can fail return 0 or one of these,
 * negated.  The values are Linux's, so the host build can use <errno.h>.
 */
#ifndef EPERM
#define EPERM		1
#define ENOENT		2	/* no such file, command or object */
#define ESRCH		3	/* no such task */
#define EIO		5	/* a device or its firmware failed */
#define E2BIG		7	/* too many words, too long */
#define ENOEXEC		8	/* not a program this kernel can load */
#define ENOMEM		12
#define EACCES		13	/* a pseudo-file that cannot be read */
#define EFAULT		14	/* a bad user address */
#define EBUSY		16
#define EEXIST		17
#define ENODEV		19
#define ENOTDIR		20	/* a part of a path is a file */
#define EISDIR		21	/* the path is a directory */
#define EINVAL		22
#define ENOSPC		28	/* a table is full */
#define EROFS		30	/* a pseudo-file that cannot be written */
#define ERANGE		34
#define ENOSYS		38
#define ETIMEDOUT	110
#endif

#endif /* KERNEL_TYPES_H */
