/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Cooperative context switch. A context is only a stack pointer: the
 * callee-saved registers (rbx, rbp, r12-r15) and the control words the
 * SysV ABI says survive a call (MXCSR control bits, x87 control word) are
 * pushed on the stack being left. Everything else is caller-saved, so a
 * switch through a function call needs nothing more.
 *
 * What arch/arm64 must provide with the same names: ukarch_ctx_switch()
 * saving x19-x28, x29 (fp), x30 (lr), sp and d8-d15 (callee-saved FP/SIMD
 * low halves) plus FPCR; ukarch_ctx_init() laying out a frame that
 * "returns" into a trampoline calling entry(arg) with a 16-byte aligned sp.
 */
#ifndef UK_ARCH_CTX_H
#define UK_ARCH_CTX_H

#include <uk/essentials.h>

UK_EXTERN_C_BEGIN

struct ukarch_ctx {
	uintptr_t sp; /**< saved stack pointer while not running */
};

/** Stack alignment the ABI requires at a call. */
#define UKARCH_STACK_ALIGN 16

/**
 * Saves the running context in @p prev and continues @p next. Returns
 * when something switches back to @p prev.
 */
void ukarch_ctx_switch(struct ukarch_ctx *prev, struct ukarch_ctx *next);

/**
 * Prepares @p ctx so that switching to it calls entry(arg) on the stack
 * that ends at @p stack_top (exclusive). @p entry must never return.
 */
void ukarch_ctx_init(struct ukarch_ctx *ctx, void *stack_top,
		     void (*entry)(void *), void *arg);

UK_EXTERN_C_END

#endif /* UK_ARCH_CTX_H */
