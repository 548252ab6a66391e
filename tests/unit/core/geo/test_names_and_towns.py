"""Names that are places and towns confirming each other (issue #16, a5 round).

A stop-listed town that is a common surname, speaking ("Taylor said"), is a person, while a
capital speaking ("Moscow said") keeps its government reading and "residents of Taylor" the town
(session 22, a40/a43); "the Bush administration" names a government, not Egypt's town (session
19)."""

from __future__ import annotations

import pytest

from streams.core.geo import GeoTagger, explain

from .conftest import evidence_by_text, make_item
from .test_real_news_rules import tagged


def test_two_cities_of_one_country_confirm_each_other(tagger: GeoTagger) -> None:
    body = "The night train from Nantes reached Lyon two hours late after a signal fault."
    _, regions, rules = tagged(tagger, "Night train runs late", body)
    assert regions == ["europe"]
    assert rules["Nantes"] == rules["Lyon"] == "city+confirmed"


def test_one_city_named_twice_is_no_mutual_confirmation(tagger: GeoTagger) -> None:
    # Not two cities: no "city+confirmed"; the story names nothing else, so the lone-town rule
    # (test_lone_town.py) locates it by the first mention.
    body = "The night train from Nantes ran late, and the return to Nantes was cancelled."
    _, regions, rules = tagged(tagger, "Night train runs late", body)
    assert regions == ["europe"]
    assert rules["Nantes"] == "unconfirmed"
    body += " Officials in Germany said a replacement engine was on its way."
    _, regions, rules = tagged(tagger, "Night train runs late", body)
    assert rules["Nantes"] == "unconfirmed"


def test_a_first_name_seen_in_a_full_name_stays_the_person(tagger: GeoTagger) -> None:
    body = (
        "Georgia Hartley signed a new record deal on Tuesday.\n\n"
        "Georgia said the album would come out in the spring."
    )
    item, regions, rules = tagged(tagger, "Singer signs record deal", body)
    assert regions == []
    assert rules["Georgia"] == "person-first"
    assert "opens a full name" in explain(item, tagger.tag(item))


def test_a_town_opening_an_organisation_name_stays_a_town_elsewhere(tagger: GeoTagger) -> None:
    body = (
        "Paris Regional Medical Center treated two people after the crash.\n\n"
        "Paris firefighters cleared the road on Main Street, Texas officials said."
    )
    _, regions, rules = tagged(tagger, "Two hurt in crash", body)
    assert regions == ["americas"]
    assert rules["Paris"] != "person-first"


def test_a_town_named_like_a_surname_after_a_place_like_first_name_is_the_person(
    tagger: GeoTagger,
) -> None:
    body = (
        "Kenya Moore opened hair salons in Atlanta and Memphis on Saturday.\n\n"
        "Moore said the shop had taken two years to plan. Kenya thanked her fans."
    )
    _, regions, rules = tagged(tagger, "Kenya Moore opens salon", body)
    assert regions == ["americas"]
    assert rules["Kenya"] == "person-first"
    assert rules["Moore"] == "person-surname"


def test_a_country_before_a_firm_word_stays_the_country(tagger: GeoTagger) -> None:
    body = (
        "Kenya Power raised its tariffs on Monday, the energy regulator said.\n\n"
        "Kenya imports most of its fuel."
    )
    _, regions, rules = tagged(tagger, "Power prices rise", body)
    assert regions == ["africa"]
    assert rules["Kenya"] == "country"


def test_the_game_named_after_rugby_is_not_the_english_town(tagger: GeoTagger) -> None:
    body = (
        "The Rugby League season opens in Suva on Friday, and Fiji will host the Rugby "
        "World Cup qualifiers in March."
    )
    _, regions, rules = tagged(tagger, "Fiji ready for new season", body)
    assert regions == ["asia-pacific"]
    assert "Rugby" not in rules


