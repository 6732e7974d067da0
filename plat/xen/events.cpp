// SPDX-License-Identifier: BSD-3-Clause
//
// Event channels, 2-level ABI: shared_info holds a pending and a mask bit
// per port (64 words of 64), and each vCPU a selector word saying which
// pending words to look at. The upcall (entry.S, events masked) clears
// the vCPU's pending flag, takes the selector, and for each pending,
// unmasked port clears its pending bit before running its handler, so an
// event that arrives during the handler raises a new upcall. Ports are
// masked until bound and after close.

#include <uk/config.h>
#include <uk/errno.h>
#include <uk/irq.hpp>
#include <uk/xen/events.h>

#include "hypercall.hpp"
#include "xen.hpp"

namespace uk::xen {
namespace {

constexpr unsigned kPorts = CONFIG_XEN_EVTCHN_PORTS;
constexpr unsigned kAllPorts = abi::kEvtchnWords * 64;
static_assert(kPorts <= kAllPorts);

struct Handler {
	uk_xen_evtchn_handler_t fn; // nullptr: not bound here
	void *arg;
	bool wakes; // counts for ukplat_lcpu_has_async_events (not our timer)
};

constinit Handler handlers[kPorts];

uint64_t bit(unsigned port) { return 1ULL << (port % 64); }
uint64_t &pending_word(unsigned port) { return shared_info->evtchn_pending[port / 64]; }
uint64_t &mask_word(unsigned port) { return shared_info->evtchn_mask[port / 64]; }

void set_mask(unsigned port) { __atomic_fetch_or(&mask_word(port), bit(port), __ATOMIC_SEQ_CST); }

void clear_pending(unsigned port)
{
	__atomic_fetch_and(&pending_word(port), ~bit(port), __ATOMIC_SEQ_CST);
}

long close_port(unsigned port)
{
	abi::EvtchnPort op{port};
	return hyp_event_channel_op(abi::kEvtchnopClose, &op);
}

// Installs the handler of a port Xen just gave us and unmasks it.
int install(unsigned port, uk_xen_evtchn_handler_t fn, void *arg, bool wakes)
{
	if (port >= kPorts) {
		close_port(port);
		return -UK_ENOSPC;
	}
	{
		IrqGuard guard;
		handlers[port] = Handler{fn, arg, wakes};
	}
	return uk_xen_evtchn_unmask(port);
}

}  // namespace

[[gnu::cold]] void events_init()
{
	for (unsigned w = 0; w < abi::kEvtchnWords; ++w) {
		shared_info->evtchn_mask[w] = ~0ULL;
		shared_info->evtchn_pending[w] = 0;
	}
}

void events_dispatch()
{
	abi::VcpuInfo &v = vcpu0();
	while (__atomic_load_n(&v.evtchn_upcall_pending, __ATOMIC_ACQUIRE)) {
		v.evtchn_upcall_pending = 0;
		uint64_t sel = __atomic_exchange_n(&v.evtchn_pending_sel, 0, __ATOMIC_SEQ_CST);
		while (sel) {
			unsigned word = __builtin_ctzll(sel);
			sel &= sel - 1;
			uint64_t ready = __atomic_load_n(&shared_info->evtchn_pending[word], __ATOMIC_ACQUIRE) &
					 ~__atomic_load_n(&shared_info->evtchn_mask[word], __ATOMIC_ACQUIRE);
			while (ready) {
				unsigned port = word * 64 + __builtin_ctzll(ready);
				ready &= ready - 1;
				clear_pending(port);
				if (port < kPorts && handlers[port].fn)
					handlers[port].fn(port, handlers[port].arg);
			}
		}
	}
}

/** Binds VIRQ_TIMER for time.cpp: a handler that does not count as an
 * asynchronous event source (halt_until arms it itself). */
int bind_timer_virq(uk_xen_evtchn_handler_t fn, uk_xen_evtchn_port_t *port)
{
	abi::EvtchnBindVirq op{abi::kVirqTimer, 0, 0};
	if (long rc = hyp_event_channel_op(abi::kEvtchnopBindVirq, &op); rc < 0)
		return static_cast<int>(rc);
	*port = op.port;
	return install(op.port, fn, nullptr, false);
}

}  // namespace uk::xen

