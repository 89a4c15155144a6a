//! The `Hubs` port: a company's Wellbeing Hub, its members and their credits, and HR's side.
//! HR sees members (who joined) and figures about groups of at least `SMALLEST_GROUP`, never
//! who booked whom, when, or about what.

use super::LinkService;
use crate::auth::password::Hasher;
use crate::auth::tokens::{hash_of, random_token};
use crate::clock::Clock;
use crate::db::hubs::{Company, Join, Joined};
use crate::db::{self, Db, DbError};
use crate::mail::hub_mail;
use app::domain::{
    BookingId, CreditKind, CurrentUser, DisplayName, Email, HUB_INVITE_DAYS, HrDashboard, HubBadge,
    HubOffering, HubPage, HubProfessional, HubSettings, HubStanding, LOW_CREDITS, MOST_INVITES,
    MonthFigures, OfferedProfessional, Password, Role, ServiceId, ServiceTerms, Slug,
    TERMS_VERSION, UserId, shown_if_enough,
};
use app::ports::{Cause, HubError, Hubs};
use async_trait::async_trait;
use chrono::{DateTime, Datelike, Duration, Months, TimeZone, Utc};
use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;

/// Months of figures HR's dashboard shows.
const MONTHS_SHOWN: u32 = 12;
/// How long a new HR admin's set-your-password link works.
pub const ADMIN_LINK_DAYS: i64 = 7;

fn unexpected(e: impl Into<Cause>) -> HubError {
    HubError::Unexpected(e.into())
}

/// `start` plus `months` calendar months.
pub fn period_end(start: DateTime<Utc>, months: u32) -> DateTime<Utc> {
    start
        .checked_add_months(Months::new(months))
        .unwrap_or(start + Duration::days(i64::from(months) * 31))
}

fn hub_url(public_url: &str, slug: &Slug) -> String {
    format!("{}/hub/{}", public_url.trim_end_matches('/'), slug.as_str())
}

/// Binds `client` to `company` with an invitation (its token's hash), granting the period's
/// credits and mailing them so.
pub(crate) async fn join(
    db: &Db,
    now: DateTime<Utc>,
    client: &CurrentUser,
    company: &Company,
    invite_hash: &str,
    public_url: &str,
) -> Result<Joined, DbError> {
    let policy = company.settings.policy;
    let end = period_end(now, policy.period_months);
    let mail = (policy.credits_per_period > 0).then(|| {
        hub_mail::credits_granted(
            client,
            &company.name,
            policy.credits_per_period,
            end,
            &hub_url(public_url, &company.slug),
        )
    });
    let joined = db::hubs::join(
        db,
        Join {
            user: &client.id,
            company: &company.id,
            invite_hash,
            grant: policy.credits_per_period,
            period_end: end,
            mail,
            now,
        },
    )
    .await?;
    if joined == Joined::Done {
        tracing::info!(company = company.id.as_str(), "member joined a hub");
    }
    Ok(joined)
}

/// Mails a member whose credits are running low (after a booking spent some).
pub(crate) async fn tell_if_low(
    db: &Db,
    now: DateTime<Utc>,
    member: &CurrentUser,
    company: &Company,
    public_url: &str,
) {
    let balance = match db::hubs::balance(db, &member.id, &company.id).await {
        Ok(b) => b,
        Err(e) => {
            tracing::warn!(error = %e, "balance not read");
            return;
        }
    };
    if balance > LOW_CREDITS {
        return;
    }
    let link = format!("{}/payments", public_url.trim_end_matches('/'));
    let mail = hub_mail::credits_low(member, &company.name, balance, &link);
    if let Err(e) = db::outbox::enqueue(db, mail, now).await {
        tracing::warn!(error = %e, "low-credits mail not queued");
    }
}

/// What creating an HR admin gives: the account and the link that sets its password.
pub struct NewAdmin {
    pub user: CurrentUser,
    pub link: String,
}

