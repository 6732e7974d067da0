// SPDX-License-Identifier: BSD-3-Clause
//
// The image is one process, pid 1, with no children and no asynchronous
// signals. Signal handlers live in newlib's own table (signal(), raise()
// in libc/signal/signal.c); sigaction() is a front end to it so both
// agree. A signal that reaches kill() with its default action stops the
// image (see kill below).

#include "posix_sys.hpp"

#include <uk/plat.h>

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

using uk::posix::fail;

namespace {

constexpr pid_t kPid = 1;

// sigprocmask()'s mask: kept so that callers read back what they set.
// Nothing is delivered asynchronously, so it blocks nothing.
constinit sigset_t signal_mask = 0;

// Default action "ignore" (POSIX), plus the job-control stops: with no
// shell to continue the image, stopping it would only hang it.
bool default_ignored(int sig)
{
	switch (sig) {
	case SIGCHLD: case SIGURG: case SIGWINCH: case SIGCONT:
	case SIGSTOP: case SIGTSTP: case SIGTTIN: case SIGTTOU:
		return true;
	default:
		return false;
	}
}

}  // namespace

// The empty environment. Defined here (newlib's environ.o is then not
// linked) so that a later command-line or config environment has one
// owner; getenv()/setenv() are newlib's and work on it.
namespace {
constinit char *empty_environment[1] = {nullptr};
}  // namespace
extern "C" {
char **environ = empty_environment;
}

extern "C" pid_t getpid(void) { return kPid; }
UK_POSIX_ALIAS(getpid);

// kill(own pid or group, sig) with no handler to run (raise() already ran
// a handler or ignored SIG_IGN): signal 0 and ignored signals return 0,
// any other signal terminates the image with UKPLAT_CRASH_STATUS (127),
// the status of a crash and of nolibc's abort(). Not 128 + sig like a
// shell: QEMU's isa-debug-exit keeps 7 bits, so 134 (SIGABRT) would
// reach the test runner as 6 on KVM and as 134 on linuxu.
extern "C" int kill(pid_t pid, int sig)
{
	if (sig < 0 || sig >= NSIG)
		return fail(EINVAL);
	if (pid != kPid && pid != 0 && pid != -1)  // self, own group, all
		return fail(ESRCH);
	if (sig == 0 || default_ignored(sig))
		return 0;
	fflush(nullptr);  // what the program printed before abort() is kept
	char msg[48];
	int n = snprintf(msg, sizeof(msg), "posix-sys: killed by signal %d\n", sig);
	ukplat_coutk(msg, static_cast<size_t>(n));
	ukplat_terminate(UKPLAT_CRASH_STATUS);
}
UK_POSIX_ALIAS(kill);

// newlib's exit() has run atexit handlers and flushed stdio already.
extern "C" void _exit(int status) { ukplat_terminate(status); }

extern "C" int sigaction(int sig, const struct sigaction *act, struct sigaction *old)
{
	if (sig <= 0 || sig >= NSIG || ((sig == SIGKILL || sig == SIGSTOP) && act))
		return fail(EINVAL);
	_sig_func_ptr prev;
	if (act) {
		prev = signal(sig, act->sa_handler);
	} else {
		prev = signal(sig, SIG_DFL);  // read by swapping twice
		signal(sig, prev);
	}
	if (prev == SIG_ERR)
		return -1;  // errno set by signal()
	if (old) {
		memset(old, 0, sizeof(*old));
		old->sa_handler = prev;
	}
	return 0;
}

extern "C" int sigprocmask(int how, const sigset_t *set, sigset_t *old)
{
	if (old)
		*old = signal_mask;
	if (!set)
		return 0;
	switch (how) {
	case SIG_BLOCK: signal_mask |= *set; return 0;
	case SIG_UNBLOCK: signal_mask &= ~*set; return 0;
	case SIG_SETMASK: signal_mask = *set; return 0;
	default: return fail(EINVAL);
	}
}

// No second process can exist: creating or waiting for one fails.
extern "C" pid_t fork(void) { return fail(ENOSYS); }
extern "C" pid_t vfork(void) { return fail(ENOSYS); }
extern "C" int execve(const char *, char *const[], char *const[]) { return fail(ENOSYS); }
extern "C" pid_t wait(int *) { return fail(ECHILD); }
extern "C" pid_t waitpid(pid_t, int *, int) { return fail(ECHILD); }
UK_POSIX_ALIAS(fork);
UK_POSIX_ALIAS(execve);
UK_POSIX_ALIAS(wait);
