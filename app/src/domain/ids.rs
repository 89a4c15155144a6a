//! Typed record ids: a `UserId` can never be passed where another table's id is expected.

use serde::{Deserialize, Serialize};

/// Whether `raw` has the shape of our record keys (lower-case letters and digits, at most 40):
/// an id arriving in a URL or form is refused before anything looks it up.
fn is_key(raw: &str) -> bool {
    !raw.is_empty()
        && raw.len() <= 40
        && raw
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
}

/// The key of a record in one table, as its own type.
macro_rules! record_key {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub struct $name(String);

        impl $name {
            /// Wraps the key part of a record id. Only the database layer mints these.
            pub fn new(key: impl Into<String>) -> Self {
                Self(key.into())
            }

            /// An id as it arrives in a URL or form: our keys' shape, or nothing.
            pub fn parse(raw: &str) -> Option<Self> {
                is_key(raw).then(|| Self(raw.to_owned()))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }
    };
}

record_key!(UserId);
record_key!(BookingId);
record_key!(BillId);
record_key!(
    /// A saved card of a client's (ours; Stripe's own id for it stays on the server).
    CardId
);
record_key!(ServiceId);
record_key!(
    /// A company with a Wellbeing Hub.
    CompanyId
);
record_key!(NotificationId);
record_key!(
    /// A stored, re-encoded picture. A new upload gets a new id, so its URL can be cached for good.
    PictureId
);

#[cfg(test)]
mod tests {
    use super::BookingId;

    #[test]
    fn ids_from_outside_must_look_like_our_keys() {
        assert!(BookingId::parse("abc123").is_some());
        for bad in ["", "ABC", "a-b", "a/b", &"a".repeat(41)] {
            assert!(BookingId::parse(bad).is_none(), "{bad:?}");
        }
    }
}
