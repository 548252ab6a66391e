//! Hot spots of the parse stage's readers (`streams/core/parse`).
//!
//! `MarkNames::found`: whether a text holds an agency mark written as a tag (`<endash>`),
//! the test before `streams/core/parse/xmlsafe.py`'s `_MARK.sub`: an RSS description is HTML
//! with a tag every few dozen characters and no mark, and the expression's scan for "<" was
//! about 25 k instructions a description (bench/README.md, session 36, hperf94).

use memchr::memchr_iter;
use pyo3::prelude::*;
use pyo3::types::PyString;

/// Longest and shortest mark names `_MARK` (`<([A-Za-z]{2,12})>`) reads.
const SHORTEST: usize = 2;
const LONGEST: usize = 12;

/// Whether `text` holds `<NAME>`, NAME a run of 2 to 12 ASCII letters (the whole run between
/// the "<" and the ">") whose ASCII lower case is one of `names`: exactly when
/// `_MARK.sub(lambda m: marks.get(m.group(1).lower(), m.group(0)), text)` replaces anything.
/// Letters, "<" and ">" are ASCII, one byte each in UTF-8, and no byte of another character
/// is below 0x80, so the bytes are read.
pub fn found(text: &[u8], names: &[Vec<u8>]) -> bool {
    for at in memchr_iter(b'<', text) {
        let from = at + 1;
        let mut end = from;
        while end < text.len() && end - from <= LONGEST && text[end].is_ascii_alphabetic() {
            end += 1;
        }
        let n = end - from;
        if !(SHORTEST..=LONGEST).contains(&n) || text.get(end) != Some(&b'>') {
            continue;
        }
        let name = text[from..end].to_ascii_lowercase();
        if names.iter().any(|k| *k == name) {
            return true;
        }
    }
    false
}

/// The mark names of `streams/data/parse/escaped_marks.json` (`xmlsafe._marks()`'s keys).
#[pyclass(frozen, module = "wirestream_native")]
pub struct MarkNames {
    names: Vec<Vec<u8>>,
}

#[pymethods]
impl MarkNames {
    #[new]
    fn new(names: Vec<String>) -> Self {
        // A name `_MARK` cannot read (not 2 to 12 ASCII letters) is never replaced: not kept.
        let names = names
            .into_iter()
            .map(String::into_bytes)
            .filter(|k| {
                (SHORTEST..=LONGEST).contains(&k.len()) && k.iter().all(u8::is_ascii_alphabetic)
            })
            .collect();
        MarkNames { names }
    }

    /// See [`found`]. A lone surrogate (no UTF-8) raises `UnicodeEncodeError`: the caller
    /// runs the expression.
    fn found(&self, text: &Bound<'_, PyString>) -> PyResult<bool> {
        let s = text.to_str()?;
        crate::unpanic("MarkNames.found", || found(s.as_bytes(), &self.names))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> Vec<Vec<u8>> {
        ["endash", "mdash", "nbsp", "euro"].iter().map(|k| k.as_bytes().to_vec()).collect()
    }

    #[test]
    fn marks_and_not() {
        let n = names();
        for yes in ["<endash>", "a<EnDash>b", "<p>x<nbsp>", "<<euro>", "x <mdash>"] {
            assert!(found(yes.as_bytes(), &n), "{yes:?}");
        }
        for no in [
            "", "<", "<p>", "<br>", "<endash", "endash>", "< endash>", "<endash >",
            "<xendash>", "<endashes>", "<e>", "<abcdefghijklm>", "<euro1>", "<é>", "<Kelvin>",
        ] {
            assert!(!found(no.as_bytes(), &n), "{no:?}");
        }
    }
}
