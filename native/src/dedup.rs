//! Compiled near-copy decision of `streams/core/dedup/deduper.py` (`Deduper._weigh`).
//!
//! One call weighs an item against all its candidate stories, as the Python loop does: the
//! Jaccard and containment estimate of the two bottom-k sketches (`sketch.overlap`), the facts
//! checks (`same_facts`, `facts_change`), the copy test (`Deduper._copy`), the teaser test,
//! the agreement keys and the namespaces, and the best duplicate, update and related story.
//! It returns the same choices with the same float scores, computed the same way (each a
//! ratio of two small integers, IEEE division, as Python's `int / int`).
//!
//! Every rule is written as the Python one is, not as what it means for well-formed sketches:
//! `bisect_left` on the values as they are, set intersections as distinct counts, so a sketch
//! that is not sorted gives the Python answer too. Any input the Python path would read
//! differently or fail on (a record that is not a dict, a key missing, a packed sketch that
//! is not canonical base64 of little-endian uint32s, a non-integer agreement key, a division
//! by zero) makes the call return `None`, and the caller runs the Python loop instead, which
//! then behaves exactly as before. Nothing here indexes input-derived data unchecked, so no
//! input can panic; should a bug panic all the same, the call returns `None` (`guarded`).
//! Arrays are read in this machine's byte order only (`buffer`).

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasher, Hasher, RandomState};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, Mutex};

use pyo3::buffer::{Element, PyBuffer, ReadOnlyCell};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};

/// `sketch._FULL`: no cut.
const FULL: u64 = 1 << 32;

/// The thresholds of `DedupConfig` the decision reads, as floats (integer ones compare the
/// same way: the counts they meet are far below 2^53).
struct Thresholds {
    duplicate_jaccard: f64,
    update_jaccard: f64,
    headline_jaccard: f64,
    related_containment: f64,
    teaser_containment: f64,
    copy_containment: f64,
    copy_samples: f64,
    duplicate_contained: f64,
    swapped_figures: f64,
    swapped_share: f64,
    many_figures: f64,
    many_share: f64,
    swapped_containment: f64,
    min_samples: f64,
}

/// The standard base64 alphabet's values; 0xFF for every other byte.
const fn b64_table() -> [u8; 256] {
    let mut t = [0xFFu8; 256];
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut i = 0;
    while i < 64 {
        t[alphabet[i] as usize] = i as u8;
        i += 1;
    }
    t
}
const B64: [u8; 256] = b64_table();

/// `PyBuffer::get`, but only for elements in this machine's byte order (`None` otherwise, and
/// the caller falls back): pyo3 0.27's format check, on a little-endian machine, takes a
/// `>` (big-endian) format for a native one and refuses `<`, so a byte-swapped numpy array
/// (`astype(">u4")`, whose values Python reads right) would be read with its bytes swapped.
fn buffer<T: Element>(obj: &Bound<'_, PyAny>) -> Option<PyBuffer<T>> {
    let buf = PyBuffer::<T>::get(obj).ok()?;
    let native = match buf.format().to_bytes().first() {
        Some(b'<') => cfg!(target_endian = "little"),
        Some(b'>' | b'!') => cfg!(target_endian = "big"),
        _ => true, // no prefix, `@` or `=`: native
    };
    native.then_some(buf)
}

/// `f()`, or `None` if it panics: the caller then runs the Python reference. pyo3 turns a
/// panic into `PanicException`, a `BaseException` the worker's `except Exception` does not
/// catch, so one would stop the worker (and again on the same record after a restart)
/// instead of dead-lettering or deciding it. Nothing here should panic; this makes sure.
fn guarded<T>(f: impl FnOnce() -> Option<T>) -> Option<T> {
    catch_unwind(AssertUnwindSafe(f)).ok().flatten()
}

/// `np.frombuffer(base64.b64decode(text), "<u4")` for a canonical base64 text (groups of
/// four, `=` padding only at the end, no other character); `None` for anything else.
fn unpack(text: &str) -> Option<Vec<u32>> {
    let s = text.as_bytes();
    if !s.len().is_multiple_of(4) {
        return None;
    }
    let pad = s.iter().rev().take_while(|&&b| b == b'=').count();
    if pad > 2 {
        return None;
    }
    let body = s.get(..s.len() - pad)?;
    let whole = body.len() / 4;
    let mut bytes: Vec<u8> = vec![0; whole * 3 + 2];
    let mut bad = 0u8;
    let mut groups = body.chunks_exact(4);
    for (g, out) in (&mut groups).zip(bytes.chunks_exact_mut(3)) {
        let [a, b, c, d] = [g[0], g[1], g[2], g[3]].map(|x| B64[x as usize]);
        bad |= a | b | c | d;
        let v = u32::from(a) << 18 | u32::from(b) << 12 | u32::from(c) << 6 | u32::from(d);
        // Byte by byte: a 3-byte `copy_from_slice` compiles to a `memcpy` call.
        if let [x, y, z] = out {
            *x = (v >> 16) as u8;
            *y = (v >> 8) as u8;
            *z = v as u8;
        }
    }
    bytes.truncate(whole * 3);
    // A padded last group: 2 or 3 characters, 1 or 2 bytes (leftover bits ignored, as
    // Python's decoder ignores them).
    let rest = groups.remainder();
    if !rest.is_empty() {
        let mut v = 0u32;
        for &x in rest {
            let x = B64[x as usize];
            bad |= x;
            v = v << 6 | u32::from(x);
        }
        v <<= 6 * (4 - rest.len()) as u32;
        let [_, x, y, _] = v.to_be_bytes();
        bytes.push(x);
        if rest.len() == 3 {
            bytes.push(y);
        }
    }
    if bad & 0x80 != 0 || !bytes.len().is_multiple_of(4) {
        return None;
    }
    Some(
        bytes
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect(),
    )
}

