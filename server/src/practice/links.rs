//! The `BookingLinks` port: a professional's hours and link, its public page, slots held while a
//! visitor signs up, and clients booking themselves. A slot is offered only when `free_slots`
//! says so; the calendar's transaction refuses any overlap, with bookings and with other holds.

use super::BookingService;
use crate::auth::tokens::{hash_of, random_token};
use crate::clock::Clock;
use crate::db::bookings::CreditSpend;
use crate::db::bookings::{NewHold, Written};
use crate::db::hubs::{Company, Joined};
use crate::db::{self, Db};
use app::domain::{
    Availability, BookingId, CompanyId, CurrentUser, HOLD_MINUTES, HeldSlot, HubPayment, LinkPage,
    LinkSettings, PREVIEW_DAYS, Role, Service, ServiceId, Slug, UserId, free_slots, is_free_slot,
};
use app::ports::{BookingError, BookingLinks, Cause, HubChoice, LinkError};
use async_trait::async_trait;
use chrono::{DateTime, Duration, Utc};
use std::sync::Arc;

/// How long an ended hold's token still tells what it held.
const HOLD_KEPT: Duration = Duration::days(1);
/// Tries at a free link name made from a professional's name (`name`, `name-2`, …).
const NAME_TRIES: u32 = 50;

pub struct LinkService {
    db: Db,
    clock: Arc<dyn Clock>,
    bookings: Arc<BookingService>,
    /// `https://…/book/`: where links live.
    links_url: String,
    /// `https://…`: hubs live under `/hub/`.
    public_url: String,
}

fn unexpected(e: impl Into<Cause>) -> LinkError {
    LinkError::Unexpected(e.into())
}

fn from_booking(e: BookingError) -> LinkError {
    {
        match e {
            BookingError::Overlap | BookingError::InThePast | BookingError::TooFarAhead => {
                LinkError::SlotTaken
            }
            BookingError::NotFound | BookingError::UnknownService => LinkError::NotFound,
            BookingError::Busy => LinkError::Busy,
            BookingError::NoCredits => LinkError::NoCredits,
            other => LinkError::Unexpected(other.into()),
        }
    }
}

/// A professional behind a link, with what their page needs.
struct Owner {
    user: CurrentUser,
    availability: Availability,
}

impl LinkService {
    pub fn new(
        db: Db,
        clock: Arc<dyn Clock>,
        bookings: Arc<BookingService>,
        public_url: &str,
    ) -> Self {
        Self {
            db,
            clock,
            bookings,
            links_url: format!("{}/book/", public_url.trim_end_matches('/')),
            public_url: public_url.trim_end_matches('/').to_owned(),
        }
    }

    /// The professional's link name, made from their name the first time.
    pub(crate) async fn name(&self, professional: &CurrentUser) -> Result<Slug, LinkError> {
        if let Some(slug) = db::booking_links::name_of(&self.db, &professional.id)
            .await
            .map_err(unexpected)?
        {
            return Ok(slug);
        }
        let base = Slug::from_name(professional.name.as_str());
        for n in 1..=NAME_TRIES {
            let slug = if n == 1 {
                base.clone()
            } else {
                base.numbered(n)
            };
            if db::booking_links::rename(&self.db, &professional.id, &slug, self.clock.now())
                .await
                .map_err(unexpected)?
            {
                return Ok(slug);
            }
        }
        Err(LinkError::Unexpected("no free link name".into()))
    }

    async fn availability(&self, professional: &UserId) -> Result<Availability, LinkError> {
        Ok(db::booking_links::availability(&self.db, professional)
            .await
            .map_err(unexpected)?
            .unwrap_or_default())
    }

