"""The pure pipeline and its parts from :class:`~streams.settings.Settings`.

Here, not in the worker's composition root, so the CLI, the client library, ingest, tests
and bench get a pipeline or topic names without loading faust.
"""

from __future__ import annotations

from pathlib import Path

from streams.core.dedup import Deduper, DedupStore
from streams.core.geo import GeoTagger, RegionTable
from streams.core.homes import parse_source_homes
from streams.core.identity import SourceAliases
from streams.core.parse import ParseLimits
from streams.core.pipeline import OutputLimits, Pipeline
from streams.core.schema import validate_item
from streams.core.topics import build_topics
from streams.settings import Settings


def build_tagger(settings: Settings) -> GeoTagger:
    """The tagger with the region table and the ingest sources' homes (``WIRE_SOURCE_HOMES``,
    checked by :meth:`Settings.check`), which locate a story its text does not."""
    return GeoTagger.load(
        Path(settings.region_table) if settings.region_table else None,
        source_homes=parse_source_homes(settings.source_homes),
    )


def build_region_tagger(settings: Settings) -> GeoTagger:
    """The region table without the gazetteer, for a route-only worker: stage 2 routes by the
    regions stage 1 found and never tags, so it needs the region names, not the automaton."""
    table = Path(settings.region_table) if settings.region_table else None
    return GeoTagger(RegionTable.load(table))


def build_pipeline(
    settings: Settings, store: DedupStore, tagger: GeoTagger | None = None
) -> Pipeline:
    tagger = tagger or build_tagger(settings)
    limits = ParseLimits(
        max_raw_bytes=settings.max_raw_bytes,
        max_items=settings.max_items,
        max_depth=settings.max_depth,
    )
    return Pipeline(
        build_topics(settings, tagger.regions),
        tagger,
        Deduper(store, window_ms=settings.dedup_window_ms),
        limits,
        validator=validate_item,
        max_skew_ms=settings.max_clock_skew_ms,
        aliases=SourceAliases.parse(settings.source_aliases),
        handoff_key=settings.handoff_key.encode(),
        output=OutputLimits(
            max_record_bytes=settings.max_message_bytes,
            ratio=settings.max_output_ratio,
            item_overhead=settings.output_item_overhead,
        ),
    )
