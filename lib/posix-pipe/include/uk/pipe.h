/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Pipes in the descriptor table (uk/fdtab.h). posix-sys's pipe() and
 * pipe2() are this call with the libc's flags translated.
 */
#ifndef UK_PIPE_H
#define UK_PIPE_H

#include <uk/essentials.h>

UK_EXTERN_C_BEGIN

/** Writes of at most this many bytes are all or nothing (PIPE_BUF). */
#define UK_PIPE_BUF 4096

/**
 * Makes a pipe: @p fds[0] the read end, @p fds[1] the write end, both
 * the lowest free descriptors.
 * @param flags 0 or UK_O_NONBLOCK (both ends); UK_O_CLOEXEC is accepted
 *   and means nothing (there is no exec).
 * @return 0; -EINVAL (another flag), -EMFILE (fewer than two free
 *   descriptors), -ENFILE (no memory for the buffer).
 */
int uk_pipe_create(int fds[2], uint32_t flags);

UK_EXTERN_C_END

#endif /* UK_PIPE_H */
