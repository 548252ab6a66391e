"""The dedup table adapter: one lookup per read; writes in their event, changelog sent directly."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import faust
import orjson
import pytest
from aiokafka.errors import KafkaTimeoutError
from aiokafka.structs import RecordMetadata, TopicPartition
from faust.exceptions import ValueDecodeError
from faust.utils import json as faust_json

from streams.core.dedup import DELETED
from streams.kafka.changelog import key_partition
from streams.worker.tables import BatchState, StoreCodec, TableStore, dedup_table, in_event


@dataclass
class Msg:
    partition: int
    topic: str = "wire.items"


@dataclass
class Event:
    """What the table code reads from an event: its message's partition."""

    message: Msg


class Producer:
    """Records changelog sends; acknowledges each with the next offset of its partition."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, bytes | None, bytes | None, int | None]] = []
        self.offsets: dict[int, int] = {}
        self.fail_next: BaseException | None = None

    async def send(
        self,
        topic: str,
        key: bytes | None,
        value: bytes | None,
        headers: Any = None,
        partition: int | None = None,
    ) -> asyncio.Future[RecordMetadata]:
        fut: asyncio.Future[RecordMetadata] = asyncio.get_running_loop().create_future()
        if self.fail_next is not None:
            fut.set_exception(self.fail_next)
            self.fail_next = None
            return fut
        assert partition is not None
        self.sent.append((topic, key, value, partition))
        offset = self.offsets.get(partition, -1) + 1
        self.offsets[partition] = offset
        fut.set_result(
            RecordMetadata(topic, partition, TopicPartition(topic, partition), offset, -1, -1, -1)
        )
        return fut


class CountingStore:
    """Wraps a table's store to count lookups (``__getitem__`` and ``__contains__``)."""

    def __init__(self, data: Any) -> None:
        self.data = data
        self.lookups = 0

    def __getitem__(self, key: Any) -> Any:
        self.lookups += 1
        return self.data[key]

    def __contains__(self, key: object) -> bool:
        self.lookups += 1
        return key in self.data


@pytest.fixture
def table() -> Iterator[Any]:
    app = faust.App("test-tables", store="memory://", autodiscover=False)
    table = dedup_table(app, "dedup", default=None, partitions=2)
    # Faust checks a source topic's partition count against the changelog's with a running
    # consumer; none runs here, so the test topic counts as checked.
    table._verified_source_topics_for_partitions.add("wire.items")
    yield table


@pytest.fixture
def producer() -> Producer:
    return Producer()


def persisted(table: Any) -> dict[int, int]:
    """Offsets handed to the store as persisted (what RocksDB would keep), by partition."""
    return table.data.__dict__.setdefault("_persisted", {})  # type: ignore[no-any-return]


@pytest.fixture(autouse=True)
def remember_persisted_offsets(table: Any) -> None:
    def record(tp: Any, offset: int) -> None:
        persisted(table)[tp.partition] = offset

    table.data.set_persisted_offset = record


def test_get_returns_the_stored_value_and_none_when_missing(table: Any, producer: Producer) -> None:
    table.data["s:1"] = {"u": "urn:a"}
    store = TableStore(table, producer.send)
    assert store.get("s:1") == {"u": "urn:a"}
    assert store.get("s:2") is None


def test_get_is_one_store_lookup(table: Any, producer: Producer) -> None:
    table.data["s:1"] = [1, 2]
    counting = CountingStore(table.data)
    table._data = counting
    store = TableStore(table, producer.send)
    store.get("s:1")
    store.get("missing")
    assert counting.lookups == 2


def test_get_tells_the_table_sensors(table: Any, producer: Producer) -> None:
    seen: list[Any] = []
    table.on_key_get = seen.append
    store = TableStore(table, producer.send)
    store.get("s:1")
    store.get("s:2")
    assert seen == ["s:1", "s:2"]


async def test_write_sets_the_store_and_sends_the_changelog_to_the_events_partition(
    table: Any, producer: Producer
) -> None:
    store = TableStore(table, producer.send)
    failures = await store.write(
        [(Event(Msg(1)), "s:1", {"u": "urn:a"}), (Event(Msg(0)), "h:2", ["ab"])]
    )
    assert failures == []
    assert table.data["s:1"] == {"u": "urn:a"} and table.data["h:2"] == ["ab"]
    topic = table.changelog_topic.get_topic_name()
    assert [(t, orjson.loads(k), orjson.loads(v), p) for t, k, v, p in producer.sent] == [
        (topic, "s:1", {"u": "urn:a"}, 1),
        (topic, "h:2", ["ab"], 0),
    ]
    assert persisted(table) == {1: 0, 0: 0}


