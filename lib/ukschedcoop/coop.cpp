// SPDX-License-Identifier: BSD-3-Clause
//
// Registers the cooperative round-robin policy with the scheduler core.

#include <uk/init.h>
#include <uk/sched.h>

#include "runqueue.hpp"

namespace uk::schedcoop {
namespace {

constinit RunQueue runq;

void enqueue(uk_sched_policy *, uk_thread *t) { runq.enqueue(t); }
uk_thread *dequeue(uk_sched_policy *) { return runq.dequeue(); }
int has_runnable(uk_sched_policy *) { return runq.has_runnable(); }

constinit uk_sched_policy coop_policy = {"coop", enqueue, dequeue, has_runnable};

int coop_register() { return uk_sched_policy_register(&coop_policy); }
// Before the scheduler core starts (early, priority 5).
uk_early_initcall_prio(coop_register, 0);

}  // namespace
}  // namespace uk::schedcoop
