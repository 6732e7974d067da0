/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Packet buffers for uknetdev: one contiguous block of memory with the
 * packet somewhere inside it (headroom in front for headers to be
 * prepended without a copy, tailroom behind), and a release callback that
 * gives the block back to whoever owns the memory. Compiles as C11 and
 * as C++.
 *
 *   buf                     data                 data + len    buf + buflen
 *   |------- headroom -------|------- packet -------|--- tailroom ---|
 *
 * Ownership: a netbuf has exactly one owner at a time. The user owns what
 * it allocated; a netdev owns the rx buffers it got from the user's
 * allocator callback until rx_burst hands them back filled, and the tx
 * buffers that tx_burst accepted until the device is done with them,
 * when the driver calls uk_netbuf_release(). Nothing is reference
 * counted: a netbuf is never in two places.
 */
#ifndef UK_NETBUF_H
#define UK_NETBUF_H

#include <uk/errno.h>
#include <uk/essentials.h>

UK_EXTERN_C_BEGIN

struct uk_alloc;
struct uk_netbuf;

/** Gives @p nb (and its memory) back to its owner. */
typedef void (*uk_netbuf_release_t)(struct uk_netbuf *nb, void *arg);

/**
 * tx: the L4 checksum is incomplete: the 16-bit field at
 * data + csum_start + csum_offset holds the pseudo-header sum, and the
 * one's complement sum from data + csum_start to the end of the packet
 * goes into it (virtio's NEEDS_CSUM, Linux's CHECKSUM_PARTIAL). A device
 * with UK_NETDEV_F_TX_CSUM does it; other drivers do it in software.
 */
#define UK_NETBUF_F_PARTIAL_CSUM 0x1
/** rx: the device or driver checked (or completed) the L4 checksum. */
#define UK_NETBUF_F_DATA_VALID 0x2

struct uk_netbuf {
	void *data;           /**< first byte of the packet */
	uint32_t len;         /**< bytes of packet at data */
	uint16_t flags;       /**< UK_NETBUF_F_* */
	uint16_t csum_start;  /**< PARTIAL_CSUM: from data to where summing starts */
	uint16_t csum_offset; /**< PARTIAL_CSUM: from csum_start to the field */
	uint16_t reserved_;
	void *buf;            /**< start of the memory block */
	uint32_t buflen;      /**< its size */
	uk_netbuf_release_t release; /**< NULL: nothing to give back */
	void *release_arg;
	void *priv;             /**< free for the allocating user (lwIP: its pbuf) */
	struct uk_netbuf *next; /**< free for the current owner (its queues) */
};

/**
 * Makes @p nb describe @p buflen bytes at @p buf with an empty packet
 * @p headroom bytes in.
 */
static inline void uk_netbuf_init(struct uk_netbuf *nb, void *buf, uint32_t buflen,
				  uint32_t headroom, uk_netbuf_release_t release, void *arg)
{
	nb->buf = buf;
	nb->buflen = buflen;
	nb->data = (char *)buf + (headroom < buflen ? headroom : buflen);
	nb->len = 0;
	nb->flags = 0;
	nb->csum_start = nb->csum_offset = 0;
	nb->reserved_ = 0;
	nb->release = release;
	nb->release_arg = arg;
	nb->priv = NULL;
	nb->next = NULL;
}

/** @return the bytes in front of the packet. */
static inline size_t uk_netbuf_headroom(const struct uk_netbuf *nb)
{
	return (size_t)((const char *)nb->data - (const char *)nb->buf);
}

/** @return the bytes behind the packet. */
static inline size_t uk_netbuf_tailroom(const struct uk_netbuf *nb)
{
	return nb->buflen - uk_netbuf_headroom(nb) - nb->len;
}

/**
 * Grows the packet by @p n bytes at the front (a header goes there).
 * @return 0, or -ENOSPC when the headroom is smaller.
 */
static inline int uk_netbuf_push(struct uk_netbuf *nb, size_t n)
{
	if (uk_netbuf_headroom(nb) < n)
		return -UK_ENOSPC;
	nb->data = (char *)nb->data - n;
	nb->len += (uint32_t)n;
	return 0;
}

/**
 * Removes @p n bytes from the front of the packet (a parsed header).
 * @return 0, or -EINVAL when the packet is shorter.
 */
static inline int uk_netbuf_pull(struct uk_netbuf *nb, size_t n)
{
	if (nb->len < n)
		return -UK_EINVAL;
	nb->data = (char *)nb->data + n;
	nb->len -= (uint32_t)n;
	return 0;
}

/** Gives @p nb back to its owner through its release callback. */
static inline void uk_netbuf_release(struct uk_netbuf *nb)
{
	if (nb->release)
		nb->release(nb, nb->release_arg);
}

/**
 * Allocates a netbuf and a @p buflen byte buffer in one block from @p a
 * (the buffer 64-byte aligned), with an empty packet @p headroom bytes
 * in; uk_netbuf_release() frees the block to @p a.
 * @return the netbuf, or NULL (no memory, or headroom > buflen).
 */
struct uk_netbuf *uk_netbuf_alloc(struct uk_alloc *a, uint32_t buflen, uint32_t headroom);

/**
 * Completes a UK_NETBUF_F_PARTIAL_CSUM checksum in software (a computed
 * 0 is written as 0xffff, which means the same) and clears the flag.
 * @return 0, or -EINVAL when the checksum field lies outside the packet.
 */
int uk_netbuf_csum_complete(struct uk_netbuf *nb);

/**
 * The Internet checksum (RFC 1071) of @p len bytes at @p p, continuing
 * from @p sum (0 to start): the folded 16-bit one's complement sum, not
 * yet complemented. For headers the caller fills in.
 */
uint16_t uk_netbuf_csum_add(uint16_t sum, const void *p, size_t len);

UK_EXTERN_C_END

#endif /* UK_NETBUF_H */
