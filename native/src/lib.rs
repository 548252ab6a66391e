//! Compiled hot spots of Wirestream's pure core: the dedup sketch
//! (`streams/core/dedup/sketch.py`, here), the near-copy decision (`dedup.rs`), the
//! gazetteer scan (`geo.rs`), and `text.clean`'s whitespace pass and a multi-substring test
//! (`text.rs`).
//!
//! Every function returns exactly what the Python reference returns for the same input: the
//! same words, the same CRC-32 per word, the same shingle mixing, the same sorted distinct
//! bottom-k, the same facts and digest. The Python side stays the reference and the fallback;
//! `tests/unit/core/dedup/test_native.py` holds the two to each other.
//!
//! Contract with the caller: the text is already furniture-stripped and, when not ASCII,
//! case folded (`str.casefold`, done in Python so the Unicode tables are Python's own).
//! Nothing here indexes or unwraps input-derived data, so no input can panic.

mod dedup;
mod geo;
mod text;

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use std::panic::{catch_unwind, AssertUnwindSafe};

use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyList, PyString};

/// Multipliers of the shingle combination, one per word position (`sketch._MUL`).
const MUL: [u64; 6] = [
    0x9E3779B97F4A7C15,
    0xC2B2AE3D27D4EB4F,
    0x165667B19E3779F9,
    0x27D4EB2F165667C5,
    0xFF51AFD7ED558CCD,
    0xC4CEB9FE1A85EC53,
];
const M2: u64 = 0xBF58476D1CE4E5B9;
const M3: u64 = 0x94D049BB133111EB;

/// CRC-32 (IEEE, zlib's), byte-wise table: words are a few bytes, where a plain table beats
/// the set-up of vectorised kernels (the crc32fast crate measured 84 instructions a word).
/// `f()`, with a panic turned into a `RuntimeError`. pyo3 raises a panic in Python as
/// `PanicException`, which is no `Exception`: the agents' error handling would not catch it
/// and the worker would stop, on the same record after every restart. A `RuntimeError` is
/// caught by the callers, which then take the Python reference path.
fn unpanic<T>(what: &str, f: impl FnOnce() -> T) -> PyResult<T> {
    catch_unwind(AssertUnwindSafe(f))
        .map_err(|_| PyRuntimeError::new_err(format!("wirestream_native: {what} panicked (a bug)")))
}

const fn crc_table() -> [u32; 256] {
    let mut t = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut j = 0;
        while j < 8 {
            c = if c & 1 != 0 {
                0xEDB88320 ^ (c >> 1)
            } else {
                c >> 1
            };
            j += 1;
        }
        t[i] = c;
        i += 1;
    }
    t
}
const CRC: [u32; 256] = crc_table();

#[inline]
fn crc_update(mut crc: u32, bytes: &[u8]) -> u32 {
    crc = !crc;
    for &b in bytes {
        crc = CRC[((crc ^ u32::from(b)) & 0xFF) as usize] ^ (crc >> 8);
    }
    !crc
}

#[inline]
fn crc32(bytes: &[u8]) -> u32 {
    crc_update(0, bytes)
}

/// FNV-1a: the words looked up are short, and SipHash's setup would cost more than the lookup.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf29ce484222325
        } else {
            self.0
        };
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x100000001b3);
        }
        self.0 = h;
    }
}

type FnvBuild = BuildHasherDefault<Fnv>;

/// Byte classes: 0 separates words (ASCII punctuation, space, controls), 1 is an ASCII word
/// byte, 2 is a byte of a non-ASCII character (a word byte unless it starts a separator mark).
const fn class_table() -> [u8; 256] {
    let mut t = [2u8; 256];
    let mut c = 0;
    while c < 128 {
        let b = c as u8;
        t[c] = if b.is_ascii_alphanumeric() { 1 } else { 0 };
        c += 1;
    }
    t
}
const CLASS: [u8; 256] = class_table();

/// Length of the typographic separator mark starting at `i` (`_UNICODE_PUNCT`), or 0.
///
/// Recognised by UTF-8 encoding: a lead byte (0xC2, 0xE2) never occurs inside a character.
#[inline]
fn mark_at(text: &[u8], i: usize) -> usize {
    let b1 = text.get(i + 1).copied().unwrap_or(0);
    match text.get(i).copied().unwrap_or(0) {
        // U+00A0 no-break space, U+00AB and U+00BB guillemets.
        0xC2 if matches!(b1, 0xA0 | 0xAB | 0xBB) => 2,
        // U+2010-2015 dashes, U+2018-201F quotes, U+2026 ellipsis, U+2032-2033 primes.
        0xE2 if b1 == 0x80 => {
            let b2 = text.get(i + 2).copied().unwrap_or(0);
            if matches!(b2, 0x90..=0x95 | 0x98..=0x9F | 0xA6 | 0xB2 | 0xB3) {
                3
            } else {
                0
            }
        }
        _ => 0,
    }
}

