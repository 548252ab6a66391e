"""Synthetic raw wire traffic, deterministic by seed, cheap enough for 100k items.

Stories are assembled from the templates in ``bench/data/traffic.json`` and rendered as
the payloads agencies actually send: plain-text dumps with several stories, single
plain-text articles, ninjs JSON and RSS. A share of stories are exact repeats of a
recent story (same text, same format family) and a share are near-duplicates (an
update: new headline prefix, one sentence changed, a paragraph added, version + 1), so
the dedup stage sees realistic work. Only :mod:`random.Random` seeded from the config
drives choices: the same config always yields the same bytes.
"""

from __future__ import annotations

import functools
import json
import math
import random
import string
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path
from typing import Any, Literal
from xml.sax.saxutils import escape as xml_escape

import orjson

DATA = Path(__file__).resolve().parent / "data" / "traffic.json"

Format = Literal["dump", "plain", "ninjs", "rss"]
Kind = Literal["new", "repeat", "near"]
FORMATS: tuple[Format, ...] = ("dump", "plain", "ninjs", "rss")
#: Share of raw messages per format.
DEFAULT_MIX: Mapping[Format, float] = {"dump": 0.2, "plain": 0.35, "ninjs": 0.3, "rss": 0.15}
CONTENT_TYPES: Mapping[Format, str] = {
    "dump": "text/plain",
    "plain": "text/plain",
    "ninjs": "application/json",
    "rss": "application/rss+xml",
}
EXTENSIONS: Mapping[Format, str] = {"dump": "txt", "plain": "txt", "ninjs": "json", "rss": "xml"}
MONTHS = ("Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec")
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
ORDINALS = ("second", "third", "fourth", "fifth", "sixth")


@dataclass(frozen=True, slots=True)
class TrafficConfig:
    seed: int = 0
    mix: Mapping[Format, float] = field(default_factory=lambda: dict(DEFAULT_MIX))
    #: Share of items that are exact repeats / near-duplicates of a recent story.
    repeat_share: float = 0.05
    near_share: float = 0.05
    #: Article text size: log-normal around ``median_bytes``, clipped to the bounds.
    min_bytes: int = 1024
    max_bytes: int = 8192
    median_bytes: int = 2800
    #: Stories per dump / RSS feed (inclusive bounds); ninjs arrays are 2–3 items.
    dump_items: tuple[int, int] = (3, 6)
    rss_items: tuple[int, int] = (3, 6)
    ninjs_array_share: float = 0.15
    #: Synthetic clock: first story time and seconds between raw messages.
    start_ms: int = 1_764_000_000_000
    step_ms: int = 1000
    #: How far back repeats and near-duplicates reach, in stories per format family.
    memory: int = 500


@dataclass(frozen=True, slots=True)
class Article:
    aid: int
    version: int
    headline: str
    paragraphs: tuple[str, ...]
    city: str
    agency: str
    agency_name: str
    created_ms: int
    rights: str | None


@dataclass(frozen=True, slots=True)
class RawRecord:
    """One raw message as a producer would publish it, plus what it holds."""

    seq: int
    fmt: Format
    value: bytes
    source: str
    filename: str
    content_type: str
    #: One entry per story in the payload: new, exact repeat or near-duplicate.
    kinds: tuple[Kind, ...]
    article_bytes: tuple[int, ...]

    @property
    def items(self) -> int:
        return len(self.kinds)

    def headers(self) -> dict[str, bytes]:
        return {
            "wire-source": self.source.encode(),
            "wire-filename": self.filename.encode(),
            "content-type": self.content_type.encode(),
        }


@functools.cache
def _words() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(DATA.read_text(encoding="utf-8"))
    compiled: list[tuple[list[str], list[Template]]] = []
    for topic in data["topics"]:
        compiled.append(
            (topic["headlines"], [Template.of(s) for s in topic["sentences"] + data["general"]])
        )
    data["compiled"] = compiled
    data["extra"] = [Template.of(s) for s in data["extra_paragraphs"]]
    return data


