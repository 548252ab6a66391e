"""Repeat, update, near-duplicate or new story: the decision and the state behind it.

The store holds one record per story; the candidate index and eviction buckets are derived
from those records (:mod:`streams.core.dedup.index`) and rebuilt from the store when the
deduper is new or told its store changed under it (:meth:`Deduper.invalidate`), so a new
:class:`Deduper` over the same store (a restarted worker, a rebalanced partition) decides as
the old one would have.
"""

from __future__ import annotations

import binascii
import hashlib
import logging
import os
import zlib
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from typing import TYPE_CHECKING, Any

from streams.core.dedup.index import (
    POSTED,
    StoryIndex,
    default_mask,
    posted_keys,
    sid_int,
    sid_str,
)
from streams.core.dedup.remote import RemoteStories
from streams.core.dedup.sketch import (
    FACTS,
    INDEX,
    LOOKUP,
    SHINGLE,
    U32,
    Facts,
    K,
    Overlap,
    Sketch,
    facts,
    facts_change,
    hashes,
    overlap,
    pack,
    packed_facts,
    packed_hashes,
    same_facts,
    sketch_text,
    tokens,
    unpack,
)
from streams.core.dedup.store import DedupStore
from streams.core.identity import PREFIX, namespace_of
from streams.core.model import Status, WireItem
from streams.core.parse.markers import without_desk_prefix

if TYPE_CHECKING:
    from wirestream_native import NearDecider

log = logging.getLogger(__name__)

HOUR_MS = 3_600_000
DEFAULT_WINDOW_MS = 72 * HOUR_MS

#: The fields of another partition's story record a decision reads (uri, time, bucket,
#: sketch, facts, agreement keys, regions for a kill's original).
_REMOTE_FIELDS = ("u", "t", "b", "k", "d", "a", "r", POSTED)

#: Copy signals by which a source says an item revises its own story.
REVISION_SIGNALS = frozenset({"update", "writethru", "correction"})


#: Candidate lookups kept at most (a batch's; prefetch starts afresh).
_MEMO_AT = 4096

#: The best duplicate, update and related candidate of a decision, each ``(score, position
#: in the candidate records)`` or ``None``.
_Chosen = tuple[tuple[float, int] | None, tuple[float, int] | None, tuple[float, int] | None]

#: The :class:`DedupConfig` thresholds the compiled decision reads, in its order.
_THRESHOLDS = (
    "duplicate_jaccard",
    "update_jaccard",
    "headline_jaccard",
    "related_containment",
    "teaser_containment",
    "copy_containment",
    "copy_samples",
    "duplicate_contained",
    "swapped_figures",
    "swapped_share",
    "many_figures",
    "many_share",
    "swapped_containment",
    "min_samples",
)


@dataclass(slots=True, frozen=True)
class Decision:
    status: Status
    duplicate_of: str | None = None
    update_of: str | None = None
    related_to: str | None = None
    similarity: float | None = None
    #: For a kill: the regions its original was routed to (the kill goes to each of them).
    regions: tuple[str, ...] = ()

    def __init__(
        self,
        status: Status,
        duplicate_of: str | None = None,
        update_of: str | None = None,
        related_to: str | None = None,
        similarity: float | None = None,
        regions: tuple[str, ...] = (),
    ) -> None:
        """Written out, not generated: the compiled core runs a generated ``__init__``
        interpreted (a frozen one sets each field by ``object.__setattr__``: about 8 k
        instructions a call); this one is compiled. The fields' order and defaults,
        checked by ``tests/unit/core/test_dataclass_inits.py``; bench/README.md, session 26."""
        object.__setattr__(self, "status", status)
        object.__setattr__(self, "duplicate_of", duplicate_of)
        object.__setattr__(self, "update_of", update_of)
        object.__setattr__(self, "related_to", related_to)
        object.__setattr__(self, "similarity", similarity)
        object.__setattr__(self, "regions", regions)