/// Creates an HR admin account for `company` with no password anyone knows, and a link to set
/// one (valid `ADMIN_LINK_DAYS`), mailed to them.
#[allow(clippy::too_many_arguments)] // each is a different part of the new account
pub async fn create_admin(
    db: &Db,
    hasher: &Hasher,
    now: DateTime<Utc>,
    company: &Company,
    name: &DisplayName,
    email: &Email,
    language: app::domain::Language,
    public_url: &str,
) -> Result<NewAdmin, HubError> {
    let unknown = Password::parse(&random_token()).map_err(|e| unexpected(format!("{e:?}")))?;
    let hash = hasher.hash(&unknown).await.map_err(unexpected)?;
    let user = match db::users::create(
        db,
        db::users::NewUser {
            name,
            email,
            password_hash: hash,
            terms_version: TERMS_VERSION,
            timezone: app::domain::Timezone::UTC,
            language,
            role: Role::HrAdmin,
            verified: false,
            now,
        },
    )
    .await
    {
        Ok(u) => u,
        Err(DbError::Conflict) => return Err(HubError::EmailTaken),
        Err(e) => return Err(unexpected(e)),
    };
    db::hubs::add_admin(db, &company.id, &user.id)
        .await
        .map_err(unexpected)?;
    let token = random_token();
    let link = format!(
        "{}/reset-password?token={token}",
        public_url.trim_end_matches('/')
    );
    let letter = hub_mail::admin_invitation(email, name.as_str(), language, &company.name, &link);
    db::password_resets::create(
        db,
        &user.id,
        hash_of(&token),
        now,
        now + Duration::days(ADMIN_LINK_DAYS),
        letter,
    )
    .await
    .map_err(unexpected)?;
    Ok(NewAdmin { user, link })
}

pub struct HubService {
    db: Db,
    clock: Arc<dyn Clock>,
    links: Arc<LinkService>,
    /// The accounts' password hasher (and its limit), for HR admins' accounts.
    hasher: Hasher,
    public_url: String,
    /// Logos decoded one at a time.
    logo_turn: tokio::sync::Mutex<()>,
}

impl HubService {
    pub fn new(
        db: Db,
        clock: Arc<dyn Clock>,
        links: Arc<LinkService>,
        hasher: Hasher,
        public_url: &str,
    ) -> Self {
        Self {
            db,
            clock,
            links,
            hasher,
            public_url: public_url.trim_end_matches('/').to_owned(),
            logo_turn: tokio::sync::Mutex::new(()),
        }
    }

    async fn company(&self, slug: &str) -> Result<Company, HubError> {
        let slug = Slug::parse(slug).map_err(|_| HubError::NotFound)?;
        db::hubs::company_by_slug(&self.db, &slug)
            .await
            .map_err(unexpected)?
            .ok_or(HubError::NotFound)
    }

    /// The company `hr` runs; `Forbidden` for anyone else.
    async fn company_of(&self, hr: &CurrentUser) -> Result<Company, HubError> {
        if hr.role != Role::HrAdmin {
            return Err(HubError::Forbidden);
        }
        let id = db::hubs::admin_of(&self.db, &hr.id)
            .await
            .map_err(unexpected)?
            .ok_or(HubError::Forbidden)?;
        db::hubs::company_by_id(&self.db, &id)
            .await
            .map_err(unexpected)?
            .ok_or(HubError::Forbidden)
    }

    async fn offered(&self, company: &Company) -> Result<Vec<OfferedProfessional>, HubError> {
        let terms = db::hubs::service_terms(&self.db, &company.id)
            .await
            .map_err(unexpected)?;
        let mut out = Vec::new();
        for id in db::hubs::offered(&self.db, &company.id)
            .await
            .map_err(unexpected)?
        {
            if let Some(user) = db::users::by_id(&self.db, &id).await.map_err(unexpected)? {
                let slug = self
                    .links
                    .name(&user)
                    .await
                    .map_err(|e| unexpected(e.to_string()))?;
                let services = db::services::of_owner(&self.db, &id)
                    .await
                    .map_err(unexpected)?
                    .into_iter()
                    .map(|s| {
                        let t = terms.get(&s.id).copied().unwrap_or(ServiceTerms {
                            offered: true,
                            credits: None,
                        });
                        (s, t)
                    })
                    .collect();
                out.push(OfferedProfessional {
                    id,
                    name: user.name,
                    slug,
                    services,
                });
            }
        }
        Ok(out)
    }

