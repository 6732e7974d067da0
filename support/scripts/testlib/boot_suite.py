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
      "exit": 0,
      "qemu": ["-M", "virt,gic-version=3"],   # kvm only: more QEMU
                                              # arguments (run-qemu --qemu-opt)
      "variant": "gicv3",                     # uktest case names get it
      "image_suffix": ".dbg"}]}               # boot <image>.dbg instead
  "mem": MiB (kvm, xen) the image's memory.

Initrd: an app with a rootfs/ folder gets its archive built (O/<name>.cpio,
support/build/initrd.mk) and every case boots with it (linuxu:
--initrd=FILE before the args; kvm: run-qemu --initrd FILE, QEMU -initrd;
xen: run-xen --initrd FILE, dom0's module).
A case may say otherwise:
  "initrd": "tests/bad.cpio"   another file: relative to the app folder, or
                               absolute; @SRC@ (app folder) and @BUILD@ (the
                               build folder) are replaced
  "initrd": null               boot without one

A case with "serve" is a server: the runner starts the image, waits for
the "ready" line, runs the named client checks against it (each its own
result, "<case>: <check>"; testlib/serving.py), then stops the image:
      "serve": {"ready": "re:listening", "checks": ["http_get", ...]}
@PORT@ in "args" and "qemu" is a free TCP port of the host's loopback,
the one the checks connect to (QEMU: hostfwd=tcp:127.0.0.1:@PORT@-:80).
"address": "10.0.3.2:80" in "serve" makes the checks connect there
instead, from inside the case's network namespace when it has one.

A case with "same_as_host" compares the program's output with the same
sources built for Linux (testlib/host_compare.py: apps/lua).

A case with "netns" runs in a network namespace made for it:
      "netns": ["ip tuntap add dev tap0 mode tap",
                "ip addr add 10.0.3.1/24 dev tap0", "ip link set tap0 up"]
The runner creates one (ip netns add), brings its loopback up, runs each
command inside it (split like a shell splits plain words, no shell; @SRC@
is the app folder; a command that starts a helper in the background must
send its output elsewhere, e.g. sh -c "helper >/dev/null 2>&1 &"), starts
the image (or QEMU) inside it with "ip netns exec", and afterwards stops
the processes still in it and deletes it with its interfaces. The case is
skipped, with the reason, when that is impossible here: not root, no
iproute2, or a command failing (no tun module, no namespaces in a
container).

A case with "uktest": true runs in-image tests (lib/uktest, apps/selftest)
and the runner also reads the image's uktest lines:
  uktest: running N cases [matching "<filter>"]
  <failure lines: file:line: expression (values)> and whatever the case printed
  uktest: PASS|FAIL suite.case
  uktest: SKIP suite.case (reason)
  uktest summary: N passed, N failed, N skipped
Each PASS/FAIL/SKIP line becomes its own result, "boot <app> <defconfig>
uktest suite.case" (a FAIL's reason: the lines printed since the previous
uktest line). The case's own result checks the run as a whole: expect and
forbid lines, exactly one summary line agreeing with the case lines and
with the announced count (a crash mid-run leaves none: a failure naming
the case that was running), and the exit status ("exit" when every case
passed or skipped, any non-zero status when some failed: those failures
are already counted by name). With -k, a "uktest" case also runs when the
filter contains "uktest", e.g. -k "uktest alloc." for one suite.
"""
import itertools
import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import time

import host_compare
import images
import serving

TIMEOUT = 60
RUN_QEMU = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "run-qemu")
RUN_XEN = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "run-xen")
XEN_GZ = "/boot/xen-4.17-amd64.gz"

UKTEST_CASE = re.compile(r"^uktest: (PASS|FAIL|SKIP) (\S+)(?: \((.*)\))?$")
UKTEST_START = re.compile(r"^uktest: running (\d+) cases")
UKTEST_SUMMARY = re.compile(r"^uktest summary: (\d+) passed, (\d+) failed, (\d+) skipped$")


QEMU = {"x86_64": ("qemu-system-x86_64", "qemu-system-x86"),
        "arm64": ("qemu-system-aarch64", "qemu-system-arm")}


def command(image, plat, arch, args, qemu_opts=(), initrd=None, cfg=None, mem=None):
    """The command that boots an image (with the initrd file if given),
    or NotImplementedError for platforms this machine cannot start."""
    if plat == "linuxu":
        cmd = [image] + (["--initrd=" + initrd] if initrd else []) + args
    elif plat == "kvm":
        qemu, pkg = QEMU[arch]
        if not shutil.which(qemu):
            raise NotImplementedError("%s is not installed (apt-get install %s)" % (qemu, pkg))
        # run-qemu gives back the image's own status (isa-debug-exit,
        # semihosting) and stops QEMU itself at the deadline (status 124).
        cmd = [RUN_QEMU, "--timeout", str(TIMEOUT)]
        if mem:
            cmd += ["--mem", str(mem)]
        for o in qemu_opts:
            cmd += ["--qemu-opt", o]
        if initrd:
            cmd += ["--initrd", initrd]
        cmd += [image] + args
    elif plat == "xen":
        if not shutil.which("qemu-system-x86_64"):
            raise NotImplementedError("qemu-system-x86_64 is not installed "
                                      "(apt-get install qemu-system-x86)")
        if not os.path.isfile(XEN_GZ):
            raise NotImplementedError("%s is missing (apt-get install "
                                      "xen-hypervisor-4.17-amd64)" % XEN_GZ)
        # Xen in QEMU, the image as dom0; run-xen gives back the image's
        # status (isa-debug-exit, else the log's marker) and stops QEMU
        # at the deadline (124).
        cmd = [RUN_XEN, "--timeout", str(TIMEOUT)]
        if (cfg or {}).get("CONFIG_XEN_RUN_DOMU") == "y":
            # As a domU of a Linux dom0 (xenstored, xenconsoled, xl).
            sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
            import xen_dom0
            why = xen_dom0.missing()
            if why:
                raise NotImplementedError("a Linux dom0 for domU tests: " + why)
            cmd.append("--domu")
        if initrd:
            cmd += ["--initrd", initrd]
        if mem:
            cmd += ["--mem", str(mem)]
        cmd += [image] + args
    else:
        raise NotImplementedError("no runner for platform %s yet" % plat)
    return cmd


_NETNS_IDS = itertools.count()


def netns_create(commands):
    """Makes a network namespace and runs the setup commands in it.
    Returns (name, None), or (None, why) when it cannot be done here."""
    if os.geteuid() != 0:
        return None, "network namespaces need root"
    if not shutil.which("ip"):
        return None, "ip is not installed (apt-get install iproute2)"
    name = "tessera-%d-%d" % (os.getpid(), next(_NETNS_IDS))
    r = subprocess.run(["ip", "netns", "add", name], stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True)
    if r.returncode != 0:
        return None, "ip netns add failed: %s" % r.stdout.strip()
    for cmd in ["ip link set lo up"] + list(commands):
        r = subprocess.run(["ip", "netns", "exec", name] + shlex.split(cmd),
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                           timeout=30)
        if r.returncode != 0:
            netns_delete(name)
            return None, "in the test's network namespace, %r failed: %s" % (
                cmd, r.stdout.strip())
    return name, None


def netns_delete(name):
    """Stops what the setup commands left running in the namespace, then
    deletes it (its taps and veths go with it)."""
    r = subprocess.run(["ip", "netns", "pids", name], stdout=subprocess.PIPE,
                       stderr=subprocess.DEVNULL, text=True)
    for pid in r.stdout.split():
        try:
            os.kill(int(pid), signal.SIGTERM)
        except (OSError, ValueError):
            pass
    subprocess.run(["ip", "netns", "del", name], stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)


def start(plat, cmd):
    """Runs a boot command to its end; returns (status, output)."""
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       stdin=subprocess.DEVNULL, timeout=TIMEOUT + 30)
    if plat in ("kvm", "xen") and r.returncode == 124:
        raise subprocess.TimeoutExpired(cmd, TIMEOUT, output=r.stdout)
    return r.returncode, r.stdout.decode("utf-8", "replace")


def initrd_for(case, app, image, cfg):
    """The initrd a case boots with: its "initrd" key (a path, or None for
    none), else the app's built rootfs/ archive if there is one."""
    bdir = os.path.dirname(image)
    if "initrd" in case:
        path = case["initrd"]
        if path is None:
            return None
        path = path.replace("@SRC@", app).replace("@BUILD@", bdir)
        return path if os.path.isabs(path) else os.path.join(app, path)
    built = os.path.join(bdir, cfg.get("CONFIG_UK_NAME", os.path.basename(app)) + ".cpio")
    return built if os.path.isfile(built) else None


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


