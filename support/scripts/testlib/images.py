# SPDX-License-Identifier: BSD-3-Clause
"""Building apps for tests: one build folder per app x defconfig."""
import os
import re
import subprocess


def app_dirs(root):
    """Every app that ships defconfigs: apps/*, tests/apps/*, tests/bench/*."""
    found = []
    for top in ("apps", os.path.join("tests", "apps"), os.path.join("tests", "bench")):
        base = os.path.join(root, top)
        if not os.path.isdir(base):
            continue
        for name in sorted(os.listdir(base)):
            d = os.path.join(base, name)
            if os.path.isdir(os.path.join(d, "defconfigs")):
                found.append(d)
    return found


def defconfigs(app):
    d = os.path.join(app, "defconfigs")
    return sorted(f for f in os.listdir(d) if not f.startswith("."))


def make(root, args, cwd=None, env=None, timeout=900):
    """Runs make; returns (status, combined output)."""
    e = dict(os.environ)
    e.pop("MAKEFLAGS", None)
    e.pop("MAKELEVEL", None)
    if env:
        e.update(env)
    r = subprocess.run(["make"] + args, cwd=cwd or root, env=e, timeout=timeout,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return r.returncode, r.stdout


def build(root, out, app, defconfig, jobs=2, extra=()):
    """defconfig + build. Returns (ok, log, image path or None). The
    platform and arch of the image come from the resulting .config."""
    name = os.path.basename(app)
    bdir = os.path.join(out, "apps", "%s-%s" % (name, defconfig))
    common = ["A=" + app, "O=" + bdir] + list(extra)
    rc, log = make(root, common + ["UK_DEFCONFIG=" + os.path.join(app, "defconfigs", defconfig),
                                   "defconfig"])
    if rc != 0:
        return False, log, None
    rc, log2 = make(root, common + ["-j%d" % jobs])
    log += log2
    if rc != 0:
        return False, log, None
    cfg = read_config(os.path.join(bdir, ".config"))
    image = os.path.join(bdir, "%s_%s-%s" % (cfg.get("CONFIG_UK_NAME", name),
                                            cfg.get("CONFIG_UK_PLAT"), cfg.get("CONFIG_UK_ARCH")))
    if not os.path.isfile(image):
        return False, log + "\nno image at %s" % image, None
    return True, log, image


def read_config(path):
    """The assignments of a .config, string quotes removed."""
    cfg = {}
    with open(path) as f:
        for line in f:
            if "=" in line and not line.startswith("#"):
                k, v = line.rstrip("\n").split("=", 1)
                cfg[k] = v.strip('"')
    return cfg


def compile_lines(log):
    """The objects a build compiled or linked, from its quiet output."""
    return [l.split()[1] for l in log.splitlines()
            if re.match(r"\s+(CC|CXX|AS|LD)\s", l)]
