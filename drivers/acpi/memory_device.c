/* SPDX-License-Identifier: MIT */
/*
 * drivers/acpi/memory_device.c - the ACPI memory device driver (PNP0C80):
 * a DIMM slot that the firmware describes with _STA, _CRS, _PXM, _OST and
 * _EJ0, turned into add_memory() when a DIMM arrives and into
 * offline_and_remove_memory() + _EJ0 when it should leave.
 *
 * The idea: the firmware only says "look at this slot" (Notify 1: device
 * check, Notify 3: eject request); everything else the driver reads from
 * the slot itself, and it answers each request with _OST so the host
 * (QEMU's ACPI_DEVICE_OST event) learns how it ended:
 *
 *   Notify 1  _STA present? -> _CRS ranges, _PXM node -> add_memory() each
 *             -> _OST(1, 0) | _OST(1, 1)
 *   Notify 3  _OST(3, 0x84 in progress) -> check -> offline every block
 *             of every range, then remove the ranges -> _EJ0(1) (QEMU
 *             unplugs the DIMM inside it) -> _OST(3, 0)
 *             | no _EJ0, _OST(3, 0x82 busy | 0x01 failure), every block
 *               back in the state and zone it had
 *   other     _OST(code, 0x02 unrecognised)
 *   boot      a slot present at the bus scan is added like a hot add, but
 *             without _OST (Linux does not answer what nobody asked).
 *
 * What an eject takes away is what this slot added: the ENABLED
 * hotplug_range records whose owner is the slot, never a fresh _CRS
 * alone.  The check before anything moves refuses (_OST 0x01, one line)
 * when _CRS failed (the DIMM's memory cannot be known, and QEMU would
 * take online RAM away), when a record is not one of _CRS's ranges, and
 * (_OST 0x82) when a block in a range is not the slot's.  All blocks go
 * offline before any range is removed, under one hold of
 * mem_hotplug_lock, so a busy block (the usual failure) undoes by
 * onlining blocks into their old zones, never by adding a range again
 * with the auto-online policy.  Once the slot is empty (after _EJ0, or a
 * device check finds it so) its FAILED records are marked REMOVED
 * (hotplug_range_forget()): `retry` must not add RAM that left.
 *
 * The driver binds to every PNP0C80 slot, empty or not (bind_absent), so
 * each later Notify reaches it and `dimms` can list all slots.  A Notify
 * for an empty slot (QEMU's stale flags, spec 9.8) is logged and ignored.
 *
 * Contexts: every function here evaluates AML or reads the driver's list
 * and runs in kacpid (the shell goes through acpi_worker_call()); the
 * list needs no lock.  mm is entered with mem_hotplug_lock (add) or
 * through functions that take it themselves.
 *
 * Course text: docs/08-hot-add.md, docs/09-hot-remove.md
 *              (docs/07-aml-and-acpi-events.md for Notify and the bus).
 * Tests: tests/unit/acpi/test_memory_device.c, tests/qemu/test_hot_add.py,
 *        tests/qemu/test_hot_remove.py
 */
#include "drivers/acpi/acpi.h"
#include "drivers/acpi/aml/aml.h"
#include "kernel/kernel.h"
#include "kernel/lib.h"
#include "mm/memory_hotplug.h"

#define STA_PRESENT	(1u << 0)
#define STA_FUNCTIONING	(1u << 3)

/* _OST status codes (ACPI 6.x, 6.3.5; spec 5d). */
#define OST_SUCCESS		0x00
#define OST_FAILURE		0x01
#define OST_UNRECOGNISED	0x02	/* a Notify code the driver does not handle */
#define OST_EJECT_BUSY		0x82
#define OST_EJECT_IN_PROGRESS	0x84

/* Every PNP0C80 device the bus offered, in bus order.  kacpid only. */
static struct acpi_memory_dimm dimms[ACPI_MEMORY_MAX_DIMMS];
static int nr_dimms;
static bool too_many_warned;

/* ------------------------------------------------------------ reading the slot */

/* "0x0A" -> 10, "12" -> 12; -1 when S is no number. */
static int
parse_uid(const char *s)
{
	int base = 10, v = 0;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	if (!*s)
		return -1;
	for (; *s; s++) {
		int d;

		if (*s >= '0' && *s <= '9')
			d = *s - '0';
		else if (base == 16 && *s >= 'a' && *s <= 'f')
			d = *s - 'a' + 10;
		else if (base == 16 && *s >= 'A' && *s <= 'F')
			d = *s - 'A' + 10;
		else
			return -1;
		if (v > 0xffffff)
			return -1;
		v = v * base + d;
	}
	return v;
}

