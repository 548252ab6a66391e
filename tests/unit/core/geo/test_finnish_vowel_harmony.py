"""Finnish vowel harmony on both scan paths, the native matcher and the Python one: names keep
their Finnish inflected forms, and front-vowel words ("Lähellä", "Tänään") fold to no
back-vowel foreign town (review of the session-10 merges, hner and hgeo4). Texts written for
these tests."""

from __future__ import annotations

import pytest

from streams.core.geo import GeoTagger
from streams.core.geo.matcher import Hit, Matcher

from .conftest import tag_language

# --- Finnish vowel harmony -----------------------------------------------------------------


def _scans(tagger: GeoTagger) -> list[Matcher]:
    """The tagger's matcher (native when built) and a Python-only one on the same gazetteer."""
    matcher: Matcher = tagger._matcher
    return [matcher, Matcher(tagger._gaz, native=False)]


def _hit_names(matcher: Matcher, text: str) -> list[tuple[str, str]]:
    hits: list[Hit] = matcher.find(text, lang="fi")
    return [(text[h.start : h.end], h.term.countries[0]) for h in hits]


@pytest.mark.parametrize(
    ("text", "country"),
    [
        # Foreign names written with their own letters, against gazetteer spellings without
        # them (the fold makes "ö" "o"): a word holding back vowels is no Finnish front word.
        ("Göteborgissa", "SE"),
        ("Münchenissä", "DE"),
        ("Nürnbergissä", "DE"),
        # Endings that follow how a name is said, not its spelling.
        ("Cambridgessä", "GB"),
        ("Genevessä", "CH"),
        # Native front- and back-vowel names, upper case too.
        ("Jyväskylässä", "FI"),
        ("LAHDESSA", "FI"),
    ],
)
def test_names_keep_their_finnish_forms_on_both_scans(
    tagger: GeoTagger, text: str, country: str
) -> None:
    for matcher in _scans(tagger):
        assert _hit_names(matcher, text) == [(text, country)], matcher.native


# "Lähellä" (near) and "Tänään" (today) fold to forms of "Lahey" and "Tanay": a foreign name
# with a "y" is no Finnish front-vowel name.
@pytest.mark.parametrize("text", ["Lähdessä", "LÄHDESSÄ", "Lähti", "LÄHTI", "Lähellä", "Tänään"])
def test_front_vowel_words_are_no_back_vowel_town_on_both_scans(
    tagger: GeoTagger, text: str
) -> None:
    for matcher in _scans(tagger):
        assert _hit_names(matcher, text) == [], matcher.native


def test_a_finnish_story_from_gothenburg_is_located(tagger: GeoTagger) -> None:
    regions, evidence = tag_language(
        tagger, "", "Göteborgissa pidettiin mielenosoitus lauantaina.", "fi", weighted=True
    )
    assert regions == ["europe"]
    assert evidence["Göteborgissa"][0] == "SE"
