""" "No text lost" for every XML and JSON format (issue 14): documents with random text in
each text-bearing element; every piece of it must end in a field of some item, in
``usageterms``/``copyrightnotice``, or in the item's reported ``wirestream.dropped``."""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from html import escape, unescape

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from streams.core.model import RawMessage, WireItem
from streams.core.parse import parse
from streams.core.text import clean
from streams.errors import ParseError

EXAMPLES = int(os.environ.get("WIRE_HYPOTHESIS_EXAMPLES", "120"))
SETTINGS = settings(
    max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

#: Letters of several scripts, digits, punctuation (XML-escaped when written), curly quotes,
#: dashes, the euro: no ``>`` (so no accidental escaped tag: see the markup tests) and no
#: controls (not text).
ALPHABET = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:!?'\"&()-/%#*+=@"
    "éüßñçøåÉ€“”‘’—–…ąłЖждяωλ中文日本"
)
FRAGMENTS = [
    "UPDATE 2-Talks resume in Geneva",
    "CORRECTED-Ferry strike ends",
    "BERLIN, Nov 20 (Reuters) - Markets rose.",
    "By Ana Silva",
    "x < y and y > z",
    "Prices rose 5% & fell.",
    "###",
    "Eds: KILL this story.",
    "Sign up for the reserve rose 40% this year, the ministry said.",
]
words = st.text(alphabet=ALPHABET, min_size=1, max_size=60).filter(lambda s: s.strip())
piece = st.one_of(words, st.sampled_from(FRAGMENTS))
maybe = st.one_of(st.none(), piece)
paras = st.lists(piece, min_size=0, max_size=4)


def _nonspace(value: str) -> Counter[str]:
    return Counter(ch for ch in clean(value) if not ch.isspace())


def _assert_kept(pieces: list[str | None], data: bytes, fmt: str, story: list[str | None]) -> None:
    """``story``: the pieces that make an item (headline, body); a payload with none of them
    may be refused as ``no-items`` (a dead letter keeps its raw bytes, so nothing is lost)."""
    try:
        result = parse(RawMessage(value=data, headers={"wire-source": b"prop"}))
    except ParseError as exc:
        # A refused payload is a dead letter with its raw bytes: nothing lost, but a story
        # must not be refused for having no text. An object with no ninjs field at all in
        # an array refuses the payload as not ninjs (bad-ninjs), whatever its neighbours.
        assert exc.reason in ("no-items", "bad-ninjs"), exc
        if exc.reason == "no-items":
            assert not any(p and _nonspace(p) for p in story), exc
        return
    assert result.format == fmt
    fields: list[str] = []
    for item in result.items:
        derived = "derived-headline" in item.ext.signals  # made up, so not input text
        fields += [h.value for n, h in enumerate(item.headlines) if n or not derived]
        fields += [
            v or ""
            for v in (
                item.body,
                item.byline,
                item.ednote,
                item.located,
                item.description,
                item.usageterms,
                item.copyrightnotice,
                item.ext.desk,
            )
        ]
        fields += [a.value for a in item.altids] + [s.name for s in item.infosources]
        fields += item.ext.dropped
    got: Counter[str] = Counter()
    for value in fields:
        got += _nonspace(value)
    for p in pieces:
        # Each piece whole: a text a field already holds (a NITF title equal to hl1) is
        # not reported twice, so the pieces are checked one by one, not summed.
        lost = _nonspace(p or "") - got
        assert not lost, f"lost {lost} of {p!r}"


def x(value: str | None) -> str:
    """XML text (escaped)."""
    return escape(value or "", quote=False)


def xa(value: str | None) -> str:
    """An XML attribute value (escaped)."""
    return escape(value or "", quote=True)


def _opt(tag: str, value: str | None, attrs: str = "") -> str:
    return "" if value is None else f"<{tag}{attrs}>{x(value)}</{tag}>"


def _ps(values: list[str]) -> str:
    return "".join(f"<p>{x(v)}</p>" for v in values)


# -- NITF -------------------------------------------------------------------------------------


