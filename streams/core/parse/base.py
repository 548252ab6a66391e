"""Limits, the parse result, and small helpers every format parser shares."""

from __future__ import annotations

from dataclasses import dataclass, field

from streams.core.model import MAX_SOURCE_CHARS, WireItem
from streams.errors import LimitExceeded


@dataclass(frozen=True, slots=True)
class ParseLimits:
    """Guards against hostile payloads; every one is a setting (``WIRE_MAX_*``)."""

    max_raw_bytes: int = 8 * 1024 * 1024
    max_items: int = 1000
    max_depth: int = 64


DEFAULT_LIMITS = ParseLimits()

#: Longest rights text (``usageterms``, ``copyrightnotice``) kept per item, in characters.
#: These are payload-level fields (a dump's legal notice, a feed's channel copyright) copied
#: into every item of the payload: uncapped, one 2 MB notice and 1000 items make 2 GB.
MAX_NOTICE_CHARS = 2000
#: Most dropped text an item carries (``wirestream.dropped``), in characters. Dropped text is
#: usually a few markers; a payload of boilerplate must not grow each of its item's records by
#: its size (the output bound), so beyond this the report says how much more was dropped.
MAX_DROPPED_CHARS = 4000
#: Lines of a plain-text payload: each is classified (furniture, notice, dateline, headline
#: shape) at ~10 us apiece. Wire copy wraps at 60-80 characters, so a payload may hold
#: ``MAX_LINES`` lines or one per ``MIN_LINE_CHARS`` characters, whichever is more; floods of
#: tiny lines ("a" and a blank, 350,000 per MB) would cost seconds per megabyte (issue #15).
MAX_LINES = 10_000
MIN_LINE_CHARS = 16
#: Longest name (an infosource such as a feed title) kept per item.
MAX_NAME_CHARS = MAX_SOURCE_CHARS
#: Longest headline (or subheadline) read as one, in characters after cleaning. Agencies'
#: run to about 150, a headline with its kicker and subtitle to a few hundred; a longer one is
#: a feed that put its text in the title, or a hostile one (a 4 MB ninjs headline held some
#: 130 MB in one worker: headline features are built per word). It opens the body instead,
#: and the headline is derived from it (``headline-as-body`` and ``derived-headline``).
MAX_HEADLINE_CHARS = 1000


@dataclass(slots=True)
class ParseResult:
    """Items of one payload, plus the text we read but put in no item.

    ``dropped`` holds boilerplate we removed on purpose (end markers such as ``###``,
    version markers stripped from headlines, feed trailers), so a caller can check
    that nothing else was lost.
    """

    items: list[WireItem]
    format: str
    charset: str = "utf-8"
    dropped: list[str] = field(default_factory=list)

    def __init__(
        self,
        items: list[WireItem],
        format: str,
        charset: str = "utf-8",
        dropped: list[str] | None = None,
    ) -> None:
        """Written out, not generated: the compiled core runs a generated ``__init__``
        interpreted (about 2 k instructions a call); this one is compiled. The fields'
        order and defaults (a factory's for ``None``), checked by
        ``tests/unit/core/test_dataclass_inits.py``; bench/README.md, session 26."""
        self.items = items
        self.format = format
        self.charset = charset
        self.dropped = [] if dropped is None else dropped


def check_item_count(count: int, limits: ParseLimits) -> None:
    """Raise LimitExceeded once a payload holds more items than allowed."""
    if count > limits.max_items:
        raise LimitExceeded(
            f"the payload holds more than {limits.max_items} items; raise WIRE_MAX_ITEMS"
            " or split the payload",
            reason="too-many-items",
        )


def add_signal(item: WireItem, signal: str) -> None:
    """Append a signal once."""
    if signal not in item.ext.signals:
        item.ext.signals.append(signal)


def carried_dropped(pieces: list[str]) -> list[str]:
    """The dropped pieces an item carries: blank ones left out, at most ``MAX_DROPPED_CHARS``
    characters in all; the rest is counted in a last ``[N more characters dropped]`` entry."""
    out: list[str] = []
    room = MAX_DROPPED_CHARS
    more = 0
    for piece in pieces:
        if not piece.strip():
            continue
        if len(piece) <= room:
            out.append(piece)
            room -= len(piece)
        else:
            if room > 0:
                out.append(piece[:room])
            more += len(piece) - max(room, 0)
            room = 0
    if more:
        out.append(f"[{more} more characters dropped]")
    return out
