"""Session 21 (issue #16, hgeo34, a44): a local paper's lone small town is its own country's
town, so the outlet's home at the item's address outweighs the small-town reading of another
country; "FG" is no Nigerian government (US sports copy's field goals); South Sudan's
parliament by its transitional names; a few home outlets by address. Every text here was written for these
tests, in the layouts of local council and government copy."""

from __future__ import annotations

from streams.core.geo import GeoTagger
from streams.core.model import WireItem

from .conftest import make_item, read

#: Local council copy naming only its town, one the name table reads as a US small town.
COUNCIL = (
    "Plot holders fight eviction notices",
    "Councillors in Staunton will meet on Monday after tenants of the town's allotments were "
    "told to leave their plots by the spring.\n\n"
    "The tenants say the council has not looked hard enough for new land.",
)


def _linked(link: str | None) -> WireItem:
    item = make_item(*COUNCIL)
    item.language = "en"
    item.ext.link = link
    return item


def test_a_lone_small_town_without_an_address_keeps_its_reading(tagger: GeoTagger) -> None:
    result = tagger.tag(_linked(None))
    assert result.regions == ["americas"]
    assert [(e.rule, e.country) for e in result.evidence] == [("small-town", "US")]


def test_the_outlet_of_another_country_places_its_own_town(tagger: GeoTagger) -> None:
    result = tagger.tag(_linked("https://www.eastcountiesherald.co.uk/news/plots-1234"))
    assert result.regions == ["europe"]
    assert [(e.rule, e.country) for e in result.evidence if e.weight > 0] == [("outlet-url", "GB")]


def test_an_outlet_of_the_town_s_country_or_of_none_keeps_the_town(tagger: GeoTagger) -> None:
    for link in ("https://www.wlbt.com/2024/05/01/x/", "https://www.example.com/news/plots-1"):
        result = tagger.tag(_linked(link))
        assert result.regions == ["americas"], link
        assert ("small-town", "US") in [(e.rule, e.country) for e in result.evidence], link


def test_a_field_goal_is_no_nigerian_government(tagger: GeoTagger) -> None:
    """ "FG" is Nigeria's federal government in its press, but field goals in US sports copy,
    which often names no place: read alone it routed such copy to africa."""
    for headline, body in (
        ("Tigers edge Bulldogs on late FG", "Kicker Sam Lane hit a 42-yard FG with 0:04 left."),
        ("Box score: Hawks 98, Nets 91", "FG: Hawks 36-80, Nets 33-85. FT: Hawks 14-18."),
    ):
        regions, evidence = read(tagger, headline, body)
        assert "africa" not in regions, headline
        assert "NG" not in [c for _t, _r, c, _w in evidence], headline


def test_south_sudan_s_transitional_parliament(tagger: GeoTagger) -> None:
    regions, evidence = read(
        tagger,
        "Lawmakers adjourn budget debate",
        "The Transitional National Legislative Assembly put off the budget debate on Monday; "
        "the TNLA speaker said members needed more time.",
    )
    assert regions == ["africa"]
    assert {c for t, _r, c, _w in evidence if "TNLA" in t or "Legislative" in t} == {"SS"}


def test_home_outlets_by_address(tagger: GeoTagger) -> None:
    item = make_item("Quorum fails again", "Members did not turn up for the sitting on Monday.")
    item.language = "en"
    for link, region in (
        ("https://www.eyeradio.org/x", "africa"),
        ("https://www.informationng.com/2020/03/x.html", "africa"),
        ("https://parrotreporters.com/x", "africa"),
    ):
        item.ext.link = link
        assert tagger.tag(item).regions == [region], link