@SETTINGS
@given(
    title=maybe,
    hl1=maybe,
    hl2=maybe,
    byline=maybe,
    dateline=maybe,
    abstract=maybe,
    body=paras,
    tagline=maybe,
    edmsg=maybe,
    rights=maybe,
)
def test_nitf_loses_no_text(
    title: str | None,
    hl1: str | None,
    hl2: str | None,
    byline: str | None,
    dateline: str | None,
    abstract: str | None,
    body: list[str],
    tagline: str | None,
    edmsg: str | None,
    rights: str | None,
) -> None:
    ed = "" if edmsg is None else f'<ed-msg info="{xa(edmsg)}"/>'
    doc = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<nitf><head>'
        f"{_opt('title', title)}<docdata>{ed}{_opt('doc.rights', rights)}</docdata></head>"
        "<body><body.head><hedline>"
        f"{_opt('hl1', hl1)}{_opt('hl2', hl2)}</hedline>{_opt('byline', byline)}"
        f"{_opt('dateline', dateline)}{'' if abstract is None else '<abstract>' + _ps([abstract]) + '</abstract>'}"
        f"</body.head><body.content>{_ps(body)}</body.content>"
        f"<body.end>{_opt('tagline', tagline)}</body.end></body></nitf>"
    )
    pieces = [title, hl1, hl2, byline, dateline, abstract, *body, tagline, edmsg, rights]
    _assert_kept(pieces, doc.encode(), "nitf", [title, hl1, hl2, abstract, *body, tagline])


# -- ninjs ------------------------------------------------------------------------------------


def _html_body(values: list[str]) -> str:
    return "".join(f"<p>{escape(v, quote=False)}</p>" for v in values)


#: A complete character reference, as streams.core.parse.feeds reads one.
_REFERENCE = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")


def _shown(value: str) -> str:
    """What HTML whose visible text is ``value`` reads as: the parser decodes the markup's own
    escapes, and a complete reference still in the text was escaped twice by the sender
    ("Q&amp;amp;A"), so it is read too; an incomplete one ("&#0") stays text."""
    return _REFERENCE.sub(lambda m: unescape(m.group(0)), value)


ninjs_item = st.fixed_dictionaries(
    {},
    optional={
        "uri": words,
        "headline": piece,
        "headlines": st.lists(
            st.fixed_dictionaries({"value": piece, "role": st.sampled_from(["main", "sub"])}),
            max_size=3,
        ),
        "subheadline": piece,
        "body_text": st.lists(piece, min_size=1, max_size=3).map("\n\n".join),
        "body_html": paras,
        "description_text": piece,
        "descriptions": st.lists(
            st.fixed_dictionaries({"value": piece, "role": st.just("summary")}), max_size=2
        ),
        "byline": piece,
        "by": piece,
        "title": piece,
        "ednote": piece,
        "located": st.one_of(piece, st.fixed_dictionaries({"name": piece})),
        "slugline": piece,
        "usageterms": piece,
        "copyrightnotice": piece,
    },
)


def _ninjs_texts(obj: dict[str, object]) -> tuple[list[str | None], list[str | None]]:
    """(every text piece, the story pieces) of one generated ninjs item."""
    pieces: list[str | None] = []
    story: list[str | None] = []
    for key, value in obj.items():
        if key == "uri":
            continue
        if key in ("headlines", "descriptions"):
            values = [str(d["value"]) for d in value]  # type: ignore[attr-defined]
        elif key == "body_html":
            values = list(value)  # type: ignore[call-overload]
        elif key == "located" and isinstance(value, dict):
            values = [str(value["name"])]
        else:
            values = [str(value)]
        pieces += values
        if key in ("headline", "headlines", "subheadline", "body_text", "body_html"):
            story += values
        if key in ("description_text", "descriptions"):
            story += values
    return pieces, story


@SETTINGS
@given(objs=st.lists(ninjs_item, min_size=1, max_size=3), array=st.booleans())
def test_ninjs_loses_no_text(objs: list[dict[str, object]], array: bool) -> None:
    pieces: list[str | None] = []
    story: list[str | None] = []
    docs = []
    for obj in objs:
        p, s = _ninjs_texts(obj)
        pieces += p
        story += s
        doc = dict(obj)
        if "body_html" in doc:
            doc["body_html"] = _html_body(doc["body_html"])  # type: ignore[arg-type]
        docs.append(doc)
    if not array and len(docs) > 1:
        docs = docs[:1]
        pieces, story = _ninjs_texts(objs[0])
    payload = docs if array else docs[0]
    try:
        data = json.dumps(payload).encode()
    except ValueError:
        return
    _assert_kept(pieces, data, "ninjs", story)


# -- NewsML-G2 (inline NITF, inline text, XHTML) ----------------------------------------------


