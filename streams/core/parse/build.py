"""One way to turn fields read from any format into a WireItem.

Every structured parser ends here, so headline markers, datelines, derived
headlines and identity are handled the same way whatever the envelope.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from streams.core import text as textmod
from streams.core.identity import content_uri, native_uri, scoped_uri, story_uri
from streams.core.model import AltId, Body, Headline, Place, PubStatus, WireItem, clip
from streams.core.parse.base import (
    MAX_HEADLINE_CHARS,
    MAX_NAME_CHARS,
    MAX_NOTICE_CHARS,
    add_signal,
    carried_dropped,
)
from streams.core.parse.markers import (
    Markers,
    add_infosource,
    apply_markers,
    derive_headline,
    is_kill_note,
    read_credit_dateline,
    read_dateline,
    read_markers,
)
from streams.core.parse.places import MAX_PLACE_CHARS, MAX_PLACE_URI_CHARS, MAX_PLACES

#: Largest version kept as given: the biggest integer every JSON reader (JavaScript too) holds
#: exactly. A larger one (``2**64 + 1``, ``1e30``) is clamped to it: still "newer than any
#: earlier version", and it no longer breaks the 64-bit JSON encoder (it was an internal error).
MAX_VERSION = 2**53 - 1
#: Longest web address kept (``ext.link``); browsers and CDNs stop near 2 KB too.
MAX_LINK_CHARS = 2048
_WEB = re.compile(r"https?://[^\s/?#@]+(?:[/?#]\S*)?\Z", re.IGNORECASE)

_PUBSTATUS: dict[str, PubStatus] = {
    "usable": "usable",
    "withheld": "withheld",
    "canceled": "canceled",
    "cancelled": "canceled",
    # An embargo is a time, not a status: the item is usable (and routed) with ``embargoed``.
    "embargoed": "usable",
    "killed": "canceled",
    "deleted": "canceled",
}


def pubstatus_of(value: str | None) -> PubStatus | None:
    """``stat:canceled``, ``Usable``, ``cancelled`` ... → a ninjs pubstatus (or None)."""
    if not value:
        return None
    return _PUBSTATUS.get(value.strip().lower().rsplit(":", 1)[-1])


@dataclass(slots=True)
class Fields:
    """What a format parser read for one item, before normalisation."""

    headline: str | None = None
    subheadline: str | None = None
    body: str | None = None
    native_id: str | None = None
    story_key: tuple[str, ...] | None = None
    version: int | None = None
    versioncreated: str | None = None
    firstcreated: str | None = None
    pubstatus: PubStatus | None = None
    located: str | None = None
    language: str | None = None
    urgency: int | None = None
    usageterms: str | None = None
    copyrightnotice: str | None = None
    ednote: str | None = None
    byline: str | None = None
    #: Input text the reader put in no field (keyword lines, take keys, trailers).
    dropped: list[str] = field(default_factory=list)
    #: Text the reader found beside the fields it fills (a NITF ``<title>`` beside ``hl1``, a
    #: dateline's date): reported in ``dropped`` unless a field of the item already holds it.
    unused: list[str] = field(default_factory=list)
    signals: list[str] = field(default_factory=list)
    altids: list[AltId] = field(default_factory=list)
    providers: list[str] = field(default_factory=list)
    #: Filing/editing desk location (Reuters' ``<located>``): ``ext.desk``, never ``located``.
    desk: str | None = None
    #: The item's web address (``ext.link``), as the producer gave it.
    link: str | None = None
    embargoed: str | None = None
    #: The producer's summary; never used as the body.
    description: str | None = None
    #: The producer's own geography, as read (:mod:`streams.core.parse.places`).
    places: list[Place] = field(default_factory=list)
    #: Keep version markers (``UPDATE 2-``, ``CORRECTED-``) in the headline as the agency sent
    #: it; the signals and version are read from them all the same.
    headline_as_sent: bool = False
    #: The reader normalised the text already (the plain reader cleans the whole payload
    #: before splitting it): cleaning it again would cost time and could move nothing.
    normalised: bool = False
    #: The headline the content uri hashes, when not the item's headline: a plain dump's
    #: headline as sent ("" when derived), which its uris have always hashed.
    uri_headline: str | None = None

    def __init__(
        self,
        headline: str | None = None,
        subheadline: str | None = None,
        body: str | None = None,
        native_id: str | None = None,
        story_key: tuple[str, ...] | None = None,
        version: int | None = None,
        versioncreated: str | None = None,
        firstcreated: str | None = None,
        pubstatus: PubStatus | None = None,
        located: str | None = None,
        language: str | None = None,
        urgency: int | None = None,
        usageterms: str | None = None,
        copyrightnotice: str | None = None,
        ednote: str | None = None,
        byline: str | None = None,
        dropped: list[str] | None = None,
        unused: list[str] | None = None,
        signals: list[str] | None = None,
        altids: list[AltId] | None = None,
        providers: list[str] | None = None,
        desk: str | None = None,
        link: str | None = None,
        embargoed: str | None = None,
        description: str | None = None,
        places: list[Place] | None = None,
        headline_as_sent: bool = False,
        normalised: bool = False,
        uri_headline: str | None = None,
    ) -> None:
        """Written out, not generated: the compiled core runs a generated ``__init__``
        interpreted (about 11 k instructions a call); this one is compiled. The fields'
        order and defaults (a factory's for ``None``), checked by
        ``tests/unit/core/test_dataclass_inits.py``; bench/README.md, session 26."""
        self.headline = headline
        self.subheadline = subheadline
        self.body = body
        self.native_id = native_id
        self.story_key = story_key
        self.version = version
        self.versioncreated = versioncreated
        self.firstcreated = firstcreated
        self.pubstatus = pubstatus
        self.located = located
        self.language = language
        self.urgency = urgency
        self.usageterms = usageterms
        self.copyrightnotice = copyrightnotice
        self.ednote = ednote
        self.byline = byline
        self.dropped = [] if dropped is None else dropped
        self.unused = [] if unused is None else unused
        self.signals = [] if signals is None else signals
        self.altids = [] if altids is None else altids
        self.providers = [] if providers is None else providers
        self.desk = desk
        self.link = link
        self.embargoed = embargoed
        self.description = description
        self.places = [] if places is None else places
        self.headline_as_sent = headline_as_sent
        self.normalised = normalised
        self.uri_headline = uri_headline


#: ``UPDATE 2-`` → the ``update:2`` signal, when the headline is kept as sent.
_UPDATE_N = re.compile(r"\bUPDATE\s*(\d{1,3})\s*[-:]", re.IGNORECASE)


def web_link(value: str | None) -> str | None:
    """An http(s) address with a host, as given, or None: a producer's "link" may be a path,
    a mailto or a tag uri, none of which names an outlet."""
    if not value:
        return None
    value = value.strip()
    if len(value) > MAX_LINK_CHARS or not _WEB.match(value):
        return None
    return value


_BLANKS = re.compile(r"\s+")


def _opens_with(body: str, line: str) -> bool:
    """Whether ``body`` opens with ``line`` (one line, blanks single) up to its blanks and
    breaks: only a prefix of at most twice the line's length is read (a break is two
    characters where the line has one space)."""
    head = _BLANKS.sub(" ", body[: 2 * len(line) + 2]).lstrip()
    return head.startswith(line) and head[len(line) : len(line) + 1] in ("", " ")


def _clean_opt(value: str | None) -> str | None:
    if value is None:
        return None
    value = textmod.clean(value)
    return value or None


def _kept(value: str | None) -> str | None:
    return value or None


def _notice(value: str | None, clean: Callable[[str | None], str | None]) -> str | None:
    """A rights text, capped before it is cleaned: it is often the same text for every item
    of a payload (a feed's channel copyright), so an uncapped one costs items x its size."""
    if value is None:
        return None
    cleaned = clean(value[: 2 * MAX_NOTICE_CHARS])
    return clip(cleaned, MAX_NOTICE_CHARS) if cleaned else None


def build(fields: Fields, fmt: str, source: str, dropped: list[str]) -> WireItem:
    """Normalise the fields and build the item (markers, dateline, identity).

    ``source`` is the uri namespace (:mod:`streams.core.identity`), aliases already resolved.
    """
    item = WireItem(uri="")
    item.ext.format = fmt
    clean = _kept if fields.normalised else _clean_opt
    body = clean(fields.body)
    headline = fields.headline or ""
    if headline and not fields.normalised:
        headline = textmod.clean_inline(headline)
    sub = textmod.clean_inline(fields.subheadline) if fields.subheadline else ""
    if len(headline) > MAX_HEADLINE_CHARS or len(sub) > MAX_HEADLINE_CHARS:
        # Text, not a headline: it opens the body, so nothing of it is lost (a headline so
        # moved is derived from the body, as for a dump that has none).
        # A part the body already opens with (a feed that sent its text as both title and
        # description) is not put there twice.
        moved = [
            part
            for part in (headline, sub)
            if len(part) > MAX_HEADLINE_CHARS and not (body and _opens_with(body, part))
        ]
        if len(headline) > MAX_HEADLINE_CHARS:
            headline = ""
        if len(sub) > MAX_HEADLINE_CHARS:
            sub = ""
        if moved:
            lead = "\n\n".join(moved)
            body = f"{lead}\n\n{body}" if body else lead
        add_signal(item, "headline-as-body")
    if headline:
        markers = read_markers(headline)
        if fields.headline_as_sent:
            _as_sent(item, markers, headline)
        apply_markers(item, markers)
        if markers.text:
            fields.dropped.extend(markers.stripped)
            headline = markers.text
        item.headlines.append(Headline(headline))
    elif body or fields.description:
        lead = body or clean(fields.description) or ""
        if lead:
            item.headlines.append(Headline(derive_headline(lead.split("\n\n", 1)[0])))
            add_signal(item, "derived-headline")
    if sub:
        item.headlines.append(Headline(sub, role="sub"))
    if body:
        item.bodies.append(Body(body))
        dateline = read_dateline(body) or read_credit_dateline(body)
        if dateline is not None:
            item.located = dateline.place
            if dateline.agency:
                add_infosource(item, dateline.agency)
    if fields.located:
        item.located = textmod.clean_inline(fields.located) or item.located
    if fields.desk:
        item.ext.desk = textmod.clean_inline(fields.desk) or None
    item.ext.link = web_link(fields.link)
    if fields.description:
        item.description = clean(fields.description)
    item.embargoed = fields.embargoed
    if item.embargoed:
        add_signal(item, "embargoed")
    for name in fields.providers:
        # A provider may be the feed's title, shared by every entry: capped like a notice.
        add_infosource(item, clip(textmod.clean_inline(name[: 2 * MAX_NAME_CHARS]), MAX_NAME_CHARS))
    for signal in fields.signals:
        add_signal(item, signal)
    if fields.version is not None and fields.version > 0:
        item.version = max(item.version, min(fields.version, MAX_VERSION))
    if fields.pubstatus is not None and item.pubstatus != "canceled":
        item.pubstatus = fields.pubstatus
    if item.pubstatus == "canceled":
        add_signal(item, "kill")
    item.versioncreated = fields.versioncreated
    item.firstcreated = fields.firstcreated
    item.language = fields.language.strip() if fields.language else None
    if fields.urgency is not None and 0 <= fields.urgency <= 9:
        item.urgency = fields.urgency
    item.usageterms = _notice(fields.usageterms, clean)
    item.copyrightnotice = _notice(fields.copyrightnotice, clean)
    item.ednote = clean(fields.ednote)
    item.byline = clean(fields.byline)
    if fields.unused:
        _report_unused(item, fields)
    item.ext.dropped = carried_dropped(fields.dropped)
    # The payload's report is the whole union; an item carries at most MAX_DROPPED_CHARS.
    dropped.extend(d for d in fields.dropped if d.strip())
    if item.ednote and is_kill_note(item.ednote):
        add_signal(item, "kill")
        item.pubstatus = "canceled"
    item.altids = [a for a in fields.altids if a.value]
    if fields.places:
        item.places = _places(fields.places)
    native = native_uri(fields.native_id)
    if native is not None:
        item.uri = scoped_uri(source, native)
    elif fields.story_key:
        item.uri = story_uri(source, fmt, *fields.story_key)
    else:
        uri_headline = item.headline if fields.uri_headline is None else fields.uri_headline
        item.uri = content_uri(source, uri_headline, item.body)
    return item


def _places(raw: list[Place]) -> list[Place]:
    """The places read, cleaned (one line, capped), each once, at most ``MAX_PLACES``."""
    out: list[Place] = []
    seen: set[tuple[str, str | None]] = set()
    for p in raw:
        name = clip(textmod.clean_inline(p.name[: 2 * MAX_PLACE_CHARS]), MAX_PLACE_CHARS)
        code = p.code if p.code and len(p.code) == 2 and p.code.isascii() else None
        code = code if code and code.isalpha() and code.isupper() else None
        if not name and not code:
            continue
        key = (name.casefold(), code)
        if key in seen:
            continue
        seen.add(key)
        uri = textmod.clean_inline(p.uri[: 2 * MAX_PLACE_URI_CHARS]) if p.uri else ""
        out.append(Place(name, code, clip(uri, MAX_PLACE_URI_CHARS) or None))
        if len(out) == MAX_PLACES:
            break
    return out


def _report_unused(item: WireItem, fields: Fields) -> None:
    """Each unused text no field holds (whitespace aside) goes to ``dropped``, once."""
    held = [
        *(h.value for h in item.headlines),
        item.body,
        item.description,
        item.byline,
        item.ednote,
        item.located,
        *(a.value for a in item.altids),
    ]
    joined = "\n".join(" ".join(v.split()) for v in held if v)
    for extra in fields.unused:
        norm = " ".join(textmod.clean_inline(extra).split())
        if norm and norm not in joined and norm not in fields.dropped:
            fields.dropped.append(norm)


def _as_sent(item: WireItem, markers: Markers, headline: str) -> None:
    """Keep the headline whole: nothing is stripped, the signals are read all the same."""
    markers.text, markers.stripped = "", []
    numbered = _UPDATE_N.search(headline)
    if numbered:
        add_signal(item, f"update:{int(numbered.group(1))}")


def to_int(value: object) -> int | None:
    """Lenient integer (``"3"``, ``3``, ``3.0``); None when not a number.

    Any length of ASCII digits is taken: Reuters sends 10-digit versions, and a number
    read as None made every Reuters item version 1 (a kill became a duplicate). Callers
    clamp (:data:`MAX_VERSION`); the 40-digit cap only bounds the int conversion.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        digits = value.strip()
        if digits.isascii() and digits.isdigit() and len(digits) <= 40:
            return int(digits)
    return None
