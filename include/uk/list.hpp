// SPDX-License-Identifier: BSD-3-Clause
//
// Intrusive doubly linked list: the node lives inside the element, so
// linking never allocates. An element may be on several lists through
// several nodes.
//
//   struct Thread { uk::ListNode node_; ... };
//   uk::IntrusiveList<Thread, &Thread::node_> runq;
//
// Contract: an element is on at most one list per node; unlink before it
// is destroyed or linked elsewhere (UK_ASSERT checks both in debug).
#pragma once

#include <stddef.h>
#include <uk/assert.h>

namespace uk {

struct ListNode {
	ListNode *prev_ = nullptr;
	ListNode *next_ = nullptr;
	[[nodiscard]] bool linked() const { return next_ != nullptr; }
};

template <typename T, ListNode T::*Node>
class IntrusiveList {
public:
	constexpr IntrusiveList() { head_.prev_ = head_.next_ = &head_; }
	IntrusiveList(const IntrusiveList &) = delete;
	IntrusiveList &operator=(const IntrusiveList &) = delete;

	[[nodiscard]] bool empty() const { return head_.next_ == &head_; }
	[[nodiscard]] size_t size() const
	{
		size_t n = 0;
		for (const ListNode *p = head_.next_; p != &head_; p = p->next_)
			++n;
		return n;
	}

	void push_back(T &e) { insert_before(&head_, node_of(e)); }
	void push_front(T &e) { insert_before(head_.next_, node_of(e)); }

	/** @return the first element, or nullptr if empty. */
	[[nodiscard]] T *front() { return empty() ? nullptr : owner(head_.next_); }
	[[nodiscard]] T *back() { return empty() ? nullptr : owner(head_.prev_); }

	/** Unlinks and returns the first element, or nullptr if empty. */
	T *pop_front()
	{
		T *e = front();
		if (e)
			remove(*e);
		return e;
	}

	/** @return the element after @p e (which is on this list), or
	 * nullptr at the end. */
	[[nodiscard]] T *next(T &e)
	{
		ListNode *n = node_of(e)->next_;
		return n == &head_ ? nullptr : owner(n);
	}
	/** @return the element before @p e, or nullptr at the front. */
	[[nodiscard]] T *prev(T &e)
	{
		ListNode *n = node_of(e)->prev_;
		return n == &head_ ? nullptr : owner(n);
	}

	static void remove(T &e)
	{
		ListNode *n = node_of(e);
		UK_ASSERT(n->linked());
		n->prev_->next_ = n->next_;
		n->next_->prev_ = n->prev_;
		n->prev_ = n->next_ = nullptr;
	}

	class Iterator {
	public:
		Iterator(ListNode *n) : n_(n) {}
		T &operator*() const { return *owner(n_); }
		T *operator->() const { return owner(n_); }
		Iterator &operator++()
		{
			n_ = n_->next_;
			return *this;
		}
		bool operator!=(const Iterator &o) const { return n_ != o.n_; }

	private:
		ListNode *n_;
	};
	// NOTE: removing the current element invalidates the iterator; use
	// pop_front() loops to drain a list.
	Iterator begin() { return Iterator(head_.next_); }
	Iterator end() { return Iterator(&head_); }

private:
	static ListNode *node_of(T &e) { return &(e.*Node); }
	static T *owner(ListNode *n)
	{
		// offsetof for a pointer-to-member, without a null dereference:
		// the member's address inside an unconstructed T (folded to a
		// constant by the compiler).
		union Probe {
			char c;
			T t;
			Probe() : c(0) {}
			~Probe() {}
		} probe;
		auto off = reinterpret_cast<const char *>(&(probe.t.*Node)) -
			   reinterpret_cast<const char *>(&probe);
		return reinterpret_cast<T *>(reinterpret_cast<char *>(n) - off);
	}
	static void insert_before(ListNode *pos, ListNode *n)
	{
		UK_ASSERT(!n->linked());
		n->next_ = pos;
		n->prev_ = pos->prev_;
		pos->prev_->next_ = n;
		pos->prev_ = n;
	}

	ListNode head_;
};

}  // namespace uk
