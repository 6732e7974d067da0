// SPDX-License-Identifier: BSD-3-Clause

#include "frontend.hpp"

namespace uk::xen {
namespace {

constexpr size_t kPathMax = 256;
constexpr int kTxAttempts = 8;

int parse_state(const char *s)
{
	int v = 0;
	if (!*s)
		return UK_XENBUS_STATE_UNKNOWN;
	for (; *s; ++s) {
		if (*s < '0' || *s > '9' || v > 100)
			return UK_XENBUS_STATE_UNKNOWN;
		v = v * 10 + (*s - '0');
	}
	return v <= UK_XENBUS_STATE_RECONFIGURED ? v : UK_XENBUS_STATE_UNKNOWN;
}

Result<int> read_state_tx(XsClient &xs, uint32_t tx, const char *path)
{
	char value[16];
	Result<size_t> r = xs.read(tx, path, value, sizeof(value));
	if (!r.ok()) {
		if (r.error() == -UK_ENOENT || r.error() == -UK_E2BIG)
			return UK_XENBUS_STATE_UNKNOWN;
		return Error{r.error()};
	}
	return parse_state(value);
}

}  // namespace

bool state_path(const char *dev, char *buf, size_t size)
{
	size_t n = __builtin_strlen(dev);
	if (n + sizeof("/state") > size)
		return false;
	__builtin_memcpy(buf, dev, n);
	__builtin_memcpy(buf + n, "/state", sizeof("/state"));
	return true;
}

Result<int> read_state(XsClient &xs, const char *dev)
{
	char path[kPathMax];
	if (!state_path(dev, path, sizeof(path)))
		return Error{-UK_E2BIG};
	return read_state_tx(xs, 0, path);
}

Result<void> switch_state(XsClient &xs, const char *dev, int state)
{
	char path[kPathMax];
	if (!state_path(dev, path, sizeof(path)))
		return Error{-UK_E2BIG};
	char value[4] = {static_cast<char>('0' + state), 0};
	if (state < 0 || state > UK_XENBUS_STATE_RECONFIGURED)
		return Error{-UK_EINVAL};
	for (int attempt = 0; attempt < kTxAttempts; ++attempt) {
		UK_TRY(uint32_t tx, xs.transaction_start());
		char cur[16];
		Result<size_t> r = xs.read(tx, path, cur, sizeof(cur));
		bool write = r.ok() && parse_state(cur) != state;
		if (!r.ok() && r.error() != -UK_ENOENT) {
			(void)xs.transaction_end(tx, false);
			return Error{r.error()};
		}
		if (write) {
			if (Result<void> w = xs.write(tx, path, value); !w.ok()) {
				(void)xs.transaction_end(tx, false);
				return w;
			}
		}
		Result<void> end = xs.transaction_end(tx, write);
		if (end.ok() || end.error() != -UK_EAGAIN)
			return end;
	}
	return Error{-UK_EAGAIN};
}

Result<int> wait_state(XsClient &xs, const char *dev, int state, uint64_t deadline_ns)
{
	char path[kPathMax];
	if (!state_path(dev, path, sizeof(path)))
		return Error{-UK_E2BIG};
	uk_xen_xs_watch w{};
	if (Result<void> r = xs.watch(&w, path); !r.ok())
		return Error{r.error()};
	struct Unwatch {
		XsClient &xs;
		uk_xen_xs_watch *w;
		~Unwatch() { (void)xs.unwatch(w); }
	} guard{xs, &w};
	unsigned seen = w.fired;
	for (;;) {
		UK_TRY(int now, read_state_tx(xs, 0, path));
		if (now == state || now == UK_XENBUS_STATE_CLOSING || now == UK_XENBUS_STATE_CLOSED)
			return now;
		UK_TRY(seen, xs.wait_watch(&w, seen, deadline_ns));
	}
}

}  // namespace uk::xen
