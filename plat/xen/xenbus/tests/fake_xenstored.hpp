// SPDX-License-Identifier: BSD-3-Clause
// A small xenstored for host tests: the daemon's side of the xenstore
// page (it consumes req[], produces rsp[]), an in-memory tree, watches
// (with the initial event after registration, as the real daemon sends),
// transactions on a copy of the tree with conflict detection (-EAGAIN),
// and relative paths under /local/domain/<domid>. It moves bytes in
// random chunk sizes so that the client sees partial messages, and it can
// be told to go silent, to inject events or broken messages.
#pragma once

#include <cstring>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "xs_client.hpp"

namespace fake {

namespace abi = uk::xen::abi;

class Xenstored {
public:
	explicit Xenstored(unsigned domid = 5, unsigned seed = 1) : domid_(domid), rng_(seed)
	{
		home_ = "/local/domain/" + std::to_string(domid);
		tree_["/local"] = "";
		tree_["/local/domain"] = "";
		tree_[home_] = "";
		tree_[home_ + "/domid"] = std::to_string(domid);
	}

	abi::XenstoreDomainInterface intf{};
	std::map<std::string, std::string> tree_;
	bool silent = false;      // reads requests, never answers
	size_t max_chunk = 1024;  // at most this many bytes moved per step
	std::function<void()> on_step; // scripted changes (a backend moving)
	int requests = 0;
	int conflicts = 0; // transactions refused with EAGAIN

	/** One round of the daemon: take request bytes, answer complete
	 * requests, push pending output into the response ring. */
	void step()
	{
		if (on_step)
			on_step();
		pull();
		while (auto msg = next_request())
			handle(*msg);
		push();
	}

	/** A write from "another domain" (fires watches, bumps the generation). */
	void external_write(const std::string &path, const std::string &value)
	{
		set(tree_, abs(path), value);
		++generation_;
		fire(abs(path));
	}

	/** Queues raw bytes for the response ring (broken-peer tests). */
	void inject(const void *data, size_t len)
	{
		auto *p = static_cast<const char *>(data);
		out_.insert(out_.end(), p, p + len);
	}
	void inject_message(uint32_t type, uint32_t req_id, const std::string &payload)
	{
		abi::XsdSockmsg h{type, req_id, 0, static_cast<uint32_t>(payload.size())};
		inject(&h, sizeof(h));
		inject(payload.data(), payload.size());
	}

	std::string abs(const std::string &p) const { return p.empty() || p[0] != '/' ? home_ + "/" + p : p; }

private:
	struct Msg {
		abi::XsdSockmsg h;
		std::string payload;
	};
	struct Watch {
		std::string path, token;
	};
	struct Tx {
		std::map<std::string, std::string> tree;
		uint64_t generation;
		std::vector<std::string> changed;
	};

	size_t chunk() { return 1 + rng_() % max_chunk; }

	void pull()
	{
		size_t n = chunk();
		while (n-- && intf.req_cons != intf.req_prod)
			in_.push_back(intf.req[intf.req_cons++ % abi::kXenstoreRingSize]);
	}

	void push()
	{
		size_t n = chunk();
		while (n-- && !out_.empty() && intf.rsp_prod - intf.rsp_cons < abi::kXenstoreRingSize) {
			intf.rsp[intf.rsp_prod++ % abi::kXenstoreRingSize] = out_.front();
			out_.pop_front();
		}
	}

	std::optional<Msg> next_request()
	{
		if (in_.size() < sizeof(abi::XsdSockmsg))
			return std::nullopt;
		Msg m;
		std::memcpy(&m.h, in_.data(), sizeof(m.h));
		if (in_.size() < sizeof(m.h) + m.h.len)
			return std::nullopt;
		m.payload.assign(in_.begin() + sizeof(m.h), in_.begin() + sizeof(m.h) + m.h.len);
		in_.erase(in_.begin(), in_.begin() + sizeof(m.h) + m.h.len);
		return m;
	}

	static std::vector<std::string> split(const std::string &payload)
	{
		std::vector<std::string> parts;
		std::string cur;
		for (char c : payload) {
			if (c == 0) {
				parts.push_back(cur);
				cur.clear();
			} else {
				cur += c;
			}
		}
		if (!cur.empty())
			parts.push_back(cur); // a value without its NUL (XS_WRITE)
		return parts;
	}

	void reply(const Msg &m, uint32_t type, const std::string &payload)
	{
		abi::XsdSockmsg h{type, m.h.req_id, m.h.tx_id, static_cast<uint32_t>(payload.size())};
		inject(&h, sizeof(h));
		inject(payload.data(), payload.size());
	}
	void error(const Msg &m, const char *name) { reply(m, abi::kXsError, std::string(name) + '\0'); }
	void ok(const Msg &m) { reply(m, m.h.type, std::string("OK") + '\0'); }

