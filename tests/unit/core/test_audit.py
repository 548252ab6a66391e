from streams.core.audit import OutputRecord, RawInfo, reconcile


def test_everything_accounted_for() -> None:
    raws = [RawInfo(0, 0, 2), RawInfo(0, 1, None), RawInfo(1, 0, 1)]
    outs = [
        OutputRecord("r.europe", "region", 0, 0, 0, "u1"),
        OutputRecord("r.africa", "region", 0, 0, 0, "u1"),
        OutputRecord("dups", "duplicate", 0, 0, 1, "u2", duplicate_of="u1"),
        OutputRecord("dlq", "dead-letter", 0, 1),
        OutputRecord("r.asia", "region", 1, 0, 0, "u3"),
    ]
    report = reconcile(raws, outs)
    assert report.ok, report.summary()
    assert (report.routed_records, report.duplicate_records, report.dead_letters) == (3, 1, 1)


def test_gaps_and_doubles_are_listed() -> None:
    raws = [RawInfo(0, 0, 2), RawInfo(0, 1, None), RawInfo(0, 2, 1)]
    outs = [
        OutputRecord("r.europe", "region", 0, 0, 0, "u1"),
        OutputRecord("r.europe", "region", 0, 0, 0, "u1"),
        OutputRecord("r.europe", "region", 9, 9, 0, "ux"),
    ]
    report = reconcile(raws, outs)
    assert not report.ok
    assert report.missing == [(0, 0, 1), (0, 1, -1), (0, 2, 0)]
    assert report.doubled == {("r.europe", "u1", 0, 0, 0): 2}
    assert report.orphans == 1


def test_a_duplicate_of_a_story_never_routed_is_a_loss() -> None:
    raws = [RawInfo(0, 0, 1), RawInfo(0, 1, 1)]
    outs = [
        OutputRecord("dups", "duplicate", 0, 0, 0, "u1", duplicate_of="u1"),
        OutputRecord("dups", "duplicate", 0, 1, 0, "u2", duplicate_of="u1"),
    ]
    report = reconcile(raws, outs)
    assert report.missing == []
    assert report.unrouted_originals == ["u1"]
    assert not report.ok


def test_an_item_both_routed_and_recorded_as_duplicate_was_redone() -> None:
    raws = [RawInfo(0, 0, 1), RawInfo(0, 1, 1)]
    outs = [
        OutputRecord("r.europe", "region", 0, 0, 0, "u1"),
        OutputRecord("r.africa", "region", 0, 0, 0, "u1"),  # two regions: one output
        OutputRecord("dups", "duplicate", 0, 0, 0, "u1", duplicate_of="u1"),  # its replay
        OutputRecord("dups", "duplicate", 0, 1, 0, "u2", duplicate_of="u1"),  # a real repeat
    ]
    report = reconcile(raws, outs)
    assert report.ok  # nothing lost or doubled on a desk
    assert report.redone == {(0, 0, 0): 2}
    assert "redone=1" in report.summary()
