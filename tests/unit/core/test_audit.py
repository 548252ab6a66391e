from streams.core.audit import OutputRecord, RawInfo, StateRecord, reconcile
from streams.core.dedup import story_id


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


def test_one_item_routed_under_two_uris_is_renamed_and_fails_the_audit() -> None:
    """At-least-once promises a redo repeats the item under the same uri, so a consumer can
    drop it; a redo that named the story anew could not be dropped."""
    raws = [RawInfo(0, 0, 1), RawInfo(0, 1, 1)]
    outs = [
        OutputRecord("r.europe", "region", 0, 0, 0, "u1"),
        OutputRecord("r.africa", "region", 0, 0, 0, "u1"),  # two regions: one uri
        OutputRecord("r.europe", "region", 0, 0, 0, "u1b"),  # the redo, renamed
        OutputRecord("r.europe", "region", 0, 1, 0, "u2"),
        OutputRecord("r.europe", "region", 0, 1, 0, "u2"),  # a redo as promised: doubled
    ]
    report = reconcile(raws, outs)
    assert report.renamed == {(0, 0, 0): ["u1", "u1b"]}
    assert report.doubled == {("r.europe", "u2", 0, 1, 0): 2}
    assert "renamed=1" in report.summary()
    assert not report.ok
    assert not reconcile(raws, outs[:2] + outs[3:]).renamed


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


def _routed(*uris: str) -> list[OutputRecord]:
    return [OutputRecord("r.europe", "region", 0, i, 0, uri) for i, uri in enumerate(uris)]


def _story(uri: str) -> StateRecord:
    return StateRecord("s:" + story_id(uri), uri)


def test_a_story_routed_with_no_dedup_record_is_routed_without_state() -> None:
    # u2 was routed in a committed transaction that carried no dedup record (the 2026-12-04
    # parse crash): a redo of it would be routed again instead of recorded as a duplicate.
    raws = [RawInfo(0, 0, 1), RawInfo(0, 1, 1), RawInfo(0, 2, 1)]
    outs = [
        *_routed("urn:a:u1", "urn:a:u2"),
        OutputRecord("dups", "duplicate", 0, 2, 0, "urn:a:u3", duplicate_of="urn:a:u1"),
    ]
    report = reconcile(raws, outs, [_story("urn:a:u1")])
    assert report.missing == [] and report.doubled == {}
    assert report.routed_without_state == ["urn:a:u2"]
    assert not report.ok
    assert "routed_without_state=1" in report.summary()


def test_an_evicted_story_was_written_and_a_duplicate_needs_no_state() -> None:
    # u1's record was deleted later (eviction: a tombstone after it); u3 is only a
    # duplicate record, which leaves no state; other keys (postings, older layouts) are noise.
    raws = [RawInfo(0, 0, 1), RawInfo(0, 1, 1)]
    outs = [
        *_routed("urn:a:u1"),
        OutputRecord("dups", "duplicate", 0, 1, 0, "urn:a:u3", duplicate_of="urn:a:u1"),
    ]
    state = [_story("urn:a:u1"), StateRecord("s:" + story_id("urn:a:u1")), StateRecord("x:1")]
    report = reconcile(raws, outs, state)
    assert report.routed_without_state == []
    assert report.ok, report.summary()


def test_a_tombstone_alone_or_another_uris_record_is_not_the_storys_state() -> None:
    raws = [RawInfo(0, 0, 1), RawInfo(0, 1, 1)]
    outs = _routed("urn:a:u1", "urn:a:u2")
    state = [
        StateRecord("s:" + story_id("urn:a:u1")),  # deleted, never written
        StateRecord("s:" + story_id("urn:a:u2"), "urn:a:other"),  # a 48-bit id collision
    ]
    report = reconcile(raws, outs, state)
    assert report.routed_without_state == ["urn:a:u1", "urn:a:u2"]


def test_without_the_changelog_nothing_is_checked() -> None:
    # At-least-once: the shell hands no state over (a kill between outputs and state is
    # allowed there), so the check neither runs nor shows.
    report = reconcile([RawInfo(0, 0, 1)], _routed("urn:a:u1"))
    assert report.ok
    assert not report.state_checked
    assert "routed_without_state" not in report.summary()


def _version(uri: str, version: int, offset: int) -> OutputRecord:
    return OutputRecord("r.europe", "region", 0, offset, 0, uri, version=version)


def test_a_later_version_routed_while_the_record_holds_an_earlier_one_is_named() -> None:
    # v1 was routed with its record; v2 (the agency's correction, same uri) was routed in a
    # transaction without state: a redo of v2 would be routed again as an update.
    uri = "urn:a:u1"
    raws = [RawInfo(0, 0, 1), RawInfo(0, 1, 1)]
    outs = [_version(uri, 1, 0), _version(uri, 2, 1)]
    state = [StateRecord("s:" + story_id(uri), uri, 1)]
    report = reconcile(raws, outs, state)
    assert report.routed_without_state == ["urn:a:u1@v2"]
    assert not report.ok


def test_a_record_that_has_seen_the_version_or_a_later_one_covers_it() -> None:
    # v3's record covers v2 and v3 (a kill may carry a lower version than a correction
    # seen before: the record keeps the highest); an eviction's tombstone after it is fine.
    uri = "urn:a:u1"
    key = "s:" + story_id(uri)
    raws = [RawInfo(0, i, 1) for i in range(3)]
    outs = [_version(uri, 1, 0), _version(uri, 3, 1), _version(uri, 2, 2)]
    state = [StateRecord(key, uri, 1), StateRecord(key, uri, 3), StateRecord(key)]
    report = reconcile(raws, outs, state)
    assert report.routed_without_state == []
    assert report.ok, report.summary()
