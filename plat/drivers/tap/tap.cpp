// SPDX-License-Identifier: BSD-3-Clause
//
// The tap netdev (uk/tap.h) on raw Linux system calls. Rx: a set of
// empty netbufs from the user's allocator, each read() fills one frame;
// tx: write() per frame, then the netbuf goes straight back (the kernel
// has copied it). The fd is non-blocking; "no frame" is -EAGAIN.

#include <uk/alloc.h>
#include <uk/config.h>
#include <uk/init.h>
#include <uk/irq.hpp>
#include <uk/libparam.h>
#include <uk/netdev_driver.h>
#include <uk/plat/irq.h>
#include <uk/print.h>
#include <uk/tap.h>

#include <new>
#include <syscall.hpp>

namespace uk::tap {
namespace {

using uk::linuxu::syscall6;
namespace sys = uk::linuxu::sys;

constexpr long kORdwr = 02, kONonblock = 04000, kOCloexec = 02000000;
constexpr unsigned long kTunSetIff = 0x400454ca;
constexpr short kIffTap = 0x0002, kIffNoPi = 0x1000;
constexpr unsigned long kSiocGifFlags = 0x8913, kSiocGifMtu = 0x8921;
constexpr short kIffUp = 0x1, kIffRunning = 0x40;
constexpr long kAfInet = 2, kSockDgram = 2, kSockCloexec = 02000000;
constexpr short kPollIn = 0x1;
constexpr long kEagain = 11;
constexpr uint16_t kEthHeader = 14, kVlanTag = 4, kMinMtu = 68;
constexpr uint16_t kMaxDesc = 256;

// struct ifreq: the name, then a union (flags, mtu, ...) of 24 bytes.
struct Ifreq {
	char name[16];
	union {
		short flags;
		int mtu;
		char pad[24];
	};
};
static_assert(sizeof(Ifreq) == 40);

struct PollFd {
	int fd;
	short events, revents;
};

struct Timespec {
	int64_t tv_sec;
	int64_t tv_nsec;
};

constinit unsigned next_index = 0;

class Tap {
public:
	static int create(const char *ifname, uk_alloc *a, uk_netdev **out);

private:
	static Tap *of(uk_netdev *d) { return static_cast<Tap *>(d->driver_data); }
	uint32_t rx_room_min() const { return uint32_t{kEthHeader} + kVlanTag + max_mtu_; }
	long ifreq_ioctl(unsigned long req, Ifreq *r) const;
	void refill();
	bool readable() const;

	static void info_get(uk_netdev *d, uk_netdev_info *i);
	static int configure(uk_netdev *, const uk_netdev_conf *) { return 0; }
	static int rxq_setup(uk_netdev *d, uint16_t, uint16_t nb_desc, const uk_netdev_rxqueue_conf *c);
	static int txq_setup(uk_netdev *, uint16_t, uint16_t, const uk_netdev_txqueue_conf *) { return 0; }
	static int start(uk_netdev *d);
	static void stop(uk_netdev *d);
	static int rx_burst(uk_netdev *d, uint16_t, uk_netbuf *pkts[], uint16_t cnt);
	static int tx_burst(uk_netdev *d, uint16_t, uk_netbuf *pkts[], uint16_t cnt);
	static int intr_enable(uk_netdev *d, uint16_t);
	static int intr_disable(uk_netdev *d, uint16_t);
	static void hwaddr_get(uk_netdev *d, uk_hwaddr *a) { *a = of(d)->mac_; }
	static int hwaddr_set(uk_netdev *d, const uk_hwaddr *a)
	{
		of(d)->mac_ = *a; // ours alone: the kernel side has its own
		return 0;
	}
	static uint16_t mtu_get(uk_netdev *d) { return of(d)->mtu_; }
	static int mtu_set(uk_netdev *d, uint16_t mtu);
	static int link_up(uk_netdev *d);
	static int on_readable(void *arg);

	static constexpr uk_netdev_ops kOps = {
		info_get, configure, rxq_setup, txq_setup, start, stop, rx_burst, tx_burst,
		hwaddr_get, mtu_get, link_up, intr_enable, intr_disable, hwaddr_set, mtu_set};

