//! `streams/core/text.py`'s whitespace pass (`_lines_flagged`): printable lines, single
//! spaces, no blank at a line's end or start, at most one blank line in a row, none at either
//! end, and (`controls`) C0/C1 controls removed. Almost every text is already normal (it is
//! cleaned again after each reader), and in Python the test that says so was four
//! whole-text substring searches, an ASCII encode and a byte translation, about 4% of the
//! pure pipeline's instructions; the texts it changes (HTML reduced to text, mostly) cost
//! about 120 k instructions each in the per-line loop. Here the test is one pass over the
//! UTF-8 bytes (SIMD substring searches, a vectorised range check) and the change another.
//!
//! Python's answer depends on its Unicode tables (`str.isprintable`, `str.split`'s blanks)
//! only for characters outside ASCII. This module handles ASCII and the characters of
//! [`PRINTABLE`] (printable, so neither blank nor control), and leaves every other text to
//! the Python pass (`None`): it never answers where Python's tables could answer otherwise.

use memchr::memmem;
use pyo3::prelude::*;
use pyo3::types::PyString;

/// Ranges of characters that `str.isprintable()` is true for (every one assigned by Unicode
/// 14, Python 3.11's tables, and none a separator, control or format character): Latin-1's
/// letters and signs less the soft hyphen, Latin, Greek, Cyrillic, Hebrew and Arabic letters,
/// Devanagari, punctuation, currency and letter-like signs, kana, CJK, Hangul and full-width
/// forms. `tests/unit/core/test_native_text.py` checks every character of them against
/// Python's own test.
const PRINTABLE: [(u32, u32); 21] = [
    (0xA1, 0xAC),
    (0xAE, 0x377),
    (0x37A, 0x37F),
    (0x384, 0x38A),
    (0x38C, 0x38C),
    (0x38E, 0x3A1),
    (0x3A3, 0x52F),
    (0x5D0, 0x5EA),
    (0x620, 0x64A),
    (0x660, 0x669),
    (0x900, 0x97F),
    (0x1E00, 0x1EFF),
    (0x2010, 0x2027),
    (0x2030, 0x205E),
    (0x20A0, 0x20C0),
    (0x2100, 0x218B),
    (0x3041, 0x3096),
    (0x30A1, 0x30FF),
    (0x4E00, 0x9FFF),
    (0xAC00, 0xD7A3),
    (0xFF01, 0xFF60),
];

fn known_printable(c: char) -> bool {
    let c = u32::from(c);
    PRINTABLE.iter().any(|&(lo, hi)| lo <= c && c <= hi)
}

/// Whether none of 16 bytes is outside 0x20-0x7E but the newline: a fixed-size reduction,
/// which the compiler makes a few vector instructions.
#[inline]
fn plain16(block: &[u8; 16]) -> bool {
    block.iter().fold(0u8, |acc, &b| {
        acc | u8::from((b.wrapping_sub(0x20) >= 0x5F) & (b != b'\n'))
    }) == 0
}

/// Whether 16 bytes are printable ASCII words and single spaces: a block the whitespace
/// passes ([`lines`], [`words_joined`]) copy as it is (a space first only right after a word,
/// a space last held back until a word follows). Fixed-size reductions, which the compiler
/// makes a few vector instructions.
#[inline]
fn simple16(block: &[u8; 16]) -> bool {
    let outside = block
        .iter()
        .fold(0u8, |acc, &b| acc | u8::from(b.wrapping_sub(0x20) >= 0x5F));
    let doubled = block.windows(2).fold(0u8, |acc, w| {
        acc | u8::from((w[0] == b' ') & (w[1] == b' '))
    });
    outside | doubled == 0
}

/// The 16 bytes at `at`, when there are that many.
#[inline]
fn block16(bytes: &[u8], at: usize) -> Option<&[u8; 16]> {
    bytes
        .get(at..at + 16)
        .and_then(|b| <&[u8; 16]>::try_from(b).ok())
}

/// What [`scan`] found in a text.
struct Scan {
    /// An ASCII control (a byte below 0x20 but the newline, or 0x7F).
    control: bool,
    /// A character outside ASCII and [`PRINTABLE`]: only Python's tables can judge it.
    unknown: bool,
}

/// One pass over the text: its ASCII controls and unknown characters. Runs of 16 plain ASCII
/// bytes are skipped whole; only a block holding another byte is read byte by byte. A skip
/// always ends on a character boundary (a block with a character's first byte is no skip).
fn scan(text: &str) -> Scan {
    let bytes = text.as_bytes();
    let mut found = Scan {
        control: false,
        unknown: false,
    };
    let mut i = 0;
    while i < bytes.len() {
        if let Some(block) = bytes
            .get(i..i + 16)
            .and_then(|b| <&[u8; 16]>::try_from(b).ok())
        {
            if plain16(block) {
                i += 16;
                continue;
            }
        }
        let b = bytes[i];
        if b < 0x80 {
            if b != b'\n' && (b < 0x20 || b == 0x7F) {
                found.control = true;
            }
            i += 1;
        } else {
            match text.get(i..).and_then(|rest| rest.chars().next()) {
                Some(c) if known_printable(c) => i += c.len_utf8(),
                _ => {
                    found.unknown = true;
                    return found;
                }
            }
        }
    }
    found
}

/// Whether a text free of controls is normal as to blanks and lines: no blank at either end,
/// no double space, no space at a line's end or start, no run of blank lines.
fn normal_blanks(bytes: &[u8]) -> bool {
    let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else {
        return true; // "": nothing to change
    };
    if first == b' ' || first == b'\n' || last == b' ' || last == b'\n' {
        return false;
    }
    [&b"  "[..], b" \n", b"\n ", b"\n\n\n"]
        .iter()
        .all(|needle| memmem::find(bytes, needle).is_none())
}

