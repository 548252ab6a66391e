from bench.pure_perf import parse_report

REPORT = """# To display the perf.data header info, please use --header/--header-only options.
#
# Samples: 7K of event 'cpu-clock'
# Overhead  Symbol
# ........  ......
#
     8.46%  [.] aho_corasick::automaton::try_find_overlapping_fwd
     2.71%  [.] _PyObject_Malloc
     0.72%  [k] clear_page_erms
    46.10%  libpython3.11.so.1.0
"""


def test_rows_keep_order_and_drop_the_header() -> None:
    assert parse_report(REPORT) == [
        (8.46, "aho_corasick::automaton::try_find_overlapping_fwd"),
        (2.71, "_PyObject_Malloc"),
        (0.72, "clear_page_erms"),
        (46.10, "libpython3.11.so.1.0"),
    ]


def test_no_rows_in_an_empty_report() -> None:
    assert parse_report("# nothing sampled\n") == []
