"""US and Canadian towns named after world places, read from local context (issue #16)."""

from __future__ import annotations

import pytest

from streams.core.geo import GeoTagger

from .conftest import make_item


def rules_of(
    tagger: GeoTagger, headline: str, body: str, located: str | None = None
) -> tuple[list[str], list[tuple[str, str, str]]]:
    """Regions, and (text, rule, country) of every evidence mention in text order.

    The ``+subject`` weight mark (a headline's or lead's subject) is dropped: these tests are
    about how a name is read, not how much it weighs.
    """
    result = tagger.tag(make_item(headline, body, located))
    return result.regions, [
        (e.text, e.rule.removesuffix("+subject"), e.country) for e in result.evidence
    ]


def test_a_country_name_qualified_by_a_state_abbreviation_is_the_town(tagger: GeoTagger) -> None:
    body = "A fire destroyed a storage building on Friday night. Nobody in Lebanon was hurt."
    regions, evidence = rules_of(tagger, "Fire guts warehouse in Lebanon", body, "LEBANON, Tenn.")
    assert regions == ["americas"]
    assert {(rule, country) for _, rule, country in evidence} == {("city-qualified", "US")}


def test_a_country_in_a_list_of_countries_stays_the_country(tagger: GeoTagger) -> None:
    body = "Envoys met in Lebanon, Syria and Jordan this week to discuss the border."
    regions, evidence = rules_of(tagger, "Talks in the region", body)
    assert regions == ["middle-east"]
    assert ("Lebanon", "country", "LB") in evidence


def test_downtown_before_a_town_is_no_first_name(tagger: GeoTagger) -> None:
    body = (
        "A family bakery opened on the square in Downtown Paris on Saturday. The Paris Police "
        "Department closed the 100 block of Main Street for the ribbon cutting."
    )
    regions, evidence = rules_of(tagger, "Bakery opens", body)
    assert regions == ["americas"]
    assert [rule for text, rule, _ in evidence if text == "Paris"] == ["homonym-local"] * 2


def test_a_state_agency_names_the_state(tagger: GeoTagger) -> None:
    body = "An officer was arrested after an inquiry by the Georgia Bureau of Investigation."
    regions, evidence = rules_of(tagger, "Officer arrested", body)
    assert regions == ["americas"]
    assert evidence == [("Georgia", "country-alternative", "US")]


def test_police_blotter_furniture_makes_a_world_city_the_local_town(tagger: GeoTagger) -> None:
    body = (
        "Athens police said a car was stolen overnight near the stadium. The Athens Police "
        "Department asked witnesses to call, and the District Attorney will decide on charges."
    )
    regions, evidence = rules_of(tagger, "Car stolen", body)
    assert regions == ["americas"]
    assert {rule for text, rule, _ in evidence if text == "Athens"} == {"homonym-local"}
    # Without local furniture the name is the world city, and a British "block of flats" with
    # its mayor is no US police blotter.
    regions, _ = rules_of(tagger, "Car stolen", "Thieves took a car overnight in Athens.")
    assert regions == ["europe"]
    body = "Fire gutted a block of flats in London on Sunday, and the mayor called for an inquiry."
    regions, _ = rules_of(tagger, "Fire guts flats", body)
    assert regions == ["europe"]


def test_a_street_or_park_named_after_a_place_is_no_news_from_there(tagger: GeoTagger) -> None:
    body = (
        "Firefighters put out a blaze near Kenya Avenue on Monday. Children played in "
        "Navarre Park and on Bordeaux St. while the crews worked."
    )
    regions, evidence = rules_of(tagger, "Blaze put out", body)
    assert regions == []
    assert {rule for _, rule, _ in evidence} == {"street-name"}
    # The same names with no street or landmark noun after them are places.
    regions, _ = rules_of(tagger, "Blaze put out", "Firefighters put out a blaze in Kenya.")
    assert regions == ["africa"]


def test_a_us_county_or_parish_is_a_us_place(tagger: GeoTagger) -> None:
    body = "Deputies in Tompkins County found a missing hiker on Sunday after a two-day search."
    regions, evidence = rules_of(tagger, "Hiker found", body)
    assert regions == ["americas"]
    assert evidence == [("Tompkins County", "place", "US")]
    body = "Forecasters warned of flooding in Tangipahoa Parish as the river rose."
    regions, _ = rules_of(tagger, "Flood warning", body)
    assert regions == ["americas"]


