"""The parse driver: limits, decoding, detection, the format's reader, then ``build`` for
every item. No branching over formats: the registry's :class:`Format` says it all."""

from __future__ import annotations

from streams.core import text as textmod
from streams.core.model import H_PUBLISHED, RawMessage, WireItem
from streams.core.parse.base import (
    DEFAULT_LIMITS,
    ParseLimits,
    ParseResult,
    carried_dropped,
)
from streams.core.parse.build import build
from streams.core.parse.contract import Payload
from streams.core.parse.dates import to_iso
from streams.core.parse.registry import resolve, sniff
from streams.errors import LimitExceeded, ParseError


def parse(
    raw: RawMessage, limits: ParseLimits = DEFAULT_LIMITS, namespace: str | None = None
) -> ParseResult:
    """Parse one raw payload: items plus the text reported as dropped boilerplate.

    Uris go in ``namespace`` (the source's alias group), by default the source's own.
    """
    size = raw.size
    if size > limits.max_raw_bytes:
        raise LimitExceeded(
            f"the payload is {size} bytes with its headers, over the {limits.max_raw_bytes}-byte"
            " limit; raise WIRE_MAX_RAW_BYTES or split the payload",
            reason="too-large",
        )
    text, charset = textmod.decode(raw.value)
    forced = raw.forced_format
    fmt = resolve(forced) if forced else sniff(text[:4096])
    source = namespace or raw.source
    published = to_iso(raw.header(H_PUBLISHED))
    payload = Payload(data=raw.value, text=text, limits=limits)
    pairs = fmt.read(payload)
    if forced:
        pairs = [(fmt.name, f) for _, f in pairs]  # a forced name holds for every item
    dropped = payload.dropped
    items: list[WireItem] = []
    textless: list[str] = []
    for n, (item_fmt, f) in enumerate(pairs):
        if f.versioncreated is None:
            f.versioncreated = published
        item = build(f, item_fmt, source, dropped)
        if item.headlines or item.bodies or f.native_id:
            # An item with an id but no text (a kill sent as uri + pubstatus) is still routed.
            items.append(item)
        else:
            # Never silently: an item of a multi-item payload with no text and no id; its
            # other text (notes, byline, what its reader dropped) goes with the report.
            dropped.append(f"[item {n} of the {fmt.name} payload: no id, headline or text]")
            textless.append(dropped[-1])
            held = (item.ednote, item.byline, item.located, item.usageterms, item.copyrightnotice)
            textless.extend(v for v in (*held, *(a.value for a in item.altids)) if v)
            textless.extend(item.ext.dropped)
    if items and textless:
        items[0].ext.dropped = carried_dropped([*items[0].ext.dropped, *textless])
        dropped.extend(t for t in textless if t not in dropped)
    if not items:
        raise ParseError(
            f"the {fmt.name} payload holds no item with a headline or body text", reason="no-items"
        )
    return ParseResult(items=items, format=pairs[0][0], charset=charset, dropped=dropped)
