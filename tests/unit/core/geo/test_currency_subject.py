"""A currency of one country named in a headline is the story's subject (issue #16, session
14): "Rand edges towards R14/$" is South African news even when the body blames the US and
China. Shared currency names ("dollar", "kwacha"), people named like a currency ("Rand Paul")
and the body's mentions stay support only.

Fixtures are written for these tests; none is copied from a news item.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pycountry
import pytest

from streams.core.geo import GeoTagger, explain

from .conftest import make_item, read, tag_language

ROOT = Path(__file__).resolve().parents[4]
FX_BODY = (
    "The currency lost ground for a third day, and dealers expect it to stay weak into the "
    "end of the quarter.\n\nAnalysts blamed the trade dispute between the US and China, "
    "which has unsettled markets everywhere."
)


@pytest.mark.parametrize(
    ("headline", "region", "country"),
    [
        ("Rand slides as trade war fears bite", "africa", "ZA"),
        ("Traders brace as the cedi weakens again", "africa", "GH"),
        ("Taka hits record low against the greenback", "asia-pacific", "BD"),
        ("Forint falls to a two-year low", "europe", "HU"),
    ],
)
def test_a_headline_currency_of_one_country_locates_a_story_that_names_others(
    tagger: GeoTagger, headline: str, region: str, country: str
) -> None:
    item = make_item(headline, FX_BODY)
    result = tagger.tag(item)
    assert result.regions == [region]
    assert [(e.rule, e.country) for e in result.evidence if e.field == "headline"] == [
        ("currency-subject", country)
    ]
    assert "currency-subject" in explain(item, result)


@pytest.mark.parametrize(
    "headline",
    [
        # Shared names: the dollar of twenty states, the kwacha of Zambia and Malawi.
        "Dollar slides as trade war fears bite",
        "Kwacha slides as trade war fears bite",
        # People named like a currency.
        "Rand Paul slides in the polls as trade war fears bite",
        "Why readers still buy Ayn Rand",
    ],
)
def test_shared_currencies_and_people_are_no_subject(tagger: GeoTagger, headline: str) -> None:
    regions, evidence = read(tagger, headline, FX_BODY)
    # Read as the same story under a headline naming no currency at all.
    assert regions == read(tagger, "Markets slide as trade war fears bite", FX_BODY)[0]
    assert "africa" not in regions
    assert not any(rule == "currency-subject" for _, rule, _, _ in evidence)


def test_a_body_currency_stays_support_only(tagger: GeoTagger) -> None:
    regions, evidence = read(
        tagger, "Markets slip as trade war fears bite", FX_BODY + " The rand fell."
    )
    assert regions == read(tagger, "Markets slip as trade war fears bite", FX_BODY)[0]
    assert "africa" not in regions
    assert [(rule, c) for text, rule, c, _ in evidence if text == "rand"] == [("body", "ZA")]


def test_only_english_headlines_read_the_english_nouns(tagger: GeoTagger) -> None:
    # "Rand" is German for edge.
    _, evidence = tag_language(
        tagger, "Rand fällt weiter", "Der Handel mit den USA und China.", "de"
    )
    assert "currency-subject" not in {rule for _, rule in evidence.values()}


def _generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "build_currencies", ROOT / "bench/tools/build_currencies.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_data_file_is_the_generators_output_and_covers_every_iso_currency() -> None:
    gen = _generator()
    out, skipped = gen.rows()
    rows = [
        tuple(line.split("\t"))
        for line in (ROOT / "streams/data/geo/currencies.tsv").read_text("utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    assert rows == [tuple(r) for r in out]
    # Every ISO 4217 currency is either listed or left out with a reason.
    listed = {noun for noun, _ in out}
    for cur in pycountry.currencies:
        words = cur.name.split()
        noun = (words[0] if words[-1] in gen.QUALIFIER_LAST else words[-1]).lower()
        assert noun in listed or any(
            s.startswith(cur.alpha_3) or s.startswith(gen.VARIANTS.get(noun, noun) + ":")
            for s in skipped
        ), cur
    # Shared and ambiguous nouns are out.
    assert {"dollar", "kwacha", "peso", "real", "mark"}.isdisjoint(listed)
    assert {"rand", "cedi", "naira", "taka", "zloty"} <= listed