/// The standard base64 alphabet, by value.
const B64_ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// `binascii.b2a_base64(data, newline=False)`: standard base64, `=` padded.
///
/// Written into a buffer sized up front, a group of three bytes to four characters by index
/// (`& 63`: no bounds test); a `Vec` push a group and a checked look-up cost about as much as
/// `binascii` (some 9 k instructions a 128-hash sketch with the call).
fn b64_encode(data: &[u8]) -> String {
    let mut out: Vec<u8> = vec![b'='; data.len().div_ceil(3) * 4];
    let sym = |v: u32| B64_ALPHABET[(v & 63) as usize];
    let mut groups = data.chunks_exact(3);
    for (g, o) in (&mut groups).zip(out.chunks_exact_mut(4)) {
        if let ([a, b, c], [w, x, y, z]) = (g, o) {
            let v = u32::from(*a) << 16 | u32::from(*b) << 8 | u32::from(*c);
            (*w, *x, *y, *z) = (sym(v >> 18), sym(v >> 12), sym(v >> 6), sym(v));
        }
    }
    let rest = groups.remainder();
    if let Some(last) = out.rchunks_exact_mut(4).next() {
        match (rest, last) {
            ([a], [w, x, _, _]) => {
                let v = u32::from(*a) << 16;
                (*w, *x) = (sym(v >> 18), sym(v >> 12));
            }
            ([a, b], [w, x, y, _]) => {
                let v = u32::from(*a) << 16 | u32::from(*b) << 8;
                (*w, *x, *y) = (sym(v >> 18), sym(v >> 12), sym(v >> 6));
            }
            _ => {}
        }
    }
    // Only alphabet bytes and `=` were written: ASCII.
    String::from_utf8(out).unwrap_or_default()
}

/// `sketch.pack`: a uint32 array's values as little-endian bytes in base64 (what
/// `binascii.b2a_base64(values.astype("<u4"), newline=False)` gives), or `None` when the
/// array lends no C-contiguous buffer of native-order 4-byte values: the caller then
/// encodes it itself. `binascii` cost about 7.5 k instructions a 128-hash sketch (a
/// remembered story's two packs, 15 M per 1,000 items; bench/README.md, session 36).
#[pyfunction]
pub fn pack(values: &Bound<'_, PyAny>) -> Option<String> {
    guarded(|| {
        let buf = buffer::<u32>(values)?;
        let cells = buf.as_slice(values.py())?;
        let mut bytes: Vec<u8> = vec![0; cells.len() * 4];
        for (cell, o) in cells.iter().zip(bytes.chunks_exact_mut(4)) {
            o.copy_from_slice(&cell.get().to_le_bytes());
        }
        Some(b64_encode(&bytes))
    })
}

/// Python's `bisect.bisect_left`, step for step (so an unsorted list gives its answer too).
fn bisect_left(values: &[u32], x: u64) -> usize {
    let (mut lo, mut hi) = (0usize, values.len());
    while lo < hi {
        let mid = (lo + hi) / 2;
        if values.get(mid).is_some_and(|&v| u64::from(v) < x) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

fn increasing(values: &[u32]) -> bool {
    values.windows(2).all(|w| w[0] < w[1])
}

/// `len(set(a).intersection(b))`: the distinct values of `b` that `a` holds. `a_increasing`
/// and `b_increasing` say whether each is strictly increasing (then a merge counts them).
fn shared(a: &[u32], a_increasing: bool, b: &[u32], b_increasing: bool) -> usize {
    if a_increasing && b_increasing {
        return merged(a, b);
    }
    let set: HashSet<u32> = a.iter().copied().collect();
    let mut seen: HashSet<u32> = HashSet::new();
    b.iter()
        .filter(|v| set.contains(v) && seen.insert(**v))
        .count()
}

/// The values two strictly increasing slices share, by a merge without branches on the
/// values: each step advances the side(s) holding the smaller value. Two sketches' hashes
/// interleave at random, so a branch on `x < y` was mispredicted about every other step
/// (`shared` was 1.9% of the pure pipeline's time; bench/README.md, session 29).
fn merged(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0usize, 0usize, 0usize);
    while let (Some(&x), Some(&y)) = (a.get(i), b.get(j)) {
        n += usize::from(x == y);
        i += usize::from(x <= y);
        j += usize::from(y <= x);
    }
    n
}

/// `values[-1] + 1 if len(values) >= cap else _FULL` (`cap` is at least 1).
fn cut_of(values: &[u32], cap: usize) -> u64 {
    match values.last() {
        Some(&last) if values.len() >= cap => u64::from(last) + 1,
        _ => FULL,
    }
}

/// A stored story's sketch hashes and whether they are strictly increasing (always, for a
/// sketch this code wrote; tested once when decoded, not at every comparison).
struct Hashes {
    values: Vec<u32>,
    increasing: bool,
}

impl Hashes {
    fn new(values: Vec<u32>) -> Self {
        let increasing = increasing(&values);
        Hashes { values, increasing }
    }
}

/// `sketch.FactValues`: all values, the figures (even) and the fact words (odd).
struct FactSide {
    values: Vec<u32>,
    figures: Vec<u32>,
    words: Vec<u32>,
    increasing: bool,
}

impl FactSide {
    fn new(values: Vec<u32>) -> Self {
        let words: Vec<u32> = values.iter().copied().filter(|v| v & 1 == 1).collect();
        let figures: Vec<u32> = values.iter().copied().filter(|v| v & 1 == 0).collect();
        let increasing = increasing(&values);
        FactSide {
            values,
            figures,
            words,
            increasing,
        }
    }

    /// `sketch._facts_below`.
    fn below(&self, cut: u64) -> (&[u32], &[u32], &[u32]) {
        if cut >= FULL {
            return (&self.values, &self.figures, &self.words);
        }
        let part = |v: &[u32]| -> usize { bisect_left(v, cut) };
        (
            self.values.get(..part(&self.values)).unwrap_or(&[]),
            self.figures.get(..part(&self.figures)).unwrap_or(&[]),
            self.words.get(..part(&self.words)).unwrap_or(&[]),
        )
    }
}

/// `sketch.Overlap`.
struct Overlap {
    jaccard: f64,
    contained: f64,
    contains: f64,
    left: usize,
    right: usize,
}

/// `sketch.FactDelta`.
struct Delta {
    new_figures: i64,
    figure_share: f64,
    new_words: i64,
    lost_words: i64,
}

/// The item's side of every comparison.
struct Mine<'a> {
    hashes: &'a [u32],
    hashes_increasing: bool,
    facts: &'a FactSide,
}