def parse_uktest(output):
    """Reads the uktest lines of an image's output. Returns (cases, problem):
    cases is a list of (verdict, "suite.case", reason), problem None or
    what is wrong with the run as a whole."""
    cases, pending, announced, summaries = [], [], None, []
    for line in output.splitlines():
        m = UKTEST_CASE.match(line)
        if m:
            verdict, name, why = m.groups()
            reason = (why or "") if verdict == "SKIP" else "\n".join(pending)
            cases.append((verdict, name, reason))
            pending = []
            continue
        m = UKTEST_START.match(line)
        if m:
            announced, pending = int(m.group(1)), []
            continue
        m = UKTEST_SUMMARY.match(line)
        if m:
            summaries.append(tuple(int(g) for g in m.groups()))
            pending = []
            continue
        pending.append(line)

    seen = [v for v, _, _ in cases]
    counted = (seen.count("PASS"), seen.count("FAIL"), seen.count("SKIP"))
    names = [n for _, n, _ in cases]
    if not summaries:
        running = "case %d" % (len(cases) + 1)
        if announced is not None:
            running += " of %d" % announced
        return cases, ("no 'uktest summary:' line: the image stopped during %s"
                       " (after %s)" % (running, names[-1] if names else "no case"))
    if len(summaries) > 1:
        return cases, "%d 'uktest summary:' lines, expected one" % len(summaries)
    if summaries[0] != counted:
        return cases, ("summary says %d passed, %d failed, %d skipped; the case lines"
                       " say %d, %d, %d" % (summaries[0] + counted))
    if announced is not None and announced != len(cases):
        return cases, "%d cases announced, %d reported" % (announced, len(cases))
    dups = sorted(set(n for n in names if names.count(n) > 1))
    if dups:
        return cases, "cases reported twice: %s" % ", ".join(dups)
    return cases, None


