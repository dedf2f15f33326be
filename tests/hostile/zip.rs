//! A zip writer (stored or deflated entries, no data descriptors, no zip64).
use super::checksum::crc32;
use super::deflate::{self, Piece};

/// One file of the archive.
pub struct Entry {
    /// Its path in the archive.
    pub name: String,
    /// 0 stored, 8 deflated.
    pub method: u16,
    /// The general purpose bit flag (bit 0: encrypted).
    pub flags: u16,
    /// CRC-32 of the uncompressed data.
    pub crc: u32,
    /// Uncompressed size.
    pub size: u64,
    /// The bytes as stored.
    pub data: Vec<u8>,
}

impl Entry {
    /// An entry stored as it is.
    pub fn stored(name: &str, data: &[u8]) -> Self {
        Self {
            name: name.to_string(),
            method: 0,
            flags: 0,
            crc: crc32(data),
            size: data.len() as u64,
            data: data.to_vec(),
        }
    }

    /// An entry deflated with [`deflate::deflate`] (the data is never built).
    pub fn deflated(name: &str, pieces: &[Piece<'_>]) -> Self {
        Self {
            name: name.to_string(),
            method: 8,
            flags: 0,
            crc: deflate::crc32(pieces),
            size: deflate::total_len(pieces),
            data: deflate::deflate(pieces),
        }
    }
}

/// 1980-01-01 00:00 in MS-DOS form: no clock in the output.
const DOS_TIME: u16 = 0;
const DOS_DATE: u16 = (1 << 5) | 1;

fn u32_of(n: u64) -> u32 {
    u32::try_from(n).unwrap_or_else(|_| panic!("{n} needs zip64"))
}

/// The archive's bytes.
pub fn write(entries: &[Entry]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for e in entries {
        let offset = u32_of(out.len() as u64);
        let name = e.name.as_bytes();
        let common = |v: &mut Vec<u8>| {
            v.extend(20u16.to_le_bytes()); // version needed
            v.extend(e.flags.to_le_bytes());
            v.extend(e.method.to_le_bytes());
            v.extend(DOS_TIME.to_le_bytes());
            v.extend(DOS_DATE.to_le_bytes());
            v.extend(e.crc.to_le_bytes());
            v.extend(u32_of(e.data.len() as u64).to_le_bytes());
            v.extend(u32_of(e.size).to_le_bytes());
            v.extend((name.len() as u16).to_le_bytes());
            v.extend(0u16.to_le_bytes()); // extra field length
        };
        out.extend(0x0403_4b50u32.to_le_bytes());
        common(&mut out);
        out.extend_from_slice(name);
        out.extend_from_slice(&e.data);

        central.extend(0x0201_4b50u32.to_le_bytes());
        central.extend(20u16.to_le_bytes()); // version made by
        common(&mut central);
        central.extend(0u16.to_le_bytes()); // comment length
        central.extend(0u16.to_le_bytes()); // disk number
        central.extend(0u16.to_le_bytes()); // internal attributes
        central.extend(0u32.to_le_bytes()); // external attributes
        central.extend(offset.to_le_bytes());
        central.extend_from_slice(name);
    }
    let cd_offset = u32_of(out.len() as u64);
    let cd_size = u32_of(central.len() as u64);
    out.extend(central);
    out.extend(0x0605_4b50u32.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out.extend((entries.len() as u16).to_le_bytes());
    out.extend((entries.len() as u16).to_le_bytes());
    out.extend(cd_size.to_le_bytes());
    out.extend(cd_offset.to_le_bytes());
    out.extend(0u16.to_le_bytes()); // comment length
    out
}