/// `sketch.overlap`; `None` where Python divides by zero.
fn overlap(mine: &Mine<'_>, theirs: &Hashes, cap: usize) -> Option<Overlap> {
    let la = mine.hashes;
    let lb = &theirs.values;
    let cut = cut_of(la, cap).min(cut_of(lb, cap));
    let (mut na, mut nb) = (la.len(), lb.len());
    if cut < FULL {
        na = bisect_left(la, cut);
        nb = bisect_left(lb, cut);
    }
    if na == 0 || nb == 0 {
        return Some(Overlap {
            jaccard: 0.0,
            contained: 0.0,
            contains: 0.0,
            left: na,
            right: nb,
        });
    }
    let inter = shared(la, mine.hashes_increasing, &theirs.values, theirs.increasing) as i64;
    let union = na as i64 + nb as i64 - inter;
    if union == 0 {
        return None;
    }
    let inter_f = inter as f64;
    Some(Overlap {
        jaccard: inter_f / union as f64,
        contained: inter_f / na as f64,
        contains: inter_f / nb as f64,
        left: na,
        right: nb,
    })
}

/// `sketch.same_facts`.
fn same_facts(a: &FactSide, b: &FactSide, cap: usize) -> bool {
    let cut = cut_of(&a.values, cap).min(cut_of(&b.values, cap));
    let (ra, _, wa) = a.below(cut);
    let (rb, _, wb) = b.below(cut);
    if wa != wb {
        return false;
    }
    let inter = if rb.is_empty() {
        0
    } else {
        // A prefix of `b.values` (its order: `b.increasing`).
        shared(&a.values, a.increasing, rb, b.increasing)
    };
    inter == ra.len() || inter == rb.len()
}

/// `sketch.facts_change`.
fn facts_change(new: &FactSide, known: &FactSide, cap: usize) -> Delta {
    let cut = cut_of(&new.values, cap).min(cut_of(&known.values, cap));
    let (_, fnew, wnew) = new.below(cut);
    let (_, fknown, wknown) = known.below(cut);
    let count = |b: &[u32]| -> i64 {
        if b.is_empty() {
            0
        } else {
            // A prefix of `known`'s figures or words: in the order of its values.
            shared(&new.values, new.increasing, b, known.increasing) as i64
        }
    };
    let figures = count(fknown);
    let smaller = fnew.len().min(fknown.len());
    let words = count(wknown);
    Delta {
        new_figures: fnew.len() as i64 - figures,
        figure_share: if smaller > 0 {
            figures as f64 / smaller as f64
        } else {
            1.0
        },
        new_words: wnew.len() as i64 - words,
        lost_words: wknown.len() as i64 - words,
    }
}

/// `deduper._containment`.
fn containment(ov: &Overlap, least: f64) -> f64 {
    let mut best = 0.0;
    if ov.left as f64 >= least {
        best = ov.contained;
    }
    if ov.right as f64 >= least && ov.contains > best {
        best = ov.contains;
    }
    best
}

/// `max(ov.contained, ov.contains)`.
fn larger_share(ov: &Overlap) -> f64 {
    if ov.contains > ov.contained {
        ov.contains
    } else {
        ov.contained
    }
}

/// `identity.namespace_of`.
fn namespace_of<'a>(uri: &'a str, prefix: &str) -> Option<&'a str> {
    let rest = uri.strip_prefix(prefix)?;
    rest.split_once(':').map(|(ns, _)| ns)
}

/// `deduper._agreement`: 0 nothing agrees, 1 only the headline, 2 slug or story number.
fn agreement(mine: &[i64], theirs: &[i64]) -> u8 {
    let mut level = 0;
    for t in theirs {
        if mine.contains(t) {
            if t & 1 == 0 {
                return 2;
            }
            level = 1;
        }
    }
    level
}

/// A better candidate for one outcome: `best is None or score > best[0]`.
fn offer(best: &mut Option<(f64, usize)>, score: f64, at: usize) {
    if best.is_none_or(|(s, _)| score > s) {
        *best = Some((score, at));
    }
}

type Choice = Option<(f64, usize)>;

/// The near-copy decision over a list of candidate story records.
#[pyclass(frozen, module = "wirestream_native")]
pub struct NearDecider {
    t: Thresholds,
    prefix: String,
    cap: usize,
    facts_cap: usize,
    posting_cap: usize,
    ids: IdState,
    decoded: Mutex<Decoded>,
}

/// A record field as a string, or `None` (the caller falls back). `name` is an interned
/// Python string (`intern!`): a `&str` key is made into a new Python string, and hashed,
/// on every lookup (four a candidate).
fn field<'py>(
    record: &Bound<'py, PyDict>,
    name: &Bound<'py, PyString>,
) -> Option<Bound<'py, PyString>> {
    let value = record.get_item(name).ok()??;
    value.cast_into::<PyString>().ok()
}

