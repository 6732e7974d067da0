# SPDX-License-Identifier: BSD-3-Clause
"""Build tests: every app x defconfig, build-system behaviour, and the
error messages for bad input (each with its expected text)."""
import json
import os
import shutil
import subprocess
import tempfile

import images


def run(root, out, rep, jobs):
    for app in images.app_dirs(root):
        for dc in images.defconfigs(app):
            name = "build %s %s" % (os.path.relpath(app, root), dc)
            if not rep.wanted(name):
                continue
            ok, log, image = images.build(root, out, app, dc, jobs)
            if rep.check(name, ok, log) and image:
                print("     image %s: %d bytes" % (os.path.basename(image),
                                                   os.path.getsize(image)))
    behaviour(root, out, rep, jobs)
    errors(root, out, rep)


def behaviour(root, out, rep, jobs):
    # Apps and libraries outside the tree, as users have them.
    work = tempfile.mkdtemp(prefix="tessera-build-test-")
    try:
        behaviour_in(root, work, rep, jobs)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def behaviour_in(root, work, rep, jobs):
    fx = os.path.join(root, "tests", "build")

    # Incremental builds on a private copy of an app, so that touching
    # its files never touches the tree.
    app = os.path.join(work, "incr")
    shutil.copytree(os.path.join(fx, "incremental-app"), app)
    bdir = os.path.join(work, "incr-build")
    base = ["A=" + app, "O=" + bdir]
    image = os.path.join(bdir, "incr_linuxu-x86_64")

    def output():
        r = subprocess.run([image], capture_output=True, text=True, timeout=30)
        return r.stdout.strip()

    rc, log = images.make(root, base + ["-j%d" % jobs])
    if rep.wanted("build incremental") and rep.check(
            "build incremental: first build (C, .S, per-library and per-file flags)",
            rc == 0 and output() == "7 1 3 5", log + (output() if rc == 0 else "")):
        rc, log = images.make(root, base + ["-j%d" % jobs])
        rep.check("build incremental: no-op rebuild compiles nothing",
                  rc == 0 and not images.compile_lines(log), log)
        os.utime(os.path.join(app, "include", "incr", "value.h"))
        rc, log = images.make(root, base + ["-j%d" % jobs])
        got = images.compile_lines(log)
        rep.check("build incremental: touched header rebuilds its users only",
                  rc == 0 and "appincr/uses_header.o" in got and
                  "appincr/no_header.o" not in got and
                  not any(g.startswith("libnolibc") for g in got), log)
        with open(os.path.join(bdir, ".config")) as f:
            cfg = f.read()
        with open(os.path.join(bdir, ".config"), "w") as f:
            f.write(cfg.replace("CONFIG_APPINCR_VALUE=1", "CONFIG_APPINCR_VALUE=2"))
        rc, log = images.make(root, base + ["-j%d" % jobs])
        got = images.compile_lines(log)
        rep.check("build incremental: config change rebuilds what uses the option",
                  rc == 0 and "appincr/uses_config.o" in got and output() == "7 2 3 5" and
                  "appincr/no_header.o" not in got and
                  not any(g.startswith("libukboot") for g in got), log)
        rc, log = images.make(root, base + ["-j%d" % jobs])
        rep.check("build incremental: after all that, nothing left to do",
                  rc == 0 and not images.compile_lines(log), log)

    name = "build olddefconfig restores a removed option's default"
    if rep.wanted(name):
        hw = os.path.join(root, "apps", "helloworld")
        d = os.path.join(work, "olddef")
        rc1, log = images.make(root, ["A=" + hw, "O=" + d, "defconfig"])
        cfg = os.path.join(d, ".config")
        text = open(cfg).read() if rc1 == 0 else ""
        open(cfg, "w").write(text.replace("CONFIG_LINUXU_DEFAULT_HEAPMB=32\n", ""))
        rc2, l2 = images.make(root, ["A=" + hw, "O=" + d, "olddefconfig"])
        rep.check(name, rc1 == rc2 == 0 and "CONFIG_LINUXU_DEFAULT_HEAPMB=32" in open(cfg).read(),
                  log + l2)

    # The README's first command (after install-deps), into a private O=.
    name = "build README command: make -C apps/helloworld run"
    if rep.wanted(name):
        rc, log = images.make(root, ["-C", os.path.join(root, "apps", "helloworld"), "run",
                                     "O=" + os.path.join(work, "readme"), "ARGS=from Tessera"])
        rep.check(name, rc == 0 and "Hello world!" in log and '"from" "Tessera"' in log, log)

    # make ARCH=... over a configuration for the other arch, both ways:
    # the platform follows (linuxu is x86_64 only), so does the toolchain.
    name = "build ARCH= switches a configured app to the other arch and back"
    if rep.wanted(name):
        hw = os.path.join(root, "apps", "helloworld")
        d = os.path.join(work, "archswitch")
        common = ["A=" + hw, "O=" + d]
        rc0, log = images.make(root, common + ["UK_DEFCONFIG=" + os.path.join(
            hw, "defconfigs", "linuxu-x86_64"), "defconfig"])
        rc1, l1 = images.make(root, common + ["ARCH=arm64", "-j%d" % jobs])
        arm = os.path.join(d, "helloworld_kvm-arm64")
        cfg1 = images.read_config(os.path.join(d, ".config")) if rc1 == 0 else {}
        rc2, l2 = images.make(root, common + ["ARCH=x86_64", "-j%d" % jobs])
        cfg2 = images.read_config(os.path.join(d, ".config")) if rc2 == 0 else {}
        ok = (rc0 == rc1 == rc2 == 0 and os.path.isfile(arm) and
              cfg1.get("CONFIG_CROSS_COMPILE") == "aarch64-linux-gnu-" and
              cfg2.get("CONFIG_CROSS_COMPILE") == "" and
              os.path.isfile(os.path.join(d, "helloworld_kvm-x86_64")))
        rep.check(name, ok, log + l1 + l2)

    name = "build make help lists the targets"
    if rep.wanted(name):
        rc, log = images.make(root, ["help"])
        rep.check(name, rc == 0 and all(t in log for t in
                                        ("menuconfig", "defconfig", "savedefconfig", "run", "test")), log)

    name = "build savedefconfig keeps only non-defaults and round-trips"
    if rep.wanted(name):
        hw = os.path.join(root, "apps", "helloworld")
        a, b = os.path.join(work, "savedef-a"), os.path.join(work, "savedef-b")
        rc1, log = images.make(root, ["A=" + hw, "O=" + a, "UK_DEFCONFIG=" +
                                      os.path.join(fx, "fixtures", "size-defconfig"), "defconfig"])
        rc2, l2 = images.make(root, ["A=" + hw, "O=" + a, "savedefconfig"])
        saved = os.path.join(a, "defconfig")
        rc3, l3 = images.make(root, ["A=" + hw, "O=" + b, "UK_DEFCONFIG=" + saved, "defconfig"])
        ok = rc1 == rc2 == rc3 == 0
        if ok:
            lines = open(saved).read().split()
            ok = (lines == ["CONFIG_OPTIMIZE_SIZE=y"] and
                  open(os.path.join(a, ".config")).read() == open(os.path.join(b, ".config")).read())
            log += "saved: %s\n" % lines
        rep.check(name, ok, log + l2 + l3)

    # Unikraft's app layout, Makefile untouched apart from UK_ROOT.
    name = "build unikraft-layout app (Makefile, Makefile.uk, Config.uk unchanged)"
    if rep.wanted(name):
        ukapp = os.path.join(work, "app-helloworld")
        shutil.copytree(os.path.join(fx, "unikraft-layout-app"), ukapp)
        rc, log = images.make(root, ["UK_ROOT=" + root,
                                     "UK_BUILD=" + os.path.join(work, "ukapp-build")],
                              cwd=ukapp, env={"PWD": ukapp})
        image = os.path.join(work, "ukapp-build", "app-helloworld_linuxu-x86_64")
        ok = rc == 0 and os.path.isfile(image)
        if ok:
            r = subprocess.run([image], capture_output=True, text=True, timeout=30)
            ok = r.returncode == 0 and "Hello world!" in r.stdout
            log += r.stdout
        rep.check(name, ok, log)

    # An external library from a local tarball, unpacked and patched.
    name = "build external library (L=, fetch from local tarball, patch)"
    if rep.wanted(name):
        tarball = os.path.join(work, "greet-1.0.tar.gz")
        subprocess.run(["tar", "-czf", tarball, "-C", os.path.join(fx, "extlib", "upstream"),
                        "greet-1.0"], check=True)
        bdir = os.path.join(work, "extlib-build")
        rc, log = images.make(root, ["A=" + os.path.join(fx, "extlib", "app"),
                                     "L=" + os.path.join(fx, "extlib", "libgreet"),
                                     "O=" + bdir, "GREET_TARBALL=" + tarball,
                                     "-j%d" % jobs])
        image = os.path.join(bdir, "app_linuxu-x86_64")
        ok = rc == 0 and os.path.isfile(image)
        if ok:
            r = subprocess.run([image], capture_output=True, text=True, timeout=30)
            log += r.stdout
            ok = r.returncode == 0 and "greetings from a patched library" in r.stdout
        rep.check(name, ok, log)


def errors(root, out, rep):
    """tests/build/errors.json: each case is make arguments and the text
    its one-line error must contain."""
    fx = os.path.join(root, "tests", "build")
    with open(os.path.join(fx, "errors.json")) as f:
        cases = json.load(f)
    for case in cases:
        name = "build error: %s" % case["name"]
        if not rep.wanted(name):
            continue
        bdir = os.path.join(out, "errors", case["name"].replace(" ", "-"))
        shutil.rmtree(bdir, ignore_errors=True)
        subst = lambda s: s.replace("@ROOT@", root).replace("@FX@", fx).replace("@O@", bdir)
        log = ""
        rc = 0
        for step in case.get("setup", []):
            rc, l = images.make(root, [subst(a) for a in step])
            log += l
        rc, l = images.make(root, [subst(a) for a in case["args"]])
        log += l
        want = subst(case["expect"])
        rep.check(name, rc != 0 and want in l,
                  "expected a failure whose output contains: %s\n(status %d)\n%s" % (want, rc, log))
