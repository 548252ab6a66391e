"""Session 21 (issue #16, hgeo31, a39): a person's origin after "a native of" is no place of the
story. Every text here was written for these tests, in the layout of a wire profile."""

from __future__ import annotations

from streams.core.geo import GeoTagger
from streams.core.geo.context import is_attributive, role_of

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
