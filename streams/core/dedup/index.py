"""The candidate index and the eviction buckets: state derived from the story records.

Only story records (``s:<id>``) are stored and changelogged: one record per story, one
changelog record per changed story. Which stories are posted under a shingle hash, and which
fall in each event-time bucket, follow from those records (``k`` holds the sketch, ``b`` the
bucket), so they are kept here, in memory, and rebuilt from the store when a partition is
(re)assigned (:meth:`StoryIndex.rebuild`).

Compact on purpose: at a million stories a dict of Python lists would cost more than the
stories themselves. Postings are two numpy arrays sorted by hash (``uint32`` hash, ``uint64``
story id: 12 bytes an entry, ``INDEX`` = 12 entries a story: 144 bytes, 96 with the 8
posted before session 25) plus a small dict of recent postings merged into them in bulk
(:data:`_MERGE_AT`); buckets hold ``array('Q')`` of ids (8 bytes a story).
Little of it costs the cyclic collector anything: numpy arrays are not tracked, an ``array``
refers only to its type, a dict of them to them (recent postings as Python lists of ints were
tens of thousands of lists whose ints every full collection followed).

Semantics are the posting lists' the deduper always had: a story joins a list only while the
list holds fewer than ``cap`` stories, and stays in the order it joined. Which lists a story
is posted under is chosen when it is remembered (:meth:`StoryIndex.post_open`: its ``INDEX``
smallest hashes, or when all their lists are full the next of its ``QUERY`` smallest whose
lists are open) and kept in its record (:data:`POSTED`), so eviction, a remote copy and a
rebuild post or unpost the same keys.
"""

from __future__ import annotations

import base64
import binascii
from array import array
from collections.abc import Iterable
from typing import Any

import numpy as np
import numpy.typing as npt

#: Marks a removed entry of the sorted arrays (a 48-bit story id never reaches it).
_DEAD = np.uint64(2**64 - 1)
#: Recent postings (a dict of ``array('Q')``) are merged into the sorted arrays
#: past this many: a few MB at most, and a linear merge every few thousand stories.
_MERGE_AT = 1 << 15
#: Posting changes remembered for :meth:`StoryIndex.unchanged`; past this many the log is
#: dropped and older lookups count as stale (recomputed, never wrong).
_LOG_AT = 1 << 12


#: The story record field naming the keys a story is posted under: a bit mask of positions in
#: its sketch (bit ``i``: its ``i``-th smallest hash). Absent: its first ``width`` hashes (every
#: record written before the field, and every story with an open list among those).
#: No format version is needed across a change of ``width`` (``INDEX`` 8 -> 12, session 26):
#: a record is read only to build a process's own index, which posts and unposts it under
#: the keys this code reads from it, so an absent field written as "the first 8" is read as
#: "the first 12" (a superset: its story is found as before, under more keys) and a mask
#: names positions whatever ``width`` was. In a rolling upgrade an old worker reads a new
#: record without the field as its first 8, and a mask past position 15 as written.
POSTED = "p"


def posted_keys(mins: npt.NDArray[np.uint32], mask: Any, width: int) -> npt.NDArray[np.uint32]:
    """The hashes a story record is posted under: ``mins`` (its sketch) at the positions of
    ``mask`` (its :data:`POSTED` field), or its first ``width`` when ``mask`` is ``None``.
    A mask that is not a non-negative int below ``2**32`` raises ``ValueError``."""
    if mask is None:
        return mins[:width]
    if type(mask) is not int or not 0 <= mask < 1 << 32:
        raise ValueError(f"posted mask {mask!r}")
    positions = np.flatnonzero((mask >> np.arange(min(mins.size, 32))) & 1)
    return mins[positions]


def default_mask(size: int, width: int) -> int:
    """The mask of a story posted under its first ``width`` of ``size`` hashes (the rule
    before :data:`POSTED`; a record with it leaves the field out)."""
    return (1 << min(size, width)) - 1


def sid_int(sid: str) -> int:
    return int(sid, 16)


def sid_str(value: int) -> str:
    return f"{value:012x}"


