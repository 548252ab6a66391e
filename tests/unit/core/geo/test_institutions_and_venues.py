"""Stories located only by a country's institutions, police, regional leaders or sports grounds
(issue #16, knowledge round on ``bench/data/geo_real_en_a10.jsonl``). Fixtures written here."""

from __future__ import annotations

import pytest

from streams.core.geo import GeoTagger

from .test_real_news_rules import tagged


def test_a_national_police_force_locates_a_story_that_names_no_country(
    tagger: GeoTagger,
) -> None:
    body = (
        "Gardaí have arrested a woman in her 40s over a series of burglaries in Co. Clare.\n\n"
        "She is being held at a Garda station under Section 4 of the Criminal Justice Act."
    )
    _, regions, rules = tagged(tagger, "Woman held over burglaries", body)
    assert regions == ["europe"]
    assert rules["Gardaí"] == "metonym+subject"


def test_a_lake_named_like_the_irish_police_is_in_italy(tagger: GeoTagger) -> None:
    body = "Ferries on Lake Garda were halted on Sunday as storms crossed the region."
    _, regions, rules = tagged(tagger, "Storms halt ferries", body)
    assert regions == ["europe"]
    assert rules["Lake Garda"].startswith("place")


def test_a_regulator_alone_locates_its_country(tagger: GeoTagger) -> None:
    body = "Ofgem said on Tuesday it would cap standing charges for the winter quarter."
    _, regions, _ = tagged(tagger, "Energy regulator caps charges", body)
    assert regions == ["europe"]


def test_a_state_governor_alone_locates_a_us_story(tagger: GeoTagger) -> None:
    body = (
        "Gov. Josh Shapiro signed the transit funding bill on Friday after a months-long "
        "standoff with the legislature."
    )
    _, regions, rules = tagged(tagger, "Governor signs transit bill", body)
    assert regions == ["americas"]
    assert rules["Josh Shapiro"].startswith("leader")


def test_a_provincial_premier_alone_locates_a_canadian_story(tagger: GeoTagger) -> None:
    body = "Premier Wab Kinew said the budget would add nurses and freeze hydro rates."
    _, regions, _ = tagged(tagger, "Premier promises nurses", body)
    assert regions == ["americas"]


def test_a_sports_ground_outweighs_a_passing_opponent(tagger: GeoTagger) -> None:
    body = (
        "A crowd of 90,000 filled the MCG on the first day, and the MCG expects more.\n\n"
        "The record was set in a 1937 match against England."
    )
    _, regions, _ = tagged(tagger, "Big crowd for first day", body)
    assert regions == ["asia-pacific"]


def test_a_stadium_named_after_an_airline_is_not_its_country(tagger: GeoTagger) -> None:
    body = "The derby at the Etihad Stadium ended 1-1 after a late penalty."
    _, regions, _ = tagged(tagger, "Derby ends level", body)
    assert regions == ["europe"]


def test_a_broadcaster_quoted_abroad_adds_no_region(tagger: GeoTagger) -> None:
    body = (
        "Kenya's health minister told the BBC that the vaccine drive would reach Mombasa in May.\n\n"
        "Kenya has ordered two million doses, he told the BBC."
    )
    _, regions, _ = tagged(tagger, "Kenya widens vaccine drive", body)
    assert regions == ["africa"]
    _, regions, _ = tagged(tagger, "", "The BBC said it would cut 500 jobs.")
    assert regions == []


def test_an_armed_group_s_long_name_names_no_country(tagger: GeoTagger) -> None:
    body = (
        "Police in Ohio arrested a man accused of trying to send money to the Islamic State "
        "of Iraq and Syria, federal prosecutors said."
    )
    _, regions, _ = tagged(tagger, "Man charged with terror financing", body)
    assert regions == ["americas"]


def test_hull_is_the_english_city(tagger: GeoTagger) -> None:
    _, regions, _ = tagged(tagger, "Hull ferry sailings cancelled", "Storms closed the port.")
    assert regions == ["europe"]


def test_an_irish_county_named_like_a_first_name_counts_only_as_a_county(
    tagger: GeoTagger,
) -> None:
    _, regions, _ = tagged(
        tagger, "Flooding closes roads", "Floods closed three roads in Co. Kerry."
    )
    assert regions == ["europe"]
    body = "Kerry Washington thanked the crew of her new series on Monday."
    _, regions, _ = tagged(tagger, "Actor thanks crew", body)
    assert regions == []


def test_a_resort_island_locates_a_travel_story(tagger: GeoTagger) -> None:
    body = "Hotel owners on Tenerife say bookings for the winter are up a fifth."
    _, regions, rules = tagged(tagger, "Winter bookings rise", body)
    assert regions == ["europe"]
    assert rules["Tenerife"].startswith("place")


