"""The pure pipeline in-process, no Kafka: what one core can do, and where the time goes.

Per raw message it does what the worker does minus Kafka: ``stage1_records`` (parse,
lineage, geo, dedup features, serialise each item for ``wire.items``), then stage 2 as the
route agent runs it (``routable``: the record and its features header, ``prefetch``,
``decide_routable``: dedup and the routed record, ``remember_routable``), with a
:class:`MemoryStore`. Items per CPU-second (``time.process_time``) is the per-core figure;
it is steadier on a shared machine than wall-clock items/s. Stage 2's own CPU is given apart
(``stage2_cpu_ms_per_item``).

Run alone: ``python bench/pipeline_bench.py [--items N] [--profile] [--interpreted]`` (the
compiled core when its build matches the sources, ``streams/compiled.py``; ``--interpreted``
forces the Python modules);
``python bench/pipeline_bench.py --dedup-memory N [--store rocksdb]`` measures dedup state RSS
in this process, in memory or in the worker's default RocksDB store.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import ctypes
import gc
import os
import pstats
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
if "--interpreted" in sys.argv:  # before streams is imported: it picks the core at import
    os.environ["WIRE_COMPILED"] = "0"

from bench import write_json
from bench.traffic import TrafficConfig, TrafficGenerator, generate
from streams import compiled, jsonio
from streams.core.assemble import build_pipeline
from streams.core.dedup import Decision, MemoryStore
from streams.core.dedup.sketch import INDEX
from streams.core.model import Body, Headline, RawMessage, WireItem
from streams.core.pipeline import Pipeline
from streams.errors import WireError
from streams.settings import Settings


@dataclass
class PureResult:
    messages: int = 0
    items: int = 0
    dead_letters: int = 0
    records: int = 0
    wall_s: float = 0.0
    cpu_s: float = 0.0
    stage2_cpu_s: float = 0.0
    #: Messages run after the timed ones (``run_pure(timed=)``): in units, outputs, statuses
    #: and topics, not in items, records or the clocks.
    untimed_messages: int = 0
    mean_article_bytes: float = 0.0
    statuses: dict[str, int] = field(default_factory=dict)
    #: Output records (regional, duplicates, dead letters) by topic, without the prefix.
    topics: dict[str, int] = field(default_factory=dict)
    #: What each raw message yields, in order: items (1 for a dead letter) and output records.
    units: list[int] = field(default_factory=list, repr=False)
    outputs: list[int] = field(default_factory=list, repr=False)

    @property
    def items_per_s(self) -> float:
        return self.items / self.wall_s if self.wall_s else 0.0

    @property
    def items_per_cpu_s(self) -> float:
        return self.items / self.cpu_s if self.cpu_s else 0.0

    def summary(self) -> dict[str, Any]:
        out = asdict(self)
        del out["outputs"], out["units"]
        out["items_per_s"] = round(self.items_per_s, 1)
        out["items_per_cpu_s"] = round(self.items_per_cpu_s, 1)
        out["stage2_cpu_ms_per_item"] = (
            round(1000 * self.stage2_cpu_s / self.items, 3) if self.items else 0.0
        )
        return out


def new_pipeline() -> Pipeline:
    return build_pipeline(Settings.from_env({}), MemoryStore())


def run_pure(
    records: Sequence[Any],
    pipeline: Pipeline | None = None,
    topic: str = "wire.raw",
    timed: int | None = None,
) -> PureResult:
    """Run every raw record through the whole pure pipeline, as the worker would.

    ``timed``: only the first that many records count in the figures (items, records, CPU
    and wall time); the rest still run for what they yield (``units``, ``outputs``), so a
    bench can lengthen a phase without changing the traffic its pure figure is measured on."""
    pipeline = pipeline or new_pipeline()
    timed = len(records) if timed is None else min(timed, len(records))
    result = PureResult(messages=timed, untimed_messages=len(records) - timed)
    statuses: Counter[str] = Counter()
    topics: Counter[str] = Counter()
    cut = len(pipeline.topics.prefix) + 1
    base = int(time.time() * 1000)
    sizes = [b for r in records[:timed] for b in r.article_bytes]  # the timed traffic's
    result.mean_article_bytes = round(sum(sizes) / len(sizes), 1) if sizes else 0.0
    wall, cpu = time.perf_counter(), time.process_time()
    for offset, record in enumerate(records):
        if offset == timed:
            result.wall_s = time.perf_counter() - wall
            result.cpu_s = time.process_time() - cpu
        now = base + offset
        raw = RawMessage(record.value, record.headers(), topic, 0, offset, now)
        try:
            staged = pipeline.stage1_records(raw)  # as the parse agent does: encoded once
        except WireError as exc:
            topics[pipeline.dead_letter(raw, exc).topic[cut:]] += 1
            result.dead_letters += offset < timed
            result.units.append(1)
            result.outputs.append(1)
            continue
        produced = 0
        stage2 = time.process_time()
        batch = [pipeline.routable(out.value, dict(out.headers)) for out in staged]
        pipeline.prefetch(batch)
        for r in batch:
            decision, routed = pipeline.decide_routable(r, now)
            pipeline.remember_routable(r, decision, now)
            statuses[decision.status] += 1
            produced += len(routed)
            for r in routed:
                topics[r.topic[cut:]] += 1
        if offset < timed:
            result.stage2_cpu_s += time.process_time() - stage2
            result.items += len(staged)
            result.records += produced
        result.units.append(len(staged))
        result.outputs.append(produced)
    if timed == len(records):
        result.wall_s = time.perf_counter() - wall
        result.cpu_s = time.process_time() - cpu
    result.statuses = dict(statuses)
    result.topics = dict(sorted(topics.items()))
    return result


def profile_pure(records: Sequence[Any], top: int = 15) -> dict[str, Any]:
    """cProfile over a pure run: hottest functions (own time) and time per module."""
    pipeline = new_pipeline()
    profiler = cProfile.Profile()
    profiler.enable()
    run_pure(records, pipeline)
    profiler.disable()
    return summarize(pstats.Stats(profiler), top)


def summarize(stats: pstats.Stats, top: int = 15) -> dict[str, Any]:
    """Hottest functions by own time, and own time per module, as shares of the total."""
    raw: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    total = sum(v[2] for v in raw.values()) or 1.0
    rows = sorted(raw.items(), key=lambda kv: kv[1][2], reverse=True)
    functions = [
        {
            "function": f"{_short(path)}:{line}:{name}",
            "own_pct": round(100 * v[2] / total, 1),
            "cum_pct": round(100 * v[3] / total, 1),
            "calls": v[1],
        }
        for (path, line, name), v in rows[:top]
    ]
    modules: Counter[str] = Counter()
    for (path, _, _), v in raw.items():
        modules[_short(path)] += v[2]
    return {
        "functions": functions,
        "modules": [
            {"module": m, "own_pct": round(100 * t / total, 1)} for m, t in modules.most_common(top)
        ],
    }


def _short(path: str) -> str:
    for marker in ("/streams/", "/bench/", "/site-packages/", "/lib/python3"):
        if marker in path:
            return marker.strip("/").split("/")[0] + "/" + path.split(marker, 1)[1]
    return path


def settled_rss_kb() -> int:
    """This process's VmRSS after a collection and glibc's ``malloc_trim``: heap freed
    earlier (the gazetteer's build garbage) but still mapped would otherwise take the growth
    being measured and hide it. Session 17: without the trim the same dedup state measured
    145 B a story in one tree and 414 B in another whose start-up left less garbage; with it
    both measure about 1,200 B at 20,000 stories (RocksDB, buffers and cache still filling)
    and 116 B at 1,000,000."""
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    return rss_kb()


def rss_kb(pid: int | str = "self") -> int:
    """VmRSS of a process in kB (0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError):
        return 0
    return 0


class RocksStore:
    """The worker's default store without Faust: RocksDB opened by Faust's own
    ``RocksDBOptions`` with the worker's options (``streams.worker.app.rocksdb_options``), keys and
    values JSON-encoded as the Faust table's codecs store them."""

    def __init__(self, path: Path) -> None:
        from faust.stores.rocksdb import RocksDBOptions

        from streams.worker.app import rocksdb_options

        self.path = path
        self.db: Any = RocksDBOptions(**rocksdb_options(Settings.from_env({}))).open(path)
        self._keys = 0

    def get(self, key: str) -> Any | None:
        value = self.db.get(jsonio.dumps(key))
        return None if value is None else jsonio.loads(value)

    def get_many(self, keys: Sequence[str]) -> list[Any | None]:
        values = self.db.get([jsonio.dumps(k) for k in keys])
        return [None if v is None else jsonio.loads(v) for v in values]

    def scan(self) -> Iterator[tuple[str, Any]]:
        for key, value in self.db.items():
            yield jsonio.loads(key), jsonio.loads(value)

    def set(self, key: str, value: Any) -> None:
        self.db[jsonio.dumps(key)] = jsonio.dumps(value)
        self._keys += 1

    def delete(self, key: str) -> None:
        del self.db[jsonio.dumps(key)]

    def __len__(self) -> int:
        return self._keys  # writes, not distinct keys: counting would scan the database

    def disk_bytes(self) -> int:
        return sum(f.stat().st_size for f in self.path.rglob("*") if f.is_file())


def dedup_memory(stories: int, seed: int = 7, store: str = "memory") -> dict[str, Any]:
    """RSS growth of a store holding ``stories`` stories' dedup state (this process).

    Stories come from the traffic generator (new ones only, ~3 KB) turned straight into
    items, skipping parse and geo: only the dedup state stays alive, so the growth is it.
    ``store`` is ``memory`` (:class:`MemoryStore`, the exactly-once mode's) or ``rocksdb``
    (the at-least-once default, :class:`RocksStore` in a temporary directory). The RSS
    includes the deduper's derived in-memory index; ``rebuild_s`` is what rebuilding it from
    the store costs (a restart or a partition assigned); ``never_posted`` counts the stories
    no posting list holds (templated traffic fills lists: see ``bench/README.md``, "Every
    story posted").
    """
    tmp = tempfile.TemporaryDirectory(prefix="wire-dedup-mem-") if store == "rocksdb" else None
    backing: MemoryStore | RocksStore = (
        RocksStore(Path(tmp.name) / "dedup") if tmp is not None else MemoryStore()
    )
    pipeline = build_pipeline(Settings.from_env({}), backing)
    gen = TrafficGenerator(TrafficConfig(seed=seed, repeat_share=0.0, near_share=0.0))
    base = int(time.time() * 1000)

    articles = gen.articles()

    def insert(count: int, start: int) -> None:
        for n in range(count):
            article = next(articles)
            item = WireItem(
                uri=f"urn:bench:{start + n}",
                headlines=[Headline(article.headline)],
                bodies=[Body("\n\n".join(article.paragraphs))],
            )
            now = base + start + n
            pipeline.deduper.decide(item, now)
            pipeline.deduper.remember(item, Decision("routed"), now)

    try:
        insert(min(2000, stories), 0)
        before = settled_rss_kb()
        keys_before = len(backing)
        began = time.perf_counter()
        insert(stories, 10**9)
        took = time.perf_counter() - began
        after = settled_rss_kb()
        per_story = (after - before) * 1024 / stories if stories else 0.0
        out: dict[str, Any] = {
            "store": store,
            "stories": stories,
            "keys": len(backing) - keys_before,
            "rss_before_mb": round(before / 1024, 1),
            "rss_after_mb": round(after / 1024, 1),
            "bytes_per_story": round(per_story, 1),
            "estimate_1m_mb": round(per_story * 1_000_000 / 2**20, 1),
            "insert_s": round(took, 2),
            # The candidate index and buckets, derived from the story records (in the RSS).
            "derived_index_arrays_mb": round(pipeline.deduper.index.nbytes() / 2**20, 1),
        }
        # Stories no posting list holds (all their lists were full): a republication finds
        # them only through the flood's second chance. Every posted id has a record here.
        _, ids, _, recent = pipeline.deduper.index.postings()
        posted = set(np.unique(ids).tolist()).union(*recent.values())
        posted.discard(2**64 - 1)  # a removed entry
        out["never_posted"] = len(backing) - len(posted)
        began = time.perf_counter()
        pipeline.deduper.invalidate()
        out["rebuilt_stories"] = pipeline.deduper.index.rebuild(backing.scan(), INDEX)
        out["rebuild_s"] = round(time.perf_counter() - began, 2)
        if isinstance(backing, RocksStore):
            out["disk_mb"] = round(backing.disk_bytes() / 2**20, 1)
            out["method"] = (
                "in-process RocksDB with the worker's options (write buffers 2 x 16 MiB, block "
                "cache WIRE_STATE_CACHE_MB): VmRSS growth after gc over N synthetic ~3 KB "
                "stories (decide + remember). Bounded by buffers and cache, not linear in N: "
                "the 1M estimate below 1M stories is an upper bound; measure with N = 1000000"
            )
        else:
            out["method"] = (
                "in-process MemoryStore; VmRSS growth after gc over N synthetic ~3 KB stories "
                "(decide + remember, no parse/geo), scaled linearly to 1M (too low below 1M: "
                "the dicts grow in steps)"
            )
        return out
    finally:
        if tmp is not None:
            tmp.cleanup()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--dedup-memory", type=int, metavar="N")
    parser.add_argument("--store", choices=("memory", "rocksdb"), default="memory")
    parser.add_argument(
        "--interpreted", action="store_true", help="the interpreted core (WIRE_COMPILED=0)"
    )
    args = parser.parse_args(argv)
    if args.dedup_memory:
        print(jsonio.dumps(dedup_memory(args.dedup_memory, store=args.store)).decode())
        return
    records = generate(args.items, seed=args.seed)
    result = run_pure(records)
    out: dict[str, Any] = {"pure": result.summary(), "core": str(compiled.mode())}
    print(
        f"pure pipeline ({compiled.mode()}): {result.items} items from {result.messages} messages, "
        f"{result.items_per_s:,.0f} items/s wall, {result.items_per_cpu_s:,.0f} items/CPU-s, "
        f"mean article {result.mean_article_bytes:,.0f} B, statuses {result.statuses}, "
        f"stage 2 {result.summary()['stage2_cpu_ms_per_item']} CPU ms/item"
    )
    if args.profile:
        out["profile"] = prof = profile_pure(records[: max(1, len(records) // 3)])
        for row in prof["functions"]:
            print(f"  {row['own_pct']:5.1f}% own {row['cum_pct']:5.1f}% cum  {row['function']}")
    print("written", write_json("pipeline.json", out))


if __name__ == "__main__":
    main()
