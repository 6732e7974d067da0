// SPDX-License-Identifier: BSD-3-Clause
//
// Builds the first frame of a new context (layout in ctx.S).

#include <uk/arch/ctx.h>

extern "C" void ukarch_ctx_trampoline(void);

namespace uk::arch {
namespace {
constexpr int kFrameWords = 22; // 176 bytes
constexpr int kX19 = 0, kX20 = 1, kX29 = 10, kX30 = 11, kFpcr = 20;
// Power-on default: round to nearest, no traps, no flush-to-zero.
constexpr uint64_t kFpcrDefault = 0;
}  // namespace
}  // namespace uk::arch

extern "C" void ukarch_ctx_init(struct ukarch_ctx *ctx, void *stack_top,
				void (*entry)(void *), void *arg)
{
	using namespace uk::arch;
	auto top = reinterpret_cast<uintptr_t>(stack_top) & ~uintptr_t{15};
	// 16 bytes of zeros above the frame: a fake outer frame record
	// (fp 0, lr 0) where debuggers stop.
	auto *frame = reinterpret_cast<uint64_t *>(top - 16) - kFrameWords;
	for (int i = 0; i < kFrameWords + 2; ++i)
		frame[i] = 0;
	frame[kX19] = reinterpret_cast<uint64_t>(entry);
	frame[kX20] = reinterpret_cast<uint64_t>(arg);
	frame[kX29] = 0;
	frame[kX30] = reinterpret_cast<uint64_t>(&ukarch_ctx_trampoline);
	frame[kFpcr] = kFpcrDefault;
	ctx->sp = reinterpret_cast<uintptr_t>(frame);
}
