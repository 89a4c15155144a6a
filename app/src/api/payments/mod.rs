//! Payments: the signed-in person's bills.

mod my_bills;

pub use my_bills::{MyBills, my_bills};
