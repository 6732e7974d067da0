# SPDX-License-Identifier: BSD-3-Clause
"""Counting and printing test results."""
import sys


class Report:
    def __init__(self, name_filter=""):
        self.passed = self.failed = 0
        self.skipped = []
        self.failures = []
        self.name_filter = name_filter

    def wanted(self, name):
        return self.name_filter in name

    def section(self, name):
        print("== %s" % name, flush=True)

    def ok(self, name):
        self.passed += 1
        print("PASS %s" % name, flush=True)

    def fail(self, name, why):
        self.failed += 1
        self.failures.append(name)
        print("FAIL %s" % name, flush=True)
        # The first line says what went wrong; the end of a long log says
        # where the image got to. Keep both.
        lines = why.rstrip().splitlines()
        if len(lines) > 41:
            lines = lines[:1] + ["... (%d lines left out)" % (len(lines) - 40)] + lines[-39:]
        for line in lines:
            print("     | %s" % line)
        sys.stdout.flush()

    def skip(self, name, why):
        self.skipped.append((name, why))
        print("SKIP %s (%s)" % (name, why), flush=True)

    def check(self, name, ok, why=""):
        if ok:
            self.ok(name)
        else:
            self.fail(name, why)
        return ok

    def summary(self, seconds):
        print("")
        for name in self.failures:
            print("failed:  %s" % name)
        for name, why in self.skipped:
            print("skipped: %s (%s)" % (name, why))
        print("(%.0f s)" % seconds)
        print("%d passed, %d failed, %d skipped" % (self.passed, self.failed,
                                                     len(self.skipped)))