def test_a_county_named_like_another_countrys_county_is_no_us_place(tagger: GeoTagger) -> None:
    body = "Kent County Council approved a new bus route for commuters on Monday."
    regions, evidence = rules_of(tagger, "Bus route approved", body)
    assert regions == []
    assert ("Kent County", "place", "US") not in evidence


def test_a_small_town_dateline_in_a_province_locates_the_story_there(tagger: GeoTagger) -> None:
    body = (
        "Thorndale, Ont. - London police are looking for a driver who left the scene of a crash "
        "on Friday night. London firefighters freed two people."
    )
    regions, evidence = rules_of(tagger, "Police seek driver", body, "Thorndale, Ont.")
    assert regions == ["americas"]
    assert evidence[0] == ("Ont.", "state", "CA")
    assert {country for text, _, country in evidence if text == "London"} == {"CA"}
    # Without the dateline the same story is London, England.
    regions, _ = rules_of(tagger, "Police seek driver", body.split(" - ", 1)[1])
    assert regions == ["europe"]


def test_a_demonym_that_is_a_first_name_before_a_surname_is_the_person(
    tagger: GeoTagger,
) -> None:
    body = "Dane Whitfield scored twice as the visitors won in Brisbane on Saturday."
    regions, evidence = rules_of(tagger, "Visitors win", body)
    assert regions == ["asia-pacific"]
    assert ("Dane", "name-part", "DK") in evidence
    # With an article it is the demonym again: no first name takes one.
    body = "The Dane Mads Kjeldgaard won the mountain stage on Sunday."
    _, evidence = rules_of(tagger, "Stage win", body)
    assert ("Dane", "demonym", "DK") in evidence


def test_british_local_government_keeps_a_british_town_british(tagger: GeoTagger) -> None:
    # "County" (a US cue) inside "Shropshire County Council" is British local government.
    body = (
        "Stallholders in Ludford braved the rain as the winter fair opened on Friday. The "
        "event is backed by Oxford City Council and Shropshire County Council, and runs "
        "along the high street until Christmas Eve in Oxford."
    )
    regions, evidence = rules_of(tagger, "Oxford winter fair opens despite downpours", body)
    assert regions == ["europe"]
    assert {country for text, _, country in evidence if text == "Oxford"} == {"GB"}


def test_us_local_government_still_makes_a_world_city_the_us_town(tagger: GeoTagger) -> None:
    body = (
        "The Oxford City Council voted on Monday to fund two deputies, and the County "
        "Sheriff said the money would cover overtime in Oxford."
    )
    regions, evidence = rules_of(tagger, "Oxford funds deputies", body)
    assert regions == ["americas"]
    assert {rule for text, rule, _ in evidence if text == "Oxford"} == {"homonym-local"}


def test_a_title_case_postal_code_qualifies_a_town(tagger: GeoTagger) -> None:
    body = (
        "Two men walked out of the county jail in Santa Ana, Ca. on Sunday and were caught "
        "two days later near Fresno."
    )
    regions, evidence = rules_of(tagger, "Escaped Santa Ana inmates caught", body)
    assert regions == ["americas"]
    assert {country for text, _, country in evidence if text == "Santa Ana"} == {"US"}


def test_a_title_after_a_town_is_no_postal_code(tagger: GeoTagger) -> None:
    body = "In Paris, Ms. Hidalgo said the city would plant more trees along the Seine."
    regions, _ = rules_of(tagger, "Mayor plans more trees", body)
    assert regions == ["europe"]


@pytest.mark.parametrize(
    ("body", "region"),
    [
        # British copy: the London district.
        (
            "Queues formed at forecourts across the county as the Transport Secretary urged "
            "calm, and bus routes in East London were cut.",
            "europe",
        ),
        # The Eastern Cape city.
        (
            "Buffalo City officials said bus routes in East London and Mdantsane were cut as "
            "the strike spread across the Eastern Cape.",
            "africa",
        ),
        # Nothing either way: the gazetteer's city, as before.
        ("Bus routes in East London were cut on Monday as drivers walked out.", "africa"),
    ],
)
def test_east_london_is_read_by_its_context(tagger: GeoTagger, body: str, region: str) -> None:
    regions, _ = rules_of(tagger, "East London bus routes cut", body)
    assert regions == [region]


