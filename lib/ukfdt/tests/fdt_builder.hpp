// SPDX-License-Identifier: BSD-3-Clause
//
// Builds device tree blobs for tests, in the layout the specification
// gives (header, reservation block, structure block, strings block), with
// hooks to write wrong values on purpose.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace fdt_test {

class Builder {
public:
	Builder &begin(const std::string &name)
	{
		word(1);
		bytes(name.c_str(), name.size() + 1);
		pad();
		return *this;
	}
	Builder &end()
	{
		word(2);
		return *this;
	}
	Builder &nop()
	{
		word(4);
		return *this;
	}
	Builder &prop(const std::string &name, const void *value, size_t len)
	{
		word(3);
		word(static_cast<uint32_t>(len));
		word(string_offset(name));
		bytes(value, len);
		pad();
		return *this;
	}
	Builder &prop_u32(const std::string &name, std::vector<uint32_t> cells)
	{
		std::vector<uint8_t> v;
		for (uint32_t c : cells)
			for (int s = 24; s >= 0; s -= 8)
				v.push_back(static_cast<uint8_t>(c >> s));
		return prop(name, v.data(), v.size());
	}
	Builder &prop_str(const std::string &name, const std::string &value)
	{
		return prop(name, value.c_str(), value.size() + 1);
	}
	/** Strings separated by '\0' in @p list (string lists). */
	Builder &prop_strs(const std::string &name, const std::string &list)
	{
		return prop(name, list.data(), list.size() + 1);
	}

	/** The finished blob (END token added); version 17. */
	std::vector<uint8_t> blob() const
	{
		std::vector<uint8_t> s = structure_;
		append_word(s, 9);
		const uint32_t hdr = 40, rsv = 40; // reservation block right after
		const uint32_t off_struct = rsv + 16;
		const uint32_t off_strings = off_struct + static_cast<uint32_t>(s.size());
		const uint32_t total = off_strings + static_cast<uint32_t>(strings_.size());
		std::vector<uint8_t> b;
		for (uint32_t v : {0xd00dfeedu, total, off_struct, off_strings, rsv, 17u, 16u, 0u,
				   static_cast<uint32_t>(strings_.size()), static_cast<uint32_t>(s.size())})
			append_word(b, v);
		(void)hdr;
		b.resize(b.size() + 16, 0); // empty reservation list
		b.insert(b.end(), s.begin(), s.end());
		b.insert(b.end(), strings_.begin(), strings_.end());
		return b;
	}

	static void put_word(std::vector<uint8_t> &b, size_t at, uint32_t v)
	{
		for (int i = 0; i < 4; ++i)
			b[at + i] = static_cast<uint8_t>(v >> (24 - 8 * i));
	}

private:
	static void append_word(std::vector<uint8_t> &b, uint32_t v)
	{
		for (int s = 24; s >= 0; s -= 8)
			b.push_back(static_cast<uint8_t>(v >> s));
	}
	void word(uint32_t v) { append_word(structure_, v); }
	void bytes(const void *p, size_t n)
	{
		auto *c = static_cast<const uint8_t *>(p);
		structure_.insert(structure_.end(), c, c + n);
	}
	void pad()
	{
		while (structure_.size() % 4)
			structure_.push_back(0);
	}
	uint32_t string_offset(const std::string &name)
	{
		std::string all(strings_.begin(), strings_.end());
		for (size_t pos = 0; pos < all.size(); pos = all.find('\0', pos) + 1)
			if (all.compare(pos, name.size() + 1, name.c_str(), name.size() + 1) == 0)
				return static_cast<uint32_t>(pos);
		auto off = static_cast<uint32_t>(strings_.size());
		strings_.insert(strings_.end(), name.begin(), name.end());
		strings_.push_back(0);
		return off;
	}

	std::vector<uint8_t> structure_;
	std::vector<uint8_t> strings_;
};

}  // namespace fdt_test