@SETTINGS
@given(
    headlines=st.lists(
        st.tuples(st.sampled_from(["", "role:main", "role:sub", "hld:sub"]), piece), max_size=3
    ),
    slug=maybe,
    by=maybe,
    ednote=maybe,
    description=maybe,
    located=maybe,
    dateline=maybe,
    rights=maybe,
    usage=maybe,
    nitf_title=maybe,
    nitf_hl1=maybe,
    nitf_byline=maybe,
    body=paras,
    shape=st.sampled_from(["nitf", "data", "xhtml"]),
    reuters=st.booleans(),
)
def test_newsml_g2_loses_no_text(
    headlines: list[tuple[str, str]],
    slug: str | None,
    by: str | None,
    ednote: str | None,
    description: str | None,
    located: str | None,
    dateline: str | None,
    rights: str | None,
    usage: str | None,
    nitf_title: str | None,
    nitf_hl1: str | None,
    nitf_byline: str | None,
    body: list[str],
    shape: str,
    reuters: bool,
) -> None:
    heads = "".join(
        f"<headline{f' role={chr(34)}{r}{chr(34)}' if r else ''}>{x(v)}</headline>"
        for r, v in headlines
    )
    loc = "" if located is None else f"<located><name>{x(located)}</name></located>"
    desc = (
        ""
        if description is None
        else f'<description role="drol:summary">{x(description)}</description>'
    )
    if shape == "nitf":
        content = (
            '<inlineXML contenttype="application/nitf+xml"><nitf><head>'
            f"{_opt('title', nitf_title)}</head><body><body.head><hedline>{_opt('hl1', nitf_hl1)}"
            f"</hedline>{_opt('byline', nitf_byline)}</body.head>"
            f"<body.content>{_ps(body)}</body.content></body></nitf></inlineXML>"
        )
        inner = [nitf_title, nitf_hl1, nitf_byline]
    elif shape == "xhtml":
        content = (
            '<inlineXML contenttype="application/xhtml+xml"><html xmlns="http://www.w3.org/1999/xhtml">'
            f"<head>{_opt('title', nitf_title)}</head><body>{_ps(body)}</body></html></inlineXML>"
        )
        inner = [nitf_title]
    else:
        content = f'<inlineData contenttype="text/plain">{x(chr(10).join(body))}</inlineData>'
        inner = []
    provider = '<provider literal="Reuters"/>' if reuters else '<provider literal="Example"/>'
    doc = (
        '<?xml version="1.0" encoding="UTF-8"?><newsItem xmlns="http://iptc.org/std/nar/2006-10-01/"'
        ' guid="urn:newsml:example.org:20251120:abc" version="3"><itemMeta>'
        f'{provider}<pubStatus qcode="stat:usable"/>{_opt("edNote", ednote)}</itemMeta>'
        f"<rightsInfo>{_opt('copyrightNotice', rights)}{_opt('usageTerms', usage)}</rightsInfo>"
        f"<contentMeta>{loc}{_opt('dateline', dateline)}{_opt('by', by)}{heads}"
        f"{_opt('slugline', slug)}{desc}</contentMeta><contentSet>{content}</contentSet></newsItem>"
    )
    pieces = [v for _, v in headlines] + [slug, by, ednote, description, located, dateline]
    pieces += [rights, usage, *inner, *body]
    _assert_kept(pieces, doc.encode(), "newsml-g2", [])


# -- NewsML 1.2 (AFP style: nested NewsComponents, NITF or text/plain DataContent) -------------


