//! Payments: the signed-in person's bills, and a professional letting one go.

mod my_bills;
mod waive_bill;

pub use my_bills::{MyBills, my_bills};
pub use waive_bill::{WaiveBill, waive_bill};