def test_a_town_qualified_by_a_region_of_another_country_is_the_town_there(
    tagger: GeoTagger,
) -> None:
    # Session 24 (hgeo57, a57-004): "Newcastle, County Tipperary" is the Irish village; the
    # qualifier placed it nowhere (weight 0), so the headline's bare "Newcastle" stayed the
    # Australian city and added asia-pacific to an Irish crash story.
    regions, evidence = rules_of(
        tagger,
        "Two hurt after car leaves road near Newcastle",
        "Gardai are appealing for witnesses after a crash in Newcastle, County Tipperary on "
        "Wednesday night. The road near Newcastle remains closed.",
    )
    assert regions == ["europe"]
    assert {c for t, _, c in evidence if t == "Newcastle"} == {"IE"}


def test_a_city_in_a_list_of_regions_is_not_qualified_by_its_neighbour(
    tagger: GeoTagger,
) -> None:
    # A list ("in London, Tipperary and Kerry") is no qualifier: London stays no Irish town.
    _, evidence = rules_of(
        tagger,
        "Rallies held",
        "Rallies were held in London, County Tipperary and Gaza on Saturday.",
    )
    assert ("London", "city-qualified", "IE") not in evidence


@pytest.mark.parametrize(
    ("body", "city", "country"),
    [
        (
            "In Paris, Gaza supporters marched to the Assemblee on Saturday, police said.",
            "Paris",
            "PS",
        ),
        ("In London, Kyiv's ambassador told reporters the talks had stalled.", "London", "UA"),
    ],
)
def test_a_fronted_city_before_a_foreign_place_is_no_town_there(
    tagger: GeoTagger, body: str, city: str, country: str
) -> None:
    # Review hrev24c: "In Paris, Gaza supporters ..." is a fronted phrase, not an address; the
    # region rule of e96a772 made Paris a Palestinian town and London a Ukrainian one.
    _, evidence = rules_of(tagger, "Envoys and marchers", body)
    assert (city, "city-qualified", country) not in evidence


def test_british_police_ranks_and_a_council_leader_make_boston_the_british_town(
    tagger: GeoTagger,
) -> None:
    # a62-001: a Lincolnshire paper names only "Boston", its police and its council; the
    # press's abbreviated ranks and a council leader are British local news.
    body = (
        "Police chiefs insist Boston is a safe place to live. Chief Supt Paula Wood and Chief "
        "Insp Paul Timmins said crime in Boston had fallen, and council leader Peter Bedford "
        "welcomed the town's new ban on street drinking."
    )
    regions, evidence = rules_of(tagger, "Police say Boston is safe", body)
    assert regions == ["europe"]
    assert {country for text, _, country in evidence if text == "Boston"} == {"GB"}
    # One British cue alone is not local news; US copy keeps its Boston.
    regions, _ = rules_of(tagger, "Boston council", "The council leader in Boston resigned.")
    assert regions == ["americas"]


def test_new_zealand_planning_terms_keep_auckland_in_new_zealand(tagger: GeoTagger) -> None:
    # a62-021: a New Zealand council's mayor and City Council are US cues too; its District
    # Plan and Annual Plan (the Resource Management and Local Government Acts' documents) are
    # as many of its own country's, so Auckland stays Auckland.
    body = (
        "The City Council kept its bylaw with minor changes to align its maps with the "
        "Operative District Plan, ahead of an election that may bring a new mayor. The "
        "council can adjust its course through the 10-Year Plan and Annual Plan cycle, and "
        "the city is buffered by its proximity to Auckland."
    )
    regions, evidence = rules_of(tagger, "Council meeting wrap up", body)
    assert regions == ["asia-pacific"]
    assert {country for text, _, country in evidence if text == "Auckland"} == {"NZ"}