    /// The professional whose link is named `slug` (now or before).
    async fn owner(&self, slug: &str) -> Result<Owner, LinkError> {
        let slug = Slug::parse(slug).map_err(|_| LinkError::NotFound)?;
        let (id, _) = db::booking_links::by_name(&self.db, &slug)
            .await
            .map_err(unexpected)?
            .ok_or(LinkError::NotFound)?;
        let user = db::users::by_id(&self.db, &id)
            .await
            .map_err(unexpected)?
            .filter(|u| u.role == Role::Professional)
            .ok_or(LinkError::NotFound)?;
        let availability = self.availability(&id).await?;
        Ok(Owner { user, availability })
    }

    async fn service(&self, owner: &UserId, id: &ServiceId) -> Result<Service, LinkError> {
        db::services::owned(&self.db, owner, id)
            .await
            .map_err(unexpected)?
            .ok_or(LinkError::NotFound)
    }

    /// The soonest free slot of `service` with `professional`.
    pub(crate) async fn next_free(
        &self,
        professional: &CurrentUser,
        service: &Service,
    ) -> Result<Option<DateTime<Utc>>, LinkError> {
        let owner = Owner {
            user: professional.clone(),
            availability: self.availability(&professional.id).await?,
        };
        Ok(self.slots(&owner, service, None).await?.first().copied())
    }

    /// The company of the hub named `hub`, which must offer `professional`.
    async fn offering(&self, hub: &str, professional: &UserId) -> Result<Company, LinkError> {
        let slug = Slug::parse(hub).map_err(|_| LinkError::NotFound)?;
        let company = db::hubs::company_by_slug(&self.db, &slug)
            .await
            .map_err(unexpected)?
            .ok_or(LinkError::NotFound)?;
        let offered = db::hubs::offered(&self.db, &company.id)
            .await
            .map_err(unexpected)?;
        if offered.contains(professional) {
            Ok(company)
        } else {
            Err(LinkError::NotFound)
        }
    }

    /// `viewer`'s balance with `company`, when they are one of its members.
    async fn member_balance(
        &self,
        viewer: &UserId,
        company: &CompanyId,
    ) -> Result<Option<i64>, LinkError> {
        match db::hubs::membership(&self.db, viewer)
            .await
            .map_err(unexpected)?
        {
            Some(m) if &m.company == company && !m.removed => Ok(Some(
                db::hubs::balance(&self.db, viewer, company)
                    .await
                    .map_err(unexpected)?,
            )),
            _ => Ok(None),
        }
    }

    /// For a slot of `service` held from `company`'s hub: the client is a member (joining now
    /// with the invitation the hold came with), and the company with the session's cost when
    /// credits pay, `None` when the card does.
    async fn hub_paying(
        &self,
        client: &CurrentUser,
        company: &CompanyId,
        service: &ServiceId,
        invite_hash: Option<&str>,
    ) -> Result<Option<(Company, u32)>, LinkError> {
        let company = db::hubs::company_by_id(&self.db, company)
            .await
            .map_err(unexpected)?
            .ok_or(LinkError::NotFound)?;
        let balance = match self.member_balance(&client.id, &company.id).await? {
            Some(b) => b,
            None => {
                let hash = invite_hash.ok_or(LinkError::NotEligible)?;
                let joined = super::hubs::join(
                    &self.db,
                    self.clock.now(),
                    client,
                    &company,
                    hash,
                    &self.public_url,
                )
                .await
                .map_err(unexpected)?;
                if joined == Joined::Refused {
                    return Err(LinkError::NotEligible);
                }
                db::hubs::balance(&self.db, &client.id, &company.id)
                    .await
                    .map_err(unexpected)?
            }
        };
        let cost = db::hubs::service_cost(&self.db, &company, service)
            .await
            .map_err(unexpected)?
            .ok_or(LinkError::NotFound)?;
        Ok((balance >= i64::from(cost)).then_some((company, cost)))
    }

