// SPDX-License-Identifier: BSD-3-Clause
//
// The cooperative policy's run queue: FIFO through the threads' own
// runq_node (no allocation). Round robin follows from the core putting a
// yielding thread at the tail.
#pragma once

#include <uk/sched_impl.hpp>

namespace uk::schedcoop {

class RunQueue {
public:
	constexpr RunQueue() = default;
	RunQueue(const RunQueue &) = delete;
	RunQueue &operator=(const RunQueue &) = delete;

	void enqueue(uk_thread *t) { queue_.push_back(*t); }
	uk_thread *dequeue() { return queue_.pop_front(); }
	[[nodiscard]] bool has_runnable() const { return !queue_.empty(); }

private:
	IntrusiveList<uk_thread, &uk_thread::runq_node> queue_;
};

}  // namespace uk::schedcoop
