"""The composition root: settings in, a wired Faust app out.

This is the only module that knows every part. Tests build their own app with
other settings; nothing here runs at import time except building the default app
for Faust's command line (``wire worker``), and that reads only the environment.
"""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Callable, Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from typing import Any

import faust
from faust.tables.table import Table

from streams.core.assemble import build_pipeline, build_region_tagger, build_tagger
from streams.core.dedup import MemoryStore
from streams.core.pipeline import Pipeline
from streams.core.topics import DEAD_LETTER_HEADROOM, Topics, TopicSpec
from streams.kafka import records as safe_records
from streams.kafka.partition import KeyPartitioner
from streams.settings import Settings
from streams.worker import agents
from streams.worker.agents import Stages
from streams.worker.delivery import Deliverer
from streams.worker.eos import (
    CommitGate,
    ExactlyOnceTransport,
    store_for,
)
from streams.worker.faust_worker import Worker
from streams.worker.metrics import Metrics, install_faust_monitor
from streams.worker.refused import CrashLedger, RefusedLedger
from streams.worker.remote import RemoteFeed
from streams.worker.replay import AssignmentTableManager, ReplayGuard, ReplayTransport
from streams.worker.stats import Stats
from streams.worker.tables import BatchState, dedup_table, in_event
from streams.worker.watchdog import Watchdog
from streams.worker.web import (
    MAX_BODY,
    check_web_settings,
    pin_faust_views_off,
    register_views,
    web_guard,
)


def rocksdb_options(settings: Settings) -> dict[str, int]:
    """Bounded RocksDB memory per table partition: write buffers and the block cache.

    Small writes (a few hundred bytes per key) fill 16 MiB write buffers in seconds under
    load and flush in the background; reads past the block cache come from the OS page cache.
    """
    return {
        "write_buffer_size": 16 * 1024 * 1024,
        "max_write_buffer_number": 2,
        "block_cache_size": settings.state_cache_mb * 1024 * 1024,
    }


@dataclass
class Wiring:
    """What the composition root built, for the CLI and tests to reach into."""

    app: faust.App
    settings: Settings
    topics: Topics
    pipeline: Pipeline
    stats: Stats
    deliverer: Deliverer
    #: Faust's own topics this worker needs (the dedup changelog), created with the
    #: service's topics before Faust starts: on a fresh multi-broker cluster a second
    #: worker could otherwise subscribe before its metadata had the changelog the first
    #: one just created, and stop on ``PartitionsMismatch``.
    internal: tuple[TopicSpec, ...] = ()


