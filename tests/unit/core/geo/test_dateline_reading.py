"""A dateline may name a small town (its candidates include towns under the body's size), but
when the text names the same city, the dateline is read as the text reads it: ANSA's Spanish
service writes "PEKIN" for Beijing, which is also Pekin, Illinois (session 23, agency probe
r51). Texts written for these tests.

A county dateline with its state places the town everywhere in the story; a plain dateline moves
no other mention (a12 round)."""

from __future__ import annotations

from streams.core.geo import GeoTagger

from .conftest import evidence_of, make_item


def test_the_dateline_takes_the_texts_reading_of_the_same_city(tagger: GeoTagger) -> None:
    item = make_item(
        "Wen: a EEUU le toca recomponer la relación con Pekín",
        "(ANSA) - PEKIN, 14 MAR - El primer ministro chino dijo que Estados Unidos debe dar "
        "el primer paso. Washington y Pekín discuten desde hace meses; el presidente "
        "estadounidense visitará Pekín en abril.",
        "PEKIN",
    )
    item.language = "es"
    result = tagger.tag(item)
    located = next(e for e in result.evidence if e.field == "located")
    assert located.country == "CN"
    assert result.regions[0] == "asia-pacific"


def test_a_dateline_alone_may_still_be_the_small_town(tagger: GeoTagger) -> None:
    # Nothing in the text names Beijing: an English dateline "PEKIN, Ill." is the US town.
    item = make_item(
        "Factory to add 200 jobs",
        "PEKIN, Ill. (AP) - A manufacturer said Tuesday it will add 200 jobs at its plant in "
        "central Illinois.",
        "PEKIN, Ill.",
    )
    result = tagger.tag(item)
    assert result.regions == ["americas"]


def test_a_county_dateline_with_a_state_places_the_town_everywhere(tagger: GeoTagger) -> None:
    body = (
        "A driver was charged after a traffic stop on Route 17, the sheriff's office said. "
        "Deputies in York said he refused to leave his van."
    )
    regions, evidence = evidence_of(tagger, "York deputy assaulted", body, "YORK COUNTY, Va.")
    assert regions == ["americas"]
    assert {country for text, _, country in evidence if text.lower() == "york"} == {"US"}


def test_a_plain_dateline_does_not_move_the_other_mentions(tagger: GeoTagger) -> None:
    body = "The minster's bells rang for the new archbishop in York on Sunday."
    regions, _ = evidence_of(tagger, "York welcomes archbishop", body)
    assert regions == ["europe"]
