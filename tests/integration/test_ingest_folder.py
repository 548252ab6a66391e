"""Issue #18: a drop folder with a slow writer and a kill -9 of the ingest process mid-batch.

A partial file is never sent, empty and oversized ones go to ``failed/`` with a reason;
after the kill and a restart every file is on
``wire.raw`` once, or repeated with the same key and the same bytes, and the worker
records the repeat as a duplicate (``wire audit``: nothing missing, nothing unrouted).
"""

from __future__ import annotations

import asyncio
import os
from collections import defaultdict
from pathlib import Path

from streams.commands.audit import audit_until_complete

from .conftest import Service
from .ingest_support import ingest_process, wait_until

FILES = 200
STUCK = 60
PLACES = [
    ("LISBON", "Portugal"),
    ("NAIROBI", "Kenya"),
    ("MANILA", "the Philippines"),
    ("LIMA", "Peru"),
    ("AMMAN", "Jordan"),
    ("WARSAW", "Poland"),
]


def story(i: int) -> bytes:
    city, country = PLACES[i % len(PLACES)]
    return (
        f"Water board in {country} approves plan number {i}\n"
        f"{city} (WNA) - The water board in {country} approved plan number {i} on Monday, "
        f"officials in {city} said; work on {i % 17 + 2} reservoirs starts next year. (WNA)\n"
    ).encode()


def drop(folder: Path, name: str, data: bytes) -> None:
    """What a careful uploader does: write under a temporary name, then rename."""
    tmp = folder / f".{name}.part"
    tmp.write_bytes(data)
    os.replace(tmp, folder / name)


async def slow_write(path: Path, data: bytes, pieces: int = 8, pause: float = 0.4) -> None:
    """A slow FTP upload in place: the file grows for a few seconds."""
    step = len(data) // pieces + 1
    with open(path, "wb") as f:  # noqa: ASYNC230 - a few small local writes
        for start in range(0, len(data), step):
            f.write(data[start : start + step])
            f.flush()
            await asyncio.sleep(pause)


async def test_slow_writer_and_kill_9_mid_batch(service: Service) -> None:
    service.worker()
    inbox = service.home / "inbox"
    inbox.mkdir()
    sources = f"""
[[source]]
name = "agency-drop"
kind = "folder"
path = "{inbox}"
settle = 1
rescan = 5
"""
    ingest = ingest_process(service, sources)
    raw = service.topics.raw
    try:
        ingest.start()
        # A slow writer: the file keeps growing for ~3 s, longer than the settle time.
        long_story = story(9999) * 40
        await slow_write(inbox / "slow-upload.txt", long_story)
        (inbox / "skip-me.tmp").write_bytes(b"a temporary upload, never taken")
        (inbox / "empty.txt").write_bytes(b"")
        (inbox / "too-big.txt").write_bytes(b"x" * (service.settings.max_raw_bytes + 1))
        [rec] = await service.wait_for([raw], 1, timeout=30)
        assert rec.value == long_story and rec.headers["wire-filename"] == b"slow-upload.txt"

        def moved() -> int:
            return sum(1 for p in (inbox / "done").iterdir() if p.name.startswith("story-"))

        def all_moved() -> bool:
            return not any(p.name.startswith("story-") for p in inbox.iterdir())

        # A batch of files, and a kill -9 as soon as the first of them are moved to done/:
        # the rest of the batch is in Kafka, on its way, or not sent yet.
        for i in range(FILES):
            drop(inbox, f"story-{i:04d}.txt", story(i))
        await wait_until(lambda: moved() > 0, 30, "the first moved file")
        ingest.kill()
        print(f"\nkill -9 with {moved()} of {FILES} files moved to done/")
        ingest.start()
        await wait_until(all_moved, 90, "every file moved to done/")

        # The worst moment, made certain: every file of a batch acked by Kafka and none moved
        # (done/ is a plain file, so moves fail), then kill -9 and a restart.
        (inbox / "done").rename(inbox / "done-kept")
        (inbox / "done").write_bytes(b"")
        before = len(await service.read(raw))
        for i in range(FILES, FILES + STUCK):
            drop(inbox, f"story-{i:04d}.txt", story(i))
        await service.wait_for([raw], before + STUCK, timeout=60)
        status = ingest.source("agency-drop")
        assert "cannot move" in status["last_error"], status
        ingest.kill()
        (inbox / "done").unlink()
        (inbox / "done-kept").rename(inbox / "done")
        ingest.start()
        await wait_until(all_moved, 90, "every file moved to done/ after the restart")

        got = await service.read(raw)
        by_name: dict[bytes, list[tuple[bytes | None, bytes]]] = defaultdict(list)
        for r in got:
            by_name[r.headers["wire-filename"]].append((r.key, r.value))
        names = {f"story-{i:04d}.txt".encode() for i in range(FILES + STUCK)}
        assert set(by_name) == names | {b"slow-upload.txt"}
        resent = 0
        for name, copies in by_name.items():
            assert len({key for key, _ in copies}) == 1, name  # a repeat has the same key
            assert len({value for _, value in copies}) == 1, name
            resent += len(copies) - 1
        print(f"{resent} file(s) re-sent with the same key after the restarts")
        assert resent >= STUCK  # every stuck file was sent again, under the same key
        assert len(list((inbox / "done").iterdir())) == FILES + STUCK + 1
        assert (inbox / "skip-me.tmp").exists()
        failed = {p.name: p for p in (inbox / "failed").iterdir()}
        assert set(failed) == {"empty.txt", "empty.txt.reason", "too-big.txt", "too-big.txt.reason"}
        assert "empty" in failed["empty.txt.reason"].read_text()
        assert "over WIRE_MAX_RAW_BYTES" in failed["too-big.txt.reason"].read_text()

        # The worker absorbs the repeats: nothing missing, every repeat a duplicate.
        report = await audit_until_complete(service.settings, 120)
        assert report.raw_messages == FILES + STUCK + 1 + resent
        assert report.missing == [], report.summary()
        assert report.unrouted_originals == [], report.summary()
        assert report.duplicate_records >= resent, report.summary()
    finally:
        ingest.stop()
