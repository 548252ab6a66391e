"""Rule ``unnamed``: a world area's adjective before a noun of people or of one country the copy
leaves unnamed ("nationals of an Asian country", "two Asian expats", ``area_nouns.tsv``) says
where people come from, never where the story is; the area as the story's own subject still
counts (issue #16, session 20, a20 spent). Sentences written for these tests."""

from __future__ import annotations

from streams.core.geo import GeoTagger

from .conftest import evidence_by_text


def test_nationals_of_an_unnamed_country_are_no_place(tagger: GeoTagger) -> None:
    body = (
        "Six nationals of an Asian country were arrested for selling counterfeit perfume, the "
        "Ministry of Interior said on Sunday."
    )
    regions, evidence = evidence_by_text(tagger, "Six held over fake perfume", body)
    assert evidence["Asian"][1:] == ("unnamed", 0.0)
    assert regions == []


def test_plural_expats_need_no_article(tagger: GeoTagger) -> None:
    body = "Police in Kuwait detained two African expats after a fight in Jleeb Al-Shuyoukh."
    regions, evidence = evidence_by_text(tagger, "Two held after fight", body)
    assert evidence["African"][1] == "unnamed"
    assert regions == ["middle-east"]


def test_an_unnamed_gulf_state_is_no_place(tagger: GeoTagger) -> None:
    body = "The striker moved to a Gulf state club last year after six seasons in Brazil."
    regions, evidence = evidence_by_text(tagger, "Striker returns home", body)
    assert evidence["Gulf"][1] == "unnamed"
    assert regions == ["americas"]


def test_the_area_as_subject_still_counts(tagger: GeoTagger) -> None:
    body = "Asian countries agreed on Monday to pool rice reserves against a poor harvest."
    regions, evidence = evidence_by_text(tagger, "Rice reserve pact", body)
    assert evidence["Asian"][1] == "area"
    assert regions == ["asia-pacific"]
