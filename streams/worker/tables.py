"""Faust tables behind the core's :class:`~streams.core.dedup.DedupStore` protocol."""

from __future__ import annotations

import contextlib
import weakref
from collections.abc import Awaitable, Callable, Iterator, Sequence
from typing import Any

import faust
from faust.models.base import Model
from faust.serializers.codecs import get_codec
from faust.serializers.codecs import json as JSONCodec
from faust.serializers.registry import Registry
from faust.stores.rocksdb import Store as RocksDBStore
from faust.streams import _current_event
from faust.tables.table import Table
from faust.utils import json as faust_json
from mode.utils.compat import want_bytes, want_str

from streams.core.dedup import DELETED, OverlayStore
from streams.kafka.changelog import key_partition
from streams.worker.delivery import settle

SendFn = Callable[..., Awaitable[Any]]


def dedup_table(app: faust.App, name: str, **kwargs: Any) -> Table:  # type: ignore[type-arg]
    """A Faust table written only through :class:`TableStore` (never ``table[key] = ...``)."""
    table: Table = Table(app, name=name, beacon=app.tables.beacon, **kwargs)  # type: ignore[type-arg]
    app.tables.add(table)
    return table


class TableStore:
    """Adapts a Faust table (changelog-backed, RocksDB in the worker) to ``DedupStore``.

    Writes go to the local store and straight to the producer, in the writing event's
    context: its partition is the changelog partition (a moved worker recovers exactly that
    state) and, in exactly-once mode, its transaction. Faust's own ``table[key] = value``
    queues each changelog record in a buffer drained one record per event-loop turn, and
    its consumer stops fetching for *every* agent while that buffer holds over 100 records;
    a batch of dedup writes stalled both stages on it.
    """

    def __init__(self, table: Table, send: SendFn) -> None:  # type: ignore[type-arg]
        self.table = table
        self._send = send
        #: Bumped each time Faust finishes recovering the table (a partition assigned, a
        #: restart, state rebuilt after a lost transaction): the derived index is stale.
        self.recoveries = 0
        #: The partitions this worker owns, when it may not own all (several partitions):
        #: a story of another one is forgotten locally, never tombstoned by this worker.
        self.owned: Callable[[], set[int]] | None = None
        table.on_recover(self._recovered)
        self._codec: StoreCodec | None = None

    async def _recovered(self) -> None:
        self.recoveries += 1

    def _codec_for(self, data: Any) -> StoreCodec:
        codec = self._codec
        if codec is None or codec.data is not data:
            codec = self._codec = StoreCodec(data)
        return codec

    def get(self, key: str) -> Any | None:
        # ``table.get`` asks the store ``key in data`` and then ``data[key]``: two RocksDB
        # lookups and two key encodings per read. One lookup, the same sensors.
        table = self.table
        table.on_key_get(key)
        try:
            return table.data[key]
        except KeyError:
            return None

    def get_many(self, keys: Sequence[str]) -> list[Any | None]:
        """One RocksDB multi-get per partition store for all of ``keys``.

        Faust's store has no multi-get of its own, so its databases (one per assigned
        partition; a story lives in its uri's partition) are asked directly, with the
        store's own key and value codecs. Other stores (memory: exactly-once mode) are read
        key by key, which there is a dict lookup.
        """
        data = self.table.data
        if not isinstance(data, RocksDBStore) or not data.use_rocksdict:
            return [self.get(k) for k in keys]
        found: dict[bytes, Any] = {}
        codec = self._codec_for(data)
        encoded = [codec.key(k) for k in keys]
        wanted = list(dict.fromkeys(encoded))
        decode = codec.decode
        for db in list(data._dbs.values()):
            if not wanted:
                break
            for raw, value in zip(wanted, db.get(wanted), strict=True):
                if value is not None:
                    found[raw] = decode(value)
            wanted = [raw for raw in wanted if raw not in found]
        return [found.get(raw) for raw in encoded]

    def _home(self, key: str) -> int | None:
        """The partition of the story record under ``key`` (its uri's), or None if the key
        holds no story record. Read outside any event: RocksDB would look only in the event's
        partition, where an eviction by another partition's event does not find it."""
        record = self.get_many([key])[0]
        uri = record.get("u") if isinstance(record, dict) else None
        if not isinstance(uri, str):
            return None
        return key_partition(uri.encode(), self.table.partitions or 1)

    def _delete_in(self, partition: int, key: str) -> None:
        data = self.table.data
        if isinstance(data, RocksDBStore):
            raw = data._encode_key(key)
            data._db_for_partition(partition).delete(raw)
            data._key_index.pop(raw, None)
        else:
            with contextlib.suppress(KeyError):
                del data[key]
            getattr(data, "_key_partition", {}).pop(key, None)

    def scan(self) -> Iterator[tuple[str, Any]]:
        """Every key and value of the table's assigned partitions (rebuilds only)."""
        yield from self.table.data.items()

    async def write(self, writes: Sequence[tuple[Any, str, Any]]) -> list[BaseException]:
        """Write ``(event, key, value)`` in order; wait for the changelog; return the failures.

        A value of :data:`DELETED` deletes the key (a tombstone in the changelog). Once
        acknowledged, the changelog offsets are recorded as Faust's own writes would be, so
        a restart replays only the changelog tail into RocksDB.
        """
        queued, failures = await self.queue(writes)
        return failures + await self.settled(queued)

    async def queue(
        self, writes: Sequence[tuple[Any, str, Any]]
    ) -> tuple[list[Any], list[BaseException]]:
        """:meth:`write` up to its wait: the local store written, every changelog record
        handed to the producer; their acknowledgements (futures) and the failures so far.
        :meth:`settled` waits for the acknowledgements."""
        table = self.table
        topic = table.changelog_topic
        name = topic.get_topic_name()
        data = table.data
        failures: list[BaseException] = []
        queued: list[Any] = []
        owned = self.owned() if self.owned is not None else None
        placed: dict[Any, int] | None = getattr(data, "_key_partition", None)
        if (table.partitions or 1) <= 1:
            placed = None  # one partition: always this worker's, nothing to drop
        rocks = self._codec_for(data) if _one_encoding(table, data) else None
        for origin, key, value in writes:
            if origin is None:  # a bug: not retriable, so the worker stops unacknowledged
                failures.append(RuntimeError(f"dedup state {key!r} written outside an event"))
                continue
            try:
                # A story record lives in its uri's partition, whichever event evicts it.
                home = self._home(key) if value is DELETED else None
                with in_event(origin):
                    # The event's partition, after Faust's check that the changelog has as
                    # many partitions as the event's topic (PartitionsMismatch otherwise).
                    partition = table.partition_for_key(key)
                    if value is DELETED and home is not None:
                        partition = home
                        self._delete_in(home, key)
                        table._sensor_on_del(table, key)
                        if owned is not None and home not in owned:
                            continue  # left over from before a rebalance: its owner evicts it
                        raw = None
                    elif value is DELETED:
                        # Not a story record (an earlier layout's key): reading first files
                        # the key under the event's partition, so RocksDB deletes there.
                        with contextlib.suppress(KeyError):
                            data[key]
                            del data[key]
                        table._sensor_on_del(table, key)
                        raw = None
                    elif rocks is not None:
                        # Encoded once for the store and the changelog: recovery writes the
                        # changelog's bytes into RocksDB as they are, so they are the same.
                        raw_key = rocks.key(key)
                        raw = rocks.value(value)
                        rocks.data._set(raw_key, raw)
                        table._sensor_on_set(table, key, value)
                        queued.append(
                            await self._send(name, raw_key, raw, partition=partition, headers=None)
                        )
                        continue
                    else:
                        data[key] = value
                        if placed is not None and partition is not None:
                            # Faust's memory store drops, after a rebalance, the keys it
                            # files under partitions no longer assigned, but files only
                            # those it recovered: a revoked partition's live writes stayed.
                            placed[key] = partition
                        table._sensor_on_set(table, key, value)
                        raw, _ = topic.prepare_value(value, table.value_serializer)
                    raw_key, _ = topic.prepare_key(key, table.key_serializer)
                    queued.append(
                        await self._send(name, raw_key, raw, partition=partition, headers=None)
                    )
            except Exception as exc:  # refused before queueing, or a store/config error
                failures.append(exc)
        return queued, failures

    async def settled(self, queued: Sequence[Any]) -> list[BaseException]:
        """Wait for the changelog records :meth:`queue` sent; record the last offset of each
        changelog partition acknowledged (as Faust's own writes); return the failures."""
        table = self.table
        failures: list[BaseException] = []
        last: dict[Any, Any] = {}
        for fut, result in zip(queued, await settle(queued), strict=True):
            if isinstance(result, BaseException):
                failures.append(result)
            elif (seen := last.get(result.topic_partition)) is None or (
                seen.result().offset < result.offset
            ):
                last[result.topic_partition] = fut
        for fut in last.values():
            table._on_changelog_sent(fut)
        return failures


