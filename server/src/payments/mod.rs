//! Money: what clients owe for their bookings (bills), their cards, and paying through Stripe.

mod bills;
pub mod gateway;
pub mod reconcile;
mod service;
pub mod standin;
pub mod webhook;

pub use bills::BillService;
pub use service::PaymentService;
