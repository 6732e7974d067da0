// SPDX-License-Identifier: BSD-3-Clause
//
// A small std::atomic stand-in on GCC's __atomic builtins. Debian's
// libstdc++ <atomic> pulls in pthread.h (C++20 wait/notify), which a
// freestanding image does not have.
#pragma once

#include <type_traits>

namespace uk {

enum class MemoryOrder : int {
	kRelaxed = __ATOMIC_RELAXED,
	kAcquire = __ATOMIC_ACQUIRE,
	kRelease = __ATOMIC_RELEASE,
	kAcqRel = __ATOMIC_ACQ_REL,
	kSeqCst = __ATOMIC_SEQ_CST,
};

template <typename T>
class Atomic {
	static_assert(std::is_trivially_copyable_v<T> && sizeof(T) <= 8,
		      "uk::Atomic holds small trivially copyable values");

public:
	constexpr Atomic(T v = T{}) : v_(v) {}
	Atomic(const Atomic &) = delete;
	Atomic &operator=(const Atomic &) = delete;

	T load(MemoryOrder mo = MemoryOrder::kSeqCst) const { return __atomic_load_n(&v_, int(mo)); }
	void store(T v, MemoryOrder mo = MemoryOrder::kSeqCst) { __atomic_store_n(&v_, v, int(mo)); }
	T exchange(T v, MemoryOrder mo = MemoryOrder::kSeqCst) { return __atomic_exchange_n(&v_, v, int(mo)); }
	bool compare_exchange(T &expected, T desired, MemoryOrder mo = MemoryOrder::kSeqCst)
	{
		return __atomic_compare_exchange_n(&v_, &expected, desired, false, int(mo),
						   int(MemoryOrder::kRelaxed) == int(mo) ? int(mo) : __ATOMIC_ACQUIRE);
	}
	T fetch_add(T d, MemoryOrder mo = MemoryOrder::kSeqCst) { return __atomic_fetch_add(&v_, d, int(mo)); }
	T fetch_sub(T d, MemoryOrder mo = MemoryOrder::kSeqCst) { return __atomic_fetch_sub(&v_, d, int(mo)); }

private:
	T v_;
};

}  // namespace uk
