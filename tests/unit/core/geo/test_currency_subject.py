"""A currency of one country named in a headline is the story's subject (issue #16, session
14): "Rand edges towards R14/$" is South African news even when the body blames the US and
China. Shared currency names ("dollar", "peso"), people named like a currency ("Rand Paul")
and the body's mentions stay support only. A name shared by countries of ONE region ("shilling",
"kwacha", session 15) locates that region and names no country.

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
        # The pound by its other name (a surname too, kept on purpose: session 15).
        ("Sterling slips under $1.20 after inflation data", "europe", "GB"),
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
        # Shared names across regions: the dollar of twenty states, the peso of Latin America
        # and the Philippines.
        "Dollar slides as trade war fears bite",
        "Peso slides as trade war fears bite",
        # People named like a currency.
        "Rand Paul slides in the polls as trade war fears bite",
        "Sterling Bank slides as trade war fears bite",
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
    assert {"rand", "cedi", "naira", "taka", "zloty", "sterling"} <= listed


@pytest.mark.parametrize(
    ("headline", "region"),
    [
        ("Kwacha slides as trade war fears bite", "africa"),  # Zambia and Malawi
        ("Traders watch the central bank as the shilling slips", "africa"),  # four states
        ("Councillors to vote on a 2.1 billion lei spending plan", "europe"),  # Romania, Moldova
        ("Rouble slides as trade war fears bite", "europe"),  # Russia, Belarus
        ("Riyal steady as trade war fears bite", "middle-east"),  # Iran and the Gulf
    ],
)
def test_a_headline_currency_shared_within_one_region_locates_that_region_only(
    tagger: GeoTagger, headline: str, region: str
) -> None:
    item = make_item(headline, FX_BODY)
    result = tagger.tag(item)
    assert result.regions[0] == region
    [(rule, representative)] = [
        (e.rule, e.country) for e in result.evidence if e.field == "headline"
    ]
    assert rule == "currency-region"
    # The representative country only carries the region: it is not reported as the story's.
    assert representative not in {f.country for f in result.focus}
    assert "currency-region" in explain(item, result)


def test_a_shared_currency_names_no_country_but_keeps_the_named_one(tagger: GeoTagger) -> None:
    result = tagger.tag(
        make_item(
            "Shilling slips as importers scramble for dollars",
            "Kenya's central bank said it would step in. The currency fell in Nairobi trade.",
        )
    )
    assert result.regions == ["africa"]
    assert [f.country for f in result.focus] == ["KE"]


def test_shared_currency_nouns_are_read_in_english_copy_only(tagger: GeoTagger) -> None:
    # Italian "lei" is a pronoun (she, you), "kroner" the Nordic copy's own word for money.
    _, evidence = tag_language(
        tagger,
        "Il sindaco parla ai cittadini",
        "Lei ha detto che il bilancio sarà approvato a Torino.",
        "it",
    )
    assert "lei" not in {text.lower() for text in evidence}
    _, evidence = tag_language(
        tagger,
        "Fondet får 500 millioner kroner",
        "Brasil mottar 500 millioner kroner fra fondet, sier ministeren i Brasil.",
        "no",
    )
    assert "kroner" not in evidence


def test_the_shared_file_is_the_generators_output_one_region_each() -> None:
    gen = _generator()
    rows = [
        tuple(line.split("\t"))
        for line in (ROOT / "streams/data/geo/currencies_shared.tsv")
        .read_text("utf-8")
        .splitlines()
        if line and not line.startswith("#")
    ]
    assert rows == [tuple(r) for r in gen.shared_rows()]
    nouns = {noun for noun, _, _ in rows}
    assert {"shilling", "shillings", "kwacha", "leu", "lei", "rial", "riyal", "krone"} <= nouns
    # Shared across regions, or English words: out.
    assert {"dollar", "peso", "franc", "rupee", "dinar", "pound", "won", "colon"}.isdisjoint(nouns)
    table = gen._region_table()
    for _, rep, isos in rows:
        assert rep in isos.split(",")
        assert len({tuple(table[i]) for i in isos.split(",")}) == 1


@pytest.mark.parametrize(
    "headline",
    [
        "Rupee gains against the riyal",
        "Dollar firm versus rand",
        "Dollar steady vs shilling",
    ],
)
def test_a_currency_another_is_quoted_in_is_no_subject(tagger: GeoTagger, headline: str) -> None:
    _, evidence = read(tagger, headline, FX_BODY)
    assert not {"currency-subject", "currency-region"} & {rule for _, rule, _, _ in evidence}


def test_the_quoted_currency_rule_leaves_the_subject_before_it(tagger: GeoTagger) -> None:
    regions, evidence = read(tagger, "Shilling slips against the dollar", FX_BODY)
    assert regions[0] == "africa"
    assert ("Shilling", "currency-region") in {(text, rule) for text, rule, _, _ in evidence}