    /// The free slots of `service` with `owner`, leaving out the hold `except` (its hash).
    async fn slots(
        &self,
        owner: &Owner,
        service: &Service,
        except: Option<&str>,
    ) -> Result<Vec<DateTime<Utc>>, LinkError> {
        let now = self.clock.now();
        let busy = db::booking_links::busy(&self.db, &owner.user.id, now, now, except)
            .await
            .map_err(unexpected)?;
        Ok(free_slots(
            &owner.availability,
            owner.user.timezone,
            u32::from(service.length.minutes()),
            &busy,
            now,
        ))
    }
}

#[async_trait]
impl BookingLinks for LinkService {
    async fn has_hours(&self, professional: &UserId) -> Result<bool, LinkError> {
        let availability = self.availability(professional).await?;
        Ok(availability.weekly.iter().any(|day| !day.is_empty()))
    }

    async fn settings(&self, professional: &CurrentUser) -> Result<LinkSettings, LinkError> {
        let slug = self.name(professional).await?;
        let availability = self.availability(&professional.id).await?;
        let services = db::services::of_owner(&self.db, &professional.id)
            .await
            .map_err(unexpected)?;
        let owner = Owner {
            user: professional.clone(),
            availability: availability.clone(),
        };
        let preview_service = services.first().cloned();
        let until = self.clock.now() + Duration::days(i64::from(PREVIEW_DAYS));
        let preview = match &preview_service {
            Some(s) => self
                .slots(&owner, s, None)
                .await?
                .into_iter()
                .take_while(|t| *t < until)
                .collect(),
            None => Vec::new(),
        };
        Ok(LinkSettings {
            url: format!("{}{}", self.links_url, slug.as_str()),
            slug,
            availability,
            timezone: professional.timezone,
            preview,
            preview_service,
            services,
        })
    }

    async fn save_hours(
        &self,
        professional: &CurrentUser,
        availability: Availability,
    ) -> Result<(), LinkError> {
        availability.check().map_err(LinkError::Invalid)?;
        db::booking_links::save_availability(
            &self.db,
            &professional.id,
            &availability,
            self.clock.now(),
        )
        .await
        .map_err(unexpected)?;
        tracing::info!("hours saved");
        Ok(())
    }

    async fn rename(&self, professional: &CurrentUser, slug: &Slug) -> Result<(), LinkError> {
        // the old name, if any, is made first, so that it keeps leading here
        self.name(professional).await?;
        if db::booking_links::rename(&self.db, &professional.id, slug, self.clock.now())
            .await
            .map_err(unexpected)?
        {
            Ok(())
        } else {
            Err(LinkError::SlugTaken)
        }
    }

    async fn page(
        &self,
        slug: &str,
        service: Option<&ServiceId>,
        hub: Option<&str>,
    ) -> Result<LinkPage, LinkError> {
        let owner = self.owner(slug).await?;
        let current = self.name(&owner.user).await?;
        let professional = db::profiles::professional(&self.db, &owner.user.id)
            .await
            .map_err(unexpected)?
            .ok_or(LinkError::NotFound)?;
        let mut services = db::services::of_owner(&self.db, &owner.user.id)
            .await
            .map_err(unexpected)?;
        if let Some(hub) = hub {
            let company = self.offering(hub, &owner.user.id).await?;
            let terms = db::hubs::service_terms(&self.db, &company.id)
                .await
                .map_err(unexpected)?;
            services.retain(|s| terms.get(&s.id).is_none_or(|t| t.offered));
        }
        let chosen = match service {
            Some(id) => {
                let service = services
                    .iter()
                    .find(|s| &s.id == id)
                    .ok_or(LinkError::NotFound)?;
                Some((id.clone(), self.slots(&owner, service, None).await?))
            }
            None => None,
        };
        Ok(LinkPage {
            slug: current,
            professional,
            timezone: owner.user.timezone,
            services,
            chosen,
        })
    }

