# SPDX-License-Identifier: BSD-3-Clause
"""Boot tests: every app with a test.json is built for each defconfig the
file names, started, and its console output and exit status checked.

test.json:
  {"linuxu-x86_64": [
     {"name": "greets", "args": ["a", "b c"],
      "expect": ["Hello world!", "re:^Arg"],  # whole lines in this order,
                                              # or re:<regex>; @IMAGE@: image
                                              # path, @SRC@: app folder;
                                              # args: @NOW@ is the host time (s)
      "exit": 0}]}
"""
import json
import os
import re
import subprocess
import time

import images

TIMEOUT = 60


def start(image, plat, args):
    """Runs an image to its end; returns (status, output) or raises
    NotImplementedError for platforms this machine cannot start."""
    if plat == "linuxu":
        r = subprocess.run([image] + args, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=TIMEOUT)
        return r.returncode, r.stdout.decode("utf-8", "replace")
    raise NotImplementedError("no runner for platform %s yet" % plat)


def line_matches(line, want):
    """Whole-line match; "re:<regex>" entries are regular expressions
    searched in the line."""
    if want.startswith("re:"):
        return re.search(want[3:], line) is not None
    return line == want


def lines_in_order(output, expected):
    """Each expected line must appear, in this order."""
    lines = output.splitlines()
    pos = 0
    for want in expected:
        while pos < len(lines) and not line_matches(lines[pos], want):
            pos += 1
        if pos == len(lines):
            return "missing line (in order): %r" % want
        pos += 1
    return None


def run(root, out, rep, jobs):
    for app in images.app_dirs(root):
        spec_file = os.path.join(app, "test.json")
        if not os.path.isfile(spec_file):
            continue
        with open(spec_file) as f:
            spec = json.load(f)
        for dc, cases in sorted(spec.items()):
            prefix = "boot %s %s" % (os.path.relpath(app, root), dc)
            wanted = [c for c in cases if rep.wanted("%s: %s" % (prefix, c["name"]))]
            if not wanted:
                continue
            ok, log, image = images.build(root, out, app, dc, jobs)
            if not ok:
                for c in wanted:
                    rep.fail("%s: %s" % (prefix, c["name"]), "build failed\n" + log)
                continue
            plat = images.read_config(os.path.join(os.path.dirname(image), ".config"))["CONFIG_UK_PLAT"]
            for c in wanted:
                name = "%s: %s" % (prefix, c["name"])
                try:
                    args = [a.replace("@NOW@", str(int(time.time()))) for a in c.get("args", [])]
                    status, output = start(image, plat, args)
                except NotImplementedError as e:
                    rep.skip(name, str(e))
                    continue
                except subprocess.TimeoutExpired:
                    rep.fail(name, "no exit within %d s" % TIMEOUT)
                    continue
                expect = [e.replace("@IMAGE@", image).replace("@SRC@", app)
                          for e in c.get("expect", [])]
                problem = lines_in_order(output, expect)
                if problem is None and status != c.get("exit", 0):
                    problem = "exit status %d, expected %d" % (status, c.get("exit", 0))
                for bad in c.get("forbid", []):
                    if problem is None and bad in output:
                        problem = "output contains %r" % bad
                rep.check(name, problem is None,
                          "%s\n--- output (status %d):\n%s" % (problem, status, output))
