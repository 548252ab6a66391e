"""The route stage's state write: retried while transient, dropped when fenced."""

from __future__ import annotations

from typing import Any

from aiokafka.errors import KafkaTimeoutError, ProducerFenced

from streams.agents import Stages
from streams.app import build_pipeline
from streams.core.dedup import MemoryStore
from streams.settings import Settings
from streams.shell.delivery import Deliverer
from streams.stats import Stats


class State:
    """A batch state whose writes fail as scripted."""

    def __init__(self, *outcomes: list[BaseException]) -> None:
        self.outcomes = list(outcomes)
        self.applied = 0
        self.discarded = 0

    def begin(self, origin: object) -> None:
        return None

    def discard(self) -> None:
        self.discarded += 1

    async def apply(self) -> list[BaseException]:
        self.applied += 1
        return self.outcomes.pop(0) if self.outcomes else []


async def _send(*args: Any, **kwargs: Any) -> Any:
    raise AssertionError("not used")


def stages(state: State, fatal: list[str]) -> Stages:
    pipeline = build_pipeline(Settings(), MemoryStore())
    deliverer = Deliverer(_send, on_fatal=fatal.append)
    return Stages(pipeline, deliverer, Stats(), state)


async def test_a_fenced_state_write_is_dropped_not_kept_for_the_next_batch() -> None:
    state, fatal = State([ProducerFenced()]), []
    assert not await stages(state, fatal)._apply_state()
    assert state.discarded == 1 and state.applied == 1 and not fatal


async def test_a_transient_state_write_failure_is_retried() -> None:
    state, fatal = State([KafkaTimeoutError()]), []
    assert await stages(state, fatal)._apply_state()
    assert state.applied == 2 and state.discarded == 0 and not fatal


async def test_a_refused_state_write_stops_the_worker() -> None:
    state, fatal = State([ValueError("bad")]), []
    assert not await stages(state, fatal)._apply_state()
    assert len(fatal) == 1 and "dedup state" in fatal[0]
