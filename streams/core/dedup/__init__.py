"""Repeat, update, near-duplicate or new story? Entry point: :class:`Deduper`.

The decision is split in two on purpose: :meth:`Deduper.decide` only reads the
store, :meth:`Deduper.remember` writes it, and the shell calls ``remember``
only after every send for the item was delivered. A crash between the two
re-sends the item on restart (a duplicate a consumer can drop by ``uri``),
never loses it. :meth:`Deduper.evict` bounds the state by the window.

Modules: ``store`` (the key-value protocol: one record per story), ``index``
(the candidate index and eviction buckets derived from those records, in memory),
``sketch`` (shingles, bottom-k sketches, the candidate curve), ``deduper`` (the
decision), ``handoff`` (the features stage 1 sends stage 2 in a header).
"""

from streams.core.dedup.deduper import (
    DEFAULT_WINDOW_MS,
    Decision,
    DedupConfig,
    Deduper,
    content_fingerprint,
    story_id,
)
from streams.core.dedup.store import DELETED, DedupStore, MemoryStore, OverlayStore

__all__ = [
    "DEFAULT_WINDOW_MS",
    "DELETED",
    "Decision",
    "DedupConfig",
    "DedupStore",
    "Deduper",
    "MemoryStore",
    "OverlayStore",
    "content_fingerprint",
    "story_id",
]
