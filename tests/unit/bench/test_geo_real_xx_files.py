"""The non-English real-news geo probes ``bench/data/geo_real_xx_a47.jsonl`` and later ones.

Each was written as an untuned probe (issue #16, the non-English target): three rows in each of
eleven languages, sampled with one plain topic query per slot, plus at most three rows added to
give a region with no row one (``bench/data/README.md`` has each file's section). They are read the
way ``bench/corpus_geo.py --file`` reads every ``geo_real_*`` file (:func:`bench.corpus_geo.
file_rows`) and checked for what scoring relies on: the corpus keys, region names from the
default region table, ISO countries the table knows, a primary region that one of the row's
countries (or ``acceptable``) supports, unique ids and source URLs, the languages the README
promises, and that no page is reused from another ``geo_real_*`` file, from each other or from
the corpus's dev part. Nothing here runs the geo tagger on them: the lead scores them once
(xx_a48, xx_a49 and xx_a50 were spent in session 22, xx_a47 stays a probe). ``xx_a54`` (helper
hgeo54) was sampled differently, for the languages agencies write and six rows per region, so it
has its own language and region checks and shares every other one; ``xx_a56`` (helper hgeo56,
session 24) likewise, sampled for agency and wire copy (datelines, foreign desks).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from bench import corpus
from bench.corpus_geo import file_rows

from .test_geo_real_untuned_files import KEYS, TABLE, check_labels  # the same keys and checks

DATA = Path(__file__).resolve().parents[3] / "bench" / "data"
# One entry per file; a later helper's file joins this tuple (the checks are the same).
FILES = (
    "geo_real_xx_a47.jsonl",
    "geo_real_xx_a48.jsonl",
    "geo_real_xx_a49.jsonl",
    "geo_real_xx_a50.jsonl",
)
# Files sampled per language group and per region rather than three rows per language.
REGION_FILES = ("geo_real_xx_a54.jsonl", "geo_real_xx_a56.jsonl")
ALL_FILES = FILES + REGION_FILES
LANGS = ("de", "fr", "es", "it", "pt", "fi", "no", "sv", "da", "ar", "tr")
PER_LANG = 3
EXTRA_ROWS = 3  # rows a file may add, in any language, for a region that had none


def _rows(name: str) -> list[dict[str, Any]]:
    return file_rows(DATA / name)


def _tag(name: str) -> str:
    """``geo_real_xx_a47.jsonl`` -> ``a47xx``, the id infix its rows carry."""
    match = re.fullmatch(r"geo_real_xx_(a\d+)\.jsonl", name)
    assert match, name
    return f"{match.group(1)}xx"


@pytest.mark.parametrize("name", ALL_FILES)
def test_rows_have_the_corpus_keys_and_sane_values(name: str) -> None:
    rows = _rows(name)
    for n, row in enumerate(rows, 1):
        assert set(row) == KEYS, row.get("id")
        assert row["id"] == f"real-{_tag(name)}-{n:03d}"
        assert row["headline_source"] == "rewritten" and row["text"] == "rewritten"
        assert str(row["source_url"]).startswith(("http://", "https://"))
        # a few paragraphs, or at least a real paragraph for a short agency brief
        assert row["headline"].strip() and len(row["body"].split()) >= 20, row["id"]
        assert row["why"].strip()
        assert isinstance(row["tricky_types"], list)


@pytest.mark.parametrize("name", FILES)
def test_languages_are_as_promised(name: str) -> None:
    """Three rows per language, eleven languages, at most three extra rows in all."""
    langs = Counter(row["lang"] for row in _rows(name))
    assert set(langs) == set(LANGS)
    assert all(count >= PER_LANG for count in langs.values()), langs
    assert sum(langs.values()) <= PER_LANG * len(LANGS) + EXTRA_ROWS


@pytest.mark.parametrize("name", ALL_FILES)
def test_labels_use_the_region_table(name: str) -> None:
    for row in _rows(name):
        check_labels(row)


@pytest.mark.parametrize("name", ALL_FILES)
def test_ids_and_pages_are_unique(name: str) -> None:
    rows = _rows(name)
    assert len({row["id"] for row in rows}) == len(rows)
    assert len({row["source_url"] for row in rows}) == len(rows)


def test_source_urls_are_new() -> None:
    """No page is used twice across these files, nor taken from another ``geo_real_*`` file or
    the corpus's dev part (only the ``source_url`` field of the other files is read)."""
    ours = [row["source_url"] for name in ALL_FILES for row in _rows(name)]
    assert len(ours) == len(set(ours))
    others = {
        row.get("source_url")
        for path in DATA.glob("geo_real_*.jsonl")
        if path.name not in ALL_FILES
        for row in file_rows(path)
    }
    for corpus_name in ("geo_en", "geo_multilingual", "dedup_pairs"):
        if corpus.available(corpus_name):
            others |= {row.get("source_url") for row in corpus.rows(corpus_name, "dev")}
    assert not set(ours) & others


