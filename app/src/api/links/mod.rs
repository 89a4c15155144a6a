//! Booking links: a professional's hours and link (theirs only), and the public side: anyone may
//! look at a link's page and hold a free slot; booking it needs a client's account, made on the
//! way when the visitor has none.

mod book_held;
mod booking_page;
mod held_slot;
mod hold_slot;
mod my_link;
mod rename_link;
mod save_hours;
mod sign_up_and_book;

pub use book_held::{BookHeld, book_held};
pub use booking_page::{BookingPage, booking_page};
pub use held_slot::{HeldSlotOf, held_slot};
pub use hold_slot::{HoldSlot, hold_slot};
pub use my_link::{MyLink, my_link};
pub use rename_link::{RenameLink, rename_link};
pub use save_hours::{SaveHours, save_hours};
pub use sign_up_and_book::{SignUpAndBook, sign_up_and_book};

/// Where a held slot is confirmed: `/book/confirm?hold=…`.
pub fn confirm_path(token: &str) -> String {
    format!("/book/confirm?hold={}", crate::api::encode_path(token))
}
