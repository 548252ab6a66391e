"""Adversarial payloads through the pure pipeline: seconds per MB, peak RSS, output bytes.

Issue #15: one raw message must never stall a partition or blow memory. Every payload here
is generated in code (no third-party text), grouped by class, 1 MB by default (``--size``
up to 4 MB). Each goes through what ``wire inspect`` runs: ``Pipeline.prepare``,
``item_records`` and ``decide`` + ``remember`` per item, in a forked child of a runner
process that built the pipeline once, under a wall-clock timeout and an address-space cap
(``RLIMIT_AS``), so a quadratic or exploding payload is reported, not waited for.

Run from the repository root::

    .venv/bin/python bench/hostile_bench.py                       # this checkout, 1 MB
    .venv/bin/python bench/hostile_bench.py --code /work/main     # another checkout ("before")
    .venv/bin/python bench/hostile_bench.py --code /old --code .  # both, side by side
    .venv/bin/python bench/hostile_bench.py --only html --size 4000000 --timeout 120

Seconds are CPU seconds of the child (``time.process_time``; the machine is shared, so
wall time is noisier), per MB of payload; ``!`` flags more than 1 s/MB (the #15 target).
Peak RSS is the child's high-water mark, which includes the pipeline built before the
fork (shown as ``base``). Output bytes are the ``wire.items`` records plus the routed
records; a dead letter counts its raw bytes. Results go to ``bench/results/hostile.json``.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import resource
import select
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
MB = 1_000_000


@dataclass(frozen=True)
class Payload:
    klass: str
    name: str
    path: str  # which parser and stage it aims at
    data: bytes
    headers: dict[str, str]


# -- generators -------------------------------------------------------------------------------


def _fill(unit: str, size: int) -> str:
    return unit * max(1, size // len(unit))


def _words(size: int, seed: int = 7) -> str:
    """Ordinary-looking lower-case prose of made-up words, with full stops."""
    syll = ["ka", "ro", "mi", "ten", "sa", "lu", "dor", "ve", "pa", "ni", "gra", "tho"]
    out: list[str] = []
    n, x = 0, seed
    while n < size:
        x = (x * 1103515245 + 12345) & 0x7FFFFFFF
        word = "".join(syll[(x >> (4 * k)) % len(syll)] for k in range(1 + x % 3))
        if x % 11 == 0:
            word += "."
        out.append(word)
        n += len(word) + 1
    return " ".join(out)


def _story(i: int) -> str:
    return (
        f"Harbour talks resume in round {i}\n"
        f"Negotiators met on Tuesday for round {i} of the harbour talks, officials said."
        " The port has been closed for two days.\n"
    )


def _ninjs(**fields: Any) -> bytes:
    doc = {"uri": "urn:bench:hostile:1", "headline": "Hostile payload", **fields}
    return json.dumps(doc).encode()


def _rss(description: str, *, copyright: str = "", items: int = 1, other: str = "") -> bytes:
    from xml.sax.saxutils import escape

    head = f"<copyright>{escape(copyright)}</copyright>" if copyright else ""
    entries = "".join(
        f"<item><title>Story {i}</title><guid>urn:bench:rss:{i}</guid>"
        f"<description>{escape(description if i == 0 else other or f'Story {i}.')}</description>"
        "</item>"
        for i in range(items)
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Bench feed</title>{head}'
        f"{entries}</channel></rss>"
    ).encode()


def _nitf(body: str) -> bytes:
    return (
        '<?xml version="1.0"?><nitf><head><title>Bench</title></head><body><body.head>'
        f"<hedline><hl1>Bench story</hl1></hedline></body.head><body.content>{body}"
        "</body.content></body></nitf>"
    ).encode()


def _newsml(items: list[str]) -> bytes:
    inner = "".join(
        f'<newsItem guid="urn:bench:g2:{i}" version="1"><contentMeta><headline>Item {i}'
        f"</headline></contentMeta><contentSet><inlineXML><html><body>{body}</body></html>"
        "</inlineXML></contentSet></newsItem>"
        for i, body in enumerate(items)
    )
    return f'<?xml version="1.0"?><newsMessage><itemSet>{inner}</itemSet></newsMessage>'.encode()


def _atom(content: str, kind: str) -> bytes:
    return (
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Bench</title>'
        f"<entry><id>urn:bench:atom:1</id><title>Bench entry</title>"
        f'<content type="{kind}">{content}</content></entry></feed>'
    ).encode()


def _7901(header: str, lines: list[str]) -> bytes:
    return ("\x01" + header + "\x02" + "\n".join(lines) + "\x03\x04").encode()


_PLACES = [
    "Paris",
    "London",
    "Cairo",
    "Lagos",
    "Nairobi",
    "Tokyo",
    "Jakarta",
    "Lima",
    "Bogota",
    "Kyiv",
    "Ankara",
    "Dhaka",
    "Manila",
    "Santiago",
    "Accra",
    "Hanoi",
    "Warsaw",
    "Madrid",
    "Rome",
    "Berlin",
    "Ottawa",
    "Canberra",
    "Delhi",
    "Georgia",
    "Jordan",
    "Chad",
    "Niger",
    "Guinea",
    "Victoria",
    "Columbia",
    "Lebanon",
    "Panama",
    "Israel",
]


def catalogue(size: int) -> Iterator[Payload]:
    """Every payload, about ``size`` bytes each (some structures round it)."""
    esc = json.dumps
    n = size

    def p(klass: str, name: str, path: str, data: bytes | str, **headers: str) -> Payload:
        raw = data.encode() if isinstance(data, str) else data
        return Payload(klass, name, path, raw, headers)

    # -- markup: the regex stripping and its replacement -----------------------------------
    yield p("html", "comment-open-plain", "plain", "<p" + _fill("<!--", n))
    yield p(
        "html", "comment-open-ninjs", "ninjs body_html", _ninjs(body_html="<p>" + _fill("<!--", n))
    )
    yield p("html", "script-open-plain", "plain", "<p>x</p>" + _fill("<script>", n))
    yield p(
        "html",
        "script-open-ninjs",
        "ninjs bodies text/html",
        _ninjs(bodies=[{"value": _fill("<script>", n), "contenttype": "text/html"}]),
    )
    yield p("html", "unclosed-tags", "plain", "<p>x</p>" + _fill("<a ", n))
    yield p("html", "lt-flood", "plain", "<p>x</p>" + _fill("<", n))
    yield p("html", "deep-div", "plain", "<p>" + _fill("<div>", n))
    yield p("html", "deep-span", "ninjs body_html", _ninjs(body_html="<p>" + _fill("<span>x", n)))
    k = int((n / 12) ** 0.5 * 2)
    yield p(
        "html",
        "formatting-reopen",
        "plain",
        "<p>" + "".join(f"<b x={i}>" for i in range(k)) + "</p>" + _fill("<p>x</p>", n - 10 * k),
    )
    yield p(
        "html", "attributes", "plain", "<p " + "".join(f"a{i}=1 " for i in range(n // 8)) + ">x"
    )
    yield p("html", "adoption-agency", "plain", "<p><a href=x>" + _fill("<div>y</a>", n))
    yield p("html", "select-options", "plain", "<p><select>" + _fill("<option>x", n))
    yield p("html", "entities", "plain", "<p>" + _fill("&amp;&lt;&#169;&#x41;&nbsp;", n))
    yield p(
        "html",
        "normal-article-html",
        "ninjs body_html",
        _ninjs(
            body_html="".join(
                f'<p>{s} <a href="https://example.org/{i}">link</a> <b>bold</b>.</p>'
                for i, s in enumerate(_words(n).split(". "))
            )[:n]
        ),
    )
    # -- plain text -------------------------------------------------------------------------
    yield p("plaintext", "initials-A-dot", "plain", _fill("A. ", n))
    yield p("plaintext", "dot-run", "plain", "Word" + "." * n + " End")
    yield p("plaintext", "one-paragraph-no-stop", "plain", _words(n).replace(".", ""))
    yield p("plaintext", "ordinary-words", "plain", _words(n))
    yield p("plaintext", "space-run", "plain", "Start " + " " * n + " end.")
    yield p("plaintext", "capitalised-names", "plain", _fill("Ab Cd Ef Gh Ij Kl. ", n))
    yield p(
        "plaintext",
        "wrapped-lines",
        "plain",
        "\n".join(_fill("wrapped text line ", n)[i : i + 60] for i in range(0, n, 60)),
    )
    yield p("plaintext", "datelines", "plain", _fill("PARIS (AFP) - ", n))
    yield p("plaintext", "stories-1000", "plain", "\n\n".join(_story(i) for i in range(999))[:n])
    yield p(
        "plaintext",
        "mojibake",
        "plain",
        _fill("Caf\u00c3\u00a9 d\u00c3\u00a9j\u00c3\u00a0 vu. ", n),
    )
    yield p("plaintext", "tiny-paragraphs", "plain", _fill("Talks went on.\n\n", n))
    yield p(
        "plaintext",
        "markers-headline",
        "plain",
        _fill("UPDATE 2- ", n // 2) + "\n" + _words(n // 2),
    )
    # -- structured formats -----------------------------------------------------------------
    yield p(
        "ninjs",
        "headline-huge",
        "ninjs headline",
        _ninjs(headline=_fill("UPDATE 1- Ld-Writethru ", n)),
    )
    yield p(
        "ninjs",
        "located-commas",
        "ninjs located",
        _ninjs(located=_fill("x,", n), body_text="Talks."),
    )
    yield p(
        "ninjs",
        "altids-many",
        "ninjs altids",
        _ninjs(
            altids=[{"role": "slug", "value": f"s{i}"} for i in range(n // 40)], body_text="Talks."
        ),
    )
    yield p(
        "ninjs",
        "array-1000",
        "ninjs array",
        esc(
            [
                {
                    "uri": f"urn:bench:{i}",
                    "headline": f"Talks round {i}",
                    "body_text": _words(n // 1000, i),
                }
                for i in range(1000)
            ]
        ),
    )
    yield p("xml", "nitf-many-p", "nitf", _nitf(_fill("<p>Talks resumed.</p>", n)))
    yield p(
        "xml",
        "nitf-nested-p-span",
        "nitf",
        _nitf("<p><span>" * 30 + _words(n) + "</span></p>" * 30),
    )
    yield p(
        "xml",
        "newsml-1000-items",
        "newsml-g2",
        _newsml([f"<p>{_words(n // 1000, i)}</p>" for i in range(1000)]),
    )
    yield p(
        "xml",
        "atom-xhtml-nested",
        "atom xhtml",
        _atom(
            '<div xmlns="http://www.w3.org/1999/xhtml">'
            + "<div><p>" * 30
            + _words(n)
            + "</p></div>" * 30
            + "</div>",
            "xhtml",
        ),
    )
    yield p("xml", "atom-html-comments", "atom html", _atom(_fill("&lt;!--", n), "html"))
    yield p("feed", "rss-description-lt", "rss description", _rss(_fill("<", n // 4)))
    yield p("feed", "rss-1000-items", "rss", _rss("Story.", items=1000, other=_words(n // 1000)))
    yield p(
        "transmission",
        "7901-one-huge-line",
        "iptc7901",
        _7901("0123 1 dom 11-20 talks-harbour", ["Harbour talks", "  " + _words(n)]),
    )
    yield p(
        "transmission",
        "7901-many-lines",
        "iptc7901",
        _7901(
            "0123 1 dom 11-20 talks-harbour",
            ["Harbour talks"] + ["  " + w for w in _words(n).split(". ")],
        ),
    )
    yield p(
        "transmission",
        "7901-blank-run-line",
        "iptc7901 line reader",
        _7901("0123 1 dom 11-20 talks-harbour", ["Harbour talks", "  Text" + " " * n + "ends."]),
    )
    yield p(
        "transmission",
        "7901-newline-flood",
        "iptc7901 line reader",
        _7901("0123 1 dom 11-20 talks-harbour", ["Harbour talks", "  Text.", "\r\n" * (n // 2)]),
    )
    yield p(
        "transmission",
        "anpa-huge-header",
        "anpa1312",
        _7901(_fill("a1234 r w BC-talks-x ", n), ["Harbour talks", "  Text."]),
    )
    yield p("transmission", "soh-flood", "transmission split", _fill("\x01", n))
    # -- geo ------------------------------------------------------------------------------
    yield p("geo", "places-mixed", "geo tagger", _fill(" ".join(_PLACES) + ". ", n))
    yield p("geo", "city-qualified", "geo tagger", _fill("Paris, Texas, ", n))
    yield p("geo", "person-names", "geo tagger", _fill("Jordan Smith met Georgia Brown. ", n))
    yield p("geo", "hyphen-compounds", "geo tagger", _fill("Paris-London-Cairo-", n))
    yield p("geo", "events", "geo tagger", _fill("the Paris agreement and the Cairo accord ", n))
    # -- dedup sketching --------------------------------------------------------------------
    yield p("dedup", "unique-words", "dedup sketch", " ".join(f"w{i}" for i in range(n // 8)))
    yield p("dedup", "one-word", "dedup sketch", _fill("talks ", n))
    yield p("dedup", "numbers", "dedup facts", " ".join(str(i % 5000) for i in range(n // 5)))
    yield p(
        "dedup",
        "near-duplicates-1000",
        "dedup decide",
        esc(
            [
                {
                    "uri": f"urn:bench:nd:{i}",
                    "headline": "Harbour talks resume",
                    "body_text": _words(n // 1000) + f" v{i}",
                }
                for i in range(1000)
            ]
        ),
    )
    # -- output amplification (measured only; bounds are another part of #15) -------------
    yield p("amplification", "paris-repeated", "geo evidence", _fill("Paris ", int(n * 0.9)))
    yield p("amplification", "ordinary-words", "geo evidence", _words(n))
    stories = "\n\n".join(_story(i) + "###" for i in range(999))
    notice = "Copyright " + _words(max(0, (n - len(stories)) // 2 - 20))
    yield p(
        "amplification",
        "999-stories-2-copyright",
        "plaintext usageterms",
        f"{notice}\n\n{stories}\n\n{notice} all rights reserved",
    )
    yield p(
        "amplification",
        "rss-copyright",
        "rss channel copyright",
        _rss("Story.", copyright=_words(n), items=100),
    )


# -- runner (forked children; runs with PYTHONPATH=<code>) ------------------------------------

_CHILD_FIELDS = ("status", "items", "out_bytes", "cpu_s", "wall_s", "peak_mb", "base_mb")


def _rss_mb(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def _child(
    pipeline: Any, raw_cls: Any, path: str, headers: dict[str, str], mem_gb: float
) -> dict[str, Any]:
    base = _rss_mb("VmRSS")
    limit = int(_rss_mb("VmSize") * 1024 * 1024 + mem_gb * 1024**3)
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    data = Path(path).read_bytes()
    hdrs = {"wire-source": b"bench", "wire-filename": Path(path).name.encode()}
    hdrs.update({k: v.encode() for k, v in headers.items()})
    raw = raw_cls(data, hdrs, topic="file", partition=0, offset=0, timestamp_ms=1_700_000_000_000)
    cpu0, wall0 = time.process_time(), time.perf_counter()
    out_bytes, items, status = 0, 0, "routed"
    try:
        try:
            parsed = pipeline.prepare(raw)
        except Exception as exc:  # WireError: a dead letter, as the worker would send
            reason = getattr(exc, "reason", type(exc).__name__)
            status, out_bytes = f"dead-letter:{reason}", len(data)
            parsed = []
        items = len(parsed)
        out_bytes += sum(len(r.value) for r in pipeline.item_records(parsed))
        now = 1_700_000_000_000
        for item in parsed:
            decision, records = pipeline.decide(item, now)
            out_bytes += sum(len(r.value) for r in records)
            pipeline.remember(item, decision, now)
    except MemoryError:
        status = "memory cap hit"
    except Exception as exc:
        status = f"error:{type(exc).__name__}"
    return {
        "status": status,
        "items": items,
        "out_bytes": out_bytes,
        "cpu_s": time.process_time() - cpu0,
        "wall_s": time.perf_counter() - wall0,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "base_mb": base,
    }


def runner(spec_path: str) -> None:
    """Build the pipeline once, then fork one child per payload; one JSON line per result."""
    spec = json.loads(Path(spec_path).read_text())
    import streams
    from streams.core.assemble import build_pipeline
    from streams.core.dedup import MemoryStore
    from streams.core.model import RawMessage
    from streams.settings import Settings

    print(json.dumps({"code": str(Path(streams.__file__).parents[1])}), flush=True)
    settings = Settings.from_env()
    tagger = build_pipeline(settings, MemoryStore()).tagger
    # Warm every path once (regex compiles, cached word lists, the parser's document) and
    # freeze the heap before forking, so children pay for their payload, not for copying
    # pages the collector or a first call would touch.
    warm = build_pipeline(settings, MemoryStore(), tagger)
    for pl in catalogue(3000):
        raw = RawMessage(pl.data, {"wire-source": b"warm"}, topic="w", partition=0, offset=0)
        with contextlib.suppress(Exception):
            for item in warm.prepare(raw):
                warm.decide(item, 1_700_000_000_000)
    gc.collect()
    gc.freeze()
    for job in spec["jobs"]:
        pipeline = build_pipeline(settings, MemoryStore(), tagger)  # fresh dedup state
        rfd, wfd = os.pipe()
        pid = os.fork()
        if pid == 0:  # child
            os.close(rfd)
            try:
                result = _child(pipeline, RawMessage, job["file"], job["headers"], spec["mem_gb"])
            except MemoryError:
                result = {"status": "memory cap hit"}
            except BaseException as exc:
                result = {"status": f"error:{type(exc).__name__}"}
            os.write(wfd, json.dumps(result).encode())
            os._exit(0)
        os.close(wfd)
        chunks: list[bytes] = []
        deadline = time.monotonic() + spec["timeout"]
        timed_out = False
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                timed_out = True
                break
            ready, _, _ = select.select([rfd], [], [], left)
            if ready:
                chunk = os.read(rfd, 65536)
                if not chunk:
                    break
                chunks.append(chunk)
        if timed_out:
            os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        os.close(rfd)
        if timed_out:
            result = {"status": f"timeout (>{spec['timeout']:g} s)"}
        elif chunks:
            result = json.loads(b"".join(chunks))
        elif os.WIFSIGNALED(status):
            result = {"status": f"killed by signal {os.WTERMSIG(status)} (memory cap?)"}
        else:
            result = {"status": f"exit {os.waitstatus_to_exitcode(status)}"}
        print(json.dumps({"name": job["name"], **result}), flush=True)


# -- driver -------------------------------------------------------------------------------------


def run_code(
    code: Path,
    jobs: list[dict[str, Any]],
    timeout: float,
    mem_gb: float,
    on_line: Callable[[dict[str, Any]], None],
    first: tuple[Path, ...] = (),
) -> dict[str, dict[str, Any]]:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
        json.dump({"jobs": jobs, "timeout": timeout, "mem_gb": mem_gb}, fh)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(map(str, (*first, code)))}
    proc = subprocess.Popen(
        [sys.executable, str(Path(__file__).resolve()), "--runner", fh.name],
        stdout=subprocess.PIPE,
        env=env,
        cwd=str(code),
        text=True,
    )
    results: dict[str, dict[str, Any]] = {}
    assert proc.stdout is not None
    for line in proc.stdout:
        doc = json.loads(line)
        if "code" in doc:
            if Path(doc["code"]).resolve() != code.resolve():
                raise SystemExit(f"runner imported streams from {doc['code']}, not {code}")
            continue
        results[doc["name"]] = doc
        on_line(doc)
    proc.wait()
    os.unlink(fh.name)
    return results


def _cell(r: dict[str, Any] | None, mb: float) -> str:
    if r is None:
        return "-"
    if "cpu_s" not in r:
        return r["status"]
    rate = r["cpu_s"] / mb
    flag = "!" if rate > 1.0 else " "
    return (
        f"{rate:7.3f}{flag} s/MB {r['peak_mb']:6.0f} MB (+{r['peak_mb'] - r['base_mb']:.0f})"
        f" out {r['out_bytes'] / MB:8.1f} MB {r['items']:4d} it {r['status'][:28]}"
    )


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument(
        "--code", action="append", type=Path, help="checkout(s) to run (default: this one)"
    )
    ap.add_argument("--size", type=int, default=MB, help="payload bytes (default 1 MB; <= 4 MiB)")
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds per payload")
    ap.add_argument(
        "--mem-gb", type=float, default=3.0, help="address space per payload beyond the pipeline"
    )
    ap.add_argument(
        "--native",
        action="append",
        type=Path,
        default=[],
        help="put DIR before each checkout on PYTHONPATH (a private native build, pip --target)",
    )
    ap.add_argument("--only", default="", help="comma-separated classes or payload names")
    ap.add_argument("--list", action="store_true", help="list the payloads and exit")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "hostile.json")
    ap.add_argument("--runner", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.runner:
        runner(args.runner)
        return
    wanted = {w for w in args.only.split(",") if w}
    payloads = [
        pl for pl in catalogue(args.size) if not wanted or pl.klass in wanted or pl.name in wanted
    ]
    if args.list:
        for pl in payloads:
            print(f"{pl.klass:14} {pl.name:26} {pl.path:24} {len(pl.data):>9} B")
        return
    codes = args.code or [ROOT]
    tmp = Path(tempfile.mkdtemp(prefix="hostile-"))
    jobs = []
    for pl in payloads:
        f = tmp / f"{pl.klass}-{pl.name}"
        f.write_bytes(pl.data)
        jobs.append({"name": pl.name, "file": str(f), "headers": pl.headers})
    sizes = {pl.name: len(pl.data) / MB for pl in payloads}
    table: dict[str, dict[str, dict[str, Any]]] = {}
    for code in codes:
        print(f"== {code} (timeout {args.timeout:g} s, cap {args.mem_gb:g} GB)", flush=True)
        table[str(code)] = run_code(
            code,
            jobs,
            args.timeout,
            args.mem_gb,
            lambda r: print(f"  {r['name']:26} {_cell(r, sizes[r['name']])}", flush=True),
            tuple(args.native),
        )
    print()
    print(f"{'class':13} {'payload':26} {'MB':>5}  " + "  |  ".join(str(c) for c in codes))
    for pl in payloads:
        cells = "  |  ".join(_cell(table[str(c)].get(pl.name), sizes[pl.name]) for c in codes)
        print(f"{pl.klass:13} {pl.name:26} {sizes[pl.name]:5.2f}  {cells}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        json.dumps(
            {
                "size": args.size,
                "timeout": args.timeout,
                "mem_gb": args.mem_gb,
                "nproc": os.cpu_count(),
                "load": os.getloadavg(),
                "date": time.strftime("%Y-%m-%d %H:%M:%S"),
                "payloads": {
                    pl.name: {"class": pl.klass, "path": pl.path, "bytes": len(pl.data)}
                    for pl in payloads
                },
                "results": table,
            },
            indent=1,
        )
    )
    for f in tmp.iterdir():
        f.unlink()
    tmp.rmdir()


if __name__ == "__main__":
    main()