/* The slot number: _UID ("0x02"), else the hex digits of QEMU's name
 * "MP02", else -1 (the caller picks the list index). */
static int
slot_of(const struct acpi_device *adev)
{
	const char *name = aml_node_name(adev->node);
	char hex[5];
	int slot = parse_uid(adev->uid);

	if (slot >= 0)
		return slot;
	if (name[0] == 'M' && name[1] == 'P') {
		snprintf(hex, sizeof(hex), "0x%c%c", name[2], name[3]);
		return parse_uid(hex);
	}
	return -1;
}

/* Evaluate NAME under the slot; a failure other than "no such method" is
 * warned about.  RET may be NULL. */
static int
eval(struct acpi_memory_dimm *d, const char *name, const struct aml_value *args, int nargs,
     struct aml_value *ret)
{
	int err;

	if (ret)
		ret->type = AML_UNINITIALIZED;
	err = aml_eval(d->adev->node, name, args, nargs, ret);
	if (err && err != -ENOENT)
		pr_warn("acpi memory: %s.%s failed (%s)\n", d->adev->path, name, aml_strerror(err));
	return err;
}

/* _STA, 0x0F without one, 0 when it fails; kept in the bus's record too. */
static u32
read_sta(struct acpi_memory_dimm *d)
{
	struct aml_value v;
	int err = eval(d, "_STA", NULL, 0, &v);

	if (err == -ENOENT)
		d->sta = 0x0f;
	else
		d->sta = !err && v.type == AML_INTEGER ? (u32)v.integer : 0;
	aml_value_free(&v);
	d->adev->sta = d->sta;
	return d->sta;
}

/* _OST(SOURCE, STATUS, Buffer(0){}); a slot without _OST is fine. */
static void
ost(struct acpi_memory_dimm *d, u32 source, u32 status)
{
	struct aml_value args[3] = { aml_int(source), aml_int(status),
				     { .type = AML_BUFFER } };

	if (aml_lookup(d->adev->node, "_OST"))
		eval(d, "_OST", args, 3, NULL);
}

/* One _CRS descriptor: memory ranges go into the slot's list. */
static int
take_range(const struct aml_resource *r, void *arg)
{
	struct acpi_memory_dimm *d = arg;
	u64 start, len;

	if (r->type == AML_RES_ADDRESS && r->address.resource_type == 0) {
		start = r->address.min;
		len = r->address.len;
	} else if (r->type == AML_RES_MEMORY) {
		start = r->memory.min;
		len = r->memory.len;
	} else {
		return 0;
	}
	if (!len)		/* an empty QEMU slot: min 0, len 0 */
		return 0;
	if (d->nr_ranges == ACPI_MEMORY_MAX_RANGES) {
		pr_warn("acpi memory: %s._CRS: more than %d memory ranges; [mem %#llx-%#llx] ignored\n",
			d->adev->path, ACPI_MEMORY_MAX_RANGES, (unsigned long long)start,
			(unsigned long long)(start + len - 1));
		return 0;
	}
	d->ranges[d->nr_ranges].start = start;
	d->ranges[d->nr_ranges].size = len;
	d->nr_ranges++;
	return 0;
}

/* _CRS into d->ranges: 0, or an error (warned). */
static int
read_crs(struct acpi_memory_dimm *d)
{
	struct aml_value v;
	int err = eval(d, "_CRS", NULL, 0, &v);

	d->nr_ranges = 0;
	if (!err && v.type != AML_BUFFER) {
		pr_warn("acpi memory: %s._CRS: not a Buffer\n", d->adev->path);
		err = AML_ETYPE;
	}
	if (!err)
		err = aml_resource_walk(v.buffer.ptr, v.buffer.len, take_range, d);
	aml_value_free(&v);
	return err;
}

/* _PXM through the SRAT's map into d->nid; node 0 (warned) when the
 * slot has no _PXM or the SRAT never named its PXM. */