async def test_the_changelog_is_what_faust_recovers_from(table: Any, producer: Producer) -> None:
    """The bytes sent are the ones Faust's own changelog sends would carry."""
    store = TableStore(table, producer.send)
    await store.write([(Event(Msg(0)), "s:1", {"u": "urn:a", "k": [1, 2]})])
    _, key, value, _ = producer.sent[0]
    topic = table.changelog_topic
    assert key == topic.prepare_key("s:1", table.key_serializer)[0]
    assert value == topic.prepare_value({"u": "urn:a", "k": [1, 2]}, table.value_serializer)[0]


async def test_delete_removes_the_key_and_sends_a_tombstone(table: Any, producer: Producer) -> None:
    table.data["h:1"] = ["ab"]
    store = TableStore(table, producer.send)
    failures = await store.write([(Event(Msg(0)), "h:1", DELETED), (Event(Msg(0)), "h:9", DELETED)])
    assert failures == []
    assert "h:1" not in table.data
    assert [(orjson.loads(k), v) for _, k, v, _ in producer.sent] == [("h:1", None), ("h:9", None)]


async def test_a_failed_send_is_returned_not_raised(table: Any, producer: Producer) -> None:
    producer.fail_next = KafkaTimeoutError()
    store = TableStore(table, producer.send)
    failures = await store.write([(Event(Msg(0)), "s:1", 1), (Event(Msg(0)), "s:2", 2)])
    assert [type(f) for f in failures] == [KafkaTimeoutError]
    assert persisted(table) == {0: 0}


async def test_batch_state_writes_only_the_last_value_of_each_key(
    table: Any, producer: Producer
) -> None:
    state = BatchState(table, producer.send)
    first, second = Event(Msg(0)), Event(Msg(0))
    state.begin(first)
    state.overlay.set("m:buckets", [1])
    state.overlay.set("h:1", ["a"])
    state.begin(second)
    state.overlay.set("h:1", ["a", "b"])
    state.overlay.set("m:buckets", [1, 2])
    assert await state.apply() == []
    assert sorted((orjson.loads(k), orjson.loads(v)) for _, k, v, _ in producer.sent) == [
        ("h:1", ["a", "b"]),
        ("m:buckets", [1, 2]),
    ]
    assert table.data["h:1"] == ["a", "b"]


async def test_batch_state_keeps_one_write_per_partition(table: Any, producer: Producer) -> None:
    state = BatchState(table, producer.send)
    state.begin(Event(Msg(0)))
    state.overlay.set("m:buckets", [1])
    state.begin(Event(Msg(1)))
    state.overlay.set("m:buckets", [2])
    assert await state.apply() == []
    assert sorted((p, orjson.loads(v)) for _, _, v, p in producer.sent) == [(0, [1]), (1, [2])]


async def test_batch_state_writes_again_after_a_failure(table: Any, producer: Producer) -> None:
    state = BatchState(table, producer.send)
    state.begin(Event(Msg(0)))
    state.overlay.set("s:1", 1)
    producer.fail_next = KafkaTimeoutError()
    assert len(await state.apply()) == 1
    assert await state.apply() == []
    assert [orjson.loads(v) for _, _, v, _ in producer.sent] == [1]
    assert await state.apply() == []
    assert len(producer.sent) == 1  # nothing left to write


async def test_a_started_state_is_local_and_sent_at_once_and_written_again_after_a_failure(
    table: Any, producer: Producer
) -> None:
    # The pipelined route batch (WIRE_STATE_PIPELINE): the next batch reads the state from
    # the store while the changelog is awaited; a retry makes this batch's writes only.
    state = BatchState(table, producer.send)
    state.begin(Event(Msg(0)))
    state.overlay.set("s:1", 1)
    producer.fail_next = KafkaTimeoutError()
    pending = await state.start()
    assert pending is not None
    assert table.data["s:1"] == 1  # in the store before any acknowledgement is awaited
    state.begin(Event(Msg(0)))
    state.overlay.set("s:2", 2)  # the next batch's, not this one's
    assert len(await pending.settle()) == 1
    assert await pending.settle() == []
    assert [orjson.loads(k) for _, k, _, _ in producer.sent] == ["s:1"]
    assert await state.start() is not None  # the next batch's own write
    assert [orjson.loads(k) for _, k, _, _ in producer.sent] == ["s:1", "s:2"]
    assert await state.start() is None  # nothing left to write


