/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * lwIP's operating-system types (NO_SYS=0) on Tessera: semaphores and
 * mutexes are uklock's, a mailbox is a ring of pointers between two
 * semaphores, threads are uksched's. Implemented in sys_arch.cpp.
 */
#ifndef TESSERA_LWIP_ARCH_SYS_ARCH_H
#define TESSERA_LWIP_ARCH_SYS_ARCH_H

#include <uk/mutex.h>
#include <uk/semaphore.h>

struct uk_thread;

typedef struct {
	struct uk_semaphore sem;
	int valid;
} sys_sem_t;

typedef struct {
	struct uk_mutex mutex;
	int valid;
} sys_mutex_t;

typedef struct {
	void **ring;
	int size;
	int head; /* next to fetch */
	int tail; /* next free slot */
	struct uk_semaphore items;  /* messages in the ring */
	struct uk_semaphore spaces; /* free slots */
	int valid;
} sys_mbox_t;

typedef struct uk_thread *sys_thread_t;
typedef unsigned long sys_prot_t;

#define sys_sem_valid(s) ((s) != NULL && (s)->valid)
#define sys_sem_set_invalid(s) ((s)->valid = 0)
#define sys_mutex_valid(m) ((m) != NULL && (m)->valid)
#define sys_mutex_set_invalid(m) ((m)->valid = 0)
#define sys_mbox_valid(b) ((b) != NULL && (b)->valid)
#define sys_mbox_set_invalid(b) ((b)->valid = 0)

#endif /* TESSERA_LWIP_ARCH_SYS_ARCH_H */
