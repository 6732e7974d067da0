// SPDX-License-Identifier: BSD-3-Clause
//
// lwIP's sys_arch (NO_SYS=0) on uksched, uklock and the platform clock.
// Timeouts are lwIP's: milliseconds, 0 meaning "forever"; a wait returns
// the milliseconds it took, or SYS_ARCH_TIMEOUT. Everything here runs in
// thread context (lwIP calls none of it from interrupt handlers).

#include <lwip/err.h>
#include <lwip/sys.h>

#include <stdlib.h>

#include <uk/errno.h>
#include <uk/plat.h>
#include <uk/sched.h>

namespace {

constexpr uint64_t kNsPerMs = 1000000;
constexpr int kMinMboxSize = 16;

uint64_t now_ns() { return ukplat_monotonic_clock(); }

uint64_t deadline_of(u32_t timeout_ms) { return now_ns() + uint64_t{timeout_ms} * kNsPerMs; }

// The milliseconds since t0, as lwIP wants them back (never the timeout
// marker itself).
u32_t waited_ms(uint64_t t0)
{
	uint64_t ms = (now_ns() - t0) / kNsPerMs;
	return ms >= SYS_ARCH_TIMEOUT ? SYS_ARCH_TIMEOUT - 1 : static_cast<u32_t>(ms);
}

// Down on @p s, forever (0) or until @p timeout_ms.
u32_t down(uk_semaphore *s, u32_t timeout_ms)
{
	uint64_t t0 = now_ns();
	if (timeout_ms == 0) {
		uk_semaphore_down(s);
		return waited_ms(t0);
	}
	if (uk_semaphore_down_until(s, deadline_of(timeout_ms)) < 0)
		return SYS_ARCH_TIMEOUT;
	return waited_ms(t0);
}

}  // namespace

extern "C" {

void sys_init(void) {}

u32_t sys_now(void) { return static_cast<u32_t>(now_ns() / kNsPerMs); }

err_t sys_sem_new(sys_sem_t *s, u8_t count)
{
	uk_semaphore_init(&s->sem, count);
	s->valid = 1;
	return ERR_OK;
}

void sys_sem_free(sys_sem_t *s) { s->valid = 0; }

void sys_sem_signal(sys_sem_t *s) { uk_semaphore_up(&s->sem); }

u32_t sys_arch_sem_wait(sys_sem_t *s, u32_t timeout) { return down(&s->sem, timeout); }

err_t sys_mutex_new(sys_mutex_t *m)
{
	uk_mutex_init(&m->mutex);
	m->valid = 1;
	return ERR_OK;
}

void sys_mutex_free(sys_mutex_t *m) { m->valid = 0; }

void sys_mutex_lock(sys_mutex_t *m) { uk_mutex_lock(&m->mutex); }

void sys_mutex_unlock(sys_mutex_t *m) { uk_mutex_unlock(&m->mutex); }

err_t sys_mbox_new(sys_mbox_t *b, int size)
{
	if (size < kMinMboxSize)
		size = kMinMboxSize;
	b->ring = static_cast<void **>(malloc(sizeof(void *) * static_cast<size_t>(size)));
	if (!b->ring)
		return ERR_MEM;
	b->size = size;
	b->head = b->tail = 0;
	uk_semaphore_init(&b->items, 0);
	uk_semaphore_init(&b->spaces, size);
	b->valid = 1;
	return ERR_OK;
}

void sys_mbox_free(sys_mbox_t *b)
{
	free(b->ring);
	b->ring = nullptr;
	b->valid = 0;
}

static void mbox_put(sys_mbox_t *b, void *msg)
{
	b->ring[b->tail] = msg;
	b->tail = (b->tail + 1) % b->size;
	uk_semaphore_up(&b->items);
}

static void *mbox_take(sys_mbox_t *b)
{
	void *msg = b->ring[b->head];
	b->head = (b->head + 1) % b->size;
	uk_semaphore_up(&b->spaces);
	return msg;
}

void sys_mbox_post(sys_mbox_t *b, void *msg)
{
	uk_semaphore_down(&b->spaces);
	mbox_put(b, msg);
}

err_t sys_mbox_trypost(sys_mbox_t *b, void *msg)
{
	if (!uk_semaphore_trydown(&b->spaces))
		return ERR_MEM;
	mbox_put(b, msg);
	return ERR_OK;
}

// NOTE: lwIP calls this only from drivers that post from interrupt
// handlers; ours do not (handlers may not wake threads). Same as trypost.
err_t sys_mbox_trypost_fromisr(sys_mbox_t *b, void *msg) { return sys_mbox_trypost(b, msg); }

u32_t sys_arch_mbox_fetch(sys_mbox_t *b, void **msg, u32_t timeout)
{
	u32_t waited = down(&b->items, timeout);
	if (waited == SYS_ARCH_TIMEOUT)
		return SYS_ARCH_TIMEOUT;
	void *m = mbox_take(b);
	if (msg)
		*msg = m;
	return waited;
}

u32_t sys_arch_mbox_tryfetch(sys_mbox_t *b, void **msg)
{
	if (!uk_semaphore_trydown(&b->items))
		return SYS_MBOX_EMPTY;
	void *m = mbox_take(b);
	if (msg)
		*msg = m;
	return 0;
}

sys_thread_t sys_thread_new(const char *name, lwip_thread_fn fn, void *arg, int stacksize, int prio)
{
	(void)prio; // one cooperative policy: no priorities
	uk_thread_attr attr{};
	attr.stack_size = stacksize > 0 ? static_cast<size_t>(stacksize) : 0;
	attr.detached = 1;
	uk_thread *t = uk_thread_create_attr(name, &attr, fn, arg);
	LWIP_ASSERT("sys_thread_new: out of memory", t != nullptr);
	return t;
}

sys_prot_t sys_arch_protect(void) { return ukplat_lcpu_save_irqf(); }

void sys_arch_unprotect(sys_prot_t f) { ukplat_lcpu_restore_irqf(f); }

}  // extern "C"
