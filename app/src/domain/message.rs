//! A message between the two people of a booking, delivered by mail.

use serde::{Deserialize, Serialize};

/// Longest message, in characters.
pub const MESSAGE_MAX: usize = 2000;

/// What one person of a booking writes to the other: trimmed, not empty, at most
/// `MESSAGE_MAX` characters; line breaks kept, other control characters dropped.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageText(String);

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MessageError {
    #[error("the message is empty")]
    Empty,
    #[error("the message is too long")]
    TooLong,
}

impl MessageText {
    pub fn parse(raw: &str) -> Result<Self, MessageError> {
        let kept: String = raw
            .replace("\r\n", "\n")
            .chars()
            .filter(|c| *c == '\n' || !c.is_control())
            .collect();
        let text = kept.trim();
        if text.is_empty() {
            Err(MessageError::Empty)
        } else if text.chars().count() > MESSAGE_MAX {
            Err(MessageError::TooLong)
        } else {
            Ok(Self(text.to_owned()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_is_trimmed_bounded_and_keeps_its_lines() {
        assert_eq!(
            MessageText::parse("  Hello,\r\nsee you\u{7} soon \n")
                .unwrap()
                .as_str(),
            "Hello,\nsee you soon"
        );
        assert_eq!(MessageText::parse(" \n "), Err(MessageError::Empty));
        assert_eq!(
            MessageText::parse(&"x".repeat(MESSAGE_MAX + 1)),
            Err(MessageError::TooLong)
        );
        assert!(MessageText::parse(&"é".repeat(MESSAGE_MAX)).is_ok());
    }
}
