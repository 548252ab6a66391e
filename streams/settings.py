"""Every setting, read once from the environment (``WIRE_*``), in one place.

The composition root (:mod:`streams.worker.app`) and the CLI take a :class:`Settings`.
Outside it only switches and paths that must act before settings exist are read from the
environment (``WIRE_NATIVE``, ``WIRE_COMPILED``, ``WIRE_CACHE``, ``WIRE_KAFKA_DEPLOY_DIR``);
README's Settings section lists them all (``tests/unit/test_settings_docs.py``).
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from streams.core.homes import parse_source_homes
from streams.core.identity import SourceAliases
from streams.errors import ConfigError
from streams.hosts import is_loopback

#: The worker's stages: ``parse`` reads the raw topic, ``route`` the items topic.
ROLES = ("parse", "route")

#: The broker-side fetch wait (ms) of a worker running both stages: short, because its one
#: consumer serves both topics (``docs/architecture.md``, "Batched agents and the shared
#: fetch loop"); an idle worker sends about 50 fetches a second.
SHARED_FETCH_WAIT_MS = 20
#: The same for a worker running one stage, which reads one topic (``Settings.fetch_wait``).
SPLIT_FETCH_WAIT_MS = 100
#: Exactly-once: seconds a lost transaction waits for a rebalance before the worker exits
#: (``Settings.lost_transaction_grace``).
LOST_TRANSACTION_GRACE_S = 30.0


def _default_home() -> Path:
    return Path(os.environ.get("WIRE_HOME", Path.cwd() / "var"))


@dataclass(frozen=True, slots=True)
class Settings:
    """Defaults are the local single-machine run; override any field with ``WIRE_<NAME>``."""

    #: Kafka bootstrap servers (comma separated). Also read from ``KAFKA_BOOTSTRAP``.
    bootstrap: str = "127.0.0.1:9092"
    #: Faust app id: also the consumer group and the prefix of internal topics.
    app_id: str = "wirestream"
    #: Topic name prefix (``wire`` gives ``wire.raw``, ``wire.region.europe`` ...).
    topic_prefix: str = "wire"
    raw_partitions: int = 4
    items_partitions: int = 1
    output_partitions: int = 2
    replication: int = 1
    #: Largest raw payload the parser accepts; larger ones are dead-lettered (limit-exceeded).
    max_raw_bytes: int = 4 * 1024 * 1024
    #: Largest Kafka record on our topics and clients: above max_raw_bytes, so an oversized
    #: payload can still be published and dead-lettered with its bytes intact.
    max_message_bytes: int = 16 * 1024 * 1024
    max_items: int = 1000
    max_depth: int = 64
    #: Output bound of one raw message (its records on wire.items, key + value + headers):
    #: at most this many times the raw size (value + headers) plus ``output_item_overhead``
    #: bytes per item. Over it, the raw message is a ``too-large-output`` dead letter.
    max_output_ratio: float = 4.0
    #: Fixed allowance per item for what every item carries whatever its text (capped
    #: evidence, lineage, capped notices and names, JSON field names).
    output_item_overhead: int = 32 * 1024
    #: Dedup window in hours of event time.
    dedup_window_hours: float = 72.0
    #: How far (hours) an item's own clock may sit from its Kafka record's timestamp before it
    #: is clamped, for dedup decisions and eviction (``docs/guarantees.md``).
    max_clock_skew_hours: float = 24.0
    #: Sources that share one uri namespace, e.g. ``reuters=rtrs,reuters-ftp;ap=apnews``; any
    #: other source cannot update or kill another's story (``docs/architecture.md``, Identity).
    source_aliases: str = ""
    #: The home country of an ingest source's outlet, e.g. ``punch-feed=NG,jpost=IL`` (source
    #: as in the ``wire-source`` header, ISO 3166-1 alpha-2): it locates a story of that source
    #: whose text names no place, as weak evidence (``streams/data/geo/README.md``, rule
    #: ``source-home``).
    source_homes: str = ""
    #: A secret shared by the workers that keys the stage hand-off's splice digest
    #: (``streams/core/dedup/handoff.py``): with it, a ``wire.items`` record not written by
    #: one of them is never spliced, whatever its headers say. Empty: an unkeyed digest, which
    #: catches accidents and older writers, not a forger with produce rights on the topic.
    handoff_key: str = field(default="", repr=False)
    #: Stages this worker runs, comma separated: ``parse`` (raw -> items), ``route`` (items ->
    #: dedup -> regional topics), or both (the default). Split, each stage is its own process
    #: with its own interpreter and fetch loop (``docs/architecture.md``, "Worker roles").
    roles: str = "parse,route"
    #: ``at_least_once`` (lowest latency) or ``exactly_once`` (Kafka transactions).
    guarantee: str = "at_least_once"
    #: Seconds between offset commits (in exactly-once mode: between transactions).
    commit_interval: float = 1.0
    #: Exactly-once: seconds a lost transaction (fenced, refused, a failed commit, a stage
    #: that crashed after queueing outputs) may wait for the rebalance that replaces it;
    #: then the worker exits (code 70) to be restarted from its committed offsets. Longer
    #: than a rebalance takes (``docs/guarantees.md``, Exactly-once).
    lost_transaction_grace: float = LOST_TRANSACTION_GRACE_S
    #: Events an agent takes in one batch (one round of sends, one wait for acks, one state
    #: write). 1 processes event by event, at about twice the CPU per item (README).
    batch_size: int = 100
    #: Seconds a batch waits, after its first event, for more events before it is processed
    #: (:mod:`streams.worker.batching`); a full batch goes at once. Batches still grow under
    #: load (events pile up while the agent works). 5 ms lets Faust hand over the rest of the
    #: fetch that brought the first event (0 started a batch on it alone, and the others
    #: waited for that batch: worse p50 and p99 at 52 items/s, README, Performance).
    batch_wait: float = 0.005
    #: Above 0 (and below ``batch_wait``): a batch of an idle agent waits for more events
    #: only while they keep arriving, going once a gap of this many seconds brings none,
    #: instead of the whole ``batch_wait`` after a lone event (:mod:`streams.worker.batching`).
    #: 0 (the default): the whole wait. Off by default: in nine alternated pairs on the
    #: loaded machine (three variants): no p99 gain, more steady CPU per item in 8 of 9
    #: (``bench/README.md``, "Batch gap").
    batch_gap: float = 0.0
    #: 1 (at least once only): the route agent takes its next batch while the changelog
    #: records of its last one still await their acknowledgement; that batch's offsets are
    #: acknowledged (committable) only once they are in, and the next batch's own state write
    #: waits for them (:meth:`streams.worker.agents.Stages.route_batch`,
    #: ``docs/architecture.md``, "Order of effects"). Exactly once, or ``WIRE_BATCH_SIZE=1``:
    #: ignored. 0: each batch waits for its changelog before the next.
    state_pipeline: int = 0
    #: 1: the fetch loop hands each record to the agents inline up to its
    #: first wait (:mod:`streams.worker.drain`), not through Faust's four tasks a record, and
    #: an agent buffer at 80% is waited for rather than its partition taken out of the fetch.
    #: In seven alternated pairs (2026-12-05 00:57-01:29, one process, load 1.3-3.4) the
    #: worker's steady CPU per item was lower in all (median 1.45 against 1.70 ms) and its
    #: saturation rate not lower (median 676 against 628 items/s, higher in 5 of 7); without
    #: the wait at 80% it idled 16-22% of the saturation phase (``bench/README.md``,
    #: session 18). Latency was not better (p99 at 300 items/s 147/107 against 145/92 ms).
    #: On by default. 0: Faust's own loop. (It was opt-in for a day: the exactly-once kill -9
    #: test took 250 s in CI against 148 s; the cause was the test, whose kill points were
    #: relative to the last kill's count, so a worker that ran ahead left a target above the
    #: stream's total and the test waited out 120 s twice. The inline hand-over only made
    #: the worker faster: reproduced 2026-12-05, 261 s with the phases printed.)
    inline_handover: int = 1
    #: Bytes of records (values, keys, headers) the fetch loop may have handed to the agents
    #: without their acknowledgement; at this it waits until they are down to half
    #: (:mod:`streams.worker.inflight`).
    #: The memory bound that holds when the worker falls behind: Faust's buffers count
    #: events, not bytes (1,024 raw messages of 4 MiB would be 4 GiB). With the inline
    #: hand-over only; 0: no bound.
    inflight_bytes: int = 32 * 1024 * 1024
    #: Seconds of process CPU time one raw message may take in stage 1 (parse, geo,
    #: features) before it is interrupted and dead-lettered as ``too-slow``
    #: (:mod:`streams.worker.watchdog`): a bound on an input shape we never met that makes
    #: some step super-linear. Known shapes take at most about 1 s/MB; 0: no bound.
    message_cpu_seconds: float = 20.0
    #: Milliseconds the broker may hold a fetch that found no new records; 0 picks the
    #: default for the worker's layout (:attr:`fetch_wait`). A fetch with data returns at once
    #: whatever this is; the wait bounds how long an idle fetch keeps the worker's other
    #: partitions on that broker from being fetched (:mod:`streams.worker.fetch`).
    fetch_wait_ms: int = 0
    #: Bytes the producer gathers per partition into one request. A partition sends one
    #: batch per round trip to its broker, so Faust's 16 KiB default caps a batch of
    #: ~4 KB items at a few items per round trip.
    producer_batch_bytes: int = 1024 * 1024
    #: Events buffered per agent before Faust pauses fetching (bounds memory under bursts).
    #: One fetch hands the agents at most a fifth of it (:attr:`poll_records`).
    stream_buffer: int = 1024
    #: Seconds before the group gives a silent worker's partitions to others (crash recovery time).
    session_timeout: float = 10.0
    #: ``rocksdb://`` for the worker, ``memory://`` for tests.
    store: str = "rocksdb://"
    #: RocksDB block cache per table partition, MiB. Faust's default is 2 GiB per partition
    #: (plus 3 x 64 MiB write buffers), which lets a worker's memory grow with its state.
    state_cache_mb: int = 64
    #: Where the worker keeps table state and where the local broker keeps its data.
    home: Path = field(default_factory=_default_home)
    #: Region table (JSON); empty means the bundled default.
    region_table: str = ""
    web_host: str = "127.0.0.1"
    web_port: int = 6066
    #: Required on data pages when the web server is bound beyond loopback (at least 16
    #: characters there); known defaults such as ``change-me`` are refused at start.
    web_token: str = ""
    #: Host headers the web server answers besides loopback names (comma separated):
    #: ``name``, ``name:port``, ``.suffix``, an IP network ``10.0.0.0/8``, or ``*`` for any.
    web_allowed_hosts: str = ""
    #: ``wire ingest``: the sources file (TOML, docs/ingest.md), where its HTTP server listens
    #: (push, status, metrics), and where the worker's dashboard reads its status.
    ingest_sources: Path = Path("sources.toml")
    ingest_host: str = "127.0.0.1"
    ingest_port: int = 6068
    ingest_url: str = ""
    #: Kafka security: PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL.
    security_protocol: str = "PLAINTEXT"
    sasl_mechanism: str = ""
    sasl_username: str = ""
    sasl_password: str = field(default="", repr=False)
    ssl_cafile: str = ""

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Build settings from ``WIRE_*`` variables; a malformed value is a :class:`ConfigError`."""
        env = os.environ if env is None else env
        values: dict[str, Any] = {}
        if "KAFKA_BOOTSTRAP" in env:
            values["bootstrap"] = env["KAFKA_BOOTSTRAP"]
        for f in fields(cls):
            var = "WIRE_" + f.name.upper()
            if var not in env:
                continue
            raw = env[var]
            try:
                if f.type in ("int", int):
                    values[f.name] = int(raw)
                elif f.type in ("float", float):
                    values[f.name] = float(raw)
                elif f.type in ("Path", Path):
                    values[f.name] = Path(raw)
                else:
                    values[f.name] = raw
            except ValueError as exc:
                raise ConfigError(
                    f"{var}={raw!r} is not a valid {f.type}; fix or unset it"
                ) from exc
        values.update(overrides)
        settings = cls(**values)
        settings.check()
        return settings

    def with_(self, **changes: Any) -> Settings:
        """A copy with some fields changed (checked like the original)."""
        new = replace(self, **changes)
        new.check()
        return new

    def check(self) -> None:
        for name in ("raw_partitions", "items_partitions", "output_partitions", "replication"):
            if getattr(self, name) < 1:
                raise ConfigError(f"WIRE_{name.upper()} must be at least 1")
        if self.max_output_ratio <= 0 or self.output_item_overhead < 0:
            raise ConfigError(
                "WIRE_MAX_OUTPUT_RATIO must be positive and WIRE_OUTPUT_ITEM_OVERHEAD not negative"
            )
        if self.batch_size < 1 or self.stream_buffer < 1:
            raise ConfigError("WIRE_BATCH_SIZE and WIRE_STREAM_BUFFER must be at least 1")
        if not 0 <= self.batch_wait <= 10:
            raise ConfigError("WIRE_BATCH_WAIT must be between 0 and 10 seconds")
        if self.inline_handover not in (0, 1):
            raise ConfigError("WIRE_INLINE_HANDOVER must be 0 or 1")
        if not 0 <= self.message_cpu_seconds <= 3600:
            raise ConfigError("WIRE_MESSAGE_CPU_SECONDS must be between 0 (no bound) and 3600")
        if self.inflight_bytes < 0:
            raise ConfigError("WIRE_INFLIGHT_BYTES must be 0 (no bound) or a number of bytes")
        if self.state_pipeline not in (0, 1):
            raise ConfigError("WIRE_STATE_PIPELINE must be 0 or 1")
        if not 0 <= self.batch_gap <= 10:
            raise ConfigError("WIRE_BATCH_GAP must be between 0 and 10 seconds")
        if not 0 < self.lost_transaction_grace <= 3600:
            raise ConfigError(
                "WIRE_LOST_TRANSACTION_GRACE must be between 0 (excluded) and 3600 seconds"
            )
        if not 0 <= self.fetch_wait_ms <= 30_000:
            raise ConfigError("WIRE_FETCH_WAIT_MS must be between 0 and 30000")
        if self.state_cache_mb < 1:
            raise ConfigError("WIRE_STATE_CACHE_MB must be at least 1")
        if not 1024 <= self.producer_batch_bytes <= self.max_message_bytes:
            raise ConfigError(
                "WIRE_PRODUCER_BATCH_BYTES must be between 1024 and WIRE_MAX_MESSAGE_BYTES"
            )
        if not 0 <= self.max_clock_skew_hours <= 24 * 365:
            raise ConfigError("WIRE_MAX_CLOCK_SKEW_HOURS must be between 0 and 8760")
        try:
            SourceAliases.parse(self.source_aliases)
        except ValueError as exc:
            raise ConfigError(f"WIRE_SOURCE_ALIASES: {exc}") from exc
        try:
            parse_source_homes(self.source_homes)
        except ValueError as exc:
            raise ConfigError(f"WIRE_SOURCE_HOMES: {exc}") from exc
        roles = [r.strip() for r in self.roles.split(",") if r.strip()]
        if not roles or not set(roles) <= set(ROLES):
            raise ConfigError(
                f"WIRE_ROLES={self.roles!r}: give parse, route or parse,route (comma separated)"
            )
        if self.guarantee not in ("at_least_once", "exactly_once"):
            raise ConfigError("WIRE_GUARANTEE must be at_least_once or exactly_once")
        if not self.bootstrap.strip():
            raise ConfigError("WIRE_BOOTSTRAP (or KAFKA_BOOTSTRAP) is empty; set host:port")

    @property
    def state_dir(self) -> Path:
        """The worker's local table state (RocksDB).

        A parse-only worker has no table but its own directory, so that it never shares
        files (Faust's data directory, the refused-outputs ledger) with a route worker on
        the same home; a route-only worker keeps the directory, and its state, of a worker
        running both stages.
        """
        return self.home / ("worker-parse" if self.role_set == {"parse"} else "worker")

    @property
    def ingest_status_url(self) -> str:
        """The ingest process's status document (``WIRE_INGEST_URL``, else host and port)."""
        if self.ingest_url:
            return self.ingest_url.rstrip("/") + "/ingest/status"
        host = "127.0.0.1" if self.ingest_host in ("0.0.0.0", "::", "") else self.ingest_host
        host = f"[{host}]" if ":" in host else host
        return f"http://{host}:{self.ingest_port}/ingest/status"

    @property
    def poll_records(self) -> int:
        """Records one fetch may hand the agents: what never overflows an agent's buffer.

        Faust pauses a partition once its agent's buffer is 80% full, but still delivers
        the records already fetched, and keeps fetching each other partition of the topic
        until a record of that partition finds the buffer 80% full. One record too many
        makes the worker's one fetch loop wait for that agent, and every other agent with it
        (``docs/architecture.md``, "Batched agents and the shared fetch loop"). So the 20%
        headroom is shared among the topic's partitions, one fetch each. (With the inline
        hand-over, the default, such a partition stays in the fetch and the loop waits for
        its buffer to drop to 40% instead: ``docs/architecture.md``, the same section.)
        """
        headroom = self.stream_buffer - math.floor(self.stream_buffer / 1.25) - 1
        return max(1, headroom // max(self.raw_partitions, self.items_partitions))

    @property
    def role_set(self) -> frozenset[str]:
        """The stages this worker runs (``parse``, ``route``)."""
        return frozenset(r.strip() for r in self.roles.split(",") if r.strip())

    @property
    def split(self) -> bool:
        """Runs one stage only (the other runs in another process)."""
        return self.role_set != frozenset(ROLES)

    @property
    def fetch_wait(self) -> int:
        """The broker-side fetch wait, ms: ``fetch_wait_ms``, or the layout's default.

        Both stages in one process share one fetch loop: a fetch held for the topic that has
        nothing keeps the other topic's partition from being fetched, so the wait stays short
        (:data:`SHARED_FETCH_WAIT_MS`). A split worker reads one topic, so no other stage
        waits behind its idle fetch, and a longer wait mostly saves the idle fetches' CPU
        (:data:`SPLIT_FETCH_WAIT_MS`; what it can still delay: :mod:`streams.worker.fetch`).
        """
        if self.fetch_wait_ms:
            return self.fetch_wait_ms
        return SPLIT_FETCH_WAIT_MS if self.split else SHARED_FETCH_WAIT_MS

    @property
    def exactly_once(self) -> bool:
        return self.guarantee == "exactly_once"

    @property
    def pipelined_state(self) -> bool:
        """Does the route agent overlap a batch's changelog acknowledgements with the next
        batch (``WIRE_STATE_PIPELINE``; at least once and in batches only: event by event,
        Faust's own stream acknowledges each event when the agent takes the next)?"""
        return bool(self.state_pipeline) and not self.exactly_once and self.batch_size > 1

    @property
    def dedup_window_ms(self) -> int:
        return int(self.dedup_window_hours * 3600 * 1000)

    @property
    def max_clock_skew_ms(self) -> int:
        return int(self.max_clock_skew_hours * 3600 * 1000)

    @property
    def web_is_public(self) -> bool:
        """The bind reaches beyond this machine (the test the web token check uses)."""
        return not is_loopback(self.web_host)

    def kafka_client_kwargs(self) -> dict[str, Any]:
        """Connection options shared by every aiokafka client we create."""
        kwargs: dict[str, Any] = {
            "bootstrap_servers": self.bootstrap,
            "security_protocol": self.security_protocol,
        }
        if self.sasl_mechanism:
            kwargs["sasl_mechanism"] = self.sasl_mechanism
            kwargs["sasl_plain_username"] = self.sasl_username
            kwargs["sasl_plain_password"] = self.sasl_password
        if self.security_protocol in ("SSL", "SASL_SSL"):
            from aiokafka.helpers import create_ssl_context

            kwargs["ssl_context"] = create_ssl_context(cafile=self.ssl_cafile or None)
        return kwargs
