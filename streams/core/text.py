"""Text normalisation shared by every format: bytes to clean, comparable Unicode.

Fast path first: nearly all wire text is valid UTF-8, so strict UTF-8 decoding is
tried before anything clever; cp1252 and Latin-1 follow, and only then a
plausibility check decides whether the bytes are text at all. Mojibake repair is a
small targeted fixer for UTF-8 read as cp1252 (``â€™`` → ``’``) or as a Central European
code page (``StĂ€rke`` → ``Stärke``), not ftfy: it only touches runs that round-trip exactly,
so clean text is never altered.
"""

from __future__ import annotations

import contextlib
import html
import os
import re
import threading
import unicodedata
from collections.abc import Callable
from functools import cache
from importlib.resources import files
from typing import Final

from selectolax.lexbor import LexborDocumentOptions, LexborHTMLParser, LexborNode

from streams.errors import ParseError

#: Framing characters of IPTC 7901 / ANPA-1312 (SOH, STX, ETX, EOT, SYN, RS, US)
#: tolerated in text until the transmission parser has read them.
FRAMING: Final = "\x01\x02\x03\x04\x16\x1e\x1f"

_C0_C1 = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\ufeff]")
_BAD_FOR_TEXT = re.compile(r"[\x00\x05-\x08\x0e-\x15\x17-\x1d\x7f]")


def _cp1252_continuations() -> str:
    chars = []
    for b in range(0x80, 0xC0):
        try:
            chars.append(bytes([b]).decode("cp1252"))
        except UnicodeDecodeError:
            chars.append(chr(b))
    return "".join(chars)


def _sloppy_bytes() -> dict[str, int]:
    """cp1252 as Windows applies it: the five undefined bytes pass through as U+0081 etc."""
    table = {chr(b): b for b in range(0x100)}
    for b in range(0x80, 0x100):
        with contextlib.suppress(UnicodeDecodeError):
            table[bytes([b]).decode("cp1252")] = b
    return table


_SLOPPY_BYTES: Final = _sloppy_bytes()


def _cp1252_table() -> dict[int, str]:
    """Latin-1 code point → cp1252 character, U+FFFD for the five bytes cp1252 leaves undefined."""
    table = {}
    for b in range(0x80, 0xA0):
        try:
            table[b] = bytes([b]).decode("cp1252")
        except UnicodeDecodeError:
            table[b] = "\ufffd"
    return table


