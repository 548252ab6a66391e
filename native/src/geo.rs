//! Compiled gazetteer scan of `streams/core/geo/matcher.py` (`Matcher.find_python`).
//!
//! One call does what the Python path does in several: fold the text (the very table of
//! `text._table()`, handed over at start-up), find every key of the Python automaton in it
//! (a hash table of the keys walked word by word, [`Words`]; stems by an automaton), drop hits whose language or capitals do not fit, check the glued endings of
//! stem hits, sort and keep the leftmost-longest. It returns the same `(start, end, term id)`
//! triples in the same order; the caller maps term ids back to its `Term` objects.
//!
//! Offsets are Python's: code points of the text. Character properties are Python's too: the
//! caller hands over, for every character the case tests can meet, whether `str.isupper()` and
//! whether `str.upper()` leaves it unchanged, so the Unicode version of Rust's tables never
//! enters. Nothing here indexes input-derived data unchecked, so no input can panic.

use std::collections::{HashMap, HashSet};

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString};

/// `chr(c).isupper()`.
const UPPER: u8 = 1;
/// `chr(c).upper() == chr(c)`.
const FIXED: u8 = 2;
/// Stands in the folded text for a lone surrogate (folded unchanged by Python, and in no key:
/// the constructors check that no key or ending holds it).
const STAND_IN: char = '\u{FFFF}';
/// No term for this key in the global table (`Term | None` in the Python entry).
const NO_TERM: u32 = u32::MAX;

/// The fold table and the case properties, both from Python.
struct Chars {
    /// `text._table()` as a dense array (identity where the table has no row).
    fold: Vec<char>,
    /// Its ASCII rows as bytes (ASCII folds to ASCII, `text._ascii_table`): the fold of an
    /// ASCII text, one table read a byte.
    ascii: [u8; 128],
    /// Whether `ascii` is [`fold_ascii`]'s (the fold of `text.py` today): then the fold of an
    /// ASCII text is computed, sixteen or more bytes an instruction, not read from the table.
    plain_ascii: bool,
    /// Flags of the characters below `flags.len()`, then of the others handed over.
    flags: Vec<u8>,
    more_flags: HashMap<u32, u8>,
}

impl Chars {
    fn new(fold_rows: Vec<(u32, u32)>, flag_rows: Vec<(u32, u8)>) -> PyResult<Self> {
        let top = fold_rows.iter().map(|r| r.0 + 1).max().unwrap_or(0) as usize;
        let mut fold: Vec<char> = (0..top as u32)
            .map(|c| char::from_u32(c).unwrap_or(STAND_IN))
            .collect();
        for (c, v) in fold_rows {
            let v =
                char::from_u32(v).ok_or_else(|| PyValueError::new_err("fold to a surrogate"))?;
            if let Some(slot) = fold.get_mut(c as usize) {
                *slot = v;
            }
        }
        let mut ascii = [b' '; 128];
        for (c, slot) in ascii.iter_mut().enumerate() {
            let v = fold.get(c).copied().unwrap_or(char::from(c as u8));
            if !v.is_ascii() {
                return Err(PyValueError::new_err("ASCII folds to ASCII"));
            }
            *slot = v as u8;
        }
        let plain_ascii = (0..128u8).all(|c| ascii[usize::from(c)] == fold_ascii(c));
        let mut flags = vec![0u8; top];
        let mut more_flags = HashMap::new();
        for (c, f) in flag_rows {
            match flags.get_mut(c as usize) {
                Some(slot) => *slot = f,
                None => {
                    more_flags.insert(c, f);
                }
            }
        }
        Ok(Chars {
            fold,
            ascii,
            plain_ascii,
            flags,
            more_flags,
        })
    }

    #[inline]
    fn fold(&self, c: u32) -> char {
        match self.fold.get(c as usize) {
            Some(&f) => f,
            None => char::from_u32(c).unwrap_or(STAND_IN),
        }
    }

    /// The flags of `c`. Every character a case test reads folds to a key character, so it is
    /// in the fold table's range or is itself a key character: both are handed over. The
    /// fallback (Rust's tables) is for completeness only.
    #[inline]
    fn flags(&self, c: u32) -> u8 {
        if let Some(&f) = self.flags.get(c as usize) {
            return f;
        }
        if let Some(&f) = self.more_flags.get(&c) {
            return f;
        }
        match char::from_u32(c) {
            Some(ch) => {
                let mut up = ch.to_uppercase();
                let fixed = up.next() == Some(ch) && up.next().is_none();
                u8::from(ch.is_uppercase()) * UPPER + u8::from(fixed) * FIXED
            }
            None => FIXED,
        }
    }
}

