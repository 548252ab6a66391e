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


def test_the_datelines_country_qualifier_in_the_body_is_the_dateline(tagger: GeoTagger) -> None:
    # AP writes "FRANKFURT, Germany (AP) —" where the item's located is the city alone: the
    # qualifier repeats the dateline, one vote already, and does not make a story about
    # Qatar's gas exports a German story (session 26, agency probe r63).
    item = make_item(
        "Qatar to raise gas exports by a fifth",
        "FRANKFURT, Germany (AP) — Qatar plans to ship a fifth more liquefied gas by 2030, "
        "the state energy company said on Monday. Qatar's new trains come on line next year.",
        "Frankfurt",
    )
    result = tagger.tag(item)
    qualifier = next(e for e in result.evidence if e.field == "body" and e.text == "Germany")
    assert qualifier.rule == "dateline-copy"
    assert result.regions == ["middle-east"]


def test_a_dateline_qualifier_does_not_unplace_a_story_at_the_dateline(tagger: GeoTagger) -> None:
    item = make_item(
        "Kenyan court halts police deployment",
        "NAIROBI, Kenya (AP) — A Kenyan court on Friday halted the deployment of police "
        "officers abroad until a further hearing, Kenya's High Court said.",
        "NAIROBI, Kenya",
    )
    assert tagger.tag(item).regions == ["africa"]
