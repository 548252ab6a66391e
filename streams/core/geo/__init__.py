"""Which world regions a story is about. Entry point: :class:`GeoTagger`.

``GeoTagger.load()`` builds the gazetteer and automaton once; ``tag(item)`` returns the regions
(primary first; empty = unlocated), the focus countries and the evidence behind them, and
``explain(item, result)`` renders that evidence for an editor.

The model, in order: one Aho-Corasick pass per field finds every gazetteer name on word
boundaries (``matcher``); local context turns some hits into persons, compound names, named
events or origins (``context``); each mention is weighted by where it sits and what kind of name
it is (``scoring``); shared city names, cue-word names and stop-listed names are settled against
the item's unambiguous evidence; the best region by total score is primary, and another region
is added only when it is a topic of the story rather than a passing mention (``tagger``).
Data and the region table decisions: ``streams/data/geo/README.md``.
"""

from __future__ import annotations

from streams.core.geo.explain import explain
from streams.core.geo.regions import RegionTable
from streams.core.geo.tagger import UNLOCATED, GeoResult, GeoTagger

__all__ = ["UNLOCATED", "GeoResult", "GeoTagger", "RegionTable", "explain"]