/// C0 and C1 controls the Python pass removes (`text._C0_C1`), ASCII part: all but the tab,
/// the newline and the carriage return.
fn removed_control(b: u8) -> bool {
    matches!(b, 0x00..=0x08 | 0x0B | 0x0C | 0x0E..=0x1F | 0x7F)
}

/// ASCII blanks of `str.split()` (the newline aside: lines are split first).
fn ascii_blank(b: u8) -> bool {
    matches!(b, b'\t' | 0x0B | 0x0C | b'\r' | 0x1C..=0x1F | b' ')
}

/// What the Python pass makes of `text`.
pub enum Lines {
    /// Already normal: returned unchanged.
    Same,
    /// The normal text, and whether a control character was removed.
    Changed(String, bool),
    /// A character only Python's tables can judge: the Python pass runs.
    Unknown,
}

/// `_lines_python(text, controls=controls)`, for a text of ASCII and [`PRINTABLE`] characters:
/// each line's controls removed (`controls`), its blanks collapsed to single spaces and
/// trimmed, and runs of blank lines made one, none kept at either end. Every blank and
/// control is an ASCII byte and no byte of a [`PRINTABLE`] character is below 0x80, so the
/// work is on bytes: removing ASCII bytes leaves the UTF-8 valid.
pub fn lines(text: &str, controls: bool) -> Lines {
    let found = scan(text);
    if found.unknown {
        return Lines::Unknown;
    }
    if !found.control && normal_blanks(text.as_bytes()) {
        return Lines::Same;
    }
    let mut out: Vec<u8> = Vec::with_capacity(text.len());
    let mut entries = 0usize; // lines written, blank ones included
    let mut blank = true; // the last line written was blank (or none was written)
    let mut removed = false;
    for line in text.as_bytes().split(|&b| b == b'\n') {
        let mark = out.len();
        if entries > 0 {
            out.push(b'\n');
        }
        let body = out.len();
        let mut space = false;
        let mut j = 0;
        let mut slow_until = 0; // bytes before this go through the byte loop
        while j < line.len() {
            if j >= slow_until {
                if let Some(block) = block16(line, j) {
                    // A space first is written only right after a written non-blank (what
                    // the byte loop would write before the next word); else the byte loop.
                    if simple16(block) && (block[0] != b' ' || !space && out.len() > body) {
                        if space {
                            out.push(b' ');
                            space = false;
                        }
                        if block[15] == b' ' {
                            out.extend_from_slice(&block[..15]);
                            space = true; // written when a word follows on this line
                        } else {
                            out.extend_from_slice(block);
                        }
                        j += 16;
                        continue;
                    }
                    slow_until = j + 16;
                }
            }
            let b = line[j];
            j += 1;
            if b < 0x80 {
                if controls && removed_control(b) {
                    removed = true;
                    continue;
                }
                if ascii_blank(b) {
                    space = out.len() > body;
                    continue;
                }
            }
            if space {
                out.push(b' ');
                space = false;
            }
            out.push(b);
        }
        if out.len() > body {
            entries += 1;
            blank = false;
        } else if !blank {
            entries += 1; // one blank line, written as the separator alone
            blank = true;
        } else {
            out.truncate(mark);
        }
    }
    if blank && entries > 0 {
        out.pop(); // a blank last line: its separator goes too
    }
    match String::from_utf8(out) {
        Ok(out) => Lines::Changed(out, removed),
        Err(_) => Lines::Unknown, // cannot happen (only ASCII bytes are dropped): Python decides
    }
}

/// Which of a fixed list of strings occur in a text: `[n for n, p in enumerate(patterns) if
/// p in text]`, each pattern searched by a prebuilt SIMD finder (`memchr::memmem`), several
/// times faster than `str.__contains__`'s search. A pattern in a `str` is the pattern's UTF-8
/// in the text's UTF-8 (a valid UTF-8 string matches only at character boundaries), so the
/// answer is `in`'s. The plain reader asks it of about 15 rights-phrase anchors on every
/// payload (`plaintext._paragraphs`), geo of about 70 local-news cues (`tagger._local_counts`).
/// (One Aho-Corasick pass with overlapping matches was tried: about 140 k instructions a
/// 6 KB text, no faster than the substring searches it replaced.)
#[pyclass(frozen, module = "wirestream_native")]
pub struct Substrings {
    finders: Vec<memmem::Finder<'static>>,
}

impl Substrings {
    pub fn build(patterns: &[String]) -> Self {
        Self {
            finders: patterns
                .iter()
                .map(|p| memmem::Finder::new(p.as_bytes()).into_owned())
                .collect(),
        }
    }

    /// The indices of the patterns found, ascending. Linear in the text for a fixed list.
    pub fn present_in(&self, text: &str) -> Vec<usize> {
        let bytes = text.as_bytes();
        self.finders
            .iter()
            .enumerate()
            .filter_map(|(n, finder)| finder.find(bytes).map(|_| n))
            .collect()
    }
}

#[pymethods]
impl Substrings {
    #[new]
    fn new(patterns: Vec<String>) -> Self {
        Self::build(&patterns)
    }

    /// `[n for n, p in enumerate(patterns) if p in text]`.
    fn present(&self, text: &str) -> PyResult<Vec<usize>> {
        crate::unpanic("Substrings.present", || self.present_in(text))
    }
}

