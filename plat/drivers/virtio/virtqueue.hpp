// SPDX-License-Identifier: BSD-3-Clause
//
// Split virtqueues (virtio 1.x, section 2.7; the same rings as legacy
// virtio): the descriptor table, the available ring the driver writes
// and the used ring the device writes, in one block laid out as legacy
// devices want it (the used ring on the next 4096-byte boundary), which
// modern devices accept too.
//
// The device is not trusted. What the driver needs to stay correct is
// kept in memory the device never sees: the free list, each chain's
// length and writable capacity, and the cookie of every chain in
// flight. A used entry is accepted only for the head of a chain in
// flight; an id out of range or not in flight is counted and skipped
// (nothing is freed twice, no cookie handed out twice), a length above
// what the chain can hold is counted and the buffer handed back marked
// bad (the caller drops it), and a used index that claims more
// completions than the ring has entries marks the queue broken:
// it then hands out nothing. Pure code on memory: host tests drive it
// with a simulated device (tests/sim_device.hpp).
//
// Locking: none. One caller at a time (the netdev queue's thread); the
// interrupt handler only calls disable_interrupts()/has_used().
#pragma once

#include <uk/essentials.h>
#include <uk/result.hpp>

struct uk_alloc;

namespace uk::virtio {

// ---- the rings as the device sees them (little-endian; both our arches are) --

struct VringDesc {
	uint64_t addr;
	uint32_t len;
	uint16_t flags;
	uint16_t next;
};
static_assert(sizeof(VringDesc) == 16);

struct VringUsedElem {
	uint32_t id;
	uint32_t len;
};
static_assert(sizeof(VringUsedElem) == 8);

inline constexpr uint16_t kDescFNext = 1;
inline constexpr uint16_t kDescFWrite = 2;
inline constexpr uint16_t kAvailFNoInterrupt = 1;
inline constexpr uint16_t kUsedFNoNotify = 1;
/** Legacy alignment of the used ring (QueueAlign / the PFN's page). */
inline constexpr size_t kRingAlign = 4096;
/** Largest queue size the split-ring format allows. */
inline constexpr uint16_t kMaxQueueSize = 32768;

/** Offsets of the three parts in the ring block for @p num entries. */
struct RingLayout {
	uint16_t num;
	size_t avail_off; // flags, idx, ring[num], used_event
	size_t used_off;  // flags, idx, ring[num], avail_event
	size_t bytes;

	static constexpr RingLayout of(uint16_t num)
	{
		const size_t avail = 16u * num;
		const size_t avail_end = avail + 2 * (3u + num);
		const size_t used = (avail_end + kRingAlign - 1) & ~(kRingAlign - 1);
		return {num, avail, used, used + 2 * 3u + 8u * num};
	}
};

/**
 * The device's reading of the event index rule (virtio 1.x, 2.7.7.2 and
 * 2.7.10): notify (or interrupt) when moving the index from @p old_idx
 * to @p new_idx passed @p event, i.e. event lies in [old_idx, new_idx).
 */
constexpr bool need_event(uint16_t event, uint16_t new_idx, uint16_t old_idx)
{
	return static_cast<uint16_t>(new_idx - event - 1) < static_cast<uint16_t>(new_idx - old_idx);
}

/** One buffer of a chain. */
struct Segment {
	const void *addr;
	uint32_t len;
	bool device_writes; // rx buffers; tx buffers are device-readable
};

class Virtqueue {
public:
	enum class Got : uint8_t {
		kNone,      // nothing (more) completed
		kOk,        // *cookie and *len describe a completed chain
		kBadLength, // *cookie completed, but the device claimed more bytes than fit: drop it
		kBroken,    // the device corrupted the used ring: nothing more comes out
	};

	/**
	 * Allocates a queue of @p num entries (a power of two up to
	 * kMaxQueueSize) and its zeroed ring block from @p a.
	 * @p event_idx: VIRTIO_F_EVENT_IDX was negotiated.
	 * @return the queue; -EINVAL, -ENOMEM.
	 */
	static Result<Virtqueue *> create(uk_alloc *a, uint16_t index, uint16_t num, bool event_idx);
	/** Frees what create() allocated (after the device was reset). */
	static void destroy(uk_alloc *a, Virtqueue *vq);