def test_a_council_passing_an_ordinance_is_a_us_town(tagger: GeoTagger) -> None:
    body = "Florence City Council passed a noise ordinance on Tuesday after a long debate."
    _, regions, rules = tagged(tagger, "Florence council backs noise rules", body)
    assert regions == ["americas"]
    assert rules["Florence"] == "homonym-local"
    byelaw = "Cambridge City Council passed a noise byelaw on Tuesday after a long debate."
    _, regions, rules = tagged(tagger, "Cambridge council backs noise rules", byelaw)
    assert regions == ["europe"]


def test_a_rugby_league_club_names_its_country(tagger: GeoTagger) -> None:
    body = "The Penrith Panthers held off a late rally to win 20-12 on Sunday night."
    _, regions, rules = tagged(tagger, "Panthers hold on", body)
    assert regions == ["asia-pacific"]
    assert rules["Penrith Panthers"] == "leader"  # actors weigh like leaders


def _evidence(tagger: GeoTagger, headline: str, body: str) -> dict[str, tuple[str, str]]:
    item = make_item(headline, body)
    item.language = "en"
    return {e.text: (e.country, e.rule) for e in tagger.tag(item).evidence}


def test_a_government_named_after_its_head_is_no_town(tagger: GeoTagger) -> None:
    # "Bush" is also a town in Egypt; "the Bush administration" names a US government, and
    # the bare surname later in the story is that person too.
    evidence = _evidence(
        tagger,
        "Allies split over Iraq road map",
        "The statement followed the Bush administration's line on Iraq. Bush left early for "
        "talks in Egypt with regional leaders.",
    )
    assert evidence["Bush"][1] in ("person-name", "person-surname")
    assert all(e[1] != "city+confirmed" for e in evidence.values())


TIMBER = (
    "Log prices climb for Kiwi builders",
    "Demand from China is the main driver of the rise, Taylor said. Builders in New Zealand "
    "would feel it, he said.\n\n"
    "China took fewer logs from New Zealand in May. According to Taylor, each sawmill sets "
    "its own prices.",
)


def test_a_surname_town_that_speaks_is_a_person(tagger: GeoTagger) -> None:
    regions, ev = evidence_by_text(tagger, *TIMBER)
    assert regions == ["asia-pacific"]
    assert ev["Taylor"][1].startswith("person") and ev["Taylor"][2] == 0.0


def test_the_speaker_stays_a_person_beside_us_evidence(tagger: GeoTagger) -> None:
    headline, body = TIMBER
    body += "\n\nStronger demand in the US and North America lifted prices, Taylor said."
    _, ev = evidence_by_text(tagger, headline, body)
    assert ev["Taylor"][2] == 0.0


def test_a_surname_town_in_a_place_position_is_still_the_town(tagger: GeoTagger) -> None:
    # "residents of Taylor said": the town, named after a place preposition, whatever follows.
    _, ev = evidence_by_text(
        tagger,
        "Water main break floods Texas streets",
        "Residents of Taylor said the water rose within minutes. Texas officials sent crews "
        "to the town on Monday.",
    )
    assert ev["Taylor"][0] == "US" and ev["Taylor"][2] > 0


def test_a_capital_that_speaks_keeps_its_government_reading(tagger: GeoTagger) -> None:
    # "Moscow said": a capital speaking for its government is no stop-listed surname.
    regions, ev = evidence_by_text(
        tagger, "Talks stall", "Moscow said on Tuesday that the talks had stalled."
    )
    assert ev["Moscow"][0] == "RU" and ev["Moscow"][2] > 0
    assert regions == ["europe"]


def test_a_party_nickname_after_a_first_name_is_a_surname(tagger: GeoTagger) -> None:
    # "John Tory", Toronto's mayor (session 26, hgeo64, a64-028): Britain's Conservatives'
    # nickname after a first name is a person, here and wherever the story names him alone.
    body = (
        "Toronto city council voted 21-4 for John Tory's affordable housing plan.\n\n"
        "Tory said shovels could be in the ground next year."
    )
    _, regions, rules = tagged(tagger, "Council backs mayor's housing plan", body)
    assert "europe" not in regions
    assert rules["Tory"] == "person-surname"


