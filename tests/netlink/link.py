"""A branch's bad link built with the kernel's own tools, and head office on its far side.

    with BadLink(rate_kbit=256, loss=0.02, round_trip_ms=300) as link:  # needs root and `ip netns`
        with LinkOffice(link, tmp_path / "ho") as office:       # `sync.headoffice serve` in the namespace
            ... the laptop (this process) talks to office.url over the link ...
            with link.cuts(every_s=20, down_s=5): ...           # `ip link set DEV down` / `up` on a timer

- a network namespace `bd-link-<pid>-<n>` and a pair of TUN devices, one in it (head office's
  side, 10.231.<n>.2) and one here (the laptop's, 10.231.<n>.1), joined by the delay line
  (tests/netlink/delay_line.py), a small process that forwards each IP packet from one to the
  other `round_trip_ms / 2` ± `jitter_ms` later in each direction;
- `tc qdisc ... tbf` on both devices' egress: the rate in both directions (the queue holds about
  half a second, as a branch router's does; what overflows is dropped and TCP sends it again);
- random loss: a `clsact` qdisc with a classic-BPF `cls_bpf` filter in direct-action mode on both
  devices' egress, `ld rand` (SKF_AD_RANDOM) against a threshold, TC_ACT_SHOT below it;
- link cuts: `ip link set <laptop device> down`, then `up` (the delay line's writes to a device
  that is down fail: what was in flight towards the laptop is lost too).

Why a hand-written delay line: this kernel has no netem (`tc qdisc ... netem` answers "Specified
qdisc kind is unknown"), no sch_fq (whose earliest-departure-time pacing an eBPF program could use
to delay packets) and no NFQUEUE, but it has TUN (CONFIG_TUN, /dev/net/tun). So the delay is the
one element in user space; the rate, the loss and the cuts stay the kernel's, on the TUN devices.
`measure_round_trip` measures what a packet's round trip takes on the built link (UDP echo).

Plain http:// is refused by the laptop for anything but this computer (the token must not cross
a network in clear), so head office serves TLS here, with a throwaway self-signed certificate for
its address on the link that the laptop is given as its CA bundle (the sync setting a branch with a
private CA uses). The server is the real `sync.headoffice serve`; tests/netlink/tls_serve.py only
hands uvicorn the certificate.
"""

from __future__ import annotations

import itertools
import os
import select
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType

import requests

from tests.headoffice.server import START_TIMEOUT_S, HeadOffice, free_port

ROOT = Path(__file__).resolve().parents[2]
PREFIX = "bd-link-"
START_TIMEOUT = 10.0
SKF_AD_RANDOM = 0xFFFFF000 + 56  # SKF_AD_OFF + SKF_AD_RANDOM: classic BPF's `ld rand`
TC_ACT_OK, TC_ACT_SHOT = 0, 2
_numbers = itertools.count()


def unavailable() -> str | None:
    """Why a bad link cannot be built here, or None when it can."""
    if os.geteuid() != 0:
        return "needs root (network namespaces, veth pairs and tc)"
    for tool in ("ip", "tc", "openssl"):
        if shutil.which(tool) is None:
            return f"`{tool}` is not installed (iproute2 / openssl)"
    if not os.path.exists("/dev/net/tun"):
        return "no /dev/net/tun (the kernel's TUN driver, for the link's delay line)"
    probe = subprocess.run(["ip", "netns", "list"], capture_output=True, text=True, check=False)
    if probe.returncode != 0:
        return f"`ip netns` is unavailable: {probe.stderr.strip()}"
    return None


def _run(*command: str) -> None:
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed: {done.stderr.strip()}")


def loss_bytecode(share: float) -> str:
    """Classic BPF for `tc filter ... bpf da bytecode`: drop a random `share` of packets."""
    threshold = min(int(share * 2**32), 2**32 - 1)
    program = [
        (0x20, 0, 0, SKF_AD_RANDOM),  # A = random u32
        (0x35, 0, 1, threshold),  # A >= threshold ? pass : drop
        (0x06, 0, 0, TC_ACT_OK),
        (0x06, 0, 0, TC_ACT_SHOT),
    ]
    return f"{len(program)}," + ",".join(" ".join(str(n) for n in op) for op in program)


def _free_subnet(first: int) -> int:
    """The first of 10.231.<n>.0/30 from `first` on that no device here has an address in (another
    test run, a CI run beside this one, has its own link)."""
    listing = subprocess.run(["ip", "-4", "-o", "addr", "show"], capture_output=True, text=True, check=False).stdout
    for step in range(240):
        subnet = 10 + (first - 10 + step) % 240
        if f" 10.231.{subnet}." not in listing:
            return subnet
    return first


def remove_stale() -> None:
    """Namespaces a killed test run left behind (their process is gone)."""
    listing = subprocess.run(["ip", "netns", "list"], capture_output=True, text=True, check=False).stdout
    for line in listing.splitlines():
        name = line.split()[0] if line.strip() else ""
        if not name.startswith(PREFIX):
            continue
        pid = name[len(PREFIX) :].split("-")[0]
        if pid.isdigit() and not Path(f"/proc/{pid}").exists():
            subprocess.run(["ip", "netns", "del", name], capture_output=True, check=False)