/// The words of `text` joined by single spaces, and each word's (start, end) in that buffer.
///
/// Same as `tokens()`: ASCII punctuation and the typographic marks of `_UNICODE_PUNCT`
/// separate words, ASCII letters are lowered, other non-ASCII bytes belong to words.
///
/// One pass, a byte at a time, with each word's CRC-32 (`zlib.crc32` of the word) as it is
/// written: a scan for each word's end, a copy of it, then a CRC pass over the copy cost
/// about 25 instructions a byte. The buffer never outgrows the text: a space is written
/// only before a word after the first, where at least one separator byte was read and not
/// written.
fn words(text: &[u8]) -> Words {
    let n = text.len();
    let mut joined: Vec<u8> = Vec::with_capacity(n);
    let mut spans: Vec<(usize, usize)> = Vec::with_capacity(n / 5 + 1);
    let mut crcs: Vec<u64> = Vec::with_capacity(n / 5 + 1);
    // Where the current word starts in `joined`; `usize::MAX` between words.
    let mut start = usize::MAX;
    let mut crc = !0u32;
    let mut i = 0;
    while let Some(&b) = text.get(i) {
        let sep = match CLASS[b as usize] {
            0 => 1,
            1 => 0,
            _ => mark_at(text, i),
        };
        if sep == 0 {
            if start == usize::MAX {
                if !joined.is_empty() {
                    joined.push(b' ');
                }
                start = joined.len();
                crc = !0u32;
            }
            let low = b.to_ascii_lowercase();
            crc = CRC[((crc ^ u32::from(low)) & 0xFF) as usize] ^ (crc >> 8);
            joined.push(low);
            i += 1;
        } else {
            if start != usize::MAX {
                spans.push((start, joined.len()));
                crcs.push(u64::from(!crc));
                start = usize::MAX;
            }
            i += sep;
        }
    }
    if start != usize::MAX {
        spans.push((start, joined.len()));
        crcs.push(u64::from(!crc));
    }
    Words {
        joined,
        spans,
        crcs,
    }
}

/// A text's words (`words`): joined by single spaces, each one's (start, end) in `joined`,
/// and each one's CRC-32.
struct Words {
    joined: Vec<u8>,
    spans: Vec<(usize, usize)>,
    crcs: Vec<u64>,
}

/// splitmix64 finaliser, top 32 bits (`sketch._mix`).
#[inline]
fn mix(mut h: u64) -> u32 {
    h ^= h >> 30;
    h = h.wrapping_mul(M2);
    h ^= h >> 27;
    h = h.wrapping_mul(M3);
    h ^= h >> 31;
    (h >> 32) as u32
}

/// Sorted distinct hashes of every `size`-word shingle, one shingle if shorter
/// (`sketch.shingle_hashes`); `size` is 1 to 6.
fn shingles(crcs: &[u64], size: usize) -> Vec<u32> {
    let n = crcs.len();
    if n == 0 {
        return Vec::new();
    }
    let size = size.min(n);
    let mut out: Vec<u32> = if size == 4 {
        // The default size, unrolled.
        crcs.windows(4)
            .map(|w| match w {
                [a, b, c, d] => mix(a.wrapping_mul(MUL[0])
                    ^ b.wrapping_mul(MUL[1])
                    ^ c.wrapping_mul(MUL[2])
                    ^ d.wrapping_mul(MUL[3])),
                _ => 0,
            })
            .collect()
    } else {
        crcs.windows(size)
            .map(|w| {
                let mut h = 0u64;
                for (x, m) in w.iter().zip(MUL.iter()) {
                    h ^= x.wrapping_mul(*m);
                }
                mix(h)
            })
            .collect()
    };
    out.sort_unstable();
    out.dedup();
    out
}