@SETTINGS
@given(
    headline=maybe,
    subheadline=maybe,
    byline=maybe,
    dateline=maybe,
    slug=maybe,
    copyright_line=maybe,
    keyword=maybe,
    newslines=st.lists(
        st.tuples(st.sampled_from(["EdNote", "ByLineTitle", "Caption"]), piece), max_size=2
    ),
    usage=maybe,
    body=paras,
    nitf_hl1=maybe,
    second=paras,
    shape=st.sampled_from(["nitf", "text", "nested"]),
)
def test_newsml1_loses_no_text(
    headline: str | None,
    subheadline: str | None,
    byline: str | None,
    dateline: str | None,
    slug: str | None,
    copyright_line: str | None,
    keyword: str | None,
    newslines: list[tuple[str, str]],
    usage: str | None,
    body: list[str],
    nitf_hl1: str | None,
    second: list[str],
    shape: str,
) -> None:
    lines = "".join(
        f'<NewsLine><NewsLineType FormalName="{kind}"/><NewsLineText>{x(v)}</NewsLineText></NewsLine>'
        for kind, v in newslines
    )
    news_lines = (
        f"<NewsLines>{_opt('HeadLine', headline)}{_opt('SubHeadLine', subheadline)}"
        f"{_opt('ByLine', byline)}{_opt('DateLine', dateline)}{_opt('CopyrightLine', copyright_line)}"
        f"{_opt('SlugLine', slug)}{_opt('KeywordLine', keyword)}{lines}</NewsLines>"
    )
    if shape == "text":
        data = f"<DataContent>{x(chr(10).join(body))}</DataContent>"
        inner: list[str | None] = []
    else:
        data = (
            f"<DataContent><nitf><body><body.head><hedline>{_opt('hl1', nitf_hl1)}</hedline>"
            f"</body.head><body.content>{_ps(body)}</body.content></body></nitf></DataContent>"
        )
        inner = [nitf_hl1]
    item = (
        '<ContentItem><MediaType FormalName="Text"/>'
        f'<Format FormalName="{"NITF" if shape != "text" else "Text"}"/>{data}</ContentItem>'
    )
    extra = ""
    if second:
        extra = (
            '<ContentItem><MediaType FormalName="Text"/><Format FormalName="Text"/>'
            f"<DataContent>{x(chr(10).join(second))}</DataContent></ContentItem>"
        )
    rights = (
        ""
        if usage is None
        else (
            f"<RightsMetadata><UsageRights><Limitations>{x(usage)}</Limitations></UsageRights></RightsMetadata>"
        )
    )
    if shape == "nested":
        component = (
            f"<NewsComponent>{news_lines}{rights}<NewsComponent>{item}</NewsComponent>"
            f"<NewsComponent>{extra}</NewsComponent></NewsComponent>"
        )
    else:
        component = f"<NewsComponent>{news_lines}{rights}{item}{extra}</NewsComponent>"
    doc = (
        '<?xml version="1.0" encoding="UTF-8"?><NewsML Version="1.2"><NewsItem><Identification>'
        "<NewsIdentifier><ProviderId>afp.com</ProviderId><DateId>20251127</DateId>"
        "<NewsItemId>TX-1</NewsItemId><RevisionId>1</RevisionId></NewsIdentifier></Identification>"
        '<NewsManagement><Status FormalName="Usable"/></NewsManagement>'
        f"{component}</NewsItem></NewsML>"
    )
    pieces = [headline, subheadline, byline, dateline, slug, copyright_line, keyword]
    pieces += [v for _, v in newslines] + [usage, *body, *inner, *second]
    _assert_kept(pieces, doc.encode(), "newsml-1", [])


# -- RSS 2.0 and Atom -------------------------------------------------------------------------


rss_entry = st.fixed_dictionaries(
    {"title": maybe, "description": maybe, "encoded": paras, "author": maybe},
)


@SETTINGS
@given(
    entries=st.lists(rss_entry, min_size=1, max_size=3),
    channel_title=maybe,
    rights=maybe,
    html=st.booleans(),
)
@example(
    entries=[{"title": "T", "description": "&lt", "encoded": [], "author": None}],
    channel_title=None,
    rights=None,
    html=False,
)
@example(
    entries=[{"title": None, "description": None, "encoded": ["&#0"], "author": None}],
    channel_title=None,
    rights=None,
    html=False,
)
@example(  # hypothesis found it: "&amp;#0" in content:encoded (the text "&#0") decoded twice
    entries=[{"title": None, "description": None, "encoded": ["&#0"], "author": None}],
    channel_title=None,
    rights=None,
    html=True,
)
@example(  # a complete reference in HTML's text was escaped twice by the sender: read
    entries=[{"title": "T", "description": None, "encoded": ["a &#0; b &amp; c"], "author": None}],
    channel_title=None,
    rights=None,
    html=True,
)
@example(  # an RSS title is HTML too: "&#0" reads U+FFFD
    entries=[{"title": "&#0", "description": None, "encoded": [], "author": None}],
    channel_title=None,
    rights=None,
    html=False,
)
def test_rss_loses_no_text(
    entries: list[dict[str, object]], channel_title: str | None, rights: str | None, html: bool
) -> None:
    items = ""
    pieces: list[str | None] = [channel_title, rights]
    story: list[str | None] = []
    for n, e in enumerate(entries):
        title, desc, author = e["title"], e["description"], e["author"]
        encoded: list[str] = e["encoded"]  # type: ignore[assignment]
        body = _html_body(encoded) if html else "\n\n".join(encoded)
        items += (
            f"<item><guid>urn:x:{n}</guid>{_opt('title', title)}"  # type: ignore[arg-type]
            f"{_opt('description', desc)}{_opt('author', author)}"  # type: ignore[arg-type]
            f"{'' if not encoded else '<content:encoded>' + x(body) + '</content:encoded>'}</item>"
        )
        # An RSS description is entity-escaped HTML by convention: its text is what the HTML
        # says, so "&lt" (a legacy reference, no semicolon) reads "<", as a browser shows it.
        shown = unescape(desc) if isinstance(desc, str) else desc
        title = unescape(title) if isinstance(title, str) else title  # an RSS title as well
        # content:encoded is HTML too: text written into it raw reads as HTML ("&#0" is U+FFFD).
        paragraphs = [_shown(p) for p in encoded] if html else [unescape(p) for p in encoded]
        pieces += [title, shown, author, *paragraphs]  # type: ignore[list-item]
        story += [title, shown, *paragraphs]  # type: ignore[list-item]
    doc = (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"'
        ' xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"{_opt('title', channel_title)}{_opt('copyright', rights)}{items}</channel></rss>"
    )
    _assert_kept(pieces, doc.encode(), "rss", story)


