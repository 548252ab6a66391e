"""The one contract every wire format follows: a name, a sniff, a reader of fields.

A format module (``nitf.py``, ``ninjs.py``, ...) declares ``FORMAT = Format(...)``; the
registry (:mod:`streams.core.parse.registry`) lists every one; the driver
(:mod:`streams.core.parse.dispatch`) sniffs with the table, calls ``read`` and hands every
:class:`~streams.core.parse.build.Fields` to :func:`~streams.core.parse.build.build`, the
only item constructor. Readers never build items, so markers, datelines, identity and the
``dropped`` report are the same whatever the envelope.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field

from streams.core.parse.base import ParseLimits, check_item_count
from streams.core.parse.build import Fields
from streams.core.parse.xmlsafe import parse_xml
from streams.errors import ParseError

SOH, STX, ETX = "\x01", "\x02", "\x03"
_ROOT = re.compile(r"<(?![?!])(?:[\w.-]+:)?([\w.-]+)")


@dataclass(slots=True)
class Head:
    """The first characters of a decoded payload, as every sniff sees them.

    ``kind`` is decided once, in the order that makes the sniffs exclusive: SOH framing,
    then JSON, then XML (by root element), then STX/ETX framing, else text.
    """

    head: str
    lead: str = ""
    kind: str = "text"  # framed | json | xml | text
    root: str | None = None

    def __post_init__(self) -> None:
        head = self.head
        lead = self.lead = head.lstrip("\ufeff \t\r\n")
        first = lead[:1]
        if first == SOH or (SOH in head[:256] and STX in head):
            self.kind = "framed"
        elif first == "{" or (first == "[" and lead[1:].lstrip()[:1] in ("{", "[", "]", '"', "")):
            self.kind = "json"
        elif first == "<":
            m = _ROOT.search(lead, 0, 4096)
            if m is None:
                raise ParseError(
                    "the payload starts like XML but has no root element", reason="bad-xml"
                )
            self.kind, self.root = "xml", m.group(1)
        elif STX in head[:512] and ETX in head:
            self.kind = "framed"


@dataclass(slots=True)
class Payload:
    """One payload as a reader gets it; ``dropped`` takes text that belongs to no item."""

    data: bytes
    text: str
    limits: ParseLimits
    dropped: list[str] = field(default_factory=list)

    def xml(self) -> ET.Element:
        """The payload's XML tree, parsed safely (:func:`parse_xml`: no DTD, no entities)."""
        return parse_xml(self.data, self.limits)


#: A reader: the payload → (format name, fields) per item. The name is the format's own,
#: or the flavour a multi-flavour reader tells per item (7901 vs ANPA per transmission).
Reader = Callable[[Payload], list[tuple[str, Fields]]]


@dataclass(frozen=True, slots=True)
class Format:
    """A wire format: its canonical ``name`` (the ``wire-format`` header value), other names
    it answers to, whether a payload's head is in it, and its reader."""

    name: str
    sniff: Callable[[Head], bool]
    read: Reader
    aliases: tuple[str, ...] = ()
    #: The published specification its reader follows (where to check a layout question).
    spec: str = ""


def xml_root(*roots: str) -> Callable[[Head], bool]:
    """A sniff for an XML format: the root element's local name is one of ``roots``."""
    names = frozenset(roots)
    return lambda head: head.kind == "xml" and head.root in names


def xml_reader(name: str, read: Callable[[ET.Element], list[Fields]]) -> Reader:
    """A reader for an XML format from a function of the safely parsed root."""

    def reader(payload: Payload) -> list[tuple[str, Fields]]:
        fields = read(payload.xml())
        check_item_count(len(fields), payload.limits)
        return [(name, f) for f in fields]

    return reader
