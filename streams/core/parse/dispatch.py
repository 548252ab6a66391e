"""The parse driver: limits, decoding, detection, the format parser, item limits."""

from __future__ import annotations

from streams.core import text as textmod
from streams.core.model import H_PUBLISHED, RawMessage, WireItem
from streams.core.parse import feeds, newsml, newsml1, ninjs, nitf, plaintext, transmission
from streams.core.parse.base import (
    DEFAULT_LIMITS,
    ParseLimits,
    ParseResult,
    carried_dropped,
    check_item_count,
)
from streams.core.parse.build import Fields, build
from streams.core.parse.dates import to_iso
from streams.core.parse.detect import detect_format, resolve_format
from streams.core.parse.xmlsafe import parse_xml
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
    fmt = resolve_format(forced) if forced else detect_format(text[:4096])
    source = namespace or raw.source
    published = to_iso(raw.header(H_PUBLISHED))
    dropped: list[str] = []
    if fmt == "plain":
        result = plaintext.parse_plain(text, source, limits=limits, published=published)
        result.charset = charset
        return result
    pairs: list[tuple[str, Fields]]
    if fmt in ("transmission", "iptc7901", "anpa1312"):
        pieces = transmission.split_transmissions(text)
        check_item_count(len(pieces), limits)
        pairs = transmission.read_payload(pieces)
        if fmt != "transmission":
            pairs = [(fmt, f) for _, f in pairs]
    elif fmt == "ninjs":
        objs = ninjs.item_objects(ninjs.load_json(raw.value, limits))
        check_item_count(len(objs), limits)
        pairs = [(fmt, ninjs.read_ninjs(o)) for o in objs]
    else:
        root = parse_xml(raw.value, limits)
        if fmt == "rss":
            fields = feeds.read_rss(root, dropped)
        else:
            reader = {
                "nitf": nitf.read_nitf,
                "newsml-g2": newsml.read_newsml,
                "newsml-1": newsml1.read_newsml1,
                "atom": feeds.read_atom,
            }[fmt]
            fields = reader(root)
        check_item_count(len(fields), limits)
        pairs = [(fmt, f) for f in fields]
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
            dropped.append(f"[item {n} of the {fmt} payload: no id, headline or text]")
            textless.append(dropped[-1])
            textless.extend(v for v in (item.ednote, item.byline, *item.ext.dropped) if v)
    if items and textless:
        items[0].ext.dropped = carried_dropped([*items[0].ext.dropped, *textless])
        dropped.extend(t for t in textless if t not in dropped)
    if not items:
        raise ParseError(
            f"the {fmt} payload holds no item with a headline or body text", reason="no-items"
        )
    return ParseResult(items=items, format=pairs[0][0], charset=charset, dropped=dropped)
