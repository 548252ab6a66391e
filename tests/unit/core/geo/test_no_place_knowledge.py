"""Stories that name no place (issue #16, session 16): currency signs written after the amount
("100,000LL", "2,000 KES", "50 000 FCFA") count like signs before it, and the national
institutions of ``national_bodies.tsv`` (central banks, statistics offices, exchanges and their
indices) locate a story alone; all are weak evidence that never adds a second region."""

from __future__ import annotations

import pytest

from streams.core.geo import GeoTagger, RegionTable, context, gazetteer
from streams.core.geo.text import fold

from .conftest import make_item


@pytest.mark.parametrize(
    ("text", "signs"),
    [
        ("a deposit of 100,000LL, or 175,000LL for 10 amperes", ["LL", "LL"]),
        ("fees of 75,000 LBP and 2,000 KES a month", ["LBP", "KES"]),
        ("a bill of 1.2 billion AED", ["AED"]),
        ("ticket prices of 50 000 FCFA", ["FCFA"]),
        ("a bread loaf at 12,50 zł and 1.500 TL", ["zł", "TL"]),
        # Strict signs need an amount only money is written as: not a year or a small count.
        ("delegates at the 2028 COP and 5 LL rows", []),
        ("US$5 LL", []),  # "$5" is dollars
        ("12 CAD drawings", []),
        ("a fine of 50,000 GYD", ["GYD"]),  # a code of session 16's ISO 4217 round
        # Codes read before an amount only: here they count stations and customers.
        ("more than 1,000 NPR member stations and 2 million PLN customers", []),
    ],
)
def test_money_signs_after_an_amount(text: str, signs: list[str]) -> None:
    assert [sign for _, _, sign, _, _ in context.money_after(text)] == signs


def test_a_sign_after_the_amount_alone_locates_the_story(tagger: GeoTagger) -> None:
    result = tagger.tag(
        make_item(
            "Generator owners may now ask for deposits",
            "Owners who installed meters may ask subscribers for 100,000LL for 5 amperes and "
            "150,000LL for 10 amperes, the ministry of economy said.",
        )
    )
    assert [e.rule for e in result.evidence if e.text == "LL" and e.weight] == ["money"]
    assert result.regions == ["middle-east"]
    assert [f.country for f in result.focus] == ["LB"]


def test_a_shared_sign_after_the_amount_gives_the_region_only(tagger: GeoTagger) -> None:
    result = tagger.tag(
        make_item(
            "Taxi fares go up again",
            "Drivers now charge 1 500 FCFA for a short ride, against 1 000 FCFA last year.",
        )
    )
    assert result.regions == ["africa"]
    assert result.focus == []


def test_a_sign_after_the_amount_adds_no_second_region(tagger: GeoTagger) -> None:
    result = tagger.tag(
        make_item(
            "Fuel prices rise in Madrid",
            "Stations in Madrid raised prices again; a tourist said a tank cost him "
            "2,000,000 LBP back home.",
        )
    )
    assert result.regions == ["europe"]


@pytest.mark.parametrize(
    ("headline", "body", "name", "country", "region"),
    [
        (  # a central bank
            "Policy rate held at 50 percent",
            "The CBRT kept its one-week repo rate unchanged on Thursday, saying inflation "
            "expectations were still too high.",
            "CBRT",
            "TR",
            "middle-east",
        ),
        (  # a national statistics office
            "Jobless rate edges down to 5.1 percent",
            "Figures released by KNBS on Tuesday show fewer young people out of work in the "
            "second quarter.",
            "KNBS",
            "KE",
            "africa",
        ),
        (  # an exchange
            "Bourse operator reports record turnover",
            "HKEX said average daily turnover rose 40 percent in the first half.",
            "HKEX",
            "HK",
            "asia-pacific",
        ),
        (  # a weather service
            "Heavy snow warning for the weekend",
            "Met Éireann has issued an orange warning for snow and ice from Saturday night.",
            "Met Éireann",
            "IE",
            "europe",
        ),
        (  # a police unit
            "Counter-terror unit arrests two suspects",
            "Officers of Densus 88 detained two men in a raid before dawn, a spokesman said.",
            "Densus 88",
            "ID",
            "asia-pacific",
        ),
    ],
)
def test_a_national_institution_alone_locates_the_story(
    tagger: GeoTagger, headline: str, body: str, name: str, country: str, region: str
) -> None:
    result = tagger.tag(make_item(headline, body))
    assert {e.text: (e.country, e.rule) for e in result.evidence if e.weight}.get(name) == (
        country,
        "leader",
    )
    assert result.regions == [region]


