//! Company Wellbeing Hubs: a hub's page (anyone with its link), claiming its credits (an
//! invitation proves the address), a member's credits, and HR's functions (only an HR admin of
//! the company, never a client or professional, and never another company's).

mod ask_to_join;
mod claim_hub;
mod hr_dashboard;
mod hub_page;
mod invite_employees;
mod invite_hr_admin;
mod my_credits;
mod my_hub;
mod offer_professional;
mod remove_member;
mod request_credits;
mod save_hub_service;
mod save_hub_settings;
mod sign_up_and_claim;
mod withdraw_professional;

pub use ask_to_join::{AskToJoin, ask_to_join};
pub use claim_hub::{ClaimHub, claim_hub};
pub use hr_dashboard::{HrDashboardOf, hr_dashboard};
pub use hub_page::{HubPageOf, hub_page};
pub use invite_employees::{InviteEmployees, invite_employees};
pub use invite_hr_admin::{InviteHrAdmin, invite_hr_admin};
pub use my_credits::{MyCredits, my_credits};
pub use my_hub::{MyHub, my_hub};
pub use offer_professional::{OfferProfessional, offer_professional};
pub use remove_member::{RemoveMember, remove_member};
pub use request_credits::{RequestCredits, request_credits};
pub use save_hub_service::{SaveHubService, save_hub_service};
pub use save_hub_settings::{SaveHubSettings, save_hub_settings};
pub use sign_up_and_claim::{SignUpAndClaim, sign_up_and_claim};
pub use withdraw_professional::{WithdrawProfessional, withdraw_professional};

/// `&hub=…&invite=…`: a booking link's query from a hub, carried on to the time held.
pub fn hub_query(hub: &str, invite: &str) -> String {
    let mut q = format!("&hub={}", crate::api::encode_path(hub));
    if !invite.is_empty() {
        q.push_str(&format!("&invite={}", crate::api::encode_path(invite)));
    }
    q
}

/// A hub's page, with the invitation the visitor came with.
pub fn hub_path(slug: &str, invite: Option<&str>) -> String {
    match invite.filter(|i| !i.is_empty()) {
        Some(i) => format!("/hub/{slug}?invite={}", crate::api::encode_path(i)),
        None => format!("/hub/{slug}"),
    }
}
