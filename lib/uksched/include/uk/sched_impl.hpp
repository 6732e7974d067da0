// SPDX-License-Identifier: BSD-3-Clause
//
// The thread as the scheduler core and policies see it (C++ only).
// Applications use the opaque struct uk_thread through uk/sched.h.
#pragma once

#include <uk/arch/ctx.h>
#include <uk/list.hpp>
#include <uk/sched.h>
#include <uk/time.h>
#include <uk/wait.h>

struct uk_alloc;

namespace uk::sched {

enum class ThreadState : uint8_t {
	kRunnable, // queued in the policy, or running
	kBlocked,  // waiting for uk_thread_wake() or its deadline
	kExited,   // finished; waiting to be joined or reaped
};

}  // namespace uk::sched

struct uk_thread {
	ukarch_ctx ctx;                 // saved while not running
	uk::ListNode runq_node;         // owned by the policy while runnable
	uk::ListNode all_node;          // every live thread (debugging, hooks)
	uk_thread *wq_prev, *wq_next;   // links while on a uk_waitq
	uk_waitq *waiting_on;           // that queue, or null
	uk_timer timer;                 // deadline of a blocking wait
	const char *name;
	uk::sched::ThreadState state;
	bool timed_out;                 // the last block ended by its deadline
	bool detached;
	bool owns_stack;                // false for "main" (the boot stack)
	bool stack_guarded;
	void *stack;                    // lowest address (the guard page)
	size_t stack_size;
	uk_thread_fn_t fn;
	void *arg;
	uk_waitq joiners;
	uk_alloc *alloc;                // where the thread and stack came from
	void *slots[UK_THREAD_SLOTS];
};
