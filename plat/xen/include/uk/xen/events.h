/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Xen event channels (2-level ABI). A bound port has one handler; it runs
 * in the event upcall with events masked, on the interrupted stack: it
 * must not block, yield or allocate (like an interrupt handler). Events
 * are delivered when the CPU halts (ukplat_lcpu_halt_until, the idle
 * thread) or whenever events are unmasked (ukplat_lcpu_restore_irqf).
 * Calls from thread context; no allocation (a fixed table of
 * CONFIG_XEN_EVTCHN_PORTS handlers).
 */
#ifndef UK_XEN_EVENTS_H
#define UK_XEN_EVENTS_H

#include <uk/essentials.h>
#include <uk/xen/xen.h>

UK_EXTERN_C_BEGIN

typedef uint32_t uk_xen_evtchn_port_t;

/** Runs for each event on @p port, with the argument given at bind. */
typedef void (*uk_xen_evtchn_handler_t)(uk_xen_evtchn_port_t port, void *arg);

/**
 * Binds virtual IRQ @p virq (VIRQ_* of xen/xen.h) of vCPU 0 to a new
 * port with @p handler, unmasked.
 * @return 0 with *port set; a negative errno from Xen; -ENOSPC when the
 * port is beyond the handler table (it is closed again).
 */
int uk_xen_evtchn_bind_virq(uint32_t virq, uk_xen_evtchn_handler_t handler, void *arg,
			    uk_xen_evtchn_port_t *port);

/**
 * A new port that domain @p remote may bind to (EVTCHNOP_alloc_unbound):
 * the frontend's end of a split driver, advertised in xenstore.
 * @return 0 with *port set, or a negative errno.
 */
int uk_xen_evtchn_alloc_unbound(uk_xen_domid_t remote, uk_xen_evtchn_handler_t handler,
				void *arg, uk_xen_evtchn_port_t *port);

/**
 * Connects to port @p remote_port of domain @p remote, which it left
 * unbound for us (EVTCHNOP_bind_interdomain).
 * @return 0 with *local_port set, or a negative errno.
 */
int uk_xen_evtchn_bind_interdomain(uk_xen_domid_t remote, uk_xen_evtchn_port_t remote_port,
				   uk_xen_evtchn_handler_t handler, void *arg,
				   uk_xen_evtchn_port_t *local_port);

/** Closes @p port and forgets its handler. @return 0 or a negative errno. */
int uk_xen_evtchn_close(uk_xen_evtchn_port_t port);

/** Notifies the other end of @p port. @return 0 or a negative errno. */
int uk_xen_evtchn_send(uk_xen_evtchn_port_t port);

/** Stops delivery on @p port; events stay pending. */
void uk_xen_evtchn_mask(uk_xen_evtchn_port_t port);

/**
 * Resumes delivery on @p port; an event that arrived while it was
 * masked is delivered now (EVTCHNOP_unmask re-raises it).
 * @return 0 or a negative errno.
 */
int uk_xen_evtchn_unmask(uk_xen_evtchn_port_t port);

/** @return nonzero while an event on @p port waits for delivery. */
int uk_xen_evtchn_is_pending(uk_xen_evtchn_port_t port);

UK_EXTERN_C_END

#endif /* UK_XEN_EVENTS_H */
