//! /hub/:slug: a company's Wellbeing Hub, reached by the link HR shares (unlisted, not indexed).
//! Its welcome, the professionals it offers (filtered by language and kind, each with their next
//! free time and a way to book), and what the reader may do: claim the credits with their
//! invitation, or see what they have left.

use crate::PRODUCT_NAME;
use crate::api::ApiError;
use crate::api::hubs::hub_page;
use crate::components::layout::{HubIcon, PersonAvatar};
use crate::domain::{HubPage, HubProfessional, HubStanding, Refusal};
use crate::i18n::{dates, fill, t, use_language};
use leptos::either::{Either, EitherOf3, EitherOf4};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn HubPageView() -> impl IntoView {
    let t = t();
    let params = use_params_map();
    let query = use_query_map();
    let page = Resource::new_blocking(
        move || {
            (
                params.with(|p| p.get("slug").unwrap_or_default()),
                query.with(|q| (q.get("invite"), q.get("language"), q.get("kind"))),
            )
        },
        |(slug, (invite, language, kind))| hub_page(slug, invite, language, kind),
    );
    let claimed = query.with_untracked(|q| q.get("claimed").as_deref() == Some("1"));
    view! {
        <Meta name="robots" content="noindex"/>
        <Suspense fallback=move || view! { <p class="loading" role="status">{t.loading}</p> }>
            {move || {
                let invite = query.with(|q| q.get("invite").unwrap_or_default());
                let filters = query.with(|q| (q.get("language").unwrap_or_default(), q.get("kind").unwrap_or_default()));
                Suspend::new(async move {
                    match page.await {
                        Ok(p) => EitherOf3::A(view! { <Hub page=p invite filters claimed/> }),
                        Err(ApiError::NotFound | ApiError::Refused(Refusal::NotEligible)) => {
                            EitherOf3::B(view! { <AskHr/> })
                        }
                        Err(e) => EitherOf3::C(view! {
                            <main id="main" class="page">
                                <p class="form-error" role="alert">{t.api_error(&e)}</p>
                            </main>
                        }),
                    }
                })
            }}
        </Suspense>
    }
}

/// A hub link that leads nowhere, or an invitation that can't be used: plainly, and whom to ask.
#[component]
pub fn AskHr() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(opts) = use_context::<leptos_axum::ResponseOptions>() {
        opts.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    let t = t();
    view! {
        <Title text=t.hub_unavailable_title/>
        <main id="main" class="auth-page">
            <div class="auth-card">
                <a class="brand" href="/">{PRODUCT_NAME}</a>
                <h1>{t.hub_unavailable_title}</h1>
                <p>{t.hub_unavailable_body}</p>
            </div>
        </main>
    }
}