using namespace uk::xen;

extern "C" int uk_xen_evtchn_bind_virq(uint32_t virq, uk_xen_evtchn_handler_t handler, void *arg,
				       uk_xen_evtchn_port_t *port)
{
	if (!handler || !port)
		return -UK_EINVAL;
	abi::EvtchnBindVirq op{virq, 0, 0};
	if (long rc = hyp_event_channel_op(abi::kEvtchnopBindVirq, &op); rc < 0)
		return static_cast<int>(rc);
	*port = op.port;
	return install(op.port, handler, arg, true);
}

extern "C" int uk_xen_evtchn_alloc_unbound(uk_xen_domid_t remote, uk_xen_evtchn_handler_t handler,
					   void *arg, uk_xen_evtchn_port_t *port)
{
	if (!handler || !port)
		return -UK_EINVAL;
	abi::EvtchnAllocUnbound op{abi::kDomidSelf, remote, 0};
	if (long rc = hyp_event_channel_op(abi::kEvtchnopAllocUnbound, &op); rc < 0)
		return static_cast<int>(rc);
	*port = op.port;
	return install(op.port, handler, arg, true);
}

extern "C" int uk_xen_evtchn_bind_interdomain(uk_xen_domid_t remote, uk_xen_evtchn_port_t remote_port,
					      uk_xen_evtchn_handler_t handler, void *arg,
					      uk_xen_evtchn_port_t *local_port)
{
	if (!handler || !local_port)
		return -UK_EINVAL;
	abi::EvtchnBindInterdomain op{remote, remote_port, 0};
	if (long rc = hyp_event_channel_op(abi::kEvtchnopBindInterdomain, &op); rc < 0)
		return static_cast<int>(rc);
	*local_port = op.local_port;
	return install(op.local_port, handler, arg, true);
}

extern "C" int uk_xen_evtchn_close(uk_xen_evtchn_port_t port)
{
	if (port >= kAllPorts)
		return -UK_EINVAL;
	set_mask(port);
	if (port < kPorts) {
		uk::IrqGuard guard;
		handlers[port] = {nullptr, nullptr, false};
	}
	long rc = close_port(port);
	clear_pending(port);
	return static_cast<int>(rc);
}

extern "C" int uk_xen_evtchn_send(uk_xen_evtchn_port_t port)
{
	abi::EvtchnPort op{port};
	return static_cast<int>(hyp_event_channel_op(abi::kEvtchnopSend, &op));
}

extern "C" void uk_xen_evtchn_mask(uk_xen_evtchn_port_t port)
{
	if (port < kAllPorts)
		set_mask(port);
}

extern "C" int uk_xen_evtchn_unmask(uk_xen_evtchn_port_t port)
{
	if (port >= kAllPorts)
		return -UK_EINVAL;
	// Xen clears the mask bit and, if the port is pending, raises the
	// upcall the masked event could not (its edge was lost).
	abi::EvtchnPort op{port};
	return static_cast<int>(hyp_event_channel_op(abi::kEvtchnopUnmask, &op));
}

extern "C" int uk_xen_evtchn_is_pending(uk_xen_evtchn_port_t port)
{
	if (port >= kAllPorts)
		return 0;
	return (__atomic_load_n(&pending_word(port), __ATOMIC_ACQUIRE) & bit(port)) != 0;
}

// Device channels make events a way out of a halt with no deadline; with
// none bound, only the timer halt_until arms itself can wake the CPU.
extern "C" int ukplat_lcpu_has_async_events(void)
{
	for (const Handler &h : handlers)
		if (h.fn && h.wakes)
			return 1;
	return 0;
}
