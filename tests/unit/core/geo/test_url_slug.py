"""A story that names no place, placed by the one country its page's path names (issue #16,
session 18, rule ``url-slug``): a slug repeats the page's first headline ("/ghana-secures-
delayed-interest-payments") where a rewritten headline and body say only "the government".
Read where the outlet at the address is (English copy, a story nothing else locates), before
the outlet's own home.

A national capital in the path, or a demonym of one country ("/turkish-central-bank-reserves-
fall"), names the country as its name would (session 21, hgeo32 and hgeo33)."""

from __future__ import annotations

import pytest

from streams.core.geo import GeoTagger
from streams.core.geo.outlet import slug_country
from streams.core.model import WireItem

from .conftest import linked, make_item
from .test_outlet_home import PLACED, PLACELESS

NAMES = {
    "ghana": "GH",
    "somalia": "SO",
    "south africa": "ZA",
    "bosnia and herzegovina": "BA",
    "togo": "TG",
    "france": "FR",
    "jordan": "",  # a person's name too: no home
    "mexico": "MX",
    "new mexico": "-",  # a longer place name: its words are no country's
    "latin america": "-",
}


def test_names_that_are_people_too_make_no_home(tagger: GeoTagger) -> None:
    # "Jim Jordan", "Kenya Moore", "Chad Johnson" in a path: a slug has no context.
    story = (PLACELESS[0], PLACELESS[1])
    for link in ("https://example.com/kenya-moore-reveals", "https://example.com/jim-jordan"):
        assert tagger.tag(_linked(story, link)).regions == []


@pytest.mark.parametrize(
    ("link", "home"),
    [
        ("https://example.com/ghana-secures-delayed-interest-payments", "GH"),
        ("https://example.int/report/somalia/cholera-situation-somalia-november-2017", "SO"),
        ("https://example.com/news/south-africa/2026/strike", "ZA"),  # no "africa" alone
        ("https://example.com/bosnia-and-herzegovina-vat-rate", "BA"),
        ("https://example.com/2020/03/real-madrid-top-of-the-table-to-go", None),  # no Togo
        ("https://example.com/ghanaian-budget-talks", None),  # whole words only
        ("https://example.com/ghana-and-france-sign-a-deal", None),  # two countries
        ("https://example.com/jim-jordan-subpoena", None),  # another reading: no home
        ("https://example.com/jordan-and-ghana-meet", None),  # ... nor beside a country
        ("https://ghana.example.com/budget", None),  # the host is not the path
        ("https://example.com/new-mexico-governor-signs-budget", None),  # the US state
        ("https://example.com/latin-america/ghana-cocoa-deal", "GH"),  # spent, not a vote
        ("https://example.com/mexico-city-budget", "MX"),
        ("not a url", None),
    ],
)
def test_the_country_a_path_names(link: str, home: str | None) -> None:
    found = slug_country(link, NAMES)
    assert (found[0] if found else None) == home


def _linked(text: tuple[str, str], link: str, language: str = "en") -> WireItem:
    item = make_item(*text)
    item.language = language
    item.ext.link = link
    return item


def test_the_slug_locates_a_placeless_english_story(tagger: GeoTagger) -> None:
    result = tagger.tag(_linked(PLACELESS, "https://example.com/ghana-nurses-begin-strike"))
    assert result.regions == ["africa"]
    assert [(e.text, e.rule, e.field, e.country) for e in result.evidence][-1:] == [
        ("ghana", "url-slug", "link", "GH")
    ]


def test_the_slug_goes_before_the_outlet(tagger: GeoTagger) -> None:
    # A Nigerian outlet's page on a strike in Ghana: the page's own headline says where.
    link = "https://www.punchng.com/ghana-nurses-begin-strike/"
    assert tagger.tag(_linked(PLACELESS, link)).regions == ["africa"]
    link = "https://www.haaretz.com/world-news/ghana-nurses-begin-strike/"
    assert tagger.tag(_linked(PLACELESS, link)).regions == ["africa"]


def test_the_slug_never_moves_a_located_story(tagger: GeoTagger) -> None:
    link = "https://example.com/france-floods-cut-roads"
    assert tagger.tag(_linked(PLACED, link)).regions == ["africa"]


def test_the_slug_is_not_read_in_other_languages(tagger: GeoTagger) -> None:
    link = "https://example.com/ghana-nurses-begin-strike"
    assert tagger.tag(_linked(PLACELESS, link, "de")).regions == []


@pytest.mark.parametrize(
    ("link", "regions"),
    [
        # Three-letter abbreviations the press writes in capitals (session 19, a31-023).
        ("https://example.com/uae-weekend-change-to-saturday-and-sunday/", ["middle-east"]),
        ("https://example.com/usa/260917-nurses-strike/amp", ["americas"]),
        ("https://example.com/drc-nurses-strike", ["africa"]),
        # Two letters are words, locales or an edition over world news; "png" is a file.
        ("https://example.com/uk/nurses-begin-strike", []),
        ("https://example.com/en-us/nurses-begin-strike", []),
        ("https://example.com/images/nurses-strike.png", []),
        # "U.S." slugged letter by letter, like a possessive's leftovers ("nurse-s").
        ("https://example.com/u-s-nurses-strike", []),
    ],
)
def test_abbreviations_in_the_path(tagger: GeoTagger, link: str, regions: list[str]) -> None:
    assert tagger.tag(_linked(PLACELESS, link)).regions == regions


