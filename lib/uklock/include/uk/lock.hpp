// SPDX-License-Identifier: BSD-3-Clause
//
// C++ face of uklock: lock types that are neither copyable nor movable,
// have constexpr constructors (constinit globals) and share the C
// structs' layout, plus [[nodiscard]] RAII guards (uk::IrqGuard comes
// from uk/irq.hpp).
//
//   constinit uk::Mutex table_lock;
//   { uk::Guard<uk::Mutex> g(table_lock); ... }
#pragma once

#include <uk/condvar.h>
#include <uk/irq.hpp>
#include <uk/mutex.h>
#include <uk/plat.h>
#include <uk/semaphore.h>
#include <uk/spinlock.h>

namespace uk {

class Mutex {
public:
	constexpr Mutex() = default;
	Mutex(const Mutex &) = delete;
	Mutex &operator=(const Mutex &) = delete;
	void lock() { uk_mutex_lock(&m_); }
	[[nodiscard]] bool try_lock() { return uk_mutex_trylock(&m_); }
	void unlock() { uk_mutex_unlock(&m_); }
	uk_mutex *c_mutex() { return &m_; }

private:
	uk_mutex m_ = UK_MUTEX_INITIALIZER;
};

class Semaphore {
public:
	constexpr explicit Semaphore(long count = 0) : s_{count, UK_WAITQ_INITIALIZER} {}
	Semaphore(const Semaphore &) = delete;
	Semaphore &operator=(const Semaphore &) = delete;
	void down() { uk_semaphore_down(&s_); }
	[[nodiscard]] bool try_down() { return uk_semaphore_trydown(&s_); }
	void up() { uk_semaphore_up(&s_); }

private:
	uk_semaphore s_;
};

class SpinLock {
public:
	constexpr SpinLock() = default;
	SpinLock(const SpinLock &) = delete;
	SpinLock &operator=(const SpinLock &) = delete;
	void lock() { uk_spin_lock(&l_); }
	void unlock() { uk_spin_unlock(&l_); }

private:
	uk_spinlock l_ = UK_SPINLOCK_INITIALIZER;
};

static_assert(sizeof(Mutex) == sizeof(uk_mutex));
static_assert(sizeof(Semaphore) == sizeof(uk_semaphore));
static_assert(sizeof(SpinLock) == sizeof(uk_spinlock));

/** Holds a lock for its lifetime. */
template <typename Lock>
class [[nodiscard]] Guard {
public:
	explicit Guard(Lock &l) : l_(l) { l_.lock(); }
	~Guard() { l_.unlock(); }
	Guard(const Guard &) = delete;
	Guard &operator=(const Guard &) = delete;

private:
	Lock &l_;
};

}  // namespace uk