	/**
	 * Back to the state after create(): empty rings, every descriptor
	 * free, error count kept. Only while the device does not use the
	 * queue (reset); hand in-flight cookies back first with
	 * take_in_flight().
	 */
	void reset(bool event_idx);

	/** @return the cookie of one chain still in flight (taking it back
	 * from the device, which must be reset), or nullptr when none. */
	void *take_in_flight();

	uint16_t index() const { return index_; }
	uint16_t size() const { return num_; }
	uint16_t free_descriptors() const { return num_free_; }
	/** The descriptor the next add() will use as its chain's head (a
	 * key for per-chain driver data); valid while descriptors are free. */
	uint16_t next_head() const { return free_head_; }
	unsigned in_flight() const { return in_flight_; }
	/** Protocol violations seen (bad ids, bad lengths, a broken ring). */
	uint64_t errors() const { return errors_; }
	bool broken() const { return broken_; }

	/** Guest-physical addresses for the transport (identity mapped). */
	uint64_t desc_addr() const;
	uint64_t avail_addr() const;
	uint64_t used_addr() const;
	/** The ring block (legacy transports want its page number). */
	void *ring() const { return ring_; }

	/**
	 * Makes @p n segments one chain with @p cookie (not null) and puts
	 * it on the available ring; invisible to the device until
	 * publish(). @return 0; -ENOSPC (fewer than @p n free descriptors);
	 * -EINVAL (n == 0, null cookie, a broken queue).
	 */
	Result<void> add(const Segment *segs, unsigned n, void *cookie);

	/**
	 * Publishes the chains added since the last call.
	 * @return whether the device asked to be notified about them.
	 */
	bool publish();

	/** Takes one completed chain off the used ring (see Got). */
	Got get(void **cookie, uint32_t *len);

	/** @return whether the used ring has entries not yet taken. */
	bool has_used() const;

	/** Asks the device for an interrupt at the next completion.
	 * @return whether completions are waiting already (poll: none will
	 * interrupt for them). */
	bool enable_interrupts();
	/** Asks the device for no interrupts (best effort: it may still). */
	void disable_interrupts();
	bool interrupts_enabled() const { return intr_enabled_; }

private:
	Virtqueue() = default;

	volatile uint16_t *avail_flags() const;
	volatile uint16_t *avail_idx() const;
	volatile uint16_t *avail_ring() const;
	volatile uint16_t *used_event() const;
	volatile uint16_t *used_flags() const;
	volatile uint16_t *used_idx() const;
	volatile VringUsedElem *used_ring() const;
	volatile uint16_t *avail_event() const;
	VringDesc *desc() const { return static_cast<VringDesc *>(ring_); }
	void free_chain(uint16_t head);
	void suppress();

	uint16_t index_ = 0;
	uint16_t num_ = 0;
	RingLayout layout_{};
	void *ring_ = nullptr;
	bool event_idx_ = false;
	bool intr_enabled_ = false;
	bool broken_ = false;

	// Driver-private shadow state (never read back from shared memory).
	uint16_t free_head_ = 0;
	uint16_t num_free_ = 0;
	uint16_t avail_shadow_ = 0;    // next avail index to fill
	uint16_t avail_published_ = 0; // what the device has seen
	uint16_t last_used_ = 0;       // next used index to read
	unsigned in_flight_ = 0;       // chains
	uint64_t errors_ = 0;
	unsigned scan_ = 0;            // take_in_flight() position
	uint16_t *next_ = nullptr;     // free list / chain links
	uint16_t *chain_len_ = nullptr;
	uint32_t *chain_wlen_ = nullptr; // bytes the device may write
	void **cookie_ = nullptr;      // non-null: head of a chain in flight
};

}  // namespace uk::virtio
