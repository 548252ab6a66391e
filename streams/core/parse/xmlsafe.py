"""Hardened XML reading: no DTDs (hence no entities, no XXE), bounded depth.

A DTD is the only place entities can be declared, so refusing ``<!DOCTYPE`` refuses
billion-laughs and external-entity attacks. One shape is let through: the plain external
declaration IPTC's own NITF and NewsML 1.x samples carry (``<!DOCTYPE nitf SYSTEM
"nitf-3-4.dtd">``), with no internal subset. The stdlib parser neither fetches nor reads
it, so it declares nothing, and an entity it would have defined is still refused as
undefined (``xml-entities``). The check is a byte scan, made sound by
allowing only ASCII-compatible encodings (UTF-16 and EBCDIC could hide the bytes);
the document is then read by the stdlib's C parser. That measured 3x faster than
defusedxml's Python-level handlers (15 vs 45 µs for a 1.3 KB NITF story) with the
same refusals. Namespaces are stripped from tags after parsing so lookups are plain
C ``find`` calls and a sender's namespace prefixes do not matter.
"""

from __future__ import annotations

import html
import json
import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any, cast

from streams.core import text as textmod
from streams.core.parse.base import ParseLimits
from streams.errors import LimitExceeded, ParseError, UnsafeInput

if TYPE_CHECKING:
    from wirestream_native import MarkNames

_DECL_ENCODING = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']")
_Q = r"(?:\"[^\"<>\[\]]*\"|'[^'<>\[\]]*')"
#: The only DOCTYPE accepted: a NITF or NewsML 1.x root with an external id, no internal subset.
_PLAIN_DOCTYPE = re.compile(
    rb"<!DOCTYPE\s+(?:nitf|NewsML)\s+(?:SYSTEM\s+%s|PUBLIC\s+%s\s+%s)\s*>"
    % (_Q.encode(), _Q.encode(), _Q.encode())
)
_SAFE_ENCODINGS = frozenset(
    {
        "utf-8",
        "utf8",
        "us-ascii",
        "ascii",
        "iso-8859-1",
        "latin-1",
        "latin1",
        "iso-8859-15",
        "windows-1252",
        "cp1252",
    }
)


