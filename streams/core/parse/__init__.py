"""Raw payload → canonical items. Entry point: :func:`parse_payload`.

(Walking-skeleton version: plain text only. Replaced by the full multi-format parser.)
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from streams.core.model import Body, Headline, RawMessage, WireItem
from streams.errors import LimitExceeded, ParseError


@dataclass(frozen=True, slots=True)
class ParseLimits:
    """Guards against hostile payloads; every one is a setting (``WIRE_MAX_*``)."""

    max_raw_bytes: int = 8 * 1024 * 1024
    max_items: int = 1000
    max_depth: int = 64


DEFAULT_LIMITS = ParseLimits()


def parse_payload(raw: RawMessage, limits: ParseLimits = DEFAULT_LIMITS) -> list[WireItem]:
    """Parse one raw payload into its items, or raise a :class:`ParseError`."""
    if len(raw.value) > limits.max_raw_bytes:
        raise LimitExceeded(f"payload is {len(raw.value)} bytes, over the {limits.max_raw_bytes}-byte"
                            " limit; raise WIRE_MAX_RAW_BYTES or split the payload")
    try:
        text = raw.value.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ParseError(f"not UTF-8 text at byte {exc.start}", reason="bad-encoding") from exc
    if "\x00" in text:
        raise ParseError("NUL bytes in a text payload", reason="binary-payload")
    paras = [p.strip() for p in text.split("\n") if p.strip()]
    if not paras:
        raise ParseError("payload holds no text", reason="empty")
    items = []
    for para in paras:
        digest = hashlib.sha256(f"{raw.source}\n{para}".encode()).hexdigest()[:24]
        items.append(WireItem(uri=f"urn:wirestream:{raw.source}:{digest}",
                              headlines=[Headline(para[:80])], bodies=[Body(para)]))
    if len(items) > limits.max_items:
        raise LimitExceeded(f"{len(items)} items in one payload, over the limit of {limits.max_items}")
    return items
