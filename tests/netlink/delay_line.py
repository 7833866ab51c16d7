"""`python -m tests.netlink.delay_line LAPTOP_DEV OFFICE_DEV --delay-ms D --jitter-ms J`: the bad
link's round-trip delay, a hand-written element that exists only because this kernel has no netem.

The link's other faults stay the kernel's (tests/netlink/link.py): `tc tbf` for the rate, a
classic-BPF `cls_bpf` filter for random loss and `ip link set down/up` for cuts, all on the two TUN
devices this process makes. Where netem would hold a packet in a qdisc (`tc qdisc ... netem delay
150ms 10ms`), this process holds it: it makes the pair of TUN devices (IFF_TUN, layer 3, no packet
information), both in its own namespace (BadLink moves the office one into the link's), and forwards
every IP packet the kernel hands one device to the other, `D` ms ± `J` ms (uniform, netem's default
distribution) after it read it, in each direction. Order is kept per direction: a packet is due at
max(the previous packet's due time, now + D ± J) — netem reorders only when the jitter exceeds the
gap between packets; here it never does, which TCP prefers anyway. Packets past `--limit` held
(netem's default 1000) are dropped, as netem's queue drops them; a write to a device that is down
(a cut) fails with EIO and the packet is lost, as on a cut cable.

It prints "ready" once both devices exist, and ends on SIGTERM/SIGINT or when its parent process is
gone (a killed test run); closing the TUN file descriptors deletes both devices with it. Nothing
here changes a packet: TCP's and IP's checksums are the kernel's on both sides.
"""

from __future__ import annotations

import argparse
import errno
import fcntl
import heapq
import os
import random
import select
import signal
import struct
import sys
import time
from types import FrameType

TUNSETIFF = 0x400454CA
IFF_TUN, IFF_NO_PI = 0x0001, 0x1000
MAX_PACKET = 65536
PARENT_CHECK_S = 0.5


class Stopped(Exception):
    """SIGTERM or SIGINT arrived."""


def open_tun(name: str) -> int:
    """A non-persistent TUN device `name` (gone when the returned descriptor is closed)."""
    fd = os.open("/dev/net/tun", os.O_RDWR | os.O_NONBLOCK)
    try:
        fcntl.ioctl(fd, TUNSETIFF, struct.pack("16sH", name.encode(), IFF_TUN | IFF_NO_PI))
    except OSError:
        os.close(fd)
        raise
    return fd


class DelayLine:
    """Holds each packet read from one descriptor for delay ± jitter, then writes it to the other."""

    def __init__(self, laptop_fd: int, office_fd: int, delay_s: float, jitter_s: float, limit: int,
                 seed: int | None = None) -> None:  # fmt: skip
        self.peer = {laptop_fd: office_fd, office_fd: laptop_fd}
        self.delay_s, self.jitter_s, self.limit = delay_s, jitter_s, limit
        self.random = random.Random(seed)
        self.held: list[tuple[float, int, int, bytes]] = []  # (due, sequence, to_fd, packet)
        self.last_due = dict.fromkeys(self.peer, 0.0)  # per direction, by the descriptor read from
        self.sequence = 0
        self.forwarded = self.dropped = 0

    def due_time(self, from_fd: int, now: float) -> float:
        jitter = self.random.uniform(-self.jitter_s, self.jitter_s) if self.jitter_s else 0.0
        due = max(self.last_due[from_fd], now + max(0.0, self.delay_s + jitter))
        self.last_due[from_fd] = due
        return due

    def take(self, from_fd: int) -> None:
        """Reads every packet waiting on `from_fd` and holds it."""
        while True:
            try:
                packet = os.read(from_fd, MAX_PACKET)
            except (BlockingIOError, InterruptedError):
                return
            except OSError as error:  # EIO etc. while the device is being reconfigured
                if error.errno in (errno.EIO, errno.EBADFD):
                    return
                raise
            if len(self.held) >= self.limit:
                self.dropped += 1
                continue
            self.sequence += 1
            heapq.heappush(self.held, (self.due_time(from_fd, time.monotonic()), self.sequence,
                                       self.peer[from_fd], packet))  # fmt: skip

    def release(self) -> float | None:
        """Writes every packet that is due; returns the seconds until the next one (None: none held)."""
        now = time.monotonic()
        while self.held and self.held[0][0] <= now:
            _due, _sequence, to_fd, packet = heapq.heappop(self.held)
            try:
                os.write(to_fd, packet)
                self.forwarded += 1
            except OSError:  # the device is down (a cut: EIO), or its queue is full
                self.dropped += 1
        return max(0.0, self.held[0][0] - now) if self.held else None

    def run(self) -> None:
        """Forwards until SIGTERM/SIGINT (`Stopped`) or until the parent process is gone."""
        parent = os.getppid()
        poller = select.poll()
        for fd in self.peer:
            poller.register(fd, select.POLLIN)
        next_check = time.monotonic() + PARENT_CHECK_S
        while True:
            wait = self.release()
            now = time.monotonic()
            if now >= next_check:
                if os.getppid() != parent:
                    return  # whoever started the link is gone
                next_check = now + PARENT_CHECK_S
            timeout = min(next_check - now, PARENT_CHECK_S if wait is None else wait)
            # poll() takes whole milliseconds: round up, or a packet would be written early.
            for fd, _event in poller.poll(max(0, int(timeout * 1000 + 0.999))):
                self.take(fd)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.netlink.delay_line")
    parser.add_argument("laptop_dev")
    parser.add_argument("office_dev")
    parser.add_argument("--delay-ms", type=float, default=0.0, help="one way, each direction")
    parser.add_argument("--jitter-ms", type=float, default=0.0, help="± uniform, each direction")
    parser.add_argument("--limit", type=int, default=1000, help="packets held at most (netem's default)")
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args(argv)

    def on_signal(_number: int, _frame: FrameType | None) -> None:
        raise Stopped

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    laptop_fd = open_tun(args.laptop_dev)
    office_fd = open_tun(args.office_dev)
    line = DelayLine(laptop_fd, office_fd, args.delay_ms / 1000, args.jitter_ms / 1000, args.limit, args.seed)
    print("ready", flush=True)
    try:
        line.run()
    except Stopped:
        pass
    finally:
        os.close(laptop_fd)
        os.close(office_fd)
    print(f"forwarded={line.forwarded} dropped={line.dropped}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
