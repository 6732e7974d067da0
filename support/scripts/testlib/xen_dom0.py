# SPDX-License-Identifier: BSD-3-Clause
"""A Linux dom0 for running Xen PV images as domUs (run-xen --domu).

Everything comes from Debian packages (support/scripts/install-deps):
the kernel (linux-image-amd64: a dom0-capable kernel and its xen
modules), busybox-static, xen-utils-4.17 (xenstored, xenconsoled,
xen-init-dom0, xl) with their shared libraries. The initramfs is written
here in the kernel's "newc" cpio format, cached, and gets a second small
archive per run (Linux unpacks concatenated archives) with the image, its
xl configuration and its command line. Its /init starts the Xen daemons,
runs `xl create`, copies the domU's console log to dom0's console (Xen's
serial line) as it grows, and resets the machine once the domU is gone.
"""
import glob
import gzip
import hashlib
import io
import os
import stat
import subprocess

XEN_BIN = "/usr/lib/xen-4.17/bin"
BUSYBOX = "/bin/busybox"
DAEMONS = ["xenstored", "xenconsoled", "xen-init-dom0", "xl"]
MODULES = ["xen-privcmd", "xenfs", "xen-evtchn", "xen-gntdev", "xen-gntalloc"]
DOMU_NAME = "tessera"
DONE_MARKER = "run-xen-dom0: the domU is gone"
CRASH_MARKER = "the domU crashed (Xen stopped it)"

INIT = r"""#!/bin/sh
export PATH=/bin:/sbin:/usr/bin:/usr/sbin:%(bin)s
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
mkdir -p /dev/pts /run /var/run/xen /var/run/xenstored /var/lib/xen /var/lib/xenstored \
	/var/log/xen/console /var/lock /tmp
mount -t devpts devpts /dev/pts
for m in %(modules)s; do insmod /lib/modules/$m.ko || echo "run-xen-dom0: insmod $m failed"; done
mount -t xenfs xenfs /proc/xen
say() { echo "run-xen-dom0: $*"; }
xenstored --pid-file /var/run/xenstored.pid || say "xenstored failed"
xen-init-dom0 >/dev/null || say "xen-init-dom0 failed"
xenconsoled --log=guest --log-dir=/var/log/xen/console --pid-file=/var/run/xenconsoled.pid || say "xenconsoled failed"
log=/var/log/xen/console/guest-%(name)s.log
# -F: xl stays until the domain is gone and says how it ended.
xl create -F /domu/domu.cfg >/tmp/xl.log 2>&1 &
xl=$!
# The console log as it grows, byte-exact (busybox tail -f polls once a
# second and would lose the end). Every step is checked: a command that
# dies (seen under load: a segfault in dom0, once in wc, once in the
# copy) leaves the offset alone, and the next pass copies that part again.
off=0
copy_log() {
	[ -e $log ] || return
	size=$(wc -c < $log) || return
	case "$size" in ''|*[!0-9]*) return;; esac
	[ "$size" -gt "$off" ] || return
	tail -c +$((off + 1)) $log > /tmp/chunk || return
	head -c $((size - off)) /tmp/chunk > /tmp/chunk.new || return
	[ "$(wc -c < /tmp/chunk.new)" = $((size - off)) ] || return
	cat /tmp/chunk.new && off=$size
}
while kill -0 $xl 2>/dev/null; do copy_log; sleep 0.05; done
wait $xl
# xenconsoled may still be writing the end: wait up to 5 s for the image's
# last line rather than a fixed pause that a loaded machine outruns.
n=0
while [ $n -lt 100 ]; do
	copy_log
	grep -q "ukplat_terminate: exit status" $log 2>/dev/null && break
	sleep 0.05; n=$((n + 1))
done
copy_log
grep -q "reason code 3" /tmp/xl.log && say "%(crashed)s"
[ -n "$RUN_XEN_DEBUG" ] && cat /tmp/xl.log
grep -q "has shut down" /tmp/xl.log || { say "xl create failed:"; cat /tmp/xl.log; }
echo "%(done)s"
reboot -f
"""

DOMU_CFG = """name = "%(name)s"
type = "pv"
kernel = "/domu/image"
memory = %(mem)d
vcpus = 1
on_poweroff = "destroy"
on_reboot = "destroy"
on_crash = "destroy"
extra = "%(extra)s"
"""


class Cpio:
    """Writes a newc archive (what the kernel's initramfs unpacker reads)."""

    def __init__(self):
        self.buf = io.BytesIO()
        self.ino = 1
        self.seen = set()

    def _entry(self, name, mode, data=b""):
        name = name.lstrip("/")
        if name in self.seen:
            return
        self.seen.add(name)
        fields = [self.ino, mode, 0, 0, 1, 0, len(data), 0, 0, 0, 0, len(name) + 1, 0]
        self.ino += 1
        hdr = b"070701" + b"".join(b"%08x" % f for f in fields)
        self.buf.write(hdr + name.encode() + b"\0")
        self.buf.write(b"\0" * (-(len(hdr) + len(name) + 1) % 4))
        self.buf.write(data + b"\0" * (-len(data) % 4))

    def dirs(self, path):
        parts = path.strip("/").split("/")[:-1]
        for i in range(1, len(parts) + 1):
            self._entry("/".join(parts[:i]), stat.S_IFDIR | 0o755)

    def dir(self, path):
        self.dirs(path + "/x")

    def file(self, path, data, mode=0o755):
        self.dirs(path)
        self._entry(path, stat.S_IFREG | mode, data)

    def symlink(self, path, target):
        self.dirs(path)
        self._entry(path, stat.S_IFLNK | 0o777, target.encode())

    def close(self):
        self._entry("TRAILER!!!", 0)
        return self.buf.getvalue()


