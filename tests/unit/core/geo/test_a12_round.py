"""Issue #16, a12 round: typed first-level regions, state-qualified county datelines, and
national sides in sports results (fixtures written for these tests)."""

from __future__ import annotations

from streams.core.geo import GeoTagger
from streams.core.geo.gazetteer import Gazetteer

from .conftest import make_item


def evidence_of(
    tagger: GeoTagger, headline: str, body: str, located: str | None = None
) -> tuple[list[str], list[tuple[str, str, str]]]:
    result = tagger.tag(make_item(headline, body, located))
    return result.regions, [
        (e.text, e.rule.removesuffix("+subject"), e.country) for e in result.evidence
    ]


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


def test_a_country_beaten_in_a_result_is_a_side_not_the_place(tagger: GeoTagger) -> None:
    body = (
        "The Springboks beat France 37-15 in Pretoria on Saturday to take the series, coach "
        "Allister Coetzee said."
    )
    regions, evidence = evidence_of(tagger, "Boks beat France again", body)
    assert regions[0] == "africa"
    assert ("France", "opponent", "FR") in evidence


def test_a_country_against_something_stays_a_place(tagger: GeoTagger) -> None:
    body = "Protesters marched against France's pension law in Lyon and Paris on Tuesday."
    regions, evidence = evidence_of(tagger, "Marches against pension law", body)
    assert regions == ["europe"]
    assert all(rule != "opponent" for _, rule, _ in evidence)


def test_a_gulf_ruling_family_name_locates_a_story_naming_nothing_else(tagger: GeoTagger) -> None:
    body = (
        "Ministers led by Sheikh Fahad Salem Al-Sabah agreed the draft at their weekly "
        "meeting and sent it to the emir's office."
    )
    regions, evidence = evidence_of(tagger, "Cabinet backs draft", body)
    assert regions == ["middle-east"]
    assert ("Al-Sabah", "leader", "KW") in evidence


def test_sabah_alone_stays_the_malaysian_state(tagger: GeoTagger) -> None:
    regions, _ = evidence_of(tagger, "Floods in Sabah", "Rivers burst their banks in Sabah.")
    assert regions == ["asia-pacific"]
