//! Payments: a client's bills, cards and paying; a professional's billing, and letting a bill go.

mod begin_card;
mod finish_card;
mod make_default_card;
mod my_billing;
mod my_bills;
mod my_cards;
mod pay_bill;
mod receipt;
mod remove_card;
mod settle_bill;
mod waive_bill;

pub use begin_card::{BeginCard, begin_card};
pub use finish_card::{FinishCard, finish_card};
pub use make_default_card::{MakeDefaultCard, make_default_card};
pub use my_billing::{MyBilling, my_billing};
pub use my_bills::{MyBills, my_bills};
pub use my_cards::{MyCards, my_cards};
pub use pay_bill::{PayBill, pay_bill};
pub use receipt::{Receipt, receipt};
pub use remove_card::{RemoveCard, remove_card};
pub use settle_bill::{SettleBill, settle_bill};
pub use waive_bill::{WaiveBill, waive_bill};