async def test_a_write_outside_an_event_is_a_failure_not_an_exception(
    table: Any, producer: Producer
) -> None:
    store = TableStore(table, producer.send)
    failures = await store.write([(None, "s:1", 1), (Event(Msg(0)), "s:2", 2)])
    assert [type(f) for f in failures] == [RuntimeError]
    assert [orjson.loads(k) for _, k, _, _ in producer.sent] == ["s:2"]


async def test_a_delete_leaves_other_partitions_alone_in_rocksdb(
    tmp_path: Any, producer: Producer
) -> None:
    app = faust.App("test-tables-rocksdb", store="rocksdb://", datadir=str(tmp_path))
    table = dedup_table(app, "dedup", default=None, partitions=2)
    table._verified_source_topics_for_partitions.add("wire.items")
    store = TableStore(table, producer.send)
    p0, p1 = Event(Msg(0)), Event(Msg(1))
    assert await store.write([(p1, "h:x", ["b"]), (p0, "h:x", ["a"]), (p1, "m:b", [2])]) == []
    table.data._key_index.clear()  # as after a restart: RocksDB has not seen the keys yet
    assert await store.write([(p0, "h:x", DELETED), (p0, "m:b", DELETED)]) == []
    with in_event(p1):
        assert store.get("h:x") == ["b"]
        assert store.get("m:b") == [2]
    with in_event(p0):
        assert store.get("h:x") is None


class CountingDB:
    """A partition's RocksDB, counting the calls that read it."""

    def __init__(self, db: Any) -> None:
        self.db = db
        self.calls: list[Any] = []

    def get(self, key: Any, *args: Any) -> Any:
        self.calls.append(key)
        return self.db.get(key, *args)

    def key_may_exist(self, key: Any) -> Any:
        self.calls.append(key)
        return self.db.key_may_exist(key)


async def test_get_many_is_one_multi_get_per_partition_in_rocksdb(
    tmp_path: Any, producer: Producer
) -> None:
    app = faust.App("test-tables-multiget", store="rocksdb://", datadir=str(tmp_path))
    table = dedup_table(app, "dedup", default=None, partitions=2)
    table._verified_source_topics_for_partitions.add("wire.items")
    store = TableStore(table, producer.send)
    writes = [(Event(Msg(0)), "s:a", {"u": "a"}), (Event(Msg(1)), "s:b", {"u": "b"})]
    assert await store.write(writes) == []
    dbs = table.data._dbs
    counting = {p: CountingDB(db) for p, db in dbs.items()}
    dbs.update(counting)
    assert store.get_many(["s:b", "s:x", "s:a", "s:b"]) == [
        {"u": "b"},
        None,
        {"u": "a"},
        {"u": "b"},
    ]
    assert all(len(db.calls) == 1 and isinstance(db.calls[0], list) for db in counting.values())


def test_get_many_reads_the_memory_store_too(table: Any, producer: Producer) -> None:
    table.data["s:1"] = {"u": "urn:a"}
    store = TableStore(table, producer.send)
    assert store.get_many(["s:1", "s:2"]) == [{"u": "urn:a"}, None]
    assert dict(store.scan()) == {"s:1": {"u": "urn:a"}}


async def test_state_is_stale_at_start_after_each_recovery_and_after_a_discard(
    table: Any, producer: Producer
) -> None:
    state = BatchState(table, producer.send)
    assert state.stale() and not state.stale()
    await table.call_recover_callbacks()  # Faust, once a partition's table is recovered
    assert state.stale() and not state.stale()
    state.discard()
    assert state.stale() and not state.stale()


def uri_in(partition: int, partitions: int = 2) -> str:
    """A uri that ``wire.items`` (keyed by uri, default partitioner) puts in ``partition``."""
    return next(
        uri
        for i in range(100)
        if key_partition((uri := f"urn:wirestream:t:id:{i}").encode(), partitions) == partition
    )


