"""Session 21 (issue #16, hgeo31, a39): a person's origin after "a native of" is no place of the
story; another country's league of a shared name ("the Kenyan Premier League") is no
evidence of England. Every text here was written for these tests, in the layouts of wire
profiles and league notes."""

from __future__ import annotations

import pytest

from streams.core.geo import GeoTagger
from streams.core.geo.context import is_attributive, role_of
from streams.core.geo.tagger import _league_of
from streams.core.geo.terms import Hit, Term

from .conftest import read

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
