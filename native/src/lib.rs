//! Compiled hot spot of Wirestream's dedup sketch (`streams/core/dedup/sketch.py`).
//!
//! Every function returns exactly what the Python reference returns for the same input: the
//! same words, the same CRC-32 per word, the same shingle mixing, the same sorted distinct
//! bottom-k, the same facts and digest. The Python side stays the reference and the fallback;
//! `tests/unit/core/dedup/test_native.py` holds the two to each other.
//!
//! Contract with the caller: the text is already furniture-stripped and, when not ASCII,
//! case folded (`str.casefold`, done in Python so the Unicode tables are Python's own).
//! Nothing here indexes or unwraps input-derived data, so no input can panic.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyList};

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

/// FNV-1a: the words looked up are short, and SipHash's setup would cost more than the lookup.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf29ce484222325 } else { self.0 };
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x100000001b3);
        }
        self.0 = h;
    }
}

type FnvBuild = BuildHasherDefault<Fnv>;

/// `_FOLD` of sketch.py: ASCII letters to lower case, digits kept, other ASCII to 0 (a separator).
const fn fold_table() -> [u8; 128] {
    let mut t = [0u8; 128];
    let mut c = 0;
    while c < 128 {
        let b = c as u8;
        t[c] = if b.is_ascii_digit() || b.is_ascii_lowercase() {
            b
        } else if b.is_ascii_uppercase() {
            b + 32
        } else {
            0
        };
        c += 1;
    }
    t
}
const FOLD: [u8; 128] = fold_table();