static void
read_node(struct acpi_memory_dimm *d)
{
	u64 pxm;
	int err = aml_lookup(d->adev->node, "_PXM") ? aml_eval_integer(d->adev->node, "_PXM", &pxm)
						     : -ENOENT;

	d->nid = err ? NUMA_NO_NODE : acpi_pxm_to_node((u32)pxm);
	if (err == -ENOENT)
		pr_warn("acpi memory: %s: no _PXM; node 0\n", d->adev->path);
	else if (err)
		pr_warn("acpi memory: %s._PXM failed (%s); node 0\n", d->adev->path,
			aml_strerror(err));
	else if (d->nid == NUMA_NO_NODE)
		pr_warn("acpi memory: %s: PXM %llu is in no SRAT entry (or there is no SRAT); node 0\n",
			d->adev->path, (unsigned long long)pxm);
	if (d->nid == NUMA_NO_NODE)
		d->nid = 0;
}

static struct hotplug_range *exact_record(const struct acpi_memory_dimm *d, int r);

/* Read what the slot says now: _STA; when present also _CRS and _PXM. */
static void
read_slot(struct acpi_memory_dimm *d)
{
	memset(d->ranges, 0, sizeof(d->ranges));
	d->nr_ranges = 0;
	d->crs_error = 0;
	if (!(read_sta(d) & STA_PRESENT))
		return;
	d->crs_error = read_crs(d);
	if (d->crs_error)
		d->nr_ranges = 0;
	read_node(d);
	for (int r = 0; r < d->nr_ranges; r++)
		d->ranges[r].rec = exact_record(d, r);
}

/* ------------------------------------------------------------ log lines */

/* "acpi memory: \_SB_.MHPC.MP00: slot 0 [mem 0x100000000-0x13fffffff] node 0: " */
static int
prefix(char *buf, size_t size, const struct acpi_memory_dimm *d, int r)
{
	if (r < 0)
		return snprintf(buf, size, "acpi memory: %s: slot %d", d->adev->path, d->slot);
	return snprintf(buf, size, "acpi memory: %s: slot %d [mem %#llx-%#llx] node %d",
			d->adev->path, d->slot, (unsigned long long)d->ranges[r].start,
			(unsigned long long)(d->ranges[r].start + d->ranges[r].size - 1), d->nid);
}

/* The FAILED record of [start, start + size), for its reason; or NULL. */
static const struct hotplug_range *
failed_record(u64 start, u64 size)
{
	for (int i = hotplug_range_count() - 1; i >= 0; i--) {
		const struct hotplug_range *h = hotplug_range_at(i);

		if (h && h->start == start && h->size == size && h->status == MHP_FAILED)
			return h;
	}
	return NULL;
}

/* ------------------------------------------------------------ add */

/* The ENABLED record that is exactly range R, whoever added it, or NULL. */
static struct hotplug_range *
exact_enabled(const struct acpi_memory_dimm *d, int r)
{
	struct hotplug_range *h = hotplug_range_find(d->ranges[r].start, d->ranges[r].size);

	if (h && h->start == d->ranges[r].start && h->size == d->ranges[r].size)
		return h;
	return NULL;
}

/* The ENABLED record of exactly range R that this slot added, or NULL. */
static struct hotplug_range *
exact_record(const struct acpi_memory_dimm *d, int r)
{
	struct hotplug_range *h = exact_enabled(d, r);

	return h && h->owner == (const void *)d ? h : NULL;
}

/*
 * Add every range of a present slot (re-read now).  A range already
 * ENABLED is left alone (Notify 1 twice adds once).  Returns 0 when every
 * range is there afterwards, else the first error (ranges that did go in
 * stay, as in Linux).
 */
