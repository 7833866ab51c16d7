"""The link itself: its delay line gives the round trip asked, its loss filter drops the share
asked, a cut stops traffic, and nothing of it is left behind (tests/netlink/link.py)."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time

import pytest

from tests.netlink.link import BadLink, unavailable

RECEIVER = """
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind((sys.argv[1], 9999))
print("ready", flush=True)
s.settimeout(1.5)
n = 0
try:
    while True:
        s.recv(64)
        n += 1
except TimeoutError:
    pass
print(n, flush=True)
"""


@pytest.fixture(autouse=True)
def _needs_a_link() -> None:
    why = unavailable()
    if why:
        pytest.skip(f"no bad link here: {why}")


def _received(link: BadLink, packets: int) -> int:
    """UDP datagrams head office's side of the link receives of `packets` sent from here."""
    receiver = subprocess.Popen(["ip", "netns", "exec", link.netns, sys.executable, "-c", RECEIVER, link.office_ip],
                                stdout=subprocess.PIPE, text=True)  # fmt: skip
    assert receiver.stdout is not None and receiver.stdout.readline().strip() == "ready"
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sender:
        for number in range(packets):
            with contextlib.suppress(OSError):  # no route while the link is down
                sender.sendto(b"x", (link.office_ip, 9999))
            if number % 50 == 0:
                time.sleep(0.002)
    out, _ = receiver.communicate(timeout=10)
    return int(out.strip())


def test_the_loss_filter_drops_about_the_share_asked() -> None:
    with BadLink(rate_kbit=100_000) as clean:
        assert _received(clean, 3000) == 3000
    with BadLink(rate_kbit=100_000, loss=0.2) as lossy:
        assert 0.15 < 1 - _received(lossy, 3000) / 3000 < 0.25


def test_the_round_trip_is_the_one_asked_with_its_jitter() -> None:
    # 300 ms round trip, ± 10 ms each way (netem's `delay 150ms 10ms` on both ends): the sum of two
    # uniform draws, so within ± 20 ms of 300, spread ~8 ms; + a few ms for the rate and scheduling.
    with BadLink(rate_kbit=512, round_trip_ms=300, jitter_ms=10) as link:
        jittery = link.round_trips(probes=16)
    # Never early; late only by what a busy machine adds to a process's wake-up (a rare sample).
    assert jittery.lost == 0
    assert min(jittery.times_ms) >= 279, jittery.summary()
    assert 292 <= jittery.median_ms <= 310, jittery.summary()
    assert sum(ms <= 330 for ms in jittery.times_ms) >= 13, jittery.summary()
    assert jittery.summary()["stdev_ms"] >= 3, jittery.summary()  # the jitter is there
    with BadLink(rate_kbit=512, round_trip_ms=100) as link:
        steady = link.round_trips(probes=10)
    assert min(steady.times_ms) >= 99.5 and steady.median_ms <= 110, steady.summary()


def test_a_cut_stops_everything_and_nothing_is_left_after() -> None:
    with BadLink(rate_kbit=100_000, round_trip_ms=20) as link:
        link.down()
        assert _received(link, 200) == 0
        link.up()
        assert _received(link, 200) == 200
        names = (link.netns, link.laptop_dev)
        assert link.delay_line is not None
        delay_line = link.delay_line.pid
    assert names[0] not in subprocess.run(["ip", "netns", "list"], capture_output=True, text=True).stdout
    assert subprocess.run(["ip", "link", "show", "dev", names[1]], capture_output=True).returncode != 0
    assert not os.path.exists(f"/proc/{delay_line}")  # the delay line is gone, and its devices with it