_CP1252: Final = _cp1252_table()
_CONT = re.escape(_cp1252_continuations())
#: A UTF-8 lead byte seen as cp1252 (Â..ô) followed by as many continuation bytes, seen as
#: cp1252, as that lead announces: a greedy ``{1,3}`` took "Ã©’" (C3 A9 92, not UTF-8) and
#: left "Ã©" unrepaired, or "Ã©" + NBSP, which a second cleaning (the NBSP made a space) did
#: repair. One pass: a repair can form a new pair (double encoding, "Ã’©"), left as it is.
_MOJIBAKE = re.compile(
    f"[\u00c2-\u00df][{_CONT}]|[\u00e0-\u00ef][{_CONT}]{{2}}|[\u00f0-\u00f4][{_CONT}]{{3}}"
)
#: Lead characters of the common double encodings (Latin, punctuation, Cyrillic, Arabic).
_LEADS: Final = ("Â", "Ã", "Ä", "Å", "â", "Ð", "Ñ", "Ø", "Ù", "Î", "Ï", "×")
_MOJIBAKE_HINT = re.compile(
    "[ÂÃÄÅâ][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)


#: Single-byte codecs in which UTF-8's lead byte C3 (every Latin-1 letter: ä, é, ñ, ü ...) reads
#: as "Ă": Latin-10 (ISO 8859-16), Windows-1250 and Latin-2. "Stärke" read in Latin-10 is
#: "StĂ€rke", in cp1250 "StĂ¤rke" (dedup probe r52: a dpa copy on an aggregator's page).
_CENTRAL_CODECS: Final = ("iso8859_16", "cp1250", "iso8859_2")


def _central_tables() -> tuple[tuple[str, dict[str, str]], ...]:
    """Per codec: the character a continuation byte (0x80-0xBF) reads as → the Latin-1 letter
    that "Ă" and it spell in UTF-8 (C1 controls left out: clean-up deletes them anyway)."""
    tables = []
    for codec in _CENTRAL_CODECS:
        table = {}
        for b in range(0x80, 0xC0):
            with contextlib.suppress(UnicodeDecodeError):
                ch = bytes([b]).decode(codec)
                if not 0x80 <= ord(ch) < 0xA0:
                    table[ch] = bytes([0xC3, b]).decode("utf-8")
        tables.append((codec, table))
    return tuple(tables)


_CENTRAL: Final = _central_tables()
_CENTRAL_PAIR = re.compile(
    "\u0102([" + re.escape("".join(sorted({ch for _, t in _CENTRAL for ch in t}))) + "])"
)


def _fix_central(text: str) -> str:
    """Repair UTF-8 read as Latin-10, cp1250 or Latin-2 ("StĂ€rke" → "Stärke"), once.

    "Ă" is a Romanian capital, so a pair is only repaired inside a lower-case word: a
    lower-case letter before it or after it ("CASĂ»" in capitals stays). One opening a word
    ("Ăș" before a lower-case letter) is repaired only in a text with a pair after a
    lower-case letter too: alone it is as likely a Romanian word in title case ("Ăștia",
    "Ăştia", these ones) as a broken "ú" ("Ășltimo"). One codec serves the whole text, the one
    that reads most of its pairs as a letter of the word's case ("Ă€" is "ä" in Latin-10 but
    "À" in cp1250). Two passes over the pairs, no list of them: a hostile text of pairs costs
    its length, not a match object a pair.
    """
    seen: dict[str, int] = {}
    inner = False
    for m in _CENTRAL_PAIR.finditer(text):
        start, end = m.span()
        if start and text[start - 1].islower():
            inner = True
        elif not (end < len(text) and text[end].islower()):
            continue
        ch = m.group(1)
        seen[ch] = seen.get(ch, 0) + 1
    if not inner:
        return text
    best: dict[str, str] = {}
    best_score = 0
    for _, table in _CENTRAL:
        score = 0
        for ch, n in seen.items():
            letter = table.get(ch)
            if letter is not None:
                score += n * (2 if letter.islower() else 1)
        if score > best_score:
            best, best_score = table, score

    def repair(m: re.Match[str]) -> str:
        start, end = m.span()
        if (start and text[start - 1].islower()) or (end < len(text) and text[end].islower()):
            return best.get(m.group(1), m.group(0))
        return m.group(0)

    return _CENTRAL_PAIR.sub(repair, text)


def decode(data: bytes) -> tuple[str, str]:
    """Bytes → (text, charset). Raises ParseError for empty, binary or non-text bytes."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    stripped = data.rstrip(b"\x00")
    if not stripped.strip():
        raise ParseError("the payload is empty (no text at all)", reason="empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ParseError(
            "the payload is UTF-16; send UTF-8 (or cp1252/Latin-1) text", reason="bad-encoding"
        )
    try:
        text = stripped.decode("utf-8")
        charset = "utf-8"
    except UnicodeDecodeError as exc:
        _check_binary(stripped)
        # Per byte: one of cp1252's five undefined bytes (0x81, 0x8D, 0x8F, 0x90, 0x9D) must not
        # switch the whole payload to Latin-1, where every curly quote, dash and euro sign is a
        # C1 control that the clean-up then deletes. The undefined byte itself becomes U+FFFD.
        text = stripped.decode("latin-1").translate(_CP1252)
        charset = "cp1252"
        high = sum(1 for ch in text if ord(ch) > 0x7F)
        if high > 0.3 * len(text):
            raise ParseError(
                f"invalid UTF-8 at byte {exc.start} and the bytes do not read as cp1252 or"
                f" Latin-1 text either ({high} of {len(text)} characters are non-ASCII);"
                " check the feed's encoding",
                reason="bad-encoding",
            ) from exc
    if b"\x00" in stripped or _bad_bytes(stripped) > max(4, len(text) // 50):
        _check_binary_text(text)  # words the error (the count is the same, see _bad_bytes)
    return text, charset


#: The characters of ``_BAD_FOR_TEXT`` as bytes, to delete at C speed.
_BAD_BYTES: Final = bytes([0, *range(0x05, 0x09), *range(0x0E, 0x16), *range(0x17, 0x1E), 0x7F])


def _bad_bytes(data: bytes) -> int:
    """How many of ``_BAD_FOR_TEXT``'s characters the text decoded from ``data`` holds.

    All are ASCII controls: one byte each in UTF-8 (never inside a multi-byte sequence) and
    in cp1252/Latin-1, so counting bytes gives the regular expression's count on the text,
    in one ``bytes.translate`` instead of a character-by-character scan (~50 us an article),
    or one native count (``native/src/text.rs``), which copies nothing: the translation was
    about 5% of the parse stage's instructions.
    """
    count = _COUNT_BYTES
    if count is not None:
        return count(data, _BAD_BYTES)
    return len(data) - len(data.translate(None, _BAD_BYTES))


def _check_binary(data: bytes) -> None:
    bad = len(_BAD_FOR_TEXT.findall(data.decode("latin-1")))
    if bad > max(4, len(data) // 50):
        raise ParseError(
            f"the payload looks binary ({bad} NUL/control bytes in {len(data)}), not wire text",
            reason="binary-payload",
        )


def _check_binary_text(text: str) -> None:
    if "\x00" in text:
        raise ParseError(
            f"the payload holds NUL bytes (first at character {text.index(chr(0))});"
            " binary data or UTF-16, not wire text",
            reason="binary-payload",
        )
    bad = len(_BAD_FOR_TEXT.findall(text))
    if bad > max(4, len(text) // 50):
        raise ParseError(
            f"the payload looks binary ({bad} control characters in {len(text)}), not wire text",
            reason="binary-payload",
        )


def fix_mojibake(text: str) -> str:
    """Repair UTF-8 that was decoded as cp1252, or as Latin-10/cp1250/Latin-2 (once); exact
    round-trips only."""
    if text.isascii():
        return text
    if "\u0102" in text:
        text = _fix_central(text)
    if not any(lead in text for lead in _LEADS):
        return text
    if not _MOJIBAKE_HINT.search(text):
        return text

    def repair(match: re.Match[str]) -> str:
        run = match.group(0)
        try:
            return bytes(_SLOPPY_BYTES[ch] for ch in run).decode("utf-8")
        except (KeyError, UnicodeError):
            return run

    return _MOJIBAKE.sub(repair, text)


def strip_controls(text: str) -> str:
    """Drop C0/C1 controls (keeping tab and newline); call after framing is read."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _C0_C1.sub("", text)


def normalise_whitespace(text: str) -> str:
    """Runs of spaces to one, lines stripped, at most one blank line in a row."""
    return _lines(text, controls=False)


#: Written with a literal prefix, so the engine jumps between candidates (``\n{3,}`` has
#: none, and tries every position: seven times slower on an article).
_BLANK_RUN = re.compile(r"\n\n\n+")


#: Printable ASCII and the newline (what an ASCII text of printable lines is made of).
_PRINTABLE_LINES: Final = bytes(range(0x20, 0x7F)) + b"\n"


def _lines(text: str, *, controls: bool) -> str:
    return _lines_flagged(text, controls=controls)[0]


def _native_normal() -> Callable[[str, bool], tuple[str, bool] | None] | None:
    """The compiled whitespace pass (``native/src/text.rs``), or None: not built, or
    ``WIRE_NATIVE=0`` (read once, at import)."""
    if os.environ.get("WIRE_NATIVE", "1") == "0":
        return None
    try:
        from wirestream_native import normal_text
    except ImportError:
        return None
    return normal_text


#: :func:`_native_normal`'s answer, looked up once: a module constant is a C static in the
#: compiled core, where a ``functools.cache`` wrapper costs hundreds of instructions a call.
_NORMAL_TEXT: Final = _native_normal()


def _native_marks() -> Callable[[str], tuple[str | None, int, bool, bool]] | None:
    """The compiled passes before the HTML parser (``native/src/text.rs``, ``html_marks``),
    or None: not built, or ``WIRE_NATIVE=0`` (read once, at import)."""
    if os.environ.get("WIRE_NATIVE", "1") == "0":
        return None
    try:
        from wirestream_native import html_marks
    except ImportError:
        return None
    return html_marks


def _native_count() -> Callable[[bytes, bytes], int] | None:
    """The compiled byte count (``native/src/text.rs``, ``count_bytes``), or None."""
    if os.environ.get("WIRE_NATIVE", "1") == "0":
        return None
    try:
        from wirestream_native import count_bytes
    except ImportError:
        return None
    return count_bytes


_HTML_MARKS: Final = _native_marks()
_COUNT_BYTES: Final = _native_count()


def _lines_flagged(text: str, *, controls: bool) -> tuple[str, bool]:
    """:func:`_lines`, and whether a control character was removed.

    Nearly every text is already normal (each reader's output is cleaned again by the
    build), and the test that says so was most of this function's cost: in Python four
    whole-text substring searches, an ASCII encode and a byte translation, about 4% of the
    pure pipeline's instructions; the texts it changes (HTML reduced to text, mostly) cost
    about 120 k instructions each in the per-line loop. The native core does both in a pass
    or two over the text, with :func:`_lines_python`'s result, for every text of ASCII and
    of the characters whose printability it knows; any other text (None) takes the Python
    pass, whose answers depend on Python's Unicode tables.
    """
    native = _NORMAL_TEXT
    if native is not None:
        try:
            done = native(text, controls)
        except ValueError:  # a lone surrogate has no UTF-8 form: the Python pass decides
            done = None
        if done is not None:
            return done
    return _lines_python(text, controls=controls)


def _lines_python(text: str, *, controls: bool) -> tuple[str, bool]:
    """:func:`_lines_flagged` in Python: the reference, and the pass that changes a text."""
    # str.split() knows every Unicode blank (NBSP, thin and ideographic spaces) and is
    # several times faster than a regular expression; isprintable() finds, at C speed,
    # the few lines that need the control-character pass.
    if "\n\n\n" in text:
        # Runs of blank lines come out as one either way (block tags leave four newlines
        # between paragraphs); collapsed first, the loop below sees half the lines.
        text = _BLANK_RUN.sub("\n\n", text)
    if text[:1] == "\n" or text[-1:] == "\n":
        text = text.strip("\n")  # blank lines at either end are dropped anyway
    lines: list[str] | None = None
    if text.isascii():
        # ASCII lines are printable when every byte is 0x20-0x7E or the newline: one
        # bytes.translate deletes those, ten times faster than isprintable() line by line.
        printable = not text.encode("ascii").translate(None, _PRINTABLE_LINES)
    else:
        lines = text.split("\n")
        printable = all(map(str.isprintable, lines))
    if (
        printable
        and "  " not in text
        and " \n" not in text
        and "\n " not in text
        and text[:1] != " "
        and text[-1:] != " "
    ):
        # Already normal (most text by the time it is cleaned again): a printable line holds
        # no control and no blank but the space, so there is nothing to change.
        return text, False
    if lines is None:
        lines = text.split("\n")
    out: list[str] = []
    blank = True
    removed = False
    for line in lines:
        if controls and not line.isprintable():
            kept = _C0_C1.sub("", line)
            removed = removed or len(kept) != len(line)
            line = kept
        line = " ".join(line.split())
        if line:
            out.append(line)
            blank = False
        elif not blank:
            out.append("")
            blank = True
    if out and not out[-1]:
        out.pop()
    return "\n".join(out), removed


def clean(text: str) -> str:
    """Mojibake repair, NFC, controls removed, whitespace normalised."""
    text = fix_mojibake(text)
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.isascii() and _C0_C1.search(text):
        # A control between the two halves of a mojibake pair ("Â\x1f¡", "Â\x1f\xa0") hid it
        # from the repair above; repaired now, before blanks are normalised (an NBSP half
        # would become a space), as cleaning the text without the control would.
        text = unicodedata.normalize("NFC", fix_mojibake(_C0_C1.sub("", text)))
    text, _ = _lines_flagged(text, controls=True)
    return text


#: :func:`clean_inline`'s answers for short texts: most of what it cleans is a name every item
#: of a feed or a desk repeats (the feed's title, the agency's credit, the desk's name: 1,095
#: of 1,590 calls per 1,000 bench items repeat one), about 4 k instructions each
#: (bench/README.md, session 36, hperf94). Exact: the answer depends on the text alone (the
#: tables are read once). Bounded: texts of up to :data:`_INLINE_CHARS` characters, at most
#: :data:`_INLINE_ENTRIES` of them, emptied when full.
_INLINE: dict[str, str] = {}
_INLINE_ENTRIES = 256
_INLINE_CHARS = 64


def clean_inline(text: str) -> str:
    """Like :func:`clean` but on one line (headlines, names, places)."""
    if len(text) > _INLINE_CHARS:
        return " ".join(clean(text).split())
    memo = _INLINE
    got = memo.get(text)
    if got is not None:
        return got
    line = " ".join(clean(text).split())
    if len(memo) >= _INLINE_ENTRIES:
        memo.clear()
    memo[text] = line
    return line


#: Elements whose boundaries are paragraph breaks in the text (``br`` and ``hr`` are line breaks).
_BLOCK_NAMES: Final = frozenset(
    [
        "p",
        "div",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "table",
        "tr",
        "section",
        "article",
        "header",
        "footer",
    ]
)
#: Elements whose content is not article text.
_DROPPED: Final = ("script", "style", "title", "template")
_DROPPED_CSS: Final = ", ".join(_DROPPED)
_HAS_DROPPED = re.compile(r"<(?:script|style|title|template)", re.I)
#: Breaks are put in the source as whitespace before block, break and cell tags, so the
#: parser's plain ``text()`` (one C call) carries them; HTML keeps whitespace text in every
#: context a fragment can reach, tables included.
_MARK_BLOCK = re.compile(
    r"<(?=/?(?:p|div|li|ul|ol|h[1-6]|blockquote|pre|table|tr|section|article|header|footer)"
    r"[\s/>])",
    re.I,
)
_MARK_LINE = re.compile(r"<(?=/?(?:br|hr)[\s/>])", re.I)
_MARK_CELL = re.compile(r"<(?=/?t[dh][\s/>])", re.I)
#: Elements a tree builder never keeps open (void) or closes by itself at the next sibling;
#: they do not count towards the nesting estimate below.
_FLAT: Final = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
        "param",
        "keygen",
        "basefont",
        "bgsound",
        "frame",
        "p",
        "li",
        "dt",
        "dd",
        "option",
        "optgroup",
        "rb",
        "rt",
        "rp",
        "rtc",
        "tr",
        "td",
        "th",
        "tbody",
        "thead",
        "tfoot",
        "colgroup",
        "caption",
    ]
)
#: Up to this many ``<``, Lexbor's worst case (quadratic in the number of tags) is a few
#: milliseconds, so markup this small skips the structure check.
_SMALL_MARKUP = 256
#: Open elements allowed before the markup counts as hostile (browsers cap the tree at 512).
_MAX_HTML_DEPTH = 128
#: "<" signs past which markup skips the tree builder whatever its shape: Lexbor keeps a node
#: of some 300 bytes a tag, so 4 MB of flat `<option>x` grew the worker by 147 MB (session
#: 34, `bench/hostile_bench.py`), and the nesting estimate's tag list held 109 MB for 4 MB of
#: `<div>`. A real article or page has a few thousand tags (a long one under 20,000).
_MAX_TREE_OPENS = 50_000
#: Longest start tag handed to Lexbor: it checks each attribute against the tag's others.
_LONG_TAG = re.compile(r"<[A-Za-z/][^<>]{1024}")
_TAG_NAME = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)")
#: Markup parsed into one Lexbor document before it is replaced (its arena only grows).
_REUSE_BYTES = 1 << 20


