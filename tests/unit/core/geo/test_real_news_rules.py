"""Rules from real news (issue #16): names inside names, homonyms, desks, other languages."""

from __future__ import annotations

from streams.core.geo import GeoTagger, explain
from streams.core.model import WireItem

from .conftest import make_item


def tagged(
    tagger: GeoTagger,
    headline: str = "",
    body: str = "",
    located: str | None = None,
    language: str | None = None,
) -> tuple[WireItem, list[str], dict[str, str]]:
    """The item, its regions, and the rule given to each matched text (last one wins)."""
    item = make_item(headline, body, located)
    item.language = language
    result = tagger.tag(item)
    return item, result.regions, {e.text: e.rule for e in result.evidence}


# -- names inside names --------------------------------------------------------------------------


def test_town_before_a_surname_is_part_of_the_name(tagger: GeoTagger) -> None:
    item, regions, rules = tagged(
        tagger, "", "Santos Logistics Group bought a stake in a bank in Lisbon on Monday."
    )
    assert regions == ["europe"]
    assert rules["Santos"] == "name-part"
    assert "inside a longer name" in explain(item, tagger.tag(item))
    _, _, rules = tagged(tagger, "", "Striker Carlos Santos scored twice in the second half.")
    assert rules["Santos"] == "name-part"


def test_surname_seen_after_a_first_name_stays_the_person(tagger: GeoTagger) -> None:
    body = (
        "Republican congressman Jim Jordan of Ohio criticised the bill in Washington.\n\n"
        "Jordan said the vote would fail. Jordan added that talks would go on."
    )
    item, regions, rules = tagged(tagger, "", body)
    assert regions == ["americas"]
    assert rules["Jordan"] == "person-surname"
    assert "a person" in explain(item, tagger.tag(item))


# -- homonyms ------------------------------------------------------------------------------------


def test_state_abbreviation_places_a_small_town_for_the_whole_story(tagger: GeoTagger) -> None:
    body = (
        "Police in Cairo, Ga., said one man died in a shooting on Saturday. "
        "The victim was from Cairo and officers are still searching for a suspect."
    )
    _, regions, rules = tagged(tagger, "Shooting in Cairo leaves one dead", body)
    assert regions == ["americas"]
    assert rules["Cairo"] == "city-qualified"


def test_local_government_story_reads_a_world_city_as_the_local_town(tagger: GeoTagger) -> None:
    body = (
        "The Moscow City Council held a short meeting on Tuesday. The mayor named two people "
        "to city commissions and the county will repave Main Street next spring."
    )
    _, regions, rules = tagged(tagger, "Council keeps it short", body)
    assert regions == ["americas"]
    assert rules["Moscow"] == "homonym-local"


def test_world_city_with_its_own_country_in_the_story_stays_the_world_city(
    tagger: GeoTagger,
) -> None:
    body = (
        "The Moscow City Council, the Russian capital's legislature, met as the mayor of Moscow "
        "spoke about county roads. Russia says the budget will grow."
    )
    _, regions, _ = tagged(tagger, "", body)
    assert regions == ["europe"]


# -- desks ---------------------------------------------------------------------------------------


def test_filing_desk_counts_below_the_story(tagger: GeoTagger) -> None:
    body = (
        "BENGALURU (Reuters) - Chelsea beat Arsenal 2-0 in London on Sunday, and England "
        "coach Thomas Tuchel watched from the stands as Chelsea moved up to third in England."
    )
    _, regions, rules = tagged(tagger, "Chelsea beat Arsenal in London derby", body, "BENGALURU")
    assert regions == ["europe"]
    assert rules["BENGALURU"] in ("desk", "dateline-copy")


def test_dateline_of_the_story_place_still_counts(tagger: GeoTagger) -> None:
    _, regions, rules = tagged(
        tagger, "Officials meet", "KYIV (Reuters) - Officials met on Monday.", "KYIV"
    )
    assert regions == ["europe"]
    assert rules["KYIV"] == "dateline-copy"  # the body's copy; the located field carries it


# -- other languages -----------------------------------------------------------------------------


def test_finnish_case_endings(tagger: GeoTagger) -> None:
    body = "Venäjän presidentti vieraili Pekingissä, ja Yhdysvalloissa asiaa seurattiin."
    item = make_item("", body)
    item.language = "fi"
    found = {e.text: e.country for e in tagger.tag(item).evidence}
    assert found == {"Venäjän": "RU", "Pekingissä": "CN", "Yhdysvalloissa": "US"}


def test_names_of_one_language_do_not_fire_in_another(tagger: GeoTagger) -> None:
    body = "Venäjän presidentti vieraili Pekingissä tiistaina."
    assert tagged(tagger, "", body, language="fi")[1][:1] == ["europe"]
    assert "europe" not in tagged(tagger, "", body, language="en")[1]


def test_german_genitive(tagger: GeoTagger) -> None:
    _, regions, _ = tagged(tagger, "", "Die Armee Russlands meldete Verluste.", language="de")
    assert regions == ["europe"]


def test_turkish_names_after_apostrophe(tagger: GeoTagger) -> None:
    _, regions, _ = tagged(
        tagger, "Çin'den tatbikat", "Çin, Tayvan'a yakın tatbikat yapacak.", language="tr"
    )
    assert regions == ["asia-pacific"]


def test_arabic_clitics_and_adjectives(tagger: GeoTagger) -> None:
    _, regions, _ = tagged(tagger, "", "وصل الوفد للبرازيل أمس والتقى بالرئيس.", language="ar")
    assert regions == ["americas"]
    _, regions, _ = tagged(
        tagger, "", "قال الجيش الإيراني في بيان إن التدريبات انتهت.", language="ar"
    )
    assert regions == ["middle-east"]


def test_state_named_in_the_story_makes_the_us_town(tagger: GeoTagger) -> None:
    body = (
        "Athens police are investigating a robbery near the University of Georgia campus, "
        "the Athens-Clarke County police said."
    )
    _, regions, rules = tagged(tagger, "Police investigate robbery in Athens", body)
    assert regions == ["americas"]
    assert rules["Athens"] in ("homonym-state", "compound-name")
    body = "A storm knocked out power across Paris and Lamar County, Texas, on Sunday."
    assert tagged(tagger, "Storm in Paris", body)[1] == ["americas"]


def test_currency_alone_does_not_locate_a_market_story(tagger: GeoTagger) -> None:
    body = "The dollar firmed against the yen and the euro on Monday as Treasury yields rose."
    assert tagged(tagger, "Dollar firms", body)[1] == []
    body = "South Africa's rand weakened on Monday; the rand has lost 5% this year in Johannesburg."
    assert tagged(tagger, "Rand weakens", body)[1] == ["africa"]
