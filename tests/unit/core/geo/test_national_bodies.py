"""Stories that name no place, only a minister or a national body (issue #16, session 15): the
cabinet ministers of ``leaders.tsv`` and the bodies of one country's government in
``national_bodies.tsv`` are weak evidence of that country (kind leader): alone they locate the
story, beside a place of another region they add no region; shared names stay out; and a
minister's surname named alone after the full name is the person, not a town of that name.

So are national railways and labour conciliation services and past heads of government (session
13), a national doctors' union (a17 round), Lebanon's own foreign-ministry title (session 20)
and India's union ministries (session 22, hgeo37); a past leader's common surname alone is no
evidence, nor are a trade union's officers in title case."""

from __future__ import annotations

import pytest

from streams.core.geo import GeoTagger

from .conftest import evidence_by_text, make_item, read

_tag = evidence_by_text


@pytest.mark.parametrize(
    ("headline", "body", "name", "country", "region"),
    [
        (
            "Minimum wage to rise in April",
            "Workplace Relations Minister Brooke van Velden said the adult rate would go up "
            "by 50 cents an hour.",
            "Brooke van Velden",
            "NZ",
            "asia-pacific",
        ),
        (
            "Graduate teachers walk out over unpaid arrears",
            "Members of NAGRAT stayed away from classrooms on Thursday, the union's president "
            "told reporters.",
            "NAGRAT",
            "GH",
            "africa",
        ),
        (
            "Public sector holiday confirmed",
            "The Federal Authority for Government Human Resources said offices would close for "
            "four days.",
            "Federal Authority for Government Human Resources",
            "AE",
            "middle-east",
        ),
        (
            "Exam results out on Friday",
            "KNEC said candidates could check their KCSE grades by text message.",
            "KNEC",
            "KE",
            "africa",
        ),
        (
            "Shares end the week higher",
            "The benchmark DSEX gained 41 points as turnover rose for a third day.",
            "DSEX",
            "BD",
            "asia-pacific",
        ),
        # Session 24 (hgeo57, a57-015, a57-025, a57-020): weather, disaster and exam copy of
        # one country that names only its own service or grade.
        (
            "Heavy rain expected",
            "The Meteorological Services Department said more than 50mm could fall by Friday.",
            "Meteorological Services Department",
            "ZW",
            "africa",
        ),
        (
            "Flood warning issued",
            "The Civil Defence Commission urged residents of low-lying areas to take care.",
            "Civil Defence Commission",
            "GY",
            "americas",
        ),
        (
            "Pass rate falls",
            "Fewer students achieved GPA-5 this year, the education board said.",
            "GPA-5",
            "BD",
            "asia-pacific",
        ),
    ],
)
def test_a_minister_or_national_body_alone_locates_the_story(
    tagger: GeoTagger, headline: str, body: str, name: str, country: str, region: str
) -> None:
    regions, ev = _tag(tagger, headline, body)
    assert ev[name][:2] == (country, "leader")
    assert regions == [region]


def test_a_minister_or_body_of_another_region_adds_no_region(tagger: GeoTagger) -> None:
    # A Spanish story quoting a Philippine weather agency and a Kenyan minister's name.
    regions, ev = _tag(
        tagger,
        "Storm floods streets in Valencia",
        "Heavy rain hit Valencia in Spain on Tuesday. Forecasters compared it with a typhoon "
        "PAGASA tracked last year, and Kipchumba Murkomen sent his condolences.",
    )
    assert ev["PAGASA"][:2] == ("PH", "leader")
    assert ev["Kipchumba Murkomen"][:2] == ("KE", "leader")
    assert regions == ["europe"]


@pytest.mark.parametrize(
    "body",
    [
        "The Election Commission said turnout was higher than last time.",
        "The GRA said the results would be announced on Monday.",
        # NHIF, Kenya's and Tanzania's, gives africa since session 16 (region_bodies.tsv);
        # CBK, Kenya's and Kuwait's, is shared across regions and locates nothing.
        "The CBK said the rate would stay where it is.",
        "The Revenue Authority said collections beat the target.",
        "The Anti-Corruption Commission arrested two officials.",
    ],
)
def test_shared_body_names_stay_unlocated(tagger: GeoTagger, body: str) -> None:
    regions, _ev = _tag(tagger, "Officials announce results", body)
    assert regions == []