static int
add_dimm(struct acpi_memory_dimm *d)
{
	char pre[160];
	int first_err = 0;

	d->error = 0;
	if (!(d->sta & STA_FUNCTIONING)) {
		prefix(pre, sizeof(pre), d, -1);
		pr_err("%s: _STA 0x%02x: present but not functioning; not added\n", pre, d->sta);
		return d->error = -ENODEV;
	}
	if (!d->nr_ranges) {
		prefix(pre, sizeof(pre), d, -1);
		pr_err("%s: _CRS gives no memory range; not added\n", pre);
		return d->error = -EINVAL;
	}
	for (int r = 0; r < d->nr_ranges; r++) {
		u64 start = d->ranges[r].start, size = d->ranges[r].size;
		int err;

		prefix(pre, sizeof(pre), d, r);
		d->ranges[r].rec = exact_record(d, r);
		if (d->ranges[r].rec) {
			pr_info("%s: already added\n", pre);
			continue;
		}
		if (exact_enabled(d, r)) {	/* add_memory() would say 0 for it */
			pr_err("%s: add failed (%d): the range was added already, not for this DIMM (%s)\n",
			       pre, -EEXIST, mhp_source_name(exact_enabled(d, r)->source));
			if (!first_err)
				first_err = -EEXIST;
			continue;
		}
		mutex_lock(&mem_hotplug_lock);
		err = add_memory_locked(d->nid, start, size, MHP_SOURCE_ACPI, d);
		mutex_unlock(&mem_hotplug_lock);
		d->ranges[r].rec = err ? NULL : exact_record(d, r);
		if (!err) {
			pr_info("%s: added\n", pre);
			continue;
		}
		{
			const struct hotplug_range *h = failed_record(start, size);

			pr_err("%s: add failed (%d): %s\n", pre, err,
			       h && h->reason[0] ? h->reason : "add_memory() refused it");
		}
		if (!first_err)
			first_err = err;
	}
	return d->error = first_err;
}

/* A device check (Notify 1) or bus check (0): add what is present. */
static void
device_check(struct acpi_memory_dimm *d, u32 value)
{
	char pre[160];

	read_slot(d);
	if (!(d->sta & STA_PRESENT)) {
		prefix(pre, sizeof(pre), d, -1);
		pr_info("%s: Notify 0x%x for an empty slot ignored\n", pre, value);
		hotplug_range_forget(d);	/* a failed add of a DIMM now gone */
		return;
	}
	ost(d, value, add_dimm(d) ? OST_FAILURE : OST_SUCCESS);
}

/* ------------------------------------------------------------ eject */

/* Why an eject failed, in words. */
static const char *
eject_reason(int err)
{
	switch (err) {
	case -EBUSY:
		return "memory in use: a block could not go offline (see the line above)";
	case -ETIMEDOUT:
		return "offline took too long: pages still in use";
	case -EPERM:
		return "the range holds boot memory";
	default:
		return "offline or remove failed (see the line above)";
	}
}

/*
 * Memory blocks in range R that are not from its record (say a block
 * `probe` added there): _EJ0 would pull RAM still in use.  The first
 * such block id, or -1.
 */
static long
foreign_block(const struct acpi_memory_dimm *d, int r, const struct hotplug_range *rec)
{
	unsigned long first = pfn_to_block_id(d->ranges[r].start >> PAGE_SHIFT);
	unsigned long last = pfn_to_block_id((d->ranges[r].start + d->ranges[r].size - 1) >> PAGE_SHIFT);

	for (unsigned long id = first; id <= last; id++) {
		const struct memory_block *mb = find_memory_block(id);

		if (mb && (!rec || mb->range != rec))
			return (long)id;
	}
	return -1;
}

/*
 * Before anything moves (under mem_hotplug_lock): may D's ranges go?
 * Sets d->ranges[r].rec to the slot's own ENABLED record of each range.
 * Refused, one line logged, *STATUS the _OST code:
 *   _CRS failed: the memory the DIMM holds is unknown          -EIO, 0x01
 *   a record the slot added is not one of _CRS's ranges        -EIO, 0x01
 *   a block in a range is not from the slot's record           -EBUSY, 0x82
 *   more blocks than old_zone[] can remember                   -E2BIG, 0x01
 */
