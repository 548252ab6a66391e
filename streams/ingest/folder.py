"""A drop folder (FTP/SFTP target): complete files to ``wire.raw``, then to ``done/``.

Order of effects per batch: read, send, await every acknowledgement, then move each
file to ``done/``. A kill -9 anywhere leaves the unmoved files in the folder, and the
next start sends them again under the same key (source, name, content hash), so the
copy is recognisable and the worker's dedup records it as a duplicate; no file is
ever moved before Kafka has it. Unreadable or oversized files go to ``failed/`` with
a ``.reason`` file next to them.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import mimetypes
import os
import time
from pathlib import Path

import watchfiles

from streams.ingest.config import FolderSource
from streams.ingest.entries import message_key
from streams.ingest.ledger import IngestPublisher
from streams.ingest.policy import Settler, SourceStatus, is_temporary
from streams.kafka.clients import RawPayload

log = logging.getLogger(__name__)
BATCH = 100
#: The folder's own subfolders, never taken as deliveries (even if replaced by a file).
RESERVED = ("done", "failed")


class FolderIngest:
    def __init__(
        self,
        source: FolderSource,
        publisher: IngestPublisher,
        status: SourceStatus,
        max_bytes: int,
    ) -> None:
        self.source = source
        self.publisher = publisher
        self.status = status
        self.max_bytes = max_bytes
        self.settler = Settler(source.settle)
        self.done = source.path / "done"
        self.failed = source.path / "failed"
        self._changed = asyncio.Event()
        #: Files Kafka acked whose move failed (name -> key): moved later, not sent again.
        self._unmoved: dict[str, bytes] = {}

    async def run(self, stop: asyncio.Event) -> None:
        for d in (self.source.path, self.done, self.failed):
            d.mkdir(parents=True, exist_ok=True)
        watcher = asyncio.create_task(self._watch(stop))
        try:
            while not stop.is_set():
                try:
                    more = await self.scan_once()
                    self.status.success(time.time())
                except Exception as exc:  # keep the source alive; the status shows it
                    log.warning("folder %s: %s", self.source.name, exc)
                    self.status.error(f"{type(exc).__name__}: {exc}", time.time())
                    more = False
                if more:
                    continue
                wait = self.source.rescan
                if self.settler.waiting():
                    wait = min(wait, max(0.1, self.source.settle / 2))
                self._changed.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(_first(self._changed, stop), wait)
        finally:
            watcher.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await watcher

    async def _watch(self, stop: asyncio.Event) -> None:
        """Wake the scanner on file-system events; the periodic rescan covers missed ones."""
        try:
            async for _ in watchfiles.awatch(
                self.source.path, stop_event=stop, recursive=False, debounce=200, step=50
            ):
                self._changed.set()
        except Exception as exc:
            log.warning("folder %s: watch stopped (%s); rescanning only", self.source.name, exc)

    def _ready(self) -> list[Path]:
        now = time.monotonic()
        ready: list[Path] = []
        names: set[str] = set()
        with os.scandir(self.source.path) as it:
            for entry in sorted(it, key=lambda e: e.name):
                if (
                    is_temporary(entry.name)
                    or entry.name in RESERVED
                    or not entry.is_file(follow_symlinks=False)
                ):
                    continue
                names.add(entry.name)
                st = entry.stat(follow_symlinks=False)
                if self.settler.observe(entry.name, st.st_size, st.st_mtime_ns, now):
                    ready.append(Path(entry.path))
        self.settler.keep_only(names)
        self.status.backlog = len(names)
        return ready

    async def scan_once(self) -> bool:
        """Deliver up to one batch of complete files; True when more are ready."""
        ready = await asyncio.to_thread(self._ready)
        batch: list[tuple[Path, bytes, RawPayload]] = []
        more = False
        for path in ready:
            if len(batch) >= BATCH:
                more = True
                break
            try:
                size = path.stat().st_size
                if size == 0:
                    self._fail(path, "empty file (0 bytes)")
                    continue
                if size > self.max_bytes:
                    self._fail(path, f"{size} bytes, over WIRE_MAX_RAW_BYTES ({self.max_bytes})")
                    continue
                data = await asyncio.to_thread(path.read_bytes)
            except FileNotFoundError:
                self.settler.forget(path.name)
                continue
            except OSError as exc:
                self._fail(path, f"cannot read: {exc.strerror or exc}")
                continue
            digest = hashlib.sha256(data).hexdigest()
            key = message_key(self.source.name, path.name, digest)
            if self._unmoved.get(path.name) == key:
                self._move_done(path)  # already in Kafka: only the move is left
                continue
            ctype, _ = mimetypes.guess_type(path.name)
            payload = RawPayload(data, self.source.name, path.name, ctype, self.source.format)
            batch.append((path, key, payload))
        if batch:
            await self.publisher.deliver([(key, p) for _, key, p in batch])
            self.status.delivered(len(batch), time.time())
            for path, key, _ in batch:
                self._unmoved[path.name] = key
                self._move_done(path)
            log.info("folder %s: delivered %d file(s)", self.source.name, len(batch))
        return more

    def _move_done(self, path: Path) -> None:
        try:
            self._move(path, self.done)
        except OSError as exc:
            self.status.error(f"cannot move {path.name} to done/: {exc}", time.time())
            return
        self._unmoved.pop(path.name, None)

    def _move(self, path: Path, folder: Path) -> Path:
        target = folder / path.name
        if target.exists():
            target = folder / f"{path.name}.{time.time_ns()}"
        os.replace(path, target)
        self.settler.forget(path.name)
        return target

    def _fail(self, path: Path, reason: str) -> None:
        log.warning("folder %s: %s -> failed/: %s", self.source.name, path.name, reason)
        try:
            target = self._move(path, self.failed)
            target.with_name(target.name + ".reason").write_text(reason + "\n")
        except OSError as exc:
            self.status.error(f"cannot move {path.name} to failed/: {exc}", time.time())
            return
        self.status.error(f"{path.name}: {reason}", time.time())


async def _first(changed: asyncio.Event, stop: asyncio.Event) -> None:
    """Return when either event is set."""
    tasks = [asyncio.create_task(changed.wait()), asyncio.create_task(stop.wait())]
    try:
        await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for t in tasks:
            t.cancel()