def test_a_scottish_council_area_places_a_homonym_town_in_scotland(tagger: GeoTagger) -> None:
    # a62-004: a PA brief names only "Hamilton" and its force, "South Lanarkshire Police"; the
    # council area is Scotland's, and Hamilton is no Ontario or Bermuda story.
    body = (
        "Detectives say there are similarities after four parked cars were destroyed by fire "
        "in one town. South Lanarkshire Police have appealed for information about the fires "
        "in Hamilton."
    )
    regions, evidence = rules_of(tagger, "Parked cars destroyed by fire", body)
    assert regions == ["europe"]
    assert ("South Lanarkshire", "GB") in {(text, country) for text, _, country in evidence}


def test_an_english_dispersal_order_makes_boston_the_lincolnshire_town(tagger: GeoTagger) -> None:
    # a67-003: a Lincolnshire paper's dispersal order for "Boston town centre" names no county;
    # a dispersal order and anti-social behaviour are English local copy (US copy writes
    # "behavior"), two British cues against none of the US.
    body = (
        "Officers have put a dispersal order in place across Boston town centre until Sunday "
        "after repeated anti-social behaviour near the bus station and the market."
    )
    regions, evidence = rules_of(tagger, "Dispersal order for Boston", body)
    assert regions == ["europe"]
    assert {(rule, country) for text, rule, country in evidence if text == "Boston"} == {
        ("homonym-local", "GB")
    }


def test_police_scotland_and_a_sheriff_court_make_perth_the_scottish_city(
    tagger: GeoTagger,
) -> None:
    # a67-005: "Perth city centre", Police Scotland and Perth Sheriff Court; "Perth City" was an
    # alternate name of Perth, WA only, and "Sheriff" a US cue.
    body = (
        "A woman was arrested after a disturbance in Perth city centre on Saturday night, "
        "Police Scotland said. The 45-year-old is due to appear at Perth Sheriff Court on "
        "Monday."
    )
    regions, evidence = rules_of(tagger, "Woman held after Perth disturbance", body)
    assert regions == ["europe"]
    assert {country for text, _, country in evidence if text.startswith("Perth")} == {"GB"}
    assert "Perth city" not in {text for text, _, _ in evidence}
    # A Perth story with its own country's evidence stays in Western Australia.
    body = "Two cars collided in Perth's northern suburbs, Western Australia Police said."
    regions, _ = rules_of(tagger, "Perth crash", body)
    assert regions == ["asia-pacific"]


def test_ipswich_beside_queensland_places_is_the_queensland_city(tagger: GeoTagger) -> None:
    # a67-021, a62-022: the city list has only Ipswich, Suffolk; Ipswich, Queensland is an
    # extra candidate (extra_cities.tsv), picked by the story's Australian evidence.
    body = (
        "Floodwater cut roads in Ipswich and Goodna as the Bremer River rose, and residents "
        "west of Brisbane were told to move to higher ground, Queensland emergency services "
        "said."
    )
    regions, evidence = rules_of(tagger, "Ipswich braces for flood peak", body)
    assert regions == ["asia-pacific"]
    assert {country for text, _, country in evidence if text == "Ipswich"} == {"AU"}
    # With no evidence either way, Ipswich is still the English town.
    body = "Ipswich Borough Council approved a new car park near the railway station."
    regions, evidence = rules_of(tagger, "Ipswich car park approved", body)
    assert {country for text, _, country in evidence if text == "Ipswich"} == {"GB"}


@pytest.mark.parametrize(
    ("body", "city", "country", "region"),
    [
        (
            "Melbourne City Council will review parking fees in the city centre. Lord Mayor "
            "Nicholas Reece said traders had asked for it, and the mayor will report in March.",
            "Melbourne",
            "AU",
            "asia-pacific",
        ),
        (
            "Sydney City Council has approved 200 affordable homes on council land. Lord Mayor "
            "Clover Moore said key workers would rent them below market rates.",
            "Sydney",
            "AU",
            "asia-pacific",
        ),
        (
            "Birmingham City Council will hold fresh talks with the union over the bin strike. "
            "Lord Mayor Zafar Iqbal thanked residents, and the council leader spoke of costs.",
            "Birmingham",
            "GB",
            "europe",
        ),
    ],
)
def test_a_lord_mayor_keeps_a_world_citys_own_council_at_home(
    tagger: GeoTagger, body: str, city: str, country: str, region: str
) -> None:
    # hgeo69: "City Council" and the "Mayor" of "Lord Mayor" (or a later "the mayor") were two US
    # cues, and the lonely city read as its US namesake (Melbourne, Florida).
    regions, evidence = rules_of(tagger, "Council vote", body)
    assert regions == [region]
    assert {c for text, _, c in evidence if text == city} == {country}