/// `text._fold_char` of an ASCII character, by arithmetic: a letter in lower case, a digit
/// itself, anything else a space (compared with the table handed over when built).
#[inline]
fn fold_ascii(c: u8) -> u8 {
    let lower = c | 0x20;
    if lower.wrapping_sub(b'a') < 26 {
        lower
    } else if c.wrapping_sub(b'0') < 10 {
        c
    } else {
        b' '
    }
}

/// The text as code points: its bytes when ASCII, else its characters (lone surrogates too).
enum Text {
    Ascii(Vec<u8>),
    Wide(Vec<u32>),
}

impl Text {
    fn from_py(text: &Bound<'_, PyString>) -> PyResult<Self> {
        if let Ok(s) = text.to_str() {
            return Ok(if s.is_ascii() {
                Text::Ascii(s.as_bytes().to_vec())
            } else {
                Text::Wide(s.chars().map(u32::from).collect())
            });
        }
        // Lone surrogates: no UTF-8 view, so the code points come as UTF-32.
        let raw = text.call_method1("encode", ("utf-32-le", "surrogatepass"))?;
        let bytes = raw.cast::<PyBytes>()?.as_bytes();
        Ok(Text::Wide(
            bytes
                .chunks_exact(4)
                .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
                .collect(),
        ))
    }

    #[inline]
    fn len(&self) -> usize {
        match self {
            Text::Ascii(b) => b.len(),
            Text::Wide(w) => w.len(),
        }
    }

    #[inline]
    fn at(&self, i: usize) -> Option<u32> {
        match self {
            Text::Ascii(b) => b.get(i).map(|&c| u32::from(c)),
            Text::Wide(w) => w.get(i).copied(),
        }
    }
}

/// `" " + fold(text) + " "` as UTF-8, and for non-ASCII text the code point index of every
/// byte offset that starts a character (offsets of the padded text: one more than the text's).
struct Norm {
    bytes: Vec<u8>,
    index: Option<Vec<u32>>,
}

impl Norm {
    fn new(text: &Text, chars: &Chars) -> Self {
        match text {
            Text::Ascii(b) => {
                let mut bytes = Vec::with_capacity(b.len() + 2);
                bytes.push(b' ');
                // ASCII folds to ASCII (`text._ascii_table`; checked when built).
                if chars.plain_ascii {
                    bytes.extend(b.iter().map(|&c| fold_ascii(c)));
                } else {
                    bytes.extend(b.iter().map(|&c| chars.ascii[usize::from(c & 0x7F)]));
                }
                bytes.push(b' ');
                Norm { bytes, index: None }
            }
            Text::Wide(w) => {
                let mut bytes = Vec::with_capacity(w.len() * 2 + 2);
                let mut index = Vec::with_capacity(w.len() * 2 + 3);
                bytes.push(b' ');
                index.push(0);
                let mut buf = [0u8; 4];
                for (n, &c) in w.iter().enumerate() {
                    let enc = chars.fold(c).encode_utf8(&mut buf).as_bytes();
                    bytes.extend_from_slice(enc);
                    let at = (n + 1) as u32;
                    index.extend(std::iter::repeat_n(at, enc.len()));
                }
                bytes.push(b' ');
                index.push((w.len() + 1) as u32);
                index.push((w.len() + 2) as u32);
                Norm {
                    bytes,
                    index: Some(index),
                }
            }
        }
    }

    /// Code point offset (in the padded text) of a byte offset at a character start.
    #[inline]
    fn at(&self, byte: usize) -> usize {
        match &self.index {
            None => byte,
            Some(index) => index.get(byte).map_or(byte, |&i| i as usize),
        }
    }
}

/// No key ends at this entry: it is only a space-ended prefix of longer keys.
const NO_KEY: u32 = u32::MAX;
/// An empty slot of [`Words`]' table (no entry has index `u32::MAX`).
const EMPTY: u64 = u64::MAX;

const SEED: u64 = 0xCBF2_9CE4_8422_2325;
const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;
const SPACES: u64 = 0x2020_2020_2020_2020;

