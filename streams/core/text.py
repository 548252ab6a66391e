"""Text normalisation shared by every format: bytes to clean, comparable Unicode.

Fast path first: nearly all wire text is valid UTF-8, so strict UTF-8 decoding is
tried before anything clever; cp1252 and Latin-1 follow, and only then a
plausibility check decides whether the bytes are text at all. Mojibake repair is a
small targeted fixer for UTF-8 read as cp1252 (``â€™`` → ``’``), not ftfy: it only
touches runs that round-trip exactly, so clean text is never altered.
"""

from __future__ import annotations

import contextlib
import html
import re
import unicodedata
from functools import cache
from importlib.resources import files
from typing import Final

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
#: A UTF-8 lead byte seen as cp1252 (Â..ô) followed by continuation bytes seen as cp1252.
_MOJIBAKE = re.compile(f"[\u00c2-\u00f4][{_CONT}]{{1,3}}")
#: Lead characters of the common double encodings (Latin, punctuation, Cyrillic, Arabic).
_LEADS: Final = ("Â", "Ã", "Ä", "Å", "â", "Ð", "Ñ", "Ø", "Ù", "Î", "Ï", "×")
_MOJIBAKE_HINT = re.compile(
    "[ÂÃÄÅâ][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)


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
    _check_binary_text(text)
    return text, charset


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
    """Repair UTF-8 that was decoded as cp1252 (once); exact round-trips only."""
    if text.isascii() or not any(lead in text for lead in _LEADS):
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


def _lines(text: str, *, controls: bool) -> str:
    # str.split() knows every Unicode blank (NBSP, thin and ideographic spaces) and is
    # several times faster than a regular expression; isprintable() finds, at C speed,
    # the few lines that need the control-character pass.
    out: list[str] = []
    blank = True
    for line in text.split("\n"):
        if controls and not line.isprintable():
            line = _C0_C1.sub("", line)
        line = " ".join(line.split())
        if line:
            out.append(line)
            blank = False
        elif not blank:
            out.append("")
            blank = True
    if out and not out[-1]:
        out.pop()
    return "\n".join(out)


def clean(text: str) -> str:
    """Mojibake repair, NFC, controls removed, whitespace normalised."""
    text = fix_mojibake(text)
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _lines(text, controls=True)


def clean_inline(text: str) -> str:
    """Like :func:`clean` but on one line (headlines, names, places)."""
    return " ".join(clean(text).split())


_DROP_BLOCKS = re.compile(r"<(script|style|head)\b[^>]*>.*?</\1\s*>", re.I | re.S)
_BREAKS = re.compile(r"<\s*(?:br|hr)\b[^>]*>", re.I)
_BLOCK_TAGS = re.compile(
    r"</?\s*(?:p|div|li|ul|ol|h[1-6]|blockquote|pre|table|tr|section|article|header|footer)\b[^>]*>",
    re.I,
)
_TAGS = re.compile(r"<[^>]*>")
_COMMENTS = re.compile(r"<!--.*?-->", re.S)


def html_to_text(markup: str) -> str:
    """HTML fragment → plain text: block tags become paragraph breaks, entities decoded."""
    if "<" in markup:
        markup = _COMMENTS.sub("", markup)
        markup = _DROP_BLOCKS.sub("", markup)
        markup = _BREAKS.sub("\n", markup)
        markup = _BLOCK_TAGS.sub("\n\n", markup)
        markup = _TAGS.sub("", markup)
    if "&" in markup:
        markup = html.unescape(markup)
    return clean(markup)


def looks_like_html(text: str) -> bool:
    """Whether a string carries markup worth reducing (tags or entities)."""
    return bool(re.search(r"</?[a-zA-Z][^>]*>|&(?:[a-zA-Z]{2,8}|#\d{2,6});", text))


@cache
def furniture_prefixes() -> tuple[str, ...]:
    """Phrases that open a line of web-page chrome ("Advertisement", "Read more: ...").

    One list (``streams/data/text/furniture.txt``) for the parser, which drops such lines,
    and the deduper, which leaves them out of its sketches.
    """
    text = (files("streams") / "data" / "text" / "furniture.txt").read_text(encoding="utf-8")
    phrases = (ln.strip().casefold() for ln in text.splitlines())
    return tuple(p for p in phrases if p and not p.startswith("#"))


def is_furniture(line: str) -> bool:
    """A short line (at most 16 words) that starts with a furniture phrase."""
    if len(line) > 160 or len(line.split()) > 16:
        return False
    return line.lstrip().casefold().startswith(furniture_prefixes())