@dataclass(slots=True, frozen=True)
class DedupConfig:
    """Thresholds, from the dev sets: ``bench/dedup_score.py`` (written) and the dev part of
    the real-news corpus, ``bench/corpus_dedup.py`` (estimates from the 128-hash sketches).

    Written set: refiles and furniture-wrapped copies J 0.87-1.0, write-throughs 0.45-0.73,
    corrections 0.78-0.94, same-template reports up to 0.52. So ``duplicate_jaccard`` 0.85 with
    the facts check (at 0.9, recall falls to 0.69). ``update_jaccard`` 0.4 with slug or story
    number agreement; the headline alone needs ``headline_jaccard`` 0.5 (templated headlines
    repeat: distinct bench stories reach 0.44 with equal headlines).

    Real corpus, dev part (issue 16; 43 republications, 20 updates, 63 write-ups): the
    containment of the shorter text in the longer is at most 0.32 for a write-up of the same
    event and at least 0.47 for every republication whose labelled containment is >= 0.5, so a
    *copy* is ``copy_containment`` 0.4 (the gap's middle), estimated on at least
    ``copy_samples`` 20 hashes (the shortest trimmed copies hold 23-25). Kept at 0.4 after the
    web probes ``dedup_real_r51``-``r53`` (helper hdup53, estimates over every same-event pair):
    write-ups there and on the dev part reach 0.32, while the copies and write-throughs left
    below 0.4 sit at 0.34-0.39 (9 pairs), a gap too narrow to move into; three of those at
    0.42-0.51 that stay routed add 6-8 figures with 0.56-0.78 of them shared, as the bench's
    template siblings do (below). A copy is a duplicate
    when at least ``duplicate_contained`` 0.7 of it lies in the known story and it adds no
    figure or fact word: every dev update adds one, so the fact check keeps them updates, and
    0.7 keeps a copy with a third of new text an update even without new facts. Same-template
    reports (written set: containment 0.32-0.69, 3-9 new figures, at most half the figures
    shared) are not copies unless containment reaches ``swapped_containment`` 0.75; real copies
    with >= 3 new figures keep >= 0.55 of them shared, or reach 0.85. A copy that brings
    ``many_figures`` 5 or more new figures must also share ``many_share`` 0.9 of them (or reach
    0.75): the bench traffic's distinct template stories (``bench/traffic.py``: 0.4-0.57
    containment, mostly 5-42 new figures, 0.6-0.87 shared) otherwise become updates of a sibling
    (218 of 2,000 items; 47 with this rule; on the real dev set it changes nothing, the closest
    copy shares 0.91). ``related_containment`` 0.1 links a write-up that shares a passage (11 of
    63 dev write-ups reach it; 6 are linked, the others are not candidates; no link goes to
    another event's story). A teaser for the slug and headline path is a text
    ``teaser_containment`` 0.8 inside the story that holds under 0.8 of it.

    A flood (posting lists full): ``posting_cap`` stories that each share a story's
    posted keys (updates, write-ups on its lead, a hostile producer) fill its lists, which the
    usual count leaves out. A story sharing ``flood_shared`` 5 of the item's looked-up keys,
    full lists counted, is a second-chance candidate (``max_flood`` 4 of them, most shared
    first), weighed only when no duplicate was found and taken only as a duplicate. Counted
    in session 26 (each item's looked-up keys against its original's 12 posted ones): real dev
    set (``bench/corpus_dedup.py --part dev`` rows), write-ups share 0-5 (53 of 63 none, 7 one,
    one each 2, 3 and 5), republications 1-12 (27 of 43 share 5 or more, 25 share 6); written
    set (``bench/data/dedup_dev.jsonl``) other-outlet stories 0-1, repeats 12, teasers 2-10
    (template siblings 3-10, kept apart by the facts check). When 8 were posted write-ups
    shared 0-3 and the threshold was 4. 5 admits the one write-up at 5 as a candidate, which
    the duplicate check keeps routed; 6 (above every write-up) loses a copy of 4 of a story's 6
    paragraphs sharing 5 (``test_flood.py``) and a dev republication: with every list full
    (``posting_cap`` 1), 12 of the 43 dev republications are found as duplicates with 4 or 5
    keys, 11 with 6, 10 with 7, no write-up a duplicate with any. Bench traffic (templated,
    4,594 of 5,002 items meet a full list): an update or related link from these candidates
    made 35 template siblings updates of each other (when 8 were posted), so they
    make duplicates only. 0 turns it off.
    """

    duplicate_jaccard: float = 0.85
    update_jaccard: float = 0.4
    headline_jaccard: float = 0.5
    related_containment: float = 0.1
    teaser_containment: float = 0.8
    copy_containment: float = 0.4
    copy_samples: int = 20
    duplicate_contained: float = 0.7
    swapped_figures: int = 3
    swapped_share: float = 0.6
    many_figures: int = 5
    many_share: float = 0.9
    swapped_containment: float = 0.75
    min_samples: int = 6
    max_candidates: int = 16
    max_single: int = 4
    posting_cap: int = 16
    #: A flood's second chance (see above): keys shared, full lists counted; stories asked.
    flood_shared: int = 5
    max_flood: int = 4
    bucket_ms: int = HOUR_MS
    shards: int = 64
    #: Sketch shape; changing either makes remembered sketches incomparable (new store needed).
    shingle: int = SHINGLE
    sketch_size: int = K


@dataclass(slots=True, frozen=True)
class Features:
    """All the deduper reads of an item, computed once: stage 1 can compute it and carry it
    to stage 2 (:mod:`streams.core.dedup.handoff`), so stage 2 never re-reads the text."""

    uri: str
    version: int
    pubstatus: str
    #: The source says the item revises its own story (update, writethru, correction).
    revises: bool
    regions: tuple[str, ...]
    fingerprint: str
    sketch: Sketch
    agreement: tuple[int, ...]
    #: The item's own clock (``versioncreated``, else ``firstcreated``) in ms, if any.
    clock_ms: int | None = None

    def __init__(
        self,
        uri: str,
        version: int,
        pubstatus: str,
        revises: bool,
        regions: tuple[str, ...],
        fingerprint: str,
        sketch: Sketch,
        agreement: tuple[int, ...],
        clock_ms: int | None = None,
    ) -> None:
        """Written out, not generated: the compiled core runs a generated ``__init__``
        interpreted (a frozen one sets each field by ``object.__setattr__``: about 13 k
        instructions a call); this one is compiled. The fields' order and defaults,
        checked by ``tests/unit/core/test_dataclass_inits.py``; bench/README.md, session 26."""
        object.__setattr__(self, "uri", uri)
        object.__setattr__(self, "version", version)
        object.__setattr__(self, "pubstatus", pubstatus)
        object.__setattr__(self, "revises", revises)
        object.__setattr__(self, "regions", regions)
        object.__setattr__(self, "fingerprint", fingerprint)
        object.__setattr__(self, "sketch", sketch)
        object.__setattr__(self, "agreement", agreement)
        object.__setattr__(self, "clock_ms", clock_ms)


def content_fingerprint(item: WireItem) -> str:
    """Hash of what a reader sees; whitespace and case do not make a new story."""
    text = " ".join((item.headline + "\n" + item.body).split()).casefold()
    return hashlib.sha256(f"{item.pubstatus}\n{text}".encode()).hexdigest()[:32]


def _fingerprint(item: WireItem, sketch: Sketch, words: list[bytes] | None = None) -> str:
    """Like :func:`content_fingerprint` (punctuation, furniture aside), from work already done
    (``words``: the headline's :func:`tokens`, when the caller has them)."""
    head = b" ".join(tokens(item.headline) if words is None else words)
    data = b"%s\0%s\0%s" % (item.pubstatus.encode(), head, sketch.digest.encode())
    return hashlib.blake2b(data, digest_size=8).hexdigest()


