/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * xenstore and xenbus (CONFIG_XEN_XENBUS): the client of the xenstore
 * daemon, over the ring page and event channel the toolstack gave us in
 * start_info (a domU; dom0 has no xenstore connection at boot: every
 * call fails with -ENODEV). Paths are absolute ("/local/domain/3/name")
 * or relative to our home ("device/vif/0" is
 * /local/domain/<domid>/device/vif/0). Values are strings.
 *
 * Calls are made from thread context, one at a time: a call waits for
 * its reply by halting the CPU (the reply's event wakes it), so no other
 * thread runs meanwhile, and nothing is allocated (replies are copied
 * into the caller's buffers). Errors are xenstored's, as negative errno
 * values (-ENOENT, -EACCES, -EEXIST, -EAGAIN, ...), or -ETIMEDOUT when
 * xenstored does not answer within 10 s, or -EIO for a broken protocol.
 */
#ifndef UK_XEN_XENBUS_H
#define UK_XEN_XENBUS_H

#include <uk/essentials.h>
#include <uk/xen/xen.h>

UK_EXTERN_C_BEGIN

/** A transaction; UK_XEN_XS_NO_TX for a call outside any. */
typedef uint32_t uk_xen_xs_tx_t;
#define UK_XEN_XS_NO_TX ((uk_xen_xs_tx_t)0)

/**
 * Reads node @p path into @p buf (NUL-terminated).
 * @return the value's length; -E2BIG (buf untouched beyond size) when
 *   @p size cannot hold it and its NUL.
 */
int uk_xen_xs_read(uk_xen_xs_tx_t tx, const char *path, char *buf, size_t size);

/** Writes @p value to node @p path, creating it (and its parents).
 * @return 0 or a negative errno. */
int uk_xen_xs_write(uk_xen_xs_tx_t tx, const char *path, const char *value);

/** Removes node @p path and everything below it. @return 0 or -errno. */
int uk_xen_xs_rm(uk_xen_xs_tx_t tx, const char *path);

/**
 * Lists the children of @p path into @p buf as consecutive NUL-terminated
 * names. @return the number of children, -E2BIG when they do not fit.
 */
int uk_xen_xs_directory(uk_xen_xs_tx_t tx, const char *path, char *buf, size_t size);

/** @return 0 with *tx set to a new transaction, or a negative errno. */
int uk_xen_xs_transaction_start(uk_xen_xs_tx_t *tx);

/**
 * Commits (@p commit nonzero) or aborts transaction @p tx.
 * @return 0; -EAGAIN when another change conflicted: nothing was
 *   written, run the whole transaction again.
 */
int uk_xen_xs_transaction_end(uk_xen_xs_tx_t tx, int commit);

/** The home of domain @p domid ("/local/domain/<domid>") into @p buf.
 * @return its length or a negative errno. */
int uk_xen_xs_domain_path(uk_xen_domid_t domid, char *buf, size_t size);

/**
 * A watch on a path and everything below it, in the caller's memory.
 * Every change (and, once, the registration itself, as xenstored does)
 * increments @c fired; readers re-read what they care about.
 */
struct uk_xen_xs_watch {
	volatile unsigned int fired;  /**< events received so far */
	const char *path;             /* private: as given to uk_xen_xs_watch_add */
	char token[20];               /* private */
	struct uk_xen_xs_watch *next; /* private */
};

/** Registers watch @p w on @p path (which must outlive the watch).
 * @return 0 or a negative errno. */
int uk_xen_xs_watch_add(struct uk_xen_xs_watch *w, const char *path);

/** Removes @p w. @return 0 or a negative errno. */
int uk_xen_xs_watch_remove(struct uk_xen_xs_watch *w);

/**
 * Waits until @p w->fired differs from @p seen or the monotonic clock
 * reaches @p deadline_ns. @return the new count, or -ETIMEDOUT.
 */
int uk_xen_xs_watch_wait(struct uk_xen_xs_watch *w, unsigned int seen, uint64_t deadline_ns);

/** The states of a xenbus device (io/xenbus.h, XenbusState*). */
enum uk_xen_xenbus_state {
	UK_XENBUS_STATE_UNKNOWN = 0,
	UK_XENBUS_STATE_INITIALISING = 1,
	UK_XENBUS_STATE_INITWAIT = 2,
	UK_XENBUS_STATE_INITIALISED = 3,
	UK_XENBUS_STATE_CONNECTED = 4,
	UK_XENBUS_STATE_CLOSING = 5,
	UK_XENBUS_STATE_CLOSED = 6,
	UK_XENBUS_STATE_RECONFIGURING = 7,
	UK_XENBUS_STATE_RECONFIGURED = 8,
};

/** @return the state in "<dev>/state" (UNKNOWN when absent or not a
 * number), or a negative errno. */
int uk_xen_xenbus_read_state(const char *dev);

/**
 * Moves our end of a device to @p state: writes "<dev>/state" in a
 * transaction, only when it differs (no needless watch events) and only
 * while the node exists (a device being torn down is not recreated).
 * @return 0 or a negative errno.
 */
int uk_xen_xenbus_switch_state(const char *dev, enum uk_xen_xenbus_state state);

/**
 * Waits until "<dev>/state" (usually the other end's) is @p state, or
 * Closing or Closed (the other end gives up), through a watch.
 * @return the state seen, or -ETIMEDOUT at @p deadline_ns.
 */
int uk_xen_xenbus_wait_state(const char *dev, enum uk_xen_xenbus_state state, uint64_t deadline_ns);

UK_EXTERN_C_END

#endif /* UK_XEN_XENBUS_H */