#[component]
fn Hub(page: HubPage, invite: String, filters: (String, String), claimed: bool) -> impl IntoView {
    let t = t();
    let title = fill(t.hub_title, &[("company", &page.company)]);
    let slug = page.slug.as_str().to_owned();
    let join = crate::api::hubs::hub_path(&format!("{slug}/join"), Some(&invite));
    let standing = match page.standing.clone() {
        HubStanding::Member { balance } => EitherOf4::A(view! {
            <p class="hub-balance" data-testid="hub-balance">
                {fill(t.hub_member_balance, &[("balance", &balance.to_string()), ("cost", &page.policy.session_credits.to_string())])}
            </p>
            <p><a href="/">{t.hub_to_dashboard}</a></p>
        }),
        HubStanding::Invited { .. } => EitherOf4::B(view! {
            <p>{fill(t.hub_invited, &[("credits", &page.policy.credits_per_period.to_string())])}</p>
            <p><a class="button primary" href=join.clone()>{t.hub_claim}</a></p>
            <p class="muted">{t.hub_pick_first}</p>
        }),
        HubStanding::Visitor => EitherOf4::C(view! {
            <p><a class="button primary" href=join.clone()>{t.hub_claim}</a></p>
            <p class="muted">{t.hub_visitor_note}</p>
        }),
        HubStanding::Outsider => EitherOf4::D(view! {
            <p>{fill(t.hub_outsider, &[("company", &page.company)])}</p>
            <p><a href=join.clone()>{t.hub_join_with_work_email}</a></p>
        }),
    };
    let (language, kind) = filters;
    let none = page.professionals.is_empty();
    let pros = page.professionals.clone();
    let invite_for_list = invite.clone();
    view! {
        <Title text=title.clone()/>
        <main id="main" class="page hub-page">
            <header class="hub-header">
                {match page.logo.clone() {
                    Some(src) => view! {
                        <img class="hub-logo" src=src alt=fill(t.hub_logo_alt, &[("company", &page.company)]) height="64"/>
                    }.into_any(),
                    None => view! { <span class="hub-mark"><HubIcon/></span> }.into_any(),
                }}
                <div>
                    <p class="muted">{PRODUCT_NAME}</p>
                    <h1>{title}</h1>
                </div>
            </header>
            {claimed.then(|| view! { <p class="notice" role="status">{t.hub_claimed}</p> })}
            <section class="panel" aria-labelledby="welcome-heading">
                <h2 id="welcome-heading" class="visually-hidden">{t.hub_welcome}</h2>
                {(!page.welcome.is_empty()).then(|| view! { <p class="bio">{page.welcome.clone()}</p> })}
                {standing}
            </section>
            <section class="panel" aria-labelledby="pros-heading">
                <h2 id="pros-heading">{t.hub_professionals}</h2>
                <form method="get" class="filters" role="search" aria-label=t.hub_filters>
                    <input type="hidden" name="invite" value=invite.clone()/>
                    <label for="filter-language">{t.hub_filter_language}</label>
                    <select id="filter-language" name="language">
                        <option value="">{t.hub_filter_any}</option>
                        {page.languages.iter().map(|l| {
                            let selected = l.eq_ignore_ascii_case(&language);
                            view! { <option value=l.clone() selected=selected>{l.clone()}</option> }
                        }).collect_view()}
                    </select>
                    <label for="filter-kind">{t.hub_filter_kind}</label>
                    <select id="filter-kind" name="kind">
                        <option value="">{t.hub_filter_any}</option>
                        {page.kinds.iter().map(|k| {
                            let selected = k.eq_ignore_ascii_case(&kind);
                            view! { <option value=k.clone() selected=selected>{k.clone()}</option> }
                        }).collect_view()}
                    </select>
                    <button type="submit">{t.hub_filter_button}</button>
                </form>
                {if none {
                    Either::Left(view! { <p class="empty-title">{t.hub_no_professionals}</p> })
                } else {
                    Either::Right(view! {
                        <ul class="hub-professionals">
                            {pros.into_iter().map(|p| view! {
                                <ProfessionalCard pro=p hub=slug.clone() invite=invite_for_list.clone()/>
                            }).collect_view()}
                        </ul>
                    })
                }}
            </section>
        </main>
    }
}

#[component]
fn ProfessionalCard(pro: HubProfessional, hub: String, invite: String) -> impl IntoView {
    let t = t();
    let language = use_language();
    let name = pro.profile.person.name.as_str().to_owned();
    // the professional's zone until the page runs and knows the reader's
    let zone = crate::components::reader_zone::reader_zone(pro.timezone);
    let next = pro.next_free;
    let next_text = move || match next {
        Some(at) => {
            let z = zone.get();
            fill(
                t.hub_next_free,
                &[(
                    "when",
                    &format!(
                        "{} {}",
                        dates::long_date(at, z, language),
                        dates::clock_time(at, z)
                    ),
                )],
            )
        }
        None => t.hub_no_free_time.to_owned(),
    };
    let carry = crate::api::hubs::hub_query(&hub, &invite);
    let book = pro.services.first().map(|o| {
        format!(
            "/book/{}?service={}{carry}",
            pro.slug.as_str(),
            o.service.id.as_str()
        )
    });
    let label = fill(t.hub_see_times, &[("name", &name)]);
    view! {
        <li class="hub-professional">
            <div class="profile-card">
                <PersonAvatar name=name.clone() picture=pro.profile.person.picture.clone() large=true/>
                <div>
                    <h3>{name.clone()}</h3>
                    {pro.profile.title.as_ref().map(|title| view! { <p class="muted">{title.as_str().to_owned()}</p> })}
                    {(!pro.profile.languages.is_empty()).then(|| view! {
                        <p class="muted">{fill(t.languages_spoken, &[("list", &pro.profile.languages.joined())])}</p>
                    })}
                </div>
            </div>
            <ul class="hub-services">
                {pro.services.iter().map(|o| {
                    let s = &o.service;
                    let details = t.session_details(s.meeting_type, s.length, s.price, language);
                    view! {
                        <li>
                            <strong>{s.name.as_str().to_owned()}</strong>
                            " · " {fill(t.hub_session_credits, &[("cost", &o.credits.to_string())])}
                            <span class="muted">" (" {details} ")"</span>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <p class="muted">{next_text}</p>
            {book.map(|href| view! { <a class="button" href=href aria-label=label.clone()>{t.hub_book}</a> })}
        </li>
    }
}
