//! A deflate encoder for data made of short literal pieces and long periodic runs: one
//! dynamic-Huffman block whose length code 258 is one bit, so that a run costs a few bits
//! per 258 bytes (a run of one byte inflates about 1,000 to 1). Output is deterministic.
use super::checksum::{Adler32, Crc32};

/// A part of the data to encode.
#[derive(Clone, Copy, Debug)]
pub enum Piece<'a> {
    /// These bytes, as literals.
    Bytes(&'a [u8]),
    /// `len` bytes of `pattern` repeated (the last copy cut short). The pattern is
    /// written once as literals, then copied with matches of length 258 at distance
    /// `pattern.len()` (at most 32,768).
    Repeat {
        /// What repeats.
        pattern: &'a [u8],
        /// How many bytes in all.
        len: u64,
    },
}

/// The length of the data the pieces make.
pub fn total_len(pieces: &[Piece<'_>]) -> u64 {
    pieces
        .iter()
        .map(|p| match p {
            Piece::Bytes(b) => b.len() as u64,
            Piece::Repeat { len, .. } => *len,
        })
        .sum()
}

/// Calls `f` on the data the pieces make, a chunk at a time (for checksums: the data
/// is never built).
pub fn for_each_chunk(pieces: &[Piece<'_>], mut f: impl FnMut(&[u8])) {
    for piece in pieces {
        match *piece {
            Piece::Bytes(b) => f(b),
            Piece::Repeat { pattern, len } => {
                // A buffer of whole copies, about 64 KiB.
                let copies = (65536 / pattern.len()).max(1);
                let buf: Vec<u8> = pattern.repeat(copies);
                let mut left = len;
                while left > 0 {
                    let n = left.min(buf.len() as u64) as usize;
                    f(&buf[..n]);
                    left -= n as u64;
                }
            }
        }
    }
}

/// The CRC-32 of the data the pieces make.
pub fn crc32(pieces: &[Piece<'_>]) -> u32 {
    let mut c = Crc32::new();
    for_each_chunk(pieces, |chunk| c.update(chunk));
    c.finish()
}

/// The Adler-32 of the data the pieces make (in closed form for repeats).
pub fn adler32(pieces: &[Piece<'_>]) -> u32 {
    let mut a = Adler32::new();
    for piece in pieces {
        match *piece {
            Piece::Bytes(b) => a.update(b),
            Piece::Repeat { pattern, len } => a.update_repeat(pattern, len),
        }
    }
    a.finish()
}

struct BitWriter {
    out: Vec<u8>,
    acc: u64,
    n: u32,
}

impl BitWriter {
    /// `count` (≤ 32) bits of `value`, least significant first.
    fn bits(&mut self, value: u64, count: u32) {
        self.acc |= value << self.n;
        self.n += count;
        while self.n >= 8 {
            self.out.push(self.acc as u8);
            self.acc >>= 8;
            self.n -= 8;
        }
    }

    /// A Huffman code: most significant bit first.
    fn code(&mut self, (code, len): (u32, u8)) {
        self.bits(reversed(code, len), u32::from(len));
    }

    fn finish(mut self) -> Vec<u8> {
        if self.n > 0 {
            self.out.push(self.acc as u8);
        }
        self.out
    }
}

fn reversed(code: u32, len: u8) -> u64 {
    let mut r = 0u64;
    for i in 0..len {
        r |= u64::from((code >> i) & 1) << (len - 1 - i);
    }
    r
}

/// Depths of a complete prefix code with `count` leaves under a node at depth `start`:
/// the shallowest leaf is split until there are enough.
fn complete_depths(count: usize, start: u8) -> Vec<u8> {
    let mut depths = vec![start];
    while depths.len() < count {
        let (i, _) = depths
            .iter()
            .enumerate()
            .min_by_key(|&(_, d)| *d)
            .unwrap_or((0, &start));
        let d = depths.remove(i);
        depths.push(d + 1);
        depths.push(d + 1);
    }
    depths.sort_unstable();
    depths
}

/// Canonical Huffman codes (RFC 1951, 3.2.2) of the code lengths.
fn canonical(lengths: &[u8]) -> Vec<(u32, u8)> {
    let mut bl_count = [0u32; 16];
    for &l in lengths {
        if l > 0 {
            bl_count[usize::from(l)] += 1;
        }
    }
    let mut next = [0u32; 16];
    let mut code = 0u32;
    for bits in 1..16 {
        code = (code + bl_count[bits - 1]) << 1;
        next[bits] = code;
    }
    lengths
        .iter()
        .map(|&l| {
            if l == 0 {
                (0, 0)
            } else {
                let c = next[usize::from(l)];
                next[usize::from(l)] += 1;
                (c, l)
            }
        })
        .collect()
}

const DIST_BASE: [u32; 30] = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
    2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
];
const DIST_EXTRA: [u8; 30] = [
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13,
    13,
];

/// Distance symbol, extra bits and their value of a distance.
fn dist_code(d: u32) -> (usize, u8, u32) {
    let i = (0..30).rev().find(|&i| DIST_BASE[i] <= d).unwrap_or(0);
    (i, DIST_EXTRA[i], d - DIST_BASE[i])
}

const END: usize = 256;
const LEN_258: usize = 285;
const CL_ORDER: [usize; 19] = [
    16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15,
];

/// Code lengths as code-length symbols: (symbol, extra value, extra bits).
fn encode_lengths(lengths: &[u8], out: &mut Vec<(usize, u32, u32)>) {
    let mut i = 0;
    while i < lengths.len() {
        let l = lengths[i];
        let mut run = 1;
        while i + run < lengths.len() && lengths[i + run] == l {
            run += 1;
        }
        if l == 0 {
            let mut r = run;
            while r >= 11 {
                let n = r.min(138);
                out.push((18, (n - 11) as u32, 7));
                r -= n;
            }
            if r >= 3 {
                out.push((17, (r - 3) as u32, 3));
                r = 0;
            }
            for _ in 0..r {
                out.push((0, 0, 0));
            }
        } else {
            for _ in 0..run {
                out.push((usize::from(l), 0, 0));
            }
        }
        i += run;
    }
}

/// Lengths of a complete code for the symbols marked used (at least two are).
fn lengths_for(used: &[bool], start: u8, skip: Option<usize>) -> Vec<u8> {
    let symbols: Vec<usize> = (0..used.len())
        .filter(|&s| used[s] && Some(s) != skip)
        .collect();
    let depths = complete_depths(symbols.len(), start);
    let mut lengths = vec![0u8; used.len()];
    for (s, d) in symbols.into_iter().zip(depths) {
        lengths[s] = d;
    }
    lengths
}

/// Marks one more symbol used while fewer than two are (a code of one symbol is not
/// complete).
fn at_least_two(used: &mut [bool]) {
    while used.iter().filter(|&&u| u).count() < 2 {
        if let Some(s) = used.iter().position(|&u| !u) {
            used[s] = true;
        }
    }
}

/// A raw deflate stream (RFC 1951) of the pieces: one final dynamic block.
pub fn deflate(pieces: &[Piece<'_>]) -> Vec<u8> {
    // Which symbols occur.
    let mut lit_used = [false; 286];
    lit_used[END] = true;
    lit_used[0] = true;
    let mut dist_used = [false; 30];
    for piece in pieces {
        match *piece {
            Piece::Bytes(b) => b.iter().for_each(|&x| lit_used[usize::from(x)] = true),
            Piece::Repeat { pattern, len } => {
                assert!(
                    !pattern.is_empty() && pattern.len() <= 32768,
                    "a pattern is 1 to 32,768 bytes"
                );
                pattern
                    .iter()
                    .for_each(|&x| lit_used[usize::from(x)] = true);
                if len > pattern.len() as u64 + 257 {
                    lit_used[LEN_258] = true;
                    dist_used[dist_code(pattern.len() as u32).0] = true;
                }
            }
        }
    }
    at_least_two(&mut dist_used);
    // Length 258 gets a one-bit code; the literals and the end share the other half.
    let lit_len = if lit_used[LEN_258] {
        let mut l = lengths_for(&lit_used, 1, Some(LEN_258));
        l[LEN_258] = 1;
        l
    } else {
        lengths_for(&lit_used, 0, None)
    };
    let dist_len = lengths_for(&dist_used, 0, None);
    let hlit = (lit_len.iter().rposition(|&l| l > 0).unwrap_or(0) + 1).max(257);
    let hdist = (dist_len.iter().rposition(|&l| l > 0).unwrap_or(0) + 1).max(1);
    let lit_codes = canonical(&lit_len);
    let dist_codes = canonical(&dist_len);

    // The code lengths, coded.
    let mut cl_seq = Vec::new();
    encode_lengths(&lit_len[..hlit], &mut cl_seq);
    encode_lengths(&dist_len[..hdist], &mut cl_seq);
    let mut cl_used = [false; 19];
    cl_seq.iter().for_each(|&(s, _, _)| cl_used[s] = true);
    at_least_two(&mut cl_used);
    let cl_len = lengths_for(&cl_used, 0, None);
    let cl_codes = canonical(&cl_len);
    let hclen = (CL_ORDER.iter().rposition(|&s| cl_len[s] > 0).unwrap_or(0) + 1).max(4);

    let mut w = BitWriter {
        out: Vec::new(),
        acc: 0,
        n: 0,
    };
    w.bits(1, 1); // BFINAL
    w.bits(2, 2); // BTYPE: dynamic Huffman
    w.bits((hlit - 257) as u64, 5);
    w.bits((hdist - 1) as u64, 5);
    w.bits((hclen - 4) as u64, 4);
    for &s in &CL_ORDER[..hclen] {
        w.bits(u64::from(cl_len[s]), 3);
    }
    for &(s, extra, nbits) in &cl_seq {
        w.code(cl_codes[s]);
        if nbits > 0 {
            w.bits(u64::from(extra), nbits);
        }
    }

    for piece in pieces {
        match *piece {
            Piece::Bytes(b) => {
                for &x in b {
                    w.code(lit_codes[usize::from(x)]);
                }
            }
            Piece::Repeat { pattern, len } => {
                let p = pattern.len() as u64;
                let literals = len.min(p);
                for &x in &pattern[..literals as usize] {
                    w.code(lit_codes[usize::from(x)]);
                }
                let rest = len - literals;
                let matches = if rest >= 258 && lit_used[LEN_258] {
                    rest / 258
                } else {
                    0
                };
                if matches > 0 {
                    // One match as one run of bits: length 258 (no extra bits), then
                    // the distance code and its extra bits.
                    let (sym, extra_bits, extra) = dist_code(p as u32);
                    let (lc, ll) = lit_codes[LEN_258];
                    let (dc, dl) = dist_codes[sym];
                    let bits =
                        reversed(lc, ll) | reversed(dc, dl) << ll | u64::from(extra) << (ll + dl);
                    let count = u32::from(ll) + u32::from(dl) + u32::from(extra_bits);
                    for _ in 0..matches {
                        w.bits(bits, count);
                    }
                }
                let done = literals + matches * 258;
                for i in done..len {
                    w.code(lit_codes[usize::from(pattern[(i % p) as usize])]);
                }
            }
        }
    }
    w.code(lit_codes[END]);
    w.finish()
}

/// A zlib stream (RFC 1950) of the pieces, with the right Adler-32.
pub fn zlib(pieces: &[Piece<'_>]) -> Vec<u8> {
    let mut out = vec![0x78, 0x9C];
    out.extend(deflate(pieces));
    out.extend(adler32(pieces).to_be_bytes());
    out
}

/// A zlib stream of ordinary bytes.
pub fn zlib_bytes(data: &[u8]) -> Vec<u8> {
    zlib(&[Piece::Bytes(data)])
}
