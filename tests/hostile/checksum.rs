//! CRC-32 (zip) and Adler-32 (zlib), with Adler-32 of long periodic data in closed form.
/// CRC-32 as zip uses it (IEEE 802.3, reflected, polynomial 0xEDB88320).
pub struct Crc32 {
    table: [u32; 256],
    value: u32,
}

impl Default for Crc32 {
    fn default() -> Self {
        Self::new()
    }
}

impl Crc32 {
    /// A CRC of no bytes.
    pub fn new() -> Self {
        let mut table = [0u32; 256];
        for (n, slot) in table.iter_mut().enumerate() {
            let mut c = n as u32;
            for _ in 0..8 {
                c = if c & 1 != 0 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
            }
            *slot = c;
        }
        Self {
            table,
            value: 0xFFFF_FFFF,
        }
    }

    /// Adds `data`.
    pub fn update(&mut self, data: &[u8]) {
        let mut v = self.value;
        for &b in data {
            v = self.table[((v ^ u32::from(b)) & 0xFF) as usize] ^ (v >> 8);
        }
        self.value = v;
    }

    /// The CRC of what was added.
    pub fn finish(&self) -> u32 {
        !self.value
    }
}

/// The CRC-32 of `data`.
pub fn crc32(data: &[u8]) -> u32 {
    let mut c = Crc32::new();
    c.update(data);
    c.finish()
}

const ADLER_MOD: u64 = 65521;

/// Adler-32 as zlib uses it.
pub struct Adler32 {
    a: u64,
    b: u64,
}

impl Default for Adler32 {
    fn default() -> Self {
        Self::new()
    }
}

impl Adler32 {
    /// An Adler-32 of no bytes.
    pub fn new() -> Self {
        Self { a: 1, b: 0 }
    }

    /// Adds `data`.
    pub fn update(&mut self, data: &[u8]) {
        for &x in data {
            self.a = (self.a + u64::from(x)) % ADLER_MOD;
            self.b = (self.b + self.a) % ADLER_MOD;
        }
    }

    /// Adds `len` bytes of `pattern` repeated (the last copy cut short), in time
    /// independent of `len`: after one copy `a' = a + S`, `b' = b + p·a + T` (S the sum
    /// of the pattern's bytes, T = Σ (p − i)·Bᵢ), so after k copies
    /// `a = a + k·S` and `b = b + k·T + p·(k·a + S·k(k−1)/2)`.
    pub fn update_repeat(&mut self, pattern: &[u8], len: u64) {
        assert!(!pattern.is_empty(), "empty pattern");
        let p = pattern.len() as u64;
        let k = len / p;
        if k > 0 {
            let m = u128::from(ADLER_MOD);
            let s: u128 = pattern.iter().map(|&x| u128::from(x)).sum();
            let t: u128 = pattern
                .iter()
                .enumerate()
                .map(|(i, &x)| (u128::from(p) - i as u128) * u128::from(x))
                .sum();
            let (a, b, k, p) = (
                u128::from(self.a),
                u128::from(self.b),
                u128::from(k),
                u128::from(p),
            );
            let pairs = (k * (k - 1) / 2) % m;
            let new_a = (a + (k % m) * (s % m)) % m;
            let new_b = (b + (k % m) * (t % m) + p * (((k % m) * a + (s % m) * pairs) % m)) % m;
            self.a = new_a as u64;
            self.b = new_b as u64;
        }
        self.update(&pattern[..(len % p) as usize]);
    }

    /// The checksum of what was added.
    pub fn finish(&self) -> u32 {
        ((self.b << 16) | self.a) as u32
    }
}