@SETTINGS
@given(
    entries=st.lists(
        st.fixed_dictionaries(
            {"title": maybe, "summary": maybe, "content": paras, "author": maybe}
        ),
        min_size=1,
        max_size=3,
    ),
    feed_title=maybe,
    html=st.booleans(),
)
@example(  # hypothesis found it: a text title was read as HTML, "&#0" became U+FFFD
    entries=[{"title": "&#0", "summary": None, "content": [], "author": None}],
    feed_title=None,
    html=False,
)
@example(  # Atom html content: "&amp;#0" in the markup is the text "&#0", decoded once
    entries=[{"title": "T", "summary": None, "content": ["&#0", "x &amp; y"], "author": None}],
    feed_title=None,
    html=True,
)
def test_atom_loses_no_text(
    entries: list[dict[str, object]], feed_title: str | None, html: bool
) -> None:
    out = ""
    pieces: list[str | None] = [feed_title]
    story: list[str | None] = []
    for n, e in enumerate(entries):
        title, summary, author = e["title"], e["summary"], e["author"]
        content: list[str] = e["content"]  # type: ignore[assignment]
        kind = "html" if html else "text"
        body = _html_body(content) if html else "\n\n".join(content)
        who = "" if author is None else f"<author><name>{x(author)}</name></author>"  # type: ignore[arg-type]
        out += (
            f"<entry><id>urn:x:{n}</id>{_opt('title', title)}{_opt('summary', summary)}{who}"  # type: ignore[arg-type]
            f"{'' if not content else f'<content type={chr(34)}{kind}{chr(34)}>' + x(body) + '</content>'}"
            "</entry>"
        )
        content = [_shown(p) for p in content] if html else content
        pieces += [title, summary, author, *content]  # type: ignore[list-item]
        story += [title, summary, *content]  # type: ignore[list-item]
    doc = (
        '<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"{_opt('title', feed_title)}{out}</feed>"
    )
    _assert_kept(pieces, doc.encode(), "atom", story)


# -- regressions: each hole the properties found, with its fix ---------------------------------


def _one(doc: str, fmt: str | None = None) -> WireItem:
    headers = {"wire-source": b"reg"}
    if fmt:
        headers["wire-format"] = fmt.encode()
    items = parse(RawMessage(value=doc.encode(), headers=headers)).items
    assert len(items) == 1
    return items[0]


NITF = (
    "<nitf><head><title>{title}</title></head><body><body.head><hedline><hl1>Dam opens"
    "</hl1></hedline><dateline>{dateline}</dateline><abstract><p>A short summary.</p>"
    "</abstract></body.head><body.content><p>The dam opened on Monday.</p></body.content>"
    "<body.end><tagline>Reporting by Ana Silva</tagline></body.end></body></nitf>"
)


def test_nitf_title_unlike_hl1_is_reported_and_a_same_one_is_not() -> None:
    item = _one(NITF.format(title="Dam opens early", dateline="Quito"))
    assert item.headline == "Dam opens"
    assert "Dam opens early" in item.ext.dropped
    same = _one(NITF.format(title="Dam opens", dateline="Quito"))
    assert same.ext.dropped == []


def test_nitf_abstract_is_the_description_and_the_tagline_ends_the_body() -> None:
    item = _one(NITF.format(title="Dam opens", dateline="Quito"))
    assert item.description == "A short summary."
    assert item.body == "The dam opened on Monday.\n\nReporting by Ana Silva"
    assert item.located == "Quito"


def test_nitf_timestamp_dateline_is_reported_not_a_place() -> None:
    item = _one(NITF.format(title="Dam opens", dateline="26/11/2025 09:11"))
    assert item.located is None
    assert item.ext.dropped == ["26/11/2025 09:11"]