def build(settings: Settings) -> Wiring:
    safe_records.install()  # a header key that is not UTF-8 must not stop a partition
    # The producer takes any record a topic takes, the dead-letter topic's included (it has
    # headroom over the others for the reason headers), so no record fails on the client.
    big = settings.max_message_bytes + 2 * DEAD_LETTER_HEADROOM
    host_rules = check_web_settings(settings)
    app = faust.App(
        settings.app_id,
        broker=[f"kafka://{host.strip()}" for host in settings.bootstrap.split(",")],
        broker_credentials=_credentials(settings),
        store=store_for(settings.store, settings.exactly_once),
        datadir=str(settings.state_dir),
        autodiscover=False,
        topic_partitions=settings.items_partitions,
        topic_replication_factor=settings.replication,
        producer_max_request_size=big,
        producer_max_batch_size=settings.producer_batch_bytes,
        # Brokers return a record larger than the fetch size on its own, so the default
        # per-partition fetch (1 MiB) keeps memory low without refusing big payloads.
        stream_buffer_maxsize=settings.stream_buffer,
        # A rebalance stays pending until its recovery is signalled (replay.rebalance_pending).
        TableManager=AssignmentTableManager,
        # Both agents share one fetch loop: a fetch that overflows one agent's buffer would
        # stop it for the other agent too (the batched agents' old stall; docs/architecture.md).
        broker_max_poll_records=settings.poll_records,
        producer_acks=-1,
        # Kafka's placement without aiokafka's pure-Python byte-by-byte hash per record.
        producer_partitioner=KeyPartitioner(),
        processing_guarantee=settings.guarantee,
        broker_commit_interval=settings.commit_interval,
        broker_session_timeout=settings.session_timeout,
        broker_heartbeat_interval=min(3.0, settings.session_timeout / 4),
        web_host=settings.web_host,
        web_bind=settings.web_host,
        web_port=settings.web_port,
        # Faust's own views are not behind our token (/router/ lists workers and partitions,
        # the statistics views every sensor): pinned off below, whatever APP_DEBUG says.
        web_tables_enabled=False,
        web_router_enabled=False,
        web_graph_enabled=False,
        web_stats_enabled=False,
        web_metrics_enabled=False,
        # Every route, Faust's included, passes the Host allow-list (streams/worker/web.py).
        web_application_options={
            "middlewares": [web_guard(host_rules)],
            "client_max_size": MAX_BODY,
        },
        web_in_thread=False,
        Worker=Worker,
    )
    pin_faust_views_off(app)
    # Before any topic compiles its decoder, which keeps the app's create_event.
    app.create_event = event_factory(app)  # type: ignore[method-assign]
    event_scope: Callable[[], AbstractAsyncContextManager[None]] = contextlib.nullcontext
    replays = ReplayGuard(exact=settings.exactly_once)
    if settings.exactly_once:
        gate = CommitGate()
        app.transport = ExactlyOnceTransport(
            app.conf.broker_consumer,
            app,
            replays=replays,
            gate=gate,
            client_kwargs=settings.kafka_client_kwargs(),
            lost_grace_s=settings.lost_transaction_grace,
            # Split roles: each stage's process owns its own transactional ids, so that
            # raw partition p and items partition p never share (and fence) one producer.
            tid_scope=",".join(sorted(settings.role_set)) if settings.split else "",
            fetch_wait_ms=settings.fetch_wait,
            inline_handover=bool(settings.inline_handover),
            inflight_bytes=settings.inflight_bytes,
        )
        event_scope = gate.event
    else:
        app.transport = ReplayTransport(
            app.conf.broker_consumer,
            app,
            replays=replays,
            fetch_wait_ms=settings.fetch_wait,
            inline_handover=bool(settings.inline_handover),
            inflight_bytes=settings.inflight_bytes,
        )
    roles = settings.role_set
    # Only stage 1 tags; a route-only worker skips the gazetteer (memory, start-up time).
    tagger = build_tagger(settings) if "parse" in roles else build_region_tagger(settings)

    def send(
        topic: str,
        key: bytes | None,
        value: bytes | None,
        headers: Any,
        partition: int | None = None,
    ) -> Awaitable[Any]:
        # In exactly-once mode the transaction manager picks the event's transaction.
        producer = app.consumer.transactions if app.in_transaction else app.producer
        result: Awaitable[Any] = producer.send(topic, key, value, partition, None, headers)
        return result

    if not settings.exactly_once:
        send = direct_send(app)

    metrics = Metrics()
    install_faust_monitor(app, metrics)
    state: BatchState | None = None
    internal: tuple[TopicSpec, ...] = ()
    if "route" in roles:
        table = dedup_table(
            app,
            "dedup",
            default=None,
            partitions=settings.items_partitions,
            help="Dedup state: uri, fingerprint and similarity keys -> small JSON records.",
            options=rocksdb_options(settings),
        )
        state = BatchState(table, send)
        internal = (changelog_spec(table, settings),)
        pipeline = build_pipeline(settings, state.overlay, tagger)
        if settings.items_partitions > 1:
            # Near copies across partitions: every worker also reads the dedup changelog of
            # the partitions it does not own (docs/architecture.md, "Dedup partitioning").
            remote = RemoteFeed(
                app,
                table,
                pipeline.deduper,
                settings,
                pipeline.max_skew_ms,
                metrics.remote_lag.observe,
            )
            state.table.owned = remote.owned
            app.task(remote.run)
    else:
        # A parse-only worker has no dedup table (no changelog to restore or subscribe to):
        # stage 1 never reads dedup state, so its pipeline gets an empty, unused store.
        pipeline = build_pipeline(settings, MemoryStore(), tagger)
    topics = pipeline.topics
    stats = Stats(sink=metrics, regions=(*topics.regions, "unlocated"))
    pipeline.timer = stats.on_stage_time

    def finished(events: Sequence[Any], ok: bool) -> None:
        """A batch is over (inside the commit gate): done, or abandoned to be read again."""
        positions = [(event.message.tp, event.message.offset) for event in events]
        if not ok:
            # Its outputs were aborted (fenced). Faust acknowledges it anyway and the
            # replay guard saw it: both would skip it when the partition is read again.
            replays.rewind(positions)
        elif settings.exactly_once:
            book = app.consumer.transactions.book  # type: ignore[attr-defined]
            for tp, offset in positions:
                book.on_done(tp, offset)

    def abandon(events: Sequence[Any], why: str) -> None:
        """Exactly-once: a stage crashed with outputs of ``events`` queued in their
        transactions. Those can never commit (outputs without their offsets, or twice after a
        retry): they are lost, and the events are read again once they are replaced."""
        transactions = app.consumer.transactions
        for tid in {transactions.tid_for(event.message.tp) for event in events}:  # type: ignore[attr-defined]
            transactions.book.mark_lost(tid, why)  # type: ignore[attr-defined]
        replays.rewind([(event.message.tp, event.message.offset) for event in events])

    # The current event picks a send's transaction: at least once there is none to pick.
    deliverer = Deliverer(send, in_event=in_event) if settings.exactly_once else Deliverer(send)
    refused = RefusedLedger(settings.state_dir / "refused-outputs.tsv")
    stages = Stages(
        pipeline,
        deliverer,
        stats,
        state,
        event_scope,
        refused,
        finished,
        abandon if settings.exactly_once else None,
        CrashLedger(settings.state_dir / "crashed-events.tsv"),
        pipelined=settings.pipelined_state,
        watchdog=Watchdog(settings.message_cpu_seconds),
    )

    agents.register(app, stages, topics, settings, replays)
    register_views(app, settings, stats, topics, metrics)
    return Wiring(app, settings, topics, pipeline, stats, deliverer, internal)


