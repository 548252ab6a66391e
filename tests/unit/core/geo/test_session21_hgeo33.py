"""Session 21 (issue #16, hgeo33, a41): a capitalised word after an article that is no first
name opens an organisation's name ("the SwapShop Abu Dhabi group"), so the town after it is
the town the group is named after, not a person's surname, and the town's other mentions stay
the town. A demonym of one country in a web path names it as its name would
("/turkish-central-bank-reserves-fall", rule ``url-slug``). Every text here was written for these tests, in the layouts of Gulf local copy and
match reports."""

from __future__ import annotations

import pytest

from streams.core.geo import GeoTagger
from streams.core.geo.context import article_name

from .conftest import linked, read

FIRST = frozenset({"marco", "al", "hope"})

#: Local copy that names only the emirate's capital, the workers' nationalities and, last, a
#: community group named after the town.
FLOOD = (
    "Flash flood cuts power to workers' housing",
    "Water entered a workers' housing block in Mussafah in Abu Dhabi on Tuesday night, "
    "leaving some 150 men without power, a resident said.\n\n"
    "The block houses Nepali, Sri Lankan and Filipino workers of a cleaning firm, which said "
    "they would be moved within Abu Dhabi by the weekend.\n\n"
    "Neighbours collected blankets and food through the SwapShop Abu Dhabi group, which has "
    "30,000 members online.",
)


def test_a_word_after_an_article_opens_a_name() -> None:
    text = "through the SwapShop Abu Dhabi group"
    assert article_name(text, text.index("Abu"), FIRST)
    text = "a GreenRide Nairobi campaign"
    assert article_name(text, text.index("Nairobi"), FIRST)


def test_a_first_name_after_an_article_is_still_a_person() -> None:
    # "a Marco Mascara volley": a player named as an attribute of his shot
    text = "a Marco Mascara volley"
    assert not article_name(text, text.index("Mascara"), FIRST)
    text = "the player Bruno Mascara said"
    assert not article_name(text, text.index("Mascara"), FIRST)
    text = "the Rev. Lyon said"
    assert not article_name(text, text.index("Lyon"), FIRST)


def test_a_group_named_after_the_town_keeps_the_town(tagger: GeoTagger) -> None:
    regions, evidence = read(tagger, *FLOOD)
    assert regions == ["middle-east"]
    rules = [rule for text, rule, _c, _w in evidence if text == "Abu Dhabi"]
    assert rules[-1] == "name-part"
    assert "person-surname" not in rules and "person-name" not in rules


def test_a_player_named_after_an_article_stays_a_person(tagger: GeoTagger) -> None:
    _regions, evidence = read(
        tagger,
        "Late equaliser rescues a point",
        "The hosts led until the 88th minute, when a Marco Mascara volley beat the keeper.",
    )
    assert ("Mascara", "person-name") in {(text, rule) for text, rule, _c, _w in evidence}


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
