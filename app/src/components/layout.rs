//! The signed-in frame: header with navigation and the user's menu around every dashboard page.

use crate::PRODUCT_NAME;
use crate::api::accounts::{LogOut, current_user, session_policy};
use crate::api::hubs::my_hub;
use crate::api::notifications::unread_notifications;
use crate::components::action_form::ActionForm;
use crate::components::idle_guard::IdleGuard;
use crate::contexts::activity::Activity;
use crate::contexts::page_data::PageData;
use crate::contexts::practice::Practice;
use crate::contexts::user::{UnreadCount, UserResource};
use crate::domain::{CurrentUser, HubBadge, PictureId, Role};
use crate::i18n::{fill, t};
use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;
use leptos::reactive::computed::ScopedFuture;
use leptos_router::components::{A, Outlet, Redirect};
use leptos_router::hooks::use_location;

/// Pages inside require a signed-in user; anyone else is sent to log in and brought back after.
#[component]
pub fn DashboardLayout() -> impl IntoView {
    let user: UserResource = Resource::new_blocking(|| (), |_| current_user());
    provide_context(user);
    provide_context(Practice::new(user));
    provide_context(PageData::new(user));
    let policy = Resource::new_blocking(|| (), |_| session_policy());
    let unread = UnreadCount(Resource::new(
        || (),
        move |_| async move {
            match user.await {
                Ok(Some(_)) => unread_notifications().await,
                _ => Ok(0),
            }
        },
    ));
    provide_context(unread);
    // a hub member's way back to their hub, in the header
    let hub = Resource::new(
        || (),
        move |_| async move {
            match user.await {
                Ok(Some(u)) if u.role == Role::Client => my_hub().await.ok().flatten(),
                _ => None,
            }
        },
    );
    provide_context(Activity(RwSignal::new(0)));
    let location = use_location();
    let t = t();
    // The frame is rendered once per page load. A refetch of the user (a page saved the name, say)
    // updates the header in place; if it rebuilt the frame, the page inside would be disposed
    // while its own views still read its actions. What a refetch can change beyond the header
    // (the language, a log-out elsewhere) reloads the page.
    #[cfg(feature = "hydrate")]
    Effect::new(move |was_signed_in: Option<bool>| {
        let now = user.get();
        match &now {
            Some(Ok(Some(u))) if u.language != crate::i18n::use_language() => {
                crate::browser::reload();
            }
            // the server sends the reload to log in
            Some(Ok(None)) if was_signed_in == Some(true) => crate::browser::reload(),
            _ => {}
        }
        matches!(now, Some(Ok(Some(_))))
    });
    view! {
        <a class="skip-link" href="#main">{t.skip_link}</a>
        <Transition fallback=move || view! { <p class="loading" role="status">{t.loading}</p> }>
            {move || Suspend::new(async move {
                // awaited without tracking: see above
                let me = ScopedFuture::new_untracked(async move { user.await }).await;
                let policy = ScopedFuture::new_untracked(async move { policy.await }).await;
                match me {
                    Ok(Some(u)) if u.terms_due || u.two_factor_due => {
                        // the Terms first, then two-step log-in, then where they were going
                        let here = location.pathname.get_untracked();
                        let page = if u.terms_due { "/terms/accept" } else { "/two-factor" };
                        let path = format!("{page}?next={}", crate::api::encode_path(&here));
                        EitherOf3::B(view! { <Redirect path/> })
                    }
                    Ok(Some(u)) => EitherOf3::A(view! {
                        <IdleGuard idle_secs=policy.map(|p| p.idle_secs).unwrap_or(0)/>
                        <AppHeader user=u unread hub/>
                        <main id="main" class="page">
                            <Outlet/>
                        </main>
                    }),
                    Ok(None) => {
                        let here = location.pathname.get_untracked();
                        let path = format!("/login?next={}", crate::api::encode_path(&here));
                        EitherOf3::B(view! { <Redirect path/> })
                    }
                    Err(e) => EitherOf3::C(view! {
                        <main id="main" class="page">
                            <p class="form-error" role="alert">{t.api_error(&e)}</p>
                        </main>
                    }),
                }
            })}
        </Transition>
    }
}

