// SPDX-License-Identifier: BSD-3-Clause
//
// The console, chosen at boot from start_info: dom0 writes through
// HYPERVISOR_console_io (Xen's own console: the serial line), a domU
// into the PV console ring that xenconsoled reads, notifying it on the
// console's event channel. A full ring waits for the backend (yielding
// the CPU to Xen) for at most kStallNs, then drops the output: a console
// nobody reads must not hang the image.

#include <uk/plat.h>
#include <uk/xen/events.h>

#include "console_ring.hpp"
#include "hypercall.hpp"
#include "xen.hpp"

namespace uk::xen {
namespace {

constexpr uint64_t kStallNs = 1000000000ULL;

constinit bool use_ring = false;
constinit ConsoleRing ring{nullptr};
constinit uint32_t ring_port = 0;

// Yields to Xen until @p ready() or kStallNs pass. @return ready().
template <class Ready>
bool wait_backend(Ready ready)
{
	uint64_t start = system_time_ns();
	while (!ready()) {
		if (system_time_ns() - start > kStallNs)
			return false;
		hyp_sched_op(abi::kSchedopYield);
	}
	return true;
}

void ring_write(const char *buf, size_t len)
{
	while (len) {
		size_t n = ring.put(buf, len);
		uk_xen_evtchn_send(ring_port);
		buf += n;
		len -= n;
		if (len && n == 0 && !wait_backend([] { return ring.drained(); }))
			return;
	}
}

}  // namespace

[[gnu::cold]] void console_init()
{
	if (is_dom0())
		return;
	auto *intf = reinterpret_cast<abi::XenconsInterface *>(
		pfn_to_va(mfn_to_pfn(start_info->console.domu.mfn)));
	ring = ConsoleRing(intf);
	ring_port = start_info->console.domu.evtchn;
	use_ring = true;
}

void console_write(const char *buf, size_t len)
{
	if (use_ring)
		ring_write(buf, len);
	else
		hyp_console_write(buf, len);
}

void console_flush()
{
	if (use_ring)
		wait_backend([] { return ring.drained(); });
}

}  // namespace uk::xen

extern "C" int ukplat_coutk(const char *buf, size_t len)
{
	uk::xen::console_write(buf, len);
	return static_cast<int>(len);
}
