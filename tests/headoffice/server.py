"""The real head-office server in a subprocess on 127.0.0.1, for tests (ours and the sync client's).

    office = HeadOffice("sqlite:///" + str(tmp_path / "ho.db"), tmp_path)
    office.start()                      # `python -m sync.headoffice serve` on a free port
    token = office.add_manager("BJ0107")
    ... requests to office.url ...
    office.restart(); office.stop()     # or: with HeadOffice(...) as office:

`records()` reads what the server holds straight from its database, to count deliveries.
The server creates (or upgrades) its tables as it starts, so `add_manager()` and `records()`
are for a started server, or a database an earlier one made.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from types import TracebackType
from typing import Any

import requests
from sqlalchemy import select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import undefer

from sync.headoffice import store
from sync.headoffice.db import Record, make_engine, session_factory

START_TIMEOUT_S = 30.0
STOP_TIMEOUT_S = 10.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class HeadOffice:
    def __init__(
        self,
        db_url: str,
        workdir: Path,
        *,
        port: int | None = None,
        workers: int = 1,
        env: dict[str, str] | None = None,
    ) -> None:
        workdir.mkdir(parents=True, exist_ok=True)
        url = make_url(db_url)
        if url.get_backend_name() == "sqlite" and url.database and not Path(url.database).is_absolute():
            # The server runs in `workdir`: resolve there, so this process reads the same file.
            db_url = url.set(database=str(workdir / url.database)).render_as_string(hide_password=False)
        self.db_url = db_url
        self.workdir = workdir
        self.port = port or free_port()
        self.workers = workers
        self.env = env or {}
        self.log_path = workdir / f"headoffice-{self.port}.log"
        self.process: subprocess.Popen[bytes] | None = None
        self._engine = make_engine(db_url)
        self._sessions = session_factory(self._engine)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    # ---- the process -----------------------------------------------------------------

    def start(self) -> HeadOffice:
        """Starts `serve` on the same port and database as before, and waits for /health."""
        assert self.process is None, "already running"
        command = [sys.executable, "-m", "sync.headoffice", "serve", "--db", self.db_url,
                   "--host", "127.0.0.1", "--port", str(self.port), "--workers", str(self.workers)]  # fmt: skip
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(command, cwd=self.workdir, stdout=log, stderr=subprocess.STDOUT,
                                            env={**os.environ, **self.env})  # fmt: skip
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.process = None
                raise RuntimeError(f"the head-office server exited at start:\n{self.log_text()[-3000:]}")
            try:
                if requests.get(f"{self.url}/health", timeout=1).status_code == 200:
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"the head-office server did not answer /health in {START_TIMEOUT_S} s")

    def stop(self) -> None:
        """A graceful stop (SIGTERM, as a service manager does); SIGKILL if it hangs."""
        if self.process is None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None

    def kill(self) -> None:
        """A crash: SIGKILL, no chance to finish anything."""
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None

    def restart(self) -> None:
        self.stop()
        self.start()

    def close(self) -> None:
        self.stop()
        self._engine.dispose()

    def __enter__(self) -> HeadOffice:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def log_text(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace") if self.log_path.exists() else ""

    # ---- head office's staff and database ---------------------------------------------

    def add_manager(self, code: str, name: str = "测试经理") -> str:
        """A manager and their token (as `add-manager` does, without a process per call)."""
        return store.add_manager(self._sessions, code, name)

    def decide(self, record_id: str, status: str, *options: str) -> dict[str, Any]:
        """Runs the real `decide` command, e.g. decide(rid, "issued", "--policy-number", "P1")."""
        done = subprocess.run(
            [sys.executable, "-m", "sync.headoffice", "decide", record_id, status, *options, "--db", self.db_url],
            cwd=self.workdir, capture_output=True, text=True, check=False,
        )  # fmt: skip
        if done.returncode != 0:
            raise RuntimeError(f"decide exited {done.returncode}: {done.stderr.strip()}")
        return dict(json.loads(done.stdout))

    def cli(self, *args: str) -> subprocess.CompletedProcess[str]:
        """Runs a real `branchdesk-headoffice` command on this office's database."""
        return subprocess.run(
            [sys.executable, "-m", "sync.headoffice", *args, "--db", self.db_url],
            cwd=self.workdir, capture_output=True, text=True, check=False,
        )  # fmt: skip

    def command(self, *args: str) -> dict[str, Any]:
        """A command that prints one JSON object (letter, reply, reply-request); RuntimeError if refused."""
        done = self.cli(*args)
        if done.returncode != 0:
            raise RuntimeError(f"{args[0]} exited {done.returncode}: {done.stderr.strip()}")
        return dict(json.loads(done.stdout))

    def answers(self) -> list[dict[str, Any]]:
        """What head office holds of the laptops' answers (`answers --json`)."""
        return list(store.answers(self._sessions))

    def records(self, kind: str | None = None) -> list[Record]:
        """What head office holds, in the order it was received."""
        query = select(Record).options(undefer(Record.body)).order_by(Record.seq)
        if kind is not None:
            query = query.where(Record.kind == kind)
        with self._sessions() as session:
            return list(session.scalars(query))