    async fn professionals(&self, company: &Company) -> Result<Vec<HubProfessional>, HubError> {
        let terms = db::hubs::service_terms(&self.db, &company.id)
            .await
            .map_err(unexpected)?;
        let usual = company.settings.policy.session_credits;
        let mut out = Vec::new();
        for id in db::hubs::offered(&self.db, &company.id)
            .await
            .map_err(unexpected)?
        {
            let Some(user) = db::users::by_id(&self.db, &id)
                .await
                .map_err(unexpected)?
                .filter(|u| u.role == Role::Professional)
            else {
                continue;
            };
            let Some(profile) = db::profiles::professional(&self.db, &id)
                .await
                .map_err(unexpected)?
            else {
                continue;
            };
            // the services the hub offers, at its cost for each
            let services: Vec<HubOffering> = db::services::of_owner(&self.db, &id)
                .await
                .map_err(unexpected)?
                .into_iter()
                .filter_map(|service| {
                    let cost = match terms.get(&service.id) {
                        Some(t) => t.cost(usual)?,
                        None => usual,
                    };
                    Some(HubOffering {
                        service,
                        credits: cost,
                    })
                })
                .collect();
            if services.is_empty() {
                continue;
            }
            let slug = self
                .links
                .name(&user)
                .await
                .map_err(|e| unexpected(e.to_string()))?;
            let next_free = match services.first().map(|o| &o.service) {
                Some(s) => self
                    .links
                    .next_free(&user, s)
                    .await
                    .map_err(|e| unexpected(e.to_string()))?,
                None => None,
            };
            out.push(HubProfessional {
                profile,
                slug,
                services,
                next_free,
                timezone: user.timezone,
            });
        }
        Ok(out)
    }

    async fn standing(
        &self,
        company: &Company,
        viewer: Option<&CurrentUser>,
        invite: Option<&str>,
    ) -> Result<HubStanding, HubError> {
        if let Some(v) = viewer
            && let Some(m) = db::hubs::membership(&self.db, &v.id)
                .await
                .map_err(unexpected)?
            && m.company == company.id
            && !m.removed
        {
            let balance = db::hubs::balance(&self.db, &v.id, &company.id)
                .await
                .map_err(unexpected)?;
            return Ok(HubStanding::Member { balance });
        }
        if let Some(token) = invite.map(str::trim).filter(|t| !t.is_empty()) {
            let invite = db::hubs::invite_by_hash(&self.db, &hash_of(token), self.clock.now())
                .await
                .map_err(unexpected)?
                .filter(|i| i.company == company.id)
                .filter(|i| match (&i.used_by, viewer) {
                    (None, _) => true,
                    (Some(u), Some(v)) => u == &v.id,
                    (Some(_), None) => false,
                })
                .ok_or(HubError::NotEligible)?;
            if viewer.is_none_or(|v| v.role == Role::Client) {
                return Ok(HubStanding::Invited {
                    email: invite.email,
                });
            }
        }
        Ok(match viewer {
            Some(_) => HubStanding::Outsider,
            None => HubStanding::Visitor,
        })
    }

    async fn figures(&self, company: &Company) -> Result<Vec<MonthFigures>, HubError> {
        let now = self.clock.now();
        let this_month = Utc
            .with_ymd_and_hms(now.year(), now.month(), 1, 0, 0, 0)
            .single()
            .unwrap_or(now);
        let since = this_month
            .checked_sub_months(Months::new(MONTHS_SHOWN - 1))
            .unwrap_or(this_month);
        let month_of = |t: DateTime<Utc>| format!("{:04}-{:02}", t.year(), t.month());
        #[derive(Default)]
        struct Month {
            granted: i64,
            granted_to: HashSet<String>,
            used: i64,
            used_by: HashSet<String>,
            requests: u64,
        }
        let mut months: BTreeMap<String, Month> = BTreeMap::new();
        let mut m = since;
        while m <= now {
            months.entry(month_of(m)).or_default();
            m = m
                .checked_add_months(Months::new(1))
                .unwrap_or(now + Duration::days(1));
        }
        for mv in db::hubs::movements(&self.db, &company.id, since)
            .await
            .map_err(unexpected)?
        {
            let month = months.entry(month_of(mv.at)).or_default();
            match mv.kind {
                CreditKind::Grant => {
                    month.granted += mv.amount;
                    month.granted_to.insert(mv.member);
                }
                CreditKind::Spend | CreditKind::Refund => {
                    month.used -= mv.amount;
                    month.used_by.insert(mv.member);
                }
                CreditKind::Expiry => {}
            }
        }
        for at in db::hubs::requests(&self.db, &company.id, since)
            .await
            .map_err(unexpected)?
        {
            months.entry(month_of(at)).or_default().requests += 1;
        }
        Ok(months
            .into_iter()
            .rev()
            .map(|(month, m)| MonthFigures {
                month,
                granted: shown_if_enough(m.granted_to.len() as u64, m.granted),
                used: shown_if_enough(m.used_by.len() as u64, m.used),
                requests: shown_if_enough(m.requests, m.requests),
            })
            .collect())
    }
}