/// `streams/core/lang.py`'s word vote (`detect`): each of a lower-cased sample's first
/// `limit` words, as `str.split()` cuts them, stripped of the marks (`str.strip(marks)`),
/// looked up in the function-word table; every language a word is listed for gets a vote.
/// In Python each word was a new `str`, hashed for its dictionary lookup and tested for an
/// edge mark (about 1 k instructions a word, 80 words an item without a language); here the
/// words are slices of the sample's UTF-8. The table and marks come from the data file, read
/// by `lang.py`; `tests/unit/core/test_lang.py` holds the two ways to each other.
#[pyclass(frozen, module = "wirestream_native")]
pub struct Votes {
    table: std::collections::HashMap<String, Vec<u16>, crate::FnvBuild>,
    /// The ASCII marks by byte, and the others.
    ascii_marks: [bool; 128],
    other_marks: Vec<char>,
}

impl Votes {
    pub fn build(table: Vec<(String, Vec<u16>)>, marks: &str) -> Self {
        let mut ascii_marks = [false; 128];
        let mut other_marks = Vec::new();
        for c in marks.chars() {
            match ascii_marks.get_mut(c as usize) {
                Some(slot) => *slot = true,
                None => other_marks.push(c),
            }
        }
        Self {
            table: table.into_iter().collect(),
            ascii_marks,
            other_marks,
        }
    }

    fn is_mark(&self, c: char) -> bool {
        match self.ascii_marks.get(c as usize) {
            Some(&mark) => mark,
            None => self.other_marks.contains(&c),
        }
    }

    /// One word's votes: `word` stripped of its marks at either end, looked up.
    fn vote(&self, word: &str, votes: &mut Vec<(u16, u32)>) {
        let bare = word.trim_matches(|c: char| self.is_mark(c));
        let Some(codes) = self.table.get(bare) else {
            return;
        };
        for &code in codes {
            match votes.iter_mut().find(|v| v.0 == code) {
                Some(v) => v.1 += 1,
                None => votes.push((code, 1)),
            }
        }
    }

    /// The votes as (language index, count), in the order each language got its first vote.
    /// Words are cut at [`py_space`]'s blanks, an ASCII byte read by table.
    pub fn count_in(&self, text: &str, limit: usize) -> Vec<(u16, u32)> {
        let mut votes: Vec<(u16, u32)> = Vec::new();
        let bytes = text.as_bytes();
        let mut seen = 0usize;
        let mut start: Option<usize> = None;
        let mut i = 0usize;
        while i < bytes.len() && seen < limit {
            let b = bytes[i];
            let (blank, width) = match ASCII_SPACE.get(usize::from(b)) {
                Some(&blank) => (blank, 1),
                None => match text.get(i..).and_then(|rest| rest.chars().next()) {
                    Some(c) => (py_space(c), c.len_utf8()),
                    None => (false, 1),
                },
            };
            if blank {
                if let Some(from) = start.take() {
                    self.vote(text.get(from..i).unwrap_or_default(), &mut votes);
                    seen += 1;
                }
            } else if start.is_none() {
                start = Some(i);
            }
            i += width;
        }
        if let Some(from) = start {
            if seen < limit {
                self.vote(text.get(from..).unwrap_or_default(), &mut votes);
            }
        }
        votes
    }
}

#[pymethods]
impl Votes {
    #[new]
    fn new(table: Vec<(String, Vec<u16>)>, marks: &str) -> Self {
        Self::build(table, marks)
    }

    /// The votes of `text`'s first `limit` words, as (language index, count) in first-vote
    /// order. A lone surrogate (no UTF-8) raises `UnicodeEncodeError`.
    fn count(&self, text: &str, limit: usize) -> PyResult<Vec<(u16, u32)>> {
        crate::unpanic("Votes.count", || self.count_in(text, limit))
    }
}

/// Whether `c` is a blank to Python's `str.isspace()` and `str.split()` (3.11, Unicode 14):
/// ASCII's tab to carriage return, the four separators 0x1C-0x1F and the space; NEL, NBSP,
/// the Ogham space, U+2000-U+200A, the line and paragraph separators, the narrow NBSP, the
/// medium mathematical space and the ideographic space. Also what a `str` pattern's `\s`
/// matches. `tests/unit/core/test_native_text.py` checks every code point.
#[inline]
pub fn py_space(c: char) -> bool {
    matches!(
        c,
        '\t'..='\r'
            | '\u{1c}'..='\u{20}'
            | '\u{85}'
            | '\u{a0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200a}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202f}'
            | '\u{205f}'
            | '\u{3000}'
    )
}

/// The ASCII bytes [`py_space`] is true for.
const fn ascii_space_table() -> [bool; 128] {
    let mut t = [false; 128];
    let mut b = 0x09;
    while b <= 0x0D {
        t[b] = true;
        b += 1;
    }
    let mut b = 0x1C;
    while b <= 0x20 {
        t[b] = true;
        b += 1;
    }
    t
}

const ASCII_SPACE: [bool; 128] = ascii_space_table();

/// `" ".join(text.split()).encode("utf-8")` (`identity._words_utf8`): the text's words, as
/// Python's `str.split()` cuts them, joined by single spaces, in UTF-8. One pass: runs of
/// ASCII word bytes are copied whole.
pub fn words_joined(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(bytes.len());
    let mut pending = false; // a blank since the last word byte written
    let mut i = 0;
    let mut slow_until = 0; // bytes before this go through the loop below
    while i < bytes.len() {
        if i >= slow_until {
            if let Some(block) = block16(bytes, i) {
                if simple16(block) && (block[0] != b' ' || !pending && !out.is_empty()) {
                    if pending {
                        out.push(b' ');
                        pending = false;
                    }
                    if block[15] == b' ' {
                        out.extend_from_slice(&block[..15]);
                        pending = true;
                    } else {
                        out.extend_from_slice(block);
                    }
                    i += 16;
                    continue;
                }
                slow_until = i + 16;
            }
        }
        let b = bytes[i];
        if b < 0x80 {
            if ASCII_SPACE[usize::from(b)] {
                pending = !out.is_empty();
            } else {
                if pending {
                    out.push(b' ');
                    pending = false;
                }
                out.push(b);
            }
            i += 1;
        } else {
            let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
                break; // cannot happen: `i` is always a character boundary
            };
            let n = c.len_utf8();
            if py_space(c) {
                pending = !out.is_empty();
            } else {
                if pending {
                    out.push(b' ');
                    pending = false;
                }
                out.extend_from_slice(&bytes[i..i + n]);
            }
            i += n;
        }
    }
    out
}

