# SPDX-License-Identifier: BSD-3-Clause
"""Boot cases that serve: start the image, wait until it says it is
ready, run client checks against it, stop it (boot_suite.py, "serve").

Each check is a function of this module's CHECKS table taking the
server's (address, port) (and, for those in WITH_OUTPUT, its output
lines so far) and returning None (passed) or the problem: by
default 127.0.0.1 and the host port QEMU forwards; with "address" in the
spec ("10.0.3.2:80") that address, reached from inside the case's network
namespace when it has one (the checks' thread enters it: setns). Checks use curl where a
user would (the page as curl fetches it) and plain sockets for what
curl cannot show (keep-alive, pipelining, a client that vanishes).
With QEMU's hostfwd the host port accepts connections before the guest
listens (ARCHITECTURE.md), so the checks run only after the ready line
and retry a refused or empty first request with a short timeout.
"""
import ctypes
import os
import re
import signal
import socket
import subprocess
import threading
import time

READY_TIMEOUT = 60
PAGE_MARK = b"Hello from httpreply"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _request(addr, data, timeout=10):
    """Sends data on one connection, reads until the peer closes."""
    with socket.create_connection(addr, timeout=timeout) as s:
        s.sendall(data)
        s.shutdown(socket.SHUT_WR)
        out = b""
        while True:
            b = s.recv(65536)
            if not b:
                return out
            out += b


def _read_response(s, buf):
    """One HTTP response (Content-Length framed) from socket s; returns
    (status line, body, rest of buf)."""
    while b"\r\n\r\n" not in buf:
        b = s.recv(65536)
        if not b:
            raise ConnectionError("closed before a response header")
        buf += b
    head, buf = buf.split(b"\r\n\r\n", 1)
    lines = head.split(b"\r\n")
    length = 0
    for l in lines[1:]:
        if l.lower().startswith(b"content-length:"):
            length = int(l.split(b":", 1)[1])
    while len(buf) < length:
        b = s.recv(65536)
        if not b:
            raise ConnectionError("closed inside a body")
        buf += b
    return lines[0], buf[:length], buf[length:]


def http_get(addr):
    """curl fetches the page (200, the page's text)."""
    last = ""
    for _ in range(10):
        r = subprocess.run(["curl", "-s", "-m", "5", "-w", "\n%{http_code}",
                            "http://%s:%d/" % addr], capture_output=True)
        body, _, code = r.stdout.rpartition(b"\n")
        if code == b"200" and PAGE_MARK in body:
            return None
        last = "curl exit %d, HTTP %s, %d bytes" % (r.returncode, code.decode(), len(body))
        time.sleep(0.5)
    return "no page: " + last


def http_keepalive(addr, n=20):
    """n requests on one connection, answered in order."""
    with socket.create_connection(addr, timeout=10) as s:
        buf = b""
        for i in range(n):
            s.sendall(b"GET /%d HTTP/1.1\r\nHost: t\r\n\r\n" % i)
            status, body, buf = _read_response(s, buf)
            if not status.startswith(b"HTTP/1.1 200") or PAGE_MARK not in body:
                return "request %d: %r" % (i, status)
    return None


def http_pipelined(addr):
    """Three requests in one write; the last asks to close."""
    r = _request(addr, b"GET /a HTTP/1.1\r\n\r\nHEAD /b HTTP/1.1\r\n\r\n"
                       b"GET /c HTTP/1.1\r\nConnection: close\r\n\r\n")
    if r.count(b"HTTP/1.1 200 OK") != 3 or r.count(PAGE_MARK) != 2:
        return "3 answers (2 with a body) expected, got: %r" % r[:300]
    return None