#define EJECT_MAX_BLOCKS	4096	/* 512 GiB of 128 MiB blocks */
static int
eject_check(struct acpi_memory_dimm *d, u32 *status)
{
	unsigned long blocks = 0;
	char pre[160];
	long foreign = -1;
	int r;

	prefix(pre, sizeof(pre), d, -1);
	*status = OST_FAILURE;
	if (d->crs_error) {
		pr_err("%s: eject failed (%d): _CRS failed (%s): the DIMM's memory is unknown; not ejected\n",
		       pre, -EIO, aml_strerror(d->crs_error));
		return -EIO;
	}
	for (r = 0; r < d->nr_ranges; r++)
		d->ranges[r].rec = NULL;
	for (int i = 0; i < hotplug_range_count(); i++) {
		struct hotplug_range *h = hotplug_range_at(i);

		if (!h || h->owner != (void *)d || h->status != MHP_ENABLED)
			continue;
		for (r = 0; r < d->nr_ranges; r++)
			if (d->ranges[r].start == h->start && d->ranges[r].size == h->size)
				break;
		if (r == d->nr_ranges) {
			pr_err("%s: eject failed (%d): [mem %#llx-%#llx] added for this DIMM is not in its _CRS; not ejected\n",
			       pre, -EIO, (unsigned long long)h->start,
			       (unsigned long long)(h->start + h->size - 1));
			return -EIO;
		}
		d->ranges[r].rec = h;
		blocks += h->size / MEMORY_BLOCK_SIZE;
	}
	for (r = 0; r < d->nr_ranges && foreign < 0; r++)
		foreign = foreign_block(d, r, d->ranges[r].rec);
	prefix(pre, sizeof(pre), d, d->nr_ranges ? 0 : -1);
	if (foreign >= 0) {
		pr_err("%s: eject failed (%d): memory%ld in the range was not added for this DIMM\n",
		       pre, -EBUSY, foreign);
		*status = OST_EJECT_BUSY;
		return -EBUSY;
	}
	if (blocks > EJECT_MAX_BLOCKS) {
		pr_err("%s: eject failed (%d): more than %d memory blocks\n", pre, -E2BIG,
		       EJECT_MAX_BLOCKS);
		return -E2BIG;
	}
	return 0;
}

/*
 * Each block of the ranges being ejected (ranges with a record, blocks
 * in address order): the zone it was online in before the eject, or -1
 * when it was offline.  kacpid only, under mem_hotplug_lock.
 */
static s8 old_zone[EJECT_MAX_BLOCKS];

/* Call FN on every block of every range of D that has a record, with
 * its index in old_zone[]; stop at FN's first error. */
static int
each_block(struct acpi_memory_dimm *d, int (*fn)(struct acpi_memory_dimm *, int r,
						 unsigned long id, unsigned long k))
{
	unsigned long k = 0;

	for (int r = 0; r < d->nr_ranges; r++) {
		const struct hotplug_range *h = d->ranges[r].rec;
		unsigned long first, last;

		if (!h)
			continue;
		first = pfn_to_block_id(h->start >> PAGE_SHIFT);
		last = pfn_to_block_id((h->start + h->size - 1) >> PAGE_SHIFT);
		for (unsigned long id = first; id <= last; id++, k++) {
			int err = fn(d, r, id, k);

			if (err)
				return err;
		}
	}
	return 0;
}

static int
remember_block(struct acpi_memory_dimm *d, int r, unsigned long id, unsigned long k)
{
	const struct memory_block *mb = find_memory_block(id);

	(void)d, (void)r;
	old_zone[k] = mb && mb->state == MEM_ONLINE ? (s8)mb->zone : -1;
	return 0;
}

static int eject_failed_range;	/* the range whose block or remove failed */

static int
offline_block(struct acpi_memory_dimm *d, int r, unsigned long id, unsigned long k)
{
	struct memory_block *mb = find_memory_block(id);
	int err;

	(void)d, (void)k;
	if (!mb || mb->state != MEM_ONLINE)
		return 0;
	err = offline_memory_block_locked(mb);	/* says why itself */
	if (err)
		eject_failed_range = r;
	return err;
}

/* Back to old_zone[k]: online in that zone, or offline. */
static int
restore_block(struct acpi_memory_dimm *d, int r, unsigned long id, unsigned long k)
{
	struct memory_block *mb = find_memory_block(id);
	int want = old_zone[k];

	(void)d, (void)r;
	if (!mb)
		return 0;	/* its range did not come back (warned) */
	if (mb->state == MEM_ONLINE && (want < 0 || mb->zone != want))
		offline_memory_block_locked(mb);	/* the auto-online policy's pick */
	if (want >= 0 && mb->state == MEM_OFFLINE)
		online_memory_block_locked(mb, want == ZONE_MOVABLE ? MMOP_ONLINE_MOVABLE
								  : MMOP_ONLINE_KERNEL);
	if ((want < 0) != (mb->state != MEM_ONLINE) || (want >= 0 && mb->zone != want))
		pr_warn("acpi memory: memory%lu: not back as it was before the failed eject\n", id);
	return 0;
}

/*
 * The undo of a failed eject: a range already removed is added again
 * (its record is reused), then every block goes back to the state and
 * zone it had, whatever the auto-online policy did.
 */
