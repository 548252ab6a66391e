"""A local outlet named after its town (issue #16, session 18): "steinbachonline.com" and
"miamitimesonline.com" are the outlets of Steinbach and Miami, the label being a town's name
followed only by masthead words (``press_words.txt``). And a town's name stop-listed as an
ordinary word of the copy's language ("the church's Big Wedding") is no place that keeps the
outlet's address out (rule ``home-word``)."""

from __future__ import annotations

import pytest

from streams.core.geo import GeoTagger
from streams.core.geo.outlet import OutletWords, outlet_home, town_outlet

from .conftest import linked
from .test_outlet_home import PLACELESS

WORDS = OutletWords(
    names=(("ghana", "GH"),),
    nationalities=(("irish", "IE"),),
    towns={"steinbach": "CA", "miami": "US", "siouxcity": "US", "york": "GB"},
    press=frozenset({"online", "times", "news", "journal", "press", "fm"}),
)


@pytest.mark.parametrize(
    ("label", "home"),
    [
        ("steinbachonline", "CA"),
        ("miamitimesonline", "US"),  # two masthead words
        ("siouxcityjournal", "US"),  # a town of two words
        ("yorkpress", "GB"),
        ("yorkfm107", "GB"),  # a frequency after the masthead word
        ("miamivice", None),  # no masthead word after the town
        ("miami", None),  # nor the town alone: a brand as likely
        ("steinbachonlinestore", None),  # more than masthead words
        ("newyorktimes", None),  # a town the list does not hold
    ],
)
def test_a_town_and_masthead_words(label: str, home: str | None) -> None:
    assert town_outlet(label, WORDS) == home


def test_the_town_outlet_comes_after_the_domain_and_the_country() -> None:
    known = frozenset({"CA", "US", "GB", "GH", "IE"})
    assert outlet_home("https://steinbachonline.com/articles/x", {}, WORDS, known) == (
        "CA",
        "steinbachonline.com",
    )
    # a country-code domain says more than the label's town
    assert outlet_home("https://yorkpress.com.gh/x", {}, WORDS, known) == ("GH", "yorkpress.com.gh")


#: Invented local copy: a village too small for the gazetteer, no country, no province.
VILLAGE = (
    "Strong bees, thin crop after a dry summer",
    "Colonies built up well in the warm spring at Kleefeld, a beekeeper says, but the hot, "
    "dry summer made the canola bloom fast and left the bees little time on the nectar.",
)


def test_a_local_outlet_places_its_village_story(tagger: GeoTagger) -> None:
    result = tagger.tag(linked(VILLAGE, "https://steinbachonline.com/articles/honey-crop"))
    assert result.regions == ["americas"]
    assert (result.evidence[-1].rule, result.evidence[-1].country) == ("outlet-url", "CA")


def test_a_home_word_does_not_keep_the_outlet_out(tagger: GeoTagger) -> None:
    # "Wedding" is a Berlin locality, stop-listed as an English word in English copy.
    story = (
        "Forty couples say 'I do' together at the church's Big Wedding",
        "Forty couples were married on Saturday in one service, the pastor said, and the "
        "congregation paid for the flowers and the cake.",
    )
    result = tagger.tag(linked(story, "https://miamitimesonline.com/news/big-wedding"))
    assert result.regions == ["americas"]
    rules = {(e.text, e.rule) for e in result.evidence}
    assert ("Wedding", "home-word") in rules
    assert ("miamitimesonline.com", "outlet-url") in rules


def test_a_globally_stop_listed_town_still_keeps_it_out(tagger: GeoTagger) -> None:
    link = "https://toowoombaonline.com/news/strike"  # invented: Toowoomba's outlet
    assert tagger.tag(linked(PLACELESS, link)).regions == ["asia-pacific"]
    story = (PLACELESS[0], PLACELESS[1] + "\n\nThe strike had no Hollywood ending.")
    result = tagger.tag(linked(story, link))
    assert result.regions == []
    assert ("Hollywood", "unconfirmed") in {(e.text, e.rule) for e in result.evidence}
