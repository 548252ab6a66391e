import random

from bench.fuzz_pipeline import MAX_BYTES, UNITS, cases, mutate, seeds, with_run


def test_mutations_are_reproducible_from_the_seed_and_bounded() -> None:
    pool = [b"Harbour talks resume\n\nCAIRO (ANS) - Talks resumed.", b'{"uri": "a"}']
    first = [mutate(pool[0], random.Random(7), pool) for _ in range(3)]
    again = [mutate(pool[0], random.Random(7), pool) for _ in range(3)]
    assert first == again
    rng = random.Random(3)
    outs = [mutate(pool[k % 2], rng, pool) for k in range(300)]
    assert all(len(o) <= MAX_BYTES for o in outs)
    assert len({o for o in outs}) > 250  # the edits differ, not one shape over and over


def test_a_run_is_inserted_whole_at_the_offset() -> None:
    out = with_run(b"ab", " =", 1, size=10)
    assert out == b"a" + b" =" * 5 + b"b"


def test_runs_mode_covers_every_input_and_unit() -> None:
    pool = [b"one", b"two"]
    names = [name for name, _ in cases("runs", 1, 0, pool)]
    assert len(names) == len(pool) * len(UNITS)
    # Each names the files kept for it: two alike, the second overwrote the first's input.
    assert len(set(names)) == len(names)


def test_the_seed_inputs_are_our_fixtures() -> None:
    assert len(seeds()) >= 20  # tests/fixtures/wire: every format
