//! / (signed in): Home, upcoming appointments first; a professional also manages services here.

use super::services_panel::ServicesPanel;
use super::sessions_panel::SessionsPanel;
use crate::components::layout::UserResource;
use crate::domain::Role;
use crate::i18n::{fill, t};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn HomePage() -> impl IntoView {
    let user = expect_context::<UserResource>();
    let first_name = move || {
        user.get()
            .and_then(|r| r.ok().flatten())
            .and_then(|u| u.name.as_str().split_whitespace().next().map(str::to_owned))
    };
    // the layout has resolved the user before any page renders; a role doesn't change in a visit
    let professional = user
        .get_untracked()
        .and_then(|r| r.ok().flatten())
        .filter(|u| u.role == Role::Professional);
    let t = t();
    let welcome = move || fill(t.welcome, &[("name", &first_name().unwrap_or_default())]);
    view! {
        <Title text=t.home_title/>
        <h1>{welcome}</h1>
        {match professional {
            Some(me) => Either::Left(view! {
                <SessionsPanel me/>
                <ServicesPanel/>
            }),
            None => Either::Right(view! {
                <section class="panel" aria-labelledby="upcoming-heading">
                    <h2 id="upcoming-heading">{t.upcoming}</h2>
                    <div class="empty-state">
                        <p class="empty-title">{t.no_upcoming}</p>
                        <p>{t.no_upcoming_body}</p>
                    </div>
                </section>
            }),
        }}
    }
}