/// The words of `text` joined by single spaces, and each word's (start, end) in that buffer.
///
/// Same as `tokens()`: ASCII punctuation and the typographic marks of `_UNICODE_PUNCT`
/// separate words, other non-ASCII bytes belong to words. The marks are recognised by their
/// UTF-8 encoding: a lead byte (0xC2, 0xE2) never occurs inside another character.
fn words(text: &[u8]) -> (Vec<u8>, Vec<(usize, usize)>) {
    let mut joined: Vec<u8> = Vec::with_capacity(text.len());
    let mut spans: Vec<(usize, usize)> = Vec::with_capacity(text.len() / 5 + 1);
    let mut start: Option<usize> = None;
    let mut i = 0;
    let n = text.len();
    while i < n {
        let b = text[i];
        let (sep, len) = if b < 128 {
            let f = FOLD[b as usize];
            if f != 0 {
                if start.is_none() {
                    if !joined.is_empty() {
                        joined.push(b' ');
                    }
                    start = Some(joined.len());
                }
                joined.push(f);
                i += 1;
                continue;
            }
            (true, 1)
        } else {
            let b1 = text.get(i + 1).copied().unwrap_or(0);
            let b2 = text.get(i + 2).copied().unwrap_or(0);
            match (b, b1) {
                // U+00A0 no-break space, U+00AB and U+00BB guillemets.
                (0xC2, 0xA0 | 0xAB | 0xBB) => (true, 2),
                // U+2010-2015 dashes, U+2018-201F quotes, U+2026 ellipsis, U+2032-2033 primes.
                (0xE2, 0x80) if matches!(b2, 0x90..=0x95 | 0x98..=0x9F | 0xA6 | 0xB2 | 0xB3) => {
                    (true, 3)
                }
                _ => (false, 1),
            }
        };
        if sep {
            if let Some(s) = start.take() {
                spans.push((s, joined.len()));
            }
        } else {
            if start.is_none() {
                if !joined.is_empty() {
                    joined.push(b' ');
                }
                start = Some(joined.len());
            }
            joined.push(b);
        }
        i += len;
    }
    if let Some(s) = start {
        spans.push((s, joined.len()));
    }
    (joined, spans)
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
    let mut out: Vec<u32> = crcs
        .windows(size)
        .map(|w| {
            let mut h = 0u64;
            for (x, m) in w.iter().zip(MUL.iter()) {
                h ^= x.wrapping_mul(*m);
            }
            mix(h)
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Figures (digit runs as a multiset, repeats tagged `#2`, `#3`...) as even hashes, and the
/// fact words present as odd hashes, sorted and distinct (`sketch_text`'s facts, uncut).
fn facts(joined: &[u8], spans: &[(usize, usize)], fact_words: &HashSet<Vec<u8>, FnvBuild>, max_len: usize) -> Vec<u32> {
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
        out.push(crc32fast::hash(num) & !1);
        let times = counts.get(num).copied().unwrap_or(1);
        for k in 2..=times {
            let mut h = crc32fast::Hasher::new();
            h.update(num);
            h.update(b"#");
            h.update(k.to_string().as_bytes());
            out.push(h.finalize() & !1);
        }
    }
    let mut said: HashSet<&[u8], FnvBuild> = HashSet::default();
    for &(s, e) in spans {
        let w = &joined[s..e];
        if w.len() <= max_len && fact_words.contains(w) && said.insert(w) {
            let mut h = crc32fast::Hasher::new();
            h.update(b"w:");
            h.update(w);
            out.push(h.finalize() | 1);
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

fn u32_bytes(values: &[u32]) -> Vec<u8> {
    values.iter().flat_map(|v| v.to_ne_bytes()).collect()
}

/// The sketch of one (stripped, folded) text, with the fact words it checks for.
#[pyclass(frozen, module = "wirestream_native")]
struct Sketcher {
    fact_words: HashSet<Vec<u8>, FnvBuild>,
    max_len: usize,
}

#[pymethods]
impl Sketcher {
    #[new]
    fn new(fact_words: Vec<Vec<u8>>) -> Self {
        let max_len = fact_words.iter().map(Vec::len).max().unwrap_or(0);
        Sketcher { fact_words: fact_words.into_iter().collect(), max_len }
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
    ) -> PyResult<(Bound<'py, PyByteArray>, usize, Bound<'py, PyByteArray>, String)> {
        if size == 0 || size > MUL.len() {
            return Err(PyValueError::new_err("shingle size must be 1 to 6"));
        }
        let (joined, spans) = words(text.as_bytes());
        let crcs: Vec<u64> = spans.iter().map(|&(s, e)| u64::from(crc32fast::hash(&joined[s..e]))).collect();
        let hashes = shingles(&crcs, size);
        let fact_hashes = facts(&joined, &spans, &self.fact_words, self.max_len);
        let digest = blake2b_simd::Params::new().hash_length(8).hash(&joined).to_hex().to_string();
        let mins = u32_bytes(&hashes[..hashes.len().min(k)]);
        let cut = u32_bytes(&fact_hashes[..fact_hashes.len().min(facts_cap)]);
        Ok((PyByteArray::new(py, &mins), hashes.len(), PyByteArray::new(py, &cut), digest))
    }
}

/// `tokens()` of a (folded) text: its words as bytes.
#[pyfunction]
fn tokens<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyList>> {
    let (joined, spans) = words(text.as_bytes());
    PyList::new(py, spans.iter().map(|&(s, e)| PyBytes::new(py, &joined[s..e])))
}

/// Sorted distinct shingle hashes of a (folded) text, all of them, as a uint32 buffer.
#[pyfunction]
fn shingle_hashes<'py>(py: Python<'py>, text: &str, size: usize) -> PyResult<Bound<'py, PyByteArray>> {
    if size == 0 || size > MUL.len() {
        return Err(PyValueError::new_err("shingle size must be 1 to 6"));
    }
    let (joined, spans) = words(text.as_bytes());
    let crcs: Vec<u64> = spans.iter().map(|&(s, e)| u64::from(crc32fast::hash(&joined[s..e]))).collect();
    Ok(PyByteArray::new(py, &u32_bytes(&shingles(&crcs, size))))
}

#[pymodule]
fn wirestream_native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Sketcher>()?;
    m.add_function(wrap_pyfunction!(tokens, m)?)?;
    m.add_function(wrap_pyfunction!(shingle_hashes, m)?)?;
    Ok(())
}