class _Lexbor(threading.local):
    """One reusable Lexbor document per thread.

    Creating a document costs about 45 µs, more than parsing a 3 KB article into an existing
    one (about 10 µs), so fragments are parsed into a ``<div>`` of a kept document; it is
    replaced after ``_REUSE_BYTES`` of markup, which bounds the memory it holds.
    """

    def __init__(self) -> None:
        self.used = _REUSE_BYTES

    def holder(self, size: int) -> LexborNode:
        if self.used >= _REUSE_BYTES:
            doc = LexborHTMLParser("<div></div>", options=int(LexborDocumentOptions.WO_EVENTS))
            body = doc.body
            assert body is not None and body.child is not None
            self.doc, self.node, self.used = doc, body.child, 0
        self.used += size
        return self.node


_LEXBOR = _Lexbor()


def lexbor_bytes() -> int:
    """Markup this thread has parsed into its current Lexbor document (tests: whether a text
    went to the parser). Read here: with the compiled core, reading ``_LEXBOR.used`` from
    interpreted code crashes the process (a compiled subclass of ``threading.local``)."""
    return _LEXBOR.used


def html_to_text(markup: str) -> str:
    """HTML fragment → plain text: block tags become paragraph breaks, entities decoded.

    A real HTML parser (Lexbor, via selectolax) reads comments, raw-text elements, quoted
    attributes and entities the way a browser does, in linear time for real markup. Spec
    tree building is super-linear on some hostile structures (thousands of nested open
    elements, re-opened formatting elements, tags with thousands of attributes), so markup
    shaped like that is reduced by :func:`_strip_linear` instead, a single forward scan.
    """
    if "<" not in markup:
        return clean(html.unescape(markup) if "&" in markup else markup)
    found = _marks(markup)
    if found is None:
        if _linear_only(markup, markup.count("<"), _LONG_TAG.search(markup) is not None):
            return clean(_strip_linear(markup))
        marked = _MARK_LINE.sub("\n<", _MARK_BLOCK.sub("\n\n<", markup))
        if "<t" in marked or "<T" in marked:
            marked = _MARK_CELL.sub(" <", marked)
        has_dropped = _HAS_DROPPED.search(markup) is not None
    else:
        new, opens, long_tag, has_dropped = found
        if _linear_only(markup, opens, long_tag):
            return clean(_strip_linear(markup))
        marked = markup if new is None else new
    node = _LEXBOR.holder(len(marked))
    node.inner_html = marked
    if has_dropped:
        for dropped in node.css(_DROPPED_CSS):
            dropped.decompose()
    text = node.text()
    node.inner_html = ""
    return clean(text)


