"""The worker's shell cost by component, from a py-spy ``--format raw`` profile.

Record the worker under load with py-spy from a separate venv (never the project's), for
example during the saturation phase of ``python -m bench --quick --systems wirestream``::

    py-spy record --pid PID --duration 30 --rate 200 --gil --nonblocking --threads \\
        --format raw -o worker.raw
    python bench/tools/shell_components.py worker.raw [--core-ms 0.75]

``--gil`` keeps only samples that hold the GIL: a thread waiting to take it back after a
socket write or a ``select`` otherwise counts as busy. Samples with a ``streams/core`` frame
are the pure core; every other sample goes to the first component whose frame it passes
through (``RULES``, checked in order); ``--core-ms`` scales each component to ms per story
by taking the core as that (the pure pipeline's CPU per story of the same tree).
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

CORE = "core: pure pipeline"
#: (component, a substring of a frame), checked in order; the first match wins.
RULES: tuple[tuple[str, str], ...] = (
    # The worker's dedup reads run under the core's overlay (streams/core/dedup/store.py),
    # and the pure pipeline's store is a dict: they are the shell's.
    ("dedup reads (TableStore.get, get_many)", "TableStore.get"),
    (CORE, "streams/core/"),
    ("statistics (Stats)", "streams/worker/stats.py"),
    ("dedup state write (TableStore.write)", "TableStore.write"),
    ("delivery: producer.send per record", "Deliverer.deliver"),
    ("producer request build and write", "Sender"),
    ("Faust sensors", "faust/sensors"),
    ("batching (take_batches)", "batching.py"),
    ("Faust stream and acks", "faust/streams.py"),
    ("Faust fetch loop", "faust/transport/"),
    ("Faust fetch loop", "streams/worker/drain.py"),
    ("seek epochs / replay guard", "streams/worker/replay.py"),
    ("agents, other", "streams/worker/agents.py"),
    ("aiokafka, other", "aiokafka/"),
)
CONSUMER_THREAD = "consumer thread (aiokafka fetch, decode)"
#: The agents' calls into the pipeline. The compiled core (mypyc, the Rust extension) has no
#: Python frames, so its samples end in these; what they call back in Python (a ``Counter``
#: method, the standard library's XML parser) is the core too, unless it is the shell's.
CORE_CALLS = ("Stages._parse ", "Stages._route ", "Stages._read ", "Stages._prefetch ")
#: Frames under a core call that are still the shell's (statistics, ledgers, Kafka clients).
SHELL_NEEDLES = ("streams/worker/", "faust/", "aiokafka/", "prometheus_client/", "mode/")


def _core_call(frames: list[str]) -> bool:
    """Does the sample end in one of :data:`CORE_CALLS` with nothing of the shell below it?"""
    for i in range(len(frames) - 1, 0, -1):
        if frames[i].startswith(CORE_CALLS):
            return not any(n in f for f in frames[i + 1 :] for n in SHELL_NEEDLES)
        if "streams/worker/" in frames[i]:
            return False
    return False


def component(frames: list[str]) -> str:
    """The component one sample's frames (root first, thread name first) belong to."""
    if "MainThread" in frames[0] and _core_call(frames):
        return CORE
    for name, needle in RULES:
        if any(needle in frame for frame in frames[1:]):
            if name != CORE and "MainThread" not in frames[0]:
                return CONSUMER_THREAD
            return name
    return "event loop, other" if "MainThread" in frames[0] else CONSUMER_THREAD


def tally(path: Path) -> Counter[str]:
    """Samples per component of a py-spy raw profile (``frame;frame;... count`` lines)."""
    counts: Counter[str] = Counter()
    for line in path.read_text("utf-8", "replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if stack and count.isdigit():
            counts[component(stack.split(";"))] += int(count)
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("profile", type=Path, nargs="+", help="py-spy raw profiles, side by side")
    parser.add_argument("--core-ms", type=float, default=0.75, help="pure CPU ms per story")
    args = parser.parse_args()
    tallies = [tally(p) for p in args.profile]
    names = sorted({n for t in tallies for n in t if n != CORE}, key=lambda n: -tallies[0][n])
    scale = [args.core_ms / max(1, t[CORE]) for t in tallies]
    for name in names:
        cells = "  ".join(f"{t[name] * s:6.3f}" for t, s in zip(tallies, scale, strict=True))
        print(f"{name:44s} {cells}")
    totals = [
        sum(v for n, v in t.items() if n != CORE) * s for t, s in zip(tallies, scale, strict=True)
    ]
    print(f"{'shell total (ms per story)':44s} " + "  ".join(f"{v:6.3f}" for v in totals))
    ratios = "  ".join(f"{(args.core_ms + v) / args.core_ms:6.2f}" for v in totals)
    print(f"{'ratio (core + shell) / core':44s} {ratios}")


if __name__ == "__main__":
    main()
