"""NewsML-G2 newsItem / newsMessage → items (one per newsItem).

Reuters conventions: ``@version`` is a 10-digit number (kept; clamped to 2^53-1 by
``build``); a cancellation is ``pubStatus stat:canceled`` at a higher version of the same
guid; ``contentMeta/located`` is the editing desk (often Bangalore or Gdansk), not the
story's place, so it goes to ``ext.desk`` and the story's place comes from the dateline;
``UPDATE 2-`` and ``CORRECTED-`` stay in the headline as sent, signals read from them.
Other producers' ``located`` is the story's place. A headline found only in an inline NITF
``<head><title>`` (or ``hl1``) is the headline; NITF ``docdata`` inside ``inlineXML`` is
read for an embargo and AAP's ``anpa-keyword``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from streams.core.model import AltId, Place
from streams.core.parse.build import Fields, pubstatus_of, to_int
from streams.core.parse.contract import Format, xml_reader, xml_root
from streams.core.parse.dates import to_iso
from streams.core.parse.nitf import (
    anpa_keyword,
    byline_text,
    docdata_places,
    embargo,
    split_byline,
)
from streams.core.parse.places import MAX_RAW_PLACES, country_of, is_geo, place
from streams.core.parse.xmlsafe import attr, child, descendant, kids, local, paragraphs, text

NAME = "newsml-g2"

_SIGNALS = {
    "update": "update",
    "correction": "correction",
    "refile": "refile",
    "repeat": "repeat",
    "kill": "kill",
    "writethru": "writethru",
}


def news_items(root: ET.Element) -> list[ET.Element]:
    """The newsItems of a newsItem or a newsMessage root."""
    if local(root.tag) in ("newsItem", "packageItem"):
        return [root] if local(root.tag) == "newsItem" else []
    return [el for el in root.iter() if local(el.tag) == "newsItem"]


def read_newsml(root: ET.Element) -> list[Fields]:
    """Fields of every newsItem in the document."""
    return [_item(el) for el in news_items(root)]


def _item(el: ET.Element) -> Fields:
    meta = child(el, "itemMeta")
    cmeta = child(el, "contentMeta")
    f = Fields()
    f.native_id = attr(el, "guid")
    f.version = to_int(attr(el, "version"))
    f.language = attr(el, "lang") or attr(child(cmeta, "language"), "tag")
    f.pubstatus = pubstatus_of(attr(child(meta, "pubStatus"), "qcode"))
    f.versioncreated = to_iso(text(child(meta, "versionCreated")))
    f.firstcreated = to_iso(text(child(meta, "firstCreated")))
    f.ednote = text(child(meta, "edNote"))
    for sig in kids(meta, "signal"):
        code = (attr(sig, "qcode") or "").rsplit(":", 1)[-1].lower()
        if code in _SIGNALS:
            f.signals.append(_SIGNALS[code])
    rights = child(el, "rightsInfo")
    f.copyrightnotice = text(child(rights, "copyrightNotice"))
    f.usageterms = text(child(rights, "usageTerms"))
    for headline in kids(cmeta, "headline"):
        role = (attr(headline, "role") or "").rsplit(":", 1)[-1].lower()
        value = text(headline)
        if role in ("sub", "subheadline", "subtitle") and f.subheadline is None:
            f.subheadline = value
        elif role not in ("sub", "subheadline", "subtitle") and f.headline is None:
            f.headline = value
        elif value:
            f.unused.append(value)  # a second headline of a role: reported unless the same
    for description in kids(cmeta, "description"):
        value = paragraphs(description)
        if f.description is None:
            f.description = value
        elif value:
            f.unused.append(value)
    dateline = text(child(cmeta, "dateline"))
    if dateline:
        f.unused.append(dateline)
    slug = text(child(cmeta, "slugline"))
    if slug:
        f.altids.append(AltId("slug", slug))
    if f.native_id:
        f.altids.append(AltId("guid", f.native_id))
    named = (text(child(loc, "name")) or attr(loc, "literal") for loc in kids(cmeta, "located"))
    places = [p for p in named if p]
    f.located = places[0] if places else _place(cmeta)
    f.unused += places[1:]  # a second <located>: reported unless a field holds it
    f.urgency = to_int(text(child(cmeta, "urgency")))
    for source in kids(cmeta, "infoSource"):
        name = text(child(source, "name")) or attr(source, "literal")
        if name:
            f.providers.append(name)
    provider = child(meta, "provider")
    name = text(child(provider, "name")) or attr(provider, "literal")
    if name:
        f.providers.append(name)
    f.body = _body(child(el, "contentSet"))
    f.headline_as_sent = True
    f.byline = text(child(cmeta, "by"))
    f.embargoed = to_iso(text(child(meta, "embargoed")))
    content_set = child(el, "contentSet")
    inline_places: list[Place] = []
    nitf = descendant(content_set, "nitf")
    inner = nitf if nitf is not None else descendant(content_set, "html")
    if inner is not None:
        # The inline document's own headline (NITF hl1/title, XHTML title): the headline
        # when contentMeta has none, else reported unless it is the same.
        head = child(inner, "head")
        for value in (text(descendant(inner, "hl1")), text(child(head, "title"))):
            if value and f.headline is None:
                f.headline = value
            elif value:
                f.unused.append(value)
    if nitf is not None:
        head = child(nitf, "head")
        inline_by = byline_text(descendant(nitf, "byline"))
        if f.byline and inline_by:
            f.unused.append(inline_by)
        f.byline = f.byline or inline_by
        if f.byline is None:
            f.byline, f.body = split_byline(f.body)
        f.embargoed = f.embargoed or embargo(child(head, "docdata"))
        inline_places = docdata_places(child(head, "docdata"))
        keyword = anpa_keyword(head)
        if keyword and not slug:
            f.altids.insert(0, AltId("slug", keyword))
    if _is_reuters(el, meta):
        f.desk, f.located = f.located, None
    f.places = _places(el, cmeta) + inline_places
    return f


def _places(el: ET.Element, cmeta: ET.Element | None) -> list[Place]:
    """The item's geography subjects (``<subject type="cpnat:geoArea">``, or a subject whose
    qcode is a country code: ``iso3166-1a2:GB``, Reuters' ``N2:GB``): the name from ``<name>``
    (AP sends it in an item-level ``<assert>`` of the same qcode), the ISO country from the
    qcode, a ``<sameAs>`` or the nearest ``<broader>`` that is a country code. Genres and
    other subjects (people, organisations, topics) are not geography."""
    out: list[Place] = []
    asserts: dict[str, ET.Element] | None = None
    for subject in kids(cmeta, "subject"):
        qcode = attr(subject, "qcode") or attr(subject, "uri")
        code = country_of(qcode)
        if code is None and not is_geo(attr(subject, "type")):
            continue
        name = text(child(subject, "name"))
        if name is None and qcode:
            if asserts is None:
                asserts = {a.get("qcode") or "": a for a in kids(el, "assert")}
            name = text(child(asserts.get(qcode), "name"))
        if code is None:
            related = [*kids(subject, "sameAs"), *kids(subject, "broader")]
            code = next(
                (c for r in related if (c := country_of(attr(r, "qcode") or attr(r, "uri")))),
                None,
            )
        found = place(name or attr(subject, "literal"), code, qcode)
        if found is not None:
            out.append(found)
            if len(out) == MAX_RAW_PLACES:
                break
    return out


def _place(cmeta: ET.Element | None) -> str | None:
    """``contentMeta/dateline`` as a place; EFE writes a timestamp there, which is none."""
    value = text(child(cmeta, "dateline"))
    place = (value or "").split(",")[0].strip()
    return place if place and not any(c.isdigit() for c in place) else None


def _is_reuters(el: ET.Element, meta: ET.Element | None) -> bool:
    """Reuters items: guid ``urn:newsml:reuters.com:...`` or provider ``REUTERS``."""
    guid = (attr(el, "guid") or "").lower()
    provider = child(meta, "provider")
    who = " ".join(v or "" for v in (attr(provider, "qcode"), attr(provider, "literal")))
    return "reuters.com" in guid or "reuters" in f"{who} {text(provider) or ''}".lower()


def _body(content_set: ET.Element | None) -> str | None:
    if content_set is None:
        return None
    for node in content_set:
        kind = local(node.tag)
        if kind == "inlineXML":
            inner = descendant(node, "body.content") or descendant(node, "body")
            return paragraphs(inner if inner is not None else node)
        if kind == "inlineData":
            return text(node)
    return None


FORMAT: Format = Format(
    NAME,
    sniff=xml_root("newsMessage", "newsItem", "packageItem"),
    read=xml_reader(NAME, read_newsml),
    aliases=("newsml", "g2", "newsmlg2"),
    spec="IPTC NewsML-G2 2.x guidelines (iptc.org/std/NewsML-G2)",
)