@lru_cache(maxsize=4096)
def story_id(uri: str) -> str:
    """48 bits of the uri: short keys and posting entries, collisions checked against ``u``.

    Cached: stage 2 asks for an item's id four or five times (prefetch, decide, remember)."""
    return hashlib.blake2b(uri.encode(), digest_size=6).hexdigest()


def agreement_keys(item: WireItem, head: list[bytes] | None = None) -> list[int]:
    """Slug and story number (even hashes), headline (odd hash): equal keys, same story.

    Both are kept in one small list; parity tells the strong keys from the headline, which
    needs more textual overlap to count (:attr:`DedupConfig.headline_jaccard`). ``head``: the
    whole headline's :func:`tokens`, when the caller has them: they are the words of a
    headline without a desk prefix (most), which is not tokenised again.
    """
    keys = [
        zlib.crc32(f"{a.role}\0{' '.join(a.value.casefold().split())}".encode()) & ~1
        for a in item.altids
        if a.role in ("slug", "storynumber") and a.value.strip()
    ]
    headline = without_desk_prefix(item.headline)
    words = head if head is not None and headline == item.headline else tokens(headline)
    if words:
        keys.append(zlib.crc32(b"hl\0" + b" ".join(words)) | 1)
    return keys


def _agreement(mine: set[int], theirs: list[int]) -> int:
    """0: nothing agrees; 1: only the headline; 2: slug or story number."""
    shared = mine.intersection(theirs)
    if not shared:
        return 0
    return 2 if any(k & 1 == 0 for k in shared) else 1


@dataclass(slots=True)
class _Lookup:
    """A candidate lookup, valid while none of its query keys' posting lists changes."""

    sketch: Sketch
    index: StoryIndex
    version: int
    #: ``looked`` as a set, for ``StoryIndex.unchanged`` once the index moved past
    #: ``version``; ``None`` until then (:meth:`Deduper._lookup` builds it on first need).
    keys: frozenset[int] | None
    candidates: list[str]
    #: The keys looked up: the item's ``LOOKUP`` smallest, or all its ``QUERY`` when those
    #: found no candidate (:meth:`Deduper._lookup`); the flood's count reads the same.
    looked: U32
    #: The flood's second chance (:meth:`Deduper._flood_candidates`), when the compiled
    #: count gave it with the candidates; ``None``: counted when needed.
    flooded: list[str] | None = None

    def __init__(
        self,
        sketch: Sketch,
        index: StoryIndex,
        version: int,
        keys: frozenset[int] | None,
        candidates: list[str],
        looked: U32,
        flooded: list[str] | None = None,
    ) -> None:
        """Written out, not generated: the compiled core runs a generated ``__init__``
        interpreted (about 2 k instructions a call); this one is compiled. The fields'
        order and defaults, checked by
        ``tests/unit/core/test_dataclass_inits.py``; bench/README.md, session 26."""
        self.sketch = sketch
        self.index = index
        self.version = version
        self.keys = keys
        self.candidates = candidates
        self.looked = looked
        self.flooded = flooded