async def test_an_eviction_deletes_a_story_in_its_own_partition_in_rocksdb(
    tmp_path: Any, producer: Producer
) -> None:
    """A batch's eviction runs under its last event; a story of another partition must still
    leave that partition's RocksDB and get its tombstone there (else a rebuild resurrects it)."""
    app = faust.App("test-tables-evict", store="rocksdb://", datadir=str(tmp_path))
    table = dedup_table(app, "dedup", default=None, partitions=2)
    table._verified_source_topics_for_partitions.add("wire.items")
    store = TableStore(table, producer.send)
    uri = uri_in(1)
    assert await store.write([(Event(Msg(1)), "s:1", {"u": uri})]) == []
    table.data._key_index.clear()  # as after a restart
    assert await store.write([(Event(Msg(0)), "s:1", DELETED)]) == []
    assert store.get_many(["s:1"]) == [None]
    assert table.data._dbs[1].get(table.data._encode_key("s:1")) is None
    assert [(orjson.loads(k), v, p) for _, k, v, p in producer.sent[1:]] == [("s:1", None, 1)]


async def test_an_eviction_sends_the_tombstone_to_the_storys_partition_in_memory(
    table: Any, producer: Producer
) -> None:
    state = BatchState(table, producer.send)
    state.begin(Event(Msg(1)))
    state.overlay.set("s:1", {"u": uri_in(1)})
    state.begin(Event(Msg(0)))
    state.overlay.set("s:2", {"u": uri_in(0)})
    assert await state.apply() == []
    state.begin(Event(Msg(0)))  # the sweep rides on the batch's last event
    state.overlay.delete("s:1")
    state.overlay.delete("s:2")
    assert await state.apply() == []
    assert "s:1" not in table.data and "s:2" not in table.data
    assert [(orjson.loads(k), v, p) for _, k, v, p in producer.sent[2:]] == [
        ("s:1", None, 1),
        ("s:2", None, 0),
    ]


async def test_a_story_of_a_partition_not_owned_is_forgotten_but_never_tombstoned(
    table: Any, producer: Producer
) -> None:
    """Left in the memory store from before a rebalance: its owner evicts it, not us."""
    state = BatchState(table, producer.send)
    state.table.owned = lambda: {0}
    table.data["s:1"] = {"u": uri_in(1)}
    table.data["s:2"] = {"u": uri_in(0)}
    state.begin(Event(Msg(0)))
    state.overlay.delete("s:1")
    state.overlay.delete("s:2")
    assert await state.apply() == []
    assert "s:1" not in table.data and "s:2" not in table.data
    assert [(orjson.loads(k), p) for _, k, _, p in producer.sent] == [("s:2", 0)]


async def test_a_revoked_partitions_live_writes_leave_the_memory_store(
    table: Any, producer: Producer
) -> None:
    """Exactly-once mode keeps the table in memory; after a rebalance Faust drops the keys of
    partitions no longer assigned, which must include the ones written live, not only those
    it recovered from the changelog."""
    from faust.types import TP

    store = TableStore(table, producer.send)
    writes = [(Event(Msg(0)), "s:0", {"u": uri_in(0)}), (Event(Msg(1)), "s:1", {"u": uri_in(1)})]
    assert await store.write(writes) == []
    changelog = table.changelog_topic.get_topic_name()
    await table.data.on_recovery_completed({TP(changelog, 0)}, set())
    assert "s:0" in table.data and "s:1" not in table.data


