# SPDX-License-Identifier: BSD-3-Clause
"""Host GoogleTest suites: every folder with a host.mk."""
import json
import os
import re
import subprocess

SEARCH = ("arch", "include", "lib", "plat", "support")


def find_test_dirs(root):
    found = []
    for top in SEARCH:
        for d, subdirs, files in os.walk(os.path.join(root, top)):
            subdirs[:] = sorted(s for s in subdirs if s != "build")
            if "host.mk" in files:
                found.append(d)
    return sorted(found)


def skip_reasons(stdout):
    """GTEST_SKIP() messages by "Suite.Case" (the JSON report omits them):
    the line after "<file>:<line>: Skipped" inside the case's output."""
    reasons, current, lines = {}, None, stdout.splitlines()
    for i, line in enumerate(lines):
        m = re.match(r"\[ RUN      \] (\S+)", line)
        if m:
            current = m.group(1)
        elif line.endswith(": Skipped") and current and i + 1 < len(lines):
            reasons[current] = lines[i + 1].strip()
    return reasons


def run(root, out, rep, jobs):
    if not os.path.exists("/usr/lib/x86_64-linux-gnu/libgtest.a") and \
            not os.path.exists("/usr/lib/libgtest.a"):
        rep.skip("host", "GoogleTest is not installed: apt-get install libgtest-dev libgmock-dev")
        return
    hostout = os.path.join(out, "hosttest")
    for d in find_test_dirs(root):
        rel = os.path.relpath(d, root)
        if not rep.wanted(rel) and not rep.name_filter.startswith(rel):
            continue
        mk = ["make", "-s", "-j%d" % jobs, "-f", os.path.join(root, "support/build/hosttest.mk"),
              "T=" + d, "O=" + hostout]
        b = subprocess.run(mk, cwd=root, capture_output=True, text=True)
        if b.returncode != 0:
            rep.fail("host %s (build)" % rel, b.stdout + b.stderr)
            continue
        binary = subprocess.run(mk + ["print-binary"], cwd=root, capture_output=True,
                                text=True).stdout.strip()
        report_file = binary + ".json"
        if os.path.exists(report_file):
            os.unlink(report_file)
        r = subprocess.run([binary, "--gtest_output=json:" + report_file],
                           capture_output=True, text=True, timeout=600)
        if not os.path.exists(report_file):
            rep.fail("host %s (crashed, status %d)" % (rel, r.returncode),
                     r.stdout + r.stderr)
            continue
        with open(report_file) as f:
            data = json.load(f)
        reasons = skip_reasons(r.stdout)
        case_failed = False
        for suite in data.get("testsuites", []):
            for case in suite.get("testsuite", []):
                name = "host %s %s.%s" % (rel, suite["name"], case["name"])
                if not rep.wanted(name) and not rep.name_filter.startswith(rel):
                    continue
                if case.get("result") == "SKIPPED" or case.get("status") == "NOTRUN":
                    rep.skip(name, reasons.get("%s.%s" % (suite["name"], case["name"]),
                                               "skipped by the test itself"))
                elif case.get("failures"):
                    case_failed = True
                    rep.fail(name, "\n".join(fl.get("failure", "") for fl in case["failures"]))
                else:
                    rep.ok(name)
        if r.returncode != 0 and not case_failed:
            # Every case passed, yet the binary failed: a leak report or a
            # crash after the tests (sanitizers at exit).
            rep.fail("host %s (exit status %d)" % (rel, r.returncode), r.stdout + r.stderr)
