// SPDX-License-Identifier: BSD-3-Clause
//
// The console: an ARM PL011 UART, polled. QEMU's virt board has one at
// kEarlyUart, which is used until the device tree names the console.

#include "arm64.hpp"

namespace uk::kvm {
namespace {

constexpr uintptr_t kDr = 0x00, kFr = 0x18, kIbrd = 0x24, kFbrd = 0x28, kLcrH = 0x2c,
		    kCr = 0x30, kImsc = 0x38, kIcr = 0x44;
constexpr uint32_t kFrTxFull = 1u << 5;
constexpr uint32_t kLcr8N1Fifo = 0x70; // 8 bits, FIFOs on
constexpr uint32_t kCrEnable = 0x301;  // UART, transmit, receive

constinit uintptr_t uart = kEarlyUart;

inline volatile uint32_t &reg(uintptr_t off) { return *reinterpret_cast<volatile uint32_t *>(uart + off); }

void put(char c)
{
	while (reg(kFr) & kFrTxFull) {
	}
	reg(kDr) = static_cast<uint8_t>(c);
}

}  // namespace

void serial_init(uintptr_t base)
{
	if (!base)
		return; // keep the early UART: better than silence
	uart = base;
	reg(kCr) = 0;
	reg(kImsc) = 0;      // no interrupts: the console is polled
	reg(kIcr) = 0x7ff;
	reg(kIbrd) = 13;     // 115200 baud from a 24 MHz clock (QEMU ignores it)
	reg(kFbrd) = 1;
	reg(kLcrH) = kLcr8N1Fifo;
	reg(kCr) = kCrEnable;
}

void serial_write(const char *buf, size_t len)
{
	for (size_t i = 0; i < len; ++i) {
		if (buf[i] == '\n')
			put('\r'); // terminals want CR LF
		put(buf[i]);
	}
}

}  // namespace uk::kvm

extern "C" int ukplat_coutk(const char *buf, size_t len)
{
	uk::kvm::serial_write(buf, len);
	return static_cast<int>(len);
}
