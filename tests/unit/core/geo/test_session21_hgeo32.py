"""Session 21, hgeo32 (issue #16, ``geo_real_en_a42.jsonl``): a web path that names a national
capital (rule ``url-slug``), Cameroon's divisions and crisis towns (``places.tsv``) and home
outlets on generic domains (``web_domains.tsv``). Invented text in real layouts."""

from __future__ import annotations

import pytest

from streams.core.geo import GeoTagger

from .conftest import linked, make_item

#: A story that names no place: the city, the mayor's office, the police.
CITY = (
    "Heavy goods vehicles banned from the centre over the holidays",
    "The ban covers lorries over 3.5 tonnes and runs until January 6, the mayor's office said "
    "on Friday.\n\nOnly deliveries of medicines and fresh food are exempt, the statement said.",
)
#: A local story that names no place: commuters, the heat, the transport officials.
LOCAL = (
    "Commuters ask again for covered bus stops as the heat returns",
    "Passengers waiting in the sun at the busiest stops have asked the transport authority for "
    "shade, residents said.\n\nOfficials said road works had held the plans up.",
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


@pytest.mark.parametrize(
    ("headline", "body", "country"),
    [
        (
            "Hunting season closed in Manyu Division",
            "The Divisional Delegate for Forestry said hunters caught in Manyu would be fined.",
            "CM",
        ),
        (
            "Schools reopen in Ndop after months of lockdowns",
            "Parents in Ndop and Batibo said most pupils had returned this week.",
            "CM",
        ),
        (
            "Curfew extended in Mayo-Tsanaga",
            "The governor extended the curfew across Mayo-Tsanaga and Kolofata, officials said.",
            "CM",
        ),
        (
            "Farmers in Meme Division count flood losses",
            "Cocoa farmers said the rains had cut the road to the market.",
            "CM",
        ),
    ],
)
def test_cameroons_divisions_and_towns(
    tagger: GeoTagger, headline: str, body: str, country: str
) -> None:
    result = tagger.tag(make_item(headline, body))
    assert result.regions == ["africa"]
    assert {e.country for e in result.evidence if e.weight} == {country}


def test_a_division_named_like_a_word_needs_division(tagger: GeoTagger) -> None:
    result = tagger.tag(make_item("Meme of the week goes viral", "The clip was shared widely."))
    assert result.regions == []


def test_manyu_after_a_name_is_a_person(tagger: GeoTagger) -> None:
    body = "Sun Yingsha beat Wang Manyu 4-2 in the final in Singapore on Sunday."
    result = tagger.tag(make_item("Sun wins the singles title", body))
    assert "CM" not in {e.country for e in result.evidence if e.weight}


@pytest.mark.parametrize(
    ("link", "regions"),
    [
        ("https://www.gulf-times.com/story/1234/bus-shelters", ["middle-east"]),
        ("https://upnorthlive.com/news/local/bus-stops", ["americas"]),
        ("https://dailytrust.com/commuters-want-shade/", ["africa"]),
        ("https://www.myjoyonline.com/commuters-want-shade/", ["africa"]),
        ("https://www.deccanherald.com/city/bus-stops-shade", ["asia-pacific"]),
        # A national portal whose placeless copy is world showbiz and markets: no home.
        ("https://www.geo.tv/latest/12345-bus-stops", []),
        ("https://www.livemint.com/news/bus-stops-11637298035773.html", []),
    ],
)
def test_home_outlets_on_generic_domains(tagger: GeoTagger, link: str, regions: list[str]) -> None:
    assert tagger.tag(linked(LOCAL, link)).regions == regions


def test_a_path_word_after_a_capital_keeps_it(tagger: GeoTagger) -> None:
    # "on", "in", "mass" are state abbreviations too, and words of any path.
    for link in (
        "https://example.com/rome-on-alert-as-lorries-banned",
        "https://example.com/lorry-ban-in-rome-in-pictures",
    ):
        assert tagger.tag(linked(CITY, link)).regions == ["europe"]
