"""The composition root: what it builds from settings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from mode.utils.queues import FlowControlEvent, FlowControlQueue

from streams.errors import ConfigError
from streams.kafka.partition import KeyPartitioner
from streams.settings import Settings
from streams.worker.app import build


def test_the_dedup_table_bounds_rocksdb_memory(tmp_path: Path) -> None:
    settings = Settings.from_env({"WIRE_STATE_CACHE_MB": "32"}, home=tmp_path)
    options = build(settings).app.tables["dedup"].data.rocksdb_options  # type: ignore[attr-defined]
    assert options.block_cache_size == 32 * 1024 * 1024  # Faust's default is 2 GiB
    # Faust's default: 3 x 64 MiB of write buffers per partition.
    assert (options.write_buffer_size, options.max_write_buffer_number) == (16 * 1024 * 1024, 2)


def test_the_producer_gathers_large_batches(tmp_path: Path) -> None:
    app = build(Settings.from_env({}, home=tmp_path)).app
    assert app.conf.producer_max_batch_size == 1024 * 1024


def test_the_producer_places_keys_with_the_fast_partitioner(tmp_path: Path) -> None:
    # Transactional producers are made from the same settings (exactly-once mode).
    app = build(Settings.from_env({}, home=tmp_path)).app
    assert isinstance(app.producer._settings_default()["partitioner"], KeyPartitioner)


def test_the_producer_takes_any_record_the_dead_letter_topic_takes(tmp_path: Path) -> None:
    settings = Settings.from_env({}, home=tmp_path)
    wiring = build(settings)
    dead = next(s for s in wiring.topics.specs(settings) if s.name == wiring.topics.dead_letter)
    assert wiring.app.conf.producer_max_request_size >= int(dict(dead.config)["max.message.bytes"])


@pytest.mark.parametrize(("buffer", "partitions"), [(1024, 1), (1024, 4), (1024, 12), (300, 3)])
def test_one_fetch_never_overflows_an_agents_buffer(buffer: int, partitions: int) -> None:
    """Faust's delivery rule on its own queue class, with nothing consumed (the worst case).

    A full buffer would make the worker's one fetch loop wait for that agent, starving the
    other agent (the batched agents' old stall); so every record must find room.
    """
    settings = Settings.from_env(
        {}, stream_buffer=buffer, raw_partitions=partitions, items_partitions=1
    )
    queue: FlowControlQueue[int] = FlowControlQueue(maxsize=buffer, flow_control=FlowControlEvent())
    paused: set[int] = set()
    # Faust builds one pair of callbacks per partition; the queue tells them apart by identity.
    high = {tp: (lambda tp=tp: paused.add(tp)) for tp in range(partitions)}
    drop = {tp: (lambda: None) for tp in range(partitions)}
    fetches = 0
    while len(paused) < partitions:
        fetches += 1
        # One fetch: poll_records records, all of one unpaused partition (the worst case:
        # a partition is paused only by a record of its own).
        tp = min(set(range(partitions)) - paused)
        for n in range(settings.poll_records):
            assert not queue.full(), (fetches, queue.qsize())
            queue.put_nowait_enhanced(n, on_pressure_high=high[tp], on_pressure_drop=drop[tp])
    assert queue.qsize() < buffer


def test_the_poll_budget_is_what_faust_is_given(tmp_path: Path) -> None:
    settings = Settings.from_env({}, home=tmp_path)
    assert build(settings).app.conf.broker_max_poll_records == settings.poll_records > 1


@pytest.mark.parametrize(
    ("roles", "agents", "tables"),
    [
        ("parse,route", {"parse", "route"}, {"dedup"}),
        ("parse", {"parse"}, set()),
        ("route", {"route"}, {"dedup"}),
        (" route , parse ", {"parse", "route"}, {"dedup"}),
    ],
)
def test_a_worker_registers_only_its_roles(
    tmp_path: Path, roles: str, agents: set[str], tables: set[str]
) -> None:
    """A parse-only worker must not consume items nor restore the dedup table (no changelog
    to subscribe to); a route-only worker must not consume raw."""
    wiring = build(Settings.from_env({"WIRE_ROLES": roles}, home=tmp_path))
    app = wiring.app
    assert {a.name.rsplit(".", 1)[-1] for a in app.agents.values()} == agents
    assert set(app.tables) == tables
    subscribed = {t for agent in app.agents.values() for t in agent.channel.topics}
    expected = {wiring.topics.raw} if "parse" in agents else set()
    expected |= {wiring.topics.items} if "route" in agents else set()
    assert subscribed == expected


@pytest.mark.parametrize(
    ("roles", "scope"), [("parse,route", ""), ("parse", "parse"), ("route", "route")]
)
def test_split_exactly_once_workers_own_distinct_transactional_ids(
    tmp_path: Path, roles: str, scope: str
) -> None:
    """With as many raw as items partitions Faust gives raw p and items p one group number;
    two processes opening one transactional id would fence each other."""
    from types import SimpleNamespace

    from faust.types import TP

    from streams.worker.eos import SourcePartitionTransactions

    settings = Settings.from_env(
        {"WIRE_ROLES": roles, "WIRE_GUARANTEE": "exactly_once"},
        home=tmp_path,
        raw_partitions=2,
        items_partitions=2,
    )
    transport = build(settings).app.transport
    assert transport.tid_scope == scope  # type: ignore[attr-defined]
    manager = object.__new__(SourcePartitionTransactions)
    manager.tid_scope = scope
    standby = TP("w-dedup-changelog", 0)
    manager.app = SimpleNamespace(  # type: ignore[misc]
        conf=SimpleNamespace(id="w"),
        assignor=SimpleNamespace(group_for_topic=lambda t: 0, is_standby=lambda tp: tp == standby),
    )
    tp = TP("wire.raw", 1)
    assert manager.tid_for(tp) == (f"w-{scope}-0-1" if scope else "w-0-1")
    # A standby partition's id is its owner's: opening it would fence the owner.
    assert manager._tps_to_transactional_ids({tp, standby}) == {manager.tid_for(tp)}


def test_a_parse_only_worker_keeps_its_files_apart(tmp_path: Path) -> None:
    both = Settings.from_env({}, home=tmp_path)
    assert Settings.from_env({"WIRE_ROLES": "route"}, home=tmp_path).state_dir == both.state_dir
    assert Settings.from_env({"WIRE_ROLES": "parse"}, home=tmp_path).state_dir != both.state_dir


def test_a_route_only_worker_routes_to_the_same_topics_without_the_gazetteer(
    tmp_path: Path,
) -> None:
    """Stage 2 routes by the regions stage 1 wrote: it needs the region table, not the
    gazetteer (about 120 MB and half a second of CPU at start)."""
    both = build(Settings.from_env({}, home=tmp_path)).pipeline
    route = build(Settings.from_env({"WIRE_ROLES": "route"}, home=tmp_path)).pipeline
    assert route.topics == both.topics
    assert both.tagger._known and not route.tagger._known  # no place names loaded


@pytest.mark.parametrize("guarantee", ["at_least_once", "exactly_once"])
@pytest.mark.parametrize(
    ("env", "wait_ms"),
    [
        ({}, 20),  # both stages share one consumer: an idle topic's fetch must not hold the other
        ({"WIRE_ROLES": "parse"}, 100),  # one topic per process: a longer idle wait
        ({"WIRE_ROLES": "route"}, 100),
        ({"WIRE_ROLES": "parse", "WIRE_FETCH_WAIT_MS": "20"}, 20),  # the setting wins
        ({"WIRE_FETCH_WAIT_MS": "250"}, 250),
    ],
)
def test_the_transport_carries_the_layouts_fetch_wait(
    tmp_path: Path, guarantee: str, env: dict[str, str], wait_ms: int
) -> None:
    settings = Settings.from_env({**env, "WIRE_GUARANTEE": guarantee}, home=tmp_path)
    transport = build(settings).app.transport
    assert transport.fetch_wait_ms == wait_ms  # type: ignore[attr-defined]


def test_the_consumer_thread_gives_its_consumer_the_transports_fetch_wait(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from types import SimpleNamespace

    from faust.transport.drivers.aiokafka import AIOKafkaConsumerThread

    from streams.worker.fetch import PromptFetchThread

    made = SimpleNamespace(_fetch_max_wait_ms=1500)  # Faust's own value
    monkeypatch.setattr(AIOKafkaConsumerThread, "_create_worker_consumer", lambda self, t: made)
    thread = object.__new__(PromptFetchThread)  # no event loop or app needed for this method
    assert thread._create_worker_consumer(SimpleNamespace(fetch_wait_ms=100)) is made
    assert made._fetch_max_wait_ms == 100


def test_fetch_wait_is_bounded() -> None:
    with pytest.raises(ConfigError):
        Settings.from_env({"WIRE_FETCH_WAIT_MS": "-1"})


def test_the_lost_transaction_grace_is_a_setting_the_book_uses(tmp_path: Path) -> None:
    from streams.worker.eos import TransactionBook

    default = Settings.from_env({"WIRE_GUARANTEE": "exactly_once"}, home=tmp_path)
    assert default.lost_transaction_grace == 30.0
    settings = Settings.from_env(
        {"WIRE_GUARANTEE": "exactly_once", "WIRE_LOST_TRANSACTION_GRACE": "2.5"}, home=tmp_path
    )
    transport = build(settings).app.transport
    assert transport.lost_grace_s == 2.5  # type: ignore[attr-defined]
    # What the transaction manager hands its book (SourcePartitionTransactions.__post_init__).
    book = TransactionBook(lambda tid: None, "app", lost_grace_s=transport.lost_grace_s)  # type: ignore[arg-type,return-value,attr-defined]
    assert book.lost_grace_s == 2.5
    for bad in ("0", "-1", "3601"):
        with pytest.raises(ConfigError):
            Settings.from_env({"WIRE_LOST_TRANSACTION_GRACE": bad})


@pytest.mark.parametrize("guarantee", ["at_least_once", "exactly_once"])
@pytest.mark.parametrize(("env", "inline"), [({}, True), ({"WIRE_INLINE_HANDOVER": "0"}, False)])
def test_the_inline_handover_is_the_default(
    tmp_path: Path, guarantee: str, env: dict[str, str], inline: bool
) -> None:
    """The inline fetch hand-over by default (less CPU per item, the same saturation rate);
    Faust's own loop on request (settings.inline_handover)."""
    settings = Settings.from_env({**env, "WIRE_GUARANTEE": guarantee}, home=tmp_path)
    transport = build(settings).app.transport
    assert transport.inline_handover is inline  # type: ignore[attr-defined]


def test_a_bad_inline_handover_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="WIRE_INLINE_HANDOVER"):
        Settings.from_env({"WIRE_INLINE_HANDOVER": "2"}, home=tmp_path)


