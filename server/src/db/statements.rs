//! SurrealQL statements that several tables' transactions share.

/// The statement that stores a join link (`$link_hash`) for `$<booking>`, when one is given.
pub(super) fn add_link_if_set(booking: &str) -> String {
    format!(
        "IF $link_hash != NONE {{
            CREATE booking_link CONTENT {{
                booking: ${booking}, token_hash: $link_hash, created_at: $now
            }} RETURN NONE
        }}"
    )
}