#[async_trait]
impl Hubs for HubService {
    async fn page(
        &self,
        slug: &str,
        viewer: Option<&CurrentUser>,
        invite: Option<&str>,
        language: Option<&str>,
        kind: Option<&str>,
    ) -> Result<HubPage, HubError> {
        let company = self.company(slug).await?;
        let standing = self.standing(&company, viewer, invite).await?;
        let all = self.professionals(&company).await?;
        let mut languages: Vec<String> = Vec::new();
        let mut kinds: Vec<String> = Vec::new();
        for p in &all {
            for l in p.profile.languages.as_slice() {
                if !languages.iter().any(|x| x.eq_ignore_ascii_case(l)) {
                    languages.push(l.clone());
                }
            }
            if let Some(t) = &p.profile.title
                && !kinds.iter().any(|x| x.eq_ignore_ascii_case(t.as_str()))
            {
                kinds.push(t.as_str().to_owned());
            }
        }
        languages.sort();
        kinds.sort();
        fn wanted(want: Option<&str>) -> Option<&str> {
            want.map(str::trim).filter(|w| !w.is_empty())
        }
        let (language, kind) = (wanted(language), wanted(kind));
        let professionals = all
            .into_iter()
            .filter(|p| {
                language.is_none_or(|l| {
                    p.profile
                        .languages
                        .as_slice()
                        .iter()
                        .any(|x| x.eq_ignore_ascii_case(l))
                })
            })
            .filter(|p| {
                kind.is_none_or(|k| {
                    p.profile
                        .title
                        .as_ref()
                        .is_some_and(|t| t.as_str().eq_ignore_ascii_case(k))
                })
            })
            .collect();
        Ok(HubPage {
            logo: company.logo.as_deref().map(app::domain::logo_path),
            slug: company.slug,
            company: company.name,
            welcome: company.settings.welcome,
            policy: company.settings.policy,
            professionals,
            languages,
            kinds,
            standing,
        })
    }

    #[tracing::instrument(skip_all)]
    async fn claim(&self, user: &CurrentUser, slug: &str, invite: &str) -> Result<(), HubError> {
        if user.role != Role::Client {
            return Err(HubError::Forbidden);
        }
        let company = self.company(slug).await?;
        match join(
            &self.db,
            self.clock.now(),
            user,
            &company,
            &hash_of(invite.trim()),
            &self.public_url,
        )
        .await
        .map_err(unexpected)?
        {
            Joined::Done | Joined::Already => Ok(()),
            Joined::Refused => Err(HubError::NotEligible),
        }
    }

    #[tracing::instrument(skip_all)]
    async fn ask_to_join(&self, slug: &str, email: &Email) -> Result<(), HubError> {
        let company = self.company(slug).await?;
        let domain = email
            .key()
            .rsplit('@')
            .next()
            .unwrap_or_default()
            .to_owned();
        if !company.settings.domains.iter().any(|d| d == &domain) {
            tracing::info!("asked to join a hub from another domain");
            return Ok(());
        }
        self.send_invite(&company, email, app::domain::Language::En)
            .await
    }

    async fn badge(&self, user: &UserId) -> Result<Option<HubBadge>, HubError> {
        let Some(m) = db::hubs::membership(&self.db, user)
            .await
            .map_err(unexpected)?
            .filter(|m| !m.removed)
        else {
            return Ok(None);
        };
        Ok(db::hubs::company_by_id(&self.db, &m.company)
            .await
            .map_err(unexpected)?
            .map(|c| HubBadge {
                slug: c.slug,
                company: c.name,
            }))
    }

