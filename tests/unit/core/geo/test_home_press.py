"""Stories that name no place, only the home paper or agency they credit (issue #16, session
16): the outlets of ``home_press.tsv`` report mainly their own country's news and are weak
evidence of it (kind leader): alone they locate the story, beside a place of another region they
add no region, and names several countries' outlets share stay out.

A language only one country's press writes, before "-language" ("a Persian-language daily
reported"), names that country's outlet the same way, and never outweighs the story's places; an
Iranian outlet on a generic domain places such a story (session 20, hgeo28)."""

from __future__ import annotations

import pytest

from streams.core.geo import GeoTagger
from streams.core.model import WireItem

from .conftest import evidence_by_text, make_item

_tag = evidence_by_text


@pytest.mark.parametrize(
    ("headline", "body", "name", "country", "region"),
    [
        (
            "Ministry plans sweep for visa overstayers",
            "The interior ministry will check labour camps next month for 40,000 workers whose "
            "permits have lapsed, according to Al-Qabas daily.",
            "Al-Qabas",
            "KW",
            "middle-east",
        ),
        (
            "Budget deficit could reach 40%, committee says",
            "A member of the finance committee told Shafaq News that the draft budget assumes "
            "oil at $60 a barrel.",
            "Shafaq News",
            "IQ",
            "middle-east",
        ),
        (
            "Fares to rise from March, regulator says",
            "Bus operators may raise fares only with its approval, the transport regulator told "
            "The PUNCH on Tuesday.",
            "The PUNCH",
            "NG",
            "africa",
        ),
        (
            "Pass rate falls in secondary exams",
            "The pass rate dropped to 78 per cent this year across the nine education boards, "
            "UNB reports.",
            "UNB",
            "BD",
            "asia-pacific",
        ),
    ],
)
def test_a_home_outlet_alone_locates_the_story(
    tagger: GeoTagger, headline: str, body: str, name: str, country: str, region: str
) -> None:
    regions, ev = _tag(tagger, headline, body)
    assert ev[name][:2] == (country, "leader")
    assert regions == [region]


def test_a_home_outlet_of_another_region_adds_no_region(tagger: GeoTagger) -> None:
    # A Chilean story that an Israeli paper also reported: the paper is no second place.
    regions, ev = _tag(
        tagger,
        "Quake shakes northern Chile",
        "A magnitude 6.1 earthquake struck near Antofagasta in Chile on Monday, Haaretz and "
        "local radio reported.",
    )
    assert ev["Haaretz"][:2] == ("IL", "leader")
    assert regions == ["americas"]


@pytest.mark.parametrize(
    "body",
    [
        "The Guardian said the figures were revised.",
        "According to the Daily Star, the plant will close in May.",
        "The Nation reported that the talks had stalled.",
        "Reuters and Al Jazeera reported the figures first.",
    ],
)
def test_shared_and_world_outlets_stay_unlocated(tagger: GeoTagger, body: str) -> None:
    regions, _ev = _tag(tagger, "Figures revised", body)
    assert regions == []


def _item(headline: str, body: str, link: str = "") -> WireItem:
    item = make_item(headline, body)
    item.language = "en"
    if link:
        item.ext.link = link
    return item


def _regions(tagger: GeoTagger, headline: str, body: str, link: str = "") -> list[str]:
    return tagger.tag(_item(headline, body, link)).regions


def test_a_press_language_names_the_country_of_a_story_that_names_no_place(
    tagger: GeoTagger,
) -> None:
    # A welfare agency's rule, told through the daily that reported it; no place at all.
    assert _regions(
        tagger,
        "Couples to take blood tests before marriage",
        "Couples will have to take blood tests before they marry under the next five-year "
        "plan, the head of the welfare agency said, a Persian-language daily reported.",
    ) == ["middle-east"]
    assert _regions(
        tagger,
        "Minister rejects audit findings",
        "The finance minister rejected the audit's findings on Sunday, Hebrew-language media "
        "reported.",
    ) == ["middle-east"]


def test_a_press_language_never_outweighs_the_places_of_a_story(tagger: GeoTagger) -> None:
    # A story from elsewhere that cites a Hebrew-language daily in passing keeps its place.
    assert (
        _regions(
            tagger,
            "Cyprus police seize drone parts at Limassol port",
            "Police in Cyprus seized drone parts at Limassol port on Tuesday, and two men were "
            "held in Limassol. Cyprus police said the shipment had come by sea; a Hebrew-language "
            "daily had reported the inquiry first.",
        )[0]
        == "europe"
    )


def test_an_iranian_outlet_on_a_generic_domain_places_a_story_that_names_no_place(
    tagger: GeoTagger,
) -> None:
    assert _regions(
        tagger,
        "Pension fund to pay arrears next month",
        "The state pension fund will pay its arrears next month, its managing director said "
        "on Sunday.",
        link="https://financialtribune.com/articles/economy/12345/pension-arrears",
    ) == ["middle-east"]
