//! What the signed-in pages load, created once per visit by the dashboard layout and keyed on
//! the path: each asks the server only on its own page.
//!
//! Like `Practice`, they live at the top of the layout rather than in the pages: a resource a
//! page creates is created more than once while Leptos renders nested routes on the server, and
//! the browser then hydrates against the wrong one.

use crate::api::ApiError;
use crate::api::bookings::{appointment, my_agenda, my_connections};
use crate::api::directory::my_public_profile;
use crate::api::hubs::{hr_dashboard, my_credits};
use crate::api::links::my_link;
use crate::api::notifications::{my_notification_settings, my_notifications};
use crate::api::payments::{my_billing, my_bills, my_cards, receipt};
use crate::api::profile::my_access_log;
use crate::api::two_factor::two_factor_status;
use crate::contexts::user::UserResource;
use crate::domain::{
    AccessEntry, Agenda, AppointmentView, Bill, Card, Connection, Credits, HrDashboard,
    LinkSettings, Notification, NotificationSettings, ProfessionalProfile, Role, TwoFactorStatus,
};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

type Loaded<T> = Resource<Result<Option<T>, ApiError>>;

#[derive(Clone, Copy)]
pub struct PageData {
    /// Home, for a client.
    pub agenda: Loaded<Agenda>,
    pub connections: Loaded<Vec<Connection>>,
    pub notifications: Loaded<Vec<Notification>>,
    pub settings: Loaded<NotificationSettings>,
    /// `/appointments/:id` and its room.
    pub appointment: Loaded<AppointmentView>,
    /// My profile, for a professional.
    pub public_profile: Loaded<ProfessionalProfile>,
    /// My profile, for a client: who opened their record.
    pub access_log: Loaded<Vec<AccessEntry>>,
    /// My profile: two-step log-in.
    pub two_factor: Loaded<TwoFactorStatus>,
    /// Payments: a client's bills, or a professional's to their clients.
    pub bills: Loaded<Vec<Bill>>,
    /// A client's saved cards, where they can pay: Payments and an appointment.
    pub cards: Loaded<Vec<Card>>,
    /// `/payments/receipts/:id`: a paid bill.
    pub receipt: Loaded<Bill>,
    /// `/hours`: a professional's booking link and hours.
    pub link: Loaded<LinkSettings>,
    /// Payments: a hub member's credits.
    pub credits: Loaded<Credits>,
    /// `/hr`: an HR admin's dashboard.
    pub hr: Loaded<HrDashboard>,
}

/// The booking id in `/appointments/:id[/join]`.
fn appointment_id(path: &str) -> Option<String> {
    let rest = path.strip_prefix("/appointments/")?;
    let id = rest.strip_suffix("/join").unwrap_or(rest);
    (!id.is_empty() && !id.contains('/')).then(|| id.to_owned())
}

impl PageData {
    pub fn new(user: UserResource) -> Self {
        let location = use_location().pathname;
        // In the browser a resource follows the path, so client-side navigation loads the new
        // page's data. On the server the path is read once: a source that changed while the
        // page was being rendered would start a second fetch, and the render could wait for
        // the first one for ever.
        let path = move || {
            #[cfg(feature = "hydrate")]
            {
                location.get()
            }
            #[cfg(not(feature = "hydrate"))]
            {
                location.get_untracked()
            }
        };
        let role = move || async move {
            match user.await {
                Ok(Some(u)) => Some(u.role),
                _ => None,
            }
        };
        Self {
            agenda: Resource::new(path, move |p| async move {
                if p == "/" && role().await == Some(Role::Client) {
                    my_agenda().await.map(Some)
                } else {
                    Ok(None)
                }
            }),
            connections: Resource::new(path, move |p| async move {
                if p == "/connections" && role().await.is_some() {
                    my_connections().await.map(Some)
                } else {
                    Ok(None)
                }
            }),
            notifications: Resource::new(path, move |p| async move {
                if p == "/notifications" && role().await.is_some() {
                    my_notifications().await.map(Some)
                } else {
                    Ok(None)
                }
            }),
            settings: Resource::new(path, move |p| async move {
                if p == "/notifications" && role().await.is_some() {
                    my_notification_settings().await.map(Some)
                } else {
                    Ok(None)
                }
            }),
            appointment: Resource::new(path, move |p| async move {
                match appointment_id(&p) {
                    Some(id) if role().await.is_some() => appointment(Some(id)).await.map(Some),
                    _ => Ok(None),
                }
            }),
            public_profile: Resource::new(path, move |p| async move {
                if p == "/profile" && role().await == Some(Role::Professional) {
                    my_public_profile().await.map(Some)
                } else {
                    Ok(None)
                }
            }),
            access_log: Resource::new(path, move |p| async move {
                if p == "/profile" && role().await == Some(Role::Client) {
                    my_access_log().await.map(Some)
                } else {
                    Ok(None)
                }
            }),
            two_factor: Resource::new(path, move |p| async move {
                if p == "/profile" && role().await.is_some() {
                    two_factor_status().await.map(Some)
                } else {
                    Ok(None)
                }
            }),
            bills: Resource::new(path, move |p| async move {
                if p != "/payments" {
                    return Ok(None);
                }
                match role().await {
                    Some(Role::Professional) => my_billing().await.map(Some),
                    Some(Role::Client) => my_bills().await.map(Some),
                    Some(Role::HrAdmin) | None => Ok(None),
                }
            }),
            receipt: Resource::new(path, move |p| async move {
                match p.strip_prefix("/payments/receipts/") {
                    Some(id) if !id.is_empty() => receipt(Some(id.to_owned())).await.map(Some),
                    _ => Ok(None),
                }
            }),
            link: Resource::new(path, move |p| async move {
                match (p.as_str(), role().await) {
                    ("/hours", Some(Role::Professional)) => my_link().await.map(Some),
                    _ => Ok(None),
                }
            }),
            credits: Resource::new(path, move |p| async move {
                match (p.as_str(), role().await) {
                    ("/payments", Some(Role::Client)) => my_credits().await,
                    _ => Ok(None),
                }
            }),
            hr: Resource::new(path, move |p| async move {
                match (p.as_str(), role().await) {
                    ("/hr", Some(Role::HrAdmin)) => hr_dashboard().await.map(Some),
                    _ => Ok(None),
                }
            }),
            cards: Resource::new(path, move |p| async move {
                if p != "/payments" && appointment_id(&p).is_none() {
                    return Ok(None);
                }
                match role().await {
                    Some(Role::Client) => my_cards().await.map(Some),
                    _ => Ok(None),
                }
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn appointment_paths() {
        assert_eq!(
            super::appointment_id("/appointments/abc").as_deref(),
            Some("abc")
        );
        assert_eq!(
            super::appointment_id("/appointments/abc/join").as_deref(),
            Some("abc")
        );
        assert_eq!(super::appointment_id("/appointments/"), None);
        assert_eq!(super::appointment_id("/connections"), None);
    }
}
