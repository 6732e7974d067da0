# SPDX-License-Identifier: BSD-3-Clause
"""A boot case's "same_as_host": the program's output in the image must
be the output of the same sources built for Linux, line for line.

  "same_as_host": {
    "build": ["@SRC@/tests/build-host-lua", "@BUILD@"],  # makes the host program
    "cmd": ["@BUILD@/lua-host", "suite.lua", "@BUILD@/scratch.txt"],
    "cwd": "@SRC@/rootfs",                               # default: the app folder
    "env": {"TZ": "UTC"},                                # added to the environment
    "between": ["--- begin", "--- end"]}                 # the lines compared

@SRC@ is the app folder, @BUILD@ the image's build folder. The host
program's standard output (its standard error is not compared: the
image has one console for both) and exit status are compared with the
image's console from the first "between" line to the second; console
lines lose a trailing CR. The image's own exit status is checked as for
any case ("exit")."""
import difflib
import os
import subprocess

TIMEOUT = 60


def between(text, first, last):
    """The lines from first to last (both included), or None when either
    is missing."""
    lines = [l.rstrip("\r") for l in text.splitlines()]
    try:
        a = lines.index(first)
        b = lines.index(last, a + 1)
    except ValueError:
        return None
    return lines[a:b + 1]


def check(spec, app, build_dir, output, status):
    """None when the image's output is the host program's, else what
    differs."""
    sub = lambda s: s.replace("@SRC@", app).replace("@BUILD@", build_dir)
    if "build" in spec:
        r = subprocess.run([sub(a) for a in spec["build"]], stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True, timeout=TIMEOUT * 5)
        if r.returncode != 0:
            return "building the host program failed:\n" + r.stdout
    env = dict(os.environ, **spec.get("env", {}))
    host = subprocess.run([sub(a) for a in spec["cmd"]], cwd=sub(spec.get("cwd", "@SRC@")),
                          env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                          text=True, timeout=TIMEOUT)
    first, last = spec["between"]
    want = between(host.stdout, first, last)
    if want is None:
        return "the host program printed no %r ... %r block (status %d)" % (
            first, last, host.returncode)
    got = between(output, first, last)
    if got is None:
        return "the image printed no %r ... %r block" % (first, last)
    if got != want:
        # The first difference on the first line (reports keep it).
        i = next((k for k, (a, b) in enumerate(zip(want, got)) if a != b), min(len(want), len(got)))
        first_diff = "line %d of the block: Linux %r, image %r" % (
            i + 1, want[i] if i < len(want) else "<none>", got[i] if i < len(got) else "<none>")
        diff = difflib.unified_diff(want, got, "Linux", "image", n=1, lineterm="")
        return "output differs from Linux's at %s\n%s" % (first_diff, "\n".join(list(diff)[:40]))
    if status != host.returncode:
        return "exit status %s, Linux's %d" % (status, host.returncode)
    return None
