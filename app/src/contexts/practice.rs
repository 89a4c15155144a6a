//! A professional's bookings, clients and services, loaded once per visit by the dashboard layout.
//!
//! They are created at the top of the layout, not by the panels that show them: Leptos walks the
//! children of a `Suspense` more than once while rendering on the server, and a resource created
//! in there is created more than once, which breaks hydration and runs fetches whose request has
//! already gone.

use crate::api::ApiError;
use crate::api::bookings::{my_bookings, my_clients};
use crate::api::services::my_services;
use crate::contexts::user::UserResource;
use crate::domain::{Booking, ClientSummary, Role, Service};
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct Practice {
    pub bookings: Resource<Result<Vec<Booking>, ApiError>>,
    pub services: Resource<Result<Vec<Service>, ApiError>>,
    pub clients: Resource<Result<Vec<ClientSummary>, ApiError>>,
}

impl Practice {
    /// For a client both are empty, without asking the server.
    pub fn new(user: UserResource) -> Self {
        let professional = move || async move {
            matches!(user.await, Ok(Some(u)) if u.role == Role::Professional)
        };
        Self {
            bookings: Resource::new(
                || (),
                move |_| async move {
                    if professional().await {
                        my_bookings().await
                    } else {
                        Ok(Vec::new())
                    }
                },
            ),
            services: Resource::new(
                || (),
                move |_| async move {
                    if professional().await {
                        my_services().await
                    } else {
                        Ok(Vec::new())
                    }
                },
            ),
            clients: Resource::new(
                || (),
                move |_| async move {
                    if professional().await {
                        my_clients().await
                    } else {
                        Ok(Vec::new())
                    }
                },
            ),
        }
    }
}