def _linear_only(markup: str, opens: int, long_tag: bool) -> bool:
    """Whether ``markup`` (``opens`` "<" signs, a start tag over 1,024 characters or not)
    goes to :func:`_strip_linear` rather than Lexbor: a shape the tree builder handles in
    super-linear time, or more tags than any real page holds (``_MAX_TREE_OPENS``)."""
    if long_tag or opens > _MAX_TREE_OPENS:
        return True
    return opens > _SMALL_MARKUP and not _tree_safe(markup)


def _marks(markup: str) -> tuple[str | None, int, bool, bool] | None:
    """:func:`html_to_text`'s passes before the parser in one native pass: the markup with
    its breaks put in (None: unchanged), ``markup.count("<")``, whether ``_LONG_TAG`` and
    ``_HAS_DROPPED`` find anything; None without the native core (or for a lone surrogate,
    which has no UTF-8), and the patterns run. They were six passes over the markup (three
    substitutions, two searches and a count), about a third of this function's
    instructions; ``tests/unit/core/test_native_text.py`` holds the two ways to each other."""
    native = _HTML_MARKS
    if native is None:
        return None
    try:
        return native(markup)
    except ValueError:
        return None


def _tree_safe(markup: str) -> bool:
    """Whether a tree builder stays linear on this markup: shallow nesting.

    The nesting is estimated from tag names alone (one regular-expression pass, every end
    tag closing the last open element of its name), which over-counts sloppy markup: that
    only sends it to the linear scanner, whose text is the same up to whitespace.
    """
    open_by_name: dict[str, int] = {}
    depth = 0
    flat = _FLAT
    for slash, tag in _TAG_NAME.findall(markup):
        name = tag.lower()
        if name in flat:
            continue
        if slash:
            if open_by_name.get(name, 0) > 0:
                open_by_name[name] -= 1
                depth -= 1
        else:
            open_by_name[name] = open_by_name.get(name, 0) + 1
            depth += 1
            if depth > _MAX_HTML_DEPTH:
                return False
    return True