    #[tracing::instrument(skip_all)]
    async fn hold(
        &self,
        slug: &str,
        service: &ServiceId,
        starts_at: DateTime<Utc>,
        hub: Option<HubChoice>,
    ) -> Result<String, LinkError> {
        let owner = self.owner(slug).await?;
        let service = self.service(&owner.user.id, service).await?;
        let now = self.clock.now();
        let (company, invite_hash) = match &hub {
            Some(choice) => {
                let company = self.offering(&choice.hub, &owner.user.id).await?;
                // a service the hub leaves out is not booked from it
                db::hubs::service_cost(&self.db, &company, &service.id)
                    .await
                    .map_err(unexpected)?
                    .ok_or(LinkError::NotFound)?;
                let invite = choice
                    .invite
                    .as_deref()
                    .map(str::trim)
                    .filter(|t| !t.is_empty());
                let invite_hash = match invite {
                    Some(token) => {
                        let hash = hash_of(token);
                        db::hubs::invite_by_hash(&self.db, &hash, now)
                            .await
                            .map_err(unexpected)?
                            .filter(|i| i.company == company.id)
                            .ok_or(LinkError::NotEligible)?;
                        Some(hash)
                    }
                    None => None,
                };
                (Some(company.id), invite_hash)
            }
            None => (None, None),
        };
        let busy = db::booking_links::busy(&self.db, &owner.user.id, now, now, None)
            .await
            .map_err(unexpected)?;
        let length = u32::from(service.length.minutes());
        if !is_free_slot(
            &owner.availability,
            owner.user.timezone,
            length,
            &busy,
            now,
            starts_at,
        ) {
            return Err(LinkError::SlotTaken);
        }
        let token = random_token();
        let _turn = self
            .bookings
            .calendar_turn(&owner.user.id)
            .await
            .map_err(from_booking)?;
        let written = db::bookings::hold(
            &self.db,
            NewHold {
                professional: &owner.user.id,
                service: &service.id,
                starts_at,
                ends_at: starts_at + Duration::minutes(i64::from(length)),
                buffer: Duration::minutes(i64::from(owner.availability.buffer_minutes)),
                expires_at: now + Duration::minutes(HOLD_MINUTES),
                token_hash: hash_of(&token),
                company: company.as_ref(),
                invite_hash: invite_hash.clone(),
                now,
            },
        )
        .await
        .map_err(unexpected)?;
        if let Err(e) = db::booking_links::forget_old_holds(&self.db, now - HOLD_KEPT).await {
            tracing::warn!(error = %e, "old holds not forgotten");
        }
        match written {
            Written::Done => {
                tracing::info!("slot held");
                Ok(token)
            }
            Written::Overlap => Err(LinkError::SlotTaken),
            Written::NoCredits => Err(LinkError::Unexpected("a hold spent credits".into())),
            Written::Stale => {
                tracing::warn!(
                    professional = owner.user.id.as_str(),
                    "too many times held at once"
                );
                Err(LinkError::Busy)
            }
        }
    }

    async fn held(&self, token: &str, viewer: Option<&UserId>) -> Result<HeldSlot, LinkError> {
        let hold = db::booking_links::hold(&self.db, &hash_of(token))
            .await
            .map_err(unexpected)?
            .ok_or(LinkError::NotFound)?;
        let professional = db::users::by_id(&self.db, &hold.professional)
            .await
            .map_err(unexpected)?
            .ok_or(LinkError::NotFound)?;
        let service = self.service(&hold.professional, &hold.service).await?;
        let slug = self.name(&professional).await?;
        let hub = match &hold.company {
            Some(id) => {
                let company = db::hubs::company_by_id(&self.db, id)
                    .await
                    .map_err(unexpected)?
                    .ok_or(LinkError::NotFound)?;
                let balance = match viewer {
                    Some(v) => self.member_balance(v, id).await?,
                    None => None,
                };
                // a member pays with their credits; anyone else only with an invitation
                let invited = match &hold.invite_hash {
                    Some(hash) => db::hubs::invite_by_hash(&self.db, hash, self.clock.now())
                        .await
                        .map_err(unexpected)?
                        .is_some_and(|i| {
                            &i.company == id && i.used_by.as_ref().is_none_or(|u| Some(u) == viewer)
                        }),
                    None => false,
                };
                let cost = db::hubs::service_cost(&self.db, &company, &service.id)
                    .await
                    .map_err(unexpected)?
                    .ok_or(LinkError::NotFound)?;
                Some(HubPayment {
                    company: company.name,
                    hub: company.slug,
                    cost,
                    claimable: balance.is_some() || invited,
                    balance,
                    granted: company.settings.policy.credits_per_period,
                })
            }
            None => None,
        };
        Ok(HeldSlot {
            slug,
            professional_name: professional.name.as_str().to_owned(),
            service: service.id,
            service_name: service.name,
            meeting_type: service.meeting_type,
            length: service.length,
            price: service.price,
            starts_at: hold.starts_at,
            ends_at: hold.starts_at + Duration::minutes(i64::from(service.length.minutes())),
            expires_at: hold.expires_at,
            timezone: professional.timezone,
            hub,
        })
    }

