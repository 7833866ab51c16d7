"""The link itself: its loss filter drops the share asked, a cut stops traffic, and nothing of it
is left behind (tests/netlink/link.py)."""

from __future__ import annotations

import contextlib
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


def test_a_cut_stops_everything_and_nothing_is_left_after() -> None:
    with BadLink(rate_kbit=100_000) as link:
        link.down()
        assert _received(link, 200) == 0
        link.up()
        assert _received(link, 200) == 200
        names = (link.netns, link.laptop_dev)
    assert names[0] not in subprocess.run(["ip", "netns", "list"], capture_output=True, text=True).stdout
    assert subprocess.run(["ip", "link", "show", "dev", names[1]], capture_output=True).returncode != 0
