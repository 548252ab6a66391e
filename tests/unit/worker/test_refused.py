"""The refused-event ledger: remembered across restarts, and only for the same record."""

from pathlib import Path

from streams.errors import OutputRefused, OutputTooLarge
from streams.worker.refused import CrashLedger, RefusedLedger


def test_a_refused_event_is_remembered_across_restarts(tmp_path: Path) -> None:
    path = tmp_path / "worker" / "refused.tsv"
    ledger = RefusedLedger(path)
    ledger.add("wire.items", 0, 41, b"item", OutputTooLarge("over\tthe\nlimit"))
    ledger.add("wire.raw", 2, 7, b"raw", OutputRefused("invalid record"))
    again = RefusedLedger(path)  # a restarted worker
    assert len(again) == 2
    error = again.get("wire.items", 0, 41, b"item")
    assert isinstance(error, OutputTooLarge) and error.message == "over the limit"
    refused = again.get("wire.raw", 2, 7, b"raw")
    assert refused is not None and refused.reason == "output-refused"
    assert again.get("wire.raw", 2, 8, b"raw") is None


def test_another_record_at_a_remembered_offset_is_not_refused(tmp_path: Path) -> None:
    # A topic deleted and re-created reuses its offsets.
    ledger = RefusedLedger(tmp_path / "refused.tsv")
    ledger.add("wire.raw", 0, 3, b"the refused one", OutputTooLarge("too large"))
    assert RefusedLedger(tmp_path / "refused.tsv").get("wire.raw", 0, 3, b"another") is None


def test_the_crash_ledger_says_cheaply_which_positions_it_holds(tmp_path: Path) -> None:
    ledger = CrashLedger(tmp_path / "crashed.tsv")
    assert not ledger.holds("w.raw", 0, 5)
    ledger.add("w.raw", 0, 5, b"identity", alone=True)
    assert ledger.holds("w.raw", 0, 5) and not ledger.holds("w.raw", 1, 5)
    assert ledger.crashes("w.raw", 0, 5, b"identity") == 1
    assert ledger.crashes("w.raw", 0, 5, b"another record") is None  # held, other bytes
    assert CrashLedger(tmp_path / "crashed.tsv").holds("w.raw", 0, 5)  # across restarts