def test_ninjs_second_headline_body_and_summary_are_kept_or_reported() -> None:
    doc = {
        "uri": "urn:x:1",
        "headlines": [{"role": "main", "value": "Port reopens"}],
        "headline": "Port reopens after strike",
        "body_text": "Dockers went back to work.",
        "body_html": "<p>Cranes moved again on Tuesday.</p>",
        "description_text": "Strike over.",
        "descriptions": [{"role": "summary", "value": "Work resumes at the port."}],
    }
    item = _one(json.dumps(doc))
    assert item.headline == "Port reopens"
    assert item.body == "Dockers went back to work."
    assert item.description == "Strike over."
    assert item.ext.dropped == [
        "Port reopens after strike",
        "Cranes moved again on Tuesday.",
        "Work resumes at the port.",
    ]


def test_ninjs_item_with_only_a_subheadline_is_a_story() -> None:
    item = _one(json.dumps([{"subheadline": "Rates held"}]))
    assert [h.value for h in item.headlines] == ["Rates held"]


G2 = (
    '<newsItem guid="urn:newsml:example.org:1" version="1"><itemMeta><provider literal="X"/>'
    "</itemMeta><contentMeta><headline>Bridge closes</headline><headline>Bridge shut</headline>"
    '<description role="drol:summary">Traffic diverted.</description>'
    "<dateline>LISBON, Nov 20</dateline><by>Rui Costa</by></contentMeta><contentSet>"
    '<inlineXML contenttype="application/nitf+xml"><nitf><head><title>Bridge closed for repairs'
    "</title></head><body><body.head><byline>By Rui Costa and Ana Lima</byline></body.head>"
    "<body.content><p>The bridge closed on Thursday.</p></body.content></body></nitf>"
    "</inlineXML></contentSet></newsItem>"
)


def test_newsml_g2_second_headline_dateline_and_inline_head_are_reported() -> None:
    item = _one(G2)
    assert item.headline == "Bridge closes"
    assert item.description == "Traffic diverted."
    assert item.byline == "Rui Costa"
    assert item.ext.dropped == [
        "Bridge shut",
        "LISBON, Nov 20",
        "Bridge closed for repairs",
        "By Rui Costa and Ana Lima",
    ]


def test_newsml_g2_xhtml_title_is_the_headline_when_content_meta_has_none() -> None:
    doc = (
        '<newsItem guid="urn:x:2" version="1"><contentSet><inlineXML><html><head><title>'
        "Snow closes pass</title></head><body><p>The pass closed.</p></body></html></inlineXML>"
        "</contentSet></newsItem>"
    )
    item = _one(doc)
    assert item.headline == "Snow closes pass"
    assert "derived-headline" not in item.ext.signals


def test_newsml1_keyword_news_lines_and_other_text_items_are_reported() -> None:
    doc = (
        '<NewsML Version="1.2"><NewsItem><Identification><NewsIdentifier><ProviderId>afp.com'
        "</ProviderId><DateId>20251127</DateId><NewsItemId>T1</NewsItemId><RevisionId>1"
        "</RevisionId></NewsIdentifier></Identification><NewsComponent><NewsLines>"
        "<HeadLine>Mine protest blocks road</HeadLine><DateLine>LIMA, 27 nov (AFP)</DateLine>"
        '<KeywordLine>mines</KeywordLine><NewsLine><NewsLineType FormalName="Caption"/>'
        "<NewsLineText>Protesters on the road</NewsLineText></NewsLine></NewsLines>"
        '<NewsComponent><ContentItem><MediaType FormalName="Text"/><DataContent><nitf><body>'
        "<body.head><hedline><hl1>Miners block road</hl1></hedline></body.head><body.content>"
        "<p>Miners blocked a road on Thursday.</p></body.content></body></nitf></DataContent>"
        '</ContentItem></NewsComponent><NewsComponent><ContentItem><MediaType FormalName="Text"/>'
        "<DataContent>Police reported no incident.</DataContent></ContentItem></NewsComponent>"
        "</NewsComponent></NewsItem></NewsML>"
    )
    item = _one(doc)
    assert item.headline == "Mine protest blocks road"
    assert item.located == "LIMA"
    assert item.body == "Miners blocked a road on Thursday."
    assert item.ext.dropped == [
        "LIMA, 27 nov (AFP)",
        "mines",
        "Protesters on the road",
        "Police reported no incident.",
        "Miners block road",
    ]


