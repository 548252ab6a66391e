"""The attack corpus of issue #15: single raw messages that once stalled, bloated or hijacked.

Every payload is generated here (no third-party text). Each attack names its class:

- ``output``: text whose canonical item outgrows the input (geo evidence per mention);
- ``quadratic``: text that made a regex or a slicing loop super-linear;
- ``amplify``: payload-level fields copied into each of many items; oversized headers;
- ``time``: event times that could wipe or freeze the dedup window;
- ``identity``: another source re-using a story's native id to update or kill it;
- ``limits``: records at the size limits, extreme versions and years.

Where size matters the payload is 1-4 MiB, as the issue asks.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field

MIB = 1024 * 1024

_PLACE_TEXT = (
    "Paris Berlin Madrid Rome Lisbon Warsaw Vienna Prague Budapest Athens Cairo Lagos Nairobi "
    "Accra Dakar Tunis Algiers Rabat Khartoum Kampala Tokyo Seoul Beijing Hanoi Manila Jakarta "
    "Sydney Auckland Delhi Dhaka Karachi Kabul Tehran Baghdad Riyadh Amman Beirut Damascus Doha "
    "Dubai Ankara Ottawa Washington Mexico Lima Bogota Caracas Santiago Quito Havana Brasilia"
)
PLACES = _PLACE_TEXT.split()
_WORD_TEXT = (
    "the minister said on tuesday that talks would resume after officials met in the capital "
    "to discuss a plan for water supplies power prices and the budget of next year while "
    "opposition leaders called for a vote in parliament before the end of the month"
)
WORDS = _WORD_TEXT.split()


@dataclass(frozen=True)
class Attack:
    name: str
    kind: str
    value: bytes
    source: str = "hostile"
    #: extra or replacing Kafka headers (name -> bytes)
    headers: dict[str, bytes] = field(default_factory=dict)


def _fill(unit: bytes, size: int, head: bytes = b"", tail: bytes = b"") -> bytes:
    body = size - len(head) - len(tail)
    return head + unit * max(1, body // len(unit)) + tail


def _ninjs(**fields: object) -> bytes:
    doc: dict[str, object] = {"type": "text", "language": "en"}
    doc.update(fields)
    return json.dumps(doc).encode()


def _rss(items: str, channel_extra: str = "") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>Hostile feed</title><link>https://feed.invalid/</link>{channel_extra}"
        f"{items}</channel></rss>"
    ).encode()


def _rss_item(i: int, description: str) -> str:
    return (
        f"<item><title>Item {i} from the council meeting</title>"
        f"<link>https://feed.invalid/{i}</link><guid>hostile-{i}</guid>"
        f"<description>{description}</description></item>"
    )


def _words(size: int, seed: int, places: bool = False) -> bytes:
    rng = random.Random(seed)
    vocab = WORDS + (PLACES if places else [])
    out: list[str] = []
    total = 0
    while total < size:
        sentence = " ".join(rng.choice(vocab) for _ in range(rng.randint(8, 20)))
        line = sentence.capitalize() + ". "
        out.append(line)
        total += len(line)
    return "".join(out).encode()


def output_attacks() -> list[Attack]:
    out = [
        Attack(f"paris-repeated-{n}k", "output", _fill(b"Paris ", n * 1024, b"Paris talks\n"))
        for n in (900, 2048, 3900)
    ]
    for mib in (1, 2, 4):
        out.append(
            Attack(
                f"ordinary-words-{mib}m",
                "output",
                b"Budget talks\n" + _words(mib * MIB - 64 * 1024, mib),
            )
        )
    for mib in (1, 3):
        cycle = " ".join(PLACES).encode() + b" "
        out.append(Attack(f"distinct-places-{mib}m", "output", _fill(cycle, mib * MIB, b"Tour\n")))
    out.append(Attack("places-in-sentences-2m", "output", b"Trip\n" + _words(2 * MIB, 7, True)))
    out.append(
        Attack(
            "ninjs-body-places-3m",
            "output",
            _ninjs(
                uri="urn:hostile:out:1",
                headline="Cities",
                body_text="Berlin Paris Tokyo " * 160_000,
            ),
        )
    )
    nitf_paras = "<p>London and Dublin.</p>" * 80_000
    out.append(
        Attack(
            "nitf-paragraphs-2m",
            "output",
            (
                '<?xml version="1.0"?><nitf><head><title>Cities</title></head><body>'
                f"<body.head><hedline><hl1>Cities</hl1></hedline></body.head>"
                f"<body.content>{nitf_paras}</body.content></body></nitf>"
            ).encode(),
        )
    )
    out.append(
        Attack("rss-description-places-2m", "output", _rss(_rss_item(1, "Cairo " * 350_000)))
    )
    return out


def quadratic_attacks() -> list[Attack]:
    out: list[Attack] = []
    for mib in (1, 4):
        size = mib * MIB
        out += [
            Attack(f"comment-opens-{mib}m", "quadratic", _fill(b"<!--", size, b"Headline\n<p")),
            Attack(f"script-opens-{mib}m", "quadratic", _fill(b"<script>", size, b"Headline\n")),
            Attack(f"a-dot-{mib}m", "quadratic", _fill(b"A. ", size, b"Headline\n")),
            Attack(f"lt-entities-{mib}m", "quadratic", _fill(b"&lt;", size, b"Headline\n")),
        ]
    for mib in (1, 3):
        out.append(
            Attack(
                f"ninjs-html-comments-{mib}m",
                "quadratic",
                _ninjs(
                    uri=f"urn:hostile:q:c{mib}",
                    headline="H",
                    body_html="<p" + "<!--" * (mib * MIB // 4),
                ),
            )
        )
        out.append(
            Attack(
                f"ninjs-html-scripts-{mib}m",
                "quadratic",
                _ninjs(
                    uri=f"urn:hostile:q:s{mib}",
                    headline="H",
                    body_html="<script>" * (mib * MIB // 8),
                ),
            )
        )
        out.append(
            Attack(
                f"rss-escaped-lt-{mib}m",
                "quadratic",
                _rss(_rss_item(1, "&amp;lt;" * (mib * MIB // 8))),
            )
        )
    units = {
        "unclosed-anchor": b"<a ",
        "lone-lt": b"<",
        "lone-amp": b"&",
        "numeric-entity-start": b"&#",
        "nested-bold": b"<b>",
        "no-spaces": b"x",
        "newlines": b"\n",
        "blank-paragraphs": b"a\n\n",
        "datelines": b"WASHINGTON (AP) \xe2\x80\x94 ",
        "anpa-keywords": b"BC-",
        "iptc-terminators": b" =\n",
        "framing-stx": b"\x02",
        "uppercase-words": b"ABC ",
        "digits": b"1234 ",
        "mojibake": "â€™".encode(),
        "c1-controls": "\u0085\u0091".encode(),
        "shingle-repeat": b"a b c d ",
        "bylines": b"By A B\n",
        "url-like": b"http://x/",
        "quotes": b'"',
        "dots": b".",
        "dashes": b"- ",
        "tabs": b"\t",
        "copyright-lines": b"Copyright x\n",
    }
    for name, unit in units.items():
        out.append(Attack(f"{name}-1m", "quadratic", _fill(unit, MIB, b"Headline\n")))
    markup = (
        "<!--",
        "<script>",
        "<a ",
        "<",
        "&",
        "&#",
        "<b>",
        "<p>",
        "</p>",
        "<br>",
        "&lt;",
        "<style>",
    )
    for n, unit_s in enumerate(markup):
        html = unit_s * (MIB // len(unit_s))
        out.append(
            Attack(
                f"ninjs-html-{n}-1m",
                "quadratic",
                _ninjs(uri=f"urn:hostile:q:h{n}", headline="H", body_html=html),
            )
        )
    for n, unit_s in enumerate(("&lt;!--", "&lt;script&gt;", "&amp;", "&lt;a ")):
        desc = unit_s * (MIB // len(unit_s))
        out.append(Attack(f"rss-description-{n}-1m", "quadratic", _rss(_rss_item(1, desc))))
    anpa = (
        b"\x01\x16\x16\x02a0001 r BC-Storm 0123\n   Storm hits coast\n"
        + _words(2 * MIB, 11)
        + b"\x03\x04"
    )
    out.append(Attack("anpa-2m-body", "quadratic", anpa))
    stray = (
        b"\x01ZCZC\x02Storm over the coast =\n"
        + (b"Rain fell. \x03 More rain. " * 40_000)
        + b"\x03"
    )
    out.append(Attack("iptc7901-stray-etx", "quadratic", stray))
    # One long line of distinct tokens: the sketch and the matcher see 300k different words.
    tokens = " ".join(f"w{i}" for i in range(300_000)).encode()
    out.append(Attack("distinct-tokens-2m", "quadratic", b"Tokens\n" + tokens))
    out.append(
        Attack("cp1252-undefined-byte", "quadratic", b"Caf\xe9 \x81 \x93quoted\x94 " * 50_000)
    )
    out.append(
        Attack(
            "json-unicode-escapes-2m",
            "quadratic",
            _ninjs(uri="urn:hostile:q:u", headline="H", body_text="\u00e9" * MIB),
        )
    )
    out.append(
        Attack(
            "newsml-many-paragraphs",
            "quadratic",
            (
                '<?xml version="1.0"?><newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" '
                'guid="urn:hostile:nml:1" version="1"><contentMeta><headline>H</headline>'
                '</contentMeta><contentSet><inlineXML contenttype="application/nitf+xml">'
                '<nitf xmlns="http://iptc.org/std/NITF/2006-10-18/"><body><body.content>'
                + "<p>x</p>" * 200_000
                + "</body.content></body></nitf></inlineXML></contentSet></newsItem>"
            ).encode(),
        )
    )
    atom_entries = "".join(
        f"<entry><id>urn:hostile:atom:{i}</id><title>Entry {i}</title>"
        f'<updated>2026-11-30T10:00:00Z</updated><content type="html">&lt;p&gt;Report {i} '
        f"from the valley.&lt;/p&gt;</content></entry>"
        for i in range(1500)
    )
    out.append(
        Attack(
            "atom-too-many-entries",
            "quadratic",
            (
                '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>F</title>'
                f"{atom_entries}</feed>"
            ).encode(),
        )
    )
    out.append(
        Attack(
            "xml-attributes",
            "quadratic",
            (
                '<?xml version="1.0"?><nitf><head><title a="'
                + "x" * (2 * MIB)
                + '">T</title></head></nitf>'
            ).encode(),
        )
    )
    return out


def amplification_attacks() -> list[Attack]:
    stories = "\n\n".join(
        f"Council vote {i}\nThe council of district {i} approved the plan on Tuesday, officials said."
        for i in range(999)
    )
    copyright_para = "Copyright 2026 Hostile Wire. " + "All rights reserved. " * 90_000
    dump = f"{stories}\n\n{copyright_para}\n\n{copyright_para}".encode()
    items = "".join(_rss_item(i, f"Report {i} from the valley.") for i in range(900))
    big = "Hostile Wire " * 160_000
    out = [
        Attack("plaintext-999-stories-2-copyrights", "amplify", dump),
        Attack("rss-2m-copyright", "amplify", _rss(items, f"<copyright>{big}</copyright>")),
        Attack("rss-2m-channel-title", "amplify", _rss(items, f"<description>{big}</description>")),
        Attack(
            "ninjs-1000-items-shared-terms",
            "amplify",
            json.dumps(
                [
                    {
                        "uri": f"urn:hostile:amp:{i}",
                        "headline": f"Item {i}",
                        "body_text": f"Report {i}.",
                        "usageterms": "Terms " * 500,
                    }
                    for i in range(1000)
                ]
            ).encode(),
        ),
        Attack(
            "huge-source-header",
            "amplify",
            b"Source header\nThe story from Lima has a source header of a megabyte.\n",
            headers={"wire-source": b"s" * MIB},
        ),
        Attack(
            "huge-filename-header",
            "amplify",
            b"Filename header\nThe story from Quito has a filename header of a megabyte.\n",
            headers={"wire-filename": b"f" * MIB},
        ),
        Attack(
            "many-headers",
            "amplify",
            b"Many headers\nThe story from Accra has ten thousand headers.\n",
            headers={f"x-h{i}": b"v" * 100 for i in range(10_000)},
        ),
    ]
    return out


def time_attacks() -> list[Attack]:
    body = "The storm reached the coast of {} late on Monday, officials said."
    return [
        Attack(
            "future-versioncreated",
            "time",
            _ninjs(
                uri="urn:hostile:t:future",
                headline="Storm",
                body_text=body.format("Chile"),
                versioncreated="9999-12-31T23:59:59Z",
            ),
        ),
        Attack(
            "future-firstcreated",
            "time",
            _ninjs(
                uri="urn:hostile:t:first",
                headline="Storm",
                body_text=body.format("Peru"),
                firstcreated="9000-01-01T00:00:00Z",
            ),
        ),
        Attack(
            "year-one",
            "time",
            _ninjs(
                uri="urn:hostile:t:one",
                headline="Storm",
                body_text=body.format("Fiji"),
                versioncreated="0001-01-01T00:00:00Z",
            ),
        ),
        Attack(
            "year-999",
            "time",
            _ninjs(
                uri="urn:hostile:t:999",
                headline="Storm",
                body_text=body.format("Samoa"),
                versioncreated="0999-06-01T00:00:00Z",
            ),
        ),
        Attack(
            "month-13",
            "time",
            _ninjs(
                uri="urn:hostile:t:m13",
                headline="Storm",
                body_text=body.format("Haiti"),
                versioncreated="2026-13-45T25:61:61Z",
            ),
        ),
        Attack(
            "epoch-number",
            "time",
            _ninjs(
                uri="urn:hostile:t:epoch",
                headline="Storm",
                body_text=body.format("Cuba"),
                versioncreated=10**20,
            ),
        ),
        Attack(
            "far-future-offset",
            "time",
            _ninjs(
                uri="urn:hostile:t:offset",
                headline="Storm",
                body_text=body.format("Nepal"),
                versioncreated="2026-11-30T10:00:00+23:59",
            ),
        ),
        Attack(
            "year-five-digits",
            "time",
            _ninjs(
                uri="urn:hostile:t:5d",
                headline="Storm",
                body_text=body.format("Tonga"),
                versioncreated="+10000-01-01T00:00:00Z",
            ),
        ),
    ]


def identity_attacks(victim_uri: str) -> list[Attack]:
    """Another source re-using ``victim_uri`` to update or kill the victim's story."""
    return [
        Attack(
            "hijack-update",
            "identity",
            _ninjs(
                uri=victim_uri,
                version=999_999,
                headline="Hijacked",
                body_text="Replaced text about Oslo.",
            ),
            source="intruder",
        ),
        Attack(
            "hijack-kill",
            "identity",
            _ninjs(
                uri=victim_uri,
                version=1_000_000,
                pubstatus="canceled",
                headline="Killed",
                body_text="Kill.",
            ),
            source="intruder",
        ),
        Attack(
            "hijack-nitf",
            "identity",
            (
                '<?xml version="1.0"?><nitf><head><title>Hijacked</title><docdata>'
                f'<doc-id id-string="{victim_uri}"/><du-key version="888"/></docdata></head>'
                "<body><body.content><p>Replaced text about Bergen.</p></body.content></body></nitf>"
            ).encode(),
            source="intruder",
        ),
        Attack(
            "hijack-newsml",
            "identity",
            (
                '<?xml version="1.0"?><newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" '
                f'guid="{victim_uri}" version="777"><contentMeta><headline>Hijacked</headline>'
                '</contentMeta><contentSet><inlineXML contenttype="application/nitf+xml">'
                '<nitf xmlns="http://iptc.org/std/NITF/2006-10-18/"><body><body.content>'
                "<p>Replaced text about Tromso.</p></body.content></body></nitf></inlineXML>"
                "</contentSet></newsItem>"
            ).encode(),
            source="intruder",
        ),
    ]