async def test_a_rocksdb_write_encodes_once_for_the_store_and_the_changelog(
    tmp_path: Any, producer: Producer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The changelog's bytes are what recovery puts back into RocksDB as they are, so the
    store and the changelog get one encoding: the same bytes Faust's topic would send."""
    app = faust.App("test-tables-encode", store="rocksdb://", datadir=str(tmp_path))
    table = dedup_table(app, "dedup", default=None, partitions=1)
    table._verified_source_topics_for_partitions.add("wire.items")
    store = TableStore(table, producer.send)
    value = {"u": "urn:a", "k": [3, 1, 2], "r": ["europe"], "h": "caf\u00e9"}
    encodings: list[Any] = []
    dumps = faust_json.dumps

    def counting(obj: Any, *args: Any, **kwargs: Any) -> Any:
        encodings.append(obj)
        return dumps(obj, *args, **kwargs)

    monkeypatch.setattr(faust_json, "dumps", counting)  # what Faust's JSON codec calls
    assert await store.write([(Event(Msg(0)), "s:1", value)]) == []
    monkeypatch.undo()
    assert [e for e in encodings if e == value] == [value]
    ((_, raw_key, raw, partition),) = producer.sent
    assert partition == 0
    topic = table.changelog_topic
    assert raw == topic.prepare_value(value, table.value_serializer)[0]
    assert raw_key == topic.prepare_key("s:1", table.key_serializer)[0]
    with in_event(Event(Msg(0))):
        assert table.data._get(raw_key) == raw
        assert store.get("s:1") == value


def test_the_store_codec_reads_and_writes_what_faust_would(tmp_path: Any) -> None:
    """Faust's JSON called directly: the same bytes and values as the store's own codecs,
    and a value Faust would read as a model (or fail to read) still goes through Faust."""
    app = faust.App("test-tables-codec", store="rocksdb://", datadir=str(tmp_path))
    data = dedup_table(app, "dedup", default=None, partitions=1).data
    codec = StoreCodec(data)
    assert codec.direct
    for value in ({"u": "urn:a", "k": [1, 2**63 - 1], "f": 1.5, "n": None, "s": "é\u2028"}, {}):
        assert codec.value(value) == data._encode_value(value)
        assert codec.decode(data._encode_value(value)) == value
    for key in ("s:1", "é", 'q"x'):
        assert codec.key(key) == data._encode_key(key)
    for raw in (b"[1, 2]", b'"x"', b"3", b"null"):
        assert codec.decode(raw) == data._decode_value(raw)
    decoded: list[bytes] = []
    faust_decode = data._decode_value

    def counting(raw: bytes) -> Any:
        decoded.append(raw)
        return faust_decode(raw)

    data._decode_value = counting
    assert codec.decode(b'{"u": "urn:a"}') == {"u": "urn:a"} and decoded == []
    for raw in (b"\xff", b"{bad", b'{"__faust": {"ns": "nope"}}'):
        with pytest.raises(ValueDecodeError):
            codec.decode(raw)
    assert decoded == [b"\xff", b"{bad", b'{"__faust": {"ns": "nope"}}']


def test_the_store_codec_leaves_other_codecs_to_faust(table: Any) -> None:
    assert not StoreCodec(table.data).direct  # the memory store (exactly-once mode)


def test_the_store_codec_leaves_a_json_codec_with_more_nodes_to_faust(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A "json" registered with a node after it (``json() | binary()``) is still of the JSON
    codec's type, but writes other bytes: the store's own codecs, not Faust's JSON directly."""
    from faust.serializers import codecs

    monkeypatch.setitem(codecs.codecs, "json", codecs.json() | codecs.binary())
    app = faust.App("test-tables-chain", store="rocksdb://", datadir=str(tmp_path))
    data = dedup_table(app, "dedup", default=None, partitions=1).data
    codec = StoreCodec(data)
    value = {"u": "urn:a", "k": [1, 2]}
    assert codec.value(value) == data._encode_value(value)
    assert codec.key("s:1") == data._encode_key("s:1")
    assert codec.decode(data._encode_value(value)) == value


def test_the_store_codec_leaves_an_apps_own_serializer_registry_to_faust(tmp_path: Any) -> None:
    """An app's ``Serializers`` class may encode otherwise: its store's own codecs are used."""
    from faust.serializers.registry import Registry

    class Wrapping(Registry):
        def dumps_value(self, typ: Any, value: Any, **kwargs: Any) -> Any:
            return b"w" + super().dumps_value(typ, value, **kwargs)

        def loads_value(self, typ: Any, value: Any, **kwargs: Any) -> Any:
            return super().loads_value(typ, value[1:], **kwargs)

    app = faust.App(
        "test-tables-registry", store="rocksdb://", datadir=str(tmp_path), Serializers=Wrapping
    )
    data = dedup_table(app, "dedup", default=None, partitions=1).data
    codec = StoreCodec(data)
    value = {"u": "urn:a"}
    assert codec.value(value) == data._encode_value(value) == b'w{"u":"urn:a"}'
    assert codec.decode(data._encode_value(value)) == value
