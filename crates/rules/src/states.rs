//! States, their codes in every source's spelling, and membership of the UN bodies by date.
//!
//! API contract (implementation in progress; see ARCHITECTURE.md):
//!
//! - [`StateCode`]: an ISO 3166-1 alpha-3 code, or ISO 3166-3 / ad hoc code for a former
//!   holder of a seat (SUN, YUG, CSK, DDR, YMD, SCG, YAR, TAN, ZAN, UAR, TWN).
//! - [`Registry::bundled`]: the registry compiled from `data/membership` and `data/states`.

pub use chrono::NaiveDate as Date;

/// An alpha-3 state code, upper case ASCII.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct StateCode(pub [u8; 3]);

impl StateCode {
    pub fn as_str(&self) -> &str {
        // Constructed only from upper-case ASCII.
        std::str::from_utf8(&self.0).unwrap_or("???")
    }
    /// Parses exactly three ASCII letters (case-insensitive).
    pub fn parse(s: &str) -> Option<StateCode> {
        let b = s.as_bytes();
        if b.len() != 3 || !b.iter().all(|c| c.is_ascii_alphabetic()) {
            return None;
        }
        Some(StateCode([b[0].to_ascii_uppercase(), b[1].to_ascii_uppercase(), b[2].to_ascii_uppercase()]))
    }
}

impl std::fmt::Display for StateCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
impl std::fmt::Debug for StateCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.as_str())
    }
}
