"""A diplomat's country written as a possessive ("Norway's ambassador") or after a role noun and
"of" ("the ambassadors of Norway and Chile") is the diplomat's nationality, like "a Norwegian
ambassador": no place of the story (issue #16, session 20, hgeo29). Sentences written for
these tests, in the layout of a Gulf state's official news copy."""

from __future__ import annotations

from streams.core.geo import GeoTagger
from streams.core.geo.context import is_attributive, role_of

from .conftest import read

CREDENTIALS = (
    "The Emir of Qatar received the credentials of the ambassadors of Norway and Chile to "
    "Qatar at a ceremony held at the Amiri Diwan in Doha on Tuesday.\n\n"
    "He received Norway's ambassador Ingrid Solberg and Chile's ambassador Pablo Rojas and "
    "wished them success in strengthening relations with Qatar."
)


def test_possessive_role_noun_is_attributive() -> None:
    text = "He met Norway's ambassador on Monday."
    assert is_attributive(text, text.index("'s"))
    curly = "He met Norway\u2019s ambassador on Monday."
    assert is_attributive(curly, curly.index("\u2019s"))


def test_possessive_without_role_noun_is_not_attributive() -> None:
    # "Norway's coast" is a place in Norway.
    text = "Storms hit Norway's coast on Monday."
    assert not is_attributive(text, text.index("'s"))


def test_role_noun_before_of() -> None:
    text = "the ambassadors of Norway and Chile"
    assert role_of(text, text.index("Norway"))
    other = "the coast of Norway"
    assert not role_of(other, other.index("Norway"))


def test_credentials_ceremony_stays_with_the_host(tagger: GeoTagger) -> None:
    regions, evidence = read(tagger, "Emir receives credentials of new envoys", CREDENTIALS)
    assert regions == ["middle-east"]
    rules = {(text, rule) for text, rule, _country, _weight in evidence}
    assert ("Norway", "attributive") in rules
    assert ("Chile", "attributive") in rules


def test_a_possessive_place_is_still_a_place(tagger: GeoTagger) -> None:
    regions, _ = read(
        tagger,
        "Storm closes ferries",
        "Storms closed ferry routes along Norway's western coast on Monday, the road "
        "authority said, and Norway's rail operator cancelled trains.",
    )
    assert regions == ["europe"]
