// SPDX-License-Identifier: BSD-3-Clause
//
// Every uknetdev device becomes a netif at boot; the first one (en0)
// gets its IPv4 address from the command line's library parameters or,
// without them, from DHCP (the boot waits up to LIBLWIP_DHCP_WAIT_MS for
// a lease, so main() starts with the network up); the others use DHCP.
//
//   image lwip.ip=10.0.2.15/24 lwip.gw=10.0.2.2 lwip.dns=10.0.2.3 -- args
//
// The first interface is lwIP's default route.

#include "netif.hpp"

#include <lwip/dhcp.h>
#include <lwip/dns.h>
#include <lwip/ip4_addr.h>
#include <lwip/tcpip.h>

#include <stdlib.h>
#include <string.h>

#include <uk/errno.h>
#include <uk/init.h>
#include <uk/libparam.h>
#include <uk/plat.h>
#include <uk/print.h>
#include <uk/sched.h>

namespace uk::lwip {
namespace {

constexpr int kMaxPorts = 4;
constexpr uint64_t kDhcpWaitNs = uint64_t{CONFIG_LIBLWIP_DHCP_WAIT_MS} * 1000000;

constinit Port ports[kMaxPorts];

struct Static {
	bool set;
	ip4_addr_t ip, mask, gw, dns;
};
constinit Static cfg{};

int set_ip(const char *v)
{
	char addr[16];
	const char *slash = strchr(v, '/');
	size_t n = slash ? static_cast<size_t>(slash - v) : strlen(v);
	if (n >= sizeof(addr))
		return -UK_EINVAL;
	memcpy(addr, v, n);
	addr[n] = 0;
	int prefix = slash ? atoi(slash + 1) : 24;
	if (!ip4addr_aton(addr, &cfg.ip) || prefix < 1 || prefix > 32)
		return -UK_EINVAL;
	ip4_addr_set_u32(&cfg.mask, lwip_htonl(prefix == 32 ? ~0u : ~((1u << (32 - prefix)) - 1)));
	cfg.set = true;
	return 0;
}
int set_gw(const char *v) { return ip4addr_aton(v, &cfg.gw) ? 0 : -UK_EINVAL; }
int set_dns(const char *v) { return ip4addr_aton(v, &cfg.dns) ? 0 : -UK_EINVAL; }

UK_LIBPARAM(lwip_ip, "lwip.ip", set_ip, "IPv4 address of en0 with its prefix, e.g. 10.0.2.15/24");
UK_LIBPARAM(lwip_gw, "lwip.gw", set_gw, "default gateway, e.g. 10.0.2.2");
UK_LIBPARAM(lwip_dns, "lwip.dns", set_dns, "DNS server, e.g. 10.0.2.3");

void say(int i, netif *nif, const char *how)
{
	char a[16], m[16], g[16];
	uk_pr_info("en%d: %s/%s gw %s (%s)\n", i,
		   ip4addr_ntoa_r(netif_ip4_addr(nif), a, sizeof(a)),
		   ip4addr_ntoa_r(netif_ip4_netmask(nif), m, sizeof(m)),
		   ip4addr_ntoa_r(netif_ip4_gw(nif), g, sizeof(g)), how);
}

// DHCP on every port without a static address; waits for the leases.
void configure(Port *p, int n)
{
	LOCK_TCPIP_CORE();
	for (int i = 0; i < n; ++i) {
		netif_set_up(&p[i].nif);
		if (i == 0 && cfg.set) {
			netif_set_addr(&p[i].nif, &cfg.ip, &cfg.mask, &cfg.gw);
			if (!ip4_addr_isany_val(cfg.dns)) {
				ip_addr_t d = IPADDR4_INIT(ip4_addr_get_u32(&cfg.dns));
				dns_setserver(0, &d);
			}
		} else {
			dhcp_start(&p[i].nif);
		}
	}
	netif_set_default(&p[0].nif);
	UNLOCK_TCPIP_CORE();
	uint64_t deadline = ukplat_monotonic_clock() + kDhcpWaitNs;
	for (int i = 0; i < n; ++i) {
		if (i == 0 && cfg.set) {
			say(i, &p[i].nif, "static");
			continue;
		}
		while (!dhcp_supplied_address(&p[i].nif) && ukplat_monotonic_clock() < deadline)
			uk_sched_sleep_ns(10000000);
		if (dhcp_supplied_address(&p[i].nif))
			say(i, &p[i].nif, "DHCP");
		else
			uk_pr_warn("en%d: no DHCP lease within %d ms; it keeps asking\n", i,
				   CONFIG_LIBLWIP_DHCP_WAIT_MS);
	}
}

int lwip_attach_netdevs(void)
{
	int n = 0;
	for (unsigned id = 0; id < uk_netdev_count() && n < kMaxPorts; ++id) {
		uk_netdev *dev = uk_netdev_get(id);
		ports[n].index = n;
		int rc = port_start(&ports[n], dev);
		if (rc < 0) {
			uk_pr_err("%s: cannot start it for lwIP (%d)\n", uk_netdev_name(dev), rc);
			continue;
		}
		uk_pr_info("%s is en%d (%s mode)\n", uk_netdev_name(dev), n,
			   ports[n].intr ? "interrupt" : "polling");
		++n;
	}
	if (n)
		configure(ports, n);
	else if (cfg.set)
		uk_pr_warn("lwip.ip is set, but there is no network device\n");
	return 0;
}

}  // namespace
}  // namespace uk::lwip

using uk::lwip::lwip_attach_netdevs;
uk_sys_initcall_prio(lwip_attach_netdevs, 1);
