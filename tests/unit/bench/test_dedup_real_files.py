"""The real-republication dedup probes ``bench/data/dedup_real_r51.jsonl`` and later ones.

Shape only: the corpus's keys, the roles, one original a group, every ``of`` pointing at an
item of the same group, measures in [0, 1] and equal to the word 4-shingle measures of the
stored bodies, the rewrite within 0.08 of the source's measures. The probe is untuned, so no
test holds the system's figures on it; ``--file`` is only checked to score every row.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from streams import jsonio

DATA = Path(__file__).resolve().parents[3] / "bench" / "data"

FILES = [
    "dedup_real_r51.jsonl",
    "dedup_real_r52.jsonl",
    "dedup_real_r53.jsonl",
    "dedup_real_r55.jsonl",
]

KEYS = {
    "id",
    "group",
    "event",
    "source_url",
    "outlet",
    "headline",
    "headline_source",
    "body",
    "role",
    "agency",
    "of",
    "why",
    "jaccard",
    "containment",
    "jaccard_of",
    "containment_of",
    "orig_jaccard",
    "orig_containment",
    "text",
}
ROLES = {"original", "republication", "update", "write-up"}
MEASURES = ("jaccard", "containment", "jaccard_of", "containment_of")


def _rows(name: str) -> list[dict[str, Any]]:
    rows = []
    for line in (DATA / name).read_bytes().splitlines():
        if line.strip():
            row = jsonio.loads(line)
            assert isinstance(row, dict)
            rows.append(row)
    return rows


def _infix(name: str) -> str:
    """``dedup_real_r51.jsonl`` -> ``r51``, the id infix its rows carry."""
    match = re.fullmatch(r"dedup_real_(r\d+)\.jsonl", name)
    assert match, name
    return match.group(1)


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i : i + 4]) for i in range(len(words) - 3)}


def _measures(a: str, b: str) -> tuple[float, float]:
    sa, sb = _shingles(a), _shingles(b)
    if not sa or not sb:
        return 0.0, 0.0
    shared = len(sa & sb)
    return shared / len(sa | sb), shared / min(len(sa), len(sb))


@pytest.mark.parametrize("name", FILES)
def test_rows_have_the_corpus_keys_and_known_roles(name: str) -> None:
    rows = _rows(name)
    assert rows
    ids = [row["id"] for row in rows]
    assert len(ids) == len(set(ids))
    for row in rows:
        assert set(row) == KEYS, row["id"]
        assert row["id"].startswith(f"real-{_infix(name)}-")
        assert row["role"] in ROLES
        assert row["headline_source"] == "rewritten"
        assert row["source_url"].startswith(("http://", "https://"))
        assert row["body"].strip() and row["why"].strip() and row["outlet"].strip()


@pytest.mark.parametrize("name", FILES)
def test_each_group_has_one_original_and_links_stay_in_the_group(name: str) -> None:
    rows = _rows(name)
    by_id = {row["id"]: row for row in rows}
    groups: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(row["group"], []).append(row)
    for group, members in groups.items():
        assert [r["role"] for r in members].count("original") == 1, group
        assert len({r["event"] for r in members}) == 1, group
    for row in rows:
        if row["role"] in ("original", "write-up"):
            assert row["of"] is None, row["id"]
        else:
            target = by_id.get(row["of"])
            assert target is not None, row["id"]
            assert target["group"] == row["group"] and target["id"] != row["id"]


@pytest.mark.parametrize("name", FILES)
def test_measures_are_fractions_of_the_stored_bodies(name: str) -> None:
    rows = _rows(name)
    by_id = {row["id"]: row for row in rows}
    original = {row["group"]: row for row in rows if row["role"] == "original"}
    for row in rows:
        if row["role"] == "original":
            assert all(row[k] is None for k in (*MEASURES, "orig_jaccard", "orig_containment"))
            continue
        for key in ("jaccard", "containment", "orig_jaccard", "orig_containment"):
            assert 0.0 <= row[key] <= 1.0, (row["id"], key)
        assert row["jaccard"] <= row["containment"]
        jaccard, containment = _measures(row["body"], original[row["group"]]["body"])
        assert row["jaccard"] == pytest.approx(jaccard, abs=1e-3), row["id"]
        assert row["containment"] == pytest.approx(containment, abs=1e-3), row["id"]
        # the rewrite kept each pair within 0.08 of the source texts' measures
        assert abs(row["jaccard"] - row["orig_jaccard"]) <= 0.08, row["id"]
        assert abs(row["containment"] - row["orig_containment"]) <= 0.08, row["id"]
        if row["of"] is None:
            assert row["jaccard_of"] is None and row["containment_of"] is None
        else:
            jaccard, containment = _measures(row["body"], by_id[row["of"]]["body"])
            assert row["jaccard_of"] == pytest.approx(jaccard, abs=1e-3), row["id"]
            assert row["containment_of"] == pytest.approx(containment, abs=1e-3), row["id"]


@pytest.mark.parametrize("name", FILES)
def test_file_option_scores_every_row_as_one_part(name: str) -> None:
    from bench.corpus_dedup import evaluate_file

    rows = _rows(name)
    counts, outcomes = evaluate_file(DATA / name)
    assert sorted(o.row["id"] for o in outcomes) == sorted(row["id"] for row in rows)
    roles = [row["role"] for row in rows]
    assert (counts.get("rep", 0), counts.get("upd", 0), counts.get("wu", 0)) == (
        roles.count("republication"),
        roles.count("update"),
        roles.count("write-up"),
    )
    assert counts.get("orig", 0) == roles.count("original")
