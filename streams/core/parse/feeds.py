"""RSS 2.0 and Atom feeds → one item per entry; HTML in entries is reduced to text.

A WordPress export (WXR, RSS with ``wp:`` elements) lists media files as items with
``wp:post_type`` ``attachment``: they are files, not stories, and are skipped (named in
``dropped``); other post types (``post``, ``page``) are read like any RSS item (its
``dc:creator`` is a WordPress login, reported, not a byline).

Nothing is left unread: an entry's summary (``description``, Atom ``summary``) beside its
full text (``content:encoded``, ``content``) is the item's ``description``; ``author`` /
``dc:creator`` is the byline. Categories in a geography vocabulary are the item's ``places``.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET

from streams.core import text as textmod
from streams.core.model import Place
from streams.core.parse.base import check_item_count
from streams.core.parse.build import Fields
from streams.core.parse.contract import Format, Payload, xml_reader, xml_root
from streams.core.parse.dates import to_iso
from streams.core.parse.places import MAX_RAW_PLACES, country_in, is_geo, place
from streams.core.parse.xmlsafe import (
    attr,
    child,
    kids,
    local,
    paragraphs,
    read_marks,
    text,
    unescape_marks,
)

#: A complete character reference (with its semicolon): named, decimal or hexadecimal.
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")


def _html(value: str | None) -> str | None:
    """HTML text (an RSS title, description or ``content:encoded``; Atom ``html``) as plain
    text. The HTML parser decodes the markup's own references once; what is still escaped
    after it was escaped twice by the sender ("Q&amp;amp;A", "&amp;lt;p&amp;gt;", as feeds
    send them) and is read then. Decoding before the parser read the markup's own ``&amp;``
    as a second escape: "&amp;#0", the text "&#0", came out U+FFFD."""
    if value is None:
        return None
    value = textmod.html_to_text(read_marks(value))
    if "&" in value and ";" in value:
        value = textmod.clean(_ENTITY.sub(lambda m: html.unescape(m.group(0)), value))
    if "<" in value:
        value = textmod.clean(unescape_marks(value))
    return value.strip() or None


def _markup(el: ET.Element | None) -> str | None:
    """An element's HTML as sent (its text, unread): :func:`_html` decodes it once."""
    if el is None:
        return None
    value = "".join(el.itertext())
    return value if value.strip() else None


def read_rss(root: ET.Element, dropped: list[str] | None = None) -> list[Fields]:
    """Items of an RSS 2.0 (or RDF/RSS 1.0) feed; WXR attachments are reported, not read."""
    channel = child(root, "channel")
    language = text(child(channel, "language"))
    rights = text(child(channel, "copyright"))
    feed_title = text(child(channel, "title"))
    entries = list(kids(channel, "item")) + list(kids(root, "item"))
    out = []
    for entry in entries:
        # the first child of each of these names, in one pass over the children (three
        # generator scans of them, each naming every child: about 7 k instructions an entry)
        post_type: ET.Element | None = None
        encoded: ET.Element | None = None
        by: ET.Element | None = None
        for c in entry:
            name = local(c.tag)
            if name == "post_type":
                if post_type is None:
                    post_type = c
            elif name == "encoded":
                if encoded is None:
                    encoded = c
            elif name == "creator" and by is None:
                by = c
        if (text(post_type) or "").lower() == "attachment":
            if dropped is not None:
                name = text(child(entry, "title")) or text(child(entry, "link")) or ""
                dropped.append(f"[WXR attachment, not a story: {name[:200]}]")
            continue
        f = Fields()
        f.headline = _html(_markup(child(entry, "title")))
        f.native_id = text(child(entry, "guid")) or text(child(entry, "link"))
        f.link = text(child(entry, "link"))
        f.versioncreated = to_iso(text(child(entry, "pubDate")) or text(child(entry, "date")))
        f.firstcreated = f.versioncreated
        summary = _html(_markup(child(entry, "description")))
        f.body = _html(_markup(encoded))
        if f.body:
            f.description = summary  # the entry's summary beside its full text
        else:
            f.body = summary
        creator = text(by)
        if post_type is not None and creator:
            f.unused.append(creator)  # WXR: the WordPress login that posted it, not a byline
            creator = None
        f.byline = text(child(entry, "author")) or creator
        f.language = language
        f.copyrightnotice = rights
        source = text(child(entry, "source")) or feed_title
        if source:
            f.providers.append(source)
        f.places = _categories(entry, "domain")
        out.append(f)
    return out


