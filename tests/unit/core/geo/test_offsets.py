"""Evidence offsets always point at the matched text, whatever the input looks like."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from streams.core.geo import GeoTagger, explain

from .conftest import make_item

WORDS = [
    "Paris",
    ",",
    "Texas",
    "Jordan",
    "Chad",
    "US",
    "-",
    "’s",
    "Gaza",
    "Nice",
    "Georgia",
    "of",
    "Treaty",
    "Agreement",
    "Crans-Montana",
    "İ",
    "😀",
    "中国",
    "\n\n",
    "Kyiv",
    "NICE",
    "U.S.",
    "Guinea-Bissau",
    "Sahel",
    "EU",
    "Trump",
    "the",
    ".",
    "Cairo",
    "Reading",
    "Turkey",
    "ß",
]
TEXT = st.lists(st.sampled_from(WORDS), max_size=25).map(" ".join)

_TAGGER: list[GeoTagger] = []


def _tagger() -> GeoTagger:
    if not _TAGGER:
        _TAGGER.append(GeoTagger.load())
    return _TAGGER[0]


@settings(max_examples=150, deadline=None)
@given(headline=TEXT, body=TEXT, located=st.one_of(st.none(), st.sampled_from(WORDS)))
def test_evidence_offsets_match_source(headline: str, body: str, located: str | None) -> None:
    item = make_item(headline, body, located)
    result = _tagger().tag(item)
    explain(item, result)
    for ev in result.evidence:
        source = {"located": item.located or "", "headline": item.headline, "body": item.body}
        assert source[ev.field][ev.start : ev.end] == ev.text
    assert len(result.regions) == len(set(result.regions))
