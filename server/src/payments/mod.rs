//! Money: what clients owe for their bookings (bills). Cards and paying through Stripe come next.

mod bills;

pub use bills::BillService;