	uk_netdev netdev_{};
	int fd_ = -1;
	Ifreq ifr_{};
	uk_hwaddr mac_{};
	uint16_t mtu_ = 1500, max_mtu_ = 1500;
	// rx: empty netbufs ready for read()
	uk_alloc *rx_a_ = nullptr;
	uk_netbuf **spare_ = nullptr;
	uint16_t nspare_ = 0, rx_size_ = 0;
	bool intr_ = false;
	int irq_ = -1;
	volatile bool armed_ = false;
};

constexpr uk_netdev_ops Tap::kOps;

long Tap::ifreq_ioctl(unsigned long req, Ifreq *r) const
{
	// Interface ioctls go through any socket.
	const long s = syscall6(sys::kSocket, kAfInet, kSockDgram | kSockCloexec, 0);
	if (s < 0)
		return s;
	*r = Ifreq{};
	__builtin_memcpy(r->name, ifr_.name, sizeof(r->name));
	const long rc = syscall6(sys::kIoctl, s, static_cast<long>(req), reinterpret_cast<long>(r));
	syscall6(sys::kClose, s);
	return rc;
}

int Tap::create(const char *ifname, uk_alloc *a, uk_netdev **out)
{
	size_t len = 0;
	while (ifname && len < UK_NETDEV_NAME_MAX && ifname[len])
		++len;
	if (!ifname || !a || len == 0 || len >= UK_NETDEV_NAME_MAX)
		return -UK_EINVAL;
	if (uk_netdev_find(ifname))
		return -UK_EEXIST;
	const long fd = syscall6(sys::kOpen, reinterpret_cast<long>("/dev/net/tun"),
				 kORdwr | kONonblock | kOCloexec);
	if (fd < 0)
		return static_cast<int>(fd);
	Ifreq r{};
	__builtin_memcpy(r.name, ifname, len);
	r.flags = kIffTap | kIffNoPi;
	long rc = syscall6(sys::kIoctl, fd, static_cast<long>(kTunSetIff), reinterpret_cast<long>(&r));
	void *mem = rc < 0 ? nullptr : uk_malloc(a, sizeof(Tap));
	if (!mem) {
		syscall6(sys::kClose, fd);
		return rc < 0 ? static_cast<int>(rc) : -UK_ENOMEM;
	}
	auto *t = new (mem) Tap();
	t->fd_ = static_cast<int>(fd);
	t->ifr_ = r; // the kernel wrote the final name back
	Ifreq q;
	if (t->ifreq_ioctl(kSiocGifMtu, &q) == 0 && q.mtu >= kMinMtu)
		t->max_mtu_ = static_cast<uint16_t>(q.mtu > 9000 ? 9000 : q.mtu);
	t->mtu_ = t->max_mtu_;
	// Our own station address: the kernel side of the tap has another.
	t->mac_ = uk_hwaddr{{0x02, 0x54, 0x41, 0x50, 0x00, static_cast<uint8_t>(next_index + 1)}};
	t->netdev_.ops = &kOps;
	t->netdev_.driver_data = t;
	rc = uk_netdev_drv_register(&t->netdev_, t->ifr_.name);
	if (rc < 0) {
		syscall6(sys::kClose, fd);
		t->~Tap();
		uk_free(a, t);
		return static_cast<int>(rc);
	}
	++next_index;
	uk_pr_info("%s: tap on /dev/net/tun (fd %d), MTU %u, rx interrupts from the fd\n",
		   t->ifr_.name, t->fd_, t->mtu_);
	if (out)
		*out = &t->netdev_;
	return 0;
}

void Tap::info_get(uk_netdev *d, uk_netdev_info *i)
{
	Tap *t = of(d);
	*i = uk_netdev_info{1, 1, kMaxDesc, kMaxDesc, 0, static_cast<uint16_t>(t->rx_room_min()),
			    UK_NETDEV_F_RXQ_INTR};
}

int Tap::rxq_setup(uk_netdev *d, uint16_t, uint16_t nb_desc, const uk_netdev_rxqueue_conf *c)
{
	Tap *t = of(d);
	const uint16_t n = nb_desc ? nb_desc : 64;
	auto **spare = static_cast<uk_netbuf **>(uk_malloc(c->a, sizeof(uk_netbuf *) * n));
	if (!spare)
		return -UK_ENOMEM;
	if (c->callback && t->irq_ < 0) {
		const int irq = ukplat_irq_alloc_fd(t->fd_);
		if (irq < 0) {
			uk_free(c->a, spare);
			return irq;
		}
		t->irq_ = irq;
	}
	if (t->spare_)
		uk_free(t->rx_a_, t->spare_); // set up again: stop emptied it
	t->spare_ = spare;
	t->rx_a_ = c->a;
	t->rx_size_ = n;
	t->nspare_ = 0;
	t->intr_ = c->callback != nullptr;
	return 0;
}

void Tap::refill()
{
	uk_netdev_queue_stats *st = uk_netdev_drv_rxq_stats(&netdev_, 0);
	while (nspare_ < rx_size_) {
		const uint16_t want = static_cast<uint16_t>(rx_size_ - nspare_);
		const uint16_t got = uk_netdev_drv_rx_alloc(&netdev_, 0, spare_ + nspare_, want);
		uint16_t kept = 0;
		for (uint16_t i = 0; i < got; ++i) {
			uk_netbuf *nb = spare_[nspare_ + i];
			if (nb->buflen - uk_netbuf_headroom(nb) < rx_room_min()) {
				st->drops++; // a frame would not fit: not used
				uk_netbuf_release(nb);
				continue;
			}
			spare_[nspare_ + kept++] = nb;
		}
		nspare_ = static_cast<uint16_t>(nspare_ + kept);
		if (got < want || kept == 0)
			return;
	}
}

int Tap::start(uk_netdev *d)
{
	Tap *t = of(d);
	t->armed_ = false;
	if (t->intr_) {
		const int rc = ukplat_irq_register(static_cast<unsigned>(t->irq_), on_readable, t);
		if (rc < 0)
			return rc;
	}
	t->refill();
	return 0;
}

void Tap::stop(uk_netdev *d)
{
	Tap *t = of(d);
	if (t->intr_) {
		ukplat_irq_fd_disarm(static_cast<unsigned>(t->irq_));
		ukplat_irq_unregister(static_cast<unsigned>(t->irq_), on_readable, t);
	}
	t->armed_ = false;
	while (t->nspare_)
		uk_netbuf_release(t->spare_[--t->nspare_]);
}

int Tap::rx_burst(uk_netdev *d, uint16_t, uk_netbuf *pkts[], uint16_t cnt)
{
	Tap *t = of(d);
	uk_netdev_queue_stats *st = uk_netdev_drv_rxq_stats(d, 0);
	uint16_t n = 0;
	while (n < cnt) {
		if (!t->nspare_)
			t->refill();
		if (!t->nspare_)
			break; // no memory: frames wait in the kernel
		uk_netbuf *nb = t->spare_[t->nspare_ - 1];
		const size_t room = nb->buflen - uk_netbuf_headroom(nb);
		const long r = syscall6(sys::kRead, t->fd_, reinterpret_cast<long>(nb->data),
					static_cast<long>(room));
		if (r == -kEagain)
			break;
		if (r < 0) {
			st->errors++;
			break;
		}
		if (r < kEthHeader) {
			st->drops++; // the buffer stays a spare
			continue;
		}
		t->nspare_--;
		nb->len = static_cast<uint32_t>(r);
		nb->flags = 0;
		st->packets++;
		st->bytes += static_cast<uint64_t>(r);
		pkts[n++] = nb;
	}
	t->refill();
	return n;
}

int Tap::tx_burst(uk_netdev *d, uint16_t, uk_netbuf *pkts[], uint16_t cnt)
{
	Tap *t = of(d);
	uk_netdev_queue_stats *st = uk_netdev_drv_txq_stats(d, 0);
	uint16_t n = 0;
	for (; n < cnt; ++n) {
		uk_netbuf *nb = pkts[n];
		const bool partial = nb->flags & UK_NETBUF_F_PARTIAL_CSUM;
		if (nb->len < kEthHeader || nb->len > uint32_t{t->mtu_} + kEthHeader + kVlanTag ||
		    (partial && uk_netbuf_csum_complete(nb) < 0)) {
			st->errors++;
			uk_netbuf_release(nb);
			continue;
		}
		const long r = syscall6(sys::kWrite, t->fd_, reinterpret_cast<long>(nb->data), nb->len);
		if (r == -kEagain)
			break; // the kernel's queue is full: the caller keeps it
		if (r == static_cast<long>(nb->len)) {
			st->packets++;
			st->bytes += nb->len;
		} else {
			st->drops++; // the interface is down, or worse
		}
		uk_netbuf_release(nb);
	}
	return n;
}

bool Tap::readable() const
{
	PollFd p{fd_, kPollIn, 0};
	const Timespec zero{0, 0};
	return syscall6(sys::kPpoll, reinterpret_cast<long>(&p), 1, reinterpret_cast<long>(&zero),
			0, 0) > 0 && (p.revents & kPollIn);
}

int Tap::intr_enable(uk_netdev *d, uint16_t)
{
	Tap *t = of(d);
	IrqGuard g;
	t->armed_ = true;
	ukplat_irq_fd_arm(static_cast<unsigned>(t->irq_));
	return t->readable() ? 1 : 0;
}

int Tap::intr_disable(uk_netdev *d, uint16_t)
{
	Tap *t = of(d);
	IrqGuard g;
	t->armed_ = false;
	ukplat_irq_fd_disarm(static_cast<unsigned>(t->irq_));
	return 0;
}

// "Interrupt" context: inside the idle thread's halt, interrupts off.
int Tap::on_readable(void *arg)
{
	auto *t = static_cast<Tap *>(arg);
	if (!t->armed_)
		return 0;
	t->armed_ = false; // the platform disarmed the fd already
	uk_netdev_drv_rx_event(&t->netdev_, 0);
	return 1;
}

int Tap::mtu_set(uk_netdev *d, uint16_t mtu)
{
	Tap *t = of(d);
	if (mtu < kMinMtu || mtu > t->max_mtu_)
		return -UK_EINVAL;
	t->mtu_ = mtu;
	return 0;
}

int Tap::link_up(uk_netdev *d)
{
	Ifreq q;
	if (of(d)->ifreq_ioctl(kSiocGifFlags, &q) < 0)
		return 0;
	return (q.flags & kIffUp) && (q.flags & kIffRunning);
}

// tap.ifnames=<names> on the command line replaces the configured list.
constinit char ifnames_param[128] = {};
constinit bool have_param = false;

int set_ifnames(const char *v)
{
	size_t n = 0;
	while (v[n])
		++n;
	if (n >= sizeof(ifnames_param))
		return -UK_EINVAL;
	__builtin_memcpy(ifnames_param, v, n + 1);
	have_param = true;
	return 0;
}
UK_LIBPARAM(tap_ifnames, "tap.ifnames", set_ifnames,
	    "tap interfaces to attach, comma separated (tap0,tap1); replaces LIBUKTAP_IFNAMES");

// The interfaces of tap.ifnames= or else CONFIG_LIBUKTAP_IFNAMES (blank
// or comma separated), at boot; one that cannot be opened is reported
// and skipped.
int tap_boot()
{
	const char *p = have_param ? ifnames_param : CONFIG_LIBUKTAP_IFNAMES;
	while (*p) {
		while (*p == ' ' || *p == ',')
			++p;
		char name[UK_NETDEV_NAME_MAX];
		size_t n = 0;
		for (; *p && *p != ' ' && *p != ','; ++p)
			if (n + 1 < sizeof(name))
				name[n++] = *p;
		name[n] = 0;
		if (!n)
			continue;
		const int rc = Tap::create(name, uk_alloc_get_default(), nullptr);
		if (rc < 0)
			uk_pr_err("tap %s: cannot attach: %d (needs /dev/net/tun and CAP_NET_ADMIN, "
				  "or a tap this user may open)\n", name, rc);
	}
	return 0;
}

}  // namespace
}  // namespace uk::tap

extern "C" int uk_tap_create(const char *ifname, struct uk_alloc *a, struct uk_netdev **out)
{
	return uk::tap::Tap::create(ifname, a, out);
}

using uk::tap::tap_boot;
uk_lib_initcall(tap_boot);
