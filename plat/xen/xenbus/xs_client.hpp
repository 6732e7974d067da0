// SPDX-License-Identifier: BSD-3-Clause
//
// The xenstore wire protocol (io/xs_wire.h) over an XsRing: a request is
// a 16-byte header (type, req_id, tx_id, len) and len bytes of payload;
// the reply carries the same req_id; XS_ERROR replies name an errno
// ("ENOENT"); XS_WATCH_EVENT messages ("path\0token\0") arrive unasked,
// between replies. Pure code: the platform gives a Port (notify the
// daemon, wait for its event), the host tests a simulated xenstored.
//
// One request at a time (the caller serialises). No allocation: the
// reply is read into a buffer inside the client, then copied to the
// caller's; watches are the caller's uk_xen_xs_watch structs, linked
// in a list; a watch event only increments the watch's counter.
#pragma once

#include <uk/errno.h>
#include <uk/essentials.h>
#include <uk/result.hpp>
#include <uk/xen/xenbus.h>

#include "abi.hpp"
#include "xs_ring.hpp"

namespace uk::xen {

/** How the client reaches the daemon. */
class XsPort {
public:
	/** Tells the daemon there is something in the request ring. */
	virtual void notify() = 0;
	/** Waits until the daemon may have answered (its event) or the
	 * monotonic clock reaches @p deadline_ns; may return early. */
	virtual void wait(uint64_t deadline_ns) = 0;
	/** The monotonic clock, ns. */
	virtual uint64_t now() = 0;

protected:
	~XsPort() = default;
};

/** A piece of a request's payload. */
struct XsPart {
	const void *data;
	size_t len;
};

class XsClient {
public:
	static constexpr uint64_t kTimeoutNs = 10000000000ULL;

	constexpr XsClient() = default;
	XsClient(const XsClient &) = delete;
	XsClient &operator=(const XsClient &) = delete;

	void attach(abi::XenstoreDomainInterface *intf, XsPort *port);
	[[nodiscard]] bool attached() const { return ring_.attached(); }

	/**
	 * Sends a request of @p type in transaction @p tx with the payload
	 * @p parts, and waits for its reply (handling watch events that come
	 * first). The reply payload lands in reply() (NUL-terminated past its
	 * end). @return the reply's length, or a negative errno.
	 */
	Result<size_t> request(uint32_t type, uint32_t tx, const XsPart *parts, int nparts);
	/** The payload of the last reply (valid until the next request). */
	[[nodiscard]] const char *reply() const { return payload_; }

	// ---- operations (payload encoding of each request type) -----------------
	/** @return the value's length; the value is copied to @p buf (NUL-terminated). */
	Result<size_t> read(uint32_t tx, const char *path, char *buf, size_t size);
	Result<void> write(uint32_t tx, const char *path, const char *value);
	Result<void> rm(uint32_t tx, const char *path);
	/** @return the number of children, names copied NUL-separated to @p buf. */
	Result<size_t> directory(uint32_t tx, const char *path, char *buf, size_t size);
	Result<uint32_t> transaction_start();
	Result<void> transaction_end(uint32_t tx, bool commit);
	Result<size_t> domain_path(unsigned domid, char *buf, size_t size);
	Result<void> watch(uk_xen_xs_watch *w, const char *path);
	Result<void> unwatch(uk_xen_xs_watch *w);
	/** @return the new fired count, or -ETIMEDOUT. */
	Result<unsigned> wait_watch(uk_xen_xs_watch *w, unsigned seen, uint64_t deadline_ns);

	/** Reads and handles what the daemon sent (watch events; a reply
	 * without a waiting request is a protocol error). */
	Result<void> poll();

	/** Maps an XS_ERROR payload ("ENOENT") to -errno (unknown: -EIO). */
	static int error_from_name(const char *name, size_t len);

private:
	enum class Got { kNothing, kReply, kEvent };
	Result<void> send(const abi::XsdSockmsg &hdr, const XsPart *parts, int nparts, uint64_t deadline);
	/** Takes bytes from the ring into the message being assembled.
	 * @return kReply/kEvent when one is complete (in hdr_/payload_). */
	Result<Got> receive();
	void on_watch_event();
	static Result<void> ok_reply(Result<size_t> r);

	XsRing ring_;
	XsPort *port_ = nullptr;
	uint32_t next_req_id_ = 1;
	uk_xen_xs_watch *watches_ = nullptr;
	// The message being assembled from the response ring.
	abi::XsdSockmsg hdr_{};
	size_t hdr_got_ = 0;
	size_t body_got_ = 0;
	char payload_[abi::kXenstorePayloadMax + 1] = {};
};

}  // namespace uk::xen
