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
mod parse;
mod text;

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};

use std::panic::{catch_unwind, AssertUnwindSafe};

use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyFloat, PyInt, PyList, PyString};

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

/// Slicing tables: `SLICE[j][b]` is the CRC register after byte `b` and then `j` zero bytes,
/// so four or eight bytes take one step of independent table loads instead of a chain of
/// four or eight (the same CRC-32: `SLICE[0]` is `CRC`).
const fn slice_tables() -> [[u32; 256]; 8] {
    let mut t = [[0u32; 256]; 8];
    t[0] = crc_table();
    let mut b = 0;
    while b < 256 {
        let mut c = t[0][b];
        let mut j = 1;
        while j < 8 {
            c = t[0][(c & 0xFF) as usize] ^ (c >> 8);
            t[j][b] = c;
            j += 1;
        }
        b += 1;
    }
    t
}
const SLICE: [[u32; 256]; 8] = slice_tables();

/// The CRC register (inverted, as between bytes) after `bytes`: eight bytes a step, then
/// four, then one at a time. Every index is a byte (`& 0xFF`, `>> 24`), so none can miss.
#[inline]
fn crc_register(mut crc: u32, mut bytes: &[u8]) -> u32 {
    while let Some((chunk, rest)) = bytes.split_first_chunk::<8>() {
        let lo = crc ^ u32::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]);
        let hi = u32::from_le_bytes([chunk[4], chunk[5], chunk[6], chunk[7]]);
        crc = SLICE[7][(lo & 0xFF) as usize]
            ^ SLICE[6][((lo >> 8) & 0xFF) as usize]
            ^ SLICE[5][((lo >> 16) & 0xFF) as usize]
            ^ SLICE[4][(lo >> 24) as usize]
            ^ SLICE[3][(hi & 0xFF) as usize]
            ^ SLICE[2][((hi >> 8) & 0xFF) as usize]
            ^ SLICE[1][((hi >> 16) & 0xFF) as usize]
            ^ SLICE[0][(hi >> 24) as usize];
        bytes = rest;
    }
    if let Some((chunk, rest)) = bytes.split_first_chunk::<4>() {
        let lo = crc ^ u32::from_le_bytes(*chunk);
        crc = SLICE[3][(lo & 0xFF) as usize]
            ^ SLICE[2][((lo >> 8) & 0xFF) as usize]
            ^ SLICE[1][((lo >> 16) & 0xFF) as usize]
            ^ SLICE[0][(lo >> 24) as usize];
        bytes = rest;
    }
    for &b in bytes {
        crc = CRC[((crc ^ u32::from(b)) & 0xFF) as usize] ^ (crc >> 8);
    }
    crc
}

#[inline]
fn crc_update(crc: u32, bytes: &[u8]) -> u32 {
    !crc_register(!crc, bytes)
}

#[inline]
fn crc32(bytes: &[u8]) -> u32 {
    crc_update(0, bytes)
}

/// `zlib.crc32(data, value)` of a long buffer: PCLMULQDQ folding (Intel's "Fast CRC
/// Computation for Generic Polynomials Using PCLMULQDQ", reflected; the constants and steps
/// of the crc32fast crate's kernel, which is not among our dependencies) where the CPU has
/// it, the slicing tables otherwise and for the last bytes. About 0.45 instructions a byte
/// against zlib 1.2.13's 3.5 (the splice header's check over a whole record, both stages:
/// bench/README.md, session 32).
fn crc32_long(value: u32, data: &[u8]) -> u32 {
    #[cfg(target_arch = "x86_64")]
    {
        if data.len() >= 128
            && std::arch::is_x86_feature_detected!("pclmulqdq")
            && std::arch::is_x86_feature_detected!("sse4.1")
        {
            // SAFETY: the features the kernel is compiled for were detected just above.
            return unsafe { clmul::crc32(value, data) };
        }
    }
    crc_update(value, data)
}

#[cfg(target_arch = "x86_64")]
mod clmul {
    use std::arch::x86_64 as arch;

    const K1: i64 = 0x1_5444_2bd4;
    const K2: i64 = 0x1_c6e4_1596;
    const K3: i64 = 0x1_7519_97d0;
    const K4: i64 = 0x0_ccaa_009e;
    const K5: i64 = 0x1_63cd_6124;
    const P_X: i64 = 0x1_DB71_0641;
    const U_PRIME: i64 = 0x1_F701_1641;