class StoreCodec:
    """A RocksDB store's key and value codecs, Faust's JSON called without its registry.

    Faust decodes a value through its serializer registry, its codec chain and a search of
    the payload for a model's namespace key (a ``KeyError`` raised and caught for every
    plain record): with the batch's multi-get reading each item's candidates too, that was
    2.8% of the worker's GIL samples (py-spy, ``bench/README.md``, session 30). With the JSON
    codec and no model types (the dedup table), the same bytes and values come from
    ``faust.utils.json`` itself; anything else (a record carrying the namespace key, a
    value that fails to decode, other codecs or types, a "json" codec with more nodes, an
    app's own serializer registry) goes through Faust's own methods.
    """

    def __init__(self, data: Any) -> None:
        self.data = data
        self.direct = (
            isinstance(data, RocksDBStore)
            and data.key_serializer == "json"
            and data.value_serializer == "json"
            and data.key_type is None
            and data.value_type is None
            and type(data.app.serializers) is Registry  # not an app's own Serializers
            and _plain_json(get_codec("json"))
        )

    def key(self, key: Any) -> bytes:
        if self.direct and type(key) is str:
            return want_bytes(faust_json.dumps(key))
        encoded: bytes = self.data._encode_key(key)
        return encoded

    def value(self, value: Any) -> bytes | None:
        if self.direct and type(value) is dict:
            return want_bytes(faust_json.dumps(value))
        encoded: bytes | None = self.data._encode_value(value)
        return encoded

    def decode(self, raw: bytes) -> Any:
        if self.direct:
            try:
                value = faust_json.loads(want_str(raw))
            except Exception:
                value = _NAMESPACED  # Faust's own decode raises its own error
            if not (isinstance(value, dict) and _BLESSED in value):
                return value
        return self.data._decode_value(raw)