def test_a_party_nickname_without_a_first_name_stays_the_party(tagger: GeoTagger) -> None:
    body = (
        "Tory MPs voted against the budget at Westminster on Tuesday.\n\n"
        "Conservative Tory leader Kemi Badenoch said the party would fight on."
    )
    _, regions, rules = tagged(tagger, "Tory revolt over budget", body)
    assert regions == ["europe"]
    assert rules["Tory"] == "metonym"


def test_a_german_place_noun_before_a_town_is_no_first_name(tagger: GeoTagger) -> None:
    # German capitalises every noun and builds place nouns freely ("Hafenstadt", "Golfemirat",
    # "Technologie-Metropole"): the word before the town is no first name, so the town is no
    # surname (session 26, agency probe r63).
    item = make_item(
        "Ministerin reist nach Indien",
        "Berlin (dpa) - Die Entwicklungsministerin reist zuerst in die Technologie-Metropole "
        "Bangalore, danach in die Hauptstadt Neu Delhi und in die Hafenstadt Mumbai.",
        "Berlin",
    )
    item.language = "de"
    result = tagger.tag(item)
    rules = {e.text: e.rule for e in result.evidence if e.field == "body"}
    assert rules["Bangalore"] != "person-name"
    assert rules["Neu Delhi"] != "person-name"
    assert rules["Mumbai"] != "person-name"
    assert result.regions[0] == "asia-pacific"


@pytest.mark.parametrize(
    ("body", "town", "region"),
    [
        (
            "President William Ruto met the county governors at State House Nairobi on Tuesday "
            "and asked them to delay the levy.",
            "Nairobi",
            "africa",
        ),
        (
            "The governors were hosted for a second day at State House Mombasa.",
            "Mombasa",
            "africa",
        ),
        (
            "Speaking at State House Kampala, the president said the vote would wait.",
            "Kampala",
            "africa",
        ),
        (
            "MPs gathered outside Parliament Buildings Nairobi before the vote.",
            "Nairobi",
            "africa",
        ),
        (
            "The new ministers were sworn in at Government House Wellington on Monday.",
            "Wellington",
            "asia-pacific",
        ),
    ],
)
def test_a_seat_of_government_written_before_its_town_leaves_the_town_a_place(
    tagger: GeoTagger, body: str, town: str, region: str
) -> None:
    # East African and Commonwealth copy writes the building before its town without a comma
    # ("State House Nairobi", "Government House Wellington"): "House" and "Buildings" are no
    # first names, so the town is no surname (session 29, hgeo73, probe a73's Kenyan rows).
    _, regions, rules = tagged(tagger, "Levy vote delayed", body)
    assert rules[town] != "person-name"
    assert regions[:1] == [region]


def test_a_house_named_after_a_town_is_still_no_mention_of_the_town(tagger: GeoTagger) -> None:
    # Only the word before a town is read: "Chatham House" and "Lancaster House" name
    # buildings in London, not the towns (session 29, hgeo73).
    _, regions, rules = tagged(
        tagger,
        "Think tank warns on talks",
        "Analysts at Chatham House said the Lancaster House talks would resume next week.",
    )
    assert rules["Chatham"] != "place"
    assert rules["Lancaster"] == "name-part"
    assert regions == []


def test_a_metonym_no_one_bears_is_no_surname_after_a_first_name(tagger: GeoTagger) -> None:
    # "Will", "May", "April" are common first names too; "Congress" and "Hamas" are no
    # surnames, so the story is still about them (session 26 review, hrev26a: hgeo64's rule
    # read every mention as a person and left both stories unlocated).
    body = (
        "Lawmakers return to the Capitol next week with no deal on food aid. In May Congress "
        "passed a short extension, and farm groups say Congress must act before it lapses."
    )
    _, regions, rules = tagged(tagger, "Farm bill deadline looms for lawmakers", body)
    assert regions == ["americas"]
    assert rules["Congress"] == "metonym"
    body = (
        "Mediators urged Hamas on Tuesday to accept a revised truce proposal. Since April "
        "Hamas has insisted on a full withdrawal. Will Hamas accept it? Diplomats doubt it."
    )
    _, regions, rules = tagged(tagger, "Mediators press militants on deal", body)
    assert regions == ["middle-east"]
    assert "person" not in rules["Hamas"]