/// One step of the run hash: eight bytes, little-endian (the multiplier is FxHash's).
#[inline]
fn mix(h: u64, chunk: u64) -> u64 {
    (h.rotate_left(5) ^ chunk).wrapping_mul(0x517C_C1B7_2722_0A95)
}

/// The segment of `hay` from `q` to its first space, that space included, hashed on from
/// `h` eight bytes at a time (the last piece cut after the space, zero-filled): the index of
/// the space and the hash, or None when no space follows. A run's hash is its segments'
/// in turn, so a key's extends the hash of its space-ended prefix.
#[inline]
fn segment(hay: &[u8], mut q: usize, mut h: u64) -> Option<(usize, u64)> {
    loop {
        let Some(piece) = hay.get(q..q + 8).and_then(|b| <[u8; 8]>::try_from(b).ok()) else {
            // Fewer than eight bytes left: the same piece, read a byte at a time.
            let rest = hay.get(q..)?;
            let k = rest.iter().position(|&c| c == b' ')?;
            let chunk = rest
                .iter()
                .take(k + 1)
                .rev()
                .fold(0u64, |acc, &c| (acc << 8) | u64::from(c));
            return Some((q + k, mix(h, chunk)));
        };
        let x = u64::from_le_bytes(piece);
        let y = x ^ SPACES;
        // The classic zero-byte test: the lowest flagged byte is the first space.
        let t = y.wrapping_sub(ONES) & !y & HIGHS;
        if t == 0 {
            h = mix(h, x);
            q += 8;
            continue;
        }
        // The space's byte is the lowest flagged: keep it and the bytes below.
        let keep = x & (t ^ t.wrapping_sub(1));
        return Some((q + (t.trailing_zeros() / 8) as usize, mix(h, keep)));
    }
}

/// Every key padded by spaces (`" south sudan "`), and every space-ended prefix of one
/// (`" south "`), by the hash of its bytes: what the scan reads in place of an automaton.
///
/// A key opens and closes with a space, so each of its matches in the padded, folded text
/// runs from a space to a space: the scan walks the spaces of the text, and from each looks
/// up the run to the next space, then, while that run is the prefix of a longer key, to the
/// space after. That finds every occurrence of every key, as the overlapping automaton search
/// did, for less than half its instructions (a hash step every eight bytes and a look-up a
/// word, about 85 instructions a word, where the automaton took some 36 a byte;
/// bench/README.md, "Session 28: hperf65").
struct Words {
    /// By slot (open addressing, linear probing, at most a quarter full): the top 32 bits of
    /// the entry's hash above its index, so a probe that meets another word's entry does not
    /// read it; or `EMPTY`.
    slots: Vec<u64>,
    /// `64 - log2(slots.len())`: a hash's slot is the top bits of its Fibonacci product.
    shift: u32,
    entries: Vec<WordEntry>,
    /// The entries' bytes, end to end.
    bytes: Vec<u8>,
}

struct WordEntry {
    hash: u64,
    off: usize,
    len: usize,
    /// The key index these bytes are, or `NO_KEY`.
    key: u32,
    /// Whether a longer key opens with these bytes.
    more: bool,
}

impl Words {
    fn new(keys: &[String]) -> PyResult<Self> {
        let mut runs: Vec<(&[u8], u64, u32)> = Vec::new();
        for (n, k) in keys.iter().enumerate() {
            let b = k.as_bytes();
            if b.len() < 3 || b[0] != b' ' || b[b.len() - 1] != b' ' {
                return Err(PyValueError::new_err("a key is a word padded by spaces"));
            }
            // As the scan hashes it: the opening space, then segment by segment.
            let mut h = mix(SEED, u64::from(b' '));
            let mut q = 1;
            while let Some((sp, next)) = segment(b, q, h) {
                h = next;
                let key = if sp == b.len() - 1 { n as u32 } else { NO_KEY };
                runs.push((&b[..=sp], h, key));
                q = sp + 1;
            }
        }
        let size = (runs.len() * 4).next_power_of_two().max(16);
        let mut words = Words {
            slots: vec![EMPTY; size],
            shift: 64 - size.trailing_zeros(),
            entries: Vec::new(),
            bytes: Vec::new(),
        };
        for (run, hash, key) in runs {
            let n = match words.get(hash, run) {
                Some(n) => n,
                None => {
                    let n = words.entries.len();
                    let mut slot = words.slot(hash);
                    while words.slots[slot] != EMPTY {
                        slot = (slot + 1) & (words.slots.len() - 1);
                    }
                    words.slots[slot] = (hash & !0xFFFF_FFFF) | n as u64;
                    words.entries.push(WordEntry {
                        hash,
                        off: words.bytes.len(),
                        len: run.len(),
                        key: NO_KEY,
                        more: false,
                    });
                    words.bytes.extend_from_slice(run);
                    n
                }
            };
            let entry = &mut words.entries[n];
            if key == NO_KEY {
                entry.more = true;
            } else if entry.key != NO_KEY {
                return Err(PyValueError::new_err("a key given twice"));
            } else {
                entry.key = key;
            }
        }
        Ok(words)
    }

