"""IPTC 7901 and ANPA-1312 transmissions (SOH/STX/ETX/EOT framing) → items.

One payload may carry several transmissions; each becomes one item. The header
(between SOH and STX) gives the story number (its first token: never the word count),
priority (→ urgency), category, the keyword or slug and version notes (``2nd
Ld-Writethru``, ``Correction``, ``Kill``); the text gives a preamble, then the story.

AP's ANPA-1312 preamble is a run of ``^``-marked lines: the keyword line
(``BC-LT--Argentina-Cancer Beauty,466``: the slug, never the headline; it matches the
header's 24-character keyword field only leniently, as that field is cut and unspaced),
the headline, ``Eds:`` notes (→ ``ednote``) and the byline lines ending in ``=``
(``By ... =``, ``Associated Press=`` → ``byline``). AP's in-text markers (``^`` opening a
paragraph, ``<`` closing a line) are removed. An alert (``APNewsAlert``) has no headline
line: the first sentence stands in, with the ``derived-headline`` signal.

dpa's IPTC 7901 puts the slug line (``Germany-politics/``) before STX; the text opens
with take keys (``REFILE``, ``1ST LEAD``, ``EXTRA``, ``(Achtung)``: signals, never the
headline), the heading closed by `` =`` (a terminator, never part of the headline) and
the byline. Service codes in the header (``dpa-tns``) are not slugs.

Nothing is cut: the text runs to EOT, so a stray ETX inside it costs nothing, and what a
rule leaves out of every field (keyword lines, take keys, trailers) goes to the item's
``dropped``. A transmission cut off before its end (STX, no ETX or EOT) is not an item:
its text is reported in the ``dropped`` of the payload's last complete item, and only a
payload with no complete transmission is refused (``truncated-transmission``).
The uri is derived from keyword + header date, so every writethru of a story shares it;
an add (``1st Add``) is its own story part.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from streams.core import text as textmod
from streams.core.model import AltId
from streams.core.parse.base import check_item_count
from streams.core.parse.build import Fields
from streams.core.parse.contract import Format, Head, Payload
from streams.core.parse.markers import (
    TAKE_KEY,
    headline_shape,
    is_kill_note,
    read_dateline,
    read_markers,
    read_take_keys,
)
from streams.errors import ParseError

IPTC7901 = "iptc7901"
ANPA1312 = "anpa1312"

SOH, STX, ETX, EOT, SYN = "\x01", "\x02", "\x03", "\x04", "\x16"

_ANPA_PRIORITY = {"f": 1, "b": 2, "u": 3, "r": 5, "d": 6, "a": 5, "w": 6}
_STORY = re.compile(r"^[A-Za-z]{0,5}\d{3,6}$")
_DATE = re.compile(r"^\d{2}-\d{2}(?:-\d{2,4})?$")
#: A keyword or slug token: AP's ``BC-US--Storm-Power`` (double hyphens), ``Egypt-Election``.
_SLUG = re.compile(r"^[A-Za-z][\w]*(?:-+[\w.]+)+,?$")
#: A service code (``dpa-tns``, ``afp-fr``): lower case, one hyphen; it names a feed, not a story.
_SERVICE = re.compile(r"^[a-z]{2,5}-[A-Za-z]{2,6}$")
_SLUG_LINE = re.compile(r"^[A-Za-zÀ-ž][\w.'’ -]{0,60}(?:/[\w.'’ -]+)*/$")
_HEADER_SIGNAL = re.compile(
    r"\b(?P<w>UPDATE|CORRECTION|CORRECTED|CORRECTS|REFILE|REPEAT|KILL|KILLED|WITHDRAWN"
    r"|ELIMINATION)\b",
    re.I,
)
_TRAILER = re.compile(
    r"^(?:[A-Z]{2,5}-[A-Z0-9]{2,4}-\d{2}-\d{2}-\d{2,4}\s+\d{4}\w*|\(?ENDS?\)?|NNNN"
    r"|dpa\s+[a-z]{2,4}(?:\s+[a-z0-9]{1,6}){0,5}|\d{6}\s+[A-Z][a-z]{2}\s+\d{2,4})$"
)
_BYLINE = re.compile(r"^(?:By|BY|Von|VON) [A-ZÀ-Þ][^\n]{1,80}$")
_EDNOTE = ("eds:", "editors:", "editor's note", "editors' note", "(achtung:", "achtung:")
_UPDATE_N = re.compile(r"\bUPDATE\s*(\d{1,3})\b", re.I)
_CYCLE = re.compile(r"^(?:BC|AM|PM|AP)-", re.I)
_ADD = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\s*Add\b", re.I)
_WORDCOUNT = re.compile(r"[, ]+\d{1,5}$")
_ALERT = "apnewsalert"
_RIGHTS = re.compile(r"^\(?(?:Copyright|©)\b.{0,200}(?:Associated Press|dpa|rights reserved)", re.I)
#: A header line without STX after it: a story number, then a priority (digit or letter).
_HEADER_LINE = re.compile(r"^[\x16\s]*[A-Za-z]{0,5}\d{3,6}[\s\x1f]+\S")
_HEADER_CONTROLS = re.compile(r"[\x00-\x09\x0b\x0c\x0e-\x1f\x7f]")
#: Longest transmission header read, in characters: ANPA 1312's is one line of about 60 (its
#: keyword field 24), IPTC 7901's a line or two. A longer one is read up to its last blank
#: within the bound; the rest is dropped text and the item is signalled ``header-cut``. (A
#: 4 MB header of tokens held some 70 MB in one worker at 0.36 s/MB: a string per token, each
#: matched against four patterns, and all of it became the slug; bench/README.md, session
#: 35, hmem35.)
MAX_HEADER_CHARS = 1000
#: What ends a header token where the bound cuts: blanks, and the separators
#: :func:`_read_header` reads as blanks.
_HEADER_BLANKS = " \n\r\t\x1f\x13"


@dataclass(slots=True)
class Transmission:
    header: str
    text: str
    truncated: bool = False


_STRAY_ETX = re.compile(r"(?<=\w)\x03(?=\w)")
#: A run of SOH opens one transmission: a flood of them must not make a million empty pieces.
_SOH_RUN = re.compile("\x01{2,}")


def _unframe(rest: str) -> str:
    """The text to EOT with every ETX taken out: an ETX between two letters was stray (joined),
    any other ends a line; what follows it (AP's time line, more story) is still read."""
    if ETX in rest:
        rest = _STRAY_ETX.sub("", rest)
    return rest.replace(ETX, "\n").replace(EOT, "\n")


def split_transmissions(payload: str) -> list[Transmission]:
    """Cut a payload at SOH; each piece is header (to STX) and text (STX to EOT)."""
    out = []
    if SOH in payload:
        payload = _SOH_RUN.sub(SOH, payload)
    for chunk in payload.split(SOH)[1:] if SOH in payload else [payload]:
        if STX in chunk:
            header, rest = chunk.split(STX, 1)
        else:
            header, _, rest = chunk.partition("\n")
            if not _HEADER_LINE.match(header):
                header, rest = "", chunk  # no header after a stray SOH: all of it is text
        truncated = STX in chunk and ETX not in rest and EOT not in rest
        body = _unframe(rest)
        if header.strip(SYN + " \r\n\t") or body.strip():
            out.append(Transmission(header=header, text=body, truncated=truncated))
    if out and all(t.truncated for t in out):
        raise ParseError(
            "a transmission has STX but no ETX: the payload was cut off; re-send it whole",
            reason="truncated-transmission",
        )
    return out


def read_payload(pieces: list[Transmission]) -> list[tuple[str, Fields]]:
    """(format, fields) of every complete transmission; a cut-off one is reported as dropped
    on the last complete item before it (the first one after it when it comes first)."""
    pairs: list[tuple[str, Fields]] = []
    orphans: list[str] = []
    for t in pieces:
        if t.truncated:
            lost = textmod.strip_controls(f"{t.header}\n{t.text}").strip()
            if pairs:
                pairs[-1][1].dropped.append(lost)
                pairs[-1][1].signals.append("truncated-transmission")
            else:
                orphans.append(lost)
            continue
        pairs.append(read_transmission(t))
        if orphans:
            pairs[-1][1].dropped.extend(orphans)
            pairs[-1][1].signals.append("truncated-transmission")
            orphans = []
    return pairs


@dataclass(slots=True)
class _Header:
    keyword: str | None = None  # ANPA keyword field / 7901 slug token
    date: str | None = None
    slug_line: str | None = None


def read_transmission(t: Transmission) -> tuple[str, Fields]:
    """(format, fields) of one transmission; what no field holds is in ``fields.dropped``."""
    f = Fields()
    header, rest = _cut_header(t.header)
    fmt, head = _read_header(header, f)
    _read_text(t.text, f, fmt, head)
    if f.headline is None and f.body is None:
        # No story: its header may be text after a stray SOH; reported with the rest.
        f.dropped.insert(0, " ".join(textmod.strip_controls(t.header).split()))
    elif rest:
        f.dropped.insert(0, rest)
    if rest:
        f.signals.append("header-cut")
    # ANPA's keyword names one story; a 7901 slug line (``Germany-politics``) names a topic
    # many stories share, so those items get a content uri (dedup links their leads by slug).
    key = head.keyword if fmt == ANPA1312 or not head.slug_line else None
    if key is None and fmt == ANPA1312:
        key = next((a.value for a in f.altids if a.role == "slug"), None)
    if key:
        f.story_key = (_key(key), head.date or "")
        add = _ADD.search(t.header) or next(
            (m for m in (_ADD.search(d) for d in f.dropped[:2]) if m), None
        )
        if add is not None:
            f.story_key = (*f.story_key, f"add{int(add.group(1))}")
            if "take" not in f.signals:
                f.signals.append("take")
    return fmt, f


def _cut_header(raw: str) -> tuple[str, str]:
    """``raw`` up to ``MAX_HEADER_CHARS``, cut at its last blank within them (else at the
    bound), and what is past the cut, controls removed and stripped ("" when none is).
    US and DC3 are blanks, as :func:`_read_header` takes them (ANPA parts fields with them):
    the cut falls between tokens and the rest keeps them apart."""
    if len(raw) <= MAX_HEADER_CHARS:
        return raw, ""
    cut = max(raw.rfind(c, 0, MAX_HEADER_CHARS + 1) for c in _HEADER_BLANKS)
    if cut <= 0:
        cut = MAX_HEADER_CHARS
    rest = raw[cut:].replace("\x1f", " ").replace("\x13", " ")
    return raw[:cut], textmod.strip_controls(rest).strip()


def _key(keyword: str) -> str:
    """A keyword as the story key: cycle prefix, spaces, punctuation and case left out,
    at most the 24 characters of ANPA's header field (which cuts it)."""
    return re.sub(r"[^0-9a-z]", "", _CYCLE.sub("", keyword.strip()).casefold())[:20]


def _read_header(raw: str, f: Fields) -> tuple[str, _Header]:
    head = _Header()
    lines = [
        " ".join(_HEADER_CONTROLS.sub(" ", ln).split())
        for ln in textmod.strip_controls(raw.replace("\x1f", " ").replace("\x13", " ")).split("\n")
    ]
    rest: list[str] = []
    for line in lines:
        if _SLUG_LINE.match(line) and rest:
            head.slug_line = head.slug_line or line.rstrip("/ ").strip()
        elif line:
            rest.append(line)
    header = " ".join(rest)
    tokens = header.replace(",", " , ").split()
    fmt = ANPA1312
    story = None
    seen_priority = False
    keyword: list[str] = []
    for n, tok in enumerate(tokens):
        if n == 0 and _STORY.match(tok):
            story = tok
        elif not seen_priority and len(tok) == 1 and "0" <= tok <= "9":
            f.urgency, seen_priority, fmt = int(tok), True, IPTC7901
        elif not seen_priority and len(tok) == 1 and tok in _ANPA_PRIORITY:
            f.urgency, seen_priority = _ANPA_PRIORITY[tok], True
        elif head.date is None and _DATE.match(tok):
            head.date = tok
        elif head.date is None and seen_priority and (keyword or _SLUG.match(tok)):
            # ANPA: the keyword field runs from the first slug-shaped token to the date.
            if _SERVICE.match(tok) and not keyword:
                f.altids.append(AltId("service", tok))
            elif not keyword and (len(tok) <= 3 and tok.isalpha() and tok.islower()):
                continue  # the category code
            else:
                keyword.append(tok)
        elif _SERVICE.match(tok):
            f.altids.append(AltId("service", tok))
    kw = " ".join(keyword).split(" , ")[0].rstrip(" ,")
    # Version words in the field (``KILL``, ``UPDATE 1``) are signals, not the keyword.
    kw = re.split(
        r"\s+(?=(?:UPDATE|CORRECTION|CORRECTED|REFILE|REPEAT|KILL|\d+(?:st|nd|rd|th)"
        r"\s*(?:Ld|Add)))",
        kw,
        maxsplit=1,
        flags=re.I,
    )[0].strip(" ,")
    head.keyword = kw or None
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
    return fmt, head


def _loose(value: str) -> str:
    return re.sub(r"[^0-9a-z]", "", value.casefold())


def _is_keyword_line(line: str, header_kw: str | None) -> bool:
    """The text's keyword line: a cycle prefix (``BC-``), or the header's keyword field
    matched leniently (that field is cut at 24 characters and loses the spaces)."""
    first = line.split(",", 1)[0]
    if _CYCLE.match(first) and (
        not first.upper().startswith("AP-")  # "AP-NORC poll finds ..." is a headline
        or " " not in first.strip()
        or "--" in first
        or _WORDCOUNT.search(first)
    ):
        return True
    if not header_kw:
        return False
    a, b = _loose(first), _loose(header_kw)
    if len(b) < 4 or not a:
        return False
    n = min(len(a), len(b), 20)
    return a[:n] == b[:n] and abs(len(a) - len(b)) <= max(8, len(b))


def _keyword_of(line: str) -> str:
    first = line.split(",", 1)[0].strip()
    return _WORDCOUNT.sub("", first).strip() or first


@dataclass(slots=True)
class _Line:
    text: str
    caret: bool  # AP's ``^``: a preamble line or a paragraph start
    indented: bool
    terminated: bool  # closed by `` =`` (7901 heading, byline)


#: Blank lines, shared: a flood of them (4 MB of "\n") was one object each, +166 MB of peak
#: memory for one message (``bench/hostile_bench.py --only 7901-newline-flood --size 4000000``).
_BLANK = _Line("", False, False, False)
_BLANK_INDENTED = _Line("", False, True, False)


def _lines(raw: str) -> list[_Line]:
    out = []
    # Mojibake is repaired on the whole text, before line ends and spaces are trimmed: a
    # double-encoded character can end in U+00A0, which trimming would cut in half.
    for line in textmod.strip_controls(textmod.fix_mojibake(raw)).split("\n"):
        s = line.strip()
        if not s:  # a blank line (a flood of them is 1 MB of "\r\n"): nothing to clean
            out.append(_BLANK_INDENTED if line.startswith(("\t", "  ")) else _BLANK)
            continue
        indented = line.startswith(("\t", "  "))
        caret = s.startswith("^")
        if caret:
            s = s[1:].lstrip()
        if s.endswith("<"):
            s = s[:-1].rstrip()
        # ``s`` is stripped, so a terminator is a final "=": no regex (``\s*=\s*$`` searched
        # from every start of a long run of spaces was quadratic: minutes on one line).
        terminated = s.endswith("=") and len(s) > 1
        if terminated:
            s = s[:-1].rstrip()
        out.append(_Line(textmod.clean_inline(s), caret, indented, terminated))
    return out


def _read_text(raw: str, f: Fields, fmt: str, head: _Header) -> None:
    lines = _lines(raw)
    notes: list[str] = []
    bylines: list[str] = []
    slug = head.slug_line
    keyword = None
    alert = False
    carets = any(ln.caret for ln in lines)
    pos = 0
    # Preamble: keyword line, take keys, headline, editor's notes, byline, slug line.
    while pos < len(lines):
        ln = lines[pos]
        line = ln.text
        if not line:
            pos += 1
            if f.headline is not None and fmt == IPTC7901:
                break  # 7901: the blank line after the heading opens the text
            continue
        if ln.indented:
            break  # an indented line (AP's tab) opens the story text
        low = line.lower()
        if keyword is None and f.headline is None and _is_keyword_line(line, head.keyword):
            keyword = _keyword_of(line)
            f.dropped.append(line)
            alert = _ALERT in _loose(keyword)
            tail = line.split(",", 1)[1] if "," in line else ""
            markers = read_markers(tail)
            f.signals.extend(s for s in markers.signals if s not in f.signals)
            if markers.version:
                f.version = max(f.version or 1, markers.version)
        elif low.startswith(_EDNOTE):
            notes.append(line)
        elif f.headline is None and slug is None and _SLUG_LINE.match(line):
            slug = line.rstrip("/ ").strip()
            f.dropped.append("/")
        elif f.headline is None and TAKE_KEY.fullmatch(line):
            _take_keys(line, f)
        elif (ln.terminated or (carets and ln.caret)) and (
            _BYLINE.match(line) or (f.headline is not None and ln.terminated)
        ):
            bylines.append(line)
        elif (
            f.headline is None
            and not alert
            and read_dateline(line + " ") is None
            and (
                (carets and ln.caret)
                or ln.terminated
                or (headline_shape(line) and not _next_text(lines, pos)[:1].islower())
                or (fmt == IPTC7901 and _heading_runs_on(lines, pos))
            )
        ):
            headline = _take_keys(line, f)
            if fmt == IPTC7901 and not ln.terminated:
                # A 7901 heading may run over two lines before its `` =``.
                nxt = lines[pos + 1] if pos + 1 < len(lines) else None
                if nxt is not None and nxt.terminated and nxt.text and not _BYLINE.match(nxt.text):
                    headline = f"{headline} {nxt.text}"
                    pos += 1
            f.headline = headline or None
        else:
            break
        pos += 1
    paras: list[str] = []
    buf: list[str] = []
    for ln in lines[pos:]:
        line = ln.text
        starts = not line or ln.indented or ln.caret or bool(_TRAILER.match(line))
        if buf and starts:
            paras.append(" ".join(buf))
            buf = []
        if line and _TRAILER.match(line):
            f.dropped.append(line)
        elif line:
            buf.append(line)
    if buf:
        paras.append(" ".join(buf))
    if paras and _RIGHTS.match(paras[-1]) and len(paras[-1]) < 400:
        f.usageterms = paras.pop()
    if alert:
        f.signals.append("alert")
    if slug or keyword or head.keyword:
        value = slug or keyword or head.keyword or ""
        f.altids.append(AltId("slug", value))
    if bylines:
        f.byline = join_bylines(bylines)
    if notes:
        f.ednote = "\n\n".join(notes)
        if any(is_kill_note(n) for n in notes):
            f.pubstatus = "canceled"
    f.body = "\n\n".join(paras) or None


def join_bylines(lines: list[str]) -> str:
    """AP sends a byline over lines, each closed by ``=``: ``By JANE DOE=`` then the
    writer's title (``Associated Press``, ``AP Business Writer``); a second ``By`` line is a
    second writer. One line, as AP renders it: title after a comma, writers apart by ``; ``
    (``By JANE DOE, AP Business Writer; By JOHN ROE, Associated Press``)."""
    entries: list[str] = []
    for line in lines:
        if entries and not _BYLINE.match(line):
            entries[-1] = f"{entries[-1]}, {line}"
        else:
            entries.append(line)
    return "; ".join(entries)


def _heading_runs_on(lines: list[_Line], pos: int) -> bool:
    """A 7901 heading over two lines: the next line closes it with `` =``."""
    nxt = lines[pos + 1] if pos + 1 < len(lines) else None
    return nxt is not None and nxt.terminated and bool(nxt.text) and not _BYLINE.match(nxt.text)


def _next_text(lines: list[_Line], pos: int) -> str:
    for ln in lines[pos + 1 :]:
        if ln.text:
            return ln.text
    return ""


def _take_keys(line: str, f: Fields) -> str:
    """Strip take keys opening a line into signals (and dropped); the rest of the line."""
    keys, rest = read_take_keys(line)
    for sig, version, text in keys:
        f.dropped.append(text)
        if sig not in f.signals:
            f.signals.append(sig)
        if version is not None:
            f.version = max(f.version or 1, version)
    return rest


def _read(payload: Payload) -> list[tuple[str, Fields]]:
    """Every transmission of the payload, each with its own flavour (7901 or ANPA)."""
    pieces = split_transmissions(payload.text)
    check_item_count(len(pieces), payload.limits)
    return read_payload(pieces)


def _first_flavour(head: Head) -> str | None:
    """The flavour the first transmission's header says (a digit priority is 7901), or None
    for a payload not framed at all."""
    if head.kind != "framed":
        return None
    chunk = head.head.split(SOH, 2)[1] if SOH in head.head else head.head
    header = chunk.split(STX, 1)[0] if STX in chunk else chunk.partition("\n")[0]
    return _read_header(header, Fields())[0]


# Both flavours share the reader: each transmission of a payload says its own flavour, and
# a forced ``wire-format`` names them all.
IPTC7901_FORMAT: Format = Format(
    IPTC7901,
    sniff=lambda head: _first_flavour(head) == IPTC7901,
    read=_read,
    aliases=("7901",),
    spec="IPTC 7901 (Recommended Message Format for Exchange of News, 1995)",
)
ANPA1312_FORMAT: Format = Format(
    ANPA1312,
    sniff=lambda head: _first_flavour(head) == ANPA1312,
    read=_read,
    aliases=("anpa", "anpa-1312"),
    spec="ANPA-1312 (Wire Service Transmission Guidelines), AP layout",
)
