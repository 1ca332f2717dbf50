//! Protobuf wire-format reading: varints, tags, length-delimited payloads and skipping.

use crate::ProtoError;

/// Wire type 0: varint.
pub(crate) const VARINT: u8 = 0;
/// Wire type 1: 64-bit little-endian.
pub(crate) const FIXED64: u8 = 1;
/// Wire type 2: length-delimited.
pub(crate) const LEN: u8 = 2;
/// Wire type 3: start group (deprecated).
pub(crate) const START_GROUP: u8 = 3;
/// Wire type 4: end group (deprecated).
pub(crate) const END_GROUP: u8 = 4;
/// Wire type 5: 32-bit little-endian.
pub(crate) const FIXED32: u8 = 5;

/// Deepest group nesting accepted while skipping an unknown group field.
const MAX_GROUP_DEPTH: usize = 64;

/// A cursor over one message's bytes.
pub(crate) struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    /// A reader positioned at the start of `buf`.
    pub(crate) fn new(buf: &'a [u8]) -> Self {
        Reader { buf, pos: 0 }
    }

    /// Whether every byte has been consumed.
    pub(crate) fn is_empty(&self) -> bool {
        self.pos >= self.buf.len()
    }

    /// Reads a base-128 varint (at most 10 bytes; excess high bits are dropped, as Go's
    /// generated code does).
    pub(crate) fn varint(&mut self) -> Result<u64, ProtoError> {
        let mut value: u64 = 0;
        for i in 0..10u32 {
            let b = *self.buf.get(self.pos).ok_or(ProtoError::Truncated)?;
            self.pos += 1;
            value |= u64::from(b & 0x7f).checked_shl(7 * i).unwrap_or(0);
            if b < 0x80 {
                return Ok(value);
            }
        }
        Err(ProtoError::VarintOverflow)
    }

    /// Reads a field key, returning `(field number, wire type)`.
    pub(crate) fn key(&mut self) -> Result<(u32, u8), ProtoError> {
        let key = self.varint()?;
        let wire = (key & 7) as u8;
        let num = key >> 3;
        if num == 0 || num > u64::from(u32::MAX >> 3) {
            return Err(ProtoError::InvalidFieldNumber(num));
        }
        // The bound check above makes this conversion lossless.
        let num = u32::try_from(num).map_err(|_| ProtoError::InvalidFieldNumber(num))?;
        Ok((num, wire))
    }

    /// Takes `n` bytes.
    pub(crate) fn take(&mut self, n: usize) -> Result<&'a [u8], ProtoError> {
        let end = self.pos.checked_add(n).ok_or(ProtoError::Truncated)?;
        let out = self.buf.get(self.pos..end).ok_or(ProtoError::Truncated)?;
        self.pos = end;
        Ok(out)
    }

    /// Reads a length-delimited payload.
    pub(crate) fn bytes(&mut self) -> Result<&'a [u8], ProtoError> {
        let len = self.varint()?;
        let len = usize::try_from(len).map_err(|_| ProtoError::Truncated)?;
        self.take(len)
    }

    /// Reads 8 little-endian bytes.
    pub(crate) fn fixed64(&mut self) -> Result<u64, ProtoError> {
        let b = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(u64::from_le_bytes(a))
    }

    /// Skips the value of a field whose key (with wire type `wire`) was just read.
    pub(crate) fn skip(&mut self, num: u32, wire: u8) -> Result<(), ProtoError> {
        match wire {
            VARINT => self.varint().map(drop),
            FIXED64 => self.take(8).map(drop),
            LEN => self.bytes().map(drop),
            FIXED32 => self.take(4).map(drop),
            START_GROUP => self.skip_group(num),
            _ => Err(ProtoError::InvalidWireType { field: num, wire }),
        }
    }

    /// Skips a (deprecated) group up to and including its matching end-group key.
    fn skip_group(&mut self, num: u32) -> Result<(), ProtoError> {
        let mut open = vec![num];
        while let Some(&top) = open.last() {
            let (n, w) = self.key()?;
            match w {
                START_GROUP => {
                    if open.len() >= MAX_GROUP_DEPTH {
                        return Err(ProtoError::TooDeep);
                    }
                    open.push(n);
                }
                END_GROUP => {
                    if n != top {
                        return Err(ProtoError::InvalidWireType { field: n, wire: w });
                    }
                    open.pop();
                }
                _ => self.skip(n, w)?,
            }
        }
        Ok(())
    }
}

/// Decodes `bytes` as UTF-8 the way Go's JSON encoder renders a Go string: every byte
/// that is not part of a valid UTF-8 sequence becomes U+FFFD.
pub(crate) fn go_string(mut bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    loop {
        match std::str::from_utf8(bytes) {
            Ok(s) => {
                out.push_str(s);
                return out;
            }
            Err(e) => {
                let (valid, rest) = bytes.split_at(e.valid_up_to());
                // `valid` is valid UTF-8 by construction.
                out.push_str(std::str::from_utf8(valid).unwrap_or_default());
                let bad = e.error_len().unwrap_or(rest.len());
                for _ in 0..bad {
                    out.push('\u{FFFD}');
                }
                bytes = rest.get(bad..).unwrap_or_default();
            }
        }
    }
}