def test_feed_summary_beside_full_text_is_the_description_and_author_the_byline() -> None:
    rss = (
        '<rss xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><item>'
        "<guid>urn:x:3</guid><title>Ferry resumes</title><author>Ana Silva</author>"
        "<description>Service back.</description><content:encoded>&lt;p&gt;The ferry sailed."
        "&lt;/p&gt;</content:encoded></item></channel></rss>"
    )
    item = _one(rss)
    assert (item.body, item.description, item.byline) == (
        "The ferry sailed.",
        "Service back.",
        "Ana Silva",
    )
    atom = (
        '<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>urn:x:4</id><title>Ferry resumes'
        "</title><author><name>Ana Silva</name></author><summary>Service back.</summary>"
        '<content type="text">The ferry sailed.</content></entry></feed>'
    )
    item = _one(atom)
    assert (item.body, item.description, item.byline) == (
        "The ferry sailed.",
        "Service back.",
        "Ana Silva",
    )


def test_wxr_creator_is_a_login_reported_not_a_byline() -> None:
    wxr = (
        '<rss xmlns:wp="http://wordpress.org/export/1.2/" xmlns:dc="http://purl.org/dc/'
        'elements/1.1/"><channel><item><guid>urn:x:5</guid><title>Ferry resumes</title>'
        "<dc:creator>editor</dc:creator><wp:post_type>post</wp:post_type><description>The ferry"
        " sailed.</description></item></channel></rss>"
    )
    item = _one(wxr)
    assert item.byline is None
    assert item.ext.dropped == ["editor"]


def test_rss_entry_children_read_in_one_pass_take_the_first_of_each_name() -> None:
    """``read_rss`` names each child once: the first ``post_type``, ``encoded`` and
    ``creator`` count, whatever their order and whatever repeats after them."""
    rss = (
        '<rss xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.'
        'org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/"><channel><item>'
        "<guid>urn:x:6</guid><dc:creator>Ana Silva</dc:creator><title>Ferry resumes</title>"
        "<content:encoded>&lt;p&gt;The ferry sailed.&lt;/p&gt;</content:encoded>"
        "<dc:creator>Second Name</dc:creator><wp:post_type>post</wp:post_type>"
        "<content:encoded>Second body.</content:encoded><wp:post_type>attachment</wp:post_type>"
        "<description>Service back.</description></item></channel></rss>"
    )
    item = _one(rss)
    assert (item.body, item.description, item.byline) == (
        "The ferry sailed.",
        "Service back.",
        None,
    )
    assert item.ext.dropped == ["Ana Silva"]
    plain = rss.replace("<wp:post_type>post</wp:post_type>", "").replace(
        "<wp:post_type>attachment</wp:post_type>", ""
    )
    assert _one(plain).byline == "Ana Silva"


# -- escaped markup in text: read as markup, never at the cost of a word ----------------------


def test_escaped_html_tags_in_xml_text_are_markup_and_real_text_stays() -> None:
    doc = (
        "<nitf><body><body.head><hedline><hl1>&lt;b&gt;Rates&lt;/b&gt; held at 4%</hl1>"
        "</hedline></body.head><body.content><p>The bank &lt;i&gt;held&lt;/i&gt; rates"
        " &lt;endash&gt; as expected.&lt;br/&gt;Inflation x &lt; y and y &gt; z.</p>"
        '<p>See &lt;a href="https://example.org/r"&gt;the report&lt;/a&gt;; a &lt;b and c&gt;'
        " d; AT&amp;T &amp;amp; R&amp;D; &amp;quot;quoted&amp;quot;.</p></body.content>"
        "</body></nitf>"
    )
    item = _one(doc)
    assert item.headline == "Rates held at 4%"
    assert item.body == (
        "The bank held rates – as expected. Inflation x < y and y > z.\n\n"
        'See the report; a <b and c> d; AT&T & R&D; "quoted".'
    )


markup = st.sampled_from(
    ["<b>", "</b>", "<i>", "</i>", "<p>", "</p>", "<br/>", "<br>", '<a href="u">', "</a>", "<em>"]
)
plain_word = st.text(alphabet="abcdefghijklmnopqrstuvwxyzé€0123456789<&", min_size=1, max_size=12)


@SETTINGS
@given(
    tokens=st.lists(st.tuples(plain_word, st.one_of(st.just(""), markup)), min_size=1, max_size=12)
)
def test_escaped_markup_between_words_never_costs_a_word(tokens: list[tuple[str, str]]) -> None:
    """Words with escaped tags between them: every word's characters are kept, no tag is."""
    text = " ".join(w + tag for w, tag in tokens)
    doc = f"<nitf><body><body.content><p>{x(text)}</p></body.content></body></nitf>"
    item = _one(doc, "nitf")
    want: Counter[str] = Counter()
    for word, _ in tokens:
        want += _nonspace(word)
    got = _nonspace(item.body)
    assert not want - got, f"lost {want - got}"
    for _, tag in tokens:
        if tag and tag not in "".join(w for w, _ in tokens):
            assert tag not in item.body


