"""ninjs JSON (1.x, 2.x and the camelCase 3.0) → items.

Accepts one item object, an array of items, or an object holding ``items``. Field
names are matched case-insensitively, which covers 2.x (``versioncreated``) and
3.0 (``versionCreated``) with one table.

A summary (``description_text``, ``description_html``, 2.x ``descriptions``) goes to
``description`` and never stands in for ``body_html``/``body_text``: a Superdesk-style
CMS sends both, and the body used to be replaced by its one-line summary. ``renditions``
(binary files: pictures, video) carry no text and are not read. ``associations`` are the
item's attached media and related stories, nested: they are not separate stories and are
not emitted as items; a producer that wants them as stories sends them as items of the
array (or ``items``). An item with no text at all is still built when it has an id (a
kill may be only a uri, a version and ``pubstatus``), else it is reported in ``dropped``.
"""

from __future__ import annotations

from typing import Any

from streams import jsonio
from streams.core import text as textmod
from streams.core.model import AltId, Place
from streams.core.parse.base import ParseLimits, check_item_count
from streams.core.parse.build import Fields, pubstatus_of, to_int, web_link
from streams.core.parse.contract import Format, Head, Payload
from streams.core.parse.dates import to_iso
from streams.core.parse.places import (
    MAX_RAW_PLACES,
    country_in,
    country_of,
    is_geo,
    iso_code,
    place,
)
from streams.core.parse.xmlsafe import unescape_marks
from streams.errors import LimitExceeded, ParseError

NAME = "ninjs"


def load_json(data: bytes, limits: ParseLimits) -> Any:
    """Decode JSON with typed errors; nesting is bounded by ``limits.max_depth``."""
    try:
        doc = jsonio.loads(data)
    except jsonio.JSONDecodeError as exc:
        msg = str(exc)
        if "recursion" in msg.lower() or "depth" in msg.lower():
            raise LimitExceeded(
                f"the JSON nests deeper than {limits.max_depth} levels; raise WIRE_MAX_DEPTH",
                reason="too-deep",
            ) from exc
        lines = _json_lines(data)
        if lines is not None:
            _check_depth(lines, limits)
            return lines
        if exc.pos >= len(data.rstrip()) - 1 or "unexpected end" in msg.lower():
            raise ParseError(
                f"the JSON ends early (at byte {exc.pos}): truncated payload?",
                reason="truncated-json",
            ) from exc
        raise ParseError(f"malformed JSON: {msg}", reason="bad-json") from exc
    _check_depth(doc, limits)
    return doc


def _json_lines(data: bytes) -> list[Any] | None:
    """JSON Lines (one item object a line, the shape of an export, a scraper's dump or a
    ``.jsonl`` file handed to ``wire inspect``) as a list of its objects; None when the payload
    is not that (a line that is no JSON object), so the caller reports the JSON error itself."""
    lines = [line for line in data.split(b"\n") if line.strip()]
    if len(lines) < 2 or not all(line.lstrip().startswith(b"{") for line in lines):
        return None
    out: list[Any] = []
    for line in lines:
        try:
            out.append(jsonio.loads(line))
        except jsonio.JSONDecodeError:
            return None
    return out