@dataclass(frozen=True, slots=True)
class Template:
    text: str
    fields: tuple[str, ...]

    @classmethod
    def of(cls, text: str) -> Template:
        names = tuple(dict.fromkeys(f for _, f, _, _ in string.Formatter().parse(text) if f))
        return cls(text, names)


def _money(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return f"${rng.randint(2, 950)} million"
    return f"{rng.randint(1, 40)}.{rng.randint(1, 9)} billion euros"


def _person(rng: random.Random) -> str:
    w = _words()
    return f"{rng.choice(w['first_names'])} {rng.choice(w['last_names'])}"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


#: Fields drawn afresh for every sentence (article-level fields come from the context).
RANDOM_FIELDS: dict[str, Callable[[random.Random], str]] = {
    "pct": lambda r: f"{r.randint(1, 19)}.{r.randint(0, 9)}%",
    "bp": lambda r: str(r.choice((25, 50, 75, 100, 150))),
    "small": lambda r: f"{r.randint(0, 4)}.{r.randint(1, 9)}",
    "small_count": lambda r: str(r.randint(2, 60)),
    "count": lambda r: f"{r.randint(1, 90)},{r.randint(0, 999):03d}",
    "money": _money,
    "mag": lambda r: f"{r.randint(5, 7)}.{r.randint(0, 9)}",
    "person": _person,
    "person2": _person,
    "Title": lambda r: _capital(str(r.choice(_words()["titles"]))),
    "title_lower": lambda r: str(r.choice(_words()["titles"])).lower(),
    "month": lambda r: r.choice(MONTH_NAMES),
    "weekday": lambda r: r.choice(WEEKDAYS),
    "ordinal": lambda r: r.choice(ORDINALS),
    "year": lambda r: "2025",
}


class TrafficGenerator:
    """An endless, deterministic stream of :class:`RawRecord`; see :func:`take_items`."""

    def __init__(self, config: TrafficConfig | None = None) -> None:
        self.config = config or TrafficConfig()
        self.rng = random.Random(self.config.seed)
        self.words = _words()
        self._formats = list(self.config.mix)
        self._weights = [self.config.mix[f] for f in self._formats]
        self._recent: dict[str, deque[Article]] = {
            fam: deque(maxlen=self.config.memory) for fam in ("plain", "ninjs", "rss")
        }
        self._seq = 0
        self._aid = 0
        #: Latest version of each story, so every update gets a higher one.
        self._versions: dict[int, int] = {}
        self._sigma = 0.45
        self._mu = math.log(self.config.median_bytes)

    def __iter__(self) -> Iterator[RawRecord]:
        while True:
            yield self.next_message()

    def next_message(self) -> RawRecord:
        rng, cfg = self.rng, self.config
        fmt: Format = rng.choices(self._formats, self._weights)[0]
        now = cfg.start_ms + self._seq * cfg.step_ms
        if fmt == "dump":
            count = rng.randint(*cfg.dump_items)
        elif fmt == "rss":
            count = rng.randint(*cfg.rss_items)
        elif fmt == "ninjs" and rng.random() < cfg.ninjs_array_share:
            count = rng.randint(2, 3)
        else:
            count = 1
        family = "plain" if fmt in ("dump", "plain") else fmt
        agency = rng.choice(self.words["agencies"])
        stories = [self._story(family, agency, now + i) for i in range(count)]
        articles = [a for a, _ in stories]
        value = self._render(fmt, articles, now, agency)
        record = RawRecord(
            seq=self._seq,
            fmt=fmt,
            value=value,
            source=agency[0].lower(),
            filename=f"{agency[0].lower()}-{self._seq:07d}.{EXTENSIONS[fmt]}",
            content_type=CONTENT_TYPES[fmt],
            kinds=tuple(k for _, k in stories),
            article_bytes=tuple(_text_bytes(a) for a in articles),
        )
        self._seq += 1
        return record

    def articles(self) -> Iterator[Article]:
        """Fresh stories only, not rendered: for state and memory benchmarks."""
        while True:
            agency = self.rng.choice(self.words["agencies"])
            yield self._new(agency, self.config.start_ms + self._aid * self.config.step_ms)

    # -- stories ---------------------------------------------------------------------------
    def _story(self, family: str, agency: list[str], now: int) -> tuple[Article, Kind]:
        recent = self._recent[family]
        draw = self.rng.random()
        cfg = self.config
        if recent and draw < cfg.repeat_share:
            return self.rng.choice(recent), "repeat"
        if recent and draw < cfg.repeat_share + cfg.near_share:
            article = self._near(self.rng.choice(recent), now)
            recent.append(article)
            return article, "near"
        article = self._new(agency, now)
        recent.append(article)
        return article, "new"

    def _new(self, agency: list[str], now: int) -> Article:
        rng, w = self.rng, self.words
        country, demonym, cities = rng.choice(w["countries"])
        other = rng.choice([c for c in w["countries"] if c[0] != country])
        city = rng.choice(cities)
        ctx = {
            "country": country,
            "demonym": demonym,
            "city": city,
            "city2": rng.choice([c for c in cities if c != city] or cities),
            "country2": other[0],
            "demonym2": other[1],
            "agency_name": agency[1],
            "body": rng.choice(w["bodies"]),
            "commodity": rng.choice(w["commodities"]),
            "direction": rng.choice(w["directions"]),
        }
        ctx["Body"] = _capital(ctx["body"])
        headlines, sentences = rng.choice(w["compiled"])
        headline = _fill(Template.of(rng.choice(headlines)), ctx, rng)
        headline = _capital(headline)
        cfg = self.config
        target = min(cfg.max_bytes - 200, max(cfg.min_bytes, self._target_size()))
        stamp = datetime.fromtimestamp(now / 1000, UTC)
        dateline = f"{city.upper()}, {MONTHS[stamp.month - 1]} {stamp.day} ({agency[0]}) - "
        paragraphs = [dateline + _fill(sentences[0], ctx, rng)]
        size = len(headline) + len(paragraphs[0])
        order = list(range(1, len(sentences)))
        rng.shuffle(order)
        pos = 0
        while size < target:
            n = rng.randint(1, 2)
            para = " ".join(
                _fill(sentences[order[(pos + i) % len(order)]], ctx, rng) for i in range(n)
            )
            pos += n
            if size + len(para) > cfg.max_bytes - 40:
                break
            paragraphs.append(para)
            size += len(para) + 1
        paragraphs[-1] += f" ({agency[0]})"
        rights = None
        if rng.random() < 0.3:
            rights = rng.choice(w["rights"]).format(agency_name=agency[1], year=stamp.year)
        self._aid += 1
        return Article(
            aid=self._aid,
            version=1,
            headline=headline,
            paragraphs=tuple(paragraphs),
            city=city,
            agency=agency[0],
            agency_name=agency[1],
            created_ms=now,
            rights=rights,
        )

    def _near(self, base: Article, now: int) -> Article:
        rng = self.rng
        paragraphs = list(base.paragraphs)
        prefix = rng.choice(self.words["headline_prefixes"])
        bare = base.headline
        if base.version > 1 and "-" in bare[:12]:
            bare = bare.split("-", 1)[1]
        headline = prefix + bare
        if len(paragraphs) > 2:
            i = rng.randrange(1, len(paragraphs) - 1)
            words = paragraphs[i].split()
            j = rng.randrange(len(words))
            words[j] = str(rng.randint(2, 99))
            paragraphs[i] = " ".join(words)
        ctx = {"city": base.city, "body": "the government", "Body": "The government"}
        extra = _fill(rng.choice(self.words["extra"]), ctx, rng)
        paragraphs.insert(len(paragraphs) - 1, extra)
        version = self._versions.get(base.aid, base.version) + 1
        self._versions[base.aid] = version
        return replace(
            base,
            version=version,
            headline=headline,
            paragraphs=tuple(paragraphs),
            created_ms=now,
        )

    def _target_size(self) -> int:
        return int(self.rng.lognormvariate(self._mu, self._sigma))

    # -- rendering -------------------------------------------------------------------------
    def _render(self, fmt: Format, articles: list[Article], now: int, agency: list[str]) -> bytes:
        if fmt == "ninjs":
            docs = [_ninjs(a) for a in articles]
            return orjson.dumps(docs[0] if len(docs) == 1 else docs)
        if fmt == "rss":
            return _rss(articles, now, agency)
        gap = "\n\n" if self.rng.random() < 0.5 else "\n"
        texts = [_plain(a, gap) for a in articles]
        if fmt == "plain":
            return texts[0].encode()
        sep = "\n\n###\n\n" if gap == "\n\n" else "\n"
        return sep.join(texts).encode()


def _fill(template: Template, ctx: Mapping[str, str], rng: random.Random) -> str:
    values = {f: ctx[f] if f in ctx else RANDOM_FIELDS[f](rng) for f in template.fields}
    return template.text.format_map(values)


def _text_bytes(article: Article) -> int:
    return len(article.headline) + sum(len(p) + 1 for p in article.paragraphs)


def _plain(article: Article, gap: str) -> str:
    parts = [article.headline, *article.paragraphs]
    if article.rights:
        parts.append(article.rights)
    return gap.join(parts)


def _iso(ms: int) -> str:
    return (
        datetime.fromtimestamp(ms / 1000, UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    )


def _html(article: Article) -> str:
    return "".join(f"<p>{xml_escape(p)}</p>" for p in article.paragraphs)


def _ninjs(article: Article) -> dict[str, Any]:
    day = datetime.fromtimestamp(article.created_ms / 1000, UTC).strftime("%Y%m%d")
    doc: dict[str, Any] = {
        "uri": f"urn:newsml:{article.agency.lower()}.example:{day}:{article.aid}",
        "type": "text",
        "version": article.version,
        "versioncreated": _iso(article.created_ms),
        "pubstatus": "usable",
        "language": "en",
        "urgency": 3 + article.aid % 3,
        "located": article.city.upper(),
        "headlines": [{"value": article.headline, "role": "main"}],
        "bodies": [{"value": _html(article), "contenttype": "text/html", "role": "main"}],
        "infosources": [{"name": article.agency_name, "role": "originatingsource"}],
    }
    if article.rights:
        doc["copyrightnotice"] = article.rights
    return doc


def _rss(articles: list[Article], now: int, agency: list[str]) -> bytes:
    stamp = datetime.fromtimestamp(now / 1000, UTC)
    items = []
    for a in articles:
        when = format_datetime(datetime.fromtimestamp(a.created_ms / 1000, UTC), usegmt=True)
        slug = f"{a.agency.lower()}-{a.aid}-v{a.version}"
        items.append(
            "    <item>\n"
            f"      <title>{xml_escape(a.headline)}</title>\n"
            f"      <link>https://{a.agency.lower()}.example/world/{slug}</link>\n"
            f'      <guid isPermaLink="false">{slug}</guid>\n'
            f"      <pubDate>{when}</pubDate>\n"
            f"      <description>{xml_escape(_html(a))}</description>\n"
            "    </item>\n"
        )
    head = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0">\n  <channel>\n'
        f"    <title>{xml_escape(agency[1])} world desk</title>\n"
        f"    <link>https://{agency[0].lower()}.example/world</link>\n"
        "    <language>en</language>\n"
        f"    <lastBuildDate>{format_datetime(stamp, usegmt=True)}</lastBuildDate>\n"
    )
    return (head + "".join(items) + "  </channel>\n</rss>\n").encode()


def take_items(generator: TrafficGenerator, items: int) -> list[RawRecord]:
    """Messages from ``generator`` until they hold at least ``items`` stories."""
    out: list[RawRecord] = []
    total = 0
    while total < items:
        record = generator.next_message()
        out.append(record)
        total += record.items
    return out


def generate(items: int, seed: int = 0, **overrides: Any) -> list[RawRecord]:
    return take_items(TrafficGenerator(TrafficConfig(seed=seed, **overrides)), items)