/// How many bytes of `data` are in `set`.
/// When every byte of the set is an ASCII control (below 0x20, or 0x7F), a block of 16
/// bytes holding none is skipped by one vectorised test: most texts hold only a few newlines.
pub fn count_bytes(data: &[u8], set: &[u8]) -> usize {
    let mut table = [0u8; 256];
    for &b in set {
        table[usize::from(b)] = 1;
    }
    let count = |part: &[u8]| -> usize {
        part.iter()
            .map(|&b| usize::from(table[usize::from(b)]))
            .sum()
    };
    if !set.iter().all(|&b| b < 0x20 || b == 0x7F) {
        return count(data);
    }
    let mut total = 0;
    let mut blocks = data.chunks_exact(16);
    for block in &mut blocks {
        let control = block
            .iter()
            .fold(0u8, |acc, &b| acc | u8::from((b < 0x20) | (b == 0x7F)));
        if control != 0 {
            total += count(block);
        }
    }
    total + count(blocks.remainder())
}

/// A character as a `re.IGNORECASE` `str` pattern of ASCII letters and digits sees it: the
/// ASCII letter it matches (lower case), an ASCII digit as itself, or None. Besides ASCII's
/// own capitals only four characters match an ASCII letter (checked over every code point by
/// `tests/unit/core/test_native_text.py`): U+0130 and U+0131 match "i", U+017F "s", U+212A "k".
#[inline]
fn ignorecase_alnum(c: char) -> Option<u8> {
    match c {
        'a'..='z' | '0'..='9' => Some(c as u8),
        'A'..='Z' => Some(c as u8 | 0x20),
        '\u{130}' | '\u{131}' => Some(b'i'),
        '\u{17f}' => Some(b's'),
        '\u{212a}' => Some(b'k'),
        _ => None,
    }
}

/// Names whose tags are paragraph breaks (`text._MARK_BLOCK`), line breaks (`_MARK_LINE`) and
/// cells (`_MARK_CELL`).
const BLOCK_NAMES: &[&[u8]] = &[
    b"p",
    b"div",
    b"li",
    b"ul",
    b"ol",
    b"h1",
    b"h2",
    b"h3",
    b"h4",
    b"h5",
    b"h6",
    b"blockquote",
    b"pre",
    b"table",
    b"tr",
    b"section",
    b"article",
    b"header",
    b"footer",
];
const LINE_NAMES: &[&[u8]] = &[b"br", b"hr"];
const CELL_NAMES: &[&[u8]] = &[b"td", b"th"];
const DROPPED_NAMES: &[&[u8]] = &[b"script", b"style", b"title", b"template"];
/// The longest name of the lists above.
const LONGEST_NAME: usize = 10;
/// `text._LONG_TAG`'s run of characters that are not "<" or ">".
const LONG_TAG_CHARS: usize = 1024;

/// What [`html_marks`] found.
pub struct Marks {
    /// The markup with the breaks put in, or None when it has none to put in.
    pub marked: Option<String>,
    /// How many "<" the markup holds (`markup.count("<")`).
    pub opens: usize,
    /// `text._LONG_TAG.search(markup) is not None`.
    pub long_tag: bool,
    /// `text._HAS_DROPPED.search(markup) is not None`.
    pub dropped: bool,
}

/// The name after a "<" (or "</") as the patterns read it, folded: up to [`LONGEST_NAME`] + 1
/// characters that match an ASCII letter or digit, and the character after them.
fn tag_name(text: &str, from: usize) -> ([u8; LONGEST_NAME + 1], usize, Option<char>) {
    let mut name = [0u8; LONGEST_NAME + 1];
    let mut n = 0;
    let mut next = None;
    if let Some(rest) = text.get(from..) {
        for c in rest.chars() {
            match ignorecase_alnum(c) {
                Some(b) if n <= LONGEST_NAME => {
                    name[n] = b;
                    n += 1;
                }
                Some(_) => break, // longer than any name: no match, whatever follows
                None => {
                    next = Some(c);
                    break;
                }
            }
        }
    }
    (name, n, next)
}

