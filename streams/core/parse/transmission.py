"""IPTC 7901 and ANPA-1312 transmissions (SOH/STX/ETX/EOT framing) → items.

One payload may carry several transmissions; each becomes one item. The header
(between SOH and STX) gives the story number, priority (→ urgency), category, slug
and version notes (``2nd Ld-Writethru``, ``Correction``, ``Kill``); the text (STX to
ETX) gives keyword line, headline, editor's notes, byline and indented paragraphs.
A numeric priority marks IPTC 7901, a letter priority ANPA-1312. The item's uri
is derived from slug + header date, so every writethru of a story shares it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from streams.core import text as textmod
from streams.core.model import AltId
from streams.core.parse.build import Fields
from streams.core.parse.markers import is_kill_note, read_markers
from streams.core.parse.plaintext import headline_shape
from streams.errors import ParseError

IPTC7901 = "iptc7901"
ANPA1312 = "anpa1312"

SOH, STX, ETX, EOT = "\x01", "\x02", "\x03", "\x04"

_ANPA_PRIORITY = {"f": 1, "b": 2, "u": 3, "r": 5, "d": 6, "a": 5, "w": 6}
_STORY = re.compile(r"^[A-Za-z]{0,5}\d{3,6}$")
_DATE = re.compile(r"^\d{2}-\d{2}(?:-\d{2,4})?$")
_SLUG = re.compile(r"^(?:[A-Z]{2}-)?[A-Za-z][\w]*(?:-[\w]+)+,?$")
_HEADER_SIGNAL = re.compile(
    r"\b(?P<w>UPDATE|CORRECTION|CORRECTED|CORRECTS|REFILE|REPEAT|KILL|KILLED|WITHDRAWN"
    r"|ELIMINATION)\b",
    re.I,
)
_TRAILER = re.compile(
    r"^(?:[A-Z]{2,5}-[A-Z0-9]{2,4}-\d{2}-\d{2}-\d{2,4}\s+\d{4}\w*|\(?ENDS?\)?|NNNN)$"
)
_BYLINE = re.compile(r"^By [A-Z][\w.'’ -]{1,60}=?$")
_UPDATE_N = re.compile(r"\bUPDATE\s*(\d{1,3})\b", re.I)
_CYCLE = re.compile(r"^(?:BC|AM|PM|AP)-")


@dataclass(slots=True)
class Transmission:
    header: str
    text: str


def split_transmissions(payload: str) -> list[Transmission]:
    """Cut a payload at SOH; each piece is header (to STX) and text (STX to ETX)."""
    out = []
    for chunk in payload.split(SOH)[1:] if SOH in payload else [payload]:
        chunk = chunk.split(EOT, 1)[0]
        if STX in chunk:
            header, rest = chunk.split(STX, 1)
        else:
            header, _, rest = chunk.partition("\n")
        if STX in chunk and ETX not in rest:
            raise ParseError(
                "a transmission has STX but no ETX: the payload was cut off; re-send it whole",
                reason="truncated-transmission",
            )
        body = rest.split(ETX, 1)[0]
        if header.strip() or body.strip():
            out.append(Transmission(header=header, text=body))
    return out


def read_transmission(t: Transmission, dropped: list[str]) -> tuple[str, Fields]:
    """(format, fields) of one transmission."""
    f = Fields()
    header = textmod.clean_inline(t.header)
    tokens = header.replace(",", " , ").split()
    fmt = ANPA1312
    slug = date = story = None
    seen_priority = False
    for tok in tokens:
        if story is None and _STORY.match(tok):
            story = tok
        elif not seen_priority and len(tok) == 1 and "0" <= tok <= "9":
            f.urgency, seen_priority, fmt = int(tok), True, IPTC7901
        elif not seen_priority and len(tok) == 1 and tok in _ANPA_PRIORITY:
            f.urgency, seen_priority = _ANPA_PRIORITY[tok], True
        elif date is None and _DATE.match(tok):
            date = tok
        elif slug is None and _SLUG.match(tok) and any(c.isalpha() for c in tok):
            slug = tok.rstrip(",")
    markers = read_markers(header)
    f.signals.extend(s for s in markers.signals if s != "kill")
    f.version = markers.version
    numbered = _UPDATE_N.search(header)
    if numbered:
        f.version = max(f.version or 1, int(numbered.group(1)) + 1)
    for m in _HEADER_SIGNAL.finditer(header):
        word = m.group("w").lower()
        sig = {
            "corrected": "correction",
            "corrects": "correction",
            "killed": "kill",
            "withdrawn": "kill",
            "elimination": "kill",
        }.get(word, word)
        if sig == "kill":
            f.pubstatus = "canceled"
        if sig not in f.signals:
            f.signals.append(sig)
    if story:
        f.altids.append(AltId("storynumber", story))
    if slug:
        f.altids.append(AltId("slug", slug))
        f.story_key = (_CYCLE.sub("", slug), date or "")
    _read_text(t.text, f, slug, dropped)
    return fmt, f


def _read_text(raw: str, f: Fields, slug: str | None, dropped: list[str]) -> None:
    lines: list[tuple[str, bool]] = []
    for line in textmod.strip_controls(raw).split("\n"):
        indented = line.startswith(("\t", "  ", "^"))
        lines.append((textmod.clean_inline(line.lstrip("^").rstrip("<").rstrip()), indented))
    notes: list[str] = []
    pos = 0
    # Preamble: keyword line, headline, editor's notes, byline, each on its own line.
    while pos < len(lines):
        line, _ = lines[pos]
        nxt = lines[pos + 1][0] if pos + 1 < len(lines) else ""
        if not line:
            pos += 1
        elif slug and line.split(",")[0].strip() == slug:
            dropped.append(line)
            markers = read_markers(line.split(",", 1)[1] if "," in line else "")
            f.signals.extend(s for s in markers.signals if s not in f.signals)
            if markers.version:
                f.version = max(f.version or 1, markers.version)
            pos += 1
        elif line.lower().startswith(("eds:", "editors:", "editor's note")):
            notes.append(line)
            pos += 1
        elif _BYLINE.match(line):
            dropped.append(line)
            pos += 1
        elif f.headline is None and headline_shape(line) and not nxt[:1].islower():
            f.headline = line
            pos += 1
        else:
            break
    paras: list[str] = []
    buf: list[str] = []
    for line, indented in lines[pos:]:
        if buf and (not line or indented or _TRAILER.match(line)):
            paras.append(" ".join(buf))
            buf = []
        if _TRAILER.match(line):
            dropped.append(line)
        elif line:
            buf.append(line)
    if buf:
        paras.append(" ".join(buf))
    if notes:
        f.ednote = "\n\n".join(notes)
        if any(is_kill_note(n) for n in notes):
            f.pubstatus = "canceled"
    f.body = "\n\n".join(paras) or None