def test_a_ministers_surname_alone_is_the_person_not_a_town(tagger: GeoTagger) -> None:
    # "Massa" is also a Tuscan town: after "Sergio Massa" it is the minister all story long.
    regions, ev = _tag(
        tagger,
        "Massa blames IMF for inflation",
        "Economy Minister Sergio Massa said Argentina's monthly inflation was the fund's fault.",
    )
    assert ev["Massa"][1:] == ("person-surname", 0.0)
    assert ev["Sergio Massa"][:2] == ("AR", "leader")
    assert regions == ["americas"]


def test_a_leaders_surname_that_is_a_country_keeps_its_reading(tagger: GeoTagger) -> None:
    # Only a town's or region's name becomes the person: "Luis Montenegro" leaves Montenegro.
    _regions, ev = _tag(
        tagger,
        "Prime ministers meet",
        "Prime Minister Luis Montenegro met the prime minister of Montenegro on Monday.",
    )
    assert ev["Montenegro"][:2] == ("ME", "country")
    assert ev["Montenegro"][2] > 0


@pytest.mark.parametrize(
    ("body", "name"),
    [
        (
            "The union cancelled its strike ballot after the work and pensions secretary, Jane "
            "Doe, offered new talks on the retirement age.",
            "work and pensions secretary",
        ),
        (
            "The Chancellor of the Exchequer said the spending review would be published next "
            "month.",
            "Chancellor of the Exchequer",
        ),
    ],
)
def test_a_british_cabinet_title_locates_a_story_naming_no_place(
    tagger: GeoTagger, body: str, name: str
) -> None:
    # Session 24 (hgeo55, a55-015): a union's pension ballot named no place, only the title of
    # a minister only Britain has (titles.tsv); invented text of the same layout.
    regions, ev = _tag(tagger, "Union calls off strike ballot", body)
    assert ev[name][:2] == ("GB", "leader")
    assert regions == ["europe"]


def test_a_british_title_adds_no_second_region(tagger: GeoTagger) -> None:
    # Weak evidence: the Chancellor of the Exchequer at talks in Washington stays one region.
    regions, _ev = _tag(
        tagger,
        "Finance ministers meet",
        "The Chancellor of the Exchequer joined finance ministers in Washington, D.C., for the "
        "IMF meetings on Friday.",
    )
    assert regions == ["americas"]


def test_a_council_of_a_county_named_like_a_us_town_locates_local_copy(tagger: GeoTagger) -> None:
    # Session 24 (hgeo55, a55-016): "Durham County Council" is England's, not North Carolina's
    # (national_bodies.tsv); Durham alone would read as a US town or a person.
    regions, ev = _tag(
        tagger,
        "Plan for 12 homes approved",
        "Suffolk County Council's planning committee approved 12 homes on the edge of the village "
        "despite objections over traffic.",
    )
    assert ev["Suffolk County Council"][:2] == ("GB", "leader")
    assert regions == ["europe"]


def test_south_sudans_education_ministry_locates_placeless_exam_copy(tagger: GeoTagger) -> None:
    # Session 24 (hgeo59, a59-012): an exam-results delay named no place, only the ministry by
    # the name South Sudan alone gives it (national_bodies.tsv); invented text of that layout.
    regions, ev = _tag(
        tagger,
        "Lawmakers press for exam results",
        "An MP asked the House to summon the Minister of General Education and Instruction over "
        "the delayed Senior Four results.",
    )
    assert ev["Minister of General Education and Instruction"][:2] == ("SS", "leader")
    assert regions == ["africa"]


@pytest.mark.parametrize(
    ("body", "name"),
    [
        (
            "Braddan Parish Commissioners say ratepayers lose an hour a day in traffic on the "
            "TT access road.",
            "Braddan",
        ),
        (
            "The infrastructure minister told the House of Keys the work would end in 2024.",
            "House of Keys",
        ),
    ],
)
def test_manx_localities_and_parliament_locate_island_copy(
    tagger: GeoTagger, body: str, name: str
) -> None:
    # Session 24 (hgeo59, a59-003): Manx local copy names a parish or the House of Keys and never
    # the island (places.tsv, national_bodies.tsv); invented text of that layout.
    regions, ev = _tag(tagger, "Commuters fed up with queues", body)
    assert ev[name][0] == "IM"
    assert regions == ["europe"]


