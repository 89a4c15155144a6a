//! A professional's bookings, clients and services, loaded once per visit by the dashboard layout.
//!
//! They are created at the top of the layout, not by the panels that show them: Leptos walks the
//! children of a `Suspense` more than once while rendering on the server, and a resource created
//! in there is created more than once, which breaks hydration and runs fetches whose request has
//! already gone.

use crate::api::ApiError;
use crate::api::bookings::{my_bookings, my_clients};
use crate::api::directory::my_first_steps;
use crate::api::services::my_services;
use crate::contexts::user::UserResource;
use crate::domain::{Booking, ClientSummary, FirstSteps, Role, Service};
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct Practice {
    pub bookings: Resource<Result<Vec<Booking>, ApiError>>,
    pub services: Resource<Result<Vec<Service>, ApiError>>,
    pub clients: Resource<Result<Vec<ClientSummary>, ApiError>>,
    /// What the server knows of the first-steps checklist (`None` for a client). Asked again on
    /// each return to Home while unfinished: the hours or the profile may have been saved on
    /// their own pages meanwhile.
    pub first_steps: Resource<Result<Option<FirstSteps>, ApiError>>,
}

impl Practice {
    /// For a client all are empty, without asking the server.
    pub fn new(user: UserResource) -> Self {
        let practice = Self::resources(user);
        let first_steps = practice.first_steps;
        let path = leptos_router::hooks::use_location().pathname;
        Effect::new(move |was: Option<String>| {
            let now = path.get();
            let unfinished = first_steps
                .get_untracked()
                .and_then(Result::ok)
                .flatten()
                .is_some_and(|s| !(s.profile && s.hours));
            if was.is_some_and(|was| was != "/") && now == "/" && unfinished {
                first_steps.refetch();
            }
            now
        });
        practice
    }

    fn resources(user: UserResource) -> Self {
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
            first_steps: Resource::new(
                || (),
                move |_| async move {
                    if professional().await {
                        my_first_steps().await.map(Some)
                    } else {
                        Ok(None)
                    }
                },
            ),
        }
    }
}
