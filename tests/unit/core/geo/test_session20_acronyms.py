"""Session 20 (issue #16, a35 spent): initials a story defines after a country's body ("the
Central Bank of Nigeria (CBN)") are that country's body wherever the story uses them again,
headline included; the fire service's local titles are US local-news cues. Sentences written
for these tests."""

from __future__ import annotations

import pytest

from streams.core.geo import GeoTagger
from streams.core.geo.tagger import _defined_acronym

from .conftest import evidence_by_text, make_item

CRYPTO = (
    "Two months after the Central Bank of Nigeria (CBN) told lenders to stop card payments for "
    "crypto trading, Vietnam's central bank has ordered its own banks to do the same.\n\n"
    "The CBN had given banks a week to close such accounts. The order issued in Hanoi on "
    "Monday covers wallets, exchanges and payment firms, and Vietnam's banks must report any "
    "account that breaks it."
)


@pytest.mark.parametrize(
    ("text", "name", "acronym"),
    [
        ("after the Central Bank of Nigeria (CBN) told", "Nigeria", "CBN"),
        ("the Nigerian National Petroleum Corporation (NNPC) said", "Nigerian", "NNPC"),
        ("the Kenya Revenue Authority (KRA) and", "Kenya", "KRA"),
        # a dateline's agency is no definition: its letters are not the name's initials
        ("LAGOS, Nigeria (AP) - Police said", "Nigeria", ""),
        # initials that leave the country out name something else in the run
        ("the Ghana Football Association President (FAP) said", "Ghana", ""),
        # a lower-case word between the name and the bracket ends the name
        ("Nigeria said on Monday (CBN)", "Nigeria", ""),
        # mixed case and digits are no initials
        ("the Bank of Ghana (BoG)", "Ghana", ""),
        ("the Nigeria (N2) route", "Nigeria", ""),
    ],
)
def test_initials_in_brackets_after_a_country_name(text: str, name: str, acronym: str) -> None:
    start = text.index(name)
    end = start + len(name)
    assert _defined_acronym(text, start, end, text.index("(", end)) == acronym


def test_defined_initials_count_for_their_country(tagger: GeoTagger) -> None:
    headline = "Vietnam follows CBN in curbing card payments for crypto"
    regions, evidence = evidence_by_text(tagger, headline, CRYPTO)
    assert evidence["CBN"][:2] == ("NG", "acronym")
    # the earlier ban is the story's second place: named in the headline by its initials
    assert regions == ["asia-pacific", "africa"]


def test_initials_in_a_headline_that_opens_the_body_weigh_as_headline(tagger: GeoTagger) -> None:
    # The headline repeated as the body's first sentence is read once, in the body, where it
    # keeps the headline's weight.
    headline = "Vietnam follows CBN in curbing card payments for crypto"
    result = tagger.tag(make_item(headline, headline + ".\n\n" + CRYPTO))
    uses = [(e.field, e.weight) for e in result.evidence if e.rule == "acronym"]
    assert uses[0] == ("body", 2.4)
    assert len(uses) == 2
    assert "africa" in result.regions


def test_undefined_initials_count_for_nobody(tagger: GeoTagger) -> None:
    # "CBN" is also broadcasters' initials: without the story's own definition it is nothing.
    body = CRYPTO.replace("the Central Bank of Nigeria (CBN)", "the CBN")
    regions, evidence = evidence_by_text(tagger, "Vietnam follows CBN on crypto", body)
    assert "CBN" not in evidence
    assert regions == ["asia-pacific"]


def test_initials_the_gazetteer_reads_are_not_counted_twice(tagger: GeoTagger) -> None:
    body = (
        "Fighting spread in the east of the Democratic Republic of Congo (DRC) on Monday, the "
        "army said. The DRC has asked its neighbours for help."
    )
    _, evidence = evidence_by_text(tagger, "Fighting spreads in the east", body)
    assert evidence.get("DRC", ("", ""))[1] != "acronym"


def test_fire_chief_and_city_council_make_a_local_town(tagger: GeoTagger) -> None:
    body = (
        "Paris firefighters will move into the new station on Elm Avenue next month, Fire "
        "Chief Dana Miller told the city council on Tuesday. The council approved two more "
        "engines for the station."
    )
    regions, evidence = evidence_by_text(tagger, "Paris station gets its crew at last", body)
    assert evidence["Paris"][:2] == ("US", "homonym-local")
    assert regions == ["americas"]


def test_lebanons_own_foreign_ministry_title_locates_a_statement(tagger: GeoTagger) -> None:
    body = (
        "The Ministry of Foreign Affairs and Emigrants said on Friday it was following the "
        "case of two citizens held at sea and had asked for their release."
    )
    regions, evidence = evidence_by_text(tagger, "Ministry follows case of detained sailors", body)
    assert evidence["Ministry of Foreign Affairs and Emigrants"][0] == "LB"
    assert regions == ["middle-east"]