_ASCII_LOWER: Final = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_TAG_END = re.compile(r"[\s/>]")


def _strip_linear(markup: str) -> str:
    """Tags out, text kept, in one forward pass (every search starts where the last ended).

    Follows the HTML tokenizer where it matters for text: comments and dropped elements end
    at their first closing sequence or run to the end, an unclosed tag runs to the end, and
    ``<`` not followed by a letter, ``/``, ``!`` or ``?`` is text.
    """
    low = markup.translate(_ASCII_LOWER)  # same length: ASCII-only case folding
    out: list[str] = []
    pos, n = 0, len(markup)
    # Text runs from ``pos``; ``scan`` is where the next "<" is sought: a "<" that opens no
    # tag stays in the run, so a flood of them is one piece of text, not two list entries a
    # character (4 MB of "<" held 64 MB of list).
    scan = 0
    while pos < n:
        lt = markup.find("<", scan if scan > pos else pos)
        if lt < 0:
            out.append(markup[pos:])
            break
        nxt = markup[lt + 1 : lt + 2]
        # A "<" that ends the markup is text too, as the tokenizer reads it ("" is in any
        # string, so it needs its own test).
        if not nxt or not (nxt.isascii() and (nxt.isalpha() or nxt in "/!?")):
            scan = lt + 1
            continue
        out.append(markup[pos:lt])
        # Not markup.startswith("<!--", lt): compiled, a str method given an index is a
        # generic call that parses an argument tuple; "!" after "<" is already in hand.
        if nxt == "!" and markup[lt + 2 : lt + 4] == "--":
            close = markup.find("-->", lt + 4)
            if close < 0:
                break
            pos = close + 3
            continue
        gt = markup.find(">", lt + 1)
        if gt < 0:
            break
        pos = gt + 1
        start = lt + 2 if nxt == "/" else lt + 1
        m = _TAG_END.search(low, start, gt + 1)
        name = low[start : m.start() if m else gt]
        if nxt != "/" and name in _DROPPED:
            close = low.find("</" + name, pos)
            gt = markup.find(">", close) if close >= 0 else -1
            if gt < 0:
                break
            pos = gt + 1
        elif name in ("br", "hr"):
            out.append("\n")
        elif name in _BLOCK_NAMES:
            out.append("\n\n")
        elif name in ("td", "th"):
            out.append(" ")
    text = "".join(out)
    return html.unescape(text) if "&" in text else text


