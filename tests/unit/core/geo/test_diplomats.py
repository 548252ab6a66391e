"""A diplomat's country before an organisation's acronym and a role noun ("Russia's U.N.
ambassador", "Britain's UN envoy") is the diplomat's nationality, as "Russia's ambassador" is
(``context.is_attributive``): who speaks, not where the story happens (issue #16, session 25,
hgeo61, a61-007: an AP text from the United Nations on a Gaza vote made Russia a second region).
Texts written for these tests."""

from __future__ import annotations

import pytest

from streams.core.geo import GeoTagger
from streams.core.geo.context import is_attributive

from .conftest import read


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