def http_concurrent(addr, clients=8, each=10):
    """clients connections at once, each with keep-alive requests."""
    problems = []

    def one(k):
        p = http_keepalive(addr, each)
        if p:
            problems.append("client %d: %s" % (k, p))
    threads = [threading.Thread(target=one, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return "; ".join(problems) or None


def http_disconnect_mid_request(addr):
    """A client that sends half a request and goes away does not stop
    the server: the next client is served."""
    for _ in range(3):
        with socket.create_connection(addr, timeout=5) as s:
            s.sendall(b"GET /half HTTP/1.1\r\nHo")
    time.sleep(0.2)
    return http_keepalive(addr, 2)


def http_errors(addr):
    """405 for POST, 400 for garbage."""
    r = _request(addr, b"POST / HTTP/1.1\r\nConnection: close\r\n\r\n")
    if not r.startswith(b"HTTP/1.1 405"):
        return "POST: %r" % r[:80]
    r = _request(addr, b"GARBAGE\r\n\r\n")
    if not r.startswith(b"HTTP/1.1 400"):
        return "garbage: %r" % r[:80]
    return None


def tcp_sink_counts(addr, mib=4):
    """tcpsink counts every byte of mib MiB and says so."""
    chunk = bytes(range(256)) * 256  # 64 KiB
    with socket.create_connection(addr, timeout=30) as s:
        for _ in range(mib * 16):
            s.sendall(chunk)
        s.shutdown(socket.SHUT_WR)
        reply = b""
        while True:
            b = s.recv(4096)
            if not b:
                break
            reply += b
    want = b"received %d bytes in " % (mib << 20)
    return None if reply.startswith(want) else "reply %r, expected %r..." % (reply, want)


def _wait_line(lines, want, start, timeout=10):
    """Index of the first line == want at or after start, or None."""
    end = time.time() + timeout
    while time.time() < end:
        for i in range(start, len(lines)):
            if lines[i] == want:
                return i
        time.sleep(0.05)
    return None


def tap_link_down_then_up(addr, lines, dev="tap0"):
    """The case's tap (in its namespace) goes down: the image must say
    "en0: link down"; up again: "en0: link up", and serve again."""
    problem = http_get(addr)
    if problem:
        return "before: " + problem
    for state in ("down", "up"):
        r = subprocess.run(["ip", "link", "set", dev, state], capture_output=True, text=True)
        if r.returncode != 0:
            return "ip link set %s %s: %s" % (dev, state, r.stderr.strip())
        if _wait_line(lines, "Info: [liblwip] en0: link " + state, len(lines) - 1) is None:
            return "no \"en0: link %s\" within 10 s of ip link set %s %s" % (state, dev, state)
    problem = http_get(addr)
    return "after: " + problem if problem else None


CHECKS = {f.__name__: f for f in (http_get, http_keepalive, http_pipelined, http_concurrent,
                                  http_disconnect_mid_request, http_errors, tcp_sink_counts,
                                  tap_link_down_then_up)}
# Checks that also read the server's output so far.
WITH_OUTPUT = {"tap_link_down_then_up"}


CLONE_NEWNET = 0x40000000


def enter_netns(name):
    """Moves the calling thread (and what it starts: threads, curl) into
    the network namespace `ip netns add name` made."""
    libc = ctypes.CDLL(None, use_errno=True)
    fd = os.open("/run/netns/" + name, os.O_RDONLY)
    try:
        if libc.setns(fd, CLONE_NEWNET) != 0:
            e = ctypes.get_errno()
            raise OSError(e, "setns into %s: %s" % (name, os.strerror(e)))
    finally:
        os.close(fd)


def _address(spec, port):
    if "address" not in spec:
        return ("127.0.0.1", port)
    host, _, p = spec["address"].rpartition(":")
    return (host, int(p))


def _run_checks(rep, name, spec, addr, netns, up, lines):
    why = None if up else "the server never said %r" % spec["ready"]
    if netns and not why:
        try:
            enter_netns(netns)
        except OSError as e:
            why = str(e)
    for check in spec["checks"]:
        full = "%s: %s" % (name, check)
        if not rep.wanted(full) and not rep.wanted(name):
            continue
        if why:
            rep.fail(full, "%s; its output:\n%s" % (why, "\n".join(lines)))
            continue
        try:
            problem = (CHECKS[check](addr, lines) if check in WITH_OUTPUT
                       else CHECKS[check](addr))
        except (OSError, ConnectionError) as e:
            problem = "%s: %s" % (type(e).__name__, e)
        rep.check(full, problem is None, "%s\n--- server output:\n%s" % (problem, "\n".join(lines)))


def _matches(line, want):
    return re.search(want[3:], line) if want.startswith("re:") else line == want


def serve(rep, name, cmd, spec, port, netns=None):
    """Runs the server case; reports each check; returns (status, output)
    of the image, which the runner stopped (status None)."""
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         stdin=subprocess.DEVNULL, start_new_session=True)
    lines, ready = [], threading.Event()

    def reader():
        for raw in p.stdout:
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            lines.append(line)
            if _matches(line, spec["ready"]):
                ready.set()
        ready.set()  # ended: stop waiting
    t = threading.Thread(target=reader, daemon=True)
    t.start()
    ready.wait(READY_TIMEOUT)
    up = p.poll() is None and any(_matches(l, spec["ready"]) for l in lines)
    # In a thread of their own: one that enters the case's namespace
    # leaves the runner's other threads where they are.
    checker = threading.Thread(target=_run_checks,
                               args=(rep, name, spec, _address(spec, port), netns, up, lines))
    checker.start()
    checker.join()
    status = p.poll()
    try:
        os.killpg(p.pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    try:
        p.wait(10)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        p.wait()
    t.join(5)
    return status, "\n".join(lines)