def test_a_us_agency_acronym_locates_its_country(tagger: GeoTagger) -> None:
    body = "NHTSA opened an investigation into 120,000 vehicles over faulty airbags."
    _, regions, _ = tagged(tagger, "Airbag probe opened", body)
    assert regions == ["americas"]


def test_the_company_s_cloud_arm_is_not_the_rainforest(tagger: GeoTagger) -> None:
    body = (
        "An outage at Amazon Web Services took banking apps offline across Britain on Monday, "
        "and Britain's Treasury asked the banks for a report."
    )
    _, regions, rules = tagged(tagger, "Cloud outage hits banks", body)
    assert regions == ["europe"]
    assert "Amazon" not in rules


def test_franchise_nicknames_locate_a_game_report(tagger: GeoTagger) -> None:
    body = "The Steelers beat the Bengals 24-10 on Sunday night, with two late interceptions."
    _, regions, _ = tagged(tagger, "Steelers hold off Bengals", body)
    assert regions == ["americas"]


def test_a_film_industry_s_nickname_locates_its_country(tagger: GeoTagger) -> None:
    # "Nollywood" is Nigeria's film industry as "Bollywood" is India's (session 28, a70-014):
    # a story naming nothing else is Nigeria's, and one prize "at a Nollywood festival" in a
    # city abroad keeps the actress's country beside the venue's.
    body = "The Nollywood actress said her new drama would open in cinemas next month."
    _, regions, rules = tagged(tagger, "Actress announces new drama", body)
    assert regions == ["africa"]
    assert rules["Nollywood"].startswith("place")
    body = (
        "The Kannywood director's first film in English was shown at a festival in Toronto "
        "on Saturday, and the Kannywood cast travelled with it."
    )
    _, regions, _ = tagged(tagger, "Director's English debut", body)
    assert "africa" in regions


def test_a_museum_named_without_its_city_locates_the_story(tagger: GeoTagger) -> None:
    # Session 28 (a70-002): "OXFORD's Ashmolean Museum" left the town unconfirmed while
    # nothing else named Britain; the museum is Oxford's and confirms it.
    body = "The Uffizi has reopened two rooms of Renaissance paintings after a year of repairs."
    _, regions, _ = tagged(tagger, "Gallery reopens rooms", body)
    assert regions == ["europe"]
    body = "Oxford's Ashmolean Museum has been given a large grant for its conservation gallery."
    _, regions, rules = tagged(tagger, "Museum wins grant", body)
    assert regions == ["europe"]
    assert rules["Oxford"] != "unconfirmed"


@pytest.mark.parametrize(
    ("body", "name", "region"),
    [
        (
            "Officials at Luthuli House said the list would be out on Friday.",
            "Luthuli House",
            "africa",
        ),
        ("A statement from Aso Villa said the list would be out on Friday.", "Aso Villa", "africa"),
        (
            "Officials at Munhumutapa Building said the list would be out on Friday.",
            "Munhumutapa Building",
            "africa",
        ),
        (
            "A statement from Aiwan-e-Sadr said the bill had been signed.",
            "Aiwan-e-Sadr",
            "asia-pacific",
        ),
        ("The Dewan Negara passed the bill on Tuesday.", "Dewan Negara", "asia-pacific"),
        (
            "The Pyidaungsu Hluttaw passed the bill on Tuesday.",
            "Pyidaungsu Hluttaw",
            "asia-pacific",
        ),
        (
            "The Pan Africanist Congress said it would not back the budget.",
            "Pan Africanist Congress",
            "africa",
        ),
        (
            "A statement from the Palacio de Miraflores said the decree stands.",
            "Palacio de Miraflores",
            "americas",
        ),
    ],
)
def test_a_seat_of_government_or_chamber_alone_locates_the_story(
    tagger: GeoTagger, body: str, name: str, region: str
) -> None:
    # Political copy that names only a party's headquarters, a presidency's seat or a chamber by
    # its own name (session 29, hgeo73, probe a73: politics named through institutions).
    _, regions, rules = tagged(tagger, "List due on Friday", body)
    assert regions == [region]
    assert name in rules


def test_a_congress_inside_a_party_s_name_is_not_the_us_congress(tagger: GeoTagger) -> None:
    # Ghana's (and Grenada's) National Democratic Congress: its "Democratic" had confirmed
    # "Congress" as the US Congress, so a Ghanaian party story went to the americas (session 29,
    # hgeo73). The name is shared by two regions, so it names none.
    body = "The National Democratic Congress (NDC) said its flagbearer would file on Monday."
    _, regions, rules = tagged(tagger, "Flagbearer to file on Monday", body)
    assert "americas" not in regions
    assert "Congress" not in rules
