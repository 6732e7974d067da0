// SPDX-License-Identifier: BSD-3-Clause
//
// Builds the first frame of a new context (layout in ctx.S).

#include <uk/arch/ctx.h>

extern "C" void ukarch_ctx_trampoline(void);

namespace uk::arch {
namespace {
// Power-on defaults: all exceptions masked, round to nearest.
constexpr uint32_t kMxcsrDefault = 0x1f80;
constexpr uint16_t kFpuCwDefault = 0x037f;
constexpr int kFrameWords = 8;
}  // namespace
}  // namespace uk::arch

extern "C" void ukarch_ctx_init(struct ukarch_ctx *ctx, void *stack_top,
				void (*entry)(void *), void *arg)
{
	using namespace uk::arch;
	auto top = reinterpret_cast<uintptr_t>(stack_top) & ~uintptr_t{15};
	// 16 bytes of zeros above the frame: a fake outer frame (return
	// address 0) where debuggers stop, and sp is 16-aligned after ret.
	auto *frame = reinterpret_cast<uint64_t *>(top - 16) - kFrameWords;
	frame[0] = kMxcsrDefault | (uint64_t{kFpuCwDefault} << 32);
	frame[1] = 0;                                   // r15
	frame[2] = 0;                                   // r14
	frame[3] = reinterpret_cast<uint64_t>(entry);  // r13
	frame[4] = reinterpret_cast<uint64_t>(arg);    // r12
	frame[5] = 0;                                   // rbx
	frame[6] = 0;                                   // rbp
	frame[7] = reinterpret_cast<uint64_t>(&ukarch_ctx_trampoline);
	frame[8] = 0;
	frame[9] = 0;
	ctx->sp = reinterpret_cast<uintptr_t>(frame);
}