#[component]
fn AppHeader(
    user: CurrentUser,
    unread: UnreadCount,
    hub: Resource<Option<HubBadge>>,
) -> impl IntoView {
    let log_out = ServerAction::<LogOut>::new();
    let role = user.role;
    // the user as loaded, then as refetched after a change
    let resource = expect_context::<UserResource>();
    let me = move || {
        resource
            .get()
            .and_then(|r| r.ok().flatten())
            .unwrap_or_else(|| user.clone())
    };
    let t = t();
    let badge = move || {
        let n = unread.0.get().and_then(Result::ok).unwrap_or(0);
        (n > 0).then(|| {
            let label = crate::i18n::fill(t.unread_count, &[("count", &n.to_string())]);
            view! {
                <span class="nav-badge" aria-hidden="true">{n}</span>
                <span class="visually-hidden">{format!("({label})")}</span>
            }
        })
    };
    let hub_link = move || {
        hub.get().flatten().map(|h| {
            let label = fill(t.nav_hub, &[("company", &h.company)]);
            view! {
                <a class="hub-link" href=format!("/hub/{}", h.slug.as_str()) aria-label=label.clone() title=label>
                    <HubIcon/>
                </a>
            }
        })
    };
    // the account menu closes once a page is chosen, whichever way it was reached
    let menu = NodeRef::<leptos::html::Details>::new();
    let path = leptos_router::hooks::use_location().pathname;
    let close_menu = move || {
        if let Some(menu) = menu.get_untracked() {
            menu.set_open(false);
        }
    };
    Effect::new(move |_| {
        path.track();
        close_menu();
    });
    view! {
        <header class="app-header">
            <a class="brand" href="/">{PRODUCT_NAME}</a>
            <Transition fallback=|| ()>{hub_link}</Transition>
            <nav aria-label=t.nav_label>
                {if role == Role::HrAdmin {
                    Either::Left(view! { <A href="/hr">{t.nav_hr}</A> })
                } else {
                    Either::Right(view! {
                        <A href="/" exact=true>{t.nav_home}</A>
                        <A href="/connections">{t.nav_connections}</A>
                        <A href="/notifications">
                            {t.nav_notifications}
                            <Transition fallback=|| ()>{badge}</Transition>
                        </A>
                        <A href="/payments">{t.nav_payments}</A>
                        {(role == Role::Professional)
                            .then(|| view! {
                                <A href="/calendar">{t.nav_calendar}</A>
                                <A href="/hours">{t.nav_booking_link}</A>
                            })}
                    })
                }}
            </nav>
            <details class="user-menu" node_ref=menu>
                <summary>
                    {
                        let me = me.clone();
                        move || view! { <Avatar user=me()/> }
                    }
                    <span class="user-name">{move || me().name.to_string()}</span>
                    <span class="visually-hidden">{t.account_menu}</span>
                </summary>
                <div class="menu" on:click=move |_| close_menu()>
                    <a href="/profile">{t.menu_profile}</a>
                    <ActionForm action=log_out>
                        <button type="submit" class="link-button">{t.log_out}</button>
                    </ActionForm>
                </div>
            </details>
        </header>
    }
}

/// A house with a heart in it: a company's Wellbeing Hub. Decorative: its link has a name.
#[component]
pub fn HubIcon() -> impl IntoView {
    view! {
        <svg class="hub-icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
            <path d="M3 11 12 3l9 8v10H3z" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round"/>
            <path d="M12 18.5s-4-2.4-4-5.1A2.2 2.2 0 0 1 12 12a2.2 2.2 0 0 1 4 1.4c0 2.7-4 5.1-4 5.1z" fill="currentColor"/>
        </svg>
    }
}

/// The person's picture, or their initials when they have none. Decorative: their name is beside it.
#[component]
pub fn Avatar(user: CurrentUser, #[prop(optional)] large: bool) -> impl IntoView {
    view! { <PersonAvatar name=user.name.as_str().to_owned() picture=user.picture large/> }
}

/// `Avatar` for anyone: a name and perhaps a picture.
#[component]
pub fn PersonAvatar(
    name: String,
    picture: Option<PictureId>,
    #[prop(optional)] large: bool,
) -> impl IntoView {
    let class = if large {
        "avatar avatar-large"
    } else {
        "avatar"
    };
    match picture {
        Some(p) => {
            view! { <img class=class src=p.url() alt="" width="96" height="96"/> }.into_any()
        }
        None => view! { <span class=class aria-hidden="true">{initials(&name)}</span> }.into_any(),
    }
}

/// Up to two initials for the avatar placeholder.
fn initials(name: &str) -> String {
    let first: String = name
        .split_whitespace()
        .filter_map(|w| w.chars().next())
        .take(2)
        .collect();
    crate::domain::uppercase(&first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_of_names() {
        assert_eq!(initials("ann smith"), "AS");
        assert_eq!(initials("Þóra"), "Þ");
        assert_eq!(initials("a b c"), "AB");
    }
}
