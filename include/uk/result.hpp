// SPDX-License-Identifier: BSD-3-Clause
//
// Errors as values: Result<T> holds a T or a negative errno. Converted to
// "0 / -errno" (or NULL) at the C edge of a library.
//
//   uk::Result<Node *> find(...);
//   UK_TRY(Node *n, find(...));   // returns the error to our caller
#pragma once

#include <new>
#include <type_traits>
#include <utility>
#include <uk/assert.h>

namespace uk {

/** A negative errno, spelled as a type so Result's constructors are clear. */
struct Error {
	int code;  // < 0
};

template <typename T>
class [[nodiscard]] Result {
public:
	Result(T value) : ok_(true) { new (&value_) T(std::move(value)); }
	Result(Error e) : ok_(false), error_(e.code) { UK_ASSERT(e.code < 0); }
	Result(const Result &) = delete;
	Result(Result &&o) : ok_(o.ok_), error_(o.error_)
	{
		if (ok_)
			new (&value_) T(std::move(o.value_));
	}
	~Result()
	{
		if (ok_)
			value_.~T();
	}

	[[nodiscard]] bool ok() const { return ok_; }
	/** @return the negative errno; only valid when !ok(). */
	[[nodiscard]] int error() const { UK_ASSERT(!ok_); return error_; }
	T &value() { UK_ASSERT(ok_); return value_; }
	T take() { UK_ASSERT(ok_); return std::move(value_); }

private:
	bool ok_;
	int error_ = 0;
	union {
		T value_;
	};
};

/** Result of an operation without a value: 0 or a negative errno. */
template <>
class [[nodiscard]] Result<void> {
public:
	Result() = default;
	Result(Error e) : error_(e.code) { UK_ASSERT(e.code < 0); }
	[[nodiscard]] bool ok() const { return error_ == 0; }
	[[nodiscard]] int error() const { return error_; }

private:
	int error_ = 0;
};

}  // namespace uk

#define UK_TRY_CONCAT_(a, b) a##b
#define UK_TRY_NAME_(line) UK_TRY_CONCAT_(uk_try_result_, line)
/** Evaluates expr (a Result); on error returns uk::Error to the caller,
 * otherwise declares `decl` with the value. */
#define UK_TRY(decl, expr)                                                   \
	auto UK_TRY_NAME_(__LINE__) = (expr);                                \
	if (!UK_TRY_NAME_(__LINE__).ok())                                    \
		return ::uk::Error{UK_TRY_NAME_(__LINE__).error()};          \
	decl = UK_TRY_NAME_(__LINE__).take()
