"""Forward-only baselines, run as subprocess workers by :mod:`bench.e2e`.

``python -m bench.baselines faust``: a Faust agent that forwards each raw event's key and
bytes to one topic (``await topic.send``, Faust's usual buffered send), with the same
producer acks and fetch sizes as the Wirestream app. ``python -m bench.baselines aiokafka``:
a plain consume→produce loop (``getmany`` up to 500 records, send all, await the acks, commit).
Both read ``BENCH_BOOTSTRAP``, ``BENCH_SOURCE``, ``BENCH_TARGET``, ``BENCH_GROUP`` and, for
Faust, ``BENCH_WEB_PORT`` and ``BENCH_HOME``. They show what the framework and the client
cost with no pipeline at all, on the same broker and traffic.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
from typing import Any

FETCH = 16 * 1024 * 1024


def _env(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        raise SystemExit(f"bench.baselines: {name} is not set")
    return value


def faust_app() -> Any:
    import faust

    app = faust.App(
        _env("BENCH_GROUP"),
        broker=f"kafka://{_env('BENCH_BOOTSTRAP')}",
        store="memory://",
        datadir=os.environ.get("BENCH_HOME", "."),
        autodiscover=False,
        topic_partitions=1,
        producer_acks=-1,
        producer_max_request_size=FETCH,
        consumer_max_fetch_size=FETCH,
        web_host="127.0.0.1",
        web_bind="127.0.0.1",
        web_port=int(os.environ.get("BENCH_WEB_PORT", "6067")),
        web_in_thread=False,
    )
    source = app.topic(_env("BENCH_SOURCE"), key_serializer="raw", value_serializer="raw")
    target = app.topic(_env("BENCH_TARGET"), key_serializer="raw", value_serializer="raw")

    async def forward(stream: Any) -> None:
        async for event in stream.events():
            await target.send(key=event.key, value=event.value)

    app.agent(source, name="forward")(forward)
    return app


async def aiokafka_loop() -> None:
    from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

    bootstrap, target = _env("BENCH_BOOTSTRAP"), _env("BENCH_TARGET")
    consumer = AIOKafkaConsumer(
        _env("BENCH_SOURCE"),
        bootstrap_servers=bootstrap,
        group_id=_env("BENCH_GROUP"),
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        max_partition_fetch_bytes=FETCH,
        fetch_max_bytes=FETCH,
    )
    producer = AIOKafkaProducer(
        bootstrap_servers=bootstrap, acks="all", max_request_size=FETCH, linger_ms=1
    )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await consumer.start()
    await producer.start()
    try:
        while not stop.is_set():
            batch = await consumer.getmany(timeout_ms=200, max_records=500)
            futures = [
                await producer.send(target, m.value, key=m.key)
                for messages in batch.values()
                for m in messages
            ]
            if futures:
                await asyncio.gather(*futures)
                await consumer.commit()
    finally:
        with contextlib.suppress(Exception):
            await consumer.stop()
        with contextlib.suppress(Exception):
            await producer.stop()


def main(argv: list[str]) -> None:
    if argv[:1] == ["faust"]:
        port = os.environ.get("BENCH_WEB_PORT", "6067")
        sys.argv = ["bench-faust", "worker", "-l", "warn", "--web-port", port]
        faust_app().main()
    elif argv[:1] == ["aiokafka"]:
        asyncio.run(aiokafka_loop())
    else:
        raise SystemExit("usage: python -m bench.baselines faust|aiokafka")


if __name__ == "__main__":
    main(sys.argv[1:])