    /// `zlib.crc32(data, value)` for `data` of at least 64 bytes.
    #[target_feature(enable = "pclmulqdq,sse2,sse4.1")]
    pub(super) unsafe fn crc32(value: u32, mut data: &[u8]) -> u32 {
        let mut x3 = get(&mut data);
        let mut x2 = get(&mut data);
        let mut x1 = get(&mut data);
        let mut x0 = get(&mut data);
        x3 = arch::_mm_xor_si128(x3, arch::_mm_cvtsi32_si128(!value as i32));
        let k1k2 = arch::_mm_set_epi64x(K2, K1);
        while data.len() >= 64 {
            x3 = reduce128(x3, get(&mut data), k1k2);
            x2 = reduce128(x2, get(&mut data), k1k2);
            x1 = reduce128(x1, get(&mut data), k1k2);
            x0 = reduce128(x0, get(&mut data), k1k2);
        }
        let k3k4 = arch::_mm_set_epi64x(K4, K3);
        let mut x = reduce128(x3, x2, k3k4);
        x = reduce128(x, x1, k3k4);
        x = reduce128(x, x0, k3k4);
        while data.len() >= 16 {
            x = reduce128(x, get(&mut data), k3k4);
        }
        // 128 bits to 64, then a Barrett reduction to 32 (the bit-reflected variant).
        let low32 = arch::_mm_set_epi32(0, 0, 0, !0);
        let x = arch::_mm_xor_si128(
            arch::_mm_clmulepi64_si128(x, k3k4, 0x10),
            arch::_mm_srli_si128(x, 8),
        );
        let x = arch::_mm_xor_si128(
            arch::_mm_clmulepi64_si128(
                arch::_mm_and_si128(x, low32),
                arch::_mm_set_epi64x(0, K5),
                0x00,
            ),
            arch::_mm_srli_si128(x, 4),
        );
        let pu = arch::_mm_set_epi64x(U_PRIME, P_X);
        let t1 = arch::_mm_clmulepi64_si128(arch::_mm_and_si128(x, low32), pu, 0x10);
        let t2 = arch::_mm_clmulepi64_si128(arch::_mm_and_si128(t1, low32), pu, 0x00);
        let c = arch::_mm_extract_epi32(arch::_mm_xor_si128(x, t2), 1) as u32;
        super::crc_update(!c, data)
    }

    #[inline]
    #[target_feature(enable = "pclmulqdq,sse2")]
    unsafe fn reduce128(a: arch::__m128i, b: arch::__m128i, keys: arch::__m128i) -> arch::__m128i {
        let t1 = arch::_mm_clmulepi64_si128(a, keys, 0x00);
        let t2 = arch::_mm_clmulepi64_si128(a, keys, 0x11);
        arch::_mm_xor_si128(arch::_mm_xor_si128(b, t1), t2)
    }

    #[inline]
    #[target_feature(enable = "sse2")]
    unsafe fn get(data: &mut &[u8]) -> arch::__m128i {
        let (chunk, rest) = data.split_at(16);
        *data = rest;
        arch::_mm_loadu_si128(chunk.as_ptr().cast())
    }
}

/// FNV-1a: the words looked up are short, and SipHash's setup would cost more than the lookup.
#[derive(Default)]
pub(crate) struct Fnv(u64);

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

pub(crate) type FnvBuild = BuildHasherDefault<Fnv>;

/// Byte classes: `SEP` separates words (ASCII punctuation, space, controls), `WORD` is an
/// ASCII letter or a byte of a non-ASCII character, `DIGIT` an ASCII digit (a word byte too:
/// bit 0), `LEAD` the first byte of a typographic separator mark's encoding (0xC2, 0xE2): a
/// word byte unless `mark_at` finds a mark there.
const SEP: u8 = 0;
const WORD: u8 = 1;
const DIGIT: u8 = 3;
const LEAD: u8 = 4;

