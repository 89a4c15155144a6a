//! Profile pictures: what may be uploaded, and the id a stored one is served by.

use super::PictureId;
use serde::{Deserialize, Serialize};

/// The largest upload we read, in bytes (5 MiB).
pub const PICTURE_MAX_BYTES: u64 = 5 * 1024 * 1024;
/// What the file picker offers; the server decides by content, never by this or the file name.
pub const PICTURE_ACCEPT: &str = "image/png,image/jpeg,image/webp";

impl PictureId {
    /// Where our server serves it.
    pub fn url(&self) -> String {
        format!("/media/pictures/{}", self.as_str())
    }
}

/// Why an upload was refused; each has a message the person can act on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum PictureError {
    #[error("no file")]
    Missing,
    #[error("file over 5 MiB")]
    TooLarge,
    #[error("not a PNG, JPEG or WebP picture")]
    NotAnImage,
    #[error("over 4096 pixels a side or 64 MiB decoded")]
    TooManyPixels,
    #[error("undecodable picture")]
    Unreadable,
}

impl PictureError {
    pub const ALL: [PictureError; 5] = [
        PictureError::Missing,
        PictureError::TooLarge,
        PictureError::NotAnImage,
        PictureError::TooManyPixels,
        PictureError::Unreadable,
    ];

    /// A stable code for URLs (`?picture_error=too-large`) and JSON answers.
    pub fn code(self) -> &'static str {
        match self {
            PictureError::Missing => "missing",
            PictureError::TooLarge => "too-large",
            PictureError::NotAnImage => "not-an-image",
            PictureError::TooManyPixels => "too-many-pixels",
            PictureError::Unreadable => "unreadable",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|e| e.code() == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for e in PictureError::ALL {
            assert_eq!(PictureError::from_code(e.code()), Some(e));
        }
        assert_eq!(PictureError::from_code("nope"), None);
    }

    #[test]
    fn urls_are_ours() {
        assert_eq!(PictureId::new("abc").url(), "/media/pictures/abc");
    }
}