class Deduper:
    """Decides from the store (:meth:`decide`), writes it after delivery (:meth:`remember`).

    ``now_ms`` is event time, so replaying a topic gives the same decisions.
    """

    def __init__(
        self,
        store: DedupStore,
        window_ms: int = DEFAULT_WINDOW_MS,
        config: DedupConfig | None = None,
    ) -> None:
        self.store = store
        self.window_ms = window_ms
        self.config = config or DedupConfig()
        self._last: tuple[WireItem, Features] | None = None
        self._index: StoryIndex | None = None
        #: Candidate lookups by sketch (prefetch looks up a batch, then each decide its item):
        #: the sketch, the index and its version then, the query keys and the candidates.
        self._memo: dict[int, _Lookup] = {}
        #: Story records of partitions other workers own (their changelog, via the shell).
        self.remote = RemoteStories()
        #: The latest event time decided (ms), or ``None`` before the first: the shell reads
        #: other partitions' changelogs from a window before it, not before the wall clock.
        self.latest_ms: int | None = None

    # -- the derived index --------------------------------------------------------------------
    @property
    def index(self) -> StoryIndex:
        """The candidate index and buckets, built from the store's records on first use."""
        index = self._index
        if index is None:
            # Kept only once built: a rebuild that fails (the store unreadable) is tried again
            # at the next use, instead of leaving an empty index that finds no near-copies.
            index = StoryIndex(self.config.posting_cap)
            index.rebuild(self._all_records(), INDEX)
            if index.skipped:
                log.warning(
                    "dedup index rebuilt without %d unreadable story records", index.skipped
                )
            self._index = index
        return index

    def invalidate(self) -> None:
        """The store changed other than through this deduper (a partition assigned or
        recovered, a batch's writes discarded): rebuild the index from it before next use."""
        self._index = None

    def _all_records(self) -> Iterator[tuple[str, Any]]:
        """The store's story records, then the remote ones (a remote record wins: a store
        can still hold a partition this worker no longer owns)."""
        remote = self.remote
        for key, record in self.store.scan():
            if remote and key.startswith("s:") and _sid(key) in remote:
                continue
            yield key, record
        for sid, record in remote.items():
            yield "s:" + sid_str(sid), record

    # -- other partitions' stories ------------------------------------------------------------
    def observe(self, source: int, key: str, record: Any) -> None:
        """A story record of partition ``source``, owned by another worker (``None``: its
        tombstone), as its changelog delivers it: indexed with this worker's own stories, so
        a near copy is found whichever partition holds its original. Other keys are ignored.
        """
        if not key.startswith("s:") or (sid := _sid(key)) is None:
            return
        old = self.remote.pop(sid)
        index = self._index
        new_keys: list[int] = []
        if isinstance(record, dict):
            try:
                new_keys = posted_keys(unpack(record["k"]), record.get(POSTED), INDEX).tolist()
                bucket = int(record["b"])
                int(record["t"])
                if not isinstance(record["u"], str):
                    raise TypeError("uri")
            except (KeyError, TypeError, ValueError, binascii.Error):
                record = None  # unreadable: left out, as a rebuild leaves it out
        if index is not None and old is not None:
            gone = set(posted_keys(unpack(old["k"]), old.get(POSTED), INDEX).tolist())
            for value in gone - set(new_keys):
                index.unpost(value, sid)
        if not isinstance(record, dict):
            return
        # Only what deciding against it reads: a quarter less memory per remote story.
        record = {name: record[name] for name in _REMOTE_FIELDS if name in record}
        self.remote.put(source, sid, record)
        if index is not None:
            for value in new_keys:
                index.post(value, sid)
            if record.get(POSTED) is not None:
                index.spill(new_keys, sid)
            index.file(bucket, sid)

    def drop_source(self, source: int) -> None:
        """Partition ``source`` is now this worker's own: its stories come from the store."""
        if self.remote.drop(source):
            self.invalidate()

    # -- features -----------------------------------------------------------------------------
    def features(self, item: WireItem | Features, clock_ms: int | None = None) -> Features:
        """What dedup reads of ``item`` (the last item's is kept for ``remember``)."""
        if isinstance(item, Features):
            return item
        last = self._last
        if last is not None and last[0] is item:
            return last[1]
        cfg = self.config
        text = item.body if item.bodies else item.headline
        sketch = sketch_text(text, cfg.shingle, cfg.sketch_size)
        head = tokens(item.headline)  # the fingerprint's and the agreement key's words
        out = Features(
            uri=item.uri,
            version=item.version,
            pubstatus=item.pubstatus,
            revises=bool(REVISION_SIGNALS.intersection(item.ext.signals)),
            regions=tuple(item.ext.regions),
            fingerprint=item.ext.fingerprint or _fingerprint(item, sketch, head),
            sketch=sketch,
            agreement=tuple(agreement_keys(item, head)),
            clock_ms=clock_ms,
        )
        self._last = (item, out)
        return out

    # -- reading ----------------------------------------------------------------------------
    def prefetch(self, items: Sequence[Features]) -> None:
        """Read every story record a batch's decisions will look at, in one ``get_many``:
        each item's own and its candidates' (the in-batch stories are in the overlay), and
        the flood's second chance when the compiled count gave it (at most ``max_flood``)."""
        keys: list[str] = []
        remote = self.remote if self.remote else None  # tested once, not per candidate
        self._memo.clear()
        for f in items:
            own = story_id(f.uri)
            keys.append("s:" + own)
            lookup = self._lookup(f.sketch, own)
            keys.extend(
                "s:" + sid
                for sid in chain(lookup.candidates, lookup.flooded or ())
                if not (remote is not None and sid_int(sid) in remote)
            )
        if keys:
            self.store.get_many(keys)

    def decide(self, item: WireItem | Features, now_ms: int) -> Decision:
        f = self.features(item)
        if self.latest_ms is None or now_ms > self.latest_ms:
            self.latest_ms = now_ms
        record = self._story(f.uri, remote=False)
        if record is not None and now_ms - record["t"] <= self.window_ms:
            return self._same_uri(f, record)
        return self._near(f, now_ms)

    def _story(self, uri: str, remote: bool = True) -> dict[str, Any] | None:
        """The story of ``uri``; ``remote=False`` for the item's own uri, which lives on a
        partition this worker owns: a remote copy of it is stale (a partition just taken
        over) and trimmed to what near matches read."""
        sid = story_id(uri)
        record: dict[str, Any] | None = self.store.get("s:" + sid)
        if record is None and remote and self.remote:
            record = self.remote.get(sid_int(sid))  # a near match's original, elsewhere
        return record if record is not None and record["u"] == uri else None

    def _same_uri(self, item: Features, record: dict[str, Any]) -> Decision:
        fp, sketch = item.fingerprint, item.sketch
        uri = item.uri
        if item.pubstatus == "canceled" and not record.get("x"):
            # A kill at any version (even one below a later correction's) reaches the desks.
            return Decision("update", update_of=uri, regions=tuple(record.get("r", ())))
        if item.version < record["v"]:
            ov = overlap(hashes(sketch.mins), packed_hashes(record["k"]), self.config.sketch_size)
            similarity = _r(ov.jaccard)
            return Decision("duplicate", duplicate_of=uri, similarity=similarity)
        if item.version == record["v"] and fp == record["f"]:
            return Decision("duplicate", duplicate_of=uri, similarity=1.0)
        return Decision("update", update_of=uri)

    def _near(self, item: Features, now_ms: int) -> Decision:
        # A candidate's record, from another partition's stories or from the store; whether
        # there are remote stories at all is tested once.
        remote = self.remote if self.remote else None
        get = self.store.get
        window = self.window_ms
        records: list[dict[str, Any]] = []
        lookup = self._lookup(item.sketch, story_id(item.uri))
        for sid in lookup.candidates:
            record = remote.get(sid_int(sid)) if remote is not None else None
            if record is None:
                record = get("s:" + sid)
            if record is None or now_ms - record["t"] > window:
                continue
            records.append(record)
        canceled = item.pubstatus == "canceled"
        chosen: _Chosen = (None, None, None)
        if records:
            chosen = self._weigh_any(item, records)
        duplicate, update, related = chosen
        if duplicate is None and not canceled and (flooded := self._flooded(item, now_ms, lookup)):
            # Second chance (a flood filled the posting lists): a duplicate only.
            found = self._weigh_any(item, flooded)[0]
            if found is not None:
                records, duplicate = flooded, found
        if duplicate is not None:
            return Decision(
                "duplicate",
                duplicate_of=records[duplicate[1]]["u"],
                similarity=_r(duplicate[0]),
            )
        if update is not None:
            uri: str = records[update[1]]["u"]
            regions: tuple[str, ...] = ()
            if canceled:
                original = self._story(uri)
                regions = tuple(original.get("r", ())) if original else ()
            return Decision("update", update_of=uri, similarity=_r(update[0]), regions=regions)
        if related is not None:
            return Decision(
                "routed", related_to=records[related[1]]["u"], similarity=_r(related[0])
            )
        return Decision("routed")

    def _flooded(self, item: Features, now_ms: int, lookup: _Lookup) -> list[dict[str, Any]]:
        """The records of :meth:`_flood_candidates` and :meth:`_late_candidates` (less the
        candidates of ``lookup``, the item's) in the window."""
        own = story_id(item.uri)
        sids = lookup.flooded
        if sids is None:
            sids = self._flood_candidates(item.sketch, own, lookup.candidates, lookup.looked)
        late = self._late_candidates(item.sketch, own, lookup, sids)
        if late:
            sids = [*sids, *late]
        if not sids:
            return []
        remote = self.remote if self.remote else None
        out: list[dict[str, Any]] = []
        for sid in sids:
            record = remote.get(sid_int(sid)) if remote is not None else None
            if record is None:
                record = self.store.get("s:" + sid)
            if record is None or now_ms - record["t"] > self.window_ms:
                continue
            out.append(record)
        return out

    def _weigh_any(self, item: Features, records: list[dict[str, Any]]) -> _Chosen:
        """:meth:`_weigh`, compiled when the native core is there and reads every record."""
        native = _native_near(self.config)
        weighed = (
            None
            if native is None
            else native.weigh(
                item.sketch.mins,
                item.sketch.facts,
                item.agreement,
                namespace_of(item.uri),
                item.pubstatus == "canceled",
                item.revises,
                records,
            )
        )
        # No compiled core, or a record it leaves to the reference: the Python loop.
        return self._weigh(item, records) if weighed is None else weighed

    def _weigh(self, item: Features, records: list[dict[str, Any]]) -> _Chosen:
        """The best duplicate, update and related story among ``records`` (the candidates in
        the window), each as ``(score, position)``: the reference of the compiled
        ``NearDecider.weigh`` (``native/src/dedup.rs``), which must choose the same."""
        cfg = self.config
        namespace = namespace_of(item.uri)
        agree = set(item.agreement)
        canceled = item.pubstatus == "canceled"
        # The agency's own write-through (UPDATE 2-, writethru, CORRECTED-) adds to its story
        # even when the added text is short enough to pass as a trimmed copy elsewhere.
        revises = item.revises
        duplicate: tuple[float, int] | None = None
        update: tuple[float, int] | None = None
        related: tuple[float, int] | None = None
        # The item's side of every comparison, as Python values.
        mine, my_facts = hashes(item.sketch.mins), facts(item.sketch.facts)
        for at, record in enumerate(records):
            ov = overlap(mine, packed_hashes(record["k"]), cfg.sketch_size)
            uri: str = record["u"]
            if (
                ov.jaccard >= cfg.duplicate_jaccard
                and not canceled
                and same_facts(my_facts, packed_facts(record["d"]))
            ):
                if duplicate is None or ov.jaccard > duplicate[0]:
                    duplicate = (ov.jaccard, at)
            elif (copy := self._copy(my_facts, record, ov)) is not None:
                own_revision = revises and namespace_of(uri) == namespace
                if copy == "duplicate" and not canceled and not own_revision:
                    if duplicate is None or ov.contained > duplicate[0]:
                        duplicate = (ov.contained, at)
                elif canceled and namespace_of(uri) != namespace:
                    # Copies cross sources, kills do not: another source's copy of a story
                    # can never cancel it (issue #15), so it is at most related.
                    share = max(ov.contained, ov.contains)
                    if related is None or share > related[0]:
                        related = (share, at)
                else:
                    share = max(ov.contained, ov.contains)
                    if update is None or share > update[0]:
                        update = (share, at)
            elif (
                ov.jaccard >= cfg.update_jaccard
                and namespace_of(uri) == namespace  # only a story's own source updates it
                and not _teaser(ov, cfg)
                and (
                    (level := _agreement(agree, record["a"])) == 2
                    or (level == 1 and ov.jaccard >= cfg.headline_jaccard)
                )
            ):
                if update is None or ov.jaccard > update[0]:
                    update = (ov.jaccard, at)
            else:
                share = _containment(ov.contained, ov.left, ov.contains, ov.right, cfg.copy_samples)
                if share >= cfg.related_containment and (related is None or share > related[0]):
                    related = (share, at)
        return duplicate, update, related

    def _copy(self, mine: Facts, record: dict[str, Any], ov: Overlap) -> Status | None:
        """The same copy as a known story (republished, trimmed, added to)? How it relates.

        Enough of the shorter text inside the longer one makes a copy, unless most figures
        were swapped (a same-template report), which needs far more shared text. A copy that
        adds no fact and little text is a duplicate; one that adds text or facts an update. A
        cut loses fact words with the paragraphs it drops; a whole copy that loses one ("four"
        became "six", and "six" was already there) changed a fact: an update.
        """
        cfg = self.config
        share = _containment(ov.contained, ov.left, ov.contains, ov.right, cfg.copy_samples)
        if share < cfg.copy_containment:
            return None
        change = facts_change(mine, packed_facts(record["d"]))
        swapped = change.new_figures >= cfg.swapped_figures and (
            change.figure_share < cfg.swapped_share
            or (change.new_figures >= cfg.many_figures and change.figure_share < cfg.many_share)
        )
        if swapped and share < cfg.swapped_containment:
            return None
        whole = ov.contains >= cfg.teaser_containment  # not a cut: keeps most of the story
        if (
            ov.left >= cfg.copy_samples
            and ov.contained >= cfg.duplicate_contained
            and not change.adds
            and not (whole and change.lost_words)
        ):
            return "duplicate"
        return "update"

    def _candidates(self, sketch: Sketch, own: str) -> list[str]:
        """The candidates of :meth:`_lookup`."""
        return self._lookup(sketch, own).candidates

    def _lookup(self, sketch: Sketch, own: str) -> _Lookup:
        """The item's candidates (memoised while their lists do not change): stories sharing
        one of the item's smallest hashes, most shared first.

        A full posting list marks a common phrase ("said in a statement on"): it says little
        about any one pair, so it is skipped; a real copy shares most of its other keys. Stories
        sharing a single key are mostly chance (stock phrases below the cap), yet a teaser may
        share only one with its story: at most ``max_single`` of them are verified. The
        looked-up hashes past the posted ``INDEX`` find copies that added text, which share
        several: a single hit among them alone is chance and is not verified. A story whose
        every list is full is still found as a duplicate: :meth:`_flood_candidates`.

        The item's ``LOOKUP`` smallest hashes are looked up first; all its ``QUERY`` only when
        those find no candidate. A story whose first ``INDEX`` lists were full is posted under
        its next open ones among its ``QUERY`` smallest (``StoryIndex.post_open``), and its
        republication, whose first lists are the same full ones, finds nothing before them.
        Counting all ``QUERY`` keys for every item instead made 37 more of the bench traffic's
        template siblings (different stories of one template) candidates and updates of each
        other (162 -> 192 updates, every one of the 37 new ones a sibling; ``bench/README.md``,
        "Session 26").
        """
        index = self.index
        memo = self._memo.get(id(sketch))
        if memo is not None and memo.sketch is sketch and memo.index is index:
            # At the same version the lookup holds without reading its keys (``unchanged``
            # answers so too): their set is built only once the index moved, not for every
            # item looked up (bench/README.md, session 31, hperf79).
            if memo.version == index.version:
                return memo
            keys = memo.keys
            if keys is None:
                keys = memo.keys = frozenset(memo.looked.tolist())
            if index.unchanged(memo.version, keys):
                return memo
        version = index.version
        looked = sketch.lookup_keys
        out, flooded = self._look(looked, own)
        if not out and sketch.mins.size > LOOKUP:
            looked = sketch.query_keys
            out, flooded = self._look(looked, own)
        if len(self._memo) >= _MEMO_AT:
            self._memo.clear()
        memo = self._memo[id(sketch)] = _Lookup(sketch, index, version, None, out, looked, flooded)
        return memo

    def _look(self, keys: U32, own: str) -> tuple[list[str], list[str] | None]:
        """The candidates among the stories listed under ``keys``, and the flood's second
        chance when the compiled count gives it with them (else ``None``)."""
        cfg = self.config
        native = _native_near(cfg)
        if native is not None and hasattr(native, "lookup"):
            # The candidates and the flood's second chance from one reading of the lists.
            posted, ids, dead, recent = self.index.postings()
            both = native.lookup(
                posted,
                ids,
                dead,
                recent,
                keys,
                sid_int(own),
                INDEX,
                cfg.max_single,
                cfg.max_candidates,
                cfg.flood_shared,
                cfg.max_flood,
            )
            if both is not None:
                out, flooded = both
                return out, flooded
        elif native is not None:
            posted, ids, dead, recent = self.index.postings()
            got: list[str] | None = native.candidates(
                posted,
                ids,
                dead,
                recent,
                keys,
                sid_int(own),
                INDEX,
                cfg.max_single,
                cfg.max_candidates,
            )
            if got is not None:
                return got, None
        return self._count_over(keys, own), None

    def _count_candidates(self, sketch: Sketch, own: str) -> list[str]:
        """The candidates of :meth:`_candidates`, counted in Python: over the item's
        ``LOOKUP`` smallest hashes, or all its ``QUERY`` when those find none."""
        out = self._count_over(sketch.lookup_keys, own)
        if not out and sketch.mins.size > LOOKUP:
            out = self._count_over(sketch.query_keys, own)
        return out

    def _late_candidates(
        self, sketch: Sketch, own: str, lookup: _Lookup, skip: Sequence[str] = ()
    ) -> list[str]:
        """Stories posted past their first keys (``StoryIndex.spilled``) sharing at least
        :data:`_LATE_SHARED` of the item's query keys past the ``LOOKUP`` it looked up (full
        lists counted), most
        shared first, at most ``max_flood`` of them not among its candidates or ``skip``; none
        when it looked up all of them. Like the flood's, :meth:`_near` asks for these only
        when no duplicate was found, and takes only a duplicate from them.

        A story whose first ``LOOKUP`` lists were all closed to it is posted past them
        (``StoryIndex.post_open``). The stories that filled those lists came before it and
        leave the window before it: once some are evicted, their lists are open again, their
        remaining members are candidates of the first lookup, and the keys that alone hold
        the story were not looked up: its republication was routed as new (session 26,
        hrev26b; ``test_posted.py``). Taking only a duplicate keeps the template siblings
        that sharing those keys made updates of each other apart (``_lookup``). Only such
        stories are counted, from ``StoryIndex.spilled`` (few: no search of the posting
        arrays)."""
        query = sketch.query_keys
        start = lookup.looked.size
        cfg = self.config
        if start >= query.size or cfg.max_flood <= 0:
            return []
        spilled = self.index.spilled
        if not spilled:
            return []
        shared: Counter[int] = Counter()
        for key in query[start:].tolist():
            sids = spilled.get(key)
            if sids:
                shared.update(sids)
        if not shared:
            return []  # no story posted past its first keys under these: none hides
        for sid in (own, *lookup.candidates, *skip):
            shared.pop(sid_int(sid), None)
        picked = [sid for sid, n in shared.items() if n >= _LATE_SHARED]
        picked.sort(key=shared.__getitem__, reverse=True)  # stable: ties in first-seen order
        return [sid_str(sid) for sid in picked[: cfg.max_flood]]

    def _count_over(self, keys: U32, own: str) -> list[str]:
        """The candidates among the stories listed under ``keys``, counted in Python: the
        reference of the compiled ``NearDecider.candidates`` (``native/src/dedup.rs``)."""
        cfg = self.config
        cap = cfg.posting_cap
        lists = [ids if ids and len(ids) < cap else None for ids in self.index.members_of(keys)]
        # Counted at C speed (Counter's counting loop), in first-seen order like the loop it
        # replaced: the sort below is stable, so ties keep that order.
        shared = Counter(chain.from_iterable(ids for ids in lists if ids is not None))
        shared.pop(sid_int(own), None)
        strong = [sid for sid, n in shared.items() if n > 1]
        strong.sort(key=shared.__getitem__, reverse=True)
        weak: list[int] = []
        if len(strong) < len(shared):
            first = set(chain.from_iterable(ids for ids in lists[:INDEX] if ids is not None))
            weak = [sid for sid, n in shared.items() if n == 1 and sid in first][: cfg.max_single]
        return [sid_str(sid) for sid in (strong + weak)[: cfg.max_candidates]]

    def _flood_candidates(
        self, sketch: Sketch, own: str, skip: Sequence[str] = (), keys: U32 | None = None
    ) -> list[str]:
        """A second chance after a flood: stories sharing at least ``flood_shared`` of the
        item's query keys, full posting lists counted too, most shared first, at most
        ``max_flood`` of them not in ``skip`` (the candidates already weighed); none unless
        one of the item's lists is full.

        A full list (``posting_cap`` stories joined it) is left out of :meth:`_candidates`:
        mostly a stock phrase. But ``cap`` near copies of a story that are not duplicates
        (updates, write-ups sharing its lead, a hostile producer) fill every list the story
        is posted under, and a later republication of the story would not find it. The index
        keeps at most ``cap`` stories a list, so this counts at most ``QUERY * cap`` ids. A
        copy shares most of the story's posted keys, a stock phrase one or two (real dev
        set: write-ups share at most 5 of their original's 12, all but one at most 3).
        :meth:`_near` asks for these only when no duplicate was found, and takes only a
        duplicate from them.
        """
        cfg = self.config
        if cfg.flood_shared <= 0 or cfg.max_flood <= 0:
            return []
        if keys is None:
            keys = sketch.query_keys
        native = _native_near(cfg)
        if native is not None and hasattr(native, "flooded"):
            posted, ids, dead, recent = self.index.postings()
            out: list[str] | None = native.flooded(
                posted,
                ids,
                dead,
                recent,
                keys,
                sid_int(own),
                [sid_int(sid) for sid in skip],
                cfg.flood_shared,
                cfg.max_flood,
            )
            if out is not None:
                return out
        return self._count_flooded(sketch, own, skip, keys)

    def _count_flooded(
        self, sketch: Sketch, own: str, skip: Sequence[str] = (), keys: U32 | None = None
    ) -> list[str]:
        """:meth:`_flood_candidates` counted in Python: the reference of the compiled
        ``NearDecider.flooded`` (``native/src/dedup.rs``)."""
        cfg = self.config
        found = self.index.members_of(sketch.query_keys if keys is None else keys)
        if not any(len(ids) >= cfg.posting_cap for ids in found):
            return []
        shared = Counter(chain.from_iterable(found))
        for sid in (own, *skip):
            shared.pop(sid_int(sid), None)
        picked = [sid for sid, n in shared.items() if n >= cfg.flood_shared]
        picked.sort(key=shared.__getitem__, reverse=True)  # stable: ties in first-seen order
        return [sid_str(sid) for sid in picked[: cfg.max_flood]]

    # -- writing ----------------------------------------------------------------------------
    def remember(
        self,
        item: WireItem | Features,
        decision: Decision,
        now_ms: int,
        regions: Sequence[str] | None = None,
    ) -> None:
        """Record a routed or updated story; duplicates leave no state.

        ``regions`` are the ones the item was routed to (a kill's include its original's);
        by default a :class:`WireItem`'s current ones, or the features'.
        """
        if decision.status in ("duplicate", "dead-letter"):
            return
        f = self.features(item)
        if regions is None:
            regions = item.ext.regions if isinstance(item, WireItem) else f.regions
        index = self.index
        sketch = f.sketch
        sid = story_id(f.uri)
        num = sid_int(sid)
        bucket = now_ms // self.config.bucket_ms
        old = self._story(f.uri, remote=False)
        # Its INDEX smallest hashes, or when all their lists are full (and hold not it) the
        # next of its query keys whose lists are open: every story is posted if it can be.
        query = sketch.query_keys
        native = _native_near(self.config)
        plan = None
        if native is not None and hasattr(native, "post_plan"):
            posted, ids, dead, recent = index.postings()
            plan = native.post_plan(posted, ids, dead, recent, query, num, INDEX, index.cap)
        if plan is None:
            mask = index.post_open(query, num, INDEX)
        else:
            mask = index.post_planned(query, num, plan[0], plan[1], INDEX)
        if old is not None:
            now_posted = set(posted_keys(query, mask, INDEX).tolist())
            for key in set(posted_keys(unpack(old["k"]), old.get(POSTED), INDEX).tolist()):
                if key not in now_posted:
                    index.unpost(key, num)
        routed = list(regions) or ["unlocated"]
        record: dict[str, Any] = {
            "u": f.uri,
            "t": now_ms,
            "b": bucket,
            # A kill may carry a lower version than a correction already seen.
            "v": max(f.version, old["v"]) if old is not None else f.version,
            # Regions routed so far (a later kill goes to all of them) and whether killed.
            "r": sorted(set(routed).union(old.get("r", ()) if old is not None else ())),
            "x": f.pubstatus == "canceled",
            "f": f.fingerprint,
            "k": pack(sketch.mins),
            "n": sketch.count,
            "d": pack(sketch.facts),
            "a": list(f.agreement),
        }
        if mask != default_mask(query.size, INDEX):
            record[POSTED] = mask  # absent: its first INDEX keys (most stories, older records)
        self.store.set("s:" + sid, record)
        index.file(bucket, num)

    # -- eviction ---------------------------------------------------------------------------
    def evict(self, now_ms: int, future_ms: int | None = None) -> int:
        """Drop every story whose bucket lies wholly outside the window; returns how many.

        The shell calls this periodically with the current event time. Cost is one read per
        story evicted (one ``get_many`` in all), never a scan of the store. With
        ``future_ms``, buckets starting more than that after ``now_ms`` are dropped as well:
        event times are clamped near their record's time, so such a bucket was written before
        the clamp (one ``9999-12-31`` item) and would otherwise match forever.
        """
        index = self.index
        cutoff = now_ms - self.window_ms
        size = self.config.bucket_ms
        horizon = None if future_ms is None else now_ms + future_ms
        expired = sorted(
            b
            for b in index.buckets
            if (b + 1) * size <= cutoff or (horizon is not None and b * size > horizon)
        )
        removed = 0
        remote = self.remote
        for bucket in expired:
            sids = index.take_bucket(bucket)
            if remote:
                # Another partition's story leaves memory only: its owner deletes it, and
                # the tombstone that follows finds nothing left here.
                local = []
                for sid in sids:
                    held = remote.get(sid)
                    if held is None:
                        local.append(sid)
                    elif held["b"] == bucket:
                        remote.pop(sid)
                        posted = posted_keys(unpack(held["k"]), held.get(POSTED), INDEX)
                        for value in posted.tolist():
                            index.unpost(value, sid)
                sids = local
            keys = ["s:" + sid_str(sid) for sid in sids]
            for sid, key, record in zip(sids, keys, self.store.get_many(keys), strict=True):
                if record is None or record["b"] != bucket:
                    continue  # refreshed by an update: it lives in another bucket now
                posted = posted_keys(unpack(record["k"]), record.get(POSTED), INDEX)
                for value in posted.tolist():
                    index.unpost(value, sid)
                self.store.delete(key)
                removed += 1
        return removed


