/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Cooperative context switch (arm64). A context is only a stack pointer:
 * what AAPCS64 says survives a call is stored on the stack being left:
 * x19-x28, the frame pointer x29, the link register x30, the low halves
 * d8-d15 of v8-v15, and FPCR (rounding mode and trap enables, which the
 * ABI treats as thread state). Everything else is caller-saved.
 * The interface is the same on every architecture.
 */
#ifndef UK_ARCH_CTX_H
#define UK_ARCH_CTX_H

#include <uk/essentials.h>

UK_EXTERN_C_BEGIN

struct ukarch_ctx {
	uintptr_t sp; /**< saved stack pointer while not running */
};

/** Stack alignment the ABI requires (sp is always 16-byte aligned). */
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