    async fn credits(&self, user: &UserId) -> Result<Option<app::domain::Credits>, HubError> {
        let Some(m) = db::hubs::membership(&self.db, user)
            .await
            .map_err(unexpected)?
            .filter(|m| !m.removed)
        else {
            return Ok(None);
        };
        let Some(company) = db::hubs::company_by_id(&self.db, &m.company)
            .await
            .map_err(unexpected)?
        else {
            return Ok(None);
        };
        let balance = db::hubs::balance(&self.db, user, &company.id)
            .await
            .map_err(unexpected)?;
        let entries = db::hubs::entries(&self.db, user, &company.id)
            .await
            .map_err(unexpected)?;
        Ok(Some(app::domain::Credits {
            hub: HubBadge {
                slug: company.slug,
                company: company.name,
            },
            balance,
            session_credits: company.settings.policy.session_credits,
            entries,
        }))
    }

    async fn dashboard(&self, hr: &CurrentUser) -> Result<HrDashboard, HubError> {
        let company = self.company_of(hr).await?;
        let now = self.clock.now();
        Ok(HrDashboard {
            logo: company.logo.as_deref().map(app::domain::logo_path),
            url: hub_url(&self.public_url, &company.slug),
            members: db::hubs::members(&self.db, &company.id)
                .await
                .map_err(unexpected)?,
            invites: db::hubs::pending_invites(&self.db, &company.id, now)
                .await
                .map_err(unexpected)?,
            months: self.figures(&company).await?,
            admins: db::hubs::admins(&self.db, &company.id)
                .await
                .map_err(unexpected)?,
            offered: self.offered(&company).await?,
            company: company.name,
            slug: company.slug,
            settings: company.settings,
        })
    }

    async fn save_settings(&self, hr: &CurrentUser, settings: HubSettings) -> Result<(), HubError> {
        let company = self.company_of(hr).await?;
        let settings = settings.check().map_err(HubError::Invalid)?;
        db::hubs::save_settings(&self.db, &company.id, &settings)
            .await
            .map_err(unexpected)?;
        tracing::info!(company = company.id.as_str(), "hub settings saved");
        Ok(())
    }

    #[tracing::instrument(skip_all)]
    async fn invite(&self, hr: &CurrentUser, emails: Vec<Email>) -> Result<usize, HubError> {
        let company = self.company_of(hr).await?;
        if emails.is_empty() || emails.len() > MOST_INVITES {
            let mut errors = app::domain::FieldErrors::default();
            errors.push(app::domain::Field::Emails, app::domain::Problem::Missing);
            return Err(HubError::Invalid(errors));
        }
        for email in &emails {
            self.send_invite(&company, email, hr.language).await?;
        }
        tracing::info!(
            company = company.id.as_str(),
            count = emails.len(),
            "hub invitations sent"
        );
        Ok(emails.len())
    }

    async fn remove_member(&self, hr: &CurrentUser, member: &UserId) -> Result<(), HubError> {
        let company = self.company_of(hr).await?;
        if db::hubs::remove_member(&self.db, &company.id, member, self.clock.now())
            .await
            .map_err(unexpected)?
        {
            tracing::info!(company = company.id.as_str(), "member removed from a hub");
            Ok(())
        } else {
            Err(HubError::NotFound)
        }
    }

    async fn offer(&self, hr: &CurrentUser, link: &str) -> Result<(), HubError> {
        let company = self.company_of(hr).await?;
        let slug = Slug::parse(link.trim().rsplit('/').next().unwrap_or_default())
            .map_err(|_| HubError::NotFound)?;
        let (professional, _) = db::booking_links::by_name(&self.db, &slug)
            .await
            .map_err(unexpected)?
            .ok_or(HubError::NotFound)?;
        db::users::by_id(&self.db, &professional)
            .await
            .map_err(unexpected)?
            .filter(|u| u.role == Role::Professional)
            .ok_or(HubError::NotFound)?;
        db::hubs::offer(&self.db, &company.id, &professional, self.clock.now())
            .await
            .map_err(unexpected)
    }

    #[tracing::instrument(skip_all, fields(bytes = upload.len()))]
    async fn set_logo(&self, hr: &CurrentUser, upload: Vec<u8>) -> Result<(), HubError> {
        let company = self.company_of(hr).await?;
        // one at a time: decoding takes memory
        let _turn = self.logo_turn.lock().await;
        let jpeg = tokio::task::spawn_blocking(move || crate::media::picture::process(&upload))
            .await
            .map_err(unexpected)?
            .map_err(|e| {
                tracing::info!(reason = e.code(), "logo refused");
                HubError::Logo(e)
            })?;
        db::hubs::set_logo(&self.db, &company.id, jpeg, self.clock.now())
            .await
            .map_err(unexpected)?;
        tracing::info!(company = company.id.as_str(), "logo replaced");
        Ok(())
    }