/// Figures (digit runs as a multiset, repeats tagged `#2`, `#3`...) as even hashes, and the
/// fact words present as odd hashes, sorted and distinct (`sketch_text`'s facts, uncut).
fn facts(joined: &[u8], spans: &[(usize, usize)], crcs: &[u64], words: &FactWords) -> Vec<u32> {
    let mut order: Vec<&[u8]> = Vec::new();
    let mut counts: HashMap<&[u8], u32, FnvBuild> = HashMap::default();
    let mut i = 0;
    let n = joined.len();
    while i < n {
        if joined[i].is_ascii_digit() {
            let s = i;
            while i < n && joined[i].is_ascii_digit() {
                i += 1;
            }
            let num = &joined[s..i];
            let c = counts.entry(num).or_insert(0);
            if *c == 0 {
                order.push(num);
            }
            *c += 1;
        } else {
            i += 1;
        }
    }
    let mut out: Vec<u32> = Vec::with_capacity(order.len() + 8);
    for num in order {
        out.push(crc32(num) & !1);
        let times = counts.get(num).copied().unwrap_or(1);
        for k in 2..=times {
            let h = crc_update(crc_update(crc32(num), b"#"), k.to_string().as_bytes());
            out.push(h & !1);
        }
    }
    let mut said: HashSet<&[u8], FnvBuild> = HashSet::default();
    for (&(s, e), &crc) in spans.iter().zip(crcs) {
        let w = &joined[s..e];
        if words.may_hold(crc) && words.set.contains(w) && said.insert(w) {
            out.push(crc_update(crc32(b"w:"), w) | 1);
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

fn u32_bytes(values: &[u32]) -> Vec<u8> {
    // A plain loop: `flat_map` over the arrays cost about 10 instructions a byte.
    let mut out = Vec::with_capacity(values.len() * 4);
    for v in values {
        out.extend_from_slice(&v.to_ne_bytes());
    }
    out
}

/// The fact words, and a 65,536-bit filter on their CRC-32s (already computed for every word)
/// so most words are ruled out without hashing them again.
struct FactWords {
    set: HashSet<Vec<u8>, FnvBuild>,
    filter: Vec<u64>,
}

impl FactWords {
    fn new(words: Vec<Vec<u8>>) -> Self {
        let mut filter = vec![0u64; 1024];
        for w in &words {
            let bit = (crc32(w) >> 16) as usize;
            if let Some(slot) = filter.get_mut(bit >> 6) {
                *slot |= 1u64 << (bit & 63);
            }
        }
        FactWords {
            set: words.into_iter().collect(),
            filter,
        }
    }

    #[inline]
    fn may_hold(&self, crc: u64) -> bool {
        let bit = ((crc >> 16) & 0xFFFF) as usize;
        self.filter
            .get(bit >> 6)
            .is_some_and(|slot| slot & (1u64 << (bit & 63)) != 0)
    }
}

/// The sketch of one (stripped, folded) text, with the fact words it checks for.
#[pyclass(frozen, module = "wirestream_native")]
struct Sketcher {
    fact_words: FactWords,
}

#[pymethods]
impl Sketcher {
    #[new]
    fn new(fact_words: Vec<Vec<u8>>) -> Self {
        Sketcher {
            fact_words: FactWords::new(fact_words),
        }
    }

    /// `(mins, count, facts, digest)`: the `k` smallest shingle hashes and the `facts_cap`
    /// smallest fact hashes as native-endian uint32 buffers, the number of distinct shingles,
    /// and the hex blake2b-64 of the words joined by spaces.
    fn sketch<'py>(
        &self,
        py: Python<'py>,
        text: &str,
        size: usize,
        k: usize,
        facts_cap: usize,
    ) -> PyResult<(
        Bound<'py, PyByteArray>,
        usize,
        Bound<'py, PyByteArray>,
        String,
    )> {
        if size == 0 || size > MUL.len() {
            return Err(PyValueError::new_err("shingle size must be 1 to 6"));
        }
        let (mins, count, cut, digest) = unpanic("Sketcher.sketch", || {
            let Words {
                joined,
                spans,
                crcs,
            } = words(text.as_bytes());
            let hashes = shingles(&crcs, size);
            let fact_hashes = facts(&joined, &spans, &crcs, &self.fact_words);
            let digest = blake2b_simd::Params::new()
                .hash_length(8)
                .hash(&joined)
                .to_hex()
                .to_string();
            let mins = u32_bytes(&hashes[..hashes.len().min(k)]);
            let cut = u32_bytes(&fact_hashes[..fact_hashes.len().min(facts_cap)]);
            (mins, hashes.len(), cut, digest)
        })?;
        Ok((
            PyByteArray::new(py, &mins),
            count,
            PyByteArray::new(py, &cut),
            digest,
        ))
    }
}

/// `tokens()` of a (folded) text: its words as bytes.
#[pyfunction]
fn tokens<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyList>> {
    let Words { joined, spans, .. } = words(text.as_bytes());
    PyList::new(
        py,
        spans.iter().map(|&(s, e)| PyBytes::new(py, &joined[s..e])),
    )
}

/// Sorted distinct shingle hashes of a (folded) text, all of them, as a uint32 buffer.
#[pyfunction]
fn shingle_hashes<'py>(
    py: Python<'py>,
    text: &str,
    size: usize,
) -> PyResult<Bound<'py, PyByteArray>> {
    if size == 0 || size > MUL.len() {
        return Err(PyValueError::new_err("shingle size must be 1 to 6"));
    }
    let crcs = words(text.as_bytes()).crcs;
    Ok(PyByteArray::new(py, &u32_bytes(&shingles(&crcs, size))))
}

