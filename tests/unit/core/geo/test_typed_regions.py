"""Regions of one country. A first-level region named with its type word ("Madhesh Province",
"Kano state", "Upper East Region") locates the story, as does a Kenyan county before its
governor's title ("Bungoma Governor"), while typed names shared, generic or American stay out
(issue #16, a12 round; session 24, hgeo57 and hgeo59); a region that only one country has
locates local copy by its bare name (a17/a18 rounds). Fixtures written for these tests."""

from __future__ import annotations

import pytest

from streams.core.geo import GeoTagger
from streams.core.geo.gazetteer import Gazetteer

from .conftest import evidence_of, read


def test_a_region_named_with_its_type_word_locates_the_story(tagger: GeoTagger) -> None:
    body = "Growers blocked the regional agriculture office in Madhesh Province on Monday."
    regions, evidence = evidence_of(tagger, "Growers block office", body)
    assert regions == ["asia-pacific"]
    assert ("Madhesh Province", "place", "NP") in evidence


def test_a_lower_case_type_word_matches_too(tagger: GeoTagger) -> None:
    regions, evidence = evidence_of(
        tagger, "Floods cut roads", "Rain cut three highways in Kano state overnight."
    )
    assert regions == ["africa"]
    assert ("Kano state", "place", "NG") in evidence


def test_a_county_before_governor_locates_the_story(tagger: GeoTagger) -> None:
    # Session 24 (hgeo57, a57-018): Kenyan copy titles a county's governor by the bare county
    # name ("Bungoma Governor Wycliffe Wangamati"), never "Bungoma County Governor"; the bare
    # name stays out (many are words or people), the title makes it the county.
    regions, evidence = evidence_of(
        tagger,
        "Governor seeks aid to end water shortage",
        "Bungoma Governor Wycliffe Wangamati has asked the national government for help.",
    )
    assert regions == ["africa"]
    assert ("Bungoma Governor", "place", "KE") in evidence


def test_upper_before_a_compass_word_is_a_proper_region(tagger: GeoTagger) -> None:
    # Session 24 (hgeo59, a59-011): Ghana's "Upper East Region" is made only of words the rule
    # takes for directions, yet it is no other country's region; "Northern Region" stays out.
    regions, evidence = evidence_of(
        tagger,
        "Police arrest three suspected armed robbers",
        "Police in the Upper East Region arrested three suspects at their hideouts on Sunday.",
    )
    assert regions == ["africa"]
    assert ("Upper East Region", "place", "GH") in evidence
    gaz: Gazetteer = tagger._gaz
    assert gaz.terms["upper west region"].countries == ("GH",)
    assert "northern region" not in gaz.terms or gaz.terms["northern region"].kind != "place"


def test_typed_names_shared_or_generic_or_american_stay_out(tagger: GeoTagger) -> None:
    gaz: Gazetteer = tagger._gaz
    assert gaz.terms["madhesh province"].countries == ("NP",)
    assert gaz.terms["kakamega county"].countries == ("KE",)
    # "Central Province" is a region of several countries; "Ohio State" is a university.
    assert "central province" not in gaz.terms
    assert "ohio state" not in gaz.terms
    # The bare name of a region is not added by this rule ("Meru" is a person too).
    assert gaz.terms.get("madhesh") is None


# --- regions of one country --------------------------------------------------------------------


def test_new_zealand_regions_and_towns_locate_a_local_story(tagger: GeoTagger) -> None:
    body = "A Wanganui Police spokeswoman said a woman was hurt in a crash in Manawatu overnight."
    regions, evidence = read(tagger, "Woman hurt in crash", body)
    assert regions == ["asia-pacific"]
    assert {country for _, _, country, weight in evidence if weight > 0} == {"NZ"}


def test_a_us_region_locates_school_sport(tagger: GeoTagger) -> None:
    regions, _ = read(tagger, "Acadiana wins semifinal 28-7", "The Rams held on in the rain.")
    assert regions == ["americas"]


@pytest.mark.parametrize(
    ("region_name", "region"),
    [("Vidarbha", "asia-pacific"), ("Gippsland", "asia-pacific"), ("Okanagan", "americas")],
)
def test_a_region_of_one_country_locates_the_story(
    tagger: GeoTagger, region_name: str, region: str
) -> None:
    regions, _ = read(tagger, f"Farmers in {region_name} count drought losses", "Rain is due.")
    assert regions == [region]