	static void set(std::map<std::string, std::string> &t, const std::string &path, const std::string &v)
	{
		t[path] = v;
		for (size_t i = path.rfind('/'); i != std::string::npos && i > 0; i = path.rfind('/', i - 1))
			t.emplace(path.substr(0, i), "");
	}

	void fire(const std::string &path)
	{
		for (const Watch &w : watches_)
			if (path == w.path || path.rfind(w.path + "/", 0) == 0)
				inject_message(abi::kXsWatchEvent, 0, path + '\0' + w.token + '\0');
	}

	void handle(const Msg &m)
	{
		++requests;
		if (silent)
			return;
		std::vector<std::string> a = split(m.payload);
		Tx *tx = nullptr;
		if (m.h.tx_id) {
			auto it = txs_.find(m.h.tx_id);
			if (it == txs_.end())
				return error(m, "ENOENT");
			tx = &it->second;
		}
		auto &t = tx ? tx->tree : tree_;
		switch (m.h.type) {
		case abi::kXsRead: {
			auto it = t.find(abs(a.at(0)));
			if (it == t.end())
				return error(m, "ENOENT");
			return reply(m, m.h.type, it->second);
		}
		case abi::kXsWrite: {
			std::string p = abs(a.at(0));
			set(t, p, a.size() > 1 ? a[1] : "");
			if (tx) {
				tx->changed.push_back(p);
			} else {
				++generation_;
				fire(p);
			}
			return ok(m);
		}
		case abi::kXsRm: {
			std::string p = abs(a.at(0));
			if (!t.count(p))
				return error(m, "ENOENT");
			for (auto it = t.begin(); it != t.end();)
				it = (it->first == p || it->first.rfind(p + "/", 0) == 0) ? t.erase(it) : std::next(it);
			if (tx) {
				tx->changed.push_back(p);
			} else {
				++generation_;
				fire(p);
			}
			return ok(m);
		}
		case abi::kXsDirectory: {
			std::string p = abs(a.at(0));
			if (!t.count(p))
				return error(m, "ENOENT");
			std::string out;
			for (auto &[k, v] : t)
				if (k.size() > p.size() + 1 && k.rfind(p + "/", 0) == 0 &&
				    k.find('/', p.size() + 1) == std::string::npos)
					out += k.substr(p.size() + 1) + '\0';
			return reply(m, m.h.type, out);
		}
		case abi::kXsTransactionStart: {
			uint32_t id = next_tx_++;
			txs_[id] = Tx{tree_, generation_, {}};
			return reply(m, m.h.type, std::to_string(id) + '\0');
		}
		case abi::kXsTransactionEnd: {
			if (!tx)
				return error(m, "EINVAL");
			Tx done = std::move(*tx);
			txs_.erase(m.h.tx_id);
			if (a.at(0) == "T") {
				if (done.generation != generation_) {
					++conflicts;
					return error(m, "EAGAIN");
				}
				tree_ = std::move(done.tree);
				if (!done.changed.empty())
					++generation_;
				for (const std::string &p : done.changed)
					fire(p);
			}
			return ok(m);
		}
		case abi::kXsWatch: {
			watches_.push_back(Watch{abs(a.at(0)), a.at(1)});
			ok(m);
			// The daemon fires every new watch once.
			inject_message(abi::kXsWatchEvent, 0, abs(a.at(0)) + '\0' + a.at(1) + '\0');
			return;
		}
		case abi::kXsUnwatch:
			for (auto it = watches_.begin(); it != watches_.end(); ++it)
				if (it->path == abs(a.at(0)) && it->token == a.at(1)) {
					watches_.erase(it);
					return ok(m);
				}
			return error(m, "ENOENT");
		case abi::kXsGetDomainPath:
			return reply(m, m.h.type, "/local/domain/" + a.at(0) + '\0');
		default:
			return error(m, "EINVAL");
		}
	}

	unsigned domid_;
	std::mt19937 rng_;
	std::string home_;
	std::vector<char> in_;
	std::deque<char> out_;
	std::vector<Watch> watches_;
	std::map<uint32_t, Tx> txs_;
	uint32_t next_tx_ = 1;
	uint64_t generation_ = 0;
};

/** The client's Port: every notify and wait lets the daemon run; time is
 * simulated (1 ms per wait) so timeouts are quick and exact. */
class Port final : public uk::xen::XsPort {
public:
	explicit Port(Xenstored &d) : d_(d) {}
	void notify() override { ++notifies; }
	void wait(uint64_t) override
	{
		now_ += 1000000;
		d_.step();
	}
	uint64_t now() override { return now_; }
	uint64_t now_ = 0;
	int notifies = 0;

private:
	Xenstored &d_;
};

}  // namespace fake
