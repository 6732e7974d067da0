// SPDX-License-Identifier: BSD-3-Clause
//
// See xs_client.hpp. Timeouts: every request and wait has a deadline
// (kTimeoutNs), so a daemon that never answers makes calls fail with
// -ETIMEDOUT instead of hanging the image.

#include "xs_client.hpp"

namespace uk::xen {
namespace {

constexpr size_t kHeader = sizeof(abi::XsdSockmsg);

struct ErrorName {
	const char *name;
	int err;
};
// io/xs_wire.h's xsd_errors, with Linux's (= Xen's) numbers.
constexpr ErrorName kErrors[] = {
	{"EINVAL", UK_EINVAL}, {"EACCES", abi::kEacces}, {"EEXIST", UK_EEXIST},
	{"EISDIR", abi::kEisdir}, {"ENOENT", UK_ENOENT}, {"ENOMEM", UK_ENOMEM},
	{"ENOSPC", UK_ENOSPC}, {"EIO", UK_EIO}, {"ENOTEMPTY", abi::kEnotempty},
	{"ENOSYS", UK_ENOSYS}, {"EROFS", abi::kErofs}, {"EBUSY", UK_EBUSY},
	{"EAGAIN", UK_EAGAIN}, {"EISCONN", abi::kEisconn}, {"E2BIG", UK_E2BIG},
	{"EPERM", UK_EPERM},
};

size_t str_len(const char *s) { return __builtin_strlen(s); }

bool same(const char *a, size_t alen, const char *b)
{
	size_t blen = str_len(b);
	return alen == blen && __builtin_memcmp(a, b, alen) == 0;
}

// The token of a watch: its address in hex, unique while it is linked.
void make_token(uk_xen_xs_watch *w)
{
	auto v = reinterpret_cast<uintptr_t>(w);
	char *t = w->token;
	*t++ = 'u';
	*t++ = 'k';
	for (int i = 15; i >= 0; --i)
		*t++ = "0123456789abcdef"[(v >> (4 * i)) & 0xf];
	*t = 0;
}
static_assert(sizeof(uk_xen_xs_watch{}.token) >= 2 + 16 + 1);

}  // namespace

void XsClient::attach(abi::XenstoreDomainInterface *intf, XsPort *port)
{
	ring_ = XsRing(intf);
	port_ = port;
	hdr_got_ = body_got_ = 0;
}

int XsClient::error_from_name(const char *name, size_t len)
{
	while (len > 0 && name[len - 1] == 0)
		--len;
	for (const ErrorName &e : kErrors)
		if (same(name, len, e.name))
			return -e.err;
	return -UK_EIO;
}

Result<void> XsClient::send(const abi::XsdSockmsg &hdr, const XsPart *parts, int nparts,
			    uint64_t deadline)
{
	XsPart all[1 + 8];
	if (nparts > 8)
		return Error{-UK_EINVAL};
	all[0] = XsPart{&hdr, kHeader};
	for (int i = 0; i < nparts; ++i)
		all[i + 1] = parts[i];
	for (int i = 0; i <= nparts; ++i) {
		auto *p = static_cast<const char *>(all[i].data);
		size_t left = all[i].len;
		while (left) {
			int n = ring_.write(p, left);
			if (n < 0)
				return Error{n};
			p += n;
			left -= static_cast<size_t>(n);
			if (left) {
				// Full: let the daemon drain it.
				port_->notify();
				if (port_->now() >= deadline)
					return Error{-UK_ETIMEDOUT};
				port_->wait(deadline);
			}
		}
	}
	port_->notify();
	return {};
}

Result<XsClient::Got> XsClient::receive()
{
	if (hdr_got_ < kHeader) {
		int n = ring_.read(reinterpret_cast<char *>(&hdr_) + hdr_got_, kHeader - hdr_got_);
		if (n < 0)
			return Error{n};
		hdr_got_ += static_cast<size_t>(n);
		if (hdr_got_ < kHeader)
			return Got::kNothing;
		if (hdr_.len > abi::kXenstorePayloadMax)
			return Error{-UK_EIO}; // cannot resynchronise a byte stream
		body_got_ = 0;
	}
	if (body_got_ < hdr_.len) {
		int n = ring_.read(payload_ + body_got_, hdr_.len - body_got_);
		if (n < 0)
			return Error{n};
		body_got_ += static_cast<size_t>(n);
		if (body_got_ < hdr_.len)
			return Got::kNothing;
	}
	payload_[hdr_.len] = 0;
	hdr_got_ = 0; // hdr_ and payload_ stay valid until the next message
	return hdr_.type == abi::kXsWatchEvent ? Got::kEvent : Got::kReply;
}

void XsClient::on_watch_event()
{
	// "path\0token\0": the token names the watch.
	size_t plen = str_len(payload_);
	if (plen + 1 >= hdr_.len)
		return;
	const char *token = payload_ + plen + 1;
	size_t tlen = hdr_.len - plen - 1;
	for (uk_xen_xs_watch *w = watches_; w; w = w->next) {
		if (same(token, str_len(token) < tlen ? str_len(token) : tlen, w->token)) {
			w->fired = w->fired + 1;
			return;
		}
	}
}

Result<size_t> XsClient::request(uint32_t type, uint32_t tx, const XsPart *parts, int nparts)
{
	if (!attached())
		return Error{-UK_ENODEV};
	size_t len = 0;
	for (int i = 0; i < nparts; ++i)
		len += parts[i].len;
	if (len > abi::kXenstorePayloadMax)
		return Error{-UK_E2BIG};
	const uint32_t id = next_req_id_++;
	const uint64_t deadline = port_->now() + kTimeoutNs;
	abi::XsdSockmsg hdr{type, id, tx, static_cast<uint32_t>(len)};
	if (Result<void> sent = send(hdr, parts, nparts, deadline); !sent.ok())
		return Error{sent.error()};
	for (;;) {
		UK_TRY(Got got, receive());
		if (got == Got::kEvent) {
			on_watch_event();
			continue;
		}
		if (got == Got::kReply) {
			if (hdr_.req_id != id)
				continue; // the late reply of a request that timed out
			if (hdr_.type == abi::kXsError)
				return Error{error_from_name(payload_, hdr_.len)};
			if (hdr_.type != type)
				return Error{-UK_EIO};
			return static_cast<size_t>(hdr_.len);
		}
		if (port_->now() >= deadline)
			return Error{-UK_ETIMEDOUT};
		port_->wait(deadline);
	}
}

Result<void> XsClient::ok_reply(Result<size_t> r)
{
	if (!r.ok())
		return Error{r.error()};
	return {};
}

Result<size_t> XsClient::read(uint32_t tx, const char *path, char *buf, size_t size)
{
	XsPart p[] = {{path, str_len(path) + 1}};
	UK_TRY(size_t n, request(abi::kXsRead, tx, p, 1));
	if (n + 1 > size)
		return Error{-UK_E2BIG};
	__builtin_memcpy(buf, payload_, n);
	buf[n] = 0;
	return n;
}

Result<void> XsClient::write(uint32_t tx, const char *path, const char *value)
{
	XsPart p[] = {{path, str_len(path) + 1}, {value, str_len(value)}};
	return ok_reply(request(abi::kXsWrite, tx, p, 2));
}

Result<void> XsClient::rm(uint32_t tx, const char *path)
{
	XsPart p[] = {{path, str_len(path) + 1}};
	return ok_reply(request(abi::kXsRm, tx, p, 1));
}

Result<size_t> XsClient::directory(uint32_t tx, const char *path, char *buf, size_t size)
{
	XsPart p[] = {{path, str_len(path) + 1}};
	UK_TRY(size_t n, request(abi::kXsDirectory, tx, p, 1));
	if (n > size)
		return Error{-UK_E2BIG};
	size_t count = 0;
	for (size_t i = 0; i < n; ++i)
		count += payload_[i] == 0;
	__builtin_memcpy(buf, payload_, n);
	return count;
}

Result<uint32_t> XsClient::transaction_start()
{
	XsPart p[] = {{"", 1}};
	UK_TRY(size_t n, request(abi::kXsTransactionStart, 0, p, 1));
	uint64_t id = 0;
	size_t i = 0;
	for (; i < n && payload_[i] >= '0' && payload_[i] <= '9'; ++i)
		id = id * 10 + static_cast<unsigned>(payload_[i] - '0');
	if (i == 0 || id == 0 || id > UINT32_MAX)
		return Error{-UK_EIO};
	return static_cast<uint32_t>(id);
}

Result<void> XsClient::transaction_end(uint32_t tx, bool commit)
{
	XsPart p[] = {{commit ? "T" : "F", 2}};
	return ok_reply(request(abi::kXsTransactionEnd, tx, p, 1));
}

Result<size_t> XsClient::domain_path(unsigned domid, char *buf, size_t size)
{
	char id[12];
	int n = 0;
	char digits[12];
	int d = 0;
	do {
		digits[d++] = static_cast<char>('0' + domid % 10);
		domid /= 10;
	} while (domid);
	while (d)
		id[n++] = digits[--d];
	id[n++] = 0;
	XsPart p[] = {{id, static_cast<size_t>(n)}};
	UK_TRY(size_t len, request(abi::kXsGetDomainPath, 0, p, 1));
	len = len > 0 && payload_[len - 1] == 0 ? len - 1 : len;
	if (len + 1 > size)
		return Error{-UK_E2BIG};
	__builtin_memcpy(buf, payload_, len);
	buf[len] = 0;
	return len;
}

Result<void> XsClient::watch(uk_xen_xs_watch *w, const char *path)
{
	for (uk_xen_xs_watch *o = watches_; o; o = o->next)
		if (o == w)
			return Error{-UK_EEXIST};
	w->path = path;
	w->fired = 0;
	make_token(w);
	// Linked first: xenstored fires the watch once right after its reply.
	w->next = watches_;
	watches_ = w;
	XsPart p[] = {{path, str_len(path) + 1}, {w->token, str_len(w->token) + 1}};
	Result<size_t> r = request(abi::kXsWatch, 0, p, 2);
	if (!r.ok()) {
		watches_ = w->next;
		return Error{r.error()};
	}
	return {};
}

Result<void> XsClient::unwatch(uk_xen_xs_watch *w)
{
	uk_xen_xs_watch **link = &watches_;
	while (*link && *link != w)
		link = &(*link)->next;
	if (!*link)
		return Error{-UK_ENOENT};
	*link = w->next;
	XsPart p[] = {{w->path, str_len(w->path) + 1}, {w->token, str_len(w->token) + 1}};
	return ok_reply(request(abi::kXsUnwatch, 0, p, 2));
}

Result<void> XsClient::poll()
{
	if (!attached())
		return Error{-UK_ENODEV};
	for (;;) {
		UK_TRY(Got got, receive());
		if (got == Got::kNothing)
			return {};
		if (got == Got::kEvent)
			on_watch_event();
		// A reply nobody waits for (its request timed out): dropped.
	}
}

Result<unsigned> XsClient::wait_watch(uk_xen_xs_watch *w, unsigned seen, uint64_t deadline_ns)
{
	for (;;) {
		if (Result<void> polled = poll(); !polled.ok())
			return Error{polled.error()};
		if (w->fired != seen)
			return static_cast<unsigned>(w->fired);
		if (port_->now() >= deadline_ns)
			return Error{-UK_ETIMEDOUT};
		port_->wait(deadline_ns);
	}
}

}  // namespace uk::xen