#: Keys past ``LOOKUP`` (``QUERY - LOOKUP`` = 8) a story posted past its first keys shares
#: with an item for :meth:`Deduper._late_candidates`: half of them. Bench traffic
#: (``dedup_cpu.py``), 5,002 items: with 2, 1,257 items asked 2,243 more records; 3: 359 /
#: 452; 4: 78 / 91, each finding the one cross-source copy (gpn-3836, routed before as
#: related to a template sibling); 5 lost it. No other decision changed with any.
_LATE_SHARED = 4


def _by_identity(
    decider_of: Callable[[DedupConfig], NearDecider | None],
) -> Callable[[DedupConfig], NearDecider | None]:
    """``decider_of`` asked once per config object, then answered by the object's identity.

    ``lru_cache`` keys by hash and equality, and ``DedupConfig``'s generated ``__hash__`` and
    ``__eq__`` run interpreted over its twenty-odd fields: about 60 M instructions per 1,000
    items (2.5 k calls; bench/README.md, session 26, hperf57). A deduper keeps one config, so
    an identity hit is the rule; a config equal to a cached one still gets that one's decider
    from the ``lru_cache`` behind. The wrapper is a decorated module attribute, so compiled
    callers still call through ``_native_near`` and the tests' patches of it still work."""
    seen: dict[int, tuple[DedupConfig, NearDecider | None]] = {}

    def by_identity(config: DedupConfig) -> NearDecider | None:
        hit = seen.get(id(config))
        if hit is not None and hit[0] is config:
            return hit[1]
        decider = decider_of(config)
        if len(seen) >= 8:
            seen.clear()
        seen[id(config)] = (config, decider)  # kept alive while cached: its id stays its own
        return decider

    return by_identity


