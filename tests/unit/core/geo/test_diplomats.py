"""A diplomat's country written as a possessive ("Norway's ambassador"), after a role noun and
"of" ("the ambassadors of Norway and Chile") or before an organisation's acronym and a role noun
("Russia's U.N. ambassador", "Britain's UN envoy") is the diplomat's nationality, like "a
Norwegian ambassador": who speaks, no place of the story (issue #16, session 20, hgeo29;
session 25, hgeo61, a61-007: an AP text from the United Nations on a Gaza vote made Russia a
second region). Sentences written for these tests, in the layouts of a Gulf state's official
news copy and of wire copy from the UN."""

from __future__ import annotations

import pytest

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


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("He said Russia's U.N. ambassador spoke first.", "Russia"),
        ("He said Britain's UN envoy spoke first.", "Britain"),
        ("He said France\u2019s EU ambassador spoke first.", "France"),
        ("He said a US NATO envoy spoke first.", "US"),
    ],
)
def test_an_acronym_between_the_country_and_the_role_noun(text: str, country: str) -> None:
    assert is_attributive(text, text.index(country) + len(country))


@pytest.mark.parametrize(
    "text",
    [
        # Not a role noun after the acronym.
        "He said Russia's UN vote came first.",
        # A place's own thing, not an organisation's person.
        "He said Russia's Far East ports were closed.",
    ],
)
def test_no_role_noun_after_the_acronym_is_no_nationality(text: str) -> None:
    assert not is_attributive(text, text.index("'s"))


def test_a_council_vote_on_gaza_keeps_one_region(tagger: GeoTagger) -> None:
    regions, evidence = read(
        tagger,
        "Council rejects draft resolution on Gaza",
        "The council rejected a resolution on Gaza that did not mention Hamas. "
        "Russia's U.N. ambassador had urged members to back the text, citing the council's "
        "silence since the attack by Hamas, which controls the Gaza Strip. Only four countries "
        "joined Russia in voting for it.",
    )
    assert regions == ["middle-east"]
    assert ("Russia", "attributive") in {(text, rule) for text, rule, _, _ in evidence}
