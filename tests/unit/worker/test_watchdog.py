"""The per-message CPU bound of stage 1 (``WIRE_MESSAGE_CPU_SECONDS``)."""

from __future__ import annotations

import re
import signal
import threading
import time
import weakref
from typing import Any

import pytest

from streams.core.assemble import build_pipeline
from streams.core.dedup import MemoryStore
from streams.core.model import RawMessage
from streams.core.pipeline import Pipeline
from streams.errors import ConfigError, LimitExceeded, MessageTooSlow
from streams.settings import Settings
from streams.worker.agents import Stages
from streams.worker.delivery import Deliverer
from streams.worker.stats import Stats
from streams.worker.watchdog import DEFAULT_MESSAGE_CPU_SECONDS, Watchdog

from .test_agents import STORY, Event, RefusingSend, State

#: Exponential backtracking: far more than a second of CPU for 30 characters.
RUNAWAY = re.compile(r"(a+)+$")
HOSTILE = "a" * 30 + "!"


class SlowOnHostile:
    """The real pipeline, whose stage 1 first runs away on a message marked HOSTILE (a
    wrapper: the compiled ``Pipeline`` takes no patched method)."""

    def __init__(self, real: Pipeline) -> None:
        self.real = real

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)

    def stage1_records(self, raw: RawMessage) -> Any:
        if raw.value.startswith(b"HOSTILE"):
            RUNAWAY.match(HOSTILE)
        return self.real.stage1_records(raw)


def spin_python() -> None:
    while True:
        time.sleep(0)


def test_a_runaway_regex_is_interrupted_as_too_slow() -> None:
    dog = Watchdog(0.3)
    started = time.process_time()
    with pytest.raises(MessageTooSlow) as caught, dog.guard():
        RUNAWAY.match(HOSTILE)
    assert time.process_time() - started < 5
    assert caught.value.reason == "too-slow"
    assert isinstance(caught.value, LimitExceeded)
    assert "WIRE_MESSAGE_CPU_SECONDS" in caught.value.message
    assert dog.fired == 1


def test_a_python_loop_is_interrupted_and_the_timer_is_off_afterwards() -> None:
    dog = Watchdog(0.2)
    with pytest.raises(MessageTooSlow), dog.guard():
        spin_python()
    assert signal.getitimer(signal.ITIMER_VIRTUAL) == (0.0, 0.0)
    with dog.guard():
        pass  # a quick block leaves no timer running
    assert signal.getitimer(signal.ITIMER_VIRTUAL) == (0.0, 0.0)


def test_a_signal_after_the_block_raises_nothing() -> None:
    dog = Watchdog(0.2)
    with dog.guard():
        pass
    dog._expired(signal.SIGVTALRM, None)  # late: the block is over
    assert dog.fired == 0


def test_zero_or_another_thread_means_no_bound() -> None:
    off = Watchdog(0)
    with off.guard():
        pass
    assert not off._installed
    seen: list[bool] = []

    def run() -> None:
        dog = Watchdog(0.2)
        with dog.guard():
            seen.append(dog._installed)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    assert seen == [False]


def test_the_setting_reaches_the_worker_and_bad_values_are_refused() -> None:
    assert Settings.from_env({}).message_cpu_seconds == DEFAULT_MESSAGE_CPU_SECONDS
    assert Settings.from_env({"WIRE_MESSAGE_CPU_SECONDS": "0"}).message_cpu_seconds == 0
    for bad in ("-1", "4000"):
        with pytest.raises(ConfigError, match="WIRE_MESSAGE_CPU_SECONDS"):
            Settings.from_env({"WIRE_MESSAGE_CPU_SECONDS": bad})


async def test_a_too_slow_message_is_a_dead_letter_and_the_next_one_goes_on() -> None:
    send = RefusingSend("none")
    pipeline = SlowOnHostile(build_pipeline(Settings(), MemoryStore()))
    stats = Stats()
    agent = Stages(
        pipeline,  # type: ignore[arg-type]
        Deliverer(send, on_fatal=lambda reason: None),
        stats,
        State(),
        watchdog=Watchdog(0.3),
    )
    await agent.parse_batch(
        [Event("wire.raw", 7, b"HOSTILE " + STORY), Event("wire.raw", 8, STORY)]
    )
    dead = [(v, h) for t, v, h in send.acked if t == "wire.dead-letter"]
    assert [(v, h["wire-reason"], h["wire-raw-offset"]) for v, h in dead] == [
        (b"HOSTILE " + STORY, b"too-slow", b"7")
    ]
    assert [t for t, _, _ in send.acked if t != "wire.dead-letter"] == ["wire.items"]
    assert agent.watchdog.fired == 1


def test_an_interruption_python_discards_is_not_the_last(monkeypatch: pytest.MonkeyPatch) -> None:
    """The signal's exception is raised in whatever Python code the main thread runs next:
    inside a block that may be a weak reference's callback or a ``__del__`` that the garbage
    collector runs there (Faust's messages carry both kinds of callback), where Python
    prints the exception and drops it. The bound must not end with it: the block is still
    interrupted."""
    swallowed: list[BaseException | None] = []
    monkeypatch.setattr("sys.unraisablehook", lambda info: swallowed.append(info.exc_value))

    class Freed:
        pass

    def burn(_ref: object) -> None:  # a callback that runs past the bound
        end = time.process_time() + 0.4
        while time.process_time() < end:
            pass

    dog = Watchdog(0.1)
    started = time.process_time()
    with pytest.raises(MessageTooSlow), dog.guard():
        freed = Freed()
        ref = weakref.ref(freed, burn)
        del freed  # the callback runs here, the bound passes in it
        assert ref() is None
        end = time.process_time() + 2
        while time.process_time() < end:
            pass
    assert [type(e) for e in swallowed] == [MessageTooSlow]
    assert time.process_time() - started < 1.5
    assert dog.fired == 1
    assert signal.getitimer(signal.ITIMER_VIRTUAL) == (0.0, 0.0)


def test_a_block_guarded_outside_the_main_thread_is_not_bounded_there() -> None:
    """The handler raises in the main thread: a block another thread guards, once the main
    thread has installed it, must not arm the timer (its exception would hit whatever the
    main thread runs, here a loop waiting for the thread)."""
    dog = Watchdog(0.1)
    with dog.guard():
        pass  # installed from the main thread
    done: list[bool] = []

    def run() -> None:
        with dog.guard():
            end = time.process_time() + 0.5
            while time.process_time() < end:
                pass
        done.append(True)

    thread = threading.Thread(target=run)
    thread.start()
    while thread.is_alive():
        pass
    thread.join()
    assert done == [True]
    assert dog.fired == 0