static void
restore_ranges(struct acpi_memory_dimm *d)
{
	for (int r = 0; r < d->nr_ranges; r++) {
		struct hotplug_range *h = d->ranges[r].rec;

		if (h && h->status == MHP_REMOVED &&
		    add_memory_locked(h->nid, h->start, h->size, MHP_SOURCE_ACPI, d))
			pr_warn("acpi memory: %s: [mem %#llx-%#llx] not added again after the failed eject\n",
				d->adev->path, (unsigned long long)h->start,
				(unsigned long long)(h->start + h->size - 1));
	}
	each_block(d, restore_block);
}

/* Offline every block of every range, then remove the ranges: 0, or the
 * error with eject_failed_range set (the caller undoes). */
static int
take_ranges(struct acpi_memory_dimm *d)
{
	int err;

	each_block(d, remember_block);
	/* Fence the whole DIMM: no page of one block moves into the next. */
	for (int r = 0; r < d->nr_ranges; r++)
		if (d->ranges[r].rec)
			mhp_fence_range(d->ranges[r].start, d->ranges[r].size);
	err = each_block(d, offline_block);
	for (int r = 0; r < d->nr_ranges; r++)
		if (d->ranges[r].rec)
			mhp_unfence_range(d->ranges[r].start, d->ranges[r].size);
	for (int r = 0; r < d->nr_ranges && !err; r++) {
		if (!d->ranges[r].rec)
			continue;	/* never added (or add failed): nothing to take */
		err = remove_memory_locked(d->ranges[r].start, d->ranges[r].size);
		if (err)
			eject_failed_range = r;
	}
	return err;
}

/*
 * Take every range of D away, then _EJ0.  SOURCE is the _OST source
 * event: 3 (the firmware asked) or 0x103 (the OS decided: `eject`).
 * Returns 0 or the error; on failure nothing is changed.
 */
static int
eject_dimm(struct acpi_memory_dimm *d, u32 source)
{
	char pre[160];
	u32 status;
	int err, r;

	ost(d, source, OST_EJECT_IN_PROGRESS);
	mutex_lock(&mem_hotplug_lock);
	err = eject_check(d, &status);
	if (!err) {
		err = take_ranges(d);
		if (err) {
			restore_ranges(d);
			prefix(pre, sizeof(pre), d, eject_failed_range);
			pr_err("%s: eject failed (%d): %s\n", pre, err, eject_reason(err));
			status = err == -EBUSY || err == -ETIMEDOUT ? OST_EJECT_BUSY : OST_FAILURE;
		}
	}
	mutex_unlock(&mem_hotplug_lock);
	if (err) {
		ost(d, source, status);
		return err;
	}

	/* The ranges are unmapped now: QEMU may take the RAM away. */
	prefix(pre, sizeof(pre), d, d->nr_ranges ? 0 : -1);
	err = eval(d, "_EJ0", (struct aml_value[]){ aml_int(1) }, 1, NULL);
	if (err) {
		pr_err("%s: eject failed (%d): _EJ0 failed; the memory stays removed\n", pre, err);
		ost(d, source, OST_FAILURE);
		return err;
	}
	read_sta(d);
	if (d->sta & STA_PRESENT)
		pr_warn("%s: _EJ0 done but _STA still 0x%02x\n", pre, d->sta);
	for (r = 0; r < d->nr_ranges; r++)
		d->ranges[r].rec = NULL;
	hotplug_range_forget(d);	/* a failed add's record: that RAM is gone */
	pr_info("%s: ejected\n", pre);
	ost(d, source, OST_SUCCESS);	/* QEMU reports it for the now empty slot */
	return 0;
}

/* Notify 3: the firmware asks to remove the DIMM. */
static void
eject_request(struct acpi_memory_dimm *d)
{
	char pre[160];

	read_slot(d);
	if (!(d->sta & STA_PRESENT)) {
		prefix(pre, sizeof(pre), d, -1);
		pr_info("%s: Notify 0x%x for an empty slot ignored\n", pre, ACPI_NOTIFY_EJECT_REQUEST);
		return;
	}
	eject_dimm(d, ACPI_NOTIFY_EJECT_REQUEST);
}

/* ------------------------------------------------------------ the driver */

static struct acpi_memory_dimm *
dimm_of(struct acpi_device *adev)
{
	for (int i = 0; i < nr_dimms; i++)
		if (dimms[i].adev == adev)
			return &dimms[i];
	return NULL;
}