def kernel():
    """The newest installed kernel with xen modules: (vmlinuz, modules dir)."""
    found = []
    for vmlinuz in glob.glob("/boot/vmlinuz-*"):
        ver = vmlinuz[len("/boot/vmlinuz-"):]
        mods = "/lib/modules/%s/kernel/drivers/xen" % ver
        if os.path.isdir(mods):
            found.append((ver, vmlinuz, mods))
    if not found:
        raise FileNotFoundError("no kernel with Xen modules in /boot (apt-get install linux-image-amd64)")
    ver, vmlinuz, mods = sorted(found)[-1]
    return vmlinuz, mods


def missing():
    """What this machine lacks for a Linux dom0, or None."""
    try:
        kernel()
    except FileNotFoundError as e:
        return str(e)
    if not os.path.isfile(BUSYBOX) or b"ELF" not in open(BUSYBOX, "rb").read(4):
        return "%s missing (apt-get install busybox-static)" % BUSYBOX
    for d in DAEMONS:
        if not os.path.isfile(os.path.join(XEN_BIN, d)):
            return "%s/%s missing (apt-get install xen-utils-4.17)" % (XEN_BIN, d)
    return None


def libraries(binaries):
    libs = set()
    for b in binaries:
        out = subprocess.run(["ldd", b], stdout=subprocess.PIPE, text=True).stdout
        for line in out.splitlines():
            parts = line.split()
            for p in parts:
                if p.startswith("/"):
                    libs.add(p)
    return sorted(libs)


def base_initrd(cache):
    """The cached, gzipped base archive (rebuilt when an input changes)."""
    vmlinuz, mods = kernel()
    bins = [os.path.join(XEN_BIN, d) for d in DAEMONS]
    kos = {}
    for m in MODULES:
        hits = glob.glob(os.path.join(mods, "**", m + ".ko"), recursive=True)
        if not hits:
            raise FileNotFoundError("module %s not found under %s" % (m, mods))
        kos[m] = hits[0]
    inputs = [BUSYBOX] + bins + list(kos.values()) + [__file__]
    # libgcc_s: dlopen()ed by glibc for pthread_cancel (xl uses it).
    libs = sorted(set(libraries(bins)) | set(glob.glob("/lib/x86_64-linux-gnu/libgcc_s.so.1")))
    key = hashlib.sha256()
    for f in inputs + libs:
        st = os.stat(f)
        key.update(("%s %d %d\n" % (f, st.st_size, int(st.st_mtime))).encode())
    out = os.path.join(cache, "xen-dom0", "dom0-%s.cpio.gz" % key.hexdigest()[:16])
    if os.path.isfile(out):
        return vmlinuz, out
    c = Cpio()
    for d in ("dev", "proc", "sys", "run", "tmp", "var", "etc"):
        c.dir(d)
    c.file("/etc/xen/xl.conf", b"# defaults\n", 0o644)
    c.file("/bin/busybox", open(BUSYBOX, "rb").read())
    applets = subprocess.run([BUSYBOX, "--list"], stdout=subprocess.PIPE, text=True).stdout.split()
    for a in applets:
        if a != "busybox":
            c.symlink("/bin/" + a, "busybox")
    for b in bins:
        c.file(b, open(b, "rb").read())
    for lib in libs:
        real = os.path.realpath(lib)
        c.file(lib, open(real, "rb").read())
        if lib.startswith("/lib64/"):
            c.file("/lib/x86_64-linux-gnu/" + os.path.basename(lib), open(real, "rb").read())
    for m, path in kos.items():
        c.file("/lib/modules/%s.ko" % m, open(path, "rb").read(), 0o644)
    c.file("/init", (INIT % {"bin": XEN_BIN, "modules": " ".join(MODULES), "name": DOMU_NAME,
                             "done": DONE_MARKER, "crashed": CRASH_MARKER}).encode())
    os.makedirs(os.path.dirname(out), exist_ok=True)
    tmp = out + ".%d" % os.getpid()
    with open(tmp, "wb") as f:
        f.write(gzip.compress(c.close(), compresslevel=1))
    os.replace(tmp, out)
    return vmlinuz, out


def run_initrd(cache, workdir, image, cmdline, domu_mem):
    """Base archive + this run's (image, xl config, command line) in one
    file for QEMU's -initrd list. Returns (vmlinuz, initrd path). The
    command line goes into the xl configuration as "extra" (start_info's
    cmd_line of the domU)."""
    vmlinuz, base = base_initrd(cache)
    c = Cpio()
    c.file("/domu/image", open(image, "rb").read())
    extra = cmdline.replace("\\", "\\\\").replace('"', '\\"')
    c.file("/domu/domu.cfg", (DOMU_CFG % {"name": DOMU_NAME, "mem": domu_mem,
                                          "extra": extra}).encode(), 0o644)
    path = os.path.join(workdir, "dom0-initrd")
    with open(path, "wb") as f:
        data = open(base, "rb").read()
        # The kernel reads an uncompressed archive only at a 4-byte
        # boundary after the previous one (zeros in between are skipped).
        f.write(data + b"\0" * (-len(data) % 4))
        f.write(c.close())
    return vmlinuz, path
