"""English local copy that names no place but its own small town (issue #16, session 16): a
GeoNames town of 15,000 to 50,000 people, of one reading, in a country where English is at home,
standing where a place does or before a noun it modifies, locates a story that has no other
evidence at all; beside any other evidence, in a sports report, abroad or inside a longer name
it does not."""

from __future__ import annotations

import pytest

from streams.core.geo import GeoTagger

from .conftest import evidence_by_text

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
