// SPDX-License-Identifier: BSD-3-Clause
//
// Starts lwIP at boot (init class SYS, priority 0): the tcpip thread runs
// before any driver attaches a network interface (priorities 1-9) and
// before main(). LWIP_RAND is drawn from the libc's arc4random(), which
// seeds itself from getentropy().

#include <lwip/tcpip.h>

#include <stdlib.h>

#include <uk/init.h>
#include <uk/semaphore.h>

namespace {

void started(void *arg) { uk_semaphore_up(static_cast<uk_semaphore *>(arg)); }

int lwip_start(void)
{
	uk_semaphore up;
	uk_semaphore_init(&up, 0);
	tcpip_init(started, &up);
	uk_semaphore_down(&up);
	return 0;
}

}  // namespace

extern "C" unsigned int uk_lwip_rand(void) { return arc4random(); }

uk_sys_initcall_prio(lwip_start, 0);