def test_a_textless_item_reports_every_field_it_had() -> None:
    """An item with no id and no headline or body is not routed: all the text it had (here a
    place and a slug) goes with its report on the first item."""
    doc = [
        {"uri": "urn:x:6", "headline": "Ferry resumes"},
        {"headlines": [], "located": "Quito", "slugline": "Ecuador-Ferry", "byline": "Ana Silva"},
    ]
    result = parse(RawMessage(value=json.dumps(doc).encode(), headers={"wire-source": b"x"}))
    (item,) = result.items
    assert item.ext.dropped == [
        "[item 1 of the ninjs payload: no id, headline or text]",
        "Ana Silva",
        "Quito",
        "Ecuador-Ferry",
    ]


def test_ninjs_plain_text_escaped_for_html_is_read_as_markup() -> None:
    doc = {
        "uri": "urn:x:7",
        "headline": "Tom &amp; Jerry <b>return</b>",
        "body_text": "Rates &lt; 2% &ndash; and x < y stays.",
        "description_text": "A <i>short</i> one.",
    }
    item = _one(json.dumps(doc))
    assert item.headline == "Tom & Jerry return"
    assert item.body == "Rates < 2% – and x < y stays."
    assert item.description == "A short one."


# -- a charset fallback never deletes characters -----------------------------------------------

CP1252_TEXT = st.text(alphabet="abcdefXYZ 0123.,;“”‘’–—…€éüßñçøå", min_size=1, max_size=60)


@SETTINGS
@given(
    text=CP1252_TEXT,
    label=st.sampled_from(["ISO-8859-1", "windows-1252", "latin1", None]),
    stray=st.booleans(),
)
def test_a_cp1252_document_keeps_every_character(text: str, label: str | None, stray: bool) -> None:
    """An XML sent in cp1252, labelled Latin-1, cp1252 or not at all, with or without one
    undefined byte (0x81): every character of its text is in the item."""
    decl = "" if label is None else f'<?xml version="1.0" encoding="{label}"?>'
    encoded = x(text).encode("cp1252") + (b"\x81" if stray else b"")
    if label is None:
        try:  # unlabelled bytes that are valid UTF-8 are UTF-8 (the XML default), not cp1252
            encoded.decode("utf-8")
            return
        except UnicodeDecodeError:
            pass
    data = (
        decl.encode()
        + b"<nitf><body><body.content><p>"
        + x(text).encode("cp1252")
        + (b"\x81" if stray else b"")
        + b"</p></body.content></body></nitf>"
    )
    _assert_kept([text], data, "nitf", [text])


def test_latin1_labelled_xml_with_curly_quotes_keeps_them() -> None:
    """The C1 strip used to delete every curly quote, dash and euro of a "Latin-1" feed."""
    doc = (
        b'<?xml version="1.0" encoding="ISO-8859-1"?><nitf><body><body.content><p>'
        + "“Fares” rise – by €2.".encode("cp1252")
        + b"\x81</p></body.content></body></nitf>"
    )
    (item,) = parse(RawMessage(value=doc, headers={"wire-source": b"c"})).items
    assert item.body == "“Fares” rise – by €2.\ufffd"  # the undefined byte alone is replaced


def test_ninjs_sent_in_cp1252_keeps_its_quotes_dashes_and_euro() -> None:
    """JSON must be UTF-8, but a CMS sending cp1252 (with one undefined byte) is read, not
    refused: every character kept, the undefined byte alone replaced."""
    data = '{"uri": "urn:x:8", "headline": "“Fares” rise – by €2"}'.encode("cp1252")
    data = data[:-2] + b"\x81" + data[-2:]
    (item,) = parse(RawMessage(value=data, headers={"wire-source": b"c"})).items
    assert item.headline == "“Fares” rise – by €2\ufffd"


def test_nitf_byline_keeps_the_senders_commas() -> None:
    """Found by the property: a byline of "," lost its comma (the reader trimmed commas)."""
    doc = (
        "<nitf><body><body.head><hedline><hl1>Dam opens</hl1></hedline><byline>By Ana Silva,"
        " <byttl>Staff</byttl></byline><byline>,</byline></body.head><body.content><p>The dam"
        " opened.</p></body.content></body></nitf>"
    )
    assert _one(doc).byline == "By Ana Silva, Staff"
    lone = doc.replace("By Ana Silva, <byttl>Staff</byttl>", ",")
    assert _one(lone).byline == ","
