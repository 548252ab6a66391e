"""Competitors' nationalities in race and tournament copy, and a race named for its host
(issue #16, session 32, hgeo87, probe a87):

- "the Netherlands' Robin Haase": a plural country name's possessive ("s'") before a player's
  full name is the player's nationality, as "Spain's Fernando Verdasco" was (a87-007);
- "Russia's Alexandra Morozova": a first name that is also a place's ("Alexandra", a Johannesburg
  township) does not stop the possessive from being the runner's nationality (a87-015);
- the Giro d'Italia and its leader's Maglia Rosa are Italy's, as Roland Garros is France's
  (a87-005, a stage report naming no place but the race).

Fixtures are written for these tests; none is copied from a news item."""

from __future__ import annotations

import pytest

from streams.core.geo import GeoTagger

from .conftest import read


def rules_of(evidence: list[tuple[str, str, str, float]], text: str) -> set[str]:
    return {rule for name, rule, _, _ in evidence if name == text}


def test_a_plural_country_s_possessive_before_a_player_is_a_nationality(tagger: GeoTagger) -> None:
    body = (
        "Top seed Lena Varga reached the quarterfinal of the tennis event in Doha with a win over "
        "the Netherlands' Anouk Verbeek, and meets the Philippines' Maria Dizon next."
    )
    _, evidence = read(tagger, "Varga into Doha quarterfinal", body)
    assert rules_of(evidence, "Netherlands") == {"nationality"}
    assert rules_of(evidence, "Philippines") == {"nationality"}


def test_a_first_name_that_is_a_place_still_follows_a_nationality(tagger: GeoTagger) -> None:
    body = (
        "Olympic medallist Grace Wanjiru of Kenya won in 2:24:10 in Lisbon on Sunday, with "
        "Russia's Alexandra Petrova second and Britain's Georgia Clarke third."
    )
    regions, evidence = read(tagger, "Wanjiru wins in Lisbon", body)
    assert rules_of(evidence, "Russia") == {"nationality"}
    assert rules_of(evidence, "Britain") == {"nationality"}
    assert regions[0] == "europe"


def test_a_venue_named_after_its_town_is_no_competitor(tagger: GeoTagger) -> None:
    """Review hrev32b: a place that is also a first name, then a venue or club word, is the
    host's ground, not a player ("Australia's Adelaide Oval" had made Australia a nationality
    and the Test went to europe alone; "Sydney Cricket Ground" is three words)."""
    for ground in ("Adelaide Oval", "Sydney Cricket Ground"):
        body = (
            f"Australia's {ground} hosts the second Ashes cricket Test against England from "
            "Thursday, with the series level."
        )
        regions, evidence = read(tagger, "Ashes Test", body)
        assert "nationality" not in rules_of(evidence, "Australia"), ground
        assert regions[0] == "asia-pacific", ground


def test_outside_sports_copy_a_plural_possessive_keeps_the_country(tagger: GeoTagger) -> None:
    body = "The Philippines' Ramon Cruz, the finance secretary, announced new tax rules on Monday."
    regions, evidence = read(tagger, "Tax rules announced", body)
    assert "nationality" not in rules_of(evidence, "Philippines")
    assert regions == ["asia-pacific"]


def test_the_giro_and_its_leader_s_jersey_are_italy_s(tagger: GeoTagger) -> None:
    body = (
        "Marco Bellini took the Maglia Rosa after the breakaway held on to the finish of the "
        "fourth stage of the Giro d'Italia, while the American Tom Kerr won the sprint."
    )
    regions, evidence = read(tagger, "Bellini leads the Giro", body)
    assert regions == ["europe"]
    assert {country for name, _, country, _ in evidence if name == "Maglia Rosa"} == {"IT"}


def test_of_the_country_after_a_competitor_is_a_nationality(tagger: GeoTagger) -> None:
    """Session 35, hgeo96 (a34-018): "Mara Quill of the US" is a runner's nationality as
    "Grace Wanjiru of Kenya" is; the article before a country's name ("the US", "the
    Netherlands") had kept it a place, and two such results made a meet in Dubai americas too."""
    body = (
        "Two world records fell on the second day of the para athletics championships in Dubai. "
        "In the 100m, Mara Quill of the US ran 11.92 in the heats and Tessa Brand of the US won "
        "the final in 11.89, with Femke Rood of the Netherlands third."
    )
    regions, evidence = read(tagger, "Records fall at para athletics worlds in Dubai", body)
    assert rules_of(evidence, "US") == {"nationality"}
    assert rules_of(evidence, "Netherlands") == {"nationality"}
    assert regions == ["middle-east"]


def test_of_the_country_after_a_role_is_no_nationality(tagger: GeoTagger) -> None:
    body = "The central bank of the Philippines held its policy rate at 6.5% on Thursday."
    regions, evidence = read(tagger, "Rates on hold", body)
    assert "nationality" not in rules_of(evidence, "Philippines")
    assert regions == ["asia-pacific"]


@pytest.mark.parametrize(
    ("body", "name"),
    [
        # "of the US Geological Survey", "of the Philippines' health department": the article
        # goes with a body the country names, whose staff the person is (review hrev35a).
        (
            "Jane Doe of the US Geological Survey said the quake was shallow, and aftershocks "
            "were felt in Tokyo.",
            "US",
        ),
        (
            "Maria Cruz of the Philippines' health department said cases fell, unlike in "
            "Indonesia.",
            "Philippines",
        ),
        ("Sarah Jones of the UK\u2019s biggest lender said profit fell.", "UK"),
    ],
)
def test_of_the_country_opening_a_body_s_name_is_no_nationality(
    tagger: GeoTagger, body: str, name: str
) -> None:
    _regions, evidence = read(tagger, "Officials speak", body)
    assert "nationality" not in rules_of(evidence, name)