class StoryIndex:
    """Posting lists (hash → story ids) and event-time buckets (bucket → story ids)."""

    def __init__(self, cap: int) -> None:
        self.cap = cap
        self._keys: npt.NDArray[np.uint32] = np.zeros(0, np.uint32)
        self._ids: npt.NDArray[np.uint64] = np.zeros(0, np.uint64)
        self._dead = 0
        self._recent: dict[int, array[int]] = {}
        self._recent_n = 0
        self.buckets: dict[int, array[int]] = {}
        #: Bumped by every change of a posting list: a lookup made at an equal version holds.
        self.version = 0
        #: The hash of each posting change since version ``_base`` (see :meth:`unchanged`).
        self._changes = array("Q")
        self._base = 0
        #: Records the last rebuild could not read and left out.
        self.skipped = 0
        #: Key -> the stories posted under it that were posted past their first ``width``
        #: keys (:meth:`post_open`'s fallback, or a record naming its keys), kept as the
        #: postings are (:meth:`unpost` takes them out). Only such a story can be listed
        #: under keys alone that a lookup skipped (``Deduper._late_candidates``): few, so
        #: counting them here costs no search of the posting arrays.
        self.spilled: dict[int, set[int]] = {}

    # -- postings ---------------------------------------------------------------------------
    def unchanged(self, version: int, keys: frozenset[int]) -> bool:
        """No posting list of ``keys`` changed since ``version``: a lookup of those keys made
        then still holds (a batch's candidates, looked up before its first story is posted)."""
        if version < self._base:
            return False
        return version == self.version or keys.isdisjoint(self._changes[version - self._base :])

    def _changed(self, key: int) -> None:
        self.version += 1
        changes = self._changes
        if len(changes) >= _LOG_AT:
            del changes[:]
            self._base = self.version
        else:
            changes.append(key)

    def members(self, key: int) -> list[int]:
        """Story ids posted under ``key``, oldest first."""
        out: list[int] = []
        keys = self._keys
        if keys.size:
            # A uint32 needle: a Python int would make numpy cast the whole array per call.
            needle = np.uint32(key)
            lo = int(np.searchsorted(keys, needle, "left"))
            if lo < keys.size and keys[lo] == needle:
                hi = int(np.searchsorted(keys, needle, "right"))
                ids = self._ids[lo:hi]
                out = ids[ids != _DEAD].tolist() if self._dead else ids.tolist()
        recent = self._recent.get(key)
        if recent:
            out.extend(recent)
        return out

    def members_of(self, keys: npt.NDArray[np.uint32]) -> list[list[int]]:
        """:meth:`members` of each of ``keys``: one search of the sorted arrays for all of
        them (a lookup per key cost most of a candidate search)."""
        listed = keys.tolist()
        out: list[list[int]] = [[] for _ in listed]
        arr = self._keys
        if arr.size and listed:
            lo = np.searchsorted(arr, keys, "left")
            hit = np.flatnonzero(arr[np.minimum(lo, arr.size - 1)] == keys)
            if hit.size:
                hi = np.searchsorted(arr, keys[hit], "right").tolist()
                for i, start, end in zip(hit.tolist(), lo[hit].tolist(), hi, strict=True):
                    ids = self._ids[start:end]
                    out[i] = ids[ids != _DEAD].tolist() if self._dead else ids.tolist()
        recent = self._recent
        if recent:
            for i, key in enumerate(listed):
                more = recent.get(key)
                if more:
                    out[i].extend(more)
        return out

    def postings(
        self,
    ) -> tuple[npt.NDArray[np.uint32], npt.NDArray[np.uint64], bool, dict[int, array[int]]]:
        """The posting state as the compiled candidate count reads it (``native/src/dedup.rs``,
        ``NearDecider.candidates``): the sorted hashes, their story ids, whether any entry
        is removed, the recent postings. Read, never changed, by the caller."""
        return self._keys, self._ids, self._dead > 0, self._recent

    def post(self, key: int, sid: int) -> None:
        self._post(key, sid, self.members(key))

    def post_many(self, keys: npt.NDArray[np.uint32], sid: int) -> None:
        """:meth:`post` of ``sid`` under each of ``keys`` (distinct): one search of the sorted
        arrays for all of them, as posting under one key leaves the others' lists alone."""
        listed = keys.tolist()
        if len(set(listed)) != len(listed):  # not a sketch's: one at a time, as post does
            for key in listed:
                self.post(key, sid)
            return
        for key, ids in zip(listed, self.members_of(keys), strict=True):
            self._post(key, sid, ids)

    def post_open(self, keys: npt.NDArray[np.uint32], sid: int, width: int) -> int:
        """Post ``sid`` under the first ``width`` of ``keys`` (distinct: a story's query keys),
        as :meth:`post_many` does, unless every one of their lists is closed to it (holds
        ``cap`` stories, not it): then under the first ``width`` of the others whose lists are
        open. Returns the positions posted under, as a :data:`POSTED` mask
        (:func:`default_mask` for the first ``width``).

        Posting under the first ``width`` keys alone left a story whose lists were all full
        (a stock opening, or a flood that came before it) in no list at all: a later
        republication could not find it. Its next smallest hashes are looked up by a
        republication too (``QUERY``). Only such a story moves: moving every story with a
        full list among its first (tried too) filled the later lists, so that more stories
        found no open list at all (bench traffic: 8 of 4,578 against 0; ``bench/README.md``,
        "Every story posted")."""
        listed = keys.tolist()
        # The first ``width`` lists alone: they are open for nearly every story, and the
        # others are read only when they are not (a list search a key, the most of this).
        first = self.members_of(keys[:width])
        if any(sid in ids or len(ids) < self.cap for ids in first):
            for key, ids in zip(listed[:width], first, strict=True):
                self._post(key, sid, ids)
            return default_mask(len(listed), width)
        rest = self.members_of(keys[width:])
        mask = 0
        taken = 0
        for i in range(width, len(listed)):
            if taken == width:
                break
            ids = rest[i - width]
            if sid in ids or len(ids) < self.cap:
                self._post(listed[i], sid, ids)
                self._spill(listed[i], sid)
                mask |= 1 << i
                taken += 1
        return mask

    def post_planned(
        self, keys: npt.NDArray[np.uint32], sid: int, post: int, mask: int, width: int
    ) -> int:
        """:meth:`post_open` with its reading of the lists done by the compiled core
        (``NearDecider.post_plan``, ``native/src/dedup.rs``): ``sid`` is appended to the lists
        of the positions in ``post`` (open, not holding it) and, when ``mask`` names keys past
        the first ``width``, noted as spilled under each of those, in key order as
        :meth:`post_open` does. Returns ``mask``. The lists are only counted there: reading
        them into Python lists to test one id and a length was most of ``post_open``'s
        cost (bench/README.md, session 29)."""
        spill = mask if mask >> width else 0
        todo = post | spill
        if not todo:
            return mask
        for i, key in enumerate(keys.tolist()):
            bit = 1 << i
            if post & bit:
                self._append(key, sid)
            if spill & bit:
                self._spill(key, sid)
            if todo < bit << 1:
                break
        return mask

    def _post(self, key: int, sid: int, ids: list[int]) -> None:
        if sid in ids or len(ids) >= self.cap:
            return  # a full list is a common phrase, no longer used for candidates
        self._append(key, sid)

    def _append(self, key: int, sid: int) -> None:
        """Add ``sid`` to the list of ``key`` (open, and not holding it)."""
        recent = self._recent.get(key)
        if recent is None:
            recent = self._recent[key] = array("Q")
        recent.append(sid)
        self._recent_n += 1
        self._changed(key)
        if self._recent_n > _MERGE_AT:
            self._merge()

    def _spill(self, key: int, sid: int) -> None:
        sids = self.spilled.get(key)
        if sids is None:
            sids = self.spilled[key] = set()
        sids.add(sid)

    def spill(self, keys: Iterable[int], sid: int) -> None:
        """Note ``sid`` as posted past its first keys under ``keys`` (another worker's record
        naming its keys: :attr:`spilled`)."""
        for key in keys:
            self._spill(key, sid)

    def unpost(self, key: int, sid: int) -> None:
        spilled = self.spilled.get(key)
        if spilled is not None:
            spilled.discard(sid)
            if not spilled:
                del self.spilled[key]
        recent = self._recent.get(key)
        if recent and sid in recent:
            recent.remove(sid)
            self._recent_n -= 1
            self._changed(key)
            if not recent:
                del self._recent[key]
            return
        keys, needle = self._keys, np.uint32(key)
        lo = int(np.searchsorted(keys, needle, "left"))
        hi = int(np.searchsorted(keys, needle, "right"))
        if lo < hi:
            hits = np.flatnonzero(self._ids[lo:hi] == np.uint64(sid))
            if hits.size:
                self._ids[lo + int(hits[0])] = _DEAD
                self._dead += 1
                self._changed(key)

    def _merge(self) -> None:
        """Move recent postings into the sorted arrays, dropping removed entries.

        Linear: only the recent part is sorted (stably, so each hash keeps its insertion
        order), then inserted after the equal hashes already there.
        """
        n = self._recent_n
        rk = np.empty(n, np.uint32)
        ri = np.empty(n, np.uint64)
        at = 0
        for key, members in self._recent.items():
            rk[at : at + len(members)] = key
            ri[at : at + len(members)] = members
            at += len(members)
        order = np.argsort(rk, kind="stable")
        rk, ri = rk[order], ri[order]
        keys, ids = self._keys, self._ids
        if self._dead:
            live = ids != _DEAD
            keys, ids = keys[live], ids[live]
        where = np.searchsorted(keys, rk, "right")
        self._keys, self._ids = np.insert(keys, where, rk), np.insert(ids, where, ri)
        self._recent, self._recent_n, self._dead = {}, 0, 0

    # -- buckets ----------------------------------------------------------------------------
    def file(self, bucket: int, sid: int) -> None:
        ids = self.buckets.get(bucket)
        if ids is None:
            ids = self.buckets[bucket] = array("Q")
        ids.append(sid)  # a repeat is harmless: eviction drops a story once

    def take_bucket(self, bucket: int) -> list[int]:
        """The ids filed under ``bucket`` (distinct, first filing order); forgets the bucket."""
        ids = self.buckets.pop(bucket, None)
        return list(dict.fromkeys(ids)) if ids else []

    # -- rebuilding ---------------------------------------------------------------------------
    def rebuild(self, records: Iterable[tuple[str, Any]], width: int) -> int:
        """Forget everything and index the story records of ``records`` (others are ignored).

        Stories are posted in the order they were remembered (``t``, then id), each under the
        keys its record names (:func:`posted_keys`: its :data:`POSTED` positions, else its
        ``width`` smallest hashes), a list taking at most ``cap`` of them: what posting them one
        by one gives, in one vectorised pass. As a story was posted live only under lists
        then open to it, this gives the live lists back unless eviction or an update
        reordered them. Returns the number of stories.
        """
        keys: list[npt.NDArray[np.uint32]] = []
        sids = array("Q")
        times = array("q")
        counts = array("I")
        self.buckets = {}
        self.skipped = 0
        self.spilled = {}
        for key, record in records:
            if not key.startswith("s:") or not isinstance(record, dict):
                continue
            try:
                sid = sid_int(key[2:])
                hashes = posted_keys(
                    np.frombuffer(base64.b64decode(record["k"]), "<u4"),
                    record.get(POSTED),
                    width,
                )
                when, bucket = int(record["t"]), int(record["b"])
            except (KeyError, TypeError, ValueError, binascii.Error):
                # A record this code cannot read (damaged, or another writer's) is left out
                # rather than leaving the whole index unbuilt; it is counted in ``skipped``.
                self.skipped += 1
                continue
            if record.get(POSTED) is not None:
                for value in hashes.tolist():
                    self._spill(value, sid)
            keys.append(hashes.astype(np.uint32))
            sids.append(sid)
            times.append(when)
            counts.append(hashes.size)
            self.file(bucket, sid)
        self._recent, self._recent_n, self._dead = {}, 0, 0
        self.version += 1
        self._changes, self._base = array("Q"), self.version
        if not sids:
            self._keys, self._ids = np.zeros(0, np.uint32), np.zeros(0, np.uint64)
            return 0
        sid_arr = np.frombuffer(sids, np.uint64)
        order = np.lexsort((sid_arr, np.frombuffer(times, np.int64)))
        per = np.frombuffer(counts, np.uint32).astype(np.int64)
        all_keys = np.concatenate([keys[i] for i in order])
        all_ids = np.repeat(sid_arr[order], per[order])
        by_key = np.argsort(all_keys, kind="stable")
        all_keys, all_ids = all_keys[by_key], all_ids[by_key]
        # Rank of each entry within its hash: entries past ``cap`` never joined the list.
        starts = np.r_[0, np.flatnonzero(all_keys[1:] != all_keys[:-1]) + 1]
        first = np.repeat(starts, np.diff(np.r_[starts, all_keys.size]))
        keep = np.arange(all_keys.size) - first < self.cap
        self._keys, self._ids = all_keys[keep], all_ids[keep]
        return len(sids)

    def nbytes(self) -> int:
        """Bytes held in arrays (the dicts' own overhead aside)."""
        held = self._keys.nbytes + self._ids.nbytes
        return held + sum(a.itemsize * len(a) for a in self.buckets.values())