def test_a47_has_a_row_for_every_region() -> None:
    """a47 used its extra rows (a deviation its README section logs) so no region is empty."""
    regions = {region for row in _rows("geo_real_xx_a47.jsonl") for region in row["regions"]}
    assert set(TABLE.regions) <= regions


def test_a49_has_a_row_for_every_region() -> None:
    """a49 added two rows (africa, asia-pacific; its README section logs the deviation) so every
    region has a row; asia-pacific is the second region of an EU trade story, not a primary."""
    regions = {region for row in _rows("geo_real_xx_a49.jsonl") for region in row["regions"]}
    assert set(TABLE.regions) <= regions


def test_a50_has_a_row_for_every_region() -> None:
    """a50 added one row (asia-pacific, from a world-news query; its README section logs the
    deviation) so every region has a primary row."""
    regions = {row["regions"][0] for row in _rows("geo_real_xx_a50.jsonl")}
    assert set(TABLE.regions) <= regions


def test_a54_languages_are_those_agencies_write() -> None:
    """a54 has at least four rows each in Finnish, Norwegian/Danish/Swedish together, Arabic and
    Turkish (the languages issue #16 names as failing), the rest in de, fr, es, it and pt."""
    langs = Counter(row["lang"] for row in _rows("geo_real_xx_a54.jsonl"))
    assert set(langs) <= set(LANGS)
    assert langs["fi"] >= 4 and langs["no"] + langs["da"] + langs["sv"] >= 4
    assert langs["ar"] >= 4 and langs["tr"] >= 4
    assert sum(langs.values()) == 30


def test_a54_has_six_rows_per_primary_region() -> None:
    primaries = Counter(row["regions"][0] for row in _rows("geo_real_xx_a54.jsonl"))
    assert primaries == {region: 6 for region in TABLE.regions}


def test_a56_languages_are_those_agencies_write() -> None:
    """a56 has at least three rows each in Arabic, Turkish and the Nordic languages together (fi,
    no, sv, da), the rest in de, fr, es, it and pt: the languages agencies write (session 24)."""
    langs = Counter(row["lang"] for row in _rows("geo_real_xx_a56.jsonl"))
    assert set(langs) <= set(LANGS)
    assert langs["ar"] >= 3 and langs["tr"] >= 3
    assert langs["fi"] + langs["no"] + langs["sv"] + langs["da"] >= 3
    assert sum(langs.values()) == 30


def test_a56_has_six_rows_per_primary_region() -> None:
    primaries = Counter(row["regions"][0] for row in _rows("geo_real_xx_a56.jsonl"))
    assert primaries == {region: 6 for region in TABLE.regions}


def test_a56_has_agency_datelines() -> None:
    """At least three a56 rows open with an agency's dateline form: a city, then the agency in
    parentheses ('Tokio, 24 sep (EFE).-', 'Ljubljana (AFP/nd).')."""
    dateline = re.compile(r"^\S[^\n(]{0,40}\((?:[A-Z][\w /]*)\)")
    bodies = [row["body"] for row in _rows("geo_real_xx_a56.jsonl")]
    assert sum(bool(dateline.match(body)) for body in bodies) >= 3
