#!/bin/bash
# Every geo figure a helper may measure, in one table (issue #16, session 15): each tuned or
# dev geo_real_en file by `corpus_geo.py --file`, the tuned geo_real_xx files (since session
# 22), the corpus's dev part (English and
# multilingual), the own geo_dev set and the `geo_cv.py --unseen` halves. Untuned probes
# (a3, a4, a13, a24, a25, a34, xx_a7, xx_a9, xx_a47, a51+ but a53, xx_a54, a55, xx_a56, a57, a59, a60, a61, a62, a64, a65, a66, a67, a68, a70, a71, a72, a73, a74, a75, a76, a78, a79, a80, a82, a83, a84, a85, a86, a87, a88, a89, a90, a91, a92, a93 and a94; a26 and a27 were spent in
# session 16, a28 in session 17, a29, a30, a32 and a33 in session 18, a31 and a36 in session 19,
# a35, a8, a20 and a37 in session 20, a38, a39, a41, a42 and a44 in session 21, a40, a43, a45,
# a46, xx_a48, xx_a49 and xx_a50 in session 22, a53 (by hgeo53, whose writer read its misses
# after one untuned score), xx_a54, a55 (by hgeo55), xx_a56 (by hgeo56), a57 (by hgeo57) and a59 (by hgeo59),
# likewise, in session 24; a60 by hgeo60, a61 by hgeo61 and a62 by hgeo62, likewise, in session 25; a64 by hgeo64 and a65 by hgeo65, likewise, in session 26; a66 by hgeo66, a67 by hgeo67 and a68 by hgeo68, likewise, in session 27; a70 by hgeo70, a71 by hgeo71 and a72 by hgeo72, likewise, in session 28; a73 by hgeo73, a74 by hgeo74, a75 by hgeo75 and a76 by hgeo76, likewise, in session 29; a78 by hgeo78, a79 by hgeo79 and a80 by hgeo80, likewise, in session 30; a82 by hgeo82, a83 by hgeo83, a84 by hgeo84 and a85 by hgeo85, likewise, in session 31; a86 by hgeo86, a87 by hgeo87 and a88 by hgeo88, likewise, in session 32; a89 by hgeo89, a90 by hgeo90 and a91 by hgeo91, likewise, in session 33; a92 by hgeo92 and a93 by hgeo93, likewise, in session 34; a94 by hgeo99, likewise, in session 36; xx_a47 stays a probe) and the held-out part
# are NOT in it.
#   WIRE_CACHE=/tmp/NAME/cache bench/tools/geo_dev_table.sh
# GEO_AS=json feeds each row as its JSON line, with its source_url (corpus_geo.py --as json,
# session 17); the default feeds the text alone, as every earlier figure did.
set -e
cd "$(dirname "$0")/../.."
export PYTHONPATH=.
PY=.venv/bin/python
for n in 1 2 5 8 10 11 12 14 15 16 17 18 19 20 21 22 23 26 27 28 29 30 31 32 33 35 36 37 38 39 40 41 42 43 44 45 46 53 55 57 59 60 61 62 64 65 66 67 68 70 71 72 73 74 75 76 78 79 80 82 83 84 85 86 87 88 89 90 91 92 93 94; do
  $PY bench/corpus_geo.py --parts dev --sets "" --as "${GEO_AS:-text}" --file "bench/data/geo_real_en_a$n.jsonl" | tail -n +2
done
# The tuned non-English files (session 22: xx_a6, xx_a11, xx_a12, xx_a13, xx_a48 since
# hgeo36 spent it, xx_a49 since hgeo38 did, and xx_a50, whose misses the lead read; xx_a54 since
# hgeo54 scored it once untuned, session 24; xx_a56 since hgeo56 did, session 24).
for n in 6 11 12 13 48 49 50 54 56; do
  $PY bench/corpus_geo.py --parts dev --sets "" --as "${GEO_AS:-text}" --file "bench/data/geo_real_xx_a$n.jsonl" | tail -n +2
done
$PY bench/corpus_geo.py --parts dev --as "${GEO_AS:-text}" | tail -n +2
echo "--- geo_score (own geo_dev)"; $PY bench/geo_score.py --quiet | tail -4
echo "--- geo_cv --unseen"; $PY bench/geo_cv.py --unseen | tail -5