#: A story that names no place: the city, the mayor's office, the police.
CITY = (
    "Heavy goods vehicles banned from the centre over the holidays",
    "The ban covers lorries over 3.5 tonnes and runs until January 6, the mayor's office said "
    "on Friday.\n\nOnly deliveries of medicines and fresh food are exempt, the statement said.",
)


@pytest.mark.parametrize(
    ("link", "regions", "country"),
    [
        # The capital opens the page's first headline; the section names a continent.
        ("https://example.com/europe/2016122410-rome-bans-lorries-for-holidays/", ["europe"], "IT"),
        ("https://example.com/news/kabul-airport-reopens-to-cargo", ["asia-pacific"], "AF"),
        ("https://example.com/2024/05/addis-ababa-bus-fares-rise/", ["africa"], "ET"),
    ],
)
def test_a_capital_in_the_path_places_a_placeless_story(
    tagger: GeoTagger, link: str, regions: list[str], country: str
) -> None:
    result = tagger.tag(linked(CITY, link))
    assert result.regions == regions
    assert [(e.rule, e.country) for e in result.evidence][-1:] == [("url-slug", country)]


@pytest.mark.parametrize(
    "link",
    [
        "https://example.com/paris-hilton-launches-handbags",  # a person's name too
        "https://example.com/rome-statute-turns-25",  # a treaty named after the city
        "https://example.com/news/ottawa-county-lorry-ban",  # a US county of the name
        "https://example.com/london-ont-lorry-ban",  # a namesake with its province
        "https://example.com/rome-tex-lorry-ban",  # ... or its state
        "https://example.com/rome-and-madrid-ban-lorries",  # two countries
        "https://example.com/kingston-lorry-ban",  # Jamaica's and Ontario's
        "https://example.com/recipes/cayenne-spiced-holiday-nuts",  # a pepper
    ],
)
def test_a_capital_that_may_be_something_else_makes_no_home(tagger: GeoTagger, link: str) -> None:
    assert tagger.tag(linked(CITY, link)).regions == []


def test_the_text_still_goes_before_the_path(tagger: GeoTagger) -> None:
    story = (CITY[0], CITY[1] + "\n\nFrance will apply the same rules from Monday.")
    result = tagger.tag(linked(story, "https://example.com/rome-bans-lorries"))
    assert result.regions == ["europe"]
    assert {e.country for e in result.evidence if e.weight} == {"FR"}


def test_a_path_word_after_a_capital_keeps_it(tagger: GeoTagger) -> None:
    # "on", "in", "mass" are state abbreviations too, and words of any path.
    for link in (
        "https://example.com/rome-on-alert-as-lorries-banned",
        "https://example.com/lorry-ban-in-rome-in-pictures",
    ):
        assert tagger.tag(linked(CITY, link)).regions == ["europe"]


#: A placeless markets report: the bank, its reserves, dollar sums.
RESERVES = (
    "Official reserves fall 2.1 percent in April",
    "The bank's monthly report put gross reserves at $92.4 billion, down from $94.4 billion a "
    "month earlier.\n\nGold holdings rose 0.8 percent, the bank said.",
)


@pytest.mark.parametrize(
    ("link", "regions", "country"),
    [
        # The page's first headline names the country by its adjective.
        (
            "https://example.net/news/48123/turkish-central-bank-reserves-fall",
            ["middle-east"],
            "TR",
        ),
        ("https://example.com/2024/05/kenyan-shilling-reserves-dip/", ["africa"], "KE"),
        ("https://example.com/markets/south-korean-fx-reserves-fall", ["asia-pacific"], "KR"),
    ],
)
def test_a_demonym_in_the_path_places_a_placeless_story(
    tagger: GeoTagger, link: str, regions: list[str], country: str
) -> None:
    result = tagger.tag(linked(RESERVES, link))
    assert result.regions == regions
    assert [(e.rule, e.country) for e in result.evidence][-1:] == [("url-slug", country)]


@pytest.mark.parametrize(
    "link",
    [
        "https://example.com/english/markets/48123",  # a site's English edition
        "https://example.com/latin-american-reserves-fall",  # a region's adjective
        "https://example.com/turkish-and-greek-reserves-fall",  # two countries
        "https://example.com/nail-polish-sales-fall",  # a word of the path
    ],
)
def test_a_demonym_that_names_no_one_country_makes_no_home(tagger: GeoTagger, link: str) -> None:
    assert tagger.tag(linked(RESERVES, link)).regions == []