/// The record's fact sketch, decoded when a rule first needs it.
fn facts_of<'a>(
    slot: &'a mut Option<Arc<FactSide>>,
    record: &Bound<'_, PyDict>,
    cache: &mut Option<std::sync::MutexGuard<'_, Decoded>>,
) -> Option<&'a FactSide> {
    if slot.is_none() {
        let text = field(record, pyo3::intern!(record.py(), "d"))?;
        *slot = Some(match cache.as_deref_mut() {
            Some(cache) => cache.facts(&text)?,
            None => Arc::new(FactSide::new(unpack(text.to_str().ok()?)?)),
        });
    }
    slot.as_deref()
}

/// The record's sketch hashes (`record["k"]`), decoded or from the cache.
fn sketch_of(
    record: &Bound<'_, PyDict>,
    cache: &mut Option<std::sync::MutexGuard<'_, Decoded>>,
) -> Option<Arc<Hashes>> {
    let text = field(record, pyo3::intern!(record.py(), "k"))?;
    match cache.as_deref_mut() {
        Some(cache) => cache.sketch(&text),
        None => Some(Arc::new(Hashes::new(unpack(text.to_str().ok()?)?))),
    }
}

/// Packed texts decoded at most this many at a time (sketches and fact sketches each; about
/// 1.2 KB a sketch: 5 MB at most), then forgotten all at once, as `Deduper._memo` is.
const DECODED_AT: usize = 4096;

/// Stored stories' packed fields decoded, by their text: a story is a candidate of many later
/// items (recent stories sharing stock phrases), and decoding its 684 base64 characters cost
/// about 5 k instructions each time, a third of `weigh` (bench/README.md, session 27). Keyed
/// by the text itself, not the Python object, so a store that reads records anew (RocksDB)
/// is served too; a text that does not decode is not kept (the call falls back as before).
///
/// In front of that, the same by the string object (`Known`): a store that keeps its records
/// (the memory store, a batch's overlay) hands the very same object again, found by its
/// address without hashing and comparing its 684 characters, cold in memory by then (the
/// hash and `memcmp` were about 0.8% of the pure pipeline's time; bench/README.md, session
/// 30). The entry holds a reference to the object, so no other object can take its address
/// while it is kept, and a Python string never changes.
struct Decoded {
    sketches: HashMap<Box<[u8]>, Arc<Hashes>, TextState>,
    facts: HashMap<Box<[u8]>, Arc<FactSide>, TextState>,
    sketch_objects: HashMap<u64, Known<Hashes>, IdState>,
    fact_objects: HashMap<u64, Known<FactSide>, IdState>,
}

/// A decoded value by the string object it was decoded from, with a reference to that object.
struct Known<T> {
    _text: Py<PyString>,
    value: Arc<T>,
}

/// The map key of a string object: its address.
fn address(text: &Bound<'_, PyString>) -> u64 {
    text.as_ptr() as usize as u64
}

impl Decoded {
    fn new(seed: u64) -> Self {
        Decoded {
            sketches: HashMap::with_hasher(TextState(seed)),
            facts: HashMap::with_hasher(TextState(seed)),
            sketch_objects: HashMap::with_hasher(IdState(seed ^ 0x9E37_79B9_7F4A_7C15)),
            fact_objects: HashMap::with_hasher(IdState(seed ^ 0xC2B2_AE3D_27D4_EB4F)),
        }
    }

    fn sketch(&mut self, object: &Bound<'_, PyString>) -> Option<Arc<Hashes>> {
        let at = address(object);
        if let Some(known) = self.sketch_objects.get(&at) {
            return Some(Arc::clone(&known.value));
        }
        let text = object.to_str().ok()?;
        let values = match self.sketches.get(text.as_bytes()) {
            Some(hit) => Arc::clone(hit),
            None => {
                let values = Arc::new(Hashes::new(unpack(text)?));
                if self.sketches.len() >= DECODED_AT {
                    self.sketches.clear();
                }
                self.sketches
                    .insert(text.as_bytes().into(), Arc::clone(&values));
                values
            }
        };
        if self.sketch_objects.len() >= DECODED_AT {
            self.sketch_objects.clear();
        }
        self.sketch_objects.insert(
            at,
            Known {
                _text: object.clone().unbind(),
                value: Arc::clone(&values),
            },
        );
        Some(values)
    }

    fn facts(&mut self, object: &Bound<'_, PyString>) -> Option<Arc<FactSide>> {
        let at = address(object);
        if let Some(known) = self.fact_objects.get(&at) {
            return Some(Arc::clone(&known.value));
        }
        let text = object.to_str().ok()?;
        let side = match self.facts.get(text.as_bytes()) {
            Some(hit) => Arc::clone(hit),
            None => {
                let side = Arc::new(FactSide::new(unpack(text)?));
                if self.facts.len() >= DECODED_AT {
                    self.facts.clear();
                }
                self.facts.insert(text.as_bytes().into(), Arc::clone(&side));
                side
            }
        };
        if self.fact_objects.len() >= DECODED_AT {
            self.fact_objects.clear();
        }
        self.fact_objects.insert(
            at,
            Known {
                _text: object.clone().unbind(),
                value: Arc::clone(&side),
            },
        );
        Some(side)
    }
}

/// A keyed word-at-a-time hash of the packed texts (SipHash would cost a quarter of the
/// decoding it saves), its seed drawn once per decider, as `IdState`'s is.
#[derive(Clone, Copy)]
struct TextState(u64);

impl BuildHasher for TextState {
    type Hasher = TextHasher;
    fn build_hasher(&self) -> TextHasher {
        TextHasher(self.0)
    }
}

struct TextHasher(u64);

impl Hasher for TextHasher {
    fn finish(&self) -> u64 {
        let x = self.0.wrapping_mul(0xBF58476D1CE4E5B9);
        x ^ (x >> 31)
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = self.0;
        let mut words = bytes.chunks_exact(8);
        for word in &mut words {
            let mut w = [0u8; 8];
            w.copy_from_slice(word);
            h = (h ^ u64::from_le_bytes(w))
                .wrapping_mul(0x9E3779B97F4A7C15)
                .rotate_left(29);
        }
        for &b in words.remainder() {
            h = (h ^ u64::from(b)).wrapping_mul(0x100000001b3);
        }
        self.0 = h;
    }
}

