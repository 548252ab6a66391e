"""Child processes of tests, bench and the demo: a worker (or ingest, or a baseline) in
its own session with its own log, stopped by TERM and then KILL.

Written once here instead of four times (integration conftest, ingest support, bench/e2e,
bench/recovery, the demo).
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from streams.errors import WorkerExited


def wire_command(*args: str) -> list[str]:
    """``python -m streams ARGS`` with this interpreter."""
    return [sys.executable, "-m", "streams", *args]


@dataclass
class ChildProcess:
    """One subprocess in a session of its own (so its children stop with it), logging to
    ``log_path``; ``start`` again after a stop or kill appends to the same log."""

    cmd: list[str]
    env: dict[str, str]
    log_path: Path
    cwd: Path | None = None
    name: str = ""
    proc: subprocess.Popen[bytes] | None = field(default=None, repr=False)
    starts: int = 0

    def start(self) -> None:
        self.starts += 1
        with open(self.log_path, "ab") as log:
            log.write(f"\n===== start {self.starts} =====\n".encode())
            log.flush()
            self.proc = subprocess.Popen(
                self.cmd,
                env=self.env,
                cwd=self.cwd,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def wait_until(self, ready: Callable[[], bool], timeout: float, what: str) -> None:
        """Poll ``ready`` until true; :class:`WorkerExited` (with the log's tail) if the
        process exits first or ``timeout`` passes."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc is None or self.proc.poll() is not None:
                code = None if self.proc is None else self.proc.returncode
                raise WorkerExited(f"{self.label} exited with {code}:\n{self.tail()}")
            if ready():
                return
            time.sleep(0.3)
        raise WorkerExited(f"{self.label}: {what} not after {timeout:.0f}s:\n{self.tail()}")

    def wait_http(self, url: str, timeout: float = 90.0) -> None:
        """Until ``url`` answers 200."""

        def up() -> bool:
            with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=2) as resp:
                return bool(resp.status == 200)
            return False

        self.wait_until(up, timeout, f"{url} answering")

    def stop(self, timeout: float = 30.0) -> None:
        """TERM to the session, KILL after ``timeout`` seconds."""
        if self.proc is None or self.proc.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.kill()

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()

    def tail(self, lines: int = 60) -> str:
        text = self.log_path.read_text(errors="replace") if self.log_path.exists() else ""
        return "\n".join(text.splitlines()[-lines:])

    @property
    def label(self) -> str:
        return self.name or " ".join(self.cmd[2:4]) or "process"


@dataclass
class WorkerProcess(ChildProcess):
    """``wire worker`` with its web server on ``web_port`` (ready = ``/wire/stats`` answers)."""

    web_port: int = 0
    host: str = "127.0.0.1"

    @classmethod
    def wire(
        cls, env: dict[str, str], log_path: Path, web_port: int, level: str = "info"
    ) -> WorkerProcess:
        return cls(wire_command("worker", "-l", level), env, log_path, web_port=web_port)

    @property
    def web(self) -> str:
        return f"http://{self.host}:{self.web_port}/wire/"

    def wait_web(self, timeout: float = 90.0) -> None:
        self.wait_http(self.web + "stats", timeout)
