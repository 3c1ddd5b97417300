/* SPDX-License-Identifier: MIT */
/*
 * mm/list.h - a circular doubly linked list whose links live inside the
 * objects they chain (free buddy blocks chain through struct page).
 *
 * An empty list is a head that points at itself.  list_entry() turns a
 * link back into the object that contains it.
 *
 * Course text: docs/04-buddy.md.
 */
#ifndef MM_LIST_H
#define MM_LIST_H

#include "kernel/types.h"

struct list_head {
	struct list_head *next, *prev;	/* never NULL once initialised */
};

#define LIST_HEAD_INIT(name)	{ &(name), &(name) }
#define list_entry(link, type, member) \
	((type *)((char *)(link) - offsetof(type, member)))
#define list_first_entry(head, type, member) \
	list_entry((head)->next, type, member)
#define list_for_each(pos, head) \
	for ((pos) = (head)->next; (pos) != (head); (pos) = (pos)->next)

static inline void
list_init(struct list_head *h)
{
	h->next = h->prev = h;
}

static inline bool
list_empty(const struct list_head *h)
{
	return h->next == h;
}

static inline void
list_insert_between(struct list_head *n, struct list_head *prev,
		    struct list_head *next)
{
	next->prev = n;
	n->next = next;
	n->prev = prev;
	prev->next = n;
}

/* Insert N right after HEAD (a stack). */
static inline void
list_add(struct list_head *n, struct list_head *head)
{
	list_insert_between(n, head, head->next);
}

/* Insert N right before HEAD (a queue). */
static inline void
list_add_tail(struct list_head *n, struct list_head *head)
{
	list_insert_between(n, head->prev, head);
}

/* Unlink N; its links are poisoned to NULL so a second del faults. */
static inline void
list_del(struct list_head *n)
{
	n->prev->next = n->next;
	n->next->prev = n->prev;
	n->next = n->prev = NULL;
}

#endif /* MM_LIST_H */