@_by_identity
@lru_cache(maxsize=8)
def _native_near(config: DedupConfig) -> NearDecider | None:
    """The compiled near-copy decision (``native/src/dedup.rs``) for ``config``, or None:
    not built (or built before it had one), or ``WIRE_NATIVE=0``; :meth:`Deduper._weigh`
    then decides, with the same results."""
    if os.environ.get("WIRE_NATIVE", "1") == "0":
        return None
    try:
        from wirestream_native import NearDecider
    except ImportError:
        return None
    values = [getattr(config, name) for name in _THRESHOLDS]
    sizes = (
        config.sketch_size,
        config.posting_cap,
        config.max_single,
        config.max_candidates,
        config.flood_shared,
        config.max_flood,
    )
    # It compares in doubles and takes sizes as unsigned: a threshold Python would compare
    # otherwise (a Decimal, an int past 2**53) or a size it would slice otherwise (a negative
    # max_candidates) is the Python path's, not an error or another decision.
    if not all(_as_double(v) for v in values) or not all(_as_size(n) for n in sizes):
        return None
    try:
        thresholds = [float(v) for v in values]
        return NearDecider(PREFIX, config.sketch_size, FACTS, config.posting_cap, thresholds)
    except (TypeError, ValueError, OverflowError):
        return None


def _as_double(value: object) -> bool:
    """Python compares ``value`` with a count or a ratio as a double does."""
    if isinstance(value, float):
        return True
    return isinstance(value, int) and abs(value) <= 2**53


def _as_size(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 2**63


def _sid(key: str) -> int | None:
    try:
        return sid_int(key[2:])
    except ValueError:
        return None


def _teaser(ov: Overlap, cfg: DedupConfig) -> bool:
    """The item is a cut of the known story (all of it inside, much of the story not in it)."""
    return (
        ov.left >= cfg.min_samples
        and ov.contained >= cfg.teaser_containment
        and ov.contains < cfg.teaser_containment
    )


def _containment(contained: float, left: int, contains: float, right: int, least: int) -> float:
    """The better-supported containment of either text in the other."""
    best = 0.0
    if left >= least:
        best = contained
    if right >= least:
        best = max(best, contains)
    return best


def _r(value: float) -> float:
    return round(value, 3)