def parse_xml(data: bytes, limits: ParseLimits) -> ET.Element:
    """Parse XML bytes safely or raise a typed ParseError."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    m = _DECL_ENCODING.match(data[:200])
    if m is not None and m.group(1).decode().lower() not in _SAFE_ENCODINGS:
        raise ParseError(
            f"the XML declares encoding {m.group(1).decode()!r}; only UTF-8, ASCII,"
            " Latin-1 and cp1252 XML is accepted",
            reason="bad-encoding",
        )
    data = _as_utf8(data, m)
    if b"<!ENTITY" in data or (b"<!DOCTYPE" in data and not _plain_doctype(data)):
        raise UnsafeInput(
            "the XML declares a DTD (<!DOCTYPE ...>); DTDs are refused (entity expansion"
            " and external-entity attacks)",
            reason="xml-dtd",
        )
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        line, col = exc.position
        msg = str(exc)
        if "no element found" in msg or "unclosed token" in msg:
            raise ParseError(
                f"the XML ends early (line {line}, column {col}): truncated payload?",
                reason="truncated-xml",
            ) from exc
        if "undefined entity" in msg:
            raise UnsafeInput(
                f"the XML uses an undeclared entity ({msg}); only the five XML entities"
                " and character references are allowed",
                reason="xml-entities",
            ) from exc
        raise ParseError(f"malformed XML: {msg}", reason="bad-xml") from exc
    except (ValueError, LookupError) as exc:
        raise ParseError(f"malformed XML: {exc}", reason="bad-xml") from exc
    check_depth(root, limits)
    for el in root.iter():
        tag = el.tag
        if isinstance(tag, str) and tag[:1] == "{":
            el.tag = tag.rsplit("}", 1)[1]
    return root


#: Labels read as cp1252, as browsers do (WHATWG): a "Latin-1" feed's 0x80-0x9F bytes are
#: curly quotes, dashes and the euro sign, which as Latin-1 are C1 controls the clean-up deletes.
_CP1252_LABELS = frozenset({"iso-8859-1", "latin-1", "latin1", "windows-1252", "cp1252"})


def _as_utf8(data: bytes, decl: re.Match[bytes] | None) -> bytes:
    """The document as UTF-8, declaration rewritten, when it is not UTF-8 already.

    A document labelled Latin-1 or cp1252 is read as cp1252 with an undefined byte (0x81)
    replaced alone, so one stray byte neither refuses the document (expat's cp1252 codec
    did) nor, as Latin-1, turns every quote and dash into a control the clean-up deletes.
    An unlabelled or UTF-8 one that is not valid UTF-8 is decoded as the plain-text path
    does it (:func:`streams.core.text.decode`).
    """
    label = decl.group(1).decode().lower() if decl is not None else "utf-8"
    if label in _CP1252_LABELS:
        if data.isascii():
            return data
        text = data.decode("cp1252", errors="replace")
    elif label in ("utf-8", "utf8"):
        try:
            data.decode("utf-8")
            return data
        except UnicodeDecodeError:
            text, _ = textmod.decode(data)
    else:
        return data  # ASCII, ISO-8859-15: expat reads them as declared
    if decl is not None:  # the declaration is ASCII: byte offsets are character offsets
        text = text[: decl.start(1)] + "utf-8" + text[decl.end(1) :]
    return text.encode("utf-8")


def _plain_doctype(data: bytes) -> bool:
    """One DOCTYPE, of the harmless external-only shape, before the root element."""
    if data.count(b"<!DOCTYPE") != 1:
        return False
    m = _PLAIN_DOCTYPE.search(data, 0, 4096)
    return m is not None and data.find(b"<!DOCTYPE") == m.start()


def check_depth(root: ET.Element, limits: ParseLimits) -> None:
    """Refuse trees nested deeper than the limit (level by level, no recursion)."""
    level = [root]
    depth = 1
    while level:
        if depth > limits.max_depth:
            raise LimitExceeded(
                f"the XML nests deeper than {limits.max_depth} levels; raise WIRE_MAX_DEPTH",
                reason="too-deep",
            )
        level = [child for el in level for child in el]
        depth += 1


def local(tag: object) -> str:
    """Local name of an element tag (``{ns}name`` → ``name``)."""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


# ``kids``, a path of several names and ``descendant`` are loops of this compiled module, not
# ElementPath queries: ``iterfind`` always, and ``find`` for a path holding "/" or ".", runs
# ElementPath's interpreted Python (its tokenizer's cache, then a generator a step, about
# 2-4 µs a query; an RSS entry made several). For a plain name the loops select what its
# query selects, in the same order: a child step yields each element's children whose tag
# equals the name, ".//name" each element ``iter(name)`` yields but the start (bench/README.md,
# session 30, hperf73). A tag is read untyped: only an element's tag is compared.


def kids(el: ET.Element | None, name: str) -> Iterator[ET.Element]:
    """Direct children with this (local) name (``el.iterfind(name)``)."""
    if el is None:
        return iter(())
    return iter([c for c in el if cast(Any, c).tag == name])


def child(el: ET.Element | None, *path: str) -> ET.Element | None:
    """First element along a path of local names (direct children at each step;
    ``el.find("/".join(path))``)."""
    if el is None:
        return None
    if len(path) <= 1:
        return el.find("/".join(path))  # one plain name: the C find's own loop
    return _along(el, path, 0)


def _along(el: ET.Element, path: tuple[str, ...], step: int) -> ET.Element | None:
    """The first element along ``path[step:]`` under ``el``, depth first in document order
    (what ElementPath's chained child steps yield first)."""
    name = path[step]
    last = step == len(path) - 1
    for c in el:
        if cast(Any, c).tag == name:
            if last:
                return c
            found = _along(c, path, step + 1)
            if found is not None:
                return found
    return None


def descendant(el: ET.Element | None, name: str) -> ET.Element | None:
    """First descendant (any depth) with this local name (``el.find(f".//{name}")``)."""
    if el is None:
        return None
    for e in el.iter(name):
        if e is not el:
            return e
    return None


@cache
def _marks() -> dict[str, str]:
    raw = resources.files("streams").joinpath("data/parse/escaped_marks.json").read_text("utf-8")
    marks: dict[str, str] = json.loads(raw)
    return marks


_MARK = re.compile(r"<([A-Za-z]{2,12})>")
#: An entity escaped twice (``&amp;quot;`` arrives as the text ``&quot;``): named ones HTML
#: defines for text, and numeric ones. Anything else with ``&`` is text ("AT&T", "R&D;").
_ENTITY = re.compile(
    r"&(?:amp|quot|apos|lt|gt|nbsp|ndash|mdash|hellip|#\d{1,7}|#x[0-9A-Fa-f]{1,6});"
)
#: Attributes of an escaped tag: ``name="value"`` pairs only, so ``a <b and c> d`` (no ``=``)
#: is never read as a tag and keeps its words.
_ATTRS = r"(?:\s+[A-Za-z_:][\w:.-]*\s*=\s*(?:\"[^\"<>]*\"|'[^'<>]*'))*"


def _trie(words: set[str]) -> str:
    """An alternation of ``words`` as a prefix tree (``b(?:ig|lockquote|r)?``): the engine
    tries each alternative in turn, so at every ``<`` a flat list of 42 tag names cost 42
    attempts, the tree a few (a third less time for a feed's escaped HTML). It matches the
    same strings; with the ``\\b`` after it, the one name that is the whole word."""
    tree: dict[str, Any] = {}
    for word in words:
        node = tree
        for ch in word.lower():
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        alts = [re.escape(ch) + emit(node[ch]) for ch in sorted(node) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if "" in node:  # a word ends here, and longer ones go on
            body = f"(?:{body})?" if len(alts) > 1 or len(alts[0]) > 1 else body + "?"
        return body

    return emit(tree)


@cache
def _tags() -> tuple[re.Pattern[str], Callable[[re.Match[str]], str]]:
    raw = resources.files("streams").joinpath("data/parse/escaped_tags.json").read_text("utf-8")
    tags: dict[str, list[str]] = {k: v for k, v in json.loads(raw).items() if k[0] != "_"}
    names = _trie({*tags["block"], *tags["inline"]})
    pattern = re.compile(rf"<(/?)({names})\b{_ATTRS}\s*/?>", re.IGNORECASE)
    block = frozenset(tags["block"])

    def replace(m: re.Match[str]) -> str:  # called per tag: the block set is bound, not looked up
        return "\n\n" if m.group(2).lower() in block else ""

    return pattern, replace


@cache
def _mark_names() -> MarkNames | None:
    """The native test of :func:`_sub_marks` (``native/src/parse.rs``), or None: not built,
    or ``WIRE_NATIVE=0``."""
    if os.environ.get("WIRE_NATIVE", "1") == "0":
        return None
    try:
        from wirestream_native import MarkNames
    except ImportError:
        return None
    return MarkNames(list(_marks()))


def _sub_marks(value: str) -> str:
    """``value`` with its marks read (``<endash>`` → ``–``; any other tag kept as it is).
    The native test first: an RSS description is HTML with a tag every few dozen characters
    and no mark, and the expression's scan for "<" was about 25 k instructions a description
    (bench/README.md, session 36, hperf94). ``tests/unit/core/parse/test_xmlsafe_marks.py``
    holds the test to the expression."""
    names = _mark_names()
    if names is not None:
        try:
            if not names.found(value):
                return value
        except ValueError:  # a lone surrogate has no UTF-8: the expression decides
            pass
    marks = _marks()
    return _MARK.sub(lambda m: marks.get(m.group(1).lower(), m.group(0)), value)


def read_marks(value: str) -> str:
    """Only the agencies' marks (``<endash>`` → ``–``): for HTML an HTML parser reads next,
    which would drop them as unknown tags."""
    if "<" not in value:
        return value
    return _sub_marks(value)


def unescape_marks(value: str) -> str:
    """Markup that reached the text escaped, read as markup: ``<endash>`` → ``–``; HTML tags
    (``<b>``, ``</p>``, ``<a href="...">``) removed, a block one a paragraph break; entities
    escaped twice (``&quot;``) decoded. Any other ``<`` or ``&`` is text: ``x < y``,
    ``a <b and c> d``, ``AT&T`` stay as sent."""
    if "&" in value and ";" in value:
        value = _ENTITY.sub(lambda m: html.unescape(m.group(0)), value)
    if "<" not in value:
        return value
    value = _sub_marks(value)
    pattern, replace = _tags()
    return pattern.sub(replace, value)


def text(el: ET.Element | None) -> str | None:
    """All text inside an element (tags dropped), or None when missing/blank."""
    if el is None:
        return None
    value = unescape_marks("".join(el.itertext())).strip()
    return value or None


def spaced_text(el: ET.Element | None) -> str | None:
    """All text inside an element, its children's texts apart (``<city>Valletta</city>
    <country>Malta</country>`` → ``Valletta Malta``), or None when blank."""
    if el is None:
        return None
    out = ""
    for piece in el.itertext():
        if out and piece and out[-1].isalnum() and piece[0].isalnum():
            out += " "  # two elements' words would run together
        out += piece
    value = " ".join(unescape_marks(out).split())
    return value or None


def attr(el: ET.Element | None, name: str) -> str | None:
    """An attribute by local name (namespaced or not)."""
    if el is None:
        return None
    for key, value in el.attrib.items():
        if local(key) == name or key == name:
            return value
    return None


def paragraphs(el: ET.Element | None) -> str | None:
    """Text of block children (p, hl2, li, ...) as paragraphs separated by blank lines.

    A block with no block child is one paragraph, its whole text, and its subtree is not
    visited again: with ``el.iter()`` a ``<p>`` nested in a ``<span>`` of a ``<p>`` was read
    once per enclosing block, which made nested markup cost (and repeat) depth × size.
    """
    if el is None:
        return None
    blocks = _BLOCKS
    parts: list[str] = []
    found = False
    stack = list(reversed(el))
    while stack:
        node = stack.pop()
        if local(node.tag) in blocks:
            found = True
            if not any(local(c.tag) in blocks for c in node):
                value = " ".join(unescape_marks("".join(node.itertext())).split())
                if value:
                    parts.append(value)
                continue
        stack.extend(reversed(node))
    if not found:
        return text(el)
    return "\n\n".join(parts) or None


_BLOCKS = frozenset({"p", "hl2", "li", "blockquote", "pre", "h1", "h2", "h3", "h4", "div", "block"})