/// The story ids posted under `key`: the sorted arrays' run of `key` (less removed entries),
/// then the recent postings (`StoryIndex.members`).
fn members(
    keys: &[ReadOnlyCell<u32>],
    ids: &[ReadOnlyCell<u64>],
    dead: bool,
    recent: &Bound<'_, PyDict>,
    key: u32,
) -> Option<Vec<u64>> {
    let lo = keys.partition_point(|k| k.get() < key);
    let hi = keys.partition_point(|k| k.get() <= key);
    let mut out: Vec<u64> = ids
        .get(lo..hi.max(lo))?
        .iter()
        .map(ReadOnlyCell::get)
        .filter(|&sid| !dead || sid != DEAD)
        .collect();
    if let Some(more) = recent.get_item(key).ok()? {
        match buffer::<u64>(&more) {
            // Read in place: `to_vec` copied the ids out first (an allocation and a copy of
            // every recent list looked up; bench/README.md, session 36).
            Some(buf) => out.extend(buf.as_slice(recent.py())?.iter().map(ReadOnlyCell::get)),
            // An empty `array('Q')` lends a 1-byte-aligned buffer that pyo3 refuses for u64;
            // it adds nothing, as Python's `if more:` skips it.
            None if more.len().ok()? == 0 => {}
            None => return None,
        }
    }
    Some(out)
}

/// How story `sid` stands in the list of `key` (as `members` reads it): whether the list
/// holds it, and how many stories it holds. `None` when the recent postings are not what
/// the index keeps.
fn list_state(
    keys: &[ReadOnlyCell<u32>],
    ids: &[ReadOnlyCell<u64>],
    dead: bool,
    recent: &Bound<'_, PyDict>,
    key: u32,
    sid: u64,
) -> Option<(bool, usize)> {
    let lo = keys.partition_point(|k| k.get() < key);
    let hi = keys.partition_point(|k| k.get() <= key);
    let (mut has, mut n) = (false, 0usize);
    for cell in ids.get(lo..hi.max(lo))? {
        let id = cell.get();
        if !dead || id != DEAD {
            n += 1;
            has |= id == sid;
        }
    }
    if let Some(more) = recent.get_item(key).ok()? {
        match buffer::<u64>(&more) {
            Some(buf) => {
                for cell in buf.as_slice(recent.py())? {
                    n += 1;
                    has |= cell.get() == sid;
                }
            }
            None if more.len().ok()? == 0 => {}
            None => return None,
        }
    }
    Some((has, n))
}

/// A multiplicative hash for story ids (SipHash cost most of the count), keyed by a seed
/// drawn once per decider, with the product's high half folded into the low bits hashbrown
/// takes its bucket from. Unfolded and unkeyed, ids alike in bits 0-19 and 29-48 all fell in
/// one bucket: at the default posting cap (at most 16 x 15 ids a count) that cost little,
/// but a count over larger lists went quadratic (`test_native_decide.py`, colliding ids).
/// The seed never changes a result: ids are counted in first-seen order, not map order.
#[derive(Clone, Copy)]
struct IdState(u64);

impl BuildHasher for IdState {
    type Hasher = IdHasher;
    fn build_hasher(&self) -> IdHasher {
        IdHasher(self.0)
    }
}

struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x100000001b3);
        }
    }
    fn write_u64(&mut self, value: u64) {
        let x = (value ^ self.0).wrapping_mul(0x9E3779B97F4A7C15);
        self.0 = x ^ (x >> 32);
    }
}

/// Story ids as `sid_str` writes them (12 hex digits, more past 48 bits).
fn hex(sids: Vec<u64>) -> Vec<String> {
    sids.into_iter().map(|sid| format!("{sid:012x}")).collect()
}

/// `StoryIndex`'s mark of a removed entry.
const DEAD: u64 = u64::MAX;

#[pymethods]
impl NearDecider {
    /// Whether a decoded pack is kept by its string object too (`Decoded`): what a test
    /// of that asks of the extension it runs with.
    #[classattr]
    const DECODED_BY_OBJECT: bool = true;

    #[new]
    fn new(
        prefix: String,
        cap: usize,
        facts_cap: usize,
        posting_cap: usize,
        thresholds: Vec<f64>,
    ) -> PyResult<Self> {
        let [duplicate_jaccard, update_jaccard, headline_jaccard, related_containment, teaser_containment, copy_containment, copy_samples, duplicate_contained, swapped_figures, swapped_share, many_figures, many_share, swapped_containment, min_samples] =
            thresholds[..]
        else {
            return Err(PyValueError::new_err("14 thresholds expected"));
        };
        if cap == 0 || facts_cap == 0 {
            return Err(PyValueError::new_err("sketch sizes must be at least 1"));
        }
        Ok(NearDecider {
            t: Thresholds {
                duplicate_jaccard,
                update_jaccard,
                headline_jaccard,
                related_containment,
                teaser_containment,
                copy_containment,
                copy_samples,
                duplicate_contained,
                swapped_figures,
                swapped_share,
                many_figures,
                many_share,
                swapped_containment,
                min_samples,
            },
            prefix,
            cap,
            facts_cap,
            posting_cap,
            ids: IdState(RandomState::new().hash_one(0u64)),
            decoded: Mutex::new(Decoded::new(RandomState::new().hash_one(1u64))),
        })
    }