def check_uktest(rep, prefix, case, status, output):
    """Reports every uktest case of the run as its own result. Returns the
    problem of the run as a whole (None if fine) for the case's own result."""
    cases, problem = parse_uktest(output)
    for verdict, name, reason in cases:
        full = "%s uktest %s" % (prefix, name)
        if not rep.wanted(full):
            continue
        if verdict == "PASS":
            rep.ok(full)
        elif verdict == "SKIP":
            rep.skip(full, reason)
        else:
            rep.fail(full, reason or "(no failure lines)")
    if problem is None and any(v == "FAIL" for v, _, _ in cases):
        if status == 0:
            problem = "exit status 0 although cases failed"
    elif problem is None and status != case.get("exit", 0):
        problem = "exit status %d, expected %d" % (status, case.get("exit", 0))
    return problem


def run(root, out, rep, jobs):
    for app in images.app_dirs(root):
        spec_file = os.path.join(app, "test.json")
        if not os.path.isfile(spec_file):
            continue
        with open(spec_file) as f:
            spec = json.load(f)
        for dc, cases in sorted(spec.items()):
            prefix = "boot %s %s" % (os.path.relpath(app, root), dc)
            wanted = [c for c in cases if rep.wanted("%s: %s" % (prefix, c["name"]))
                      or (c.get("uktest") and "uktest" in rep.name_filter)]
            if not wanted:
                continue
            ok, log, image = images.build(root, out, app, dc, jobs)
            if not ok:
                for c in wanted:
                    rep.fail("%s: %s" % (prefix, c["name"]), "build failed\n" + log)
                continue
            cfg = images.read_config(os.path.join(os.path.dirname(image), ".config"))
            plat, arch = cfg["CONFIG_UK_PLAT"], cfg["CONFIG_UK_ARCH"]
            for c in wanted:
                name = "%s: %s" % (prefix, c["name"])
                netns = None
                if "netns" in c:
                    netns, why = netns_create([x.replace("@SRC@", app) for x in c["netns"]])
                    if not netns:
                        rep.skip(name, why)
                        continue
                try:
                    port = serving.free_port() if "serve" in c else 0
                    subst = lambda a: (a.replace("@NOW@", str(int(time.time())))
                                       .replace("@SRC@", app).replace("@PORT@", str(port)))
                    args = [subst(a) for a in c.get("args", [])]
                    qemu = [subst(a) for a in c.get("qemu", [])]
                    cmd = command(image + c.get("image_suffix", ""), plat, arch, args, qemu,
                                  initrd_for(c, app, image, cfg), cfg, c.get("mem"))
                    if netns:
                        cmd = ["ip", "netns", "exec", netns] + cmd
                    if "serve" in c:
                        status, output = serving.serve(rep, name, cmd, c["serve"], port, netns)
                    else:
                        status, output = start(plat, cmd)
                except NotImplementedError as e:
                    rep.skip(name, str(e))
                    continue
                except subprocess.TimeoutExpired as e:
                    tail = (e.output or b"").decode("utf-8", "replace")
                    rep.fail(name, "no exit within %d s; the log ends:\n%s" % (TIMEOUT, tail))
                    continue
                finally:
                    if netns:
                        netns_delete(netns)
                expect = [e.replace("@IMAGE@", image).replace("@SRC@", app)
                          for e in c.get("expect", [])]
                problem = lines_in_order(output, expect)
                if c.get("uktest"):
                    # Runs of one image under other QEMU options report
                    # their cases under their own names.
                    uprefix = prefix + (" " + c["variant"] if "variant" in c else "")
                    whole = check_uktest(rep, uprefix, c, status, output)
                    problem = problem or whole
                elif problem is None and "serve" in c and status is not None:
                    problem = "the server stopped by itself (status %d)" % status
                elif problem is None and "serve" not in c and status != c.get("exit", 0):
                    problem = "exit status %d, expected %d" % (status, c.get("exit", 0))
                if problem is None and "same_as_host" in c:
                    problem = host_compare.check(c["same_as_host"], app,
                                                 os.path.dirname(image), output, status)
                for bad in c.get("forbid", []):
                    if problem is None and bad in output:
                        problem = "output contains %r" % bad
                if not rep.wanted(name):
                    continue  # a "uktest" case run for its per-case results only
                rep.check(name, problem is None,
                          "%s\n--- output (status %s):\n%s" % (problem, status, output))