    #[tracing::instrument(skip_all)]
    async fn book_held(
        &self,
        client: &CurrentUser,
        token: &str,
        credits_shown: bool,
    ) -> Result<BookingId, LinkError> {
        if client.role != Role::Client {
            return Err(LinkError::NotAClient);
        }
        let hash = hash_of(token);
        let hold = db::booking_links::hold(&self.db, &hash)
            .await
            .map_err(unexpected)?
            .ok_or(LinkError::NotFound)?;
        // booked already (a second click, a reload): the same booking, for the same client
        let booked_by = |hold: &db::booking_links::Hold| match &hold.booked {
            Some((booking, Some(c))) if c == &client.id => Some(booking.clone()),
            _ => None,
        };
        if let Some(booking) = booked_by(&hold) {
            return Ok(booking);
        }
        if hold.booked.is_some() {
            return Err(LinkError::NotFound);
        }
        let owner = Owner {
            user: db::users::by_id(&self.db, &hold.professional)
                .await
                .map_err(unexpected)?
                .ok_or(LinkError::NotFound)?,
            availability: self.availability(&hold.professional).await?,
        };
        let service = self.service(&owner.user.id, &hold.service).await?;
        // a hold that ran out keeps nothing: the time must still be free
        if hold.expires_at <= self.clock.now()
            && !self
                .slots(&owner, &service, Some(&hash))
                .await?
                .contains(&hold.starts_at)
        {
            return Err(LinkError::SlotTaken);
        }
        let paying = match &hold.company {
            Some(company) => {
                self.hub_paying(client, company, &service.id, hold.invite_hash.as_deref())
                    .await?
            }
            None => None,
        };
        if credits_shown && hold.company.is_some() && paying.is_none() {
            return Err(LinkError::NoCredits);
        }
        // the page said the card pays: it does, even if credits arrived meanwhile
        let paying = paying.filter(|_| credits_shown);
        let credits = paying.as_ref().map(|(c, cost)| CreditSpend {
            company: &c.id,
            cost: *cost,
        });
        match self
            .bookings
            .book_from_hold(
                &owner.user,
                client,
                &service,
                hold.starts_at,
                hash.clone(),
                Duration::minutes(i64::from(owner.availability.buffer_minutes)),
                credits,
            )
            .await
        {
            Ok(booking) => {
                if let Some((company, _)) = &paying {
                    super::hubs::tell_if_low(
                        &self.db,
                        self.clock.now(),
                        client,
                        company,
                        &self.public_url,
                    )
                    .await;
                }
                Ok(booking.id)
            }
            Err(BookingError::Overlap) => {
                // a second request for the same hold may have just booked it
                let again = db::booking_links::hold(&self.db, &hash)
                    .await
                    .map_err(unexpected)?;
                again
                    .as_ref()
                    .and_then(booked_by)
                    .ok_or(LinkError::SlotTaken)
            }
            Err(e) => Err(from_booking(e)),
        }
    }
}
