"""The shared labelled real-news corpus (``../shared/corpus/``), split once into dev and held-out.

The split is a fixed hash of a key, so it never changes and needs no stored list: a geo item
is its own event (key ``id``); a dedup item is split by ``event``, so a story, its
republications, its updates and the write-ups of the same event always land in the same part.
About 30% of keys are held out. Tune on ``dev`` only; report both.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal

from streams import jsonio

Part = Literal["dev", "heldout", "all"]

#: ../shared/corpus next to the project root; WIRE_CORPUS overrides it.
CORPUS_DIR = Path(
    os.environ.get("WIRE_CORPUS", Path(__file__).resolve().parents[2] / "shared" / "corpus")
)
HELDOUT_PERCENT = 30


def part_of(key: str) -> Literal["dev", "heldout"]:
    digest = hashlib.sha256(key.encode("utf-8")).digest()
    return "heldout" if int.from_bytes(digest[:4], "big") % 100 < HELDOUT_PERCENT else "dev"


def split_key(name: str, row: dict[str, Any]) -> str:
    return str(row["event"]) if name.startswith("dedup") else str(row["id"])


def available(name: str = "geo_en") -> bool:
    return (CORPUS_DIR / f"{name}.jsonl").is_file()


def rows(name: str, part: Part = "all") -> Iterator[dict[str, Any]]:
    """Rows of ``<name>.jsonl`` (``geo_en``, ``geo_multilingual``, ``dedup_pairs``) in one part."""
    path = CORPUS_DIR / f"{name}.jsonl"
    for line in path.read_bytes().splitlines():
        if not line.strip():
            continue
        row = jsonio.loads(line)
        assert isinstance(row, dict)
        if part == "all" or part_of(split_key(name, row)) == part:
            yield row


def file_rows(path: Path) -> list[dict[str, Any]]:
    """The rows of a project-owned labelled file with the corpus's keys (one JSON object a
    line): a probe, all of it dev (the project wrote it)."""
    rows: list[dict[str, Any]] = []
    for line in path.read_bytes().splitlines():
        if line.strip():
            row = jsonio.loads(line)
            assert isinstance(row, dict)
            rows.append(row)
    return rows