/* The bus scan (boot) offers each PNP0C80 slot, empty ones too. */
static int
memory_device_add(struct acpi_device *adev)
{
	struct acpi_memory_dimm *d = dimm_of(adev);

	if (!d) {
		if (nr_dimms == ACPI_MEMORY_MAX_DIMMS) {
			if (!too_many_warned)
				pr_warn("acpi memory: more than %d memory devices; %s and later ones ignored\n",
					ACPI_MEMORY_MAX_DIMMS, adev->path);
			too_many_warned = true;
			return -ENOSPC;
		}
		d = &dimms[nr_dimms++];
	}
	memset(d, 0, sizeof(*d));
	d->adev = adev;
	d->slot = slot_of(adev);
	if (d->slot < 0)
		d->slot = (int)(d - dimms);
	adev->driver_data = d;
	read_slot(d);
	if (d->sta & STA_PRESENT)	/* cold plugged: added like a hot add, no _OST */
		add_dimm(d);
	return 0;
}

static void
memory_device_notify(struct acpi_device *adev, u32 value)
{
	struct acpi_memory_dimm *d = adev->driver_data;
	char pre[160];

	switch (value) {
	case ACPI_NOTIFY_BUS_CHECK:
	case ACPI_NOTIFY_DEVICE_CHECK:
		device_check(d, value);
		break;
	case ACPI_NOTIFY_EJECT_REQUEST:
		eject_request(d);
		break;
	default:
		prefix(pre, sizeof(pre), d, -1);
		pr_info("%s: Notify 0x%x (%s) not handled\n", pre, value, acpi_notify_name(value));
		ost(d, value, OST_UNRECOGNISED);
	}
}

static const char *const memory_device_ids[] = { "PNP0C80", NULL };
static const struct acpi_driver memory_device_driver = {
	.name = "memory device",
	.ids = memory_device_ids,
	.bind_absent = true,
	.add = memory_device_add,
	.notify = memory_device_notify,
};
ACPI_DRIVER(memory_device_driver);

/* ------------------------------------------------------------ the API */

int
acpi_memory_count(void)
{
	return nr_dimms;
}

const struct acpi_memory_dimm *
acpi_memory_at(int i)
{
	return i >= 0 && i < nr_dimms ? &dimms[i] : NULL;
}

static struct acpi_memory_dimm *
find_slot(int slot)
{
	for (int i = 0; i < nr_dimms; i++)
		if (dimms[i].slot == slot)
			return &dimms[i];
	return NULL;
}

int
acpi_memory_refresh(void)
{
	for (int i = 0; i < nr_dimms; i++) {
		struct acpi_memory_dimm *d = &dimms[i];

		read_slot(d);
	}
	return nr_dimms;
}

int
acpi_memory_eject(int slot)
{
	struct acpi_memory_dimm *d = find_slot(slot);

	if (!d)
		return -EINVAL;
	read_slot(d);
	if (!(d->sta & STA_PRESENT))
		return -ENODEV;
	return eject_dimm(d, ACPI_OST_OS_EJECT);
}

const char *
acpi_memory_state(const struct acpi_memory_dimm *d)
{
	unsigned long blocks = 0, online = 0;
	bool any_added = false;

	if (!(d->sta & STA_PRESENT))
		return "empty";
	/* By the records the slot added: right even when _CRS just failed. */
	for (int i = 0; i < hotplug_range_count(); i++) {
		const struct hotplug_range *h = hotplug_range_at(i);
		unsigned long first, last;

		if (!h || h->owner != (const void *)d || h->status != MHP_ENABLED)
			continue;
		any_added = true;
		first = pfn_to_block_id(h->start >> PAGE_SHIFT);
		last = pfn_to_block_id((h->start + h->size - 1) >> PAGE_SHIFT);
		for (unsigned long id = first; id <= last; id++) {
			const struct memory_block *mb = find_memory_block(id);

			blocks += mb != NULL;
			online += mb && mb->state == MEM_ONLINE;
		}
	}
	if (!any_added)
		return d->error ? "failed" : "not added";
	if (online == blocks)
		return "online";
	return online ? "partly online" : "offline";
}

void
acpi_memory_reset(void)
{
	memset(dimms, 0, sizeof(dimms));
	nr_dimms = 0;
	too_many_warned = false;
}
