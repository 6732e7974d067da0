// SPDX-License-Identifier: BSD-3-Clause
//
// Thread lifecycle: stacks (with guard pages), creation, exit, join,
// detached threads, per-thread hooks and slots.

#include <uk/config.h>
#include <uk/alloc.h>
#include <uk/arch/lcpu.h>
#include <uk/assert.h>
#include <uk/errno.h>
#include <uk/plat.h>
#include <uk/print.h>

#include "sched.hpp"

namespace uk::sched {

constinit unsigned int live_threads = 1; // "main"

namespace {

inline constexpr size_t kDefaultStack = size_t{CONFIG_LIBUKSCHED_STACK_SIZE} * 1024;
inline constexpr bool kGuard = UK_IS_ENABLED(CONFIG_LIBUKSCHED_STACK_GUARD);
inline constexpr size_t kPage = UKARCH_PAGE_SIZE;

constinit IntrusiveList<uk_thread, &uk_thread::all_node> all_threads;
// Detached threads that exited; freed by the next thread that runs
// (an exiting thread cannot free the stack it is running on).
constinit IntrusiveList<uk_thread, &uk_thread::all_node> zombies;
constinit uk_thread_hooks *hooks = nullptr;

void thread_entry(void *arg)
{
	auto *t = static_cast<uk_thread *>(arg);
	t->fn(t->arg);
	uk_thread_exit();
}

}  // namespace

void reap_zombies()
{
	for (uk_thread *z = zombies.front(); z; z = zombies.front()) {
		if (z == current_thread)
			return;
		zombies.remove(*z);
		thread_free(z);
	}
}

namespace {

const char *state_name(ThreadState s)
{
	switch (s) {
	case ThreadState::kRunnable: return "runnable";
	case ThreadState::kBlocked: return "blocked";
	default: return "exited";
	}
}

}  // namespace

uk_thread *thread_alloc(const char *name, const uk_thread_attr *attr,
			uk_thread_fn_t fn, void *arg)
{
	uk_alloc *a = uk_alloc_get_default();
	if (!a)
		return nullptr;
	size_t size = attr && attr->stack_size ? attr->stack_size : kDefaultStack;
	size = UK_ALIGN_UP(size + (kGuard ? kPage : 0), kPage);
	auto *t = static_cast<uk_thread *>(uk_calloc(a, 1, sizeof(uk_thread)));
	if (!t)
		return nullptr;
	void *stack = uk_palloc(a, size / kPage);
	if (!stack) {
		uk_free(a, t);
		return nullptr;
	}
	t->name = name ? name : "(unnamed)";
	t->alloc = a;
	t->stack = stack;
	t->stack_size = size;
	t->owns_stack = true;
	if constexpr (kGuard)
		t->stack_guarded = ukplat_page_guard(stack, kPage) == 0;
	t->fn = fn;
	t->arg = arg;
	t->detached = attr && attr->detached;
	t->state = ThreadState::kRunnable;
	uk_timer_init(&t->timer, on_block_timeout, t);
	ukarch_ctx_init(&t->ctx, static_cast<char *>(stack) + size, thread_entry, t);
	return t;
}

void thread_free(uk_thread *t)
{
	if (t->owns_stack) {
		if (t->stack_guarded)
			ukplat_page_unguard(t->stack, kPage);
		uk_pfree(t->alloc, t->stack, t->stack_size / kPage);
	}
	uk_free(t->alloc, t);
}

int thread_hooks_init(uk_thread *t)
{
	all_threads.push_back(*t);
	for (uk_thread_hooks *h = hooks; h; h = h->next) {
		int rc = h->init ? h->init(t) : 0;
		if (rc < 0) {
			for (uk_thread_hooks *u = hooks; u != h; u = u->next)
				if (u->fini)
					u->fini(t);
			all_threads.remove(*t);
			return rc;
		}
	}
	return 0;
}

void thread_hooks_fini(uk_thread *t)
{
	for (uk_thread_hooks *h = hooks; h; h = h->next)
		if (h->fini)
			h->fini(t);
}

void print_blocked_threads()
{
	for (uk_thread &t : all_threads)
		uk_pr_crit("  thread %s: %s%s\n", t.name, state_name(t.state),
			   t.waiting_on ? " on a wait queue" : "");
}

}  // namespace uk::sched

