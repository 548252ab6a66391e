"""The agency-file geo probes ``bench/data/geo_agency_r51.jsonl``, ``r52``, ``r63`` and ``r81``.

Issue #16, geo part. Each row is one whole agency transmission (NewsML-G2, NITF, ninjs, ANPA-1312, IPTC 7901) with
hand labels, scored by ``bench/corpus_geo.py --as payload``. Checked here is what scoring relies
on: the keys, ids, a known format and language, region names and ISO countries from the default
region table, a primary region that a labelled country (or ``acceptable``) supports, and that
every payload parses to at least one item through :func:`streams.core.parse.parse`, the parser
the worker runs. Nothing here runs the geo tagger or looks at the text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bench.corpus_geo import PAYLOAD_EXT, UNLOCATED, file_rows
from streams.core.geo.regions import RegionTable
from streams.core.model import RawMessage
from streams.core.parse import parse

DATA = Path(__file__).resolve().parents[3] / "bench" / "data"
FILES = {
    "r51": DATA / "geo_agency_r51.jsonl",
    "r52": DATA / "geo_agency_r52.jsonl",
    "r63": DATA / "geo_agency_r63.jsonl",
    "r81": DATA / "geo_agency_r81.jsonl",
}
#: Files written in other languages only (r81: session 30, non-English agency copy).
NON_ENGLISH = {"r81"}
KEYS = {
    "id",
    "lang",
    "agency",
    "format",
    "source_url",
    "payload",
    "regions",
    "acceptable",
    "countries",
    "tricky_types",
    "why",
    "text",
}
LANGS = {"en", "de", "fr", "es", "it", "pt", "fi", "no", "sv", "da", "tr", "ar"}
TABLE = RegionTable.load()
FILE_ROWS = {tag: file_rows(path) for tag, path in FILES.items()}
ROWS = [row for rows in FILE_ROWS.values() for row in rows]


@pytest.mark.parametrize("tag", sorted(FILES))
def test_rows_have_the_keys_and_numbered_ids(tag: str) -> None:
    rows = FILE_ROWS[tag]
    assert len(rows) >= 30
    for n, row in enumerate(rows, 1):
        assert set(row) == KEYS, row.get("id")
        assert row["id"] == f"agency-{tag}-{n:03d}"
        assert row["lang"] in LANGS, row["id"]
        assert row["format"] in PAYLOAD_EXT, row["id"]
        assert str(row["agency"]).strip() and str(row["why"]).strip(), row["id"]
        assert str(row["source_url"]).startswith(("http://", "https://")), row["id"]
        assert row["text"] == "rewritten", row["id"]
    english = sum(row["lang"] == "en" for row in rows)
    if tag in NON_ENGLISH:
        assert english == 0
    else:
        assert english >= 12 and len(rows) - english >= 12


@pytest.mark.parametrize("row", ROWS, ids=[r["id"] for r in ROWS])
def test_labels_use_the_region_table(row: dict[str, Any]) -> None:
    regions, acceptable = row["regions"], row["acceptable"]
    assert regions and len(set(regions)) == len(regions)
    assert set(regions) <= set(TABLE.regions) | {UNLOCATED}
    assert set(acceptable) <= set(TABLE.regions) and not set(acceptable) & set(regions)
    assert UNLOCATED not in regions or regions == [UNLOCATED]
    for iso in row["countries"]:
        assert TABLE.of(iso), f"{iso} is not in the region table"
    backed = {r for iso in row["countries"] for r in TABLE.of(iso)} | set(acceptable)
    assert set(regions) - {UNLOCATED} <= backed


@pytest.mark.parametrize("row", ROWS, ids=[r["id"] for r in ROWS])
def test_every_payload_parses_to_an_item(row: dict[str, Any]) -> None:
    raw = RawMessage(value=str(row["payload"]).encode(), headers={"wire-source": b"bench"})
    items = parse(raw).items
    assert items and items[0].headline.strip()