const fn class_table() -> [u8; 256] {
    let mut t = [WORD; 256];
    let mut c = 0;
    while c < 128 {
        let b = c as u8;
        t[c] = if b.is_ascii_digit() {
            DIGIT
        } else if b.is_ascii_alphabetic() {
            WORD
        } else {
            SEP
        };
        c += 1;
    }
    t[0xC2] = LEAD;
    t[0xE2] = LEAD;
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

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;
const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;

/// The high bit of each byte of `x7` (bytes under 0x80) that is `lo` or more. No byte
/// carries into the next: 0x7F + 0x50 is under 0x100.
#[inline]
fn at_least(x7: u64, lo: u8) -> u64 {
    x7.wrapping_add(ONES * u64::from(0x80 - lo)) & HIGH
}

/// The high bit of each byte of `x7` (bytes under 0x80) over `hi`.
#[inline]
fn above(x7: u64, hi: u8) -> u64 {
    x7.wrapping_add(ONES * u64::from(0x7F - hi)) & HIGH
}

/// The high bit of each zero byte of `y`, exactly (no borrow between bytes).
#[inline]
fn zero_bytes(y: u64) -> u64 {
    !((y & LOW7).wrapping_add(LOW7) | y) & HIGH
}

/// Eight bytes of text classified at once: each byte's high bit in `go` if it belongs to a
/// word whatever follows (an ASCII letter or digit, a non-ASCII byte other than a mark's
/// lead byte), in `lead` if it is 0xC2 or 0xE2 (`mark_at` decides), in `digit` if it is an
/// ASCII digit; `lowered` is the bytes with ASCII capitals lowered.
struct Chunk {
    lowered: u64,
    go: u64,
    lead: u64,
    digit: u64,
}

/// The eight bytes from `i` as a little-endian word; past the text's end, zero bytes (ASCII
/// controls: separators).
#[inline]
fn chunk_at(text: &[u8], i: usize) -> Chunk {
    let rest = text.get(i..).unwrap_or_default();
    let x = match rest.first_chunk::<8>() {
        Some(bytes) => u64::from_le_bytes(*bytes),
        None => {
            let mut bytes = [0u8; 8];
            for (d, s) in bytes.iter_mut().zip(rest) {
                *d = *s;
            }
            u64::from_le_bytes(bytes)
        }
    };
    let high = x & HIGH;
    let ascii = !x & HIGH;
    let x7 = x & LOW7;
    // Letters of either case as lower case (0x20 set): one range test for both.
    let folded = x7 | (ONES * 0x20);
    let letter = at_least(folded, b'a') & !above(folded, b'z') & ascii;
    let digit = at_least(x7, b'0') & !above(x7, b'9') & ascii;
    // A capital has 0x20 clear: that bit, moved up to the high bit of its own byte.
    let upper = letter & !(x << 2);
    // Plain ASCII (most chunks of most text) holds no lead byte.
    let lead = if high == 0 {
        0
    } else {
        zero_bytes(x ^ (ONES * 0xC2)) | zero_bytes(x ^ (ONES * 0xE2))
    };
    Chunk {
        lowered: x | (upper >> 2),
        go: (letter | digit | high) & !lead,
        lead,
        digit,
    }
}

/// The CRC register after the first `k` (at most 8) bytes of `v`, little-endian.
#[inline]
fn crc_low_bytes(mut crc: u32, mut v: u64, mut k: usize) -> u32 {
    if k >= 8 {
        return crc_register(crc, &v.to_le_bytes());
    }
    if k >= 4 {
        let lo = crc ^ (v as u32);
        crc = SLICE[3][(lo & 0xFF) as usize]
            ^ SLICE[2][((lo >> 8) & 0xFF) as usize]
            ^ SLICE[1][((lo >> 16) & 0xFF) as usize]
            ^ SLICE[0][(lo >> 24) as usize];
        v >>= 32;
        k -= 4;
    }
    // The last one to three bytes in one step of independent loads, as the four above (by
    // linearity, `SLICE[j]` after `j` more bytes); a byte at a time, this loop was about 8 M
    // instructions per 1,000 stories (bench/README.md, session 34).
    let lo = crc ^ (v as u32);
    match k {
        1 => SLICE[0][(lo & 0xFF) as usize] ^ (crc >> 8),
        2 => SLICE[1][(lo & 0xFF) as usize] ^ SLICE[0][((lo >> 8) & 0xFF) as usize] ^ (crc >> 16),
        3 => {
            SLICE[2][(lo & 0xFF) as usize]
                ^ SLICE[1][((lo >> 8) & 0xFF) as usize]
                ^ SLICE[0][((lo >> 16) & 0xFF) as usize]
                ^ (crc >> 24)
        }
        _ => crc,
    }
}

/// Whether the byte at `i` is the lead byte of a typographic separator mark.
#[inline]
fn mark_lead(text: &[u8], i: usize) -> usize {
    match text.get(i) {
        Some(&b) if CLASS[b as usize] == LEAD => mark_at(text, i),
        _ => 0,
    }
}

/// The words of `text` joined by single spaces, and each word's (start, end) in that buffer.
///
/// Same as `tokens()`: ASCII punctuation and the typographic marks of `_UNICODE_PUNCT`
/// separate words, ASCII letters are lowered, other non-ASCII bytes belong to words.
///
/// Eight bytes a step (`chunk_at`): where the next word starts, where it stops, its lowered
/// bytes written at once, and its CRC-32 (`zlib.crc32` of the word) by slicing tables, four
/// or eight bytes a table step; only a mark's lead byte (0xC2, 0xE2) is looked at alone. A
/// byte at a time (a class lookup, a lowered copy, a CRC table step each) this cost about
/// 33 instructions a byte of bench text, now about 28 (some 175 a word: bench/README.md,
/// session 28). The buffer never outgrows the text: a space is written only
/// before a word after the first, where at least one separator byte was read and not
/// written; it has 8 bytes of slack for the whole-chunk writes, cut off at the end.
fn words(text: &[u8]) -> Words {
    let n = text.len();
    let mut joined: Vec<u8> = vec![0; n + 8];
    let mut w = 0;
    let mut spans: Vec<(usize, usize)> = Vec::with_capacity(n / 5 + 1);
    let mut crcs: Vec<u64> = Vec::with_capacity(n / 5 + 1);
    let mut figured: Vec<usize> = Vec::new();
    let mut i = 0;
    // What the last word's chunk showed of the bytes after its end: the bytes that may open
    // a word (`Chunk::go | Chunk::lead`, shifted to start at `i`) and how many it covers.
    // The next word mostly starts there, so it is not classified again.
    let mut carried: Option<(u64, usize)> = None;
    'text: loop {
        // The separators before the next word.
        loop {
            if i >= n {
                break 'text;
            }
            let (open, covers) = carried.take().unwrap_or_else(|| {
                let c = chunk_at(text, i);
                (c.go | c.lead, 8)
            });
            if open == 0 {
                i += covers;
                continue;
            }
            i += (open.trailing_zeros() / 8) as usize;
            match mark_lead(text, i) {
                0 => break,
                len => i += len,
            }
        }
        if i >= n {
            break;
        }
        // The word: whole runs of bytes that go on, then a look at the byte that stopped it.
        if w > 0 {
            if let Some(slot) = joined.get_mut(w) {
                *slot = b' ';
            }
            w += 1;
        }
        let start = w;
        let mut crc = !0u32;
        let mut digits = 0u64;
        loop {
            let c = chunk_at(text, i);
            let stop = !c.go & HIGH;
            let k = (stop.trailing_zeros() / 8) as usize; // 8 when none stops
            if let Some(slot) = joined.get_mut(w..w + 8) {
                slot.copy_from_slice(&c.lowered.to_le_bytes());
            }
            crc = crc_low_bytes(crc, c.lowered, k);
            digits |= if k >= 8 {
                c.digit
            } else {
                c.digit & ((1u64 << (8 * k)) - 1)
            };
            i += k;
            w += k;
            if k >= 8 {
                continue;
            }
            // A lead byte that opens no mark is a word byte (as is what follows it).
            if c.lead & (0x80 << (8 * k)) != 0 && mark_lead(text, i) == 0 {
                let b = text.get(i).copied().unwrap_or(0);
                if let Some(slot) = joined.get_mut(w) {
                    *slot = b;
                }
                crc = CRC[((crc ^ u32::from(b)) & 0xFF) as usize] ^ (crc >> 8);
                i += 1;
                w += 1;
                continue;
            }
            if c.lead & (0x80 << (8 * k)) == 0 {
                // An ASCII separator: the rest of this chunk is known.
                carried = Some(((c.go | c.lead) >> (8 * k), 8 - k));
            }
            break;
        }
        if digits != 0 {
            figured.push(spans.len());
        }
        spans.push((start, w));
        crcs.push(u64::from(!crc));
    }
    joined.truncate(w);
    Words {
        joined,
        spans,
        crcs,
        figured,
    }
}

