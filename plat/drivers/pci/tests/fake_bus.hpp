// SPDX-License-Identifier: BSD-3-Clause
//
// A simulated PCI configuration space for the host tests: functions with
// 256 bytes of config space each, BARs that behave like hardware (only the
// address bits above the size stick), read-only ids, and checks on every
// access (bounds, alignment, no all-ones BAR write while the device
// decodes).
#pragma once

#include <gtest/gtest.h>

#include <array>
#include <cstring>
#include <map>
#include <tuple>

#include "pci_bus.hpp"

namespace pci_test {

struct Function {
	std::array<uint8_t, 256> cfg{};
	std::array<uint32_t, 64> writable{}; // per dword: bits that stick

	uint32_t dword(unsigned i) const
	{
		uint32_t v;
		memcpy(&v, &cfg[i * 4], 4);
		return v;
	}
	void set_dword(unsigned i, uint32_t v) { memcpy(&cfg[i * 4], &v, 4); }
};

struct BdfLess {
	bool operator()(uk::pci::Bdf a, uk::pci::Bdf b) const
	{
		return std::tie(a.bus, a.dev, a.func) < std::tie(b.bus, b.dev, b.func);
	}
};
using FunctionMap = std::map<uk::pci::Bdf, Function, BdfLess>;

class FakeBus {
public:
	/** Adds a function; header type 0/1 with the multi-function bit. */
	Function &add(uk::pci::Bdf b, uint16_t vendor, uint16_t device,
		      uint8_t cls, uint8_t sub, uint8_t hdr = 0, bool multi = false)
	{
		Function &f = fns_[b];
		f.set_dword(0, vendor | uint32_t{device} << 16);
		f.set_dword(2, uint32_t{cls} << 24 | uint32_t{sub} << 16 | 0x0102); // prog-if 1, rev 2
		f.cfg[0x0e] = static_cast<uint8_t>(hdr | (multi ? 0x80 : 0));
		f.writable[1] = 0x0000ffff; // command (status is RW1C: ignored)
		f.writable[0x3c / 4] = 0xff; // interrupt line
		if (hdr == 1)
			f.writable[0x18 / 4] = 0x00ffffff; // bus numbers
		return f;
	}
	void bridge_buses(Function &f, uint8_t sec, uint8_t sub)
	{
		f.cfg[0x19] = sec;
		f.cfg[0x1a] = sub;
	}
	static void io_bar(Function &f, int i, uint32_t base, uint32_t size, bool io16 = false)
	{
		f.set_dword(4 + i, base | 1);
		f.writable[4 + i] = ~(size - 1) & (io16 ? 0xfffcu : 0xfffffffcu);
	}
	static void mem32_bar(Function &f, int i, uint32_t base, uint32_t size, bool pf = false)
	{
		f.set_dword(4 + i, base | (pf ? 8 : 0));
		f.writable[4 + i] = ~(size - 1) & 0xfffffff0u;
	}
	static void mem64_bar(Function &f, int i, uint64_t base, uint64_t size, bool pf = false)
	{
		f.set_dword(4 + i, static_cast<uint32_t>(base) | 4 | (pf ? 8 : 0));
		f.set_dword(5 + i, static_cast<uint32_t>(base >> 32));
		f.writable[4 + i] = static_cast<uint32_t>(~(size - 1)) & 0xfffffff0u;
		f.writable[5 + i] = static_cast<uint32_t>(~(size - 1) >> 32);
	}
	Function *find(uk::pci::Bdf b)
	{
		auto it = fns_.find(b);
		return it == fns_.end() ? nullptr : &it->second;
	}
	FunctionMap &functions() { return fns_; }

	uk::pci::ConfigSpace ops() { return {&FakeBus::read_thunk, &FakeBus::write_thunk, this}; }

	int reads = 0, writes = 0;
	int decode_violations = 0; // all-ones BAR write with decoding on

private:
	static bool valid(uk::pci::Bdf b, uint8_t off, unsigned width)
	{
		const bool ok = b.dev < 32 && b.func < 8 &&
				(width == 1 || width == 2 || width == 4) && off % width == 0;
		if (!ok)
			ADD_FAILURE() << "bad access " << int(b.dev) << "." << int(b.func)
				      << " off " << int(off) << " width " << width;
		return ok;
	}
	static uint32_t read_thunk(void *ctx, uk::pci::Bdf b, uint8_t off, unsigned width)
	{
		auto *bus = static_cast<FakeBus *>(ctx);
		bus->reads++;
		const uint32_t ones = width == 4 ? 0xffffffffu : (1u << (8 * width)) - 1;
		Function *f = bus->find(b);
		if (!valid(b, off, width) || !f)
			return ones;
		return (f->dword(off / 4) >> (8 * (off % 4))) & ones;
	}
	static void write_thunk(void *ctx, uk::pci::Bdf b, uint8_t off, unsigned width, uint32_t v)
	{
		auto *bus = static_cast<FakeBus *>(ctx);
		bus->writes++;
		Function *f = bus->find(b);
		if (!valid(b, off, width) || !f)
			return;
		const unsigned i = off / 4, shift = 8 * (off % 4);
		const uint32_t lane = (width == 4 ? 0xffffffffu : (1u << (8 * width)) - 1) << shift;
		const uint32_t stick = lane & f->writable[i];
		if (i >= 4 && i < 10 && v == 0xffffffffu && (f->cfg[4] & 3))
			bus->decode_violations++;
		f->set_dword(i, (f->dword(i) & ~stick) | ((v << shift) & stick));
	}

	FunctionMap fns_;
};

}  // namespace pci_test
