"""Members of national legislatures from EveryPolitician (``legislators.tsv``, issue #16,
session 36, hgeo97): weak evidence like ``leaders.tsv`` that locates a story naming only such a
member, never a name two countries' legislators share, never a surname alone. Fixtures are
written for these tests; none is copied from a news item."""

from __future__ import annotations

import importlib

import pytest

from streams.core.geo import GeoTagger
from streams.core.geo.gazetteer import DATA_DIR
from streams.core.geo.text import fold

from .conftest import make_item, read


def _listed() -> dict[str, str]:
    rows = (DATA_DIR / "legislators.tsv").read_text(encoding="utf-8").splitlines()
    return {
        " ".join(fold(r.split("\t")[0]).split()): r.split("\t")[1]
        for r in rows
        if r.strip() and not r.startswith("#")
    }


@pytest.mark.parametrize(
    ("name", "country", "region"),
    [
        ("Trygve Slagsvold Vedum", "NO", "europe"),
        ("Malusi Gigaba", "ZA", "africa"),
        ("Tytti Tuppurainen", "FI", "europe"),
    ],
)
def test_a_story_naming_only_a_legislator_is_located(
    tagger: GeoTagger, name: str, country: str, region: str
) -> None:
    body = f"{name} told reporters on Tuesday that the spending plan would be voted on next week."
    regions, evidence = read(tagger, "Spending plan goes to a vote", body)
    assert regions == [region]
    assert [(t, c) for t, rule, c, _ in evidence if rule == "leader"] == [(name, country)]


@pytest.mark.parametrize("name", ["Alberto Costa", "Milan Knezevic", "Nick Smith"])
def test_a_name_two_countries_legislators_share_is_not_listed(tagger: GeoTagger, name: str) -> None:
    assert " ".join(fold(name).split()) not in _listed()
    body = f"{name} told reporters on Tuesday that the spending plan would be voted on next week."
    _, evidence = read(tagger, "Spending plan goes to a vote", body)
    assert not [t for t, rule, _, _ in evidence if rule == "leader"]


def test_a_surname_alone_does_not_fire(tagger: GeoTagger) -> None:
    body = "Gigaba told reporters on Tuesday that the spending plan would be voted on next week."
    regions, evidence = read(tagger, "Spending plan goes to a vote", body)
    assert regions == []
    assert not [t for t, rule, _, _ in evidence if rule == "leader"]


def test_a_listed_name_leaves_other_lists_alone() -> None:
    """No name of the file is a term another file already gives (one reading only) and no
    name is shorter than two words."""
    listed = _listed()
    assert len(listed) > 10_000
    assert all(len(name.split()) >= 2 for name in listed)
    leaders = {
        " ".join(fold(r.split("\t")[0]).split())
        for r in (DATA_DIR / "leaders.tsv").read_text(encoding="utf-8").splitlines()
        if r.strip() and not r.startswith("#")
    }
    assert not leaders & set(listed)


def test_explain_names_the_legislators_source(tagger: GeoTagger) -> None:
    item = make_item(
        "Spending plan goes to a vote",
        "Malusi Gigaba told reporters on Tuesday that the plan would be voted on next week.",
    )
    explain = importlib.import_module("streams.core.geo.explain")
    text = explain.explain(item, tagger.tag(item))
    assert "legislators.tsv" in text
