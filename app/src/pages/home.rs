//! / (signed in): the client's Home, upcoming appointments first.

use crate::components::layout::UserResource;
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
    view! {
        <Title text="Home"/>
        <h1>"Welcome, " {first_name}</h1>
        <section class="panel" aria-labelledby="upcoming-heading">
            <h2 id="upcoming-heading">"Upcoming appointments"</h2>
            <div class="empty-state">
                <p class="empty-title">"No upcoming appointments"</p>
                <p>"When a professional invites you to a session, it appears here with a link to join."</p>
            </div>
        </section>
    }
}