def test_lebanons_own_foreign_ministry_title_locates_a_statement(tagger: GeoTagger) -> None:
    body = (
        "The Ministry of Foreign Affairs and Emigrants said on Friday it was following the "
        "case of two citizens held at sea and had asked for their release."
    )
    regions, evidence = evidence_by_text(tagger, "Ministry follows case of detained sailors", body)
    assert evidence["Ministry of Foreign Affairs and Emigrants"][0] == "LB"
    assert regions == ["middle-east"]


# --- national railways and labour conciliation services ----------------------------------------


@pytest.mark.parametrize(
    ("body", "region"),
    [
        ("Network Rail workers will walk out on Monday after talks at Acas failed.", "europe"),
        ("Renfe cancelled 300 trains as drivers struck, and Adif delayed track works.", "europe"),
        ("Amtrak will add ten daily trains between the two cities from June.", "americas"),
        (
            "KiwiRail said the line would reopen on Thursday after the slip was cleared.",
            "asia-pacific",
        ),
        ("Commuters faced delays as PRASA suspended services after cable theft.", "africa"),
        ("The CCMA will hear the wage dispute next week, the union said.", "africa"),
    ],
)
def test_a_national_railway_or_conciliation_service_locates_a_story_naming_no_place(
    tagger: GeoTagger, body: str, region: str
) -> None:
    regions, _ = read(tagger, "Trains disrupted", body)
    assert regions == [region]


def test_a_foreign_railway_named_in_passing_adds_no_region(tagger: GeoTagger) -> None:
    body = (
        "JR East ordered 40 new trains from Hitachi in Tokyo on Tuesday, as Amtrak did last "
        "year, and said the first would run in 2028."
    )
    regions, evidence = read(tagger, "Japan orders new bullet trains", body)
    assert regions == ["asia-pacific"]
    assert ("Amtrak", "leader", "US", 1.2) in evidence


def test_a_railway_is_weaker_than_the_place_the_story_names(tagger: GeoTagger) -> None:
    body = "Deutsche Bahn engineers are helping to rebuild the line from Lviv to Kyiv."
    regions, _ = read(tagger, "Ukraine rail line to reopen", body)
    assert regions == ["europe"]
    body = "Amtrak is advising Saudi Arabia on its new line from Riyadh to Jeddah."
    regions, _ = read(tagger, "Saudi rail line takes shape", body)
    assert regions == ["middle-east"]


def test_letters_of_other_meanings_are_not_railways(tagger: GeoTagger) -> None:
    # CFR (the US Code of Federal Regulations, Romania's railway) and RFI (Radio France
    # Internationale, Italy's rail network) are left out.
    body = "The rule is set out in 49 CFR part 172, RFI reported, citing industry groups."
    regions, _ = read(tagger, "Hazardous goods rule explained", body)
    assert regions == []


# --- heads of government of the G20, 2000-2019 ---------------------------------------------------


@pytest.mark.parametrize(
    ("body", "region"),
    [
        ("Prime Minister Gordon Brown moved three ministers in a reshuffle on Friday.", "europe"),
        ("Prime Minister François Fillon named four new ministers on Tuesday.", "europe"),
        ("President Susilo Bambang Yudhoyono named a new finance minister.", "asia-pacific"),
        ("Prime Minister Julia Gillard promoted two backbenchers to the cabinet.", "asia-pacific"),
        ("President Thabo Mbeki replaced his health minister on Monday.", "africa"),
    ],
)
def test_a_past_leader_alone_locates_a_reshuffle_story(
    tagger: GeoTagger, body: str, region: str
) -> None:
    regions, _ = read(tagger, "Cabinet reshuffled", body)
    assert regions == [region]


def test_a_past_leaders_common_surname_alone_is_no_evidence(tagger: GeoTagger) -> None:
    regions, evidence = read(tagger, "Union talks", "Brown will meet union leaders on Monday.")
    assert regions == []
    assert not [e for e in evidence if e[3] > 0]


