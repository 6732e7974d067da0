// SPDX-License-Identifier: BSD-3-Clause
//
// Split virtqueue ring arithmetic (virtqueue.hpp). Memory order, as the
// spec asks (2.7.13): descriptors and ring entries are written before
// the index that publishes them (wmb); the index is written before the
// device's notification suppression is read (mb); the used index is
// read before the entries it covers (rmb).

#include <uk/alloc.h>
#include <uk/arch/lcpu.h>
#include <uk/errno.h>

#include "virtqueue.hpp"

namespace uk::virtio {
namespace {

constexpr uint16_t kNone = 0xffff;

bool power_of_two(uint16_t v) { return v && !(v & (v - 1)); }

// Guest-physical address of driver memory: every platform maps RAM one
// to one (KVM x86_64, KVM arm64, and the host tests' shared memory).
uint64_t phys(const void *p) { return reinterpret_cast<uintptr_t>(p); }

template <typename T>
T *carve(char *&p, size_t n)
{
	T *r = reinterpret_cast<T *>(p);
	p += (sizeof(T) * n + alignof(void *) - 1) & ~(alignof(void *) - 1);
	return r;
}

}  // namespace

Result<Virtqueue *> Virtqueue::create(uk_alloc *a, uint16_t index, uint16_t num, bool event_idx)
{
	if (!a || !power_of_two(num) || num > kMaxQueueSize)
		return Error{-UK_EINVAL};
	const size_t obj = (sizeof(Virtqueue) + alignof(void *) - 1) & ~(alignof(void *) - 1);
	const size_t shadow = obj + num * (sizeof(uint16_t) * 2 + sizeof(uint32_t) + sizeof(void *)) +
			      4 * alignof(void *);
	char *block = static_cast<char *>(uk_malloc(a, shadow));
	if (!block)
		return Error{-UK_ENOMEM};
	const RingLayout layout = RingLayout::of(num);
	void *ring = nullptr;
	if (uk_posix_memalign(a, &ring, kRingAlign, layout.bytes) < 0) {
		uk_free(a, block);
		return Error{-UK_ENOMEM};
	}
	auto *vq = new (block) Virtqueue();
	char *p = block + obj;
	vq->cookie_ = carve<void *>(p, num);
	vq->chain_wlen_ = carve<uint32_t>(p, num);
	vq->next_ = carve<uint16_t>(p, num);
	vq->chain_len_ = carve<uint16_t>(p, num);
	vq->index_ = index;
	vq->num_ = num;
	vq->layout_ = layout;
	vq->ring_ = ring;
	vq->reset(event_idx);
	return vq;
}

void Virtqueue::destroy(uk_alloc *a, Virtqueue *vq)
{
	if (!vq)
		return;
	uk_free(a, vq->ring_);
	vq->~Virtqueue();
	uk_free(a, vq);
}

void Virtqueue::reset(bool event_idx)
{
	__builtin_memset(ring_, 0, layout_.bytes);
	for (uint16_t i = 0; i < num_; ++i) {
		next_[i] = static_cast<uint16_t>(i + 1 < num_ ? i + 1 : kNone);
		chain_len_[i] = 0;
		chain_wlen_[i] = 0;
		cookie_[i] = nullptr;
	}
	free_head_ = 0;
	num_free_ = num_;
	avail_shadow_ = avail_published_ = last_used_ = 0;
	in_flight_ = 0;
	scan_ = 0;
	event_idx_ = event_idx;
	broken_ = false;
	intr_enabled_ = true; // the rings start with no suppression
	disable_interrupts();
}

void *Virtqueue::take_in_flight()
{
	for (; scan_ < num_; ++scan_) {
		void *c = cookie_[scan_];
		if (c) {
			free_chain(static_cast<uint16_t>(scan_));
			return c;
		}
	}
	return nullptr;
}

uint64_t Virtqueue::desc_addr() const { return phys(ring_); }
uint64_t Virtqueue::avail_addr() const { return phys(ring_) + layout_.avail_off; }
uint64_t Virtqueue::used_addr() const { return phys(ring_) + layout_.used_off; }

volatile uint16_t *Virtqueue::avail_flags() const
{
	return reinterpret_cast<volatile uint16_t *>(static_cast<char *>(ring_) + layout_.avail_off);
}
volatile uint16_t *Virtqueue::avail_idx() const { return avail_flags() + 1; }
volatile uint16_t *Virtqueue::avail_ring() const { return avail_flags() + 2; }
volatile uint16_t *Virtqueue::used_event() const { return avail_ring() + num_; }
volatile uint16_t *Virtqueue::used_flags() const
{
	return reinterpret_cast<volatile uint16_t *>(static_cast<char *>(ring_) + layout_.used_off);
}
volatile uint16_t *Virtqueue::used_idx() const { return used_flags() + 1; }
volatile VringUsedElem *Virtqueue::used_ring() const
{
	return reinterpret_cast<volatile VringUsedElem *>(used_flags() + 2);
}
volatile uint16_t *Virtqueue::avail_event() const
{
	return reinterpret_cast<volatile uint16_t *>(used_ring() + num_);
}

Result<void> Virtqueue::add(const Segment *segs, unsigned n, void *cookie)
{
	if (n == 0 || !cookie || broken_)
		return Error{-UK_EINVAL};
	if (n > num_free_)
		return Error{-UK_ENOSPC};
	const uint16_t head = free_head_;
	uint16_t d = head, last = head;
	uint32_t wlen = 0;
	for (unsigned i = 0; i < n; ++i) {
		VringDesc &e = desc()[d];
		e.addr = phys(segs[i].addr);
		e.len = segs[i].len;
		e.flags = static_cast<uint16_t>((segs[i].device_writes ? kDescFWrite : 0) |
						(i + 1 < n ? kDescFNext : 0));
		e.next = i + 1 < n ? next_[d] : 0;
		if (segs[i].device_writes)
			wlen += segs[i].len;
		last = d;
		d = next_[d];
	}
	free_head_ = next_[last];
	next_[last] = kNone;
	num_free_ = static_cast<uint16_t>(num_free_ - n);
	chain_len_[head] = static_cast<uint16_t>(n);
	chain_wlen_[head] = wlen;
	cookie_[head] = cookie;
	++in_flight_;
	avail_ring()[avail_shadow_ & (num_ - 1)] = head;
	++avail_shadow_;
	return {};
}

bool Virtqueue::publish()
{
	const uint16_t old_idx = avail_published_, new_idx = avail_shadow_;
	if (old_idx == new_idx)
		return false;
	ukarch_wmb();
	*avail_idx() = new_idx;
	avail_published_ = new_idx;
	ukarch_mb();
	if (event_idx_)
		return need_event(*avail_event(), new_idx, old_idx);
	return !(*used_flags() & kUsedFNoNotify);
}

void Virtqueue::free_chain(uint16_t head)
{
	// Follow the driver's own links: the device may have scribbled on
	// the descriptor table.
	uint16_t d = head;
	for (uint16_t i = 1; i < chain_len_[head]; ++i)
		d = next_[d];
	next_[d] = free_head_;
	free_head_ = head;
	num_free_ = static_cast<uint16_t>(num_free_ + chain_len_[head]);
	chain_len_[head] = 0;
	cookie_[head] = nullptr;
	--in_flight_;
}

Virtqueue::Got Virtqueue::get(void **cookie, uint32_t *len)
{
	for (;;) {
		if (broken_)
			return Got::kBroken;
		const uint16_t used = *used_idx();
		const uint16_t pending = static_cast<uint16_t>(used - last_used_);
		if (pending == 0) {
			suppress();
			return Got::kNone;
		}
		if (pending > num_) {
			// More completions than the ring can hold: the index is
			// garbage, and so may be every entry behind it. (Fewer, but
			// more than chains in flight, means bad entries: each is
			// checked and skipped below.)
			broken_ = true;
			++errors_;
			return Got::kBroken;
		}
		ukarch_rmb();
		const volatile VringUsedElem &e = used_ring()[last_used_ & (num_ - 1)];
		const uint32_t id = e.id, n = e.len;
		++last_used_;
		if (id >= num_ || !cookie_[id]) {
			++errors_; // not the head of a chain in flight: skip it
			continue;
		}
		const bool too_long = n > chain_wlen_[id];
		*cookie = cookie_[id];
		*len = too_long ? 0 : n;
		free_chain(static_cast<uint16_t>(id));
		if (too_long) {
			++errors_;
			return Got::kBadLength;
		}
		return Got::kOk;
	}
}

bool Virtqueue::has_used() const { return !broken_ && *used_idx() != last_used_; }

// While interrupts are off, keep the event index just behind what we
// consumed, so that polling a busy queue for a long time never crosses
// it (the device would interrupt once every 65536 completions).
void Virtqueue::suppress()
{
	if (!intr_enabled_ && event_idx_)
		*used_event() = static_cast<uint16_t>(last_used_ - 1);
}

bool Virtqueue::enable_interrupts()
{
	intr_enabled_ = true;
	if (event_idx_)
		*used_event() = last_used_;
	else
		*avail_flags() = static_cast<uint16_t>(*avail_flags() & ~kAvailFNoInterrupt);
	// The device must see the request before we look for completions
	// it may have made without seeing it.
	ukarch_mb();
	return has_used();
}

void Virtqueue::disable_interrupts()
{
	if (!intr_enabled_)
		return;
	intr_enabled_ = false;
	*avail_flags() = static_cast<uint16_t>(*avail_flags() | kAvailFNoInterrupt);
	suppress();
}

}  // namespace uk::virtio
