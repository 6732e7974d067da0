// SPDX-License-Identifier: BSD-3-Clause
//
// The console: the first serial port (COM1, 0x3f8), polled. QEMU's
// -nographic connects it to standard output.

#include "kvm.hpp"

namespace uk::kvm {
namespace {

constexpr uint16_t kCom1 = 0x3f8;
constexpr uint16_t kData = 0, kIntEnable = 1, kFifo = 2, kLineCtl = 3,
		   kModemCtl = 4, kLineStatus = 5;
constexpr uint8_t kThrEmpty = 0x20;

}  // namespace

void serial_init()
{
	outb(kCom1 + kIntEnable, 0x00); // polled: no interrupts
	outb(kCom1 + kLineCtl, 0x80);   // divisor latch on
	outb(kCom1 + kData, 0x01);      // 115200 baud
	outb(kCom1 + kIntEnable, 0x00);
	outb(kCom1 + kLineCtl, 0x03);   // 8 bits, no parity, 1 stop bit
	outb(kCom1 + kFifo, 0xc7);      // FIFOs on and cleared
	outb(kCom1 + kModemCtl, 0x03);  // DTR, RTS
}

void serial_write(const char *buf, size_t len)
{
	for (size_t i = 0; i < len; ++i) {
		if (buf[i] == '\n')
			serial_write("\r", 1); // terminals want CR LF
		while (!(inb(kCom1 + kLineStatus) & kThrEmpty)) {
		}
		outb(kCom1 + kData, static_cast<uint8_t>(buf[i]));
	}
}

}  // namespace uk::kvm

extern "C" int ukplat_coutk(const char *buf, size_t len)
{
	uk::kvm::serial_write(buf, len);
	return static_cast<int>(len);
}
