// SPDX-License-Identifier: BSD-3-Clause
//
// Interrupts off for a scope, for any library (it needs only the
// platform interface). Nests: each guard restores what it found.
#pragma once

#include <uk/plat.h>

namespace uk {

class [[nodiscard]] IrqGuard {
public:
	IrqGuard() : flags_(ukplat_lcpu_save_irqf()) {}
	~IrqGuard() { ukplat_lcpu_restore_irqf(flags_); }
	IrqGuard(const IrqGuard &) = delete;
	IrqGuard &operator=(const IrqGuard &) = delete;

private:
	unsigned long flags_;
};

}  // namespace uk
