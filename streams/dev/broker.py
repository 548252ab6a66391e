"""A local single-node KRaft Kafka broker, run from Maven Central jars.

Used by ``make run``, ``wire broker`` and the test session fixture. The broker is
a child process in its own session, tracked by a pid file under ``<home>/kafka``,
so ``wire broker stop`` works from another shell.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import logging
import os
import re
import shutil
import signal
import socket
import subprocess
import time
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from streams.errors import BrokerError, BrokerUnavailable, ConfigError, WireError

REPO_ROOT = Path(__file__).resolve().parents[2]


def deploy_dir() -> Path:
    path = Path(os.environ.get("WIRE_KAFKA_DEPLOY_DIR", REPO_ROOT / "deploy" / "kafka"))
    if not (path / "pom.xml").is_file():
        raise ConfigError(
            f"no pom.xml in {path}: run from a source checkout or set "
            "WIRE_KAFKA_DEPLOY_DIR to the deploy/kafka folder"
        )
    return path


def kafka_version(deploy: Path | None = None) -> str:
    pom = ((deploy or deploy_dir()) / "pom.xml").read_text()
    match = re.search(r"<kafka\.version>([^<]+)</kafka\.version>", pom)
    if not match:
        raise ConfigError("deploy/kafka/pom.xml has no <kafka.version> property")
    return match.group(1).strip()


def cache_dir() -> Path:
    return Path(os.environ.get("WIRE_CACHE", REPO_ROOT / ".cache"))


def fetch_jars(quiet: bool = True) -> Path:
    """Copy Kafka's runtime jars from Maven Central once; return the folder."""
    deploy = deploy_dir()
    libs = cache_dir() / "kafka" / kafka_version(deploy) / "libs"
    marker = libs / ".complete"
    if marker.exists():
        return libs
    mvn = shutil.which("mvn")
    if mvn is None:
        raise BrokerError(
            "Maven (mvn) is not on PATH; install it (apt-get install maven) "
            "or point WIRE_BOOTSTRAP at an existing Kafka"
        )
    libs.mkdir(parents=True, exist_ok=True)
    cmd = [
        mvn,
        "-B",
        "-f",
        str(deploy / "pom.xml"),
        "dependency:copy-dependencies",
        "-DincludeScope=runtime",
        f"-DoutputDirectory={libs}",
    ]
    if quiet:
        cmd.insert(1, "-q")
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        tail = "\n".join((proc.stdout + proc.stderr).splitlines()[-20:])
        raise BrokerError(f"mvn could not fetch the Kafka jars (exit {proc.returncode}):\n{tail}")
    marker.touch()
    return libs


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def port_open(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0


@contextlib.contextmanager
def quiet_kafka_logs() -> Iterator[None]:
    """aiokafka logs each refused connection at ERROR: noise while we poll for readiness."""
    log = logging.getLogger("aiokafka")
    level = log.level
    log.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        log.setLevel(level)


def cluster_id() -> str:
    """22-character base64url id, as ``kafka-storage random-uuid`` prints.

    Like Kafka's own ``Uuid.randomUuid``, never one that starts with ``-``: the storage
    tool would read it as an option (1 start in 64 failed with "expected one argument").
    """
    while True:
        cid = base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
        if not cid.startswith("-"):
            return cid


async def wait_ready(
    bootstrap: str,
    timeout: float,
    client: Mapping[str, Any] | None = None,
    brokers: int = 1,
) -> None:
    """Wait until an admin client gets cluster metadata: an open port is not enough.

    ``client`` holds extra aiokafka options (security) for a secured listener;
    ``brokers`` is how many brokers must have registered (a cluster).
    """
    from aiokafka.admin import AIOKafkaAdminClient

    deadline = time.monotonic() + timeout
    last: Exception | None = None
    with quiet_kafka_logs():
        while time.monotonic() < deadline:
            admin = AIOKafkaAdminClient(
                bootstrap_servers=bootstrap, request_timeout_ms=3000, **dict(client or {})
            )
            try:
                await admin.start()
                info = await admin.describe_cluster()
                if len(info.get("brokers") or ()) >= brokers and info.get("controller_id", -1) >= 0:
                    return
            except Exception as exc:  # any client error means: not ready yet
                last = exc
            finally:
                with contextlib.suppress(Exception):
                    await admin.close()
            await asyncio.sleep(0.3)
    raise BrokerUnavailable(f"broker at {bootstrap} not ready after {timeout:.0f}s ({last!r})")


def merge_properties(template: str, overrides: Mapping[str, str]) -> str:
    """The template with each overridden key's line replaced (in place) or appended."""
    lines = template.splitlines()
    done: set[str] = set()
    for i, line in enumerate(lines):
        key = line.split("=", 1)[0].strip()
        if not line.lstrip().startswith("#") and "=" in line and key in overrides:
            lines[i] = f"{key}={overrides[key]}"
            done.add(key)
    lines.extend(f"{k}={v}" for k, v in overrides.items() if k not in done)
    return "\n".join(lines) + "\n"


@dataclass
class LocalBroker:
    """One broker's files: ``<home>/kafka/{data,server.properties,broker.log,broker.pid}``.

    The defaults make the single-node PLAINTEXT broker of ``make run``; the optional
    fields turn it into a secured broker or one node of a cluster
    (:mod:`streams.dev.cluster`) without another template.
    """

    home: Path
    port: int = 9092
    node_id: int = 1
    heap: str = "512m"
    #: Properties replacing or adding to the template's; values may use its ``${...}`` names.
    overrides: dict[str, str] = field(default_factory=dict)
    #: ``--add-scram`` values for the storage format, e.g. ``SCRAM-SHA-512=[name=u,password=p]``.
    scram: list[str] = field(default_factory=list, repr=False)
    #: aiokafka security options for the readiness check when the client listener is secured.
    client: dict[str, Any] = field(default_factory=dict, repr=False)
    #: Fixed controller port (a cluster's voters must not move); 0 picks a free one.
    controller_port: int = 0
    #: Shared cluster id for the nodes of one cluster; empty makes a new one at format time.
    cluster: str = ""
    _proc: subprocess.Popen[bytes] | None = field(default=None, repr=False, compare=False)

    @property
    def dir(self) -> Path:
        return self.home / "kafka"

    @property
    def bootstrap(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def log_path(self) -> Path:
        return self.dir / "broker.log"

    @property
    def pid_path(self) -> Path:
        return self.dir / "broker.pid"

    def pid(self) -> int | None:
        try:
            pid = int(self.pid_path.read_text().split()[0])
        except (FileNotFoundError, ValueError, IndexError):
            return None
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return None
        except PermissionError:
            return pid
        return pid

    def recorded_port(self) -> int | None:
        try:
            return int(self.pid_path.read_text().split()[1])
        except (FileNotFoundError, ValueError, IndexError):
            return None

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except FileNotFoundError:
            return "(no broker log)"

    def _configure(self, libs: Path) -> Path:
        deploy = deploy_dir()
        data = self.dir / "data"
        props = self.dir / "server.properties"
        controller_port = self.controller_port or free_port()
        text = merge_properties((deploy / "server.properties").read_text(), self.overrides)
        for name, value in (
            ("PORT", self.port),
            ("CONTROLLER_PORT", controller_port),
            ("NODE_ID", self.node_id),
            ("DATA_DIR", data),
        ):
            text = text.replace("${" + name + "}", str(value))
        props.write_text(text)
        if not (data / "meta.properties").exists():
            data.mkdir(parents=True, exist_ok=True)
            scram = [arg for value in self.scram for arg in ("--add-scram", value)]
            proc = subprocess.run(
                [
                    "java",
                    "-cp",
                    f"{libs}/*",
                    "kafka.tools.StorageTool",
                    "format",
                    "-t",
                    self.cluster or cluster_id(),
                    "-c",
                    str(props),
                    *scram,
                ],
                capture_output=True,
                text=True,
                check=False,
            )
            if proc.returncode != 0:
                raise BrokerError(
                    "formatting the broker storage failed:\n" + (proc.stdout + proc.stderr)[-3000:]
                )
        return props

    def start(self, timeout: float = 90.0) -> float:
        """Start (or find running) and wait until ready; returns seconds it took."""
        began = time.monotonic()
        if self.pid() is not None:
            port = self.recorded_port()
            if port is not None:
                self.port = port
            asyncio.run(wait_ready(self.bootstrap, timeout, self.client))
            return time.monotonic() - began
        proc = self.launch()
        try:
            asyncio.run(self._wait_started(proc, timeout))
        except WireError as exc:
            self.stop()
            raise BrokerError(
                f"{exc.message}\n--- last lines of {self.log_path} ---\n{self.log_tail()}"
            ) from exc
        return time.monotonic() - began

    def launch(self) -> subprocess.Popen[bytes]:
        """Configure (format once) and spawn the JVM without waiting for it to be ready."""
        if port_open(self.port):
            raise BrokerError(
                f"port {self.port} is already taken by another program; "
                "choose another with --port (or WIRE_BOOTSTRAP) or stop it"
            )
        if shutil.which("java") is None:
            raise BrokerError("java is not on PATH; Kafka needs Java 17 or newer")
        libs = fetch_jars()
        self.dir.mkdir(parents=True, exist_ok=True)
        props = self._configure(libs)
        log4j = deploy_dir() / "log4j2.yaml"
        cmd = [
            "java",
            f"-Xmx{self.heap}",
            f"-Xms{self.heap}",
            "-XX:+UseG1GC",
            "-XX:TieredStopAtLevel=1",
            "-Djava.awt.headless=true",
            f"-Dlog4j2.configurationFile={log4j}",
            "-Dkafka.logs.dir=" + str(self.dir),
            "-cp",
            f"{libs}/*",
            "kafka.Kafka",
            str(props),
        ]
        with open(self.log_path, "ab") as log:
            proc = subprocess.Popen(
                cmd,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        self._proc = proc
        self.pid_path.write_text(f"{proc.pid} {self.port}\n")
        return proc

    async def _wait_started(self, proc: subprocess.Popen[bytes], timeout: float) -> None:
        waiter = asyncio.ensure_future(wait_ready(self.bootstrap, timeout, self.client))
        while not waiter.done():
            if proc.poll() is not None:
                waiter.cancel()
                raise BrokerError(f"the broker exited with code {proc.returncode} during start")
            await asyncio.sleep(0.2)
        await waiter

    def stop(self, timeout: float = 30.0) -> bool:
        """SIGTERM, then SIGKILL after ``timeout``; returns whether a broker was running."""
        pid = self.pid()
        if pid is None:
            self.pid_path.unlink(missing_ok=True)
            return False
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and _alive(pid):
            time.sleep(0.2)
        if _alive(pid):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pid, signal.SIGKILL)
        self._reap()
        self.pid_path.unlink(missing_ok=True)
        return True

    def _reap(self) -> None:
        if self._proc is not None:
            self._proc.wait()
            self._proc = None

    def kill(self) -> None:
        """Hard stop (SIGKILL), for fault tests."""
        pid = self.pid()
        if pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pid, signal.SIGKILL)
            while _alive(pid):
                time.sleep(0.05)
            self._reap()


def _alive(pid: int) -> bool:
    try:
        waited, _ = os.waitpid(pid, os.WNOHANG)
        if waited == pid:
            return False
    except ChildProcessError:
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True