def test_a_month_before_a_party_nickname_is_no_first_name(tagger: GeoTagger) -> None:
    body = "In May Tory MPs voted against the budget, and the party's whips lost the division."
    _, regions, rules = tagged(tagger, "Budget defeated in Commons", body)
    assert regions == ["europe"]
    assert rules["Tory"].startswith("metonym")


def test_a_possessive_before_a_town_is_no_first_name(tagger: GeoTagger) -> None:
    # "Credit Suisse's London headquarters": no first name takes a possessive, so the town is
    # no surname, and not every later "London" a person (session 27, hgeo68, a68-001: a Qatari
    # fund's London purchase lost London altogether).
    body = (
        "A Gulf fund has bought Credit Suisse's London headquarters and leased it back to the "
        "bank. Office rents in London have risen for three years."
    )
    _, regions, rules = tagged(tagger, "Fund buys bank's tower", body)
    assert regions[0] == "europe"
    assert "person" not in rules["London"]
    # a first name before the town still makes it a surname
    body = "The novelist Jack London wrote about the Klondike. London died in 1916."
    _, _, rules = tagged(tagger, "A writer's cabin", body)
    assert rules["London"].startswith("person")


def test_a_borough_given_as_a_first_name_is_the_person(tagger: GeoTagger) -> None:
    # Session 28 (hgeo70): "Brooklyn" became a common first name after the 1990 census the
    # first-name list comes from; before a surname it is the person, and no longer confirms a
    # Manchester in the US. The borough itself stays a place.
    body = "Brooklyn Beckham has opened a restaurant in Manchester with his wife, the couple said."
    _, regions, rules = tagged(tagger, "Brooklyn Beckham opens restaurant", body)
    assert "americas" not in regions
    assert rules["Brooklyn"] == "name-part"
    body = "A fire in a Brooklyn apartment building injured six people on Monday."
    _, regions, _ = tagged(tagger, "Six hurt in fire", body)
    assert regions == ["americas"]


def test_a_town_named_river_is_the_river_all_story_long(tagger: GeoTagger) -> None:
    # "the River Lamia", a river on the Uganda-DR Congo border, is no Lamia in Greece, and
    # the bare name in a list of rivers is that river too (``river_words.txt``; session 30,
    # a79-014, which read it as Greece, then as a US town).
    regions, evidence = evidence_by_text(
        tagger,
        "Nyamwamba and Lamia burst their banks in Kasese and Bundibugyo",
        "Residents of Kasese fled as the Nyamwamba flooded the town. In Bundibugyo the River "
        "Lamia also spilled into villages, the district chairperson said.",
    )
    assert evidence["Lamia"][1:] == ("river-name", 0.0)
    assert regions == ["africa"]


def test_a_country_named_river_keeps_the_story_where_it_flows(tagger: GeoTagger) -> None:
    # The River Niger in a Nigerian town is no news from the country Niger; a story that names
    # only the river still goes where the name points (its weight given back).
    regions, evidence = evidence_by_text(
        tagger,
        "Floods along the River Niger displace families in Lokoja",
        "The river Niger burst its banks in Lokoja and nearby villages, the state emergency "
        "agency said on Monday.",
    )
    assert evidence["Niger"][:2] == ("NE", "river-name")
    assert evidence["Lokoja"][0] == "NG"
    assert regions == ["africa"]
    regions, evidence = evidence_by_text(
        tagger, "Boat capsizes on the River Niger", "Rescuers searched the River Niger overnight."
    )
    assert evidence["Niger"][0] == "NE" and evidence["Niger"][2] > 0
    assert regions == ["africa"]


def test_a_river_word_must_be_a_word_of_its_own(tagger: GeoTagger) -> None:
    # "deliver Lagos": no river; the city counts.
    regions, evidence = evidence_by_text(
        tagger,
        "Contractor vows to deliver Lagos bridge on time",
        "The firm said it would deliver Lagos its new bridge by March, officials said.",
    )
    assert evidence["Lagos"][1] != "river-name" and evidence["Lagos"][2] > 0
    assert regions == ["africa"]
