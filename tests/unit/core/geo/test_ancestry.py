"""A demonym or country before a noun of ancestry ("a forward of South African descent", "a
chef of Indian origin", "Britons of Pakistani heritage") is a person's family background, weighed
like "Kenyan-born" (rule ``ancestry``, ``ancestry_nouns.txt``), not a place of the story (issue
#16, session 24, a53-001: a Preston derby report named its scorer's South African descent
twice). Every text was written for these tests.

A person's origin after "a native of" is no place of the story either, while "New Zealand native
birds" is the place's adjective (session 21, hgeo31)."""

from __future__ import annotations

import pytest

from streams.core.geo import GeoTagger, scoring
from streams.core.geo.context import is_attributive, role_of

from .conftest import evidence_by_text, read


@pytest.mark.parametrize(
    ("body", "name"),
    [
        (
            "Tom Hale, a forward of South African descent, scored twice as Preston won 2-1 in Lancashire.",
            "South African",
        ),
        ("The restaurant's chef, a woman of Indian origin, opened it in Leeds in 2019.", "Indian"),
    ],
)
def test_a_demonym_before_a_noun_of_ancestry_is_a_persons_background(
    tagger: GeoTagger, body: str, name: str
) -> None:
    regions, ev = evidence_by_text(tagger, "Local news", body)
    assert ev[name][1] == "ancestry"
    assert 0 < ev[name][2] <= scoring.KIND_WEIGHT["demonym"] * scoring.ORIGIN_FACTOR * 2
    assert regions == ["europe"]


def test_a_demonym_before_another_noun_counts_as_before(tagger: GeoTagger) -> None:
    regions, ev = evidence_by_text(
        tagger, "Local news", "South African officials met in Pretoria on Monday."
    )
    assert ev["South African"][1] != "ancestry"
    assert regions == ["africa"]


@pytest.mark.parametrize(
    ("headline", "body", "name", "region"),
    [
        (
            "Looters strip mosaics",
            "Looters have stripped Syrian heritage sites of mosaics, archaeologists said.",
            "Syrian",
            "middle-east",
        ),
        (
            "Minister tours ruins",
            "The minister toured the looted ruins, vowing to restore the pillage of Iraqi "
            "heritage sites.",
            "Iraqi",
            "middle-east",
        ),
        (
            "Scientists debate virus",
            "Scientists still debate the Chinese origin of the virus, a panel said.",
            "Chinese",
            "asia-pacific",
        ),
    ],
)
def test_a_noun_of_ancestry_that_is_a_things_is_no_persons_background(
    tagger: GeoTagger, headline: str, body: str, name: str, region: str
) -> None:
    """ "Syrian heritage sites", "the Chinese origin of the virus": a country's heritage or a
    thing's origin, the story's place, not a person's family; only after "of" or a possessive
    pronoun ("of Indian origin", "his Nigerian heritage") and not before "sites" is the noun a
    person's (review of session 24)."""
    regions, ev = evidence_by_text(tagger, headline, body)
    assert ev[name][1] != "ancestry"
    assert regions == [region]


def test_a_possessive_before_a_demonym_of_heritage_is_a_persons(tagger: GeoTagger) -> None:
    regions, ev = evidence_by_text(
        tagger,
        "Local news",
        "The winger, proud of his Nigerian heritage, scored twice as Preston won in Lancashire.",
    )
    assert ev["Nigerian"][1] == "ancestry"
    assert regions == ["europe"]


#: An appointment datelined in a US city, the new chief a native of a European country.
PROFILE = (
    "Orchestra names new music director",
    "CHICAGO (AP) — The Chicago Lyric Ensemble has named Piotr Zielinski as its next music "
    "director, the board said on Tuesday.\n\n"
    "Zielinski, 41, a native of Poland, said he was honoured. He will lead his first "
    "concerts in Chicago in October.\n\n"
    "He has conducted the Hamburg Symphony and at the Warsaw State Opera.",
)


def test_native_of_is_an_origin() -> None:
    text = "Zielinski, a native of Poland, said"
    assert role_of(text, text.index("Poland"))
    many = "two natives of Poland"
    assert role_of(many, many.index("Poland"))


def test_native_after_a_country_is_no_role() -> None:
    # "New Zealand native birds": the adjective of the place, not a person's origin.
    text = "New Zealand native birds are protected."
    assert not is_attributive(text, text.index(" native"))


def test_a_profile_keeps_to_the_dateline(tagger: GeoTagger) -> None:
    regions, evidence = read(tagger, *PROFILE)
    assert regions == ["americas"]
    assert ("Poland", "attributive") in {(text, rule) for text, rule, _c, _w in evidence}