using namespace uk::sched;

extern "C" struct uk_thread *uk_thread_create_attr(const char *name,
						   const struct uk_thread_attr *attr,
						   uk_thread_fn_t fn, void *arg)
{
	uk_thread *t = thread_alloc(name, attr, fn, arg);
	if (!t)
		return nullptr;
	if (thread_hooks_init(t) < 0) {
		thread_free(t);
		return nullptr;
	}
	++live_threads;
	policy->enqueue(policy, t);
	return t;
}

extern "C" struct uk_thread *uk_thread_create(const char *name, uk_thread_fn_t fn, void *arg)
{
	return uk_thread_create_attr(name, nullptr, fn, arg);
}

extern "C" void uk_thread_exit(void)
{
	uk_thread *t = current_thread;
	thread_hooks_fini(t);
	all_threads.remove(*t);
	t->state = ThreadState::kExited;
	--live_threads;
	uk_waitq_wake_all(&t->joiners);
	if (t->detached)
		zombies.push_back(*t);
	schedule();
	UK_CRASH("exited thread %s was scheduled again", t->name);
}

extern "C" int uk_thread_join(struct uk_thread *t)
{
	if (t == current_thread)
		return -UK_EDEADLK;
	if (t->detached)
		return -UK_EINVAL;
	while (t->state != ThreadState::kExited)
		uk_waitq_wait(&t->joiners, UK_TIME_NEVER);
	thread_free(t);
	return 0;
}

extern "C" const char *uk_thread_name(const struct uk_thread *t) { return t->name; }

extern "C" void *uk_thread_slot_get(const struct uk_thread *t, unsigned int slot)
{
	UK_ASSERT(slot < UK_THREAD_SLOTS);
	return t->slots[slot];
}

extern "C" void uk_thread_slot_set(struct uk_thread *t, unsigned int slot, void *value)
{
	UK_ASSERT(slot < UK_THREAD_SLOTS);
	t->slots[slot] = value;
}

extern "C" int uk_thread_hooks_register(struct uk_thread_hooks *h)
{
	h->next = hooks;
	hooks = h;
	if (!h->init)
		return 0;
	for (uk_thread &t : all_threads) {
		int rc = h->init(&t);
		if (rc < 0)
			return rc;
	}
	return 0;
}

namespace uk::sched {
namespace {
constexpr char kGuardPrefix[] = "in the stack guard page of thread ";
constexpr char kGuardSuffix[] = " (stack overflow)";
// Written only on the way to a crash report: no allocation there.
constinit char fault_text[sizeof(kGuardPrefix) + 32 + sizeof(kGuardSuffix)];
}  // namespace
}  // namespace uk::sched

// Crash reports: name the thread whose stack guard page was hit.
extern "C" const char *uk_fault_describe(uintptr_t addr)
{
	const char *kPrefix = kGuardPrefix, *kSuffix = kGuardSuffix;
	char *text = fault_text;
	for (uk_thread &t : all_threads) {
		auto lo = reinterpret_cast<uintptr_t>(t.stack);
		if (!t.stack_guarded || addr < lo || addr >= lo + kPage)
			continue;
		size_t n = 0;
		for (const char *p = kPrefix; *p; ++p)
			text[n++] = *p;
		for (const char *p = t.name; *p && n < sizeof(kGuardPrefix) + 31; ++p)
			text[n++] = *p;
		for (const char *p = kSuffix; *p; ++p)
			text[n++] = *p;
		text[n] = 0;
		return text;
	}
	return nullptr;
}
