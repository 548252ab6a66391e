"""Rule ``carve-out`` (``context.carve_out``, ``carve_out_words.txt``; issue #16, session 24,
hgeo55, a55-002): a country carved out of a world area's figure ("7% in Asia outside Japan",
"Asia ex-Japan equities") is the one place the figure leaves out, not a place of the story."""

from __future__ import annotations

import pytest

from streams.core.geo import GeoTagger, context

from .conftest import evidence_by_text


def test_a_carved_out_country_adds_no_region(tagger: GeoTagger) -> None:
    # Invented, in the layout of a merger story listing the combined firm's market shares.
    regions, ev = evidence_by_text(
        tagger,
        "Drug makers agree merger",
        "The combined company will hold about 12% of the market in the United States, 10% in "
        "Europe, 7% in Asia outside Japan and 6% in Latin America, the firms said on Wall Street.",
    )
    assert ev["Japan"][1:] == ("carve-out", 0.0)
    assert regions == ["americas"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("flows into Asia ex-Japan equities", "Japan"),
        ("sales in Europe excluding Britain", "Britain"),
        ("shares of Asia, except for China, rose", "China"),
        ("in Asia with the exception of Japan", "Japan"),
    ],
)
def test_carve_out_forms(text: str, name: str) -> None:
    assert context.carve_out(text, text.index(name))


@pytest.mark.parametrize(
    "text",
    [
        "factories outside Japan",  # no world area before the word: Japan's own story
        "everyone in Asia knows Japan",  # no carve-out word
        "an exception of Japan",
    ],
)
def test_no_carve_out_without_an_area_and_a_word(text: str) -> None:
    assert not context.carve_out(text, text.index("Japan"))


def test_a_country_outside_an_area_phrase_keeps_its_place(tagger: GeoTagger) -> None:
    regions, ev = evidence_by_text(
        tagger,
        "Carmaker cuts output",
        "The carmaker will cut output at its factories outside Japan, it said in Tokyo.",
    )
    assert ev["Japan"][1] != "carve-out"
    assert regions == ["asia-pacific"]
