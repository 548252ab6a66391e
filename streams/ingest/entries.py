"""Feed documents split into one raw payload per entry; content hashes and message keys.

Pure. Each RSS item or Atom entry becomes a one-entry document of the same format
(with the channel's title, language and rights, which the parser uses), so the
worker parses it exactly as it would the whole feed. A ninjs list gives one JSON
object per item. The content hash covers only the entry's own document, so a feed
whose ``lastBuildDate`` moves does not look changed.
"""

from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from streams import jsonio
from streams.core.parse.base import ParseLimits
from streams.core.parse.ninjs import item_objects, load_json
from streams.core.parse.xmlsafe import child, kids, local, parse_xml, text
from streams.errors import ParseError


@dataclass(frozen=True, slots=True)
class Entry:
    """One entry of a feed: its guid, its own document and the hash of that document."""

    guid: str
    payload: bytes
    content_type: str
    format: str

    @property
    def content_hash(self) -> str:
        return content_hash(self.payload)


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def message_key(source: str, identity: str, digest: str) -> bytes:
    """The Kafka key of a delivery: the same source, identity and content give the same key.

    A file re-sent after a crash (or a feed entry re-sent before its ledger record was
    written) carries the same key, so a consumer, and the worker's dedup, can tell it is
    the same delivery.
    """
    return hashlib.sha256(f"{source}\x1f{identity}\x1f{digest}".encode()).hexdigest()[:32].encode()


def split_feed(data: bytes, limits: ParseLimits | None = None) -> list[Entry]:
    """Entries of an RSS, Atom or ninjs-list document; ParseError when it is none of them."""
    limits = limits or ParseLimits()
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if head in (b"{", b"["):
        return _ninjs(data, limits)
    root = parse_xml(data, limits)
    name = local(root.tag)
    if name in ("rss", "RDF"):
        return _rss(root)
    if name == "feed":
        return _atom(root)
    raise ParseError(f"not a feed: the document's root is <{name}>", reason="not-a-feed")


def _xml(root: ET.Element) -> bytes:
    body = ET.tostring(root, encoding="unicode").encode("utf-8")
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + body


def _keep(target: ET.Element, source: ET.Element | None, names: tuple[str, ...]) -> None:
    for n in names:
        el = child(source, n)
        if el is not None:
            el.tail = None
            target.append(el)


def _fallback_guid(entry: ET.Element) -> str:
    return "sha256:" + content_hash(ET.tostring(entry))[:32]


def _rss(root: ET.Element) -> list[Entry]:
    channel = child(root, "channel")
    items = list(kids(channel, "item")) + list(kids(root, "item"))
    out = []
    for item in items:
        doc = ET.Element("rss", {"version": "2.0"})
        ch = ET.SubElement(doc, "channel")
        _keep(ch, channel, ("title", "language", "copyright"))
        item.tail = None
        ch.append(item)
        guid = text(child(item, "guid")) or text(child(item, "link")) or _fallback_guid(item)
        out.append(Entry(guid, _xml(doc), "application/rss+xml", "rss"))
    return out


def _atom(root: ET.Element) -> list[Entry]:
    out = []
    for entry in kids(root, "entry"):
        doc = ET.Element("feed")
        _keep(doc, root, ("title", "rights"))
        lang = root.get("{http://www.w3.org/XML/1998/namespace}lang") or root.get("lang")
        if lang:
            doc.set("lang", lang)
        entry.tail = None
        doc.append(entry)
        link = child(entry, "link")
        guid = (
            text(child(entry, "id"))
            or (link.get("href") if link is not None else None)
            or _fallback_guid(entry)
        )
        out.append(Entry(guid, _xml(doc), "application/atom+xml", "atom"))
    return out


def _ninjs(data: bytes, limits: ParseLimits) -> list[Entry]:
    out = []
    for obj in item_objects(load_json(data, limits)):
        payload = jsonio.dumps(obj)
        guid = next(
            (str(obj[k]) for k in ("uri", "guid", "id") if isinstance(obj.get(k), (str, int))),
            "sha256:" + content_hash(payload)[:32],
        )
        out.append(Entry(guid, payload, "application/json", "ninjs"))
    return out