class BadLink:
    """`rate_kbit` each way, `loss` (a share) of packets dropped each way, a round trip of
    `round_trip_ms` (half of it each way) ± `jitter_ms` each way (netem's `delay D J` on both ends),
    and a queue of `queue_ms` at the rate before packets overflow."""

    def __init__(self, rate_kbit: int = 256, loss: float = 0.0, queue_ms: int = 500, round_trip_ms: float = 0.0,
                 jitter_ms: float = 0.0) -> None:  # fmt: skip
        number = next(_numbers)
        self.netns = f"{PREFIX}{os.getpid()}-{number}"
        tag = f"{os.getpid() % 100000}{number}"
        self.laptop_dev, self.office_dev = f"bdl{tag}", f"bdo{tag}"
        subnet = _free_subnet(10 + (os.getpid() * 7 + number) % 240)
        self.laptop_ip, self.office_ip = f"10.231.{subnet}.1", f"10.231.{subnet}.2"
        self.rate_kbit, self.loss, self.queue_ms = rate_kbit, loss, queue_ms
        self.round_trip_ms, self.jitter_ms = round_trip_ms, jitter_ms
        self.cut_count = 0
        self.delay_line: subprocess.Popen[str] | None = None
        self.delay_line_said = ""
        self._built = False
        self._down = False
        self._lock = threading.Lock()

    def __enter__(self) -> BadLink:
        remove_stale()
        try:
            self._build()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def _start_delay_line(self) -> None:
        """The process that makes both TUN devices and joins them (tests/netlink/delay_line.py)."""
        command = [sys.executable, "-m", "tests.netlink.delay_line", self.laptop_dev, self.office_dev,
                   "--delay-ms", str(self.round_trip_ms / 2), "--jitter-ms", str(self.jitter_ms)]  # fmt: skip
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
        self.delay_line = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE,
                                           stderr=subprocess.PIPE, text=True)  # fmt: skip
        assert self.delay_line.stdout is not None
        ready = select.select([self.delay_line.stdout], [], [], START_TIMEOUT)[0]
        if not ready or self.delay_line.stdout.readline().strip() != "ready":
            self._stop_delay_line()
            raise RuntimeError(f"the link's delay line did not start: {self.delay_line_said}")

    def _stop_delay_line(self) -> None:
        """Ends the delay line; its TUN devices go with it."""
        if self.delay_line is None:
            return
        if self.delay_line.poll() is None:
            self.delay_line.terminate()
        try:
            out, err = self.delay_line.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            self.delay_line.kill()
            out, err = self.delay_line.communicate()
        self.delay_line_said = (out + err).strip()
        self.delay_line = None

    def _build(self) -> None:
        self._built = True
        _run("ip", "netns", "add", self.netns)
        self._start_delay_line()
        _run("ip", "link", "set", self.office_dev, "netns", self.netns)
        _run("ip", "addr", "add", f"{self.laptop_ip}/30", "dev", self.laptop_dev)
        _run("ip", "-n", self.netns, "addr", "add", f"{self.office_ip}/30", "dev", self.office_dev)
        _run("ip", "-n", self.netns, "link", "set", "lo", "up")
        for netns, dev in ((None, self.laptop_dev), (self.netns, self.office_dev)):
            ip = ["ip"] if netns is None else ["ip", "-n", netns]
            tc = ["tc"] if netns is None else ["tc", "-n", netns]
            # The TUN's own ring behind the qdisc: room for a burst the delay line has not read yet.
            _run(*ip, "link", "set", dev, "txqueuelen", "2000", "up")
            _run(*tc, "qdisc", "add", "dev", dev, "root", "tbf", "rate", f"{self.rate_kbit}kbit",
                 "burst", "4k", "latency", f"{self.queue_ms}ms")  # fmt: skip
            if self.loss > 0:
                _run(*tc, "qdisc", "add", "dev", dev, "clsact")
                _run(*tc, "filter", "add", "dev", dev, "egress", "bpf", "da", "bytecode", loss_bytecode(self.loss))

    def close(self) -> None:
        if self._built:
            # The TUN devices end with the delay line's descriptors; the deletes are for a
            # device the kernel still held.
            self._stop_delay_line()
            subprocess.run(["ip", "netns", "del", self.netns], capture_output=True, check=False)
            subprocess.run(["ip", "link", "del", self.laptop_dev], capture_output=True, check=False)
            self._built = False

    # ---- the link's state -----------------------------------------------------------------

    def down(self) -> None:
        with self._lock:
            _run("ip", "link", "set", self.laptop_dev, "down")
            self._down = True
            self.cut_count += 1

    def up(self) -> None:
        with self._lock:
            _run("ip", "link", "set", self.laptop_dev, "up")
            self._down = False

    @contextmanager
    def cuts(self, every_s: float, down_s: float, first_s: float | None = None) -> Iterator[None]:
        """While the block runs, the link is cut for `down_s` every `every_s`, the first cut
        starting `first_s` in (by default `every_s - down_s`); up again after the block."""
        stop = threading.Event()

        def cutter() -> None:
            wait = every_s - down_s if first_s is None else first_s
            while not stop.wait(wait):
                self.down()
                stop.wait(down_s)
                self.up()
                wait = every_s - down_s

        thread = threading.Thread(target=cutter, name="link-cuts", daemon=True)
        thread.start()
        try:
            yield
        finally:
            stop.set()
            thread.join()
            if self._down:
                self.up()

    def sent_bytes(self) -> int:
        """Bytes the laptop's end has sent (IP packets, headers included) since it was made."""
        return int(Path(f"/sys/class/net/{self.laptop_dev}/statistics/tx_bytes").read_text())

    def round_trips(self, probes: int = 20, wait_s: float = 2.0) -> RoundTrips:
        """UDP datagrams to an echo in the namespace and back, one at a time: each one's round
        trip in ms (what `ping` shows), and how many never came back (loss, a cut)."""
        echo = subprocess.Popen(["ip", "netns", "exec", self.netns, sys.executable, "-c", UDP_ECHO, self.office_ip],
                                stdout=subprocess.PIPE, text=True)  # fmt: skip
        try:
            assert echo.stdout is not None
            port = int(echo.stdout.readline())
            times: list[float] = []
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
                for number in range(probes):
                    sent = time.monotonic()
                    probe.sendto(number.to_bytes(4, "big"), (self.office_ip, port))
                    while (left := sent + wait_s - time.monotonic()) > 0:
                        probe.settimeout(left)
                        try:
                            reply = probe.recv(64)
                        except TimeoutError:
                            break
                        if reply == number.to_bytes(4, "big"):
                            times.append((time.monotonic() - sent) * 1000)
                            break
        finally:
            echo.kill()
            echo.wait()
        return RoundTrips(times, probes - len(times))


