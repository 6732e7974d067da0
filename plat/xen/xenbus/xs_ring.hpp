// SPDX-License-Identifier: BSD-3-Clause
//
// The two byte rings of the xenstore page (io/xs_wire.h): we produce into
// req[] (advancing req_prod), xenstored consumes (req_cons); it produces
// into rsp[] (rsp_prod), we consume (rsp_cons). Free-running 32-bit
// indices, 1024-byte rings. Indices written by the other side are checked:
// a distance beyond the ring size is a broken peer (-EIO), never a reason
// to read or write outside the page. Pure code, host-tested.
#pragma once

#include <uk/errno.h>
#include <uk/essentials.h>

#include "abi.hpp"

namespace uk::xen {

class XsRing {
public:
	static constexpr uint32_t kSize = abi::kXenstoreRingSize;
	static_assert((kSize & (kSize - 1)) == 0);

	constexpr explicit XsRing(abi::XenstoreDomainInterface *intf = nullptr) : intf_(intf) {}

	/** Copies what fits of @p data into the request ring and publishes
	 * it. @return bytes written (0: full), or -EIO. */
	int write(const void *data, size_t len)
	{
		uint32_t cons = __atomic_load_n(&intf_->req_cons, __ATOMIC_ACQUIRE);
		uint32_t prod = intf_->req_prod;
		if (prod - cons > kSize)
			return -UK_EIO;
		size_t room = kSize - (prod - cons);
		size_t n = len < room ? len : room;
		const char *p = static_cast<const char *>(data);
		for (size_t i = 0; i < n; ++i)
			intf_->req[(prod + i) % kSize] = p[i];
		__atomic_store_n(&intf_->req_prod, prod + static_cast<uint32_t>(n), __ATOMIC_RELEASE);
		return static_cast<int>(n);
	}

	/** Copies up to @p len bytes out of the response ring and frees
	 * them. @return bytes read (0: empty), or -EIO. */
	int read(void *data, size_t len)
	{
		uint32_t prod = __atomic_load_n(&intf_->rsp_prod, __ATOMIC_ACQUIRE);
		uint32_t cons = intf_->rsp_cons;
		if (prod - cons > kSize)
			return -UK_EIO;
		size_t avail = prod - cons;
		size_t n = len < avail ? len : avail;
		char *p = static_cast<char *>(data);
		for (size_t i = 0; i < n; ++i)
			p[i] = intf_->rsp[(cons + i) % kSize];
		__atomic_store_n(&intf_->rsp_cons, cons + static_cast<uint32_t>(n), __ATOMIC_RELEASE);
		return static_cast<int>(n);
	}

	[[nodiscard]] bool attached() const { return intf_ != nullptr; }

private:
	abi::XenstoreDomainInterface *intf_;
};

}  // namespace uk::xen
