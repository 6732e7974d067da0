// SPDX-License-Identifier: BSD-3-Clause
//
// Sockets as files (socket.cpp), for the POSIX calls (posix_socket.cpp).
#pragma once

#include <sys/socket.h>

#include <uk/fdtab.h>

namespace uk::lwip {

/** A socket in the descriptor table: the file and its lwIP socket. */
struct SockFile {
	uk_file file;
	int s;
};

/**
 * Puts lwIP socket @p s under a new descriptor (the table owns it; its
 * release closes @p s). @return the descriptor, or -1 with errno
 * (ENOMEM, EMFILE: @p s is closed then).
 */
int install(int s, bool nonblock);

/** A descriptor's socket for the length of a call (a reference on the
 * file); !ok() with errno EBADF or ENOTSOCK otherwise. */
class Sock {
public:
	explicit Sock(int fd);
	~Sock();
	Sock(const Sock &) = delete;
	Sock &operator=(const Sock &) = delete;

	bool ok() const { return file_ != nullptr; }
	int s() const;
	bool nonblocking() const;
	void sync_blocking() const;

private:
	uk_file *file_;
};

}  // namespace uk::lwip