    /// `Deduper._count_candidates` over the index's arrays (`StoryIndex.postings`): the
    /// story ids (as 12-digit hex) sharing the most query keys, then at most `max_single`
    /// sharing one posted key; `None` when an array is not what the index keeps.
    #[allow(clippy::too_many_arguments)]
    fn candidates(
        &self,
        keys: &Bound<'_, PyAny>,
        ids: &Bound<'_, PyAny>,
        dead: bool,
        recent: &Bound<'_, PyDict>,
        query: &Bound<'_, PyAny>,
        own: u64,
        posted: usize,
        max_single: usize,
        max_candidates: usize,
    ) -> Option<Vec<String>> {
        guarded(|| {
            let found = self.lists(keys, ids, dead, recent, query)?;
            Some(hex(self.choose(
                &found,
                own,
                posted,
                max_single,
                max_candidates,
            )))
        })
    }

    /// `Deduper._count_flooded` over the same arrays: the story ids (as 12-digit hex) sharing
    /// at least `least` query keys, full lists counted too, most shared first, at most `most`
    /// of them, none of `skip` (nor `own`); empty unless a list is full. `None` when an array
    /// is not what the index keeps.
    #[allow(clippy::too_many_arguments)]
    fn flooded(
        &self,
        keys: &Bound<'_, PyAny>,
        ids: &Bound<'_, PyAny>,
        dead: bool,
        recent: &Bound<'_, PyDict>,
        query: &Bound<'_, PyAny>,
        own: u64,
        skip: Vec<u64>,
        least: usize,
        most: usize,
    ) -> Option<Vec<String>> {
        guarded(|| {
            let found = self.lists(keys, ids, dead, recent, query)?;
            Some(hex(self.flood(&found, own, &skip, least, most)))
        })
    }

    /// `candidates` and `flooded` (less those candidates) from one lookup of the lists, as
    /// `(candidates, flooded)`; `flooded` is empty when `least` or `most` is 0.
    #[allow(clippy::too_many_arguments)]
    fn lookup(
        &self,
        keys: &Bound<'_, PyAny>,
        ids: &Bound<'_, PyAny>,
        dead: bool,
        recent: &Bound<'_, PyDict>,
        query: &Bound<'_, PyAny>,
        own: u64,
        posted: usize,
        max_single: usize,
        max_candidates: usize,
        least: usize,
        most: usize,
    ) -> Option<(Vec<String>, Vec<String>)> {
        guarded(|| {
            let found = self.lists(keys, ids, dead, recent, query)?;
            let chosen = self.choose(&found, own, posted, max_single, max_candidates);
            let flooded = if least > 0 && most > 0 {
                self.flood(&found, own, &chosen, least, most)
            } else {
                Vec::new()
            };
            Some((hex(chosen), hex(flooded)))
        })
    }

    /// `StoryIndex.post_open`'s reading of the posting lists for story `sid` and its query
    /// keys `query` (a sketch's: strictly increasing, at most 63), in the same two steps: its
    /// first `width` lists unless every one of them is closed to it (holds `cap` stories,
    /// not it), else the first `width` open ones among the others. Returns `(post, mask)` as
    /// bit masks of positions in `query`: the lists to append `sid` to (open, not holding it)
    /// and the `POSTED` mask `post_open` returns. Each list is only counted, never copied
    /// out as the Python reading (`members_of`) must. `None` when an array is not what the
    /// index keeps or `query` is not a sketch's: `post_open` then reads the lists itself.
    #[allow(clippy::too_many_arguments)]
    fn post_plan(
        &self,
        keys: &Bound<'_, PyAny>,
        ids: &Bound<'_, PyAny>,
        dead: bool,
        recent: &Bound<'_, PyDict>,
        query: &Bound<'_, PyAny>,
        sid: u64,
        width: usize,
        cap: usize,
    ) -> Option<(u64, u64)> {
        guarded(|| {
            let py = keys.py();
            let keys = buffer::<u32>(keys)?;
            let ids = buffer::<u64>(ids)?;
            let (keys, ids) = (keys.as_slice(py)?, ids.as_slice(py)?);
            let query = buffer::<u32>(query)?.to_vec(py).ok()?;
            if query.len() >= 64 || !increasing(&query) {
                return None;
            }
            let first = width.min(query.len());
            let mut states: Vec<(bool, usize)> = Vec::with_capacity(first);
            for &key in query.iter().take(first) {
                states.push(list_state(keys, ids, dead, recent, key, sid)?);
            }
            if states.iter().any(|&(has, n)| has || n < cap) {
                let mut post = 0u64;
                for (i, &(has, n)) in states.iter().enumerate() {
                    if !has && n < cap {
                        post |= 1 << i;
                    }
                }
                return Some((post, (1u64 << first) - 1));
            }
            let (mut post, mut mask, mut taken) = (0u64, 0u64, 0usize);
            for (i, &key) in query.iter().enumerate().skip(first) {
                if taken == width {
                    break;
                }
                let (has, n) = list_state(keys, ids, dead, recent, key, sid)?;
                if has || n < cap {
                    if !has {
                        post |= 1 << i;
                    }
                    mask |= 1 << i;
                    taken += 1;
                }
            }
            Some((post, mask))
        })
    }

    /// `((score, i) | None)` for the duplicate, the update and the related story (`i`: the
    /// record's position in `records`), or `None` when the Python loop must decide.
    #[allow(clippy::too_many_arguments)]
    fn weigh(
        &self,
        mins: &Bound<'_, PyAny>,
        facts: &Bound<'_, PyAny>,
        agreement_keys: &Bound<'_, PyAny>,
        namespace: Option<Bound<'_, PyString>>,
        canceled: bool,
        revises: bool,
        records: &Bound<'_, PyList>,
    ) -> Option<(Choice, Choice, Choice)> {
        guarded(|| {
            // A namespace Rust cannot read as UTF-8 (a lone surrogate): Python decides.
            let namespace = match &namespace {
                Some(text) => Some(text.to_str().ok()?),
                None => None,
            };
            self.decide(
                mins,
                facts,
                agreement_keys,
                namespace,
                canceled,
                revises,
                records,
            )
        })
    }
}

