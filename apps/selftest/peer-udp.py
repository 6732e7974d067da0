#!/usr/bin/python3
# SPDX-License-Identifier: BSD-3-Clause
"""peer-udp.py ADDRESS PORT [SECONDS]: the link's peer in the network
tests (test.json "netns" commands start it in the background): sends a
100-byte UDP datagram to ADDRESS:PORT every 50 ms for SECONDS (30), so
that an image can check what arrives (its checksum, the offload flags).
The kernel sends them with a partial checksum when the tap offloads
checksums (QEMU's tap backend once the guest negotiates GUEST_CSUM)."""
import socket
import sys
import time

addr, port = sys.argv[1], int(sys.argv[2])
end = time.monotonic() + (float(sys.argv[3]) if len(sys.argv) > 3 else 30.0)
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
payload = bytes(range(100))
while time.monotonic() < end:
    try:
        s.sendto(payload, (addr, port))
    except OSError:
        pass  # no route or neighbour yet: the image is still starting
    time.sleep(0.05)