/// `streams/core/text.py`'s `_lines_python(text, controls=controls)` (`text.rs`): the text
/// object itself when it is already normal, the normal text and whether a control was
/// removed otherwise, or None when a character needs Python's Unicode tables.
#[pyfunction]
fn normal_text<'py>(
    py: Python<'py>,
    text: &Bound<'py, PyString>,
    controls: bool,
) -> PyResult<Option<(Bound<'py, PyString>, bool)>> {
    let s = text.to_str()?;
    Ok(match unpanic("normal_text", || text::lines(s, controls))? {
        text::Lines::Same => Some((text.clone(), false)),
        text::Lines::Changed(out, removed) => Some((PyString::new(py, &out), removed)),
        text::Lines::Unknown => None,
    })
}

/// `streams/core/dedup/sketch.py`'s `_maybe_clock` (`text.rs`). A lone surrogate, which
/// Python's `surrogatepass` encodes as three bytes of 0x80 and over, becomes U+FFFD here,
/// three such bytes too: the same answer.
#[pyfunction]
fn maybe_clock(text: &Bound<'_, PyString>) -> bool {
    text::maybe_clock(text.to_string_lossy().as_bytes())
}

/// `streams/core/text.py`'s passes before the HTML parser in one (`text.rs`, `html_marks`):
/// the markup with its breaks put in (None: none to put in), how many "<" it holds, whether
/// `_LONG_TAG` and `_HAS_DROPPED` find anything.
#[pyfunction]
fn html_marks<'py>(
    py: Python<'py>,
    markup: &Bound<'py, PyString>,
) -> PyResult<(Option<Bound<'py, PyString>>, usize, bool, bool)> {
    let s = markup.to_str()?;
    let found = unpanic("html_marks", || text::html_marks(s))?;
    Ok((
        found.marked.map(|m| PyString::new(py, &m)),
        found.opens,
        found.long_tag,
        found.dropped,
    ))
}

/// `" ".join(text.split()).encode("utf-8")` (`streams/core/identity.py`'s `_words_utf8`,
/// `text.rs`). A lone surrogate, which has no UTF-8, raises `UnicodeEncodeError` as the
/// Python code does.
#[pyfunction]
fn words_utf8<'py>(py: Python<'py>, text: &Bound<'py, PyString>) -> PyResult<Bound<'py, PyBytes>> {
    let s = text.to_str()?;
    let out = unpanic("words_utf8", || text::words_joined(s))?;
    Ok(PyBytes::new(py, &out))
}

/// How many bytes of `data` are in `set` (`streams/core/text.py`'s `_bad_bytes`).
#[pyfunction]
fn count_bytes(data: &[u8], set: &[u8]) -> usize {
    text::count_bytes(data, set)
}

#[pymodule]
fn wirestream_native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Sketcher>()?;
    m.add_class::<dedup::NearDecider>()?;
    m.add_class::<geo::GeoScanner>()?;
    m.add_class::<geo::StemScanner>()?;
    m.add_class::<text::Substrings>()?;
    m.add_function(wrap_pyfunction!(tokens, m)?)?;
    m.add_function(wrap_pyfunction!(shingle_hashes, m)?)?;
    m.add_function(wrap_pyfunction!(normal_text, m)?)?;
    m.add_function(wrap_pyfunction!(maybe_clock, m)?)?;
    m.add_function(wrap_pyfunction!(html_marks, m)?)?;
    m.add_function(wrap_pyfunction!(words_utf8, m)?)?;
    m.add_function(wrap_pyfunction!(count_bytes, m)?)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_error_and_a_value_passes() {
        let prev = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {})); // keep the expected panic out of the output
        let caught = unpanic("test", || -> u32 { panic!("boom") });
        std::panic::set_hook(prev);
        assert!(caught.is_err());
        assert_eq!(unpanic("test", || 7u32).ok(), Some(7));
    }
}