@pytest.mark.parametrize(
    ("headline", "body", "region", "country"),
    [
        (
            "Lawmakers threaten to impeach minister over unpaid salaries",
            "Members of parliament said they would impeach finance minister Salvatore Garang "
            "Mabiordit if civil servants' arrears were not cleared by the second reading.",
            "africa",
            "SS",
        ),
        (
            "Minister defends the draft code before deputies",
            "Counsel Mahmoud Fawzi, the minister for parliamentary affairs, told deputies the "
            "draft code sets out when a suspect may be held.",
            "africa",
            "EG",
        ),
    ],
)
def test_a_named_minister_alone_locates_the_story(
    tagger: GeoTagger, headline: str, body: str, region: str, country: str
) -> None:
    result = tagger.tag(make_item(headline, body))
    assert result.regions[:1] == [region]
    assert [f.country for f in result.focus][:1] == [country]
    assert {e.rule for e in result.evidence if e.country == country} == {"leader"}


#: An Indian trade story that names only a "Union" ministry.
UNION_MINISTRY = (
    "Cotton yarn prices ease on weak demand",
    "Cotton yarn prices fell this week after the Union textiles ministry eased export rules,"
    " traders said.\n\nMill owners expect prices to stay soft until the new crop arrives.",
)


def test_indias_union_ministries_locate_a_placeless_story(tagger: GeoTagger) -> None:
    regions, evidence = read(tagger, *UNION_MINISTRY)
    assert regions == ["asia-pacific"]
    assert ("Union textiles ministry", "leader", "IN") in {(t, r, c) for t, r, c, _w in evidence}
    regions, evidence = read(
        tagger,
        "Jute mills wait for packaging order",
        "Mill owners said the Union Textiles Ministry had yet to decide on the order. The Union"
        " Finance Minister is expected to announce support next month.",
    )
    assert regions == ["asia-pacific"]
    assert ("Union Textiles Ministry", "leader", "IN") in {(t, r, c) for t, r, c, _w in evidence}


def test_a_trade_unions_officers_in_title_case_stay_placeless(tagger: GeoTagger) -> None:
    for headline in (
        "Union Minister Says Strike Will Go On",
        "Union Cabinet Votes To Strike",
        "Union Budget Cuts Hit Members",
        "Union Government Of The Civil War Era Revisited",
    ):
        regions, _ = read(tagger, headline, "The union said its members would meet on Monday.")
        assert regions == [], headline


# --- national bodies of one country ------------------------------------------------------------


def test_a_national_doctors_union_locates_a_story_naming_no_place(tagger: GeoTagger) -> None:
    body = "State hospital doctors will walk out on Monday, the GMOA said in a statement."
    regions, evidence = read(tagger, "Doctors to strike", body)
    assert regions == ["asia-pacific"]
    assert {country for _, _, country, weight in evidence if weight > 0} == {"LK"}


@pytest.mark.parametrize(
    "cue",
    [
        "the GMOA had won a similar dispute last year",
        "the Director General of Police had promised protection for hospitals there",
    ],
)
def test_a_body_of_one_country_adds_no_region_to_a_story_elsewhere(
    tagger: GeoTagger, cue: str
) -> None:
    body = f"Doctors in Nairobi walked out of public hospitals on Monday. Their union said {cue}."
    regions, evidence = read(tagger, "Doctors strike in Kenya", body)
    assert regions == ["africa"]
    assert {country for _, rule, country, _ in evidence if rule == "metonym"} <= {"LK", "IN"}


def test_the_nz_transport_agency_places_a_hamilton_road_closure(tagger: GeoTagger) -> None:
    # a67-019: New Zealand road-closure copy names its road agency, not the country; Hamilton is
    # then New Zealand's, not Ontario's.
    body = (
        "SH1 was closed south of Hamilton after a truck rolled on Tuesday morning, and the NZ "
        "Transport Agency warned of long delays."
    )
    regions, evidence = read(tagger, "Truck rollover closes highway near Hamilton", body)
    assert regions == ["asia-pacific"]
    assert {country for text, _, country, _ in evidence if text == "Hamilton"} == {"NZ"}