def limit_attacks(max_raw_bytes: int) -> list[Attack]:
    story = b"Size limit\nThe story from Lagos is padded to the size limit. "
    return [
        Attack("raw-at-limit", "limits", story + b"x" * (max_raw_bytes - len(story))),
        Attack("raw-over-limit", "limits", story + b"x" * (max_raw_bytes + 1 - len(story))),
        Attack("raw-far-over-limit", "limits", story + b"y" * (3 * max_raw_bytes)),
        Attack(
            "version-2-pow-70",
            "limits",
            _ninjs(
                uri="urn:hostile:l:v70", version=2**70, headline="V", body_text="Vote in Ghana."
            ),
        ),
        Attack(
            "version-2-pow-64",
            "limits",
            _ninjs(uri="urn:hostile:l:v64", version=2**64, headline="V", body_text="Vote in Togo."),
        ),
        Attack(
            "version-2-pow-63",
            "limits",
            _ninjs(
                uri="urn:hostile:l:v63", version=2**63, headline="V", body_text="Vote in Benin."
            ),
        ),
        Attack(
            "version-negative",
            "limits",
            _ninjs(uri="urn:hostile:l:vneg", version=-5, headline="V", body_text="Vote in Mali."),
        ),
        Attack(
            "version-string",
            "limits",
            _ninjs(
                uri="urn:hostile:l:vstr", version="1e400", headline="V", body_text="Vote in Chad."
            ),
        ),
        Attack(
            "version-float",
            "limits",
            _ninjs(
                uri="urn:hostile:l:vflt", version=1.5e308, headline="V", body_text="Vote in Niger."
            ),
        ),
    ]


def attacks(victim_uri: str, max_raw_bytes: int) -> list[Attack]:
    return (
        output_attacks()
        + quadratic_attacks()
        + amplification_attacks()
        + time_attacks()
        + identity_attacks(victim_uri)
        + limit_attacks(max_raw_bytes)
    )