impl NearDecider {
    /// The story ids posted under each query key (`StoryIndex.members_of`), or `None` when
    /// an array is not what the index keeps.
    fn lists(
        &self,
        keys: &Bound<'_, PyAny>,
        ids: &Bound<'_, PyAny>,
        dead: bool,
        recent: &Bound<'_, PyDict>,
        query: &Bound<'_, PyAny>,
    ) -> Option<Vec<Vec<u64>>> {
        let py = keys.py();
        let keys = buffer::<u32>(keys)?;
        let ids = buffer::<u64>(ids)?;
        // Views of the arrays, not copies (a long-running index holds millions of entries).
        let (keys, ids) = (keys.as_slice(py)?, ids.as_slice(py)?);
        let query = buffer::<u32>(query)?.to_vec(py).ok()?;
        let mut lists: Vec<Vec<u64>> = Vec::with_capacity(query.len());
        for &key in &query {
            lists.push(members(keys, ids, dead, recent, key)?);
        }
        Some(lists)
    }

    /// Story ids counted over `lists` in first-seen order, as `Counter` counts. The table is
    /// sized for every id up front: grown insert by insert, its rehashes were a third of the
    /// count (bench/README.md, session 29).
    fn tally<'a>(&self, lists: impl Iterator<Item = &'a Vec<u64>> + Clone) -> Vec<(u64, usize)> {
        let total: usize = lists.clone().map(Vec::len).sum();
        let mut order: Vec<(u64, usize)> = Vec::with_capacity(total);
        let mut at: HashMap<u64, usize, IdState> =
            HashMap::with_capacity_and_hasher(total, self.ids);
        for &sid in lists.flatten() {
            match at.entry(sid) {
                Entry::Occupied(seen) => {
                    if let Some(slot) = order.get_mut(*seen.get()) {
                        slot.1 += 1;
                    }
                }
                Entry::Vacant(new) => {
                    new.insert(order.len());
                    order.push((sid, 1));
                }
            }
        }
        order
    }

    /// `candidates` over the lists: `Deduper._count_candidates`.
    fn choose(
        &self,
        found: &[Vec<u64>],
        own: u64,
        posted: usize,
        max_single: usize,
        max_candidates: usize,
    ) -> Vec<u64> {
        let cap = self.posting_cap;
        let lists: Vec<Option<&Vec<u64>>> = found
            .iter()
            .map(|ids| (!ids.is_empty() && ids.len() < cap).then_some(ids))
            .collect();
        let order = self.tally(lists.iter().flatten().copied());
        let shared: Vec<(u64, usize)> = order.into_iter().filter(|&(sid, _)| sid != own).collect();
        let mut strong: Vec<(u64, usize)> =
            shared.iter().copied().filter(|&(_, n)| n > 1).collect();
        // Stable, as Python's sort(reverse=True): equal counts keep first-seen order.
        strong.sort_by_key(|&(_, n)| std::cmp::Reverse(n));
        let mut chosen: Vec<u64> = strong.iter().map(|&(sid, _)| sid).collect();
        if strong.len() < shared.len() {
            let size: usize = lists.iter().take(posted).flatten().map(|ids| ids.len()).sum();
            let mut first: HashSet<u64, IdState> = HashSet::with_capacity_and_hasher(size, self.ids);
            first.extend(
                lists
                    .iter()
                    .take(posted)
                    .flatten()
                    .copied()
                    .flatten()
                    .copied(),
            );
            chosen.extend(
                shared
                    .iter()
                    .filter(|&&(sid, n)| n == 1 && first.contains(&sid))
                    .map(|&(sid, _)| sid)
                    .take(max_single),
            );
        }
        chosen.truncate(max_candidates);
        chosen
    }

    /// `flooded` over the lists: `Deduper._count_flooded`.
    fn flood(
        &self,
        found: &[Vec<u64>],
        own: u64,
        skip: &[u64],
        least: usize,
        most: usize,
    ) -> Vec<u64> {
        if !found.iter().any(|ids| ids.len() >= self.posting_cap) {
            return Vec::new();
        }
        let mut left_out: HashSet<u64, IdState> =
            HashSet::with_capacity_and_hasher(skip.len() + 1, self.ids);
        left_out.extend(skip.iter().copied());
        left_out.insert(own);
        let mut picked: Vec<(u64, usize)> = self
            .tally(found.iter())
            .into_iter()
            .filter(|&(sid, n)| n >= least && !left_out.contains(&sid))
            .collect();
        // Stable, as Python's sort(reverse=True): equal counts keep first-seen order.
        picked.sort_by_key(|&(_, n)| std::cmp::Reverse(n));
        picked.into_iter().take(most).map(|(sid, _)| sid).collect()
    }

    /// `weigh`, unguarded.
    #[allow(clippy::too_many_arguments)]
    fn decide(
        &self,
        mins: &Bound<'_, PyAny>,
        facts: &Bound<'_, PyAny>,
        agreement_keys: &Bound<'_, PyAny>,
        namespace: Option<&str>,
        canceled: bool,
        revises: bool,
        records: &Bound<'_, PyList>,
    ) -> Option<(Choice, Choice, Choice)> {
        let py = mins.py();
        let hashes = buffer::<u32>(mins)?.to_vec(py).ok()?;
        let my_facts = FactSide::new(buffer::<u32>(facts)?.to_vec(py).ok()?);
        let agree: Vec<i64> = agreement_keys.extract().ok()?;
        let mine = Mine {
            hashes_increasing: increasing(&hashes),
            hashes: &hashes,
            facts: &my_facts,
        };
        let t = &self.t;
        let mut duplicate: Choice = None;
        let mut update: Choice = None;
        let mut related: Choice = None;
        // Held for the call (nothing in it runs Python code that could call back in); taken
        // or poisoned (a panic in an earlier call): decoded afresh, as before the cache.
        let mut cache = self.decoded.try_lock().ok();
        for (at, record) in records.iter().enumerate() {
            let record = record.cast_into::<PyDict>().ok()?;
            let theirs = sketch_of(&record, &mut cache)?;
            let ov = overlap(&mine, &theirs, self.cap)?;
            let uri = field(&record, pyo3::intern!(py, "u"))?;
            let uri = uri.to_str().ok()?;
            let same_source = || namespace_of(uri, &self.prefix) == namespace;
            // Read once, when a rule first needs it, as the Python path reads `record["d"]`.
            let mut their_facts: Option<Arc<FactSide>> = None;
            if ov.jaccard >= t.duplicate_jaccard
                && !canceled
                && same_facts(
                    mine.facts,
                    facts_of(&mut their_facts, &record, &mut cache)?,
                    self.facts_cap,
                )
            {
                offer(&mut duplicate, ov.jaccard, at);
                continue;
            }
            // `Deduper._copy`.
            let share = containment(&ov, t.copy_samples);
            let mut copy: Option<bool> = None; // Some(true): duplicate, Some(false): update
            if share >= t.copy_containment {
                let change = facts_change(
                    mine.facts,
                    facts_of(&mut their_facts, &record, &mut cache)?,
                    self.facts_cap,
                );
                let swapped = change.new_figures as f64 >= t.swapped_figures
                    && (change.figure_share < t.swapped_share
                        || (change.new_figures as f64 >= t.many_figures
                            && change.figure_share < t.many_share));
                if !(swapped && share < t.swapped_containment) {
                    let whole = ov.contains >= t.teaser_containment;
                    let adds = change.new_figures > 0 || change.new_words > 0;
                    copy = Some(
                        ov.left as f64 >= t.copy_samples
                            && ov.contained >= t.duplicate_contained
                            && !adds
                            && !(whole && change.lost_words != 0),
                    );
                }
            }
            if let Some(is_duplicate) = copy {
                let own_revision = revises && same_source();
                if is_duplicate && !canceled && !own_revision {
                    offer(&mut duplicate, ov.contained, at);
                } else if canceled && !same_source() {
                    offer(&mut related, larger_share(&ov), at);
                } else {
                    offer(&mut update, larger_share(&ov), at);
                }
                continue;
            }
            let teaser = ov.left as f64 >= t.min_samples
                && ov.contained >= t.teaser_containment
                && ov.contains < t.teaser_containment;
            if ov.jaccard >= t.update_jaccard && same_source() && !teaser {
                let theirs_agree: Vec<i64> =
                    record.get_item(pyo3::intern!(py, "a")).ok()??.extract().ok()?;
                let level = agreement(&agree, &theirs_agree);
                if level == 2 || (level == 1 && ov.jaccard >= t.headline_jaccard) {
                    offer(&mut update, ov.jaccard, at);
                    continue;
                }
            }
            let share = containment(&ov, t.copy_samples);
            if share >= t.related_containment {
                offer(&mut related, share, at);
            }
        }
        Some((duplicate, update, related))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn b64_encode_is_binascii_and_unpack_reads_it_back() {
        assert_eq!(b64_encode(b""), "");
        assert_eq!(b64_encode(b"f"), "Zg==");
        assert_eq!(b64_encode(b"fo"), "Zm8=");
        assert_eq!(b64_encode(b"foo"), "Zm9v");
        assert_eq!(b64_encode(&[0xFB, 0xFF, 0xBF]), "+/+/");
        for n in 0..40u32 {
            let values: Vec<u32> = (0..n).map(|i| i.wrapping_mul(2_654_435_761)).collect();
            let bytes: Vec<u8> = values.iter().flat_map(|v| v.to_le_bytes()).collect();
            assert_eq!(unpack(&b64_encode(&bytes)), Some(values));
        }
    }

    #[test]
    fn unpack_reads_canonical_base64_only() {
        // What `np.frombuffer(base64.b64decode(s), "<u4")` gives, or an error (None here).
        assert_eq!(unpack(""), Some(vec![]));
        assert_eq!(unpack("AQAAAAIAAAA="), Some(vec![1, 2]));
        assert_eq!(unpack("AQAAAA=="), Some(vec![1]));
        assert_eq!(unpack("AQAAAP////8="), Some(vec![1, u32::MAX]));
        assert_eq!(unpack("/////wIAAAA="), Some(vec![u32::MAX, 2]));
        assert_eq!(unpack("AQAAAP////8A"), None); // 9 bytes
        assert_eq!(unpack("AQAAAAIAAAA"), None); // incorrect padding
        assert_eq!(unpack("AQ=A"), None);
        assert_eq!(unpack("AQAAAA=A"), None);
        assert_eq!(unpack("A==="), None);
        assert_eq!(unpack("AQAA AA="), None); // Python drops the space; left to Python
    }

    #[test]
    fn a_panic_is_a_fallback_not_an_exception() {
        assert_eq!(guarded(|| Some(3)), Some(3));
        assert_eq!(guarded(|| -> Option<u8> { panic!("a bug") }), None);
    }

    #[test]
    fn ids_alike_in_the_low_bits_spread_over_buckets() {
        // Bits 0-19 equal to bits 29-48: the unkeyed, unfolded hash put all 512 in bucket 0.
        let state = IdState(RandomState::new().hash_one(0u64));
        let buckets: HashSet<u64> = (0u64..512)
            .map(|b| (1 << 29) | (b << 20) | 1)
            .map(|v| state.hash_one(v) & 511)
            .collect();
        assert!(buckets.len() > 256, "{} buckets of 512", buckets.len());
    }

    #[test]
    fn bisect_is_pythons() {
        assert_eq!(bisect_left(&[1, 3, 3, 5], 3), 1);
        assert_eq!(bisect_left(&[1, 3, 3, 5], 6), 4);
        assert_eq!(bisect_left(&[], 6), 0);
    }
}