    async fn logo(&self, key: &str) -> Result<Option<Vec<u8>>, HubError> {
        db::hubs::logo(&self.db, key).await.map_err(unexpected)
    }

    async fn set_service_terms(
        &self,
        hr: &CurrentUser,
        service: &ServiceId,
        terms: ServiceTerms,
    ) -> Result<(), HubError> {
        let company = self.company_of(hr).await?;
        if terms.credits.is_some_and(|c| !(1..=100).contains(&c)) {
            let mut errors = app::domain::FieldErrors::default();
            errors.push(
                app::domain::Field::SessionCredits,
                app::domain::Problem::OutOfRange,
            );
            return Err(HubError::Invalid(errors));
        }
        // only a service of a professional this hub offers
        let offered = db::hubs::offered(&self.db, &company.id)
            .await
            .map_err(unexpected)?;
        let mut theirs = false;
        for pro in &offered {
            if db::services::owned(&self.db, pro, service)
                .await
                .map_err(unexpected)?
                .is_some()
            {
                theirs = true;
                break;
            }
        }
        if !theirs {
            return Err(HubError::NotFound);
        }
        db::hubs::set_service_terms(&self.db, &company.id, service, terms)
            .await
            .map_err(unexpected)
    }

    async fn withdraw(&self, hr: &CurrentUser, professional: &UserId) -> Result<(), HubError> {
        let company = self.company_of(hr).await?;
        db::hubs::withdraw(&self.db, &company.id, professional)
            .await
            .map_err(unexpected)
    }

    async fn invite_admin(
        &self,
        hr: &CurrentUser,
        name: DisplayName,
        email: Email,
    ) -> Result<(), HubError> {
        let company = self.company_of(hr).await?;
        let now = self.clock.now();
        match create_admin(
            &self.db,
            &self.hasher,
            now,
            &company,
            &name,
            &email,
            hr.language,
            &self.public_url,
        )
        .await
        {
            Ok(_) => {
                tracing::info!(company = company.id.as_str(), "HR admin invited");
                Ok(())
            }
            // the same answer as for a new address, so HR can't learn who has an account here;
            // the address's owner is told instead
            Err(HubError::EmailTaken) => {
                let mail = hub_mail::admin_address_taken(
                    &email,
                    hr.language,
                    &company.name,
                    &self.public_url,
                );
                db::outbox::enqueue(&self.db, mail, now)
                    .await
                    .map_err(unexpected)?;
                tracing::info!(
                    company = company.id.as_str(),
                    "HR admin invited to a taken address"
                );
                Ok(())
            }
            Err(e) => Err(e),
        }
    }

    async fn request_credits(
        &self,
        professional: &CurrentUser,
        booking: &BookingId,
    ) -> Result<(), HubError> {
        if professional.role != Role::Professional {
            return Err(HubError::Forbidden);
        }
        let company = db::hubs::paid_by(&self.db, booking, &professional.id)
            .await
            .map_err(unexpected)?
            .ok_or(HubError::NotFound)?;
        // the booking's hash: asking twice for one client counts once, and names no one
        let key = hash_of(&format!("credit-request:{}", booking.as_str()));
        db::hubs::request_credits(&self.db, &company, key, self.clock.now())
            .await
            .map_err(unexpected)?;
        tracing::info!(company = company.as_str(), "more credits asked for");
        Ok(())
    }
}

impl HubService {
    async fn send_invite(
        &self,
        company: &Company,
        email: &Email,
        language: app::domain::Language,
    ) -> Result<(), HubError> {
        let token = random_token();
        let now = self.clock.now();
        let link = format!(
            "{}?invite={token}",
            hub_url(&self.public_url, &company.slug)
        );
        let mail = hub_mail::invitation(email, language, &company.name, &link);
        db::hubs::invite(
            &self.db,
            &company.id,
            email,
            hash_of(&token),
            now,
            now + Duration::days(HUB_INVITE_DAYS),
            mail,
        )
        .await
        .map_err(unexpected)
    }
}
