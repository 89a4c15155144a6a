//! Automatic logoff (SEC-10): the server ends a session after its idle time; the page warns two
//! minutes before, offers to stay, and at the end logs out itself, clears what it showed, and goes to
//! the log-in page saying why.
//!
//! The page counts from its last word with the server (a page load, or "Stay logged in"). Server
//! functions called meanwhile also keep the server's session alive, so the page may warn early,
//! never late.

use crate::i18n::t;
use leptos::prelude::*;

/// How long before the end the warning shows.
pub const WARN_SECS: u64 = 120;

#[component]
pub fn IdleGuard(idle_secs: u64) -> impl IntoView {
    let t = t();
    let warning = RwSignal::new(false);
    #[cfg(feature = "hydrate")]
    let stay = Callback::new(timers::arm(
        idle_secs,
        warning,
        use_context::<crate::contexts::activity::Activity>(),
    ));
    #[cfg(not(feature = "hydrate"))]
    let stay = {
        let _ = idle_secs;
        Callback::new(|_: leptos::ev::MouseEvent| {})
    };
    view! {
        <Show when=move || warning.get()>
            <div
                class="idle-warning"
                role="alertdialog"
                aria-labelledby="idle-warning-title"
                aria-describedby="idle-warning-text"
            >
                <p class="empty-title" id="idle-warning-title">{t.idle_warning_title}</p>
                <p id="idle-warning-text">{t.idle_warning}</p>
                <button type="button" class="primary" on:click=move |ev| stay.run(ev) autofocus>
                    {t.stay_logged_in}
                </button>
            </div>
        </Show>
    }
}

#[cfg(feature = "hydrate")]
mod timers {
    use super::WARN_SECS;
    use crate::contexts::activity::Activity;
    use leptos::prelude::*;
    use leptos::task::spawn_local;
    use std::time::Duration;

    /// Starts the two timers and returns what "Stay logged in" does.
    ///
    /// Each start bumps a generation and a timer acts only if its generation is still the current
    /// one: that cancels earlier timers without trusting `clearTimeout` ids (a faked clock in tests
    /// hands out ids too large for the i32 web-sys uses).
    pub fn arm(
        idle_secs: u64,
        warning: RwSignal<bool>,
        activity: Option<Activity>,
    ) -> impl Fn(leptos::ev::MouseEvent) + Send + Sync + 'static {
        let generation = StoredValue::new(0u64);
        let restart = move || {
            generation.update_value(|g| *g += 1);
            warning.set(false);
            if idle_secs == 0 {
                return;
            }
            let current = generation.get_value();
            let live = move || generation.try_get_value() == Some(current);
            set_timeout(
                move || {
                    if live() {
                        warning.set(true);
                    }
                },
                Duration::from_secs(idle_secs.saturating_sub(WARN_SECS)),
            );
            // a few seconds early, so the server never sees a request after it has let go
            set_timeout(
                move || {
                    if live() {
                        log_off();
                    }
                },
                Duration::from_secs(idle_secs.saturating_sub(5)),
            );
        };
        restart();
        if let Some(Activity(bumps)) = activity {
            Effect::new(move |seen: Option<u64>| {
                let now = bumps.get();
                if seen.is_some_and(|s| s != now) {
                    restart();
                }
                now
            });
        }
        // leaving the signed-in pages (the generation is gone with this component)
        on_cleanup(move || generation.update_value(|g| *g += 1));
        move |_| {
            // any request with the session renews it on the server
            spawn_local(async move {
                if let Ok(Some(_)) = crate::api::accounts::current_user().await {
                    restart();
                } else {
                    log_off();
                }
            });
        }
    }

    fn log_off() {
        spawn_local(async {
            let _ = crate::api::accounts::log_out().await;
            let Some(window) = web_sys::window() else {
                return;
            };
            let here = window
                .location()
                .pathname()
                .unwrap_or_else(|_| "/".to_owned());
            // nothing of what was on screen stays in the page
            if let Some(body) = window.document().and_then(|d| d.body()) {
                body.set_inner_html("");
            }
            let next = crate::api::encode_path(&here);
            let _ = window
                .location()
                .replace(&format!("/login?reason=idle&next={next}"));
        });
    }
}