def _categories(entry: ET.Element, scheme_attr: str) -> list[Place]:
    """Categories in a geography vocabulary (RSS ``<category domain="...geonames...">Oslo``,
    Atom ``<category scheme="...iso3166-1a2/" term="NO" label="Norway"/>``): the producer's
    places. Categories with no scheme, or another one, are topics and tags, not read."""
    out: list[Place] = []
    for cat in kids(entry, "category"):
        scheme = attr(cat, scheme_attr)
        if not is_geo(scheme):
            continue
        term = attr(cat, "term")
        name = attr(cat, "label") or text(cat) or term
        code = country_in(scheme, term) or country_in(scheme, text(cat))
        if code and name and country_in(scheme, name) == code:
            name = None  # "NO": the code, not a name
        found = place(name, code, f"{scheme}{term}" if scheme and term else scheme)
        if found is not None:
            out.append(found)
            if len(out) == MAX_RAW_PLACES:
                break
    return out


def _atom_link(entry: ET.Element) -> str | None:
    """The entry's own page: a ``<link>`` with rel alternate or none (Atom's default)."""
    for link in kids(entry, "link"):
        if (attr(link, "rel") or "alternate") == "alternate" and attr(link, "href"):
            return attr(link, "href")
    return None


def read_atom(root: ET.Element) -> list[Fields]:
    """Entries of an Atom feed."""
    rights = text(child(root, "rights"))
    language = attr(root, "lang")
    feed_title = text(child(root, "title"))
    out = []
    for entry in kids(root, "entry"):
        f = Fields()
        f.headline = _title(child(entry, "title"))
        f.native_id = text(child(entry, "id"))
        if f.native_id is None:
            link = child(entry, "link")
            f.native_id = attr(link, "href")
        f.link = _atom_link(entry)
        f.versioncreated = to_iso(text(child(entry, "updated")))
        f.firstcreated = to_iso(text(child(entry, "published"))) or f.versioncreated
        summary = _content(child(entry, "summary"))
        f.body = _content(child(entry, "content"))
        if f.body:
            f.description = summary
        else:
            f.body = summary
        f.byline = (
            ", ".join(filter(None, (text(child(a, "name")) for a in kids(entry, "author")))) or None
        )
        f.language = attr(entry, "lang") or language
        f.copyrightnotice = text(child(entry, "rights")) or rights
        if feed_title:
            f.providers.append(feed_title)
        f.places = _categories(entry, "scheme")
        out.append(f)
    return out


def _title(el: ET.Element | None) -> str | None:
    """An Atom title as its ``type`` says. Text is text (RFC 4287 3.1.1.1): "&#0" written as
    text stays "&#0", while entities escaped once more by the sender ("It&amp;rsquo;s",
    "Q&amp;amp;A") and escaped tags are still read, as feeds send them. An RSS title has no
    type and is read as HTML, as its description is."""
    if el is None:
        return None
    kind = (attr(el, "type") or "text").lower()
    if kind in ("html", "text/html", "xhtml"):
        return _html(paragraphs(el) if kind == "xhtml" else _markup(el))
    value = text(el)
    if not value:
        return None
    value = _ENTITY.sub(lambda m: html.unescape(m.group(0)), value)
    return " ".join(unescape_marks(value).split()) or None


def _content(el: ET.Element | None) -> str | None:
    if el is None:
        return None
    kind = (attr(el, "type") or "text").lower()
    if kind == "xhtml":
        return paragraphs(el)
    if kind in ("html", "text/html"):
        return _html(_markup(el))
    return text(el)


def _read_rss_payload(payload: Payload) -> list[tuple[str, Fields]]:
    fields = read_rss(payload.xml(), payload.dropped)
    check_item_count(len(fields), payload.limits)
    return [(RSS.name, f) for f in fields]


RSS: Format = Format(
    "rss",
    sniff=xml_root("rss", "RDF"),
    read=_read_rss_payload,
    aliases=("rss2",),
    spec="RSS 2.0 (rssboard.org), RSS 1.0 (RDF), WordPress WXR",
)
ATOM: Format = Format(
    "atom",
    sniff=xml_root("feed"),
    read=xml_reader("atom", read_atom),
    spec="Atom (RFC 4287)",
)
