//! /profile (signed in): who you are to us.

use crate::components::layout::UserResource;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ProfilePage() -> impl IntoView {
    let user = expect_context::<UserResource>();
    let me = move || user.get().and_then(|r| r.ok().flatten());
    view! {
        <Title text="My profile"/>
        <h1>"My profile"</h1>
        <section class="panel">
            <dl class="details">
                <dt>"Name"</dt>
                <dd>{move || me().map(|u| u.name.to_string())}</dd>
                <dt>"Email"</dt>
                <dd>{move || me().map(|u| u.email.to_string())}</dd>
            </dl>
            <p class="muted">"Changing your name, email, password, picture, language and timezone is on its way."</p>
        </section>
    }
}