def _check_depth(doc: Any, limits: ParseLimits) -> None:
    stack: list[tuple[Any, int]] = [(doc, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > limits.max_depth:
            raise LimitExceeded(
                f"the JSON nests deeper than {limits.max_depth} levels; raise WIRE_MAX_DEPTH",
                reason="too-deep",
            )
        if isinstance(node, dict):
            stack.extend((v, depth + 1) for v in node.values() if isinstance(v, (dict, list)))
        elif isinstance(node, list):
            stack.extend((v, depth + 1) for v in node if isinstance(v, (dict, list)))


def item_objects(doc: Any) -> list[dict[str, Any]]:
    """The item objects of a ninjs document, or ParseError when there are none."""
    if isinstance(doc, dict):
        for key in ("items", "itemSet", "data", "results"):
            inner = doc.get(key)
            if isinstance(inner, list):
                doc = inner
                break
        else:
            doc = [doc]
    if not isinstance(doc, list):
        raise ParseError(
            "the JSON is neither a ninjs item, an array of items, nor an object with 'items'",
            reason="bad-ninjs",
        )
    out = []
    for n, obj in enumerate(doc):
        if not isinstance(obj, dict):
            raise ParseError(
                f"item {n} of the JSON array is a {type(obj).__name__}, not an object",
                reason="bad-ninjs",
            )
        keys = {k.lower() for k in obj}
        if not keys & {
            "uri",
            "guid",
            "id",
            "headline",
            "headlines",
            "subheadline",
            "body_text",
            "body",
            "bodies",
            "body_html",
            "description_text",
            "description_html",
            "descriptions",
        }:
            raise ParseError(
                f"item {n} has none of the ninjs fields (uri, headline(s), body/bodies)",
                reason="bad-ninjs",
            )
        out.append(obj)
    if not out:
        raise ParseError("the ninjs document holds no items", reason="no-items")
    return out


def _s(value: Any) -> str | None:
    if isinstance(value, str):
        return value if value.strip() else None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return None


def read_ninjs(obj: dict[str, Any]) -> Fields:
    """Fields of one ninjs item object."""
    o = {k.lower(): v for k, v in obj.items()}
    f = Fields()
    f.native_id = _s(o.get("uri")) or _s(o.get("guid")) or _s(o.get("id"))
    f.version = to_int(o.get("version"))
    f.versioncreated = to_iso(_s(o.get("versioncreated")))
    f.firstcreated = to_iso(_s(o.get("firstcreated")))
    f.pubstatus = pubstatus_of(_s(o.get("pubstatus")))
    f.language = _s(o.get("language"))
    f.urgency = to_int(o.get("urgency"))
    f.usageterms = _s(o.get("usageterms"))
    f.copyrightnotice = _s(o.get("copyrightnotice"))
    f.ednote = _s(o.get("ednote"))
    # ninjs 1.x ``byline``; 2.x/3.0 ``by`` (nar:by).
    f.byline = _s(o.get("byline")) or _s(o.get("by"))
    if _s(o.get("byline")) and _s(o.get("by")):
        f.unused.append(str(o["by"]))
    title = _s(o.get("title"))  # 2.x/3.0 metadata name, "use headlines for headlines"
    if title:
        f.unused.append(title)
    located = o.get("located")
    f.located = _s(located.get("name")) if isinstance(located, dict) else _s(located)
    headlines = o.get("headlines")
    found: list[tuple[str, str]] = []  # (role, value) in order, 2.x list first
    if isinstance(headlines, list):
        for h in headlines:
            if isinstance(h, dict) and _s(h.get("value")):
                role = (_s(h.get("role")) or "main").lower().rsplit(":", 1)[-1]
                sub = role in ("sub", "subheadline", "subtitle")
                found.append(("sub" if sub else "main", str(h.get("value"))))
    for key, role in (("headline", "main"), ("subheadline", "sub")):
        value = _s(o.get(key))
        if value:
            found.append((role, value))
    for role, value in found:
        if role == "sub" and f.subheadline is None:
            f.subheadline = value
        elif role == "main" and f.headline is None:
            f.headline = value
        else:
            f.unused.append(value)  # a second headline: reported unless it is the same
    # A CMS escapes its plain text for HTML now and then (``Tom &amp; Jerry``, ``<b>``):
    # read as markup, as in the XML formats; "x < y" stays text.
    f.headline = unescape_marks(f.headline) if f.headline else f.headline
    f.subheadline = unescape_marks(f.subheadline) if f.subheadline else f.subheadline
    f.byline = unescape_marks(f.byline) if f.byline else f.byline
    bodies = _bodies(o)
    f.body = bodies[0] if bodies else None
    f.unused += bodies[1:]
    descriptions = _descriptions(o)
    f.description = descriptions[0] if descriptions else None
    f.unused += descriptions[1:]
    f.embargoed = to_iso(_s(o.get("embargoed")))
    altids = o.get("altids")
    if isinstance(altids, dict):
        f.altids = [AltId(str(k), v) for k, v in altids.items() if isinstance(v, str)]
    elif isinstance(altids, list):
        for a in altids:
            if isinstance(a, dict) and _s(a.get("value")):
                f.altids.append(AltId(_s(a.get("role")) or "other", str(a.get("value"))))
    slug = _s(o.get("slugline"))
    if slug:
        f.altids.append(AltId("slug", slug))
    sources = o.get("infosources") or o.get("infosource")
    if isinstance(sources, dict):
        sources = [sources]
    if isinstance(sources, list):
        for s in sources:
            name = _s(s.get("name")) if isinstance(s, dict) else _s(s)
            if name:
                f.providers.append(name)
    signals = o.get("signals")
    if isinstance(signals, list):
        f.signals = [s.lower() for s in signals if isinstance(s, str)]
    f.places = _places(o)
    f.link = _link(o)
    return f


#: Keys a JSON item gives its web address under, in order of trust: ninjs 2.x/3.0 ``links``
#: come first (below), then what CMS exports and scrapers write. ``uri`` is not one: an
#: agency's uri names its API host ("api.ap.org"), not the outlet a story ran on.
#: ``links`` entries read for the item's own address (the rest point elsewhere).
MAX_LINKS = 20
_LINK_KEYS = ("url", "link", "source_url", "canonical_url", "web_url", "webUrl", "href")


def _link(o: dict[str, Any]) -> str | None:
    """The item's web address: a ``links`` entry for the item itself (rel canonical, self or
    alternate, or none), else one of :data:`_LINK_KEYS`."""
    links = o.get("links")
    if isinstance(links, list):
        for entry in links[:MAX_LINKS]:
            if not isinstance(entry, dict):
                continue
            rel = (_s(entry.get("rel")) or "self").lower().rsplit(":", 1)[-1].rsplit("/", 1)[-1]
            href = web_link(_s(entry.get("href")))
            if href and rel in ("self", "canonical", "alternate"):
                return href
    for key in _LINK_KEYS:
        value = web_link(_s(o.get(key.lower())))
        if value:
            return value
    return None


def _places(o: dict[str, Any]) -> list[Place]:
    """ninjs 1.x ``place`` (name, scheme, code), 2.x/3.0 ``places`` (name, literal, uri), and
    ``subject``/``subjects`` entries whose scheme or uri is a geography vocabulary. A code is
    an ISO country only when its scheme or uri says so (``iso3166-1a2``, a country scheme):
    a bare "CA" is as often California as Canada."""
    out: list[Place] = []
    for key, geo_only in (
        ("places", False),
        ("place", False),
        ("subjects", True),
        ("subject", True),
    ):
        entries = o.get(key)
        if isinstance(entries, dict):
            entries = [entries]
        if not isinstance(entries, list):
            continue
        for entry in entries[:MAX_RAW_PLACES]:
            if not isinstance(entry, dict):
                continue
            e = {k.lower(): v for k, v in entry.items() if isinstance(v, str)}
            scheme, code, uri = e.get("scheme"), e.get("code"), e.get("uri") or e.get("qcode")
            if geo_only and not is_geo(scheme, uri, e.get("type")):
                continue
            country = country_of(uri) or country_in(scheme, code)
            if country is None and code and key in ("place", "places") and is_geo(scheme):
                country = iso_code(code)
            if uri is None and scheme and code:
                uri = scheme + code if scheme.endswith(("/", "#", ":")) else f"{scheme}:{code}"
            ident = uri or code
            found = place(e.get("name") or e.get("literal"), country, ident)
            if found is not None:
                out.append(found)
                if len(out) == MAX_RAW_PLACES:
                    return out
    return out


def _bodies(o: dict[str, Any]) -> list[str]:
    """Every body the item sends, the one used first: ``bodies`` (2.x/3.0), ``body_text``,
    then the markup ones; a producer sending two different ones loses neither."""
    out: list[str] = []
    bodies = o.get("bodies")
    if isinstance(bodies, list):
        parts = []
        for b in bodies:
            if not isinstance(b, dict) or not _s(b.get("value")):
                continue
            kind = (_s(b.get("contenttype")) or _s(b.get("contentType")) or "text/plain").lower()
            value = str(b.get("value"))
            parts.append(textmod.html_to_text(value) if "html" in kind else unescape_marks(value))
        if parts:
            out.append("\n\n".join(parts))
    text = _s(o.get("body_text"))
    if text:
        out.append(unescape_marks(text))
    for key in ("body_html", "body_xhtml", "body"):
        markup = _s(o.get(key))
        if markup:
            out.append(textmod.html_to_text(markup) if textmod.looks_like_html(markup) else markup)
    return out


def _descriptions(o: dict[str, Any]) -> list[str]:
    """Every summary: ``description_text``/``_html`` (1.x), then 2.x/3.0 ``descriptions``."""
    out: list[str] = []
    text = _s(o.get("description_text"))
    if text:
        out.append(unescape_marks(text))
    markup = _s(o.get("description_html"))
    if markup:
        out.append(textmod.html_to_text(markup))
    descriptions = o.get("descriptions")
    if isinstance(descriptions, list):
        for d in descriptions:
            if isinstance(d, dict) and _s(d.get("value")):
                value = str(d.get("value"))
                kind = (_s(d.get("contenttype")) or _s(d.get("contentType")) or "").lower()
                out.append(textmod.html_to_text(value) if "html" in kind else unescape_marks(value))
    return out


def _read(payload: Payload) -> list[tuple[str, Fields]]:
    data = payload.data
    if not data.isascii():
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            # JSON is UTF-8 by definition, but a CMS may send cp1252: read it as the driver
            # decoded it (an undefined byte replaced alone) instead of refusing it whole.
            data = payload.text.encode("utf-8")
    objs = item_objects(load_json(data, payload.limits))
    check_item_count(len(objs), payload.limits)
    return [(NAME, read_ninjs(o)) for o in objs]


def _sniff(head: Head) -> bool:
    return head.kind == "json"


FORMAT: Format = Format(
    NAME,
    sniff=_sniff,
    read=_read,
    aliases=("json", "application/json"),
    spec="IPTC ninjs 1.x-3.x JSON Schema (github.com/iptc/newsinjson)",
)
