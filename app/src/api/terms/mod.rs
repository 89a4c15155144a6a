//! The Terms & Conditions in force, and accepting them.

mod accept_terms;
mod terms_in_force;

pub use accept_terms::{AcceptTerms, accept_terms};
pub use terms_in_force::{TermsInForceQuery, terms_in_force};