    #[inline]
    fn slot(&self, hash: u64) -> usize {
        (hash.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    /// The entry of `run` (whose hash is `hash`), if any.
    #[inline]
    fn get(&self, hash: u64, run: &[u8]) -> Option<usize> {
        let mask = self.slots.len() - 1;
        let tag = hash >> 32;
        let mut slot = self.slot(hash);
        loop {
            let v = *self.slots.get(slot)?;
            if v == EMPTY {
                return None;
            }
            if v >> 32 == tag {
                let n = (v & 0xFFFF_FFFF) as usize;
                let e = self.entries.get(n)?;
                if e.hash == hash && self.bytes.get(e.off..e.off + e.len) == Some(run) {
                    return Some(n);
                }
            }
            slot = (slot + 1) & mask;
        }
    }

    /// `found(start, key)` for every occurrence of every key in `hay`, a padded text (a space
    /// first and last): `start` is the byte offset of the key's opening space.
    #[inline]
    fn scan(&self, hay: &[u8], mut found: impl FnMut(usize, u32)) {
        let n = hay.len();
        let opening = mix(SEED, u64::from(b' '));
        let mut p = 0;
        while p + 1 < n {
            // hay[p] is a space: the runs from it to each later space, while they lead on.
            let mut h = opening;
            let mut q = p + 1;
            let mut next = 0;
            while let Some((sp, h2)) = segment(hay, q, h) {
                if next == 0 {
                    next = sp;
                }
                h = h2;
                let Some(e) = hay
                    .get(p..=sp)
                    .and_then(|run| self.get(h, run))
                    .and_then(|i| self.entries.get(i))
                else {
                    break;
                };
                if e.key != NO_KEY {
                    found(p, e.key);
                }
                if !e.more {
                    break;
                }
                q = sp + 1;
            }
            if next == 0 {
                break;
            }
            p = next;
        }
    }
}

/// One key of the Python automaton: `(length, term, case, local)` of `matcher.build_automaton`.
struct Key {
    len: usize,
    term: u32,
    case: u8,
    local: Box<[(u16, u32)]>,
}

/// A hit before the leftmost-longest pass, ordered as the Python sort leaves them: by start,
/// longest first, whole keys before stems, then stems by where their match ends.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
struct Raw {
    start: usize,
    neg_len: i64,
    stem: bool,
    last: usize,
    term: u32,
}

fn check_keys<'a>(keys: impl Iterator<Item = &'a String>) -> PyResult<()> {
    for k in keys {
        if k.contains(STAND_IN) {
            return Err(PyValueError::new_err("a key holds U+FFFF"));
        }
    }
    Ok(())
}

/// The automaton over keys that open with a space (the stems, which end inside a word, so
/// the word walk of [`Words`] cannot find them). The crate's start-byte prefilter would be a
/// `memchr` for the commonest byte of the text: off. The contiguous NFA's dense rows reach
/// four bytes deep (the crate's default is two): a space, then the first three letters of a
/// word, where nearly every word of the text leaves the automaton; the sparse rows below cost
/// a linear search a byte. Matches are the same whatever the layout (session 25,
/// bench/README.md: about a fifth less scan time for 3 MB more memory).
fn automaton(keys: &[String]) -> PyResult<AhoCorasick> {
    AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .prefilter(false)
        .dense_depth(4)
        .build(keys)
        .map_err(|e| PyValueError::new_err(e.to_string()))
}

/// `matcher._case_ok` over code points: `length` characters of the word from `start`; an
/// all-capitals word of at most five letters is an acronym unless it opens the field.
#[inline]
fn case_ok(text: &Text, flags: impl Fn(u32) -> u8, start: usize, length: usize, case: u8) -> bool {
    if case == 1 {
        let first = text.at(start).map_or(0, &flags);
        if first & UPPER == 0 {
            return false;
        }
        let second = text.at(start + 1).map_or(0, &flags);
        !(length <= 5 && start > 0 && second & UPPER != 0)
    } else if case == 3 {
        // `matcher._NAMED_ACRONYM`: a capital first letter ("Usa" or "USA").
        text.at(start).map_or(0, &flags) & UPPER != 0
    } else {
        (start..start + length).all(|i| text.at(i).is_none_or(|c| flags(c) & FIXED != 0))
    }
}

/// The glued-ending automaton of one language (`matcher._stem_automaton`) and its endings.
#[pyclass(frozen, module = "wirestream_native")]
pub struct StemScanner {
    auto: AhoCorasick,
    /// `(length, term, case)` per key, key order.
    keys: Vec<(usize, u32, u8)>,
    endings: HashSet<Vec<u8>>,
    /// Case flags of the stems' characters the matcher's table lacks (grades add letters).
    flags: HashMap<u32, u8>,
}

#[pymethods]
impl StemScanner {
    #[new]
    fn new(
        keys: Vec<String>,
        entries: Vec<(usize, u32, u8)>,
        endings: Vec<String>,
        flag_rows: Vec<(u32, u8)>,
    ) -> PyResult<Self> {
        if keys.len() != entries.len() {
            return Err(PyValueError::new_err("one entry per key"));
        }
        for (k, e) in keys.iter().zip(&entries) {
            if e.0 < 2 || e.0 != k.chars().count() {
                return Err(PyValueError::new_err("a stem key is a space and a stem"));
            }
        }
        check_keys(keys.iter().chain(endings.iter()))?;
        Ok(StemScanner {
            auto: automaton(&keys)?,
            keys: entries,
            endings: endings.into_iter().map(String::into_bytes).collect(),
            flags: flag_rows.into_iter().collect(),
        })
    }
}

/// `(key, (length, term or None, case, {lang: term}))`: one item of the Python automaton.
type ItemRow<'py> = (String, (usize, Bound<'py, PyAny>, u8, Bound<'py, PyDict>));

/// The keys of the Python automaton (`matcher.build_automaton`) as a word table, their
/// entries and the fold table.
#[pyclass(frozen, module = "wirestream_native")]
pub struct GeoScanner {
    words: Words,
    keys: Vec<Key>,
    langs: HashMap<String, u16>,
    any_lang: Option<u16>,
    chars: Chars,
}

impl GeoScanner {
    fn scan(
        &self,
        text: &Text,
        any_case: bool,
        lang: Option<u16>,
        any: Option<u16>,
        stems: Option<&StemScanner>,
    ) -> Vec<(usize, usize, u32)> {
        let norm = Norm::new(text, &self.chars);
        let hay = norm.bytes.as_slice();
        let mut raw: Vec<Raw> = Vec::with_capacity(32);
        self.words.scan(hay, |at, pattern| {
            let Some(key) = self.keys.get(pattern as usize) else {
                return;
            };
            let mut term = key.term;
            if !key.local.is_empty() {
                let find = |l: Option<u16>| {
                    l.and_then(|l| key.local.iter().find(|e| e.0 == l).map(|e| e.1))
                };
                term = find(lang).or_else(|| find(any)).unwrap_or(key.term);
                if term == NO_TERM {
                    return;
                }
            }
            // The key's leading space in the padded text is the word's start in the text.
            let start = norm.at(at);
            if !any_case
                && key.case != 0
                && !case_ok(text, |c| self.chars.flags(c), start, key.len - 2, key.case)
            {
                return;
            }
            raw.push(Raw {
                start,
                neg_len: 2 - key.len as i64,
                stem: false,
                last: 0,
                term,
            });
        });
        if let Some(st) = stems {
            for m in st.auto.find_overlapping_iter(hay) {
                let Some(&(len, term, case)) = st.keys.get(m.pattern().as_usize()) else {
                    continue;
                };
                let tail = m.end();
                let Some(gap) = hay
                    .get(tail..)
                    .and_then(|r| r.iter().position(|&b| b == b' '))
                else {
                    continue;
                };
                if !st.endings.contains(&hay[tail..tail + gap]) {
                    continue;
                }
                let start = norm.at(m.start());
                let end = norm.at(tail + gap);
                let flags = |c: u32| match st.flags.get(&c) {
                    Some(&f) => f,
                    None => self.chars.flags(c),
                };
                if !any_case && case != 0 && !case_ok(text, flags, start, len - 1, case) {
                    continue;
                }
                raw.push(Raw {
                    start,
                    neg_len: start as i64 - end as i64 + 1,
                    stem: true,
                    last: tail,
                    term,
                });
            }
        }
        raw.sort_unstable();
        let mut out = Vec::new();
        let mut reach: i64 = -1;
        for r in raw {
            if r.start as i64 >= reach {
                reach = r.start as i64 - r.neg_len;
                out.push((r.start, reach as usize, r.term));
            }
        }
        out
    }
}

#[pymethods]
impl GeoScanner {
    /// `items` are the Python automaton's `(key, (length, term or None, case, {lang: term}))`
    /// (`build_automaton`); each term is named by its index in `terms`, appended to when new.
    /// `fold_rows` is `text._table()` as code points; `flag_rows` the case flags.
    #[new]
    fn new(
        items: Vec<ItemRow<'_>>,
        terms: &Bound<'_, PyList>,
        any_lang: &str,
        fold_rows: Vec<(u32, u32)>,
        flag_rows: Vec<(u32, u8)>,
    ) -> PyResult<Self> {
        // By identity, as the caller's `Term` objects are (the list keeps them alive).
        let mut ids: HashMap<usize, u32> = HashMap::new();
        for (n, t) in terms.iter().enumerate() {
            ids.insert(t.as_ptr() as usize, n as u32);
        }
        let mut id_of = |t: &Bound<'_, PyAny>| -> PyResult<u32> {
            if t.is_none() {
                return Ok(NO_TERM);
            }
            if let Some(&n) = ids.get(&(t.as_ptr() as usize)) {
                return Ok(n);
            }
            let n = terms.len() as u32;
            terms.append(t)?;
            ids.insert(t.as_ptr() as usize, n);
            Ok(n)
        };
        let mut keys = Vec::with_capacity(items.len());
        let mut langs: HashMap<String, u16> = HashMap::new();
        let mut out = Vec::with_capacity(items.len());
        for (key, (len, term, case, local)) in items {
            if len < 3 || len != key.chars().count() {
                return Err(PyValueError::new_err(
                    "a key is a padded word of its length",
                ));
            }
            let mut local_ids = Vec::with_capacity(local.len());
            for (lang, t) in local.iter() {
                let lang: String = lang.extract()?;
                let next = langs.len() as u16;
                local_ids.push((*langs.entry(lang).or_insert(next), id_of(&t)?));
            }
            out.push(Key {
                len,
                term: id_of(&term)?,
                case,
                local: local_ids.into_boxed_slice(),
            });
            keys.push(key);
        }
        check_keys(keys.iter())?;
        Ok(GeoScanner {
            words: Words::new(&keys)?,
            keys: out,
            any_lang: langs.get(any_lang).copied(),
            langs,
            chars: Chars::new(fold_rows, flag_rows)?,
        })
    }

    /// Hits of `Matcher.find` as `(start, end, term id)`, computed without the GIL.
    #[pyo3(signature = (text, any_case, lang, stems=None))]
    fn find(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyString>,
        any_case: bool,
        lang: &str,
        stems: Option<&Bound<'_, StemScanner>>,
    ) -> PyResult<Vec<(usize, usize, u32)>> {
        let text = Text::from_py(text)?;
        if text.len() == 0 {
            return Ok(Vec::new());
        }
        let foreign = !lang.is_empty() && lang != "en";
        let lang_id = self.langs.get(lang).copied();
        let any = if foreign { self.any_lang } else { None };
        let stems = stems.map(Bound::get);
        py.detach(|| {
            crate::unpanic("GeoScanner.find", || {
                self.scan(&text, any_case, lang_id, any, stems)
            })
        })
    }

    /// `fold(text)` (`streams/core/geo/text.py`), for the identity tests.
    fn fold(&self, text: &Bound<'_, PyString>) -> PyResult<String> {
        let text = Text::from_py(text)?;
        let norm = Norm::new(&text, &self.chars);
        let s = String::from_utf8_lossy(&norm.bytes);
        Ok(s[1..s.len() - 1].to_string())
    }
}
