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
