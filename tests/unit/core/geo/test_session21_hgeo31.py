"""Session 21 (issue #16, hgeo31, a39): a person's origin after "a native of" is no place of the
story; another country's league of a shared name ("the Kenyan Premier League") is no
evidence of England; a national capital's English-language outlet ("budapesttimes.com") places
a story its text does not; Sharm el-Sheikh is a place in AP's spelling too; "the city of Ashdod"
is the town though a club "Hapoel Ashdod" came first. Every text here was written for these
tests, in the layouts of wire profiles, league notes and local copy."""

from __future__ import annotations

import pytest

from streams.core.geo import GeoTagger
from streams.core.geo.context import is_attributive, role_of
from streams.core.geo.outlet import outlet_home
from streams.core.geo.tagger import _league_of
from streams.core.geo.terms import Hit, Term

from .conftest import linked, read
from .test_outlet_home import PLACELESS

#: An appointment datelined in a US city, the new chief a native of a European country.
PROFILE = (
    "Orchestra names new music director",
    "CHICAGO (AP) — The Chicago Lyric Ensemble has named Piotr Zielinski as its next music "
    "director, the board said on Tuesday.\n\n"
    "Zielinski, 41, a native of Poland, said he was honoured. He will lead his first "
    "concerts in Chicago in October.\n\n"
    "He has conducted the Hamburg Symphony and at the Warsaw State Opera.",
)


def test_native_of_is_an_origin() -> None:
    text = "Zielinski, a native of Poland, said"
    assert role_of(text, text.index("Poland"))
    many = "two natives of Poland"
    assert role_of(many, many.index("Poland"))


def test_native_after_a_country_is_no_role() -> None:
    # "New Zealand native birds": the adjective of the place, not a person's origin.
    text = "New Zealand native birds are protected."
    assert not is_attributive(text, text.index(" native"))


def test_a_profile_keeps_to_the_dateline(tagger: GeoTagger) -> None:
    regions, evidence = read(tagger, *PROFILE)
    assert regions == ["americas"]
    assert ("Poland", "attributive") in {(text, rule) for text, rule, _c, _w in evidence}


@pytest.mark.parametrize(
    ("headline", "regions"),
    [
        ("Kenyan Premier League resumes after winter break", ["africa"]),
        ("Austrian Bundesliga leaders drop points at home", ["europe"]),
    ],
)
def test_another_countrys_league(tagger: GeoTagger, headline: str, regions: list[str]) -> None:
    body = "Play resumes on Friday with four matches, the league said in a statement."
    got, evidence = read(tagger, headline, body)
    assert got == regions
    assert "league" in {rule for _t, rule, _c, _w in evidence}


def test_a_sport_word_between_and_a_possessive() -> None:
    league = Term("Premier League", "leader", ("GB",))
    demonym = Term("Israeli", "demonym", ("IL",))
    country = Term("Algeria", "country", ("DZ",))
    text = "The Israeli football Premier League resumed."
    assert _league_of(text, Hit(4, 11, demonym), Hit(21, 35, league))
    text = "Algeria's Premier League resumed."
    assert _league_of(text, Hit(0, 7, country), Hit(10, 24, league))
    english = Term("English", "demonym", ("GB",))
    text = "The English Premier League resumed."
    assert not _league_of(text, Hit(4, 11, english), Hit(12, 26, league))
    text = "Israeli officials and the Premier League met."
    assert not _league_of(text, Hit(0, 7, demonym), Hit(26, 40, league))


def test_the_premier_league_alone_is_still_english(tagger: GeoTagger) -> None:
    regions, _ = read(
        tagger,
        "Premier League clubs vote on spending cap",
        "Clubs voted 14-6 for the cap at a shareholders' meeting on Thursday.",
    )
    assert regions == ["europe"]


def test_a_capitals_english_outlet(tagger: GeoTagger) -> None:
    towns = tagger._gaz.outlet_words.towns
    assert towns["prague"] == "CZ"
    assert towns["budapest"] == "HU"
    # a namesake where English is at home could own the masthead: Paris, Texas; Rome, New York
    assert "paris" not in towns
    assert "rome" not in towns
    result = tagger.tag(linked(PLACELESS, "https://www.budapesttimes.com/news/strike"))
    assert result.regions == ["europe"]
    assert (result.evidence[-1].rule, result.evidence[-1].country) == ("outlet-url", "HU")


def test_a_capital_needs_its_masthead_word(tagger: GeoTagger) -> None:
    known = frozenset({"CZ", "HU"})
    words = tagger._gaz.outlet_words
    assert outlet_home("https://praguemonitor.com/x", {}, words, known) == (
        "CZ",
        "praguemonitor.com",
    )
    assert outlet_home("https://pragueshop.com/x", {}, words, known) is None


def test_an_expat_outlet_on_a_generic_domain(tagger: GeoTagger) -> None:
    result = tagger.tag(linked(PLACELESS, "https://www.surinenglish.com/local/strike"))
    assert result.regions == ["europe"]


def test_sharm_el_sheik_in_ap_spelling(tagger: GeoTagger) -> None:
    regions, evidence = read(
        tagger,
        "Leaders meet at resort",
        "The leaders met on Monday at the Red Sea resort of Sharm el-Sheik, officials said.",
    )
    assert "africa" in regions
    assert ("Sharm el-Sheik", "place", "EG") in {(t, r, c) for t, r, c, _w in evidence}


def test_the_city_of_a_club_is_a_place(tagger: GeoTagger) -> None:
    # A club named after its town reads the town as a surname; "the city of" names the town.
    headline = "League leaders lose at home"
    club = "Hapoel Ashdod lost 2-0 to Bnei Sakhnin on Monday"
    regions, evidence = read(tagger, headline, club + " in the southern city of Ashdod.")
    assert regions == ["middle-east"]
    town = [(r, w) for t, r, _c, w in evidence if t == "Ashdod"][1]
    assert town[0] != "person-surname" and town[1] > 0
    _, evidence = read(tagger, headline, club + ". Ashdod said it would appeal.")
    assert [r for t, r, _c, _w in evidence if t == "Ashdod"] == ["person-name", "person-surname"]