def _plain_json(codec: Any) -> bool:
    """Faust's own JSON codec alone (not ``json | binary``, of the same type, other bytes)."""
    return type(codec) is JSONCodec and not codec.children


#: The key by which Faust finds a model in a decoded payload (``Model._maybe_namespace``).
_BLESSED = Model._blessed_key
_NAMESPACED = {_BLESSED: None}


def _one_encoding(table: Table, data: Any) -> bool:  # type: ignore[type-arg]
    """Does the store encode keys and values as the changelog does (RocksDB: the table's
    serializers, no model types)? Then a write encodes each once for both."""
    return (
        isinstance(data, RocksDBStore)
        and data.key_serializer == table.key_serializer
        and data.value_serializer == table.value_serializer
        and data.key_type is None
        and data.value_type is None
        and table.key_type is None
        and table.value_type is None
    )


@contextlib.contextmanager
def in_event(event: Any) -> Iterator[None]:
    """Make ``event`` Faust's current event while processing a batch of events.

    Faust derives a table write's changelog partition, and in exactly-once mode a send's
    transaction, from the current event; in a batch that is only the last one fetched,
    so each item's work is wrapped in its own event (Faust's context variable).
    """
    if event is None:
        yield
        return
    token = _current_event.set(weakref.ref(event))
    try:
        yield
    finally:
        _current_event.reset(token)


class BatchState:
    """The worker's dedup state: an overlay over the table, applied after delivery."""

    def __init__(self, table: Table, send: SendFn) -> None:  # type: ignore[type-arg]
        self.table = TableStore(table, send)
        self.overlay = OverlayStore(self.table)
        self._unsynced: list[tuple[Any, str, Any]] = []
        self._seen_recoveries = -1
        self._discarded = False

    def begin(self, origin: object) -> None:
        """Tag the writes that follow with the event they belong to."""
        self.overlay.origin = origin

    def stale(self) -> bool:
        """Must state derived from the table be rebuilt? True after a recovery (partitions
        assigned) or a discarded batch, once per occurrence."""
        recoveries = self.table.recoveries
        stale = self._discarded or recoveries != self._seen_recoveries
        self._seen_recoveries, self._discarded = recoveries, False
        return stale

    def discard(self) -> None:
        self.overlay.drain()
        self._unsynced = []
        self._discarded = True  # the index saw writes the table never will

    async def apply(self) -> list[BaseException]:
        """Write the batch's state to the table, each write in its event; await the changelog.

        Only the last write of a key (per partition) is made: one changelog record per
        changed story per batch. After a failure the same writes are made again
        on the next call (they are idempotent).
        """
        writes = self._take()
        failures = await self.table.write(writes) if writes else []
        self._unsynced = writes if failures else []
        return failures

    async def start(self) -> PendingState | None:
        """:meth:`apply` without its wait: the batch's state is in the local store and its
        changelog records are with the producer when this returns (so the next batch reads
        it); the returned :class:`PendingState` awaits their acknowledgements, and makes the
        same writes again after a failure. None: the batch changed no state.

        The overlay is empty once this returns: the next batch's writes are its own."""
        writes = self._take()
        self._unsynced = []
        if not writes:
            return None
        queued, failures = await self.table.queue(writes)
        return PendingState(self.table, writes, queued, failures)

    def _take(self) -> list[tuple[Any, str, Any]]:
        """The writes to make: those of a failed :meth:`apply`, then the overlay's (drained),
        the last of each key per partition."""
        last: dict[tuple[int, str], tuple[Any, str, Any]] = {}
        for write in self._unsynced + self.overlay.drain():
            origin, key, _ = write
            last[(_partition(origin), key)] = write
        return list(last.values())


class PendingState:
    """A batch's state writes made locally and sent (:meth:`BatchState.start`), their
    changelog acknowledgements not yet awaited."""

    def __init__(
        self,
        table: TableStore,
        writes: list[tuple[Any, str, Any]],
        queued: list[Any],
        failures: list[BaseException],
    ) -> None:
        self.table = table
        self.writes = writes
        self._queued: list[Any] | None = queued
        self._failures = failures

    async def settle(self) -> list[BaseException]:
        """The first call: the failures of the writes sent by ``start``, once every record
        is acknowledged. Each later call (a retry): the same writes made again, awaited."""
        queued, self._queued = self._queued, None
        if queued is None:
            return await self.table.write(self.writes)
        return self._failures + await self.table.settled(queued)


def _partition(origin: Any) -> int:
    return -1 if origin is None else int(origin.message.partition)
