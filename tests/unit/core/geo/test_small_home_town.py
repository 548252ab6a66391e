"""English local copy that names no place but its own small town (issue #16, session 16): a
GeoNames town of 15,000 to 50,000 people, of one reading, in a country where English is at home,
standing where a place does or before a noun it modifies, locates a story that has no other
evidence at all; beside any other evidence, in a sports report, abroad or inside a longer name
it does not.

A local paper's lone small town is its own country's town, so the outlet's home at the item's
address outweighs another country's small-town reading (session 21, hgeo34); a commuters' round-
up names its small towns past the lead, a sports report's are its clubs (session 22)."""

from __future__ import annotations

import pytest

from streams.core.geo import GeoTagger, explain
from streams.core.model import WireItem

from .conftest import evidence_by_text, make_item

_tag = evidence_by_text


@pytest.mark.parametrize(
    ("headline", "body", "town", "country"),
    [
        (
            "Staunton man held after chase",
            "A driver who would not stop for a deputy ran from his car and was caught by a "
            "police dog half a mile away.",
            "Staunton",
            "US",
        ),
        (
            "Residents choke on dust from road works",
            "Crews rebuilding a road in Lake Country say the paving will start next week, a "
            "week later than planned.",
            "Lake Country",
            "CA",
        ),
    ],
)
def test_a_small_home_town_alone_locates_the_story(
    tagger: GeoTagger, headline: str, body: str, town: str, country: str
) -> None:
    regions, ev = _tag(tagger, headline, body)
    assert ev[town] == (country, "small-town", 1.0)
    assert regions == ["americas"]


def test_other_evidence_leaves_the_small_town_unread(tagger: GeoTagger) -> None:
    regions, ev = _tag(
        tagger,
        "Tourist robbed on holiday",
        "A man from Staunton was robbed of his wallet in Madrid, Spain, on Tuesday.",
    )
    assert regions == ["europe"]
    assert "Staunton" not in ev


@pytest.mark.parametrize(
    ("headline", "body"),
    [
        # Arouca is a Portuguese town in GeoNames; English local copy naming it alone is more
        # likely from Trinidad's Arouca, too small for the list.
        (
            "Three held over Arouca robbery",
            "Officers stopped a car shortly after midnight and detained three men.",
        ),
        # "Fountain" (Colorado) heads a longer name here.
        (
            "Green tea habit tied to sharper memory",
            "Two cups a day will not work like a Fountain of Youth, the researchers warned, "
            "though tea drinkers kept sharper memories into old age.",
        ),
        # A sports report: a town's name is its club.
        (
            "Staunton side win on penalties",
            "The striker scored twice before the match went to a shoot-out.",
        ),
    ],
)
def test_no_small_town_abroad_in_a_longer_name_or_in_sport(
    tagger: GeoTagger, headline: str, body: str
) -> None:
    regions, ev = _tag(tagger, headline, body)
    assert regions == []
    assert not any(rule == "small-town" for _c, rule, _w in ev.values())


@pytest.mark.parametrize(
    ("headline", "body", "town", "country"),
    [
        (
            "Cyclist hurt in collision",
            "City police said a cyclist was taken to hospital on Monday evening after a van "
            "struck her bicycle in downtown Charlottetown.",
            "Charlottetown",
            "CA",
        ),
        (
            "Shop owner chases off thieves",
            "Deputies said two men tried to force the till of a corner shop late on Friday "
            "in rural Staunton. Nothing was taken.",
            "Staunton",
            "US",
        ),
    ],
)
def test_a_small_home_town_after_a_preposition_and_an_area_word_locates_the_story(
    tagger: GeoTagger, headline: str, body: str, town: str, country: str
) -> None:
    """ "in downtown Charlottetown", "in rural Staunton": a word naming a part of a town or
    its kind of area between the preposition and the name still puts the name in a place's
    position (issue #16, session 24, a53-010: CBC's "stabbed ... in downtown Charlottetown"
    was unlocated)."""
    regions, ev = _tag(tagger, headline, body)
    assert ev[town] == (country, "small-town", 1.0)
    assert regions == ["americas"]


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


_PADDING = (
    "Passengers found trains cancelled and faced longer trips in crowded carriages this "
    "morning. Many said they would now have to rise much earlier so as not to be late for "
    "work, and several said the changes had been announced with too little warning. The "
    "operator said it would review the new timetable after a month of running it.\n\n"
    "The changes were the first in a decade. Some services now call at more stations, and "
    "the fast trains of the morning peak have gone from the route altogether, the operator "
    "confirmed, while the evening trains keep their old times."
)


