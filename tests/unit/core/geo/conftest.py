"""One tagger for the whole geo test package: building the gazetteer takes about a second."""

from __future__ import annotations

import pytest

from streams.core.geo import GeoTagger
from streams.core.model import Body, Headline, WireItem


@pytest.fixture(scope="session")
def tagger() -> GeoTagger:
    return GeoTagger.load()


def make_item(headline: str = "", body: str = "", located: str | None = None) -> WireItem:
    return WireItem(
        uri="urn:test",
        headlines=[Headline(headline)] if headline else [],
        bodies=[Body(p) for p in body.split("\n\n") if p],
        located=located,
    )


def linked(text: tuple[str, str], link: str | None, language: str = "en") -> WireItem:
    """A (headline, body) item at a web address, as a feed entry or JSON item carries one."""
    item = make_item(*text)
    item.language = language
    item.ext.link = link
    return item


def tag_language(
    tagger: GeoTagger, headline: str, body: str, language: str, *, weighted: bool = False
) -> tuple[list[str], dict[str, tuple[str, str]]]:
    """Regions of an item in ``language`` and {mention: (country, rule)} of its evidence
    (``weighted``: only the mentions that count)."""
    item = make_item(headline, body)
    item.language = language
    result = tagger.tag(item)
    evidence = {e.text: (e.country, e.rule) for e in result.evidence if e.weight or not weighted}
    return result.regions, evidence


def read(
    tagger: GeoTagger, headline: str, body: str
) -> tuple[list[str], list[tuple[str, str, str, float]]]:
    """Regions, and (text, rule, country, weight) of every evidence mention in text order."""
    result = tagger.tag(make_item(headline, body))
    return result.regions, [
        (e.text, e.rule.removesuffix("+subject"), e.country, e.weight) for e in result.evidence
    ]


def evidence_by_text(
    tagger: GeoTagger, headline: str, body: str
) -> tuple[list[str], dict[str, tuple[str, str, float]]]:
    """Regions, and {mention: (country, rule, weight)} of every evidence mention."""
    result = tagger.tag(make_item(headline, body))
    return result.regions, {e.text: (e.country, e.rule, e.weight) for e in result.evidence}


def english_item(headline: str, body: str, link: str | None = None) -> WireItem:
    """An English item, at a web address when ``link`` is given."""
    item = make_item(headline, body)
    item.language = "en"
    item.ext.link = link
    return item


def rules_of(tagger: GeoTagger, headline: str, body: str) -> dict[str, str]:
    """{mention: rule} of an English item's evidence."""
    return {e.text: e.rule for e in tagger.tag(english_item(headline, body)).evidence}


def evidence_of(
    tagger: GeoTagger, headline: str, body: str, located: str | None = None
) -> tuple[list[str], list[tuple[str, str, str]]]:
    """Regions and (text, rule without "+subject", country) of every piece of evidence."""
    result = tagger.tag(make_item(headline, body, located))
    return result.regions, [
        (e.text, e.rule.removesuffix("+subject"), e.country) for e in result.evidence
    ]
