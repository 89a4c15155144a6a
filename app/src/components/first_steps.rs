//! A new professional's checklist, at the top of their Home until every step is done: what
//! clients see of them, a service, working hours, and a first invitation.

use crate::contexts::practice::Practice;
use crate::i18n::{fill, t};
use leptos::prelude::*;

#[component]
pub fn FirstStepsPanel() -> impl IntoView {
    let t = t();
    let Practice {
        services,
        clients,
        first_steps,
        ..
    } = expect_context::<Practice>();
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let Ok(Some(known)) = first_steps.await else {
                    return None;
                };
                let service = services.await.is_ok_and(|s| !s.is_empty());
                let invited = clients.await.is_ok_and(|c| !c.is_empty());
                let steps = [
                    (known.profile, t.step_profile, "/profile#public-heading"),
                    (service, t.step_service, "#services-heading"),
                    (known.hours, t.step_hours, "/hours"),
                    (invited, t.step_invite, "#sessions-heading"),
                ];
                let done = steps.iter().filter(|s| s.0).count();
                (done < steps.len()).then(|| {
                    let progress = fill(
                        t.steps_progress,
                        &[("done", &done.to_string()), ("total", &steps.len().to_string())],
                    );
                    view! {
                        <section class="panel first-steps" aria-labelledby="steps-heading">
                            <h2 id="steps-heading">{t.steps_heading}</h2>
                            <p class="muted">{progress}</p>
                            <ol class="steps">
                                {steps
                                    .into_iter()
                                    .map(|(done, label, href)| view! {
                                        <li class:done=done>
                                            <a href=href>{label}</a>
                                            {done.then(|| view! {
                                                <span class="step-done">
                                                    <span aria-hidden="true">" ✓"</span>
                                                    <span class="visually-hidden">{format!(" ({})", t.step_done)}</span>
                                                </span>
                                            })}
                                        </li>
                                    })
                                    .collect_view()}
                            </ol>
                        </section>
                    }
                })
            })}
        </Transition>
    }
}