def event_factory(app: Any) -> Callable[..., Any]:
    """``App.create_event`` with the event class read from the settings once.

    Faust builds every fetched record's event through ``app.conf.Event``, and a read of a
    setting goes through the settings registry's ``__getattribute__`` (it records every
    name read) and the parameter's descriptor: about 2 us a record, 0.5% of the worker's
    GIL samples in py-spy (``bench/README.md``, session 35). The class cannot change once
    the app is configured; the event is the one Faust's own method makes.
    """
    event_class = app.conf.Event

    def create_event(key: Any, value: Any, headers: Any, message: Any) -> Any:
        return event_class(app, key, value, headers, message)

    return create_event


def direct_send(app: Any) -> Callable[..., Awaitable[Any]]:
    """At least once: records go straight to aiokafka's producer.

    Faust's ``Producer.send`` adds, per record, a coroutine, its ``on_produce_message``
    signal (no receiver in the worker), a ``typing.cast`` of a subscripted generic (a
    cache lookup) and the wrapping of a Kafka error in ``ProducerSendError`` (which
    :func:`streams.kafka.classify.cause` looks through anyway): 0.8% of the worker's GIL
    samples in py-spy (``bench/README.md``, session 30). The producer is asked for each record,
    as Faust does, so a restarted producer service is picked up; headers are dropped only
    if the broker cannot take them, as Faust does.
    """
    faust_producer = app.producer

    def send(
        topic: str,
        key: bytes | None,
        value: bytes | None,
        headers: Any,
        partition: int | None = None,
    ) -> Awaitable[Any]:
        producer = faust_producer._ensure_producer()
        if not faust_producer.allow_headers:
            headers = None
        result: Awaitable[Any] = producer.send(
            topic, value, key=key, partition=partition, headers=headers
        )
        return result

    return send


def changelog_spec(table: Table, settings: Settings) -> TopicSpec:  # type: ignore[type-arg]
    """The changelog as Faust would create it (compacted, the table's partitions)."""
    topic = table.changelog_topic
    return TopicSpec(
        topic.get_topic_name(),
        table.partitions or settings.items_partitions,
        settings.replication,
        (("cleanup.policy", "compact"),),
    )


def _credentials(settings: Settings) -> Any:
    if settings.security_protocol == "PLAINTEXT":
        return None
    ssl_context = None
    if settings.security_protocol in ("SSL", "SASL_SSL"):
        from aiokafka.helpers import create_ssl_context

        ssl_context = create_ssl_context(cafile=settings.ssl_cafile or None)
    if settings.sasl_mechanism:
        return faust.SASLCredentials(
            username=settings.sasl_username,
            password=settings.sasl_password,
            mechanism=settings.sasl_mechanism,
            ssl_context=ssl_context,
        )
    return ssl_context
