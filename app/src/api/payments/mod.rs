//! Payments: a client's bills; a professional's billing, and letting a bill go.

mod my_billing;
mod my_bills;
mod waive_bill;

pub use my_billing::{MyBilling, my_billing};
pub use my_bills::{MyBills, my_bills};
pub use waive_bill::{WaiveBill, waive_bill};