UDP_ECHO = """
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind((sys.argv[1], 0))
print(s.getsockname()[1], flush=True)
while True:
    data, peer = s.recvfrom(64)
    s.sendto(data, peer)
"""


class RoundTrips:
    """Round trips measured on a link, in ms, and the probes lost."""

    def __init__(self, times_ms: list[float], lost: int) -> None:
        self.times_ms, self.lost = times_ms, lost

    @property
    def median_ms(self) -> float:
        return statistics.median(self.times_ms)

    def summary(self) -> dict[str, float | int]:
        """For a report: median, min, max and spread (population standard deviation), and the lost."""
        return {"median_ms": round(self.median_ms, 1), "min_ms": round(min(self.times_ms), 1),
                "max_ms": round(max(self.times_ms), 1), "stdev_ms": round(statistics.pstdev(self.times_ms), 1),
                "probes": len(self.times_ms) + self.lost, "lost": self.lost}  # fmt: skip


def make_certificate(folder: Path, ip: str) -> tuple[Path, Path]:
    """A throwaway self-signed certificate for `ip` (its own CA): (certificate, key)."""
    folder.mkdir(parents=True, exist_ok=True)
    cert, key = folder / "headoffice-cert.pem", folder / "headoffice-key.pem"
    _run("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
         "-keyout", str(key), "-out", str(cert), "-days", "2", "-subj", "/CN=bd-headoffice",
         "-addext", f"subjectAltName=IP:{ip}", "-addext", "basicConstraints=critical,CA:TRUE")  # fmt: skip
    return cert, key


class LinkOffice(HeadOffice):
    """The real head-office server (`sync.headoffice serve`, over TLS) inside the link's namespace."""

    def __init__(self, link: BadLink, workdir: Path) -> None:
        super().__init__(f"sqlite:///{workdir / 'headoffice.db'}", workdir, port=free_port())
        self.link = link
        self.cert, self.key = make_certificate(workdir, link.office_ip)

    @property
    def url(self) -> str:
        return f"https://{self.link.office_ip}:{self.port}"

    def __enter__(self) -> LinkOffice:
        return self.start()

    def start(self) -> LinkOffice:
        assert self.process is None, "already running"
        command = ["ip", "netns", "exec", self.link.netns, sys.executable, "-m", "tests.netlink.tls_serve",
                   str(self.cert), str(self.key), "serve", "--db", self.db_url, "--host", self.link.office_ip,
                   "--port", str(self.port), "--workers", str(self.workers)]  # fmt: skip
        env = {
            **os.environ,
            **self.env,
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        }
        with self.log_path.open("ab") as log:
            # `ip netns exec` execs the command: this process is the server itself.
            self.process = subprocess.Popen(command, cwd=self.workdir, stdout=log, stderr=subprocess.STDOUT, env=env)
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.process = None
                raise RuntimeError(f"the head-office server exited at start:\n{self.log_text()[-3000:]}")
            try:
                if requests.get(f"{self.url}/health", timeout=2, verify=str(self.cert)).status_code == 200:
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"the head-office server did not answer /health in {START_TIMEOUT_S} s")
