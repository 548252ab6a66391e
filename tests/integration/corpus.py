"""Many distinct, deterministic wire items for fault tests (written for this project)."""

from __future__ import annotations

import random

from streams.kafka.clients import RawPayload

PLACES = [
    ("Poland", "WARSAW"),
    ("Kenya", "NAIROBI"),
    ("Peru", "LIMA"),
    ("Japan", "TOKYO"),
    ("Egypt", "CAIRO"),
    ("Canada", "OTTAWA"),
    ("Vietnam", "HANOI"),
    ("Ghana", "ACCRA"),
    ("Spain", "MADRID"),
    ("Chile", "SANTIAGO"),
    ("Jordan", "AMMAN"),
    ("India", "NEW DELHI"),
]
TOPICS = [
    "the finance ministry cut its growth forecast for next year to {n}.{m} percent",
    "police said {n} people were detained after protests over fuel prices",
    "the central bank kept its main interest rate unchanged at {n}.{m} percent",
    "officials said {n} homes were damaged by floods after two days of heavy rain",
    "the parliament approved a bill raising the minimum wage by {n} percent",
    "the transport ministry said {n} flights were cancelled because of a strike",
]


def story(i: int) -> bytes:
    rng = random.Random(i)
    country, city = PLACES[i % len(PLACES)]
    fact = rng.choice(TOPICS).format(n=rng.randint(2, 900), m=rng.randint(0, 9))
    headline = f"{country}: {fact.split(' said ')[-1][:60]} (story {i})"
    body = (
        f"{city}, May {1 + i % 28} (WNA) - In {country}, {fact}, according to figures released on "
        f"Tuesday under reference {i}. Local media in {country} reported the news first. (WNA)"
    )
    return f"{headline}\n{body}\n".encode()


def payloads(n: int, repeat_every: int = 10) -> list[RawPayload]:
    """``n`` raw messages; every ``repeat_every``-th one repeats an earlier story exactly."""
    out = []
    for i in range(n):
        k = i - 5 if repeat_every and i % repeat_every == 9 and i >= 5 else i
        out.append(RawPayload(story(k), "wna", f"story-{k}.txt"))
    return out