/// A text's words (`words`): joined by single spaces, each one's (start, end) in `joined`,
/// each one's CRC-32, and which of them (in order) hold an ASCII digit.
struct Words {
    joined: Vec<u8>,
    spans: Vec<(usize, usize)>,
    crcs: Vec<u64>,
    figured: Vec<usize>,
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

/// The hash of every `size`-word shingle in order, repeats kept, one shingle if shorter
/// (`sketch.shingle_hashes` before its sort); `size` is 1 to 6.
fn shingle_values(crcs: &[u64], size: usize) -> Vec<u32> {
    let n = crcs.len();
    if n == 0 {
        return Vec::new();
    }
    let size = size.min(n);
    if size == 4 {
        // The default size: the window's first three words carried from step to step, one
        // load a shingle. Written over zipped slices, LLVM vectorised it with SSE2, which
        // has no 64-bit multiply: three `pmuludq` and their shuffles per product, about 38
        // instructions a shingle against some 22 for the scalar loop.
        let (Some(&a0), Some(&b0), Some(&c0)) = (crcs.first(), crcs.get(1), crcs.get(2)) else {
            return Vec::new();
        };
        let (mut a, mut b, mut c) = (a0, b0, c0);
        crcs.get(3..)
            .unwrap_or_default()
            .iter()
            .map(|&d| {
                let h = a.wrapping_mul(MUL[0])
                    ^ b.wrapping_mul(MUL[1])
                    ^ c.wrapping_mul(MUL[2])
                    ^ d.wrapping_mul(MUL[3]);
                (a, b, c) = (b, c, d);
                mix(h)
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
    }
}

/// Sorted distinct hashes of every `size`-word shingle (`sketch.shingle_hashes`).
fn shingles(crcs: &[u64], size: usize) -> Vec<u32> {
    let mut out = shingle_values(crcs, size);
    out.sort_unstable();
    out.dedup();
    out
}

/// The distinct values of `values` in increasing order, read off an ordered hash table
/// (zero, which marks an empty slot, aside: whether it occurs), and how many; `None` if an
/// insertion needs more than `PROBES` steps or runs off the table, which mixed hashes do not
/// unless crafted to, so the caller sorts instead (bounded work).
///
/// A value's home slot is its top bits, so homes rise with values, and an insertion walks
/// its run of occupied slots from its home and slides the larger ones one slot on (Amble and
/// Knuth's ordered hashing with linear probing): the table stays sorted, with gaps. With the
/// table twice the values, runs are short; the `k` smallest are then the first `k` filled
/// slots. The set counted the values and a second pass bucketed and sorted those under a cut
/// (about 44 k instructions a bench story in `Sketcher.sketch` besides the words).
fn ordered_distinct(values: &[u32]) -> Option<(Vec<u32>, usize, bool)> {
    const PROBES: usize = 32;
    let size = (values.len() * 2).next_power_of_two().max(64);
    let shift = 32 - size.trailing_zeros();
    // Slack past the last home: a run near the top may spill over it.
    let mut table = vec![0u32; size + PROBES + 1];
    let (mut count, mut zero) = (0usize, false);
    for &value in values {
        if value == 0 {
            zero = true;
            continue;
        }
        let mut v = value;
        let mut at = (v >> shift) as usize;
        let mut steps = 0;
        loop {
            let slot = table.get_mut(at)?;
            let held = *slot;
            if held == 0 {
                *slot = v;
                count += 1;
                break;
            }
            if held == v {
                break; // a repeat (a value slid on is distinct from every other one held)
            }
            if held > v {
                *slot = v;
                v = held;
            }
            at += 1;
            steps += 1;
            if steps > PROBES {
                return None;
            }
        }
    }
    Some((table, count + usize::from(zero), zero))
}

/// The `k` smallest distinct of `values`, in order, and how many distinct values it holds
/// (`sketch_text`'s `hashes[:k]` and `hashes.size`): the first `k` of `ordered_distinct`,
/// else (few values, or a table that gave up) all of them sorted.
fn bottom_k(mut values: Vec<u32>, k: usize) -> (Vec<u32>, usize) {
    let want = k.saturating_add(k / 2).saturating_add(16);
    if values.len() > want {
        if let Some((table, count, zero)) = ordered_distinct(&values) {
            let mut low: Vec<u32> = Vec::with_capacity(k.min(count));
            if zero && k > 0 {
                low.push(0);
            }
            for &v in &table {
                if low.len() >= k {
                    break;
                }
                if v != 0 {
                    low.push(v);
                }
            }
            return (low, count);
        }
    }
    values.sort_unstable();
    values.dedup();
    let count = values.len();
    values.truncate(k);
    (values, count)
}

/// Figures (digit runs as a multiset, repeats tagged `#2`, `#3`...) as even hashes, and the
/// fact words present as odd hashes, sorted and distinct (`sketch_text`'s facts, uncut).
///
/// Digit runs lie within words, so only the words `words` found a digit in are read (a scan
/// of every byte of the joined text for digits cost about 5 instructions a byte).
fn facts(words: &Words, fact_words: &FactWords) -> Vec<u32> {
    let Words {
        joined,
        spans,
        crcs,
        figured,
    } = words;
    // Every digit run, then sorted so that repeats sit together: a run of `n` equal ones is
    // the figure and its tags `#2`..`#n`. (A map of counts and a list of first sightings,
    // sized up front, held some 50 bytes a figure: 4 MB of "w1 w2 ..." made 26 MB of table
    // for figures no sketch keeps; the list is 16 bytes a figure. bench/README.md, session
    // 35, hmem35.)
    let mut runs: Vec<&[u8]> = Vec::with_capacity(figured.len());
    for &at in figured {
        let Some(word) = spans.get(at).and_then(|&(s, e)| joined.get(s..e)) else {
            continue;
        };
        let mut rest = word;
        while let Some(from) = rest.iter().position(u8::is_ascii_digit) {
            let run = rest.get(from..).unwrap_or_default();
            let len = run
                .iter()
                .position(|b| !b.is_ascii_digit())
                .unwrap_or(run.len());
            let (num, after) = run.split_at(len);
            runs.push(num);
            rest = after;
        }
    }
    runs.sort_unstable();
    let mut out: Vec<u32> = Vec::with_capacity(runs.len() + 8);
    let mut at = 0;
    while let Some(&num) = runs.get(at) {
        let times = runs.get(at..).map_or(1, |r| r.iter().take_while(|&&x| x == num).count());
        out.push(crc32(num) & !1);
        for k in 2..=times {
            let h = crc_update(crc_update(crc32(num), b"#"), k.to_string().as_bytes());
            out.push(h & !1);
        }
        at += times.max(1);
    }
    // A fact word said again gives the same hash, which the sort and dedup below drop: no
    // set of the words said (its inserts cost more than hashing a repeat again).
    for (&(s, e), &crc) in spans.iter().zip(crcs) {
        let Some(w) = joined.get(s..e) else {
            continue;
        };
        if fact_words.may_hold(crc) && fact_words.set.contains(w) {
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
            let words = words(text.as_bytes());
            let (hashes, count) = bottom_k(shingle_values(&words.crcs, size), k);
            let fact_hashes = facts(&words, &self.fact_words);
            let digest = blake2b_simd::Params::new()
                .hash_length(8)
                .hash(&words.joined)
                .to_hex()
                .to_string();
            let mins = u32_bytes(&hashes);
            let cut = u32_bytes(&fact_hashes[..fact_hashes.len().min(facts_cap)]);
            (mins, count, cut, digest)
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

/// The CRC-32 of a `WS\x03` splice header (`handoff._digest`): `fields`, the length of
/// `dedup` (4 bytes, little-endian), `dedup`, then the document `value`, in one call (four
/// `zlib.crc32` calls and their arguments' objects were 9 M instructions per 1,000 items).
#[pyfunction]
fn splice_crc(fields: &[u8], dedup: &[u8], value: &[u8]) -> PyResult<u32> {
    unpanic("splice_crc", || {
        let n = u32::try_from(dedup.len()).unwrap_or(u32::MAX);
        let crc = crc_update(crc_update(0, fields), &n.to_le_bytes());
        crc32_long(crc32_long(crc, dedup), value)
    })
}

/// The keys an evidence object is written with, each with what precedes it
/// (`model._ext_json`'s dict of an `Evidence`, in its order).
const EVIDENCE_KEYS: [&[u8]; 7] = [
    b"{\"text\":",
    b",\"field\":",
    b",\"start\":",
    b",\"end\":",
    b",\"rule\":",
    b",\"country\":",
    b",\"weight\":",
];

/// Whether `text` holds a byte JSON escapes (a control character, `"` or `\`), eight bytes
/// a step: a byte-at-a-time `any` cost about four instructions a byte.
fn needs_escape(text: &[u8]) -> bool {
    const LOW: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut chunks = text.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let v = u64::from_le_bytes(word);
        // A byte under 0x20, or equal to `"` or `\`, sets its high bit in one of the three
        // terms (bytes from 0x80 up may set false bits only there, masked by `!v`).
        let control = v.wrapping_sub(LOW * 0x20);
        let quote = zero_bytes(v ^ (LOW * u64::from(b'"')));
        let slash = zero_bytes(v ^ (LOW * u64::from(b'\\')));
        if (control & !v & HIGH) | quote | slash != 0 {
            return true;
        }
    }
    chunks
        .remainder()
        .iter()
        .any(|&b| b < 0x20 || b == b'"' || b == b'\\')
}

/// A float's text, written on the stack: a `String` a float was a `malloc` and a `free`.
struct FloatText {
    bytes: [u8; 40],
    len: usize,
}

impl FloatText {
    fn as_bytes(&self) -> &[u8] {
        self.bytes.get(..self.len).unwrap_or_default()
    }
}

impl std::fmt::Write for FloatText {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        let end = self.len + s.len();
        self.bytes
            .get_mut(self.len..end)
            .ok_or(std::fmt::Error)?
            .copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

/// `value` written as `orjson.dumps` writes it, if it is one of the values written here
/// exactly so: a `str` with no control character (a quote and a backslash escaped), an
/// `int` that fits 64 bits (not a `bool`), a `float` that is zero or of magnitude 1e-4 to
/// 1e15 whose shortest round-trip digits are at most 15 (positional, at least one decimal:
/// Python's `repr` and orjson's there). Anything else is `None`: the caller writes dicts.
fn write_json_value(out: &mut Vec<u8>, value: &Bound<'_, PyAny>, floats: &mut Vec<(u64, FloatText)>) -> Option<()> {
    if value.is_exact_instance_of::<PyString>() {
        let text = value.cast::<PyString>().ok()?.to_str().ok()?.as_bytes();
        out.push(b'"');
        if needs_escape(text) {
            for &b in text {
                match b {
                    0..=0x1F => return None,
                    b'"' | b'\\' => out.extend_from_slice(&[b'\\', b]),
                    _ => out.push(b),
                }
            }
        } else {
            out.extend_from_slice(text);
        }
        out.push(b'"');
        return Some(());
    }
    if value.is_exact_instance_of::<PyInt>() {
        let n: i64 = value.extract().ok()?;
        // The digits into a stack buffer, from the end: no `String` a value.
        let mut buf = [0u8; 20];
        let mut at = buf.len();
        let mut m = n.unsigned_abs();
        loop {
            at -= 1;
            if let Some(slot) = buf.get_mut(at) {
                *slot = b'0' + (m % 10) as u8;
            }
            m /= 10;
            if m == 0 {
                break;
            }
        }
        if n < 0 {
            out.push(b'-');
        }
        out.extend_from_slice(buf.get(at..).unwrap_or_default());
        return Some(());
    }
    if value.is_exact_instance_of::<PyFloat>() {
        let x = value.cast::<PyFloat>().ok()?.value();
        let bits = x.to_bits();
        // An item's weights take a few values: each written once a call.
        if let Some((_, text)) = floats.iter().find(|(b, _)| *b == bits) {
            out.extend_from_slice(text.as_bytes());
            return Some(());
        }
        let size = x.abs();
        if !(size == 0.0 || (1e-4..1e15).contains(&size)) {
            return None;
        }
        let mut text = FloatText {
            bytes: [0u8; 40],
            len: 0,
        };
        std::fmt::Write::write_fmt(&mut text, format_args!("{x}")).ok()?;
        // Up to 15 significant digits the shortest round-trip digits are the only ones of
        // their length; with more, two writers may break a tie apart (Rust's wrote
        // 124091345337589.13 where orjson and `repr` write ...12): left to orjson.
        let digits = text
            .as_bytes()
            .iter()
            .filter(|b| b.is_ascii_digit())
            .skip_while(|&&b| b == b'0')
            .count();
        if digits > 15 {
            return None;
        }
        if !text.as_bytes().contains(&b'.') {
            std::fmt::Write::write_str(&mut text, ".0").ok()?;
        }
        out.extend_from_slice(text.as_bytes());
        if floats.len() < 16 {
            floats.push((bits, text));
        }
        return Some(());
    }
    None
}

/// One field of an evidence object: its key (with what precedes it), then its value. The
/// same object as the slot's last value (an item's fields, rules, countries and weights are
/// mostly shared objects, and small ints are cached) is written by copying the bytes it
/// was written as: the list holds every value for the call, so an address seen earlier is
/// still that object, and the same object is written the same.
#[inline(always)]
fn write_field(
    out: &mut Vec<u8>,
    key: &[u8],
    value: &Bound<'_, PyAny>,
    last: &mut (usize, usize, usize),
    floats: &mut Vec<(u64, FloatText)>,
) -> Option<()> {
    out.extend_from_slice(key);
    let addr = value.as_ptr() as usize;
    let (seen, from, to) = *last;
    if seen == addr {
        out.extend_from_within(from..to);
        return Some(());
    }
    let from = out.len();
    write_json_value(out, value, floats)?;
    *last = (addr, from, out.len());
    Some(())
}

/// The JSON array of evidence objects whose fields are `values`, seven an object in
/// `EVIDENCE_KEYS`' order (text, field, start, end, rule, country, weight), byte for byte
/// what `orjson.dumps` writes of their dicts; `None` if a value is not one
/// `write_json_value` writes, or `values` is not a multiple of seven long. Stage 1 sends
/// it to orjson as a `Fragment`: building, walking and freeing some 24 seven-key dicts an
/// item was about a quarter of `Pipeline.encode` (bench/README.md, session 34).
///
/// An object's seven fields are written in one pass with their keys as constants, and a
/// value that is the same object as its slot's last is copied from the output (session 35).
#[pyfunction]
fn evidence_json<'py>(py: Python<'py>, values: &Bound<'py, PyList>) -> Option<Bound<'py, PyBytes>> {
    let n = values.len();
    if n % EVIDENCE_KEYS.len() != 0 {
        return None;
    }
    // About 15 bytes a value: rarely grown.
    let mut out: Vec<u8> = Vec::with_capacity(2 + n * 20);
    let mut floats: Vec<(u64, FloatText)> = Vec::new();
    let mut last = [(0usize, 0usize, 0usize); 7];
    let [k0, k1, k2, k3, k4, k5, k6] = EVIDENCE_KEYS;
    let [l0, l1, l2, l3, l4, l5, l6] = &mut last;
    out.push(b'[');
    // Each value borrowed from the list: pyo3's iterator took a reference and gave it back
    // a value (about 45 instructions a value under the stable ABI).
    let list = values.as_ptr();
    let at = |i: usize| -> Option<Borrowed<'_, 'py, PyAny>> {
        let i = pyo3::ffi::Py_ssize_t::try_from(i).ok()?;
        // SAFETY: `list` is a live list held by `values`; `PyList_GetItem` checks the index
        // and returns a borrowed reference (NULL, with an IndexError set, if out of range;
        // taken back below). Nothing in this call runs Python code, so the list cannot
        // change while the borrowed values are read.
        let item = unsafe { pyo3::ffi::PyList_GetItem(list, i) };
        if item.is_null() {
            drop(PyErr::take(py));
            return None;
        }
        // SAFETY: a non-null borrowed reference, alive as long as the list holds it.
        Some(unsafe { Borrowed::from_ptr(py, item) })
    };
    for object in 0..n / EVIDENCE_KEYS.len() {
        if object > 0 {
            out.extend_from_slice(b"},");
        }
        let i = object * EVIDENCE_KEYS.len();
        write_field(&mut out, k0, &*at(i)?, l0, &mut floats)?;
        write_field(&mut out, k1, &*at(i + 1)?, l1, &mut floats)?;
        write_field(&mut out, k2, &*at(i + 2)?, l2, &mut floats)?;
        write_field(&mut out, k3, &*at(i + 3)?, l3, &mut floats)?;
        write_field(&mut out, k4, &*at(i + 4)?, l4, &mut floats)?;
        write_field(&mut out, k5, &*at(i + 5)?, l5, &mut floats)?;
        write_field(&mut out, k6, &*at(i + 6)?, l6, &mut floats)?;
    }
    if n > 0 {
        out.push(b'}');
    }
    out.push(b']');
    Some(PyBytes::new(py, &out))
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
    m.add_class::<text::PlainScreen>()?;
    m.add_class::<text::Furniture>()?;
    m.add_class::<text::Votes>()?;
    m.add_class::<parse::MarkNames>()?;
    m.add_function(wrap_pyfunction!(tokens, m)?)?;
    m.add_function(wrap_pyfunction!(shingle_hashes, m)?)?;
    m.add_function(wrap_pyfunction!(normal_text, m)?)?;
    m.add_function(wrap_pyfunction!(maybe_clock, m)?)?;
    m.add_function(wrap_pyfunction!(html_marks, m)?)?;
    m.add_function(wrap_pyfunction!(words_utf8, m)?)?;
    m.add_function(wrap_pyfunction!(count_bytes, m)?)?;
    m.add_function(wrap_pyfunction!(splice_crc, m)?)?;
    m.add_function(wrap_pyfunction!(evidence_json, m)?)?;
    m.add_function(wrap_pyfunction!(dedup::pack, m)?)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte-at-a-time word scan the chunked `words` replaced (the same classes, marks,
    /// lowering and CRC), kept as its reference.
    fn words_bytewise(text: &[u8]) -> (Vec<u8>, Vec<(usize, usize)>, Vec<u64>) {
        let mut joined = Vec::new();
        let mut spans = Vec::new();
        let mut crcs = Vec::new();
        let mut start = usize::MAX;
        let mut i = 0;
        while let Some(&b) = text.get(i) {
            let sep = match CLASS[b as usize] {
                SEP => 1,
                LEAD => mark_at(text, i),
                _ => 0,
            };
            if sep == 0 {
                if start == usize::MAX {
                    if !joined.is_empty() {
                        joined.push(b' ');
                    }
                    start = joined.len();
                }
                joined.push(b.to_ascii_lowercase());
                i += 1;
            } else {
                if start != usize::MAX {
                    spans.push((start, joined.len()));
                    crcs.push(u64::from(crc32(&joined[start..])));
                    start = usize::MAX;
                }
                i += sep;
            }
        }
        if start != usize::MAX {
            spans.push((start, joined.len()));
            crcs.push(u64::from(crc32(&joined[start..])));
        }
        (joined, spans, crcs)
    }

    /// The folded CRC-32 equals the table one at every length around the kernel's steps,
    /// from any start value and alignment.
    #[test]
    fn crc32_long_is_the_table_crc() {
        let data: Vec<u8> = (0..5000u32)
            .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
            .collect();
        for start in [0usize, 1, 7] {
            for n in (0..700).chain([1023, 1024, 1025, 4096, 4999 - 7]) {
                let part = &data[start..start + n];
                for value in [0u32, 1, 0xDEAD_BEEF, u32::MAX] {
                    assert_eq!(
                        crc32_long(value, part),
                        crc_update(value, part),
                        "{start} {n}"
                    );
                }
            }
        }
    }

    #[test]
    fn chunked_words_are_the_bytewise_words() {
        let pieces: [&[u8]; 12] = [
            b"a",
            b"Ab",
            b"XYZ9",
            b"word",
            b"b52h",
            b"2026",
            b" ",
            b". ",
            b"\n\n",
            "\u{2019}".as_bytes(),
            "\u{20ac}uro".as_bytes(),
            "\u{a9}\u{a0}\u{e9}".as_bytes(),
        ];
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        for _ in 0..20_000 {
            let mut text = Vec::new();
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            for j in 0..(seed % 40) {
                let at = ((seed >> (j % 50)) ^ j.wrapping_mul(0x9E37_79B9)) as usize;
                text.extend_from_slice(pieces[at % pieces.len()]);
            }
            let got = words(&text);
            let (joined, spans, crcs) = words_bytewise(&text);
            assert_eq!(got.joined, joined);
            assert_eq!(got.spans, spans);
            assert_eq!(got.crcs, crcs);
            let figured: Vec<usize> = (0..spans.len())
                .filter(|&k| {
                    joined[spans[k].0..spans[k].1]
                        .iter()
                        .any(u8::is_ascii_digit)
                })
                .collect();
            assert_eq!(got.figured, figured);
        }
    }

    fn sorted_distinct(values: &[u32]) -> Vec<u32> {
        let mut all = values.to_vec();
        all.sort_unstable();
        all.dedup();
        all
    }

    #[test]
    fn bottom_k_is_the_sorted_prefix_on_every_path() {
        let mut seed = 88_172_645_463_325_252u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed >> 32) as u32
        };
        // Mixed hashes (the cut), repeats, zeros, too few under the cut (all of them high
        // but k), and values crafted to one probe chain (the set gives up: a full sort).
        let mixed: Vec<u32> = (0..600).map(|_| next()).collect();
        let repeats: Vec<u32> = (0..900).map(|i| mixed[i % 150]).collect();
        let mut zeros = mixed.clone();
        zeros.extend([0, 0, 1, 1]);
        let mut skewed: Vec<u32> = (0..500).map(|_| next() | 0x8000_0000).collect();
        skewed.extend((0..100).map(|i| i * 7));
        let chained: Vec<u32> = (1..700u32).map(|i| i << 16).collect();
        assert!(ordered_distinct(&chained).is_none());
        // Values at the very top: their runs spill past the last home into the slack.
        let top: Vec<u32> = (0..300u32).map(|i| u32::MAX - i * 3).collect();
        for values in [mixed, repeats, zeros, skewed, chained, top] {
            let want = sorted_distinct(&values);
            if let Some((table, count, zero)) = ordered_distinct(&values) {
                assert_eq!(count, want.len());
                let mut held: Vec<u32> = table.into_iter().filter(|&v| v != 0).collect();
                if zero {
                    held.insert(0, 0);
                }
                assert_eq!(held, want);
            }
            for k in [0, 1, 16, 128, 129, 400, 5000] {
                let (mins, count) = bottom_k(values.clone(), k);
                assert_eq!(count, want.len());
                assert_eq!(mins, want[..want.len().min(k)]);
            }
        }
    }

    #[test]
    fn bottom_k_is_the_sorted_prefix_in_every_order_and_size() {
        // Review hrev36b: a randomized differential of the ordered table (and its fallback)
        // against a plain sort, over orders the insertion sees differently (ascending slides
        // nothing, descending slides every run, all-equal and heavy repeats stop at their
        // own slot), sizes around `want` and a 1 MB text's worth of distinct hashes.
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed >> 32) as u32
        };
        let mut cases: Vec<Vec<u32>> = vec![Vec::new(), vec![0], vec![7; 1_000], vec![0; 300]];
        for n in [
            1usize, 2, 100, 127, 128, 129, 207, 208, 209, 500, 5_000, 100_000, 200_000,
        ] {
            let mixed: Vec<u32> = (0..n).map(|_| next()).collect();
            let mut ascending = mixed.clone();
            ascending.sort_unstable();
            let mut descending = ascending.clone();
            descending.reverse();
            let pool: Vec<u32> = (0..(n / 8).max(1)).map(|_| next()).collect();
            let repeats: Vec<u32> = (0..n)
                .map(|i| pool[(next() as usize + i) % pool.len()])
                .collect();
            let mut top: Vec<u32> = (0..n as u32).map(|i| u32::MAX - i).collect();
            top.reverse();
            cases.extend([mixed, ascending, descending, repeats, top]);
        }
        for values in cases {
            let want = sorted_distinct(&values);
            for k in [0usize, 1, 2, 127, 128, 129, 300, 1 << 20] {
                let (mins, count) = bottom_k(values.clone(), k);
                assert_eq!(count, want.len(), "n {} k {k}", values.len());
                assert_eq!(mins, want[..k.min(want.len())], "n {} k {k}", values.len());
            }
        }
        // Mixed hashes, 100,000 distinct: the table holds (no fallback), linear work.
        let many: Vec<u32> = (0..100_000).map(|_| next()).collect();
        let (table, count, _) = ordered_distinct(&many).expect("mixed hashes fit the table");
        assert_eq!(count, sorted_distinct(&many).len());
        assert!(table.len() <= 4 * many.len() + 64);
    }

    #[test]
    fn crowded_homes_give_up_the_table_after_bounded_work() {
        // Two values with one home, alternating, and one value repeated: repeats stop at
        // their own slot; a long run of values sharing homes gives up (then a full sort).
        let alternating: Vec<u32> = (0..20_000)
            .map(|i| if i % 2 == 0 { 9 } else { 5 })
            .collect();
        assert_eq!(bottom_k(alternating, 1), (vec![5], 2));
        let crowded: Vec<u32> = (1..=2_000u32).collect();
        assert!(ordered_distinct(&crowded).is_none());
        assert_eq!(bottom_k(crowded, 3), (vec![1, 2, 3], 2_000));
    }

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
