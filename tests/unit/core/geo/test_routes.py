"""A journey's destination is no place of the story (issue #16, session 31, hgeo84, a84-016).

A migrant boat "bound for Italy", people "trying to reach Europe", a coast that is the starting
point of "attempts to cross to Italy": a name right after a phrase of ``route_words.txt`` is
where the journey was headed, not where the story happens (tagger rule ``route``, half weight,
no place mention). Arrivals and visits keep their place. Fixtures are written for these tests;
none is copied from a news item."""

from __future__ import annotations

import pytest

from streams.core.geo import GeoTagger

from .conftest import evidence_by_text, read

SINKING = (
    "A boat carrying 60 migrants sank off Zuwara in western Libya on Tuesday, the Libyan Red "
    "Crescent said. The boat was bound for Italy and had crossed the Mediterranean before, "
    "smugglers in Zuwara told reporters. Libya's coast guard pulled 20 survivors from the sea; "
    "they were trying to reach Europe."
)


def test_a_boats_destination_makes_no_second_region(tagger: GeoTagger) -> None:
    regions, evidence = evidence_by_text(tagger, "Boat sinks off Libya", SINKING)
    assert regions == ["africa"]
    assert evidence["Italy"][1] == "route"
    assert evidence["Europe"][1] == "route"


def test_the_starting_point_of_crossings_is_the_place_not_their_target(
    tagger: GeoTagger,
) -> None:
    body = (
        "Coast guards recovered the bodies of five migrants off Zarzis on Sunday, a court "
        "spokesman in Medenine said. The coast around Zarzis is the starting point for most "
        "attempts to cross to Italy, he said."
    )
    _, evidence = evidence_by_text(tagger, "Bodies recovered off Zarzis", body)
    assert evidence["Italy"][1] == "route"


def test_an_arrival_keeps_its_place(tagger: GeoTagger) -> None:
    body = (
        "About 40 migrants who left Zarzis in Tunisia on Saturday reached Lampedusa, Italy, on "
        "Sunday, the Italian coast guard said. Italian officials said the reception centre on "
        "Lampedusa was full."
    )
    regions, evidence = read(tagger, "Migrants reach Lampedusa", body)
    assert regions[0] == "europe"
    assert "route" not in {rule for _, rule, _, _ in evidence}


@pytest.mark.parametrize(
    ("body", "name"),
    [
        ("The president is heading to Poland on Friday for talks with NATO allies.", "Poland"),
        ("The minister defended the government's policy towards China in parliament.", "China"),
    ],
)
def test_visits_and_policies_are_no_routes(tagger: GeoTagger, body: str, name: str) -> None:
    _, evidence = evidence_by_text(tagger, "Minister speaks", body)
    assert evidence[name][1] != "route"


def test_a_destination_town_needs_confirmation_like_any_town(tagger: GeoTagger) -> None:
    # "Rotterdam" has several readings: named plainly in a Cape Town story with no Dutch
    # evidence it is unconfirmed (weight 0). As a route it had skipped the confirmation and
    # counted at half weight (review hrev31a): a rule that halves must never add.
    body = "The ship, bound for Rotterdam, ran aground off Cape Town, South African officials said."
    regions, evidence = evidence_by_text(tagger, "Ship runs aground", body)
    assert regions == ["africa"]
    assert evidence["Rotterdam"][1:] == ("route", 0.0)