@pytest.mark.parametrize(
    ("body", "city", "rule"),
    [
        # Melbourne, Florida's council, its mayor and fire chief: no Lord Mayor, still the town.
        (
            "Melbourne City Council voted 6-1 to build a fire station near the airport. Mayor "
            "Paul Alfrey said it would cut response times, the Fire Chief told the council.",
            "Melbourne",
            "homonym-local",
        ),
        # A Lord Mayor does not outweigh the namesake's own state.
        (
            "Moscow City Council delayed a vote on housing rules. The Lord Mayor of London's "
            "visit was noted, and Mayor Art Bettge said the city in Idaho needs more homes.",
            "Moscow",
            "homonym-state",
        ),
    ],
)
def test_a_us_namesakes_own_cues_still_make_the_council_the_us_town(
    tagger: GeoTagger, body: str, city: str, rule: str
) -> None:
    _, evidence = rules_of(tagger, "Council vote", body)
    assert {(r, c) for text, r, c in evidence if text == city} == {(rule, "US")}


def test_a_lord_mayor_does_not_choose_between_its_countries(tagger: GeoTagger) -> None:
    # Britain, Ireland and Australia all have Lord Mayors: beside one British cue
    # ("anti-social behaviour", also Australian spelling) it makes no Perth Scottish.
    body = (
        "The City of Perth will fund six more rangers after complaints about anti-social "
        "behaviour near the train station. Lord Mayor Basil Zempilas said Perth must feel safe."
    )
    regions, evidence = rules_of(tagger, "Rangers for city centre", body)
    assert regions == ["asia-pacific"]
    assert {country for text, _, country in evidence if text == "Perth"} == {"AU"}


def test_a_lord_provost_makes_perth_the_scottish_city(tagger: GeoTagger) -> None:
    # Scotland's city councils have a Lord Provost: with Police Scotland (one cue) it read as
    # Perth, Western Australia, the biggest Perth.
    regions, evidence = rules_of(
        tagger,
        "Lord Provost opens refurbished Perth concert hall",
        "Perth's Lord Provost Grant Laing reopened the city concert hall on Friday after a "
        "two-year refit. Police Scotland closed Mill Street for the ceremony.",
    )
    assert regions == ["europe"]
    assert {c for text, _, c in evidence if text == "Perth"} == {"GB"}


@pytest.mark.parametrize(
    ("body", "region"),
    [
        # The council's own name before the city: as "Sydney City Council", a Lord Mayor (a cue
        # of its own country) keeps the world city at home; it read as a US namesake.
        (
            "The City of Sydney will build a 2.4 km cycleway along George Street after "
            "councillors voted 7-3. Lord Mayor Clover Moore said the route would open next "
            "year. The mayor told the meeting the City Council had consulted businesses.",
            "asia-pacific",
        ),
        # No cue of the world city's own country: the US town, as before.
        (
            "The City of Moscow will raise water rates 4% from July after the City Council "
            "voted 5-1. Mayor Art Bettge said the Police Department budget was unchanged.",
            "americas",
        ),
    ],
)
def test_the_city_of_a_world_city_is_its_own_council(
    tagger: GeoTagger, body: str, region: str
) -> None:
    regions, _ = rules_of(tagger, "Council vote", body)
    assert regions == [region]


def test_a_shoal_named_after_a_town_is_the_shoal(tagger: GeoTagger) -> None:
    """Session 35, hgeo96 (a3-017): "Scarborough Shoal" is a South China Sea feature, not the
    English town (``places.tsv``)."""
    result = tagger.tag(
        make_item(
            "Coast guard vessels face off at Scarborough Shoal",
            "Philippine and Chinese coast guard vessels faced off near Scarborough Shoal on "
            "Tuesday, Manila said.",
        )
    )
    assert list(result.regions) == ["asia-pacific"]