def test_a_commuters_round_up_names_its_small_towns_past_the_lead(tagger: GeoTagger) -> None:
    # A vox pop of one area's commuters: two small English towns after "from", past the lead.
    regions, ev = evidence_by_text(
        tagger,
        "Commuters fume as new timetable brings cancellations",
        _PADDING + "\n\nJane Doe, 41, a nurse who travels in from Surbiton, said her train was "
        "packed. John Roe, 35, who had come in from Walton-on-Thames, was 40 minutes late.",
    )
    assert regions == ["europe"]
    assert next(iter(ev.values()))[1] == "small-town"


def test_one_small_town_far_down_the_text_locates_nothing(tagger: GeoTagger) -> None:
    regions, _ = evidence_by_text(
        tagger,
        "Commuters fume as new timetable brings cancellations",
        _PADDING + "\n\nJane Doe, 41, a nurse who travels in from Surbiton, said her train was "
        "packed.",
    )
    assert regions == []


def test_a_sports_report_s_small_towns_are_its_clubs(tagger: GeoTagger) -> None:
    regions, _ = evidence_by_text(
        tagger,
        "Late goal settles the derby",
        _PADDING + "\n\nThe striker, signed from Surbiton in the summer, scored in the 89th "
        "minute of the league match; the goalkeeper, on loan from Walton-on-Thames, saved a "
        "penalty.",
    )
    assert regions == []


@pytest.mark.parametrize(
    ("headline", "body", "town", "country"),
    [
        (
            "Tumut bridge shut for repairs",
            "Drivers face a long detour from Monday while crews replace the deck, the council "
            "said.",
            "Tumut",
            "AU",
        ),
        (
            "Shed fire treated as suspicious",
            "Firefighters were called to a blaze in Cobram shortly after midnight and found "
            "the shed alight.",
            "Cobram",
            "AU",
        ),
    ],
)
def test_a_town_under_the_list_s_floor_alone_locates_the_story(
    tagger: GeoTagger, headline: str, body: str, town: str, country: str
) -> None:
    """GeoNames' towns of 5,000 to 15,000 people are read like the bigger small towns
    (session 35, hgeo95): local copy names such a town and nothing else."""
    regions, ev = _tag(tagger, headline, body)
    assert ev[town] == (country, "small-town", 1.0)
    assert regions == ["asia-pacific"]


@pytest.mark.parametrize(
    ("headline", "body"),
    [
        # Atlantic (Iowa) and August (California) are such towns, and English words too.
        (
            "Forecasters expect a busy Atlantic hurricane season",
            "Warm water and weak winds favour more storms than usual, the forecasters said.",
        ),
        (
            "Factory orders rose in August",
            "Orders for durable goods rose for a third month, led by machinery.",
        ),
    ],
)
def test_a_town_under_the_floor_named_like_an_english_word_locates_nothing(
    tagger: GeoTagger, headline: str, body: str
) -> None:
    regions, ev = _tag(tagger, headline, body)
    assert regions == []
    assert not any(rule == "small-town" for _c, rule, _w in ev.values())


@pytest.mark.parametrize(
    ("headline", "body"),
    [
        # Towns of 5,000-15,000 people named like a US census surname of 0.001-0.01%: in
        # placeless copy the name is a person or a brand (review hrev35a, session 35).
        (
            "Timberlake tour tickets sell out in minutes",
            "The singer announced twenty arena dates on Monday, and fans queued online for hours.",
        ),
        (
            "Branson space venture delays next flight",
            "The billionaire's company said engineers needed more time to inspect the wing.",
        ),
        (
            "Callaway unveils new driver",
            "The golf equipment maker said its new club is more forgiving on off-centre hits.",
        ),
        (
            "Tech firm names Conklin chief executive",
            "She replaces the founder, who will stay on as chairman, the company said.",
        ),
    ],
)
def test_a_small_town_under_the_floor_named_like_a_surname_locates_nothing(
    tagger: GeoTagger, headline: str, body: str
) -> None:
    regions, ev = _tag(tagger, headline, body)
    assert regions == []
    assert not any(rule == "small-town" for _c, rule, _w in ev.values())


def test_wire_explain_says_why_a_small_town_located_the_story(tagger: GeoTagger) -> None:
    item = make_item("Staunton man held after chase", "A driver ran from his car at night.")
    text = explain(item, tagger.tag(item))
    assert "small-town" in text
    assert "small town" in text.split("small-town", 1)[1]