_LOOKS_HTML = re.compile(r"</?[a-zA-Z][^<>]*>|&(?:[a-zA-Z]{2,8}|#\d{2,6});")


def looks_like_html(text: str) -> bool:
    """Whether a string carries markup worth reducing (tags or entities).

    ``[^<>]*`` rather than ``[^>]*``: each attempt stops at the next ``<``, so a text of
    ``<a`` repeated is one pass, not one pass per ``<``.
    """
    return _LOOKS_HTML.search(text) is not None


@cache
def furniture_prefixes() -> tuple[str, ...]:
    """Phrases that open a line of web-page chrome ("Advertisement", "Read more: ...").

    One list (``streams/data/text/furniture.txt``) for the parser, which drops such lines,
    and the deduper, which leaves them out of its sketches.
    """
    text = (files("streams") / "data" / "text" / "furniture.txt").read_text(encoding="utf-8")
    phrases = (ln.strip().casefold() for ln in text.splitlines())
    return tuple(p for p in phrases if p and not p.startswith("#"))


def by_initial(prefixes: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """``prefixes`` grouped by their first character: a line's own first character picks the
    few it can start with, where ``startswith`` over all of them cost the compiled core about
    2-3 k instructions a line."""
    groups: dict[str, list[str]] = {}
    for p in prefixes:
        groups.setdefault(p[:1], []).append(p)
    return {initial: tuple(group) for initial, group in groups.items()}


@cache
def furniture_by_initial() -> dict[str, tuple[str, ...]]:
    """:func:`furniture_prefixes` grouped by :func:`by_initial`."""
    return by_initial(furniture_prefixes())


def is_furniture(line: str) -> bool:
    """A short line (at most 16 words) that starts with a furniture phrase."""
    if len(line) > 160 or not line.lstrip().casefold().startswith(furniture_prefixes()):
        return False  # the phrase test first: most lines fail it, and it splits nothing
    return len(line.split()) <= 16