/// `text.html_to_text`'s passes before the HTML parser, in one: `_LONG_TAG.search`,
/// `markup.count("<")`, `_MARK_BLOCK.sub("\n\n<", ...)` then `_MARK_LINE.sub("\n<", ...)`,
/// `_MARK_CELL.sub(" <", ...)` when the text holds "<t" or "<T", and `_HAS_DROPPED.search`.
/// Every pattern starts at a "<" and only looks ahead of it, the three name lists are
/// disjoint, and the marks go before the "<", so each "<" of the markup is judged on its own
/// and gets at most one mark: the three substitutions in a row put in what one pass does.
pub fn html_marks(text: &str) -> Marks {
    let bytes = text.as_bytes();
    let cells = memmem::find(bytes, b"<t").is_some() || memmem::find(bytes, b"<T").is_some();
    let mut marks: Vec<(usize, &'static str)> = Vec::new();
    let mut opens = 0;
    let mut long_tag = false;
    let mut dropped = false;
    for at in memchr::memchr_iter(b'<', bytes) {
        opens += 1;
        let after = bytes.get(at + 1).copied();
        if !long_tag && matches!(after, Some(b'A'..=b'Z' | b'a'..=b'z' | b'/')) {
            // 1024 characters after the letter or slash, none of them "<" or ">".
            let from = at + 2;
            let stop = memchr::memchr2(b'<', b'>', bytes.get(from..).unwrap_or_default())
                .map_or(bytes.len(), |k| from + k);
            if stop >= from + LONG_TAG_CHARS {
                let chars = bytes[from..stop]
                    .iter()
                    .filter(|&&b| b & 0xC0 != 0x80)
                    .count();
                long_tag = chars >= LONG_TAG_CHARS;
            }
        }
        let (name, n, next) = tag_name(text, at + 1);
        if !dropped && n > 0 {
            dropped = DROPPED_NAMES.iter().any(|d| name[..n].starts_with(d));
        }
        let (name, n, next) = if after == Some(b'/') {
            tag_name(text, at + 2)
        } else {
            (name, n, next)
        };
        if n == 0 || n > LONGEST_NAME || !next.is_some_and(|c| c == '/' || c == '>' || py_space(c))
        {
            continue;
        }
        let name = &name[..n];
        if BLOCK_NAMES.contains(&name) {
            marks.push((at, "\n\n"));
        } else if LINE_NAMES.contains(&name) {
            marks.push((at, "\n"));
        } else if cells && CELL_NAMES.contains(&name) {
            marks.push((at, " "));
        }
    }
    let marked = if marks.is_empty() {
        None
    } else {
        let extra: usize = marks.iter().map(|(_, m)| m.len()).sum();
        let mut out = String::with_capacity(bytes.len() + extra);
        let mut last = 0;
        for (at, mark) in marks {
            out.push_str(&text[last..at]); // `at` is a "<": a character boundary
            out.push_str(mark);
            last = at;
        }
        out.push_str(&text[last..]);
        Some(out)
    };
    Marks {
        marked,
        opens,
        long_tag,
        dropped,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(text: &str) -> bool {
        matches!(lines(text, true), Lines::Same)
    }

    #[test]
    fn normal_and_not() {
        assert!(same(""));
        assert!(same("a"));
        assert!(same("One line.\n\nTwo lines.\nThree."));
        assert!(same("Café “quoted” — 東京"));
        for bad in [
            " a", "a ", "\na", "a\n", "a  b", "a \nb", "a\n b", "a\n\n\nb", "a\tb", "a\x7fb",
            "a\rb", "a\x00b",
        ] {
            assert!(matches!(lines(bad, true), Lines::Changed(..)), "{bad:?}");
        }
        for ask in [
            "a\u{a0}b",
            "a\u{ad}b",
            "a\u{200b}b",
            "a\u{85}b",
            "a\u{2028}b",
            "a\u{10000}b",
            "a\u{a0}b\tc",
        ] {
            assert!(matches!(lines(ask, true), Lines::Unknown), "{ask:?}");
        }
    }

    #[test]
    fn long_texts_every_block_boundary() {
        let base = "word ".repeat(40) + "end “q” é";
        assert!(same(&base));
        for pos in 1..base.len() - 1 {
            if base.as_bytes()[pos] < 0x80 && base.as_bytes()[pos] != b' ' {
                let mut t = base.clone().into_bytes();
                t[pos] = 0x01;
                let t = String::from_utf8(t).unwrap();
                assert!(matches!(lines(&t, true), Lines::Changed(_, true)), "{pos}");
            }
        }
    }

    fn changed(text: &str, controls: bool) -> (String, bool) {
        match lines(text, controls) {
            Lines::Changed(out, removed) => (out, removed),
            Lines::Same => (text.to_owned(), false),
            Lines::Unknown => panic!("unknown: {text:?}"),
        }
    }

    #[test]
    fn the_python_pass_by_hand() {
        assert_eq!(
            changed("  a  b \n\n\n\n c\t\td  \n\n", true),
            ("a b\n\nc d".into(), false)
        );
        assert_eq!(changed("\n\n", true), (String::new(), false));
        assert_eq!(changed("a\x01b\x1fc", true), ("abc".into(), true));
        assert_eq!(changed("a\x01b\x1fc", false), ("a\x01b c".into(), false));
        assert_eq!(changed("a\n \n\t\nb", true), ("a\n\nb".into(), false));
        assert_eq!(changed("é  “x”", true), ("é “x”".into(), false));
        assert!(matches!(lines("a\u{a0} b", true), Lines::Unknown));
        assert!(matches!(lines("a\u{a0}b", true), Lines::Unknown));
    }

    #[test]
    fn substrings_are_in() {
        let pats: Vec<String> = ["written", "rights reserved", "reserved", "", "é", "x"]
            .iter()
            .map(|p| (*p).to_owned())
            .collect();
        let subs = Substrings::build(&pats);
        assert_eq!(subs.present_in("All rights reserved. é"), vec![1, 2, 3, 4]);
        assert_eq!(subs.present_in(""), vec![3]);
        let none = Substrings::build(&[]);
        assert!(none.present_in("text").is_empty());
    }
}

/// `streams/core/dedup/sketch.py`'s `_maybe_clock_python` over a text's UTF-8 bytes, folded
/// as its `_CLOCK_BYTES` folds them: a digit (or any byte of a non-ASCII character, which may
/// be one) before ":", "h" or "H"; before "." and two more such bytes; or before "am" or "a."
/// ("a", "A", "p", "P"; "m", "M"), with one other ASCII byte (a blank, a mark) allowed between.
/// In Python a byte translation and six substring searches, about 16 instructions a byte and
/// 1% of the pure pipeline, for a test almost every story fails.
///
/// Only a digit (or a byte >= 0x80) can start a clock, so eight bytes at a time that hold
/// none are skipped by one word test (`digit_or_high`): about 1 instruction a byte where the
/// byte-by-byte test took 8 (47 k a call on the bench's texts, 1.3% of the pure pipeline).
pub fn maybe_clock(bytes: &[u8]) -> bool {
    let n = bytes.len();
    let mut i = 0;
    while i < n {
        let stop = (i + 8).min(n);
        if stop - i == 8 {
            let mut word = [0u8; 8];
            word.copy_from_slice(&bytes[i..stop]);
            if !digit_or_high(u64::from_le_bytes(word)) {
                i = stop;
                continue;
            }
        }
        while i < stop {
            if clock_at(bytes, i) {
                return true;
            }
            i += 1;
        }
    }
    false
}

/// Whether any of the eight bytes of `w` is an ASCII digit or has its high bit set. With no
/// high bit set, adding 0x50 (0x80 - b'0') or 0x46 (0x80 - b':') to a byte carries into
/// no neighbour (0x7f + 0x50 < 0x100), and sets the byte's high bit exactly when the byte
/// is at least b'0' or b':': a digit sets the first and not the second.
#[inline]
fn digit_or_high(w: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = ONES * 0x80;
    if w & HIGH != 0 {
        return true;
    }
    let from_zero = w.wrapping_add(ONES * (0x80 - u64::from(b'0')));
    let from_colon = w.wrapping_add(ONES * (0x80 - u64::from(b':')));
    from_zero & !from_colon & HIGH != 0
}

/// Whether a clock can start at `bytes[i]` (`maybe_clock`'s test at one position).
#[inline]
fn clock_at(bytes: &[u8], i: usize) -> bool {
    let digit = |c: u8| c.is_ascii_digit() || c >= 0x80;
    let half = |c: u8| matches!(c, b'a' | b'A' | b'p' | b'P');
    let m_or_dot = |c: Option<&u8>| matches!(c, Some(b'm' | b'M' | b'.'));
    let other = |c: u8| c < 0x80 && !c.is_ascii_digit() && !b":hH.aApPmM".contains(&c);
    if !digit(bytes[i]) {
        return false;
    }
    let at = |k: usize| bytes.get(i + k).copied();
    match at(1) {
        Some(b':' | b'h' | b'H') => true,
        Some(b'.') => at(2).is_some_and(digit) && at(3).is_some_and(digit),
        Some(c) if half(c) => m_or_dot(bytes.get(i + 2)),
        Some(c) if other(c) => at(2).is_some_and(half) && m_or_dot(bytes.get(i + 3)),
        _ => false,
    }
}

#[cfg(test)]
mod clock_tests {
    use super::maybe_clock;

    #[test]
    fn clock_forms() {
        for yes in [
            "at 6:52",
            "6h52",
            "20H",
            "21.00 Uhr",
            "٦:٥٢",
            "é:",
            "x 1.23",
        ] {
            assert!(maybe_clock(yes.as_bytes()), "{yes}");
        }
        for no in [
            "",
            "6",
            "3.5 per cent",
            "no digits here",
            "6.5",
            "h6",
            ":6",
            "6  pm",
            "6 a",
        ] {
            assert!(!maybe_clock(no.as_bytes()), "{no}");
        }
    }

    /// The word skip against the byte-by-byte test, at every offset of an 8-byte word and
    /// across words: each byte value next to a clock's second byte, in texts of every length.
    #[test]
    fn word_skip_is_the_byte_test() {
        use super::{clock_at, digit_or_high};
        for b in 0..=255u8 {
            for at in 0..8 {
                let mut w = [b'x'; 8];
                w[at] = b;
                let want = b.is_ascii_digit() || b >= 0x80;
                assert_eq!(digit_or_high(u64::from_le_bytes(w)), want, "{b} at {at}");
            }
        }
        let pieces: [&[u8]; 9] = [
            b"abcdefg ",
            b"7",
            b":",
            b"h",
            b" pm",
            b".30",
            b"\xc3\xa9",
            b"x",
            b"1.5 ",
        ];
        let mut seed: u64 = 1;
        for _ in 0..20_000 {
            let mut text = Vec::new();
            for _ in 0..(seed % 7) {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                text.extend_from_slice(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
            let slow = (0..text.len()).any(|i| clock_at(&text, i));
            assert_eq!(
                maybe_clock(&text),
                slow,
                "{:?}",
                String::from_utf8_lossy(&text)
            );
        }
    }
}

/// The lines `sketch.strip_furniture` drops from an ASCII text, and the text without them.
/// Built from the furniture phrases (case-folded, as `furniture_prefixes` gives them) and the
/// characters a furniture line may open with (`sketch._furniture`'s initials). A phrase that is
/// not ASCII or longer than the 40 characters a line's head is cut to can never open an ASCII
/// line, so it is left out; the rest are grouped by their first byte.
#[pyclass(frozen, module = "wirestream_native")]
pub struct Furniture {
    initials: [bool; 128],
    by_initial: Vec<Vec<Vec<u8>>>,
}

/// `_opens_furniture(line.lstrip()[:40].casefold(), ...)`'s cut.
const FURNITURE_HEAD: usize = 40;
/// Lines this long or longer are story paragraphs (`strip_furniture`'s 160).
const FURNITURE_LINE: usize = 160;
/// `FURNITURE_MAX_WORDS`.
const FURNITURE_WORDS: usize = 16;

impl Furniture {
    pub fn build(phrases: &[String], initials: &str) -> Self {
        let mut by_initial: Vec<Vec<Vec<u8>>> = vec![Vec::new(); 128];
        for p in phrases {
            let b = p.as_bytes();
            if b.is_empty() || !b.is_ascii() || b.len() > FURNITURE_HEAD {
                continue;
            }
            if let Some(group) = by_initial.get_mut(usize::from(b[0])) {
                group.push(b.to_vec());
            }
        }
        let mut set = [false; 128];
        for c in initials.chars() {
            if let Some(slot) = set.get_mut(c as usize) {
                *slot = true;
            }
        }
        Self {
            initials: set,
            by_initial,
        }
    }

    /// Whether the line (no `\n` in it) is furniture: it opens, past its blanks, with a
    /// phrase (ASCII case folded), and holds at most 16 words.
    fn drops(&self, line: &[u8]) -> bool {
        let from = line
            .iter()
            .position(|&b| !ASCII_SPACE.get(usize::from(b)).copied().unwrap_or(false))
            .unwrap_or(line.len());
        let rest = line.get(from..).unwrap_or_default();
        let head = &rest[..rest.len().min(FURNITURE_HEAD)];
        let Some(&first) = head.first() else {
            return false;
        };
        let Some(group) = self.by_initial.get(usize::from(first.to_ascii_lowercase())) else {
            return false;
        };
        let opens = group.iter().any(|p| {
            p.len() <= head.len()
                && p.iter()
                    .zip(head)
                    .all(|(&a, &b)| a == b.to_ascii_lowercase())
        });
        if !opens {
            return false;
        }
        let mut words = 0usize;
        let mut inside = false;
        for &b in line {
            let blank = ASCII_SPACE.get(usize::from(b)).copied().unwrap_or(false);
            if !blank && !inside {
                words += 1;
            }
            inside = !blank;
        }
        words <= FURNITURE_WORDS
    }

    /// The text without its furniture lines (`"\n".join` of the others), or `None` when no
    /// line goes. `text` must be ASCII.
    pub fn stripped(&self, text: &[u8]) -> Option<Vec<u8>> {
        let mut kept: Option<Vec<u8>> = None;
        let mut first_kept = true;
        let mut start = 0usize;
        let mut n = 0usize;
        loop {
            let end = memchr::memchr(b'\n', text.get(start..).unwrap_or_default())
                .map_or(text.len(), |at| start + at);
            let line = text.get(start..end).unwrap_or_default();
            let dropped = (1..FURNITURE_LINE).contains(&line.len())
                && line
                    .first()
                    .is_some_and(|&b| self.initials.get(usize::from(b)).copied().unwrap_or(false))
                && self.drops(line);
            if dropped && kept.is_none() {
                // The first line to go: the lines before it are kept as they are.
                let mut out = Vec::with_capacity(text.len());
                if n > 0 {
                    out.extend_from_slice(text.get(..start - 1).unwrap_or_default());
                    first_kept = false;
                }
                kept = Some(out);
            } else if !dropped {
                if let Some(out) = kept.as_mut() {
                    if !first_kept {
                        out.push(b'\n');
                    }
                    out.extend_from_slice(line);
                    first_kept = false;
                }
            }
            if end == text.len() {
                break;
            }
            start = end + 1;
            n += 1;
        }
        kept
    }
}

#[pymethods]
impl Furniture {
    #[new]
    fn new(phrases: Vec<String>, initials: &str) -> Self {
        Self::build(&phrases, initials)
    }

    /// `strip_furniture(text)` for an ASCII `text` (the same object when no line goes), or
    /// `None` for any other text: the Python function then strips it.
    fn strip<'py>(&self, text: &Bound<'py, PyString>) -> PyResult<Option<Bound<'py, PyString>>> {
        let Ok(s) = text.to_str() else {
            return Ok(None);
        };
        if !s.is_ascii() {
            return Ok(None);
        }
        let out = crate::unpanic("Furniture.strip", || self.stripped(s.as_bytes()))?;
        Ok(Some(match out {
            None => text.clone(),
            // ASCII bytes of an ASCII text: valid UTF-8.
            Some(bytes) => PyString::new(text.py(), std::str::from_utf8(&bytes).unwrap_or_default()),
        }))
    }
}

/// `plaintext._paragraphs`' tests on an ASCII payload, where each was a Python pass: the rights
/// phrases (`str.lower` and `str.replace` of the whole text, the anchors' searches, a `find`
/// per phrase whose anchor is present, then every occurrence by more `find`s) and each
/// paragraph's opening (`_opens_with`: a slice and a fold of its head per paragraph, twice).
/// An ASCII text lower-cases byte by byte, one character a byte, so its places are the
/// Python pass's; any other text (`None`) takes the Python pass. Built from the phrases
/// (lower case, as the data file gives them), each phrase's anchor (`plaintext._anchors`),
/// and the two prefix lists with their cuts.
#[pyclass(frozen, module = "wirestream_native")]
pub struct PlainScreen {
    phrases: Vec<memmem::Finder<'static>>,
    /// Each phrase's anchor (an index into `anchors`), and whether it is its own.
    anchor_of: Vec<(usize, bool)>,
    anchors: Vec<memmem::Finder<'static>>,
    labelled: Vec<Vec<Vec<u8>>>,
    labelled_cut: usize,
    furniture: Vec<Vec<Vec<u8>>>,
    furniture_cut: usize,
    furniture_line: usize,
    places_kept: usize,
}

/// Phrases' and prefixes' occurrences: (start, end, index among the present phrases).
type Places = Vec<(usize, usize, usize)>;

/// The ASCII prefixes grouped by their first byte (an ASCII text's head, lower-cased, picks
/// its group by its own first byte, lower-cased). A prefix that is not ASCII never opens an
/// ASCII text's fold, and an empty one opens nothing in `_opens_with` (a group is picked by
/// a first character): left out.
fn ascii_prefixes(prefixes: &[String]) -> Vec<Vec<Vec<u8>>> {
    let mut groups: Vec<Vec<Vec<u8>>> = vec![Vec::new(); 128];
    for p in prefixes {
        let b = p.as_bytes();
        if let (Some(&first), true) = (b.first(), b.is_ascii()) {
            groups[usize::from(first)].push(b.to_vec());
        }
    }
    groups
}

/// Whether `head[..cut]` (no cut when 0), ASCII lower-cased, starts with one of the grouped
/// `prefixes`. `head` must be ASCII.
fn opens(head: &[u8], cut: usize, prefixes: &[Vec<Vec<u8>>]) -> bool {
    let head = if cut > 0 && head.len() > cut {
        &head[..cut]
    } else {
        head
    };
    let Some(group) = head
        .first()
        .and_then(|&b| prefixes.get(usize::from(b.to_ascii_lowercase())))
    else {
        return false;
    };
    group.iter().any(|p| {
        p.len() <= head.len()
            && p.iter()
                .zip(head)
                .all(|(&a, &b)| a == b.to_ascii_lowercase())
    })
}

impl PlainScreen {
    /// The present phrases' indices, ascending, and with two or more of them every
    /// occurrence of each (overlapping ones too), by start; `None` for more than
    /// `places_kept` (`_PLACES_KEPT`), as `_phrase_places`. `text` must be ASCII.
    pub fn places_in(&self, text: &[u8]) -> (Vec<usize>, Option<Places>) {
        let low: Vec<u8> = text
            .iter()
            .map(|&b| if b == b'\n' { b' ' } else { b.to_ascii_lowercase() })
            .collect();
        let anchored: Vec<bool> = self
            .anchors
            .iter()
            .map(|f| f.find(&low).is_some())
            .collect();
        let mut present = Vec::new();
        let mut firsts = Vec::new();
        for (n, &(anchor, own)) in self.anchor_of.iter().enumerate() {
            if !anchored.get(anchor).copied().unwrap_or(false) {
                continue;
            }
            let first = if own {
                self.anchors[anchor].find(&low)
            } else {
                self.phrases[n].find(&low)
            };
            if let Some(at) = first {
                present.push(n);
                firsts.push(at);
            }
        }
        if present.len() < 2 {
            return (present, None);
        }
        let mut places: Places = Vec::new();
        for (k, (&n, &first)) in present.iter().zip(&firsts).enumerate() {
            let finder = &self.phrases[n];
            let size = finder.needle().len();
            let mut at = first;
            loop {
                if places.len() == self.places_kept {
                    return (present, None);
                }
                places.push((at, at + size, k));
                match low.get(at + 1..).and_then(|rest| finder.find(rest)) {
                    Some(next) => at = at + 1 + next,
                    None => break,
                }
            }
        }
        places.sort_unstable();
        (present, Some(places))
    }

    /// A paragraph's opening: 1 when it opens with a labelled prefix (its head, lower-cased)
    /// or, at most `furniture_line` characters long, with a furniture phrase past its
    /// leading blanks (case-folded); 0 when neither; 2 for a paragraph that is not ASCII.
    pub fn opening(&self, para: &[u8]) -> u8 {
        if !para.is_ascii() {
            return 2;
        }
        if opens(para, self.labelled_cut, &self.labelled) {
            return 1;
        }
        if para.len() <= self.furniture_line {
            let from = para
                .iter()
                .position(|&b| !ASCII_SPACE[usize::from(b)])
                .unwrap_or(para.len());
            if opens(&para[from..], self.furniture_cut, &self.furniture) {
                return 1;
            }
        }
        0
    }
}

#[pymethods]
impl PlainScreen {
    #[new]
    #[allow(clippy::too_many_arguments)]
    fn new(
        phrases: Vec<String>,
        anchors: Vec<String>,
        anchor_of: Vec<usize>,
        labelled: Vec<String>,
        labelled_cut: usize,
        furniture: Vec<String>,
        furniture_cut: usize,
        furniture_line: usize,
        places_kept: usize,
    ) -> PyResult<Self> {
        if anchor_of.len() != phrases.len() || anchor_of.iter().any(|&a| a >= anchors.len()) {
            return Err(pyo3::exceptions::PyValueError::new_err("an anchor for each phrase"));
        }
        let finder = |p: &String| memmem::Finder::new(p.as_bytes()).into_owned();
        Ok(Self {
            anchor_of: anchor_of
                .iter()
                .zip(&phrases)
                .map(|(&a, p)| (a, *p == anchors[a]))
                .collect(),
            phrases: phrases.iter().map(finder).collect(),
            anchors: anchors.iter().map(finder).collect(),
            labelled: ascii_prefixes(&labelled),
            labelled_cut,
            furniture: ascii_prefixes(&furniture),
            furniture_cut,
            furniture_line,
            places_kept,
        })
    }

    /// For an ASCII text, the indices of the phrases it holds (its `"\n"`s read as spaces,
    /// lower-cased) and, with two or more, their places (`_phrase_places`); `None` for any
    /// other text.
    #[allow(clippy::type_complexity)]
    fn places(&self, text: &Bound<'_, PyString>) -> PyResult<Option<(Vec<usize>, Option<Places>)>> {
        let Ok(s) = text.to_str() else {
            return Ok(None);
        };
        if !s.is_ascii() {
            return Ok(None);
        }
        crate::unpanic("PlainScreen.places", || Some(self.places_in(s.as_bytes())))
    }

    /// Each paragraph's [`PlainScreen::opening`], one byte a paragraph.
    fn openings<'py>(
        &self,
        paras: &Bound<'py, pyo3::types::PyList>,
    ) -> PyResult<Bound<'py, pyo3::types::PyBytes>> {
        let out = crate::unpanic("PlainScreen.openings", || -> PyResult<Vec<u8>> {
            let mut out = Vec::with_capacity(paras.len());
            for para in paras.iter() {
                let para = para.cast_into::<PyString>()?;
                // A lone surrogate (no UTF-8): the Python test, as for any text not ASCII.
                out.push(para.to_str().map_or(2, |s| self.opening(s.as_bytes())));
            }
            Ok(out)
        })??;
        Ok(pyo3::types::PyBytes::new(paras.py(), &out))
    }
}