def test_a_national_institution_adds_no_second_region(tagger: GeoTagger) -> None:
    result = tagger.tag(
        make_item(
            "Floods hit Lisbon suburbs",
            "Streets in Lisbon flooded overnight. Forecasters at JMA, asked about a typhoon "
            "heading north, said it would weaken before landfall.",
        )
    )
    assert result.regions == ["europe"]


@pytest.mark.parametrize(
    "body",
    [
        "Figures from the CSO show fewer people on the register in December.",  # shared
        "The CBN said it would hold the rate, a spokesman told reporters.",  # shared
        "Bond yields rose after the FAMa report, said Fama.",  # a surname
    ],
)
def test_shared_institution_acronyms_locate_nothing(tagger: GeoTagger, body: str) -> None:
    assert tagger.tag(make_item("Figures out on Tuesday", body)).regions == []


@pytest.mark.parametrize(
    ("text", "signs"),
    [
        ("a fine of GYD 50,000 and TTD 300", ["GYD", "TTD"]),
        # Codes with another reading next to a number stay out.
        ("the MDL 2741 docket, SDG 4 targets and a NIO ES8", []),
        ("BTN 5 on the panel", []),  # strict: no money-like amount
    ],
)
def test_iso_codes_of_one_country_before_an_amount(text: str, signs: list[str]) -> None:
    assert [sign for _, _, sign, _ in context.money_signs(text)] == signs


def test_an_iso_code_alone_locates_the_story(tagger: GeoTagger) -> None:
    result = tagger.tag(
        make_item("Vendors fined for overpricing", "Each vendor was fined GYD 50,000 on Monday.")
    )
    assert result.regions == ["americas"]
    assert [f.country for f in result.focus] == ["GY"]


def test_region_bodies_name_one_region_and_no_other_file_holds_them() -> None:
    # Every country sharing the name maps first to its representative's region, and no
    # other list gives the name a country reading of its own.
    others: set[str] = set()
    for name in ("metonyms.tsv", "leaders.tsv", "national_bodies.tsv", "home_press.tsv"):
        others |= {" ".join(fold(r[0]).split()) for r in gazetteer._rows(name)}
    table = RegionTable.load()
    rows = list(gazetteer._rows("region_bodies.tsv"))
    assert rows
    for name, iso, every in rows:
        assert " ".join(fold(name).split()) not in others
        assert iso in every.split(",")
        assert {table.of(c)[:1] for c in every.split(",")} == {table.of(iso)[:1]}


@pytest.mark.parametrize(
    ("body", "region"),
    [
        (
            "Candidates who sat the WAEC papers in May can check results online from today.",
            "africa",
        ),
        ("The bench heard the petition on Monday, Business Standard reported.", "asia-pacific"),
        ("Members of NHIF were told to update their details.", "africa"),
        # South Asian district administration's own words (session 18)
        (
            "Villagers staged a sit-in in front of the collectorate here on Monday and handed "
            "a petition to the tahsildar.",
            "asia-pacific",
        ),
        ("The panchayat met on Friday to settle the dispute over the well.", "asia-pacific"),
        # The first word of a Levantine village's or town's name (session 18, hgeo23): the
        # village itself is under the gazetteer's floor.
        (
            "A cyclist was hurt in a hit-and-run near the northern village of Kfar Orenim on "
            "Sunday, police said.",
            "middle-east",
        ),
        ("Sirens sounded in Kiryat Lavan as residents ran to shelters.", "middle-east"),
    ],
)
def test_a_region_body_alone_gives_the_region_but_no_country(
    tagger: GeoTagger, body: str, region: str
) -> None:
    result = tagger.tag(make_item("Results released", body))
    assert result.regions == [region]
    assert result.focus == []


def test_a_region_body_adds_no_second_region(tagger: GeoTagger) -> None:
    result = tagger.tag(
        make_item(
            "Exam leak probed in Manchester",
            "Police in Manchester said the papers, which resembled WAEC questions, were sold "
            "online.",
        )
    )
    assert result.regions == ["europe"]


def test_a_name_prefix_leaves_a_known_town_its_own_reading(tagger: GeoTagger) -> None:
    # "Kfar" is read only where the town after it is unknown: Kfar Saba is the gazetteer's
    # Israeli city, so the story has Israel as its focus country, not the region alone.
    result = tagger.tag(
        make_item(
            "Council approves new park",
            "The Kfar Saba municipality approved plans for a new park on Monday, the mayor said.",
        )
    )
    assert result.regions == ["middle-east"]
    assert [f.country for f in result.focus] == ["IL"]
