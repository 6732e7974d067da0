// SPDX-License-Identifier: BSD-3-Clause
//
// The image's xenstore connection (uk/xen/xenbus.h): the ring page and
// event channel of start_info (a domU; the toolstack bound the channel
// already: we only unmask it), attached on first use. Waiting for a
// reply halts the CPU until the daemon's event (or the deadline): no
// thread switch, so calls never interleave.

#include <type_traits>

#include <uk/errno.h>
#include <uk/plat.h>
#include <uk/xen/events.h>
#include <uk/xen/xenbus.h>

#include "frontend.hpp"
#include "xen.hpp"
#include "xs_client.hpp"

namespace uk::xen {
namespace {

class StorePort final : public XsPort {
public:
	constexpr StorePort() = default;
	void notify() override { uk_xen_evtchn_send(evtchn_); }
	void wait(uint64_t deadline_ns) override { ukplat_lcpu_halt_until(deadline_ns); }
	uint64_t now() override { return ukplat_monotonic_clock(); }
	uint32_t evtchn_ = 0;
};

constinit StorePort store_port;
constinit XsClient client;
constinit bool connect_tried = false;
constinit int cached_domid = -1;

XsClient &xs()
{
	if (!connect_tried) {
		connect_tried = true;
		if (!is_dom0() && start_info->store_mfn) {
			auto *intf = reinterpret_cast<abi::XenstoreDomainInterface *>(
				pfn_to_va(mfn_to_pfn(start_info->store_mfn)));
			store_port.evtchn_ = start_info->store_evtchn;
			uk_xen_evtchn_unmask(store_port.evtchn_);
			client.attach(intf, &store_port);
		}
	}
	return client; // unattached: every call gives -ENODEV
}

template <class T>
int to_int(Result<T> r)
{
	if (!r.ok())
		return r.error();
	if constexpr (std::is_void_v<T>)
		return 0;
	else
		return static_cast<int>(r.take());
}

}  // namespace

int xenbus_domid()
{
	if (cached_domid >= 0)
		return cached_domid;
	char buf[16];
	Result<size_t> r = xs().read(0, "domid", buf, sizeof(buf));
	if (!r.ok())
		return r.error();
	int id = 0;
	for (const char *p = buf; *p; ++p) {
		if (*p < '0' || *p > '9' || id > 0x7fef)
			return -UK_EIO;
		id = id * 10 + (*p - '0');
	}
	cached_domid = id;
	return id;
}

}  // namespace uk::xen

using uk::xen::to_int;
using uk::xen::xs;

extern "C" int uk_xen_xs_read(uk_xen_xs_tx_t tx, const char *path, char *buf, size_t size)
{
	return to_int(xs().read(tx, path, buf, size));
}

extern "C" int uk_xen_xs_write(uk_xen_xs_tx_t tx, const char *path, const char *value)
{
	return to_int(xs().write(tx, path, value));
}

extern "C" int uk_xen_xs_rm(uk_xen_xs_tx_t tx, const char *path)
{
	return to_int(xs().rm(tx, path));
}

extern "C" int uk_xen_xs_directory(uk_xen_xs_tx_t tx, const char *path, char *buf, size_t size)
{
	return to_int(xs().directory(tx, path, buf, size));
}

extern "C" int uk_xen_xs_transaction_start(uk_xen_xs_tx_t *tx)
{
	uk::Result<uint32_t> r = xs().transaction_start();
	if (!r.ok())
		return r.error();
	*tx = r.value();
	return 0;
}

extern "C" int uk_xen_xs_transaction_end(uk_xen_xs_tx_t tx, int commit)
{
	return to_int(xs().transaction_end(tx, commit != 0));
}

extern "C" int uk_xen_xs_domain_path(uk_xen_domid_t domid, char *buf, size_t size)
{
	return to_int(xs().domain_path(domid, buf, size));
}

extern "C" int uk_xen_xs_watch_add(struct uk_xen_xs_watch *w, const char *path)
{
	return to_int(xs().watch(w, path));
}

extern "C" int uk_xen_xs_watch_remove(struct uk_xen_xs_watch *w)
{
	return to_int(xs().unwatch(w));
}

extern "C" int uk_xen_xs_watch_wait(struct uk_xen_xs_watch *w, unsigned int seen,
				    uint64_t deadline_ns)
{
	return to_int(xs().wait_watch(w, seen, deadline_ns));
}

extern "C" int uk_xen_xenbus_read_state(const char *dev)
{
	return to_int(uk::xen::read_state(xs(), dev));
}

extern "C" int uk_xen_xenbus_switch_state(const char *dev, enum uk_xen_xenbus_state state)
{
	return to_int(uk::xen::switch_state(xs(), dev, state));
}

extern "C" int uk_xen_xenbus_wait_state(const char *dev, enum uk_xen_xenbus_state state,
					uint64_t deadline_ns)
{
	return to_int(uk::xen::wait_state(xs(), dev, state, deadline_ns));
}