@pytest.mark.parametrize("guarantee", ["at_least_once", "exactly_once"])
async def test_a_new_assignments_recovery_signal_ends_the_pending_rebalance(
    tmp_path: Path, guarantee: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The worker's table recovery tells the consumer, just before Faust signals the new
    assignment's recovery, that the rebalance is no longer pending (replay.AssignmentRecovery)."""
    from faust.tables.recovery import Recovery

    from streams.worker.replay import SeekTrackingConsumer

    app = build(Settings.from_env({"WIRE_GUARANTEE": guarantee}, home=tmp_path)).app
    # The consumer without its thread (Faust's would start an event loop of its own here).
    consumer = SeekTrackingConsumer.__new__(SeekTrackingConsumer)
    consumer.__dict__.update(app=app, _assigned_at=0, _assigning=0)
    app._consumer = consumer  # type: ignore[attr-defined]
    seen: list[bool] = []

    async def faust_signal(self: Recovery, *args: object) -> None:
        seen.append(consumer.rebalance_pending())

    monkeypatch.setattr(Recovery, "on_rebalance", faust_signal)
    app.rebalancing_count += 1  # a revocation heard
    consumer._assigning = app.rebalancing_count  # its assignment arrived
    assert consumer.rebalance_pending()
    await app.tables.recovery.on_rebalance(set(), set(), set(), 0)
    assert seen == [False]


async def test_the_changelog_queue_bounds_the_recovery_loops_idle_wait(tmp_path: Path) -> None:
    """Faust's recovery ends an exactly-once recovery after two idle polls of the changelog
    queue (5 s each in Faust); the worker's queue makes a poll idle after RECOVERY_IDLE_S."""
    import asyncio
    import inspect

    from faust.tables.recovery import Recovery

    from streams.worker.replay import RECOVERY_IDLE_S, IdleBoundedQueue

    # The hook this relies on: the recovery loop's only wait is on this queue's get().
    assert "changelog_queue.get(), timeout=5.0" in inspect.getsource(Recovery._slurp_changelogs.fun)
    app = build(Settings.from_env({"WIRE_GUARANTEE": "exactly_once"}, home=tmp_path)).app
    queue = app.tables.changelog_queue
    assert isinstance(queue, IdleBoundedQueue)
    assert queue.maxsize == app.conf.stream_buffer_maxsize
    assert queue in app.flow_control._queues  # cleared on resume, as Faust's
    assert RECOVERY_IDLE_S < 5.0
    queue.idle_s = 0.05
    with pytest.raises(TimeoutError):
        await asyncio.wait_for(queue.get(), timeout=5.0)  # as Faust waits
    # Nothing put is lost to a timed-out get.
    getter = asyncio.ensure_future(queue.get())
    queue.put_nowait("event")
    assert await getter == "event"
    with pytest.raises(TimeoutError):
        await queue.get()
    queue.put_nowait("later")
    assert await queue.get() == "later"


@pytest.mark.parametrize(("roles", "partitions"), [("parse,route", 1), ("route", 4), ("parse", 2)])
def test_the_dedup_changelog_is_created_with_the_services_topics(
    tmp_path: Path, roles: str, partitions: int
) -> None:
    """``wire worker`` creates the changelog before Faust starts, exactly as Faust would:
    the table's name and partitions, compacted. A second worker on a fresh multi-broker
    cluster otherwise could subscribe before its metadata had the topic and stop on
    ``PartitionsMismatch``. A parse-only worker has no table and needs none."""
    settings = Settings.from_env({}, home=tmp_path, items_partitions=partitions).with_(roles=roles)
    wiring = build(settings)
    if "route" not in roles:
        assert wiring.internal == ()
        return
    table = wiring.app.tables["dedup"]
    (spec,) = wiring.internal
    assert (
        spec.name == table.changelog_topic.get_topic_name() == f"{settings.app_id}-dedup-changelog"
    )
    assert spec.partitions == table.partitions == partitions
    assert spec.replication == settings.replication
    assert dict(spec.config) == {"cleanup.policy": "compact"}


class FakeAIOKafkaProducer:
    def __init__(self) -> None:
        self.sent: list[tuple[Any, ...]] = []

    async def send(self, topic: str, value: Any, **kwargs: Any) -> str:
        self.sent.append((topic, value, kwargs))
        return "queued"


async def test_at_least_once_records_go_straight_to_aiokafkas_producer(tmp_path: Path) -> None:
    """No Faust ``Producer.send`` per record (its coroutine, signal and error wrapper)."""
    wiring = build(Settings.from_env({}, home=tmp_path))
    producer = wiring.app.producer
    fake = FakeAIOKafkaProducer()
    producer._producer = fake  # type: ignore[attr-defined]

    async def faust_send(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("Faust's send wrapper was used")

    producer.send = faust_send  # type: ignore[method-assign]
    headers = [("wire-dedup", b"x")]
    assert await wiring.deliverer._send("t", b"k", b"v", headers=headers) == "queued"
    assert await wiring.deliverer._send("c", b"k", None, partition=0, headers=None) == "queued"
    assert fake.sent == [
        ("t", b"v", {"key": b"k", "partition": None, "headers": headers}),
        ("c", None, {"key": b"k", "partition": 0, "headers": None}),
    ]
    producer.allow_headers = False  # a broker too old for headers: dropped, as Faust does
    await wiring.deliverer._send("t", b"k", b"v", headers=headers)
    assert fake.sent[-1][2]["headers"] is None


async def test_exactly_once_records_still_go_through_the_events_transaction(
    tmp_path: Path,
) -> None:
    wiring = build(Settings.from_env({"WIRE_GUARANTEE": "exactly_once"}, home=tmp_path))
    calls: list[Any] = []

    async def faust_send(*args: Any) -> str:
        calls.append(args)
        return "queued"

    wiring.app.producer.send = faust_send  # type: ignore[method-assign]
    assert await wiring.deliverer._send("t", b"k", b"v", headers=None) == "queued"
    assert calls == [("t", b"k", b"v", None, None, None)]
    assert wiring.deliverer.in_event is not None


async def test_at_least_once_a_restarted_producer_service_is_used_for_the_next_record(
    tmp_path: Path,
) -> None:
    """Faust's producer service makes a new aiokafka producer when it starts again (and has
    none while stopped): the direct send asks it for each record, never keeps one."""
    from faust.exceptions import NotReady

    wiring = build(Settings.from_env({}, home=tmp_path))
    producer = wiring.app.producer
    before, after = FakeAIOKafkaProducer(), FakeAIOKafkaProducer()
    producer._producer = before  # type: ignore[attr-defined]
    await wiring.deliverer._send("t", b"k", b"1", headers=None)
    producer._producer = None  # type: ignore[attr-defined]
    with pytest.raises(NotReady):  # as Faust's own send raises
        await wiring.deliverer._send("t", b"k", b"2", headers=None)
    producer._producer = after  # type: ignore[attr-defined]
    await wiring.deliverer._send("t", b"k", b"3", headers=None)
    assert [v for _, v, _ in before.sent] == [b"1"] and [v for _, v, _ in after.sent] == [b"3"]


@pytest.mark.parametrize("guarantee", ["at_least_once", "exactly_once"])
def test_the_inflight_byte_bound_reaches_the_consumer(tmp_path: Path, guarantee: str) -> None:
    """WIRE_INFLIGHT_BYTES is the fetch loop's bound on unacknowledged bytes, both modes."""
    settings = Settings.from_env(
        {"WIRE_INFLIGHT_BYTES": "12345678", "WIRE_GUARANTEE": guarantee}, home=tmp_path
    )
    transport = build(settings).app.transport
    assert transport.inflight_bytes == 12_345_678  # type: ignore[attr-defined]
    with pytest.raises(ConfigError, match="WIRE_INFLIGHT_BYTES"):
        Settings.from_env({"WIRE_INFLIGHT_BYTES": "-1"}, home=tmp_path)


async def test_fetched_records_become_events_without_reading_the_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The topics' decoders make Faust's own event, the settings read once, not per record."""
    from faust.types.settings.base import SettingsRegistry
    from faust.types.tuples import Message

    app = build(Settings.from_env({}, home=tmp_path)).app
    topic = app.topic("w.test", key_serializer="raw", value_serializer="raw")
    message = Message("w.test", 0, 7, 0.0, 0, [(b"h", b"v")], b"k", b"v", None)
    read: list[str] = []
    real = SettingsRegistry.__getattribute__

    def counted(self: Any, key: str) -> Any:
        read.append(key)
        return real(self, key)

    monkeypatch.setattr(SettingsRegistry, "__getattribute__", counted)
    event = await topic.decode(message, propagate=True)
    monkeypatch.setattr(SettingsRegistry, "__getattribute__", real)
    assert "Event" not in read
    assert type(event) is app.conf.Event
    assert (event.app, event.key, event.value, event.message) == (app, b"k", b"v", message)
    assert event.headers == {b"h": b"v"}
