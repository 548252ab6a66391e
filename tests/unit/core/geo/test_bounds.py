"""Geo reads a bounded amount of each field (issue #15: a flood of place names cost 5 s/MB)."""

from __future__ import annotations

from streams.core.geo import GeoTagger, scoring

from .conftest import make_item


def test_a_place_past_the_read_bound_is_not_evidence(tagger: GeoTagger) -> None:
    filler = "The council met again on Tuesday and adjourned. " * (scoring.MAX_BODY_CHARS // 40)
    assert len(filler) > scoring.MAX_BODY_CHARS
    late = tagger.tag(make_item("Council meets", filler + "It met in Tokyo."))
    early = tagger.tag(make_item("Council meets", "It met in Tokyo. " + filler))
    assert late.regions == []
    assert early.regions == ["asia-pacific"]


def test_a_flood_of_one_place_is_weighed_a_bounded_number_of_times(tagger: GeoTagger) -> None:
    result = tagger.tag(make_item("Paris", "Paris " * 200_000))
    assert result.regions == ["europe"]
    shown = len(result.evidence)
    assert shown == tagger.max_evidence
    # Mentions past the read bound are neither shown nor counted as omitted evidence.
    assert shown + result.omitted <= scoring.MAX_HITS + 1


def test_a_huge_headline_and_dateline_are_read_only_in_part(tagger: GeoTagger) -> None:
    item = make_item("word " * 10_000 + "Lagos", "The talks went on.", located="x" * 10_000)
    assert tagger.tag(item).regions == []
