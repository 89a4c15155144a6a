//! Wellbeing Hubs: `company`, `hr_admin`, `hub_offer`, `hub_invite`, `hub_member`, and the
//! `credit` ledger (with its `purse` row per member, which every change of their credits writes,
//! so two changes at once are run one after the other). A balance is a sum, never stored.

use super::ids::user_record;
use super::statements::{ENQUEUE, mails};
use super::{Db, DbError, key_of};
use crate::mail::Mail;
use app::domain::{
    CompanyId, CreditEntry, CreditKind, CreditPolicy, DisplayName, Email, HrInvite, HrMember,
    HubSettings, ServiceId, ServiceTerms, Slug, UserId,
};
use chrono::{DateTime, Utc};
use surrealdb::types::{Datetime, RecordId, SurrealValue};

pub(super) fn company_record(id: &CompanyId) -> RecordId {
    RecordId::new("company", id.as_str().to_owned())
}

/// The row every change of `member`'s credits writes.
pub(super) fn purse_record(member: &UserId) -> RecordId {
    RecordId::new("purse", member.as_str().to_owned())
}

fn member_record(user: &UserId) -> RecordId {
    RecordId::new("hub_member", user.as_str().to_owned())
}

fn data(e: impl std::fmt::Display) -> DbError {
    DbError::Data(e.to_string())
}

/// A company and its hub.
#[derive(Clone, Debug)]
pub struct Company {
    pub id: CompanyId,
    pub name: String,
    pub slug: Slug,
    pub settings: HubSettings,
    /// The current logo's key.
    pub logo: Option<String>,
}

#[derive(SurrealValue)]
struct CompanyRow {
    id: RecordId,
    name: String,
    slug: String,
    welcome: String,
    credits_per_period: i64,
    period_months: i64,
    session_credits: i64,
    domains: Vec<String>,
    logo: Option<String>,
}

impl TryFrom<CompanyRow> for Company {
    type Error = DbError;
    fn try_from(r: CompanyRow) -> Result<Self, DbError> {
        let n = |v: i64| u32::try_from(v).map_err(data);
        Ok(Company {
            id: CompanyId::new(key_of(&r.id)?),
            name: r.name,
            slug: Slug::parse(&r.slug).map_err(data)?,
            settings: HubSettings {
                welcome: r.welcome,
                policy: CreditPolicy {
                    credits_per_period: n(r.credits_per_period)?,
                    period_months: n(r.period_months)?,
                    session_credits: n(r.session_credits)?,
                },
                domains: r.domains,
            },
            logo: r.logo,
        })
    }
}

const COMPANY_FIELDS: &str =
    "id, name, slug, welcome, credits_per_period, period_months, session_credits, domains, logo";

/// Stores `jpeg` as the company's logo, dropping the one it replaces; its key.
pub async fn set_logo(
    db: &Db,
    company: &CompanyId,
    jpeg: Vec<u8>,
    now: DateTime<Utc>,
) -> Result<String, DbError> {
    let key = super::new_key();
    db.query("BEGIN TRANSACTION")
        .query("DELETE company_logo WHERE company = $company")
        .query(
            "CREATE $id CONTENT { company: $company, data: $data, created_at: $now } RETURN NONE",
        )
        .query("UPDATE $company SET logo = $key RETURN NONE")
        .query("COMMIT TRANSACTION")
        .bind(("id", RecordId::new("company_logo", key.clone())))
        .bind(("company", company_record(company)))
        .bind(("data", surrealdb::types::Bytes::from(jpeg)))
        .bind(("key", key.clone()))
        .bind(("now", Datetime::from(now)))
        .await?
        .check()?;
    Ok(key)
}

/// The JPEG of the logo keyed `key`.
pub async fn logo(db: &Db, key: &str) -> Result<Option<Vec<u8>>, DbError> {
    let data: Vec<surrealdb::types::Bytes> = db
        .query("SELECT VALUE data FROM $id")
        .bind(("id", RecordId::new("company_logo", key.to_owned())))
        .await?
        .take(0)?;
    Ok(data.into_iter().next().map(|b| b.into_inner().to_vec()))
}

/// Creates a company with its hub; `Conflict` when the hub's name is taken.
pub async fn create_company(
    db: &Db,
    name: &str,
    slug: &Slug,
    settings: &HubSettings,
    now: DateTime<Utc>,
) -> Result<CompanyId, DbError> {
    let id = CompanyId::new(super::new_key());
    db.query(
        "CREATE $id CONTENT {
            name: $name, slug: $slug, welcome: $welcome, credits_per_period: $credits,
            period_months: $period, session_credits: $cost, domains: $domains, created_at: $now
        } RETURN NONE",
    )
    .bind(("id", company_record(&id)))
    .bind(("name", name.to_owned()))
    .bind(("slug", slug.as_str().to_owned()))
    .bind(("welcome", settings.welcome.clone()))
    .bind(("credits", i64::from(settings.policy.credits_per_period)))
    .bind(("period", i64::from(settings.policy.period_months)))
    .bind(("cost", i64::from(settings.policy.session_credits)))
    .bind(("domains", settings.domains.clone()))
    .bind(("now", Datetime::from(now)))
    .await?
    .check()
    .map_err(DbError::from_write)?;
    Ok(id)
}

pub async fn save_settings(
    db: &Db,
    company: &CompanyId,
    settings: &HubSettings,
) -> Result<(), DbError> {
    db.query(
        "UPDATE $id SET welcome = $welcome, credits_per_period = $credits, period_months = $period,
            session_credits = $cost, domains = $domains RETURN NONE",
    )
    .bind(("id", company_record(company)))
    .bind(("welcome", settings.welcome.clone()))
    .bind(("credits", i64::from(settings.policy.credits_per_period)))
    .bind(("period", i64::from(settings.policy.period_months)))
    .bind(("cost", i64::from(settings.policy.session_credits)))
    .bind(("domains", settings.domains.clone()))
    .await?
    .check()?;
    Ok(())
}

async fn one_company(
    db: &Db,
    query: String,
    bind: (&'static str, impl SurrealValue + 'static),
) -> Result<Option<Company>, DbError> {
    let rows: Vec<CompanyRow> = db.query(query).bind(bind).await?.take(0)?;
    rows.into_iter().next().map(Company::try_from).transpose()
}

pub async fn company_by_slug(db: &Db, slug: &Slug) -> Result<Option<Company>, DbError> {
    one_company(
        db,
        format!("SELECT {COMPANY_FIELDS} FROM company WHERE slug = $slug LIMIT 1"),
        ("slug", slug.as_str().to_owned()),
    )
    .await
}

pub async fn company_by_id(db: &Db, id: &CompanyId) -> Result<Option<Company>, DbError> {
    one_company(
        db,
        format!("SELECT {COMPANY_FIELDS} FROM $id"),
        ("id", company_record(id)),
    )
    .await
}

/// Makes `user` an HR admin of `company`.
pub async fn add_admin(db: &Db, company: &CompanyId, user: &UserId) -> Result<(), DbError> {
    db.query("CREATE hr_admin CONTENT { company: $company, user: $user } RETURN NONE")
        .bind(("company", company_record(company)))
        .bind(("user", user_record(user)))
        .await?
        .check()
        .map_err(DbError::from_write)?;
    Ok(())
}

/// The company `user` is an HR admin of.
pub async fn admin_of(db: &Db, user: &UserId) -> Result<Option<CompanyId>, DbError> {
    let ids: Vec<RecordId> = db
        .query("SELECT VALUE company FROM hr_admin WHERE user = $user LIMIT 1")
        .bind(("user", user_record(user)))
        .await?
        .take(0)?;
    ids.first()
        .map(|id| Ok(CompanyId::new(key_of(id)?)))
        .transpose()
}

#[derive(SurrealValue)]
struct PersonRow {
    id: RecordId,
    name: String,
    email: String,
}

/// The company's HR admins: name and address.
pub async fn admins(db: &Db, company: &CompanyId) -> Result<Vec<(DisplayName, Email)>, DbError> {
    let rows: Vec<PersonRow> = db
        .query(
            "SELECT user AS id, user.name AS name, user.email AS email FROM hr_admin
             WHERE company = $company ORDER BY name",
        )
        .bind(("company", company_record(company)))
        .await?
        .take(0)?;
    rows.into_iter()
        .map(|r| {
            Ok((
                DisplayName::parse(&r.name).map_err(data)?,
                Email::parse(&r.email).map_err(data)?,
            ))
        })
        .collect()
}

/// The professionals the hub offers, in the order they were added.
pub async fn offered(db: &Db, company: &CompanyId) -> Result<Vec<UserId>, DbError> {
    let ids: Vec<RecordId> = db
        .query(
            "SELECT VALUE professional FROM hub_offer WHERE company = $company
             ORDER BY created_at",
        )
        .bind(("company", company_record(company)))
        .await?
        .take(0)?;
    ids.iter().map(|id| Ok(UserId::new(key_of(id)?))).collect()
}

pub async fn offer(
    db: &Db,
    company: &CompanyId,
    professional: &UserId,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let res = db
        .query(
            "CREATE hub_offer CONTENT { company: $company, professional: $professional,
                created_at: $now } RETURN NONE",
        )
        .bind(("company", company_record(company)))
        .bind(("professional", user_record(professional)))
        .bind(("now", Datetime::from(now)))
        .await?
        .check();
    match res.map_err(DbError::from_write) {
        // offered already
        Ok(_) | Err(DbError::Conflict) => Ok(()),
        Err(e) => Err(e),
    }
}

pub async fn withdraw(db: &Db, company: &CompanyId, professional: &UserId) -> Result<(), DbError> {
    db.query("DELETE hub_offer WHERE company = $company AND professional = $professional")
        .bind(("company", company_record(company)))
        .bind(("professional", user_record(professional)))
        .await?
        .check()?;
    Ok(())
}

/// Who an address is, for a hub: its key without a `+tag` (`anna+2@acme.is` is Anna), so one
/// mailbox claims one membership.
pub fn address_key(email: &Email) -> String {
    let key = email.key();
    match key.split_once('@') {
        Some((local, domain)) => {
            let person = local.split_once('+').map_or(local, |(p, _)| p);
            format!("{person}@{domain}")
        }
        None => key,
    }
}

fn hub_service_record(company: &CompanyId, service: &ServiceId) -> RecordId {
    RecordId::new(
        "hub_service",
        format!("{}_{}", company.as_str(), service.as_str()),
    )
}

/// Sets how the hub has `service`.
pub async fn set_service_terms(
    db: &Db,
    company: &CompanyId,
    service: &ServiceId,
    terms: ServiceTerms,
) -> Result<(), DbError> {
    db.query(
        "UPSERT $id SET company = $company, service = $service, offered = $offered,
            credits = $credits RETURN NONE",
    )
    .bind(("id", hub_service_record(company, service)))
    .bind(("company", company_record(company)))
    .bind((
        "service",
        RecordId::new("service", service.as_str().to_owned()),
    ))
    .bind(("offered", terms.offered))
    .bind(("credits", terms.credits.map(i64::from)))
    .await?
    .check()?;
    Ok(())
}

#[derive(SurrealValue)]
struct TermsRow {
    service: RecordId,
    offered: bool,
    credits: Option<i64>,
}

/// How the hub has each service it has terms for; any other service of an offered professional
/// is offered at the usual cost.
pub async fn service_terms(
    db: &Db,
    company: &CompanyId,
) -> Result<std::collections::HashMap<ServiceId, ServiceTerms>, DbError> {
    let rows: Vec<TermsRow> = db
        .query("SELECT service, offered, credits FROM hub_service WHERE company = $company")
        .bind(("company", company_record(company)))
        .await?
        .take(0)?;
    rows.into_iter()
        .map(|r| {
            Ok((
                ServiceId::new(key_of(&r.service)?),
                ServiceTerms {
                    offered: r.offered,
                    credits: r.credits.map(u32::try_from).transpose().map_err(data)?,
                },
            ))
        })
        .collect()
}

/// What a session of `service` costs in the hub's credits; `None` when the hub leaves it out.
pub async fn service_cost(
    db: &Db,
    company: &Company,
    service: &ServiceId,
) -> Result<Option<u32>, DbError> {
    let terms = service_terms(db, &company.id)
        .await?
        .remove(service)
        .unwrap_or(ServiceTerms {
            offered: true,
            credits: None,
        });
    Ok(terms.cost(company.settings.policy.session_credits))
}

/// Stores an invitation to claim the hub's credits (the address's earlier, unused ones stop
/// working), and queues its mail, together.
pub async fn invite(
    db: &Db,
    company: &CompanyId,
    email: &Email,
    token_hash: String,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
    mail: Mail,
) -> Result<(), DbError> {
    db.query("BEGIN TRANSACTION")
        .query(
            "UPDATE hub_invite SET revoked_at = $now WHERE company = $company
             AND email_key = $email_key AND used_by IS NONE AND revoked_at IS NONE RETURN NONE",
        )
        .query(
            "CREATE hub_invite CONTENT {
                company: $company, email: $email, email_key: $email_key, token_hash: $hash,
                created_at: $now, expires_at: $expires_at
            } RETURN NONE",
        )
        .query(ENQUEUE)
        .query("COMMIT TRANSACTION")
        .bind(("company", company_record(company)))
        .bind(("email", email.as_str().to_owned()))
        .bind(("email_key", address_key(email)))
        .bind(("hash", token_hash))
        .bind(("now", Datetime::from(now)))
        .bind(("expires_at", Datetime::from(expires_at)))
        .bind(("mails", mails([mail])))
        .await?
        .check()?;
    Ok(())
}

/// A usable invitation: known, not revoked, not expired, and not claimed by someone else.
#[derive(Clone, Debug)]
pub struct Invite {
    pub company: CompanyId,
    pub email: Email,
    pub used_by: Option<UserId>,
}

#[derive(SurrealValue)]
struct InviteRow {
    company: RecordId,
    email: String,
    used_by: Option<RecordId>,
}

pub async fn invite_by_hash(
    db: &Db,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<Invite>, DbError> {
    let rows: Vec<InviteRow> = db
        .query(
            "SELECT company, email, used_by FROM hub_invite WHERE token_hash = $hash
             AND revoked_at IS NONE AND expires_at > $now LIMIT 1",
        )
        .bind(("hash", token_hash.to_owned()))
        .bind(("now", Datetime::from(now)))
        .await?
        .take(0)?;
    rows.into_iter()
        .next()
        .map(|r| {
            Ok(Invite {
                company: CompanyId::new(key_of(&r.company)?),
                email: Email::parse(&r.email).map_err(data)?,
                used_by: r.used_by.as_ref().map(key_of).transpose()?.map(UserId::new),
            })
        })
        .transpose()
}

#[derive(SurrealValue)]
struct PendingRow {
    email: String,
    created_at: Datetime,
}

/// Addresses invited that have not joined (nor been revoked), the latest invitation of each.
pub async fn pending_invites(
    db: &Db,
    company: &CompanyId,
    now: DateTime<Utc>,
) -> Result<Vec<HrInvite>, DbError> {
    let rows: Vec<PendingRow> = db
        .query(
            "SELECT email, created_at FROM hub_invite WHERE company = $company
             AND used_by IS NONE AND revoked_at IS NONE AND expires_at > $now
             AND email_key NOTINSIDE (SELECT VALUE user.email_key FROM hub_member
                 WHERE company = $company AND removed_at IS NONE)
             ORDER BY created_at DESC LIMIT 2000",
        )
        .bind(("company", company_record(company)))
        .bind(("now", Datetime::from(now)))
        .await?
        .take(0)?;
    let mut out: Vec<HrInvite> = Vec::new();
    for r in rows {
        let email = Email::parse(&r.email).map_err(data)?;
        if !out.iter().any(|i| i.email.key() == email.key()) {
            out.push(HrInvite {
                email,
                invited_at: r.created_at.into(),
            });
        }
    }
    Ok(out)
}

/// A person's membership of a hub.
#[derive(Clone, Debug)]
pub struct Membership {
    pub company: CompanyId,
    pub removed: bool,
}

#[derive(SurrealValue)]
struct MemberRow {
    company: RecordId,
    removed_at: Option<Datetime>,
}

pub async fn membership(db: &Db, user: &UserId) -> Result<Option<Membership>, DbError> {
    let rows: Vec<MemberRow> = db
        .query("SELECT company, removed_at FROM $id")
        .bind(("id", member_record(user)))
        .await?
        .take(0)?;
    rows.into_iter()
        .next()
        .map(|r| {
            Ok(Membership {
                company: CompanyId::new(key_of(&r.company)?),
                removed: r.removed_at.is_some(),
            })
        })
        .transpose()
}

/// What claiming a hub's credits writes.
pub struct Join<'a> {
    pub user: &'a UserId,
    pub company: &'a CompanyId,
    /// The invitation that proves the address.
    pub invite_hash: &'a str,
    pub grant: u32,
    /// The end of the first period: the grant expires and the next one is due.
    pub period_end: DateTime<Utc>,
    pub mail: Option<Mail>,
    pub now: DateTime<Utc>,
}

#[derive(Debug, PartialEq, Eq)]
pub enum Joined {
    Done,
    /// A member already: nothing changed.
    Already,
    /// The invitation is gone (revoked, expired, someone else's), or the person belongs to
    /// another hub.
    Refused,
}

/// Binds the user to the company with their first grant, and marks the invitation theirs;
/// together, once.
pub async fn join(db: &Db, j: Join<'_>) -> Result<Joined, DbError> {
    let mut res = db
        .query("BEGIN TRANSACTION")
        .query("UPSERT $purse SET touched_at = $now RETURN NONE")
        .query(
            "LET $invite = (SELECT id, used_by, email_key, created_at FROM hub_invite
                WHERE token_hash = $hash AND company = $company AND revoked_at IS NONE
                AND expires_at > $now LIMIT 1)[0]",
        )
        .query("IF $invite = NONE OR ($invite.used_by != NONE AND $invite.used_by != $user) { THROW 'hub_refused' }")
        // one mailbox, one membership: the address was claimed by another account already
        .query(
            "IF count(SELECT id FROM hub_invite WHERE company = $company
                AND email_key = $invite.email_key AND used_by != NONE AND used_by != $user) > 0
                { THROW 'hub_refused' }",
        )
        .query("LET $was = (SELECT company, removed_at FROM ONLY $member)")
        .query("IF $was != NONE AND $was.removed_at = NONE AND $was.company = $company { THROW 'hub_already_member' }")
        .query("IF $was != NONE AND $was.removed_at = NONE { THROW 'hub_refused' }")
        // removed by HR: back only with an invitation HR sent after that
        .query(
            "IF $was != NONE AND $was.company = $company AND $was.removed_at != NONE
                AND $invite.created_at <= $was.removed_at { THROW 'hub_refused' }",
        )
        .query("UPDATE $invite.id SET used_by = $user RETURN NONE")
        .query(
            "UPSERT $member CONTENT { company: $company, user: $user, joined_at: $now,
                next_grant_at: $period_end, removed_at: NONE } RETURN NONE",
        )
        .query(
            "IF $grant > 0 { CREATE credit CONTENT { member: $user, company: $company,
                kind: 'grant', amount: $grant, at: $now, expires_at: $period_end } RETURN NONE }",
        )
        .query(ENQUEUE)
        .query("COMMIT TRANSACTION")
        .bind(("purse", purse_record(j.user)))
        .bind(("member", member_record(j.user)))
        .bind(("user", user_record(j.user)))
        .bind(("company", company_record(j.company)))
        .bind(("hash", j.invite_hash.to_owned()))
        .bind(("grant", i64::from(j.grant)))
        .bind(("period_end", Datetime::from(j.period_end)))
        .bind(("mails", mails(j.mail)))
        .bind(("now", Datetime::from(j.now)))
        .await?;
    let errors: Vec<surrealdb::Error> = res.take_errors().into_values().collect();
    if errors.is_empty() {
        Ok(Joined::Done)
    } else if errors
        .iter()
        .any(|e| e.to_string().contains("hub_already_member"))
    {
        Ok(Joined::Already)
    } else if errors.iter().any(|e| e.to_string().contains("hub_refused")) {
        Ok(Joined::Refused)
    } else {
        Err(DbError::from_transaction(errors))
    }
}

#[derive(SurrealValue)]
struct HrMemberRow {
    id: RecordId,
    name: String,
    email: String,
    joined_at: Datetime,
}

/// The hub's current members, by name.
pub async fn members(db: &Db, company: &CompanyId) -> Result<Vec<HrMember>, DbError> {
    let rows: Vec<HrMemberRow> = db
        .query(
            "SELECT user AS id, user.name AS name, user.email AS email, joined_at FROM hub_member
             WHERE company = $company AND removed_at IS NONE ORDER BY name LIMIT 5000",
        )
        .bind(("company", company_record(company)))
        .await?
        .take(0)?;
    rows.into_iter()
        .map(|r| {
            Ok(HrMember {
                user: UserId::new(key_of(&r.id)?),
                name: DisplayName::parse(&r.name).map_err(data)?,
                email: Email::parse(&r.email).map_err(data)?,
                joined_at: r.joined_at.into(),
            })
        })
        .collect()
}

/// Ends a membership: no more claiming or spending; their invitations are revoked. False when
/// they were not a member of `company`.
pub async fn remove_member(
    db: &Db,
    company: &CompanyId,
    user: &UserId,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let res = db
        .query("BEGIN TRANSACTION")
        .query("UPSERT $purse SET touched_at = $now RETURN NONE")
        .query(
            "LET $done = (UPDATE $member SET removed_at = $now WHERE company = $company
                AND removed_at IS NONE RETURN VALUE id)",
        )
        .query("IF array::len($done) == 0 { THROW 'stale' }")
        // every invitation to the addresses they joined with (or their account's) stops working
        .query(
            "LET $addresses = array::union(
                (SELECT VALUE email_key FROM hub_invite WHERE company = $company AND used_by = $user),
                [$user.email_key])",
        )
        .query(
            "UPDATE hub_invite SET revoked_at = $now WHERE company = $company
             AND (used_by = $user OR email_key INSIDE $addresses) AND revoked_at IS NONE
             RETURN NONE",
        )
        .query("COMMIT TRANSACTION")
        .bind(("purse", purse_record(user)))
        .bind(("member", member_record(user)))
        .bind(("user", user_record(user)))
        .bind(("company", company_record(company)))
        .bind(("now", Datetime::from(now)))
        .await?;
    super::done_unless_stale(res)
}

/// The sum of `member`'s entries with `company`.
pub async fn balance(db: &Db, member: &UserId, company: &CompanyId) -> Result<i64, DbError> {
    let sum: Option<i64> = db
        .query(
            "RETURN math::sum(SELECT VALUE amount FROM credit WHERE member = $member
             AND company = $company)",
        )
        .bind(("member", user_record(member)))
        .bind(("company", company_record(company)))
        .await?
        .take(0)?;
    Ok(sum.unwrap_or(0))
}

#[derive(SurrealValue)]
struct EntryRow {
    kind: String,
    amount: i64,
    at: Datetime,
    expires_at: Option<Datetime>,
}

/// `member`'s entries with `company`, newest first.
pub async fn entries(
    db: &Db,
    member: &UserId,
    company: &CompanyId,
) -> Result<Vec<CreditEntry>, DbError> {
    let rows: Vec<EntryRow> = db
        .query(
            "SELECT kind, amount, at, expires_at FROM credit WHERE member = $member
             AND company = $company ORDER BY at DESC LIMIT 500",
        )
        .bind(("member", user_record(member)))
        .bind(("company", company_record(company)))
        .await?
        .take(0)?;
    rows.into_iter()
        .map(|r| {
            Ok(CreditEntry {
                kind: CreditKind::parse(&r.kind).ok_or_else(|| data(&r.kind))?,
                amount: r.amount,
                at: r.at.into(),
                expires_at: r.expires_at.map(Into::into),
            })
        })
        .collect()
}

/// One ledger entry of a company's, with no more of the member than a key to count people by.
pub struct Movement {
    pub kind: CreditKind,
    pub amount: i64,
    pub at: DateTime<Utc>,
    pub member: String,
}

#[derive(SurrealValue)]
struct MovementRow {
    kind: String,
    amount: i64,
    at: Datetime,
    member: RecordId,
}

/// The company's ledger since `since`, for figures by month.
pub async fn movements(
    db: &Db,
    company: &CompanyId,
    since: DateTime<Utc>,
) -> Result<Vec<Movement>, DbError> {
    let rows: Vec<MovementRow> = db
        .query(
            "SELECT kind, amount, at, member FROM credit WHERE company = $company
             AND at >= $since",
        )
        .bind(("company", company_record(company)))
        .bind(("since", Datetime::from(since)))
        .await?
        .take(0)?;
    rows.into_iter()
        .map(|r| {
            Ok(Movement {
                kind: CreditKind::parse(&r.kind).ok_or_else(|| data(&r.kind))?,
                amount: r.amount,
                at: r.at.into(),
                member: key_of(&r.member)?,
            })
        })
        .collect()
}

/// A professional asks the company for more credits for one of its members. Kept: the company,
/// the time, and a hash of the booking (`key`), so asking twice for one client counts once;
/// nothing that names the client.
pub async fn request_credits(
    db: &Db,
    company: &CompanyId,
    key: String,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let res = db
        .query(
            "CREATE credit_request CONTENT { company: $company, key: $key, at: $now } RETURN NONE",
        )
        .bind(("company", company_record(company)))
        .bind(("key", key))
        .bind(("now", Datetime::from(now)))
        .await?
        .check();
    match res.map_err(DbError::from_write) {
        // asked already
        Ok(_) | Err(DbError::Conflict) => Ok(()),
        Err(e) => Err(e),
    }
}

/// The company whose credits paid for `booking`, if `professional` holds it.
pub async fn paid_by(
    db: &Db,
    booking: &app::domain::BookingId,
    professional: &UserId,
) -> Result<Option<CompanyId>, DbError> {
    let ids: Vec<Option<RecordId>> = db
        .query("SELECT VALUE paid_by FROM $id WHERE professional = $professional")
        .bind(("id", super::ids::booking_record(booking)))
        .bind(("professional", user_record(professional)))
        .await?
        .take(0)?;
    ids.into_iter()
        .flatten()
        .next()
        .map(|id| Ok(CompanyId::new(key_of(&id)?)))
        .transpose()
}

/// The name of the company whose credits paid for `booking`.
pub async fn paying_company_name(
    db: &Db,
    booking: &app::domain::BookingId,
) -> Result<Option<String>, DbError> {
    let names: Vec<Option<String>> = db
        .query("SELECT VALUE paid_by.name FROM $id")
        .bind(("id", super::ids::booking_record(booking)))
        .await?
        .take(0)?;
    Ok(names.into_iter().flatten().next())
}

/// When the company's credit requests since `since` were made.
pub async fn requests(
    db: &Db,
    company: &CompanyId,
    since: DateTime<Utc>,
) -> Result<Vec<DateTime<Utc>>, DbError> {
    let at: Vec<Datetime> = db
        .query("SELECT VALUE at FROM credit_request WHERE company = $company AND at >= $since")
        .bind(("company", company_record(company)))
        .bind(("since", Datetime::from(since)))
        .await?
        .take(0)?;
    Ok(at.into_iter().map(Into::into).collect())
}

/// A grant whose period has ended and whose unused credits are still to be let go.
pub struct DueExpiry {
    pub id: RecordId,
    pub member: UserId,
}

#[derive(SurrealValue)]
struct DueRow {
    id: RecordId,
    member: RecordId,
}

pub async fn expiries_due(
    db: &Db,
    now: DateTime<Utc>,
    limit: u32,
) -> Result<Vec<DueExpiry>, DbError> {
    let rows: Vec<DueRow> = db
        .query(
            "SELECT id, member FROM credit WHERE kind IN ['grant', 'refund']
             AND expires_at != NONE AND expires_at <= $now AND expired_at IS NONE LIMIT $limit",
        )
        .bind(("now", Datetime::from(now)))
        .bind(("limit", i64::from(limit)))
        .await?
        .take(0)?;
    rows.into_iter()
        .map(|r| {
            Ok(DueExpiry {
                id: r.id,
                member: UserId::new(key_of(&r.member)?),
            })
        })
        .collect()
}

/// Lets a grant's (or a late refund's) unused credits go, once. Spending takes the oldest
/// credits first, so what is left of this grant is the balance less the credits of grants that
/// end later, at most what it gave.
pub async fn expire(db: &Db, due: &DueExpiry, now: DateTime<Utc>) -> Result<(), DbError> {
    let res = db
        .query("BEGIN TRANSACTION")
        .query("UPSERT $purse SET touched_at = $now RETURN NONE")
        .query("LET $grant = (SELECT * FROM ONLY $id)")
        .query("IF $grant.expired_at != NONE { THROW 'stale' }")
        .query(
            "LET $left = math::sum(SELECT VALUE amount FROM credit WHERE member = $grant.member
                AND company = $grant.company)",
        )
        .query(
            "LET $newer = math::sum(SELECT VALUE amount FROM credit WHERE member = $grant.member
                AND company = $grant.company AND kind IN ['grant', 'refund'] AND id != $id
                AND expired_at IS NONE AND expires_at > $grant.expires_at)",
        )
        .query("LET $gone = math::max([0, math::min([$grant.amount, $left - $newer])])")
        .query("UPDATE $id SET expired_at = $now RETURN NONE")
        .query(
            "IF $gone > 0 { CREATE credit CONTENT { member: $grant.member,
                company: $grant.company, kind: 'expiry', amount: 0 - $gone, at: $now }
                RETURN NONE }",
        )
        .query("COMMIT TRANSACTION")
        .bind(("purse", purse_record(&due.member)))
        .bind(("id", due.id.clone()))
        .bind(("now", Datetime::from(now)))
        .await?;
    super::done_unless_stale(res).map(|_| ())
}

/// A member whose next period has begun.
pub struct DueRenewal {
    pub member: UserId,
    pub company: CompanyId,
    pub due_at: DateTime<Utc>,
}

#[derive(SurrealValue)]
struct RenewalRow {
    user: RecordId,
    company: RecordId,
    next_grant_at: Datetime,
}

pub async fn renewals_due(
    db: &Db,
    now: DateTime<Utc>,
    limit: u32,
) -> Result<Vec<DueRenewal>, DbError> {
    let rows: Vec<RenewalRow> = db
        .query(
            "SELECT user, company, next_grant_at FROM hub_member WHERE next_grant_at <= $now
             AND removed_at IS NONE LIMIT $limit",
        )
        .bind(("now", Datetime::from(now)))
        .bind(("limit", i64::from(limit)))
        .await?
        .take(0)?;
    rows.into_iter()
        .map(|r| {
            Ok(DueRenewal {
                member: UserId::new(key_of(&r.user)?),
                company: CompanyId::new(key_of(&r.company)?),
                due_at: r.next_grant_at.into(),
            })
        })
        .collect()
}

/// Grants a member their credits for the period that began at `due.due_at` and ends at
/// `period_end`; once per period (`Ok(false)` when it was done meanwhile or they left).
pub async fn renew(
    db: &Db,
    due: &DueRenewal,
    grant: u32,
    period_end: DateTime<Utc>,
    mail: Option<Mail>,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let res = db
        .query("BEGIN TRANSACTION")
        .query("UPSERT $purse SET touched_at = $now RETURN NONE")
        .query(
            "LET $done = (UPDATE $member SET next_grant_at = $period_end WHERE company = $company
                AND next_grant_at = $due_at AND removed_at IS NONE RETURN VALUE id)",
        )
        .query("IF array::len($done) == 0 { THROW 'stale' }")
        .query(
            "IF $grant > 0 { CREATE credit CONTENT { member: $user, company: $company,
                kind: 'grant', amount: $grant, at: $now, expires_at: $period_end } RETURN NONE }",
        )
        .query(ENQUEUE)
        .query("COMMIT TRANSACTION")
        .bind(("purse", purse_record(&due.member)))
        .bind(("member", member_record(&due.member)))
        .bind(("user", user_record(&due.member)))
        .bind(("company", company_record(&due.company)))
        .bind(("due_at", Datetime::from(due.due_at)))
        .bind(("grant", i64::from(grant)))
        .bind(("period_end", Datetime::from(period_end)))
        .bind(("mails", mails(mail)))
        .bind(("now", Datetime::from(now)))
        .await?;
    super::done_unless_stale(res)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::bookings::{CreditSpend, NewBooking, Written, insert};
    use crate::db::test_support::{self as t, memory};
    use app::domain::{CreditPolicy, Role, ServiceId};

    /// Acme, with `member` joined by invitation and granted `credits`.
    async fn member_with(db: &Db, member: &UserId, credits: u32) -> CompanyId {
        let settings = HubSettings {
            welcome: String::new(),
            policy: CreditPolicy::default(),
            domains: Vec::new(),
        };
        let company = create_company(
            db,
            "Acme",
            &Slug::parse("acme").unwrap(),
            &settings,
            t::now(),
        )
        .await
        .unwrap();
        let email = Email::parse("m@acme.is").unwrap();
        invite(
            db,
            &company,
            &email,
            "h".into(),
            t::now(),
            t::now() + chrono::Duration::days(30),
            t::mail("m@acme.is", "Invited"),
        )
        .await
        .unwrap();
        let joined = join(
            db,
            Join {
                user: member,
                company: &company,
                invite_hash: "h",
                grant: credits,
                period_end: t::now() + chrono::Duration::days(365),
                mail: None,
                now: t::now(),
            },
        )
        .await
        .unwrap();
        assert_eq!(joined, Joined::Done);
        company
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn bookings_racing_for_the_last_credit_spend_it_once() {
        let db = memory().await;
        let member = t::user(&db, "Mia", Role::Client).await;
        let company = member_with(&db, &member.id, 1).await;
        // eight professionals: no calendar makes the bookings wait for each other
        let mut tasks = tokio::task::JoinSet::new();
        for i in 0..8 {
            let pro = t::user(&db, &format!("Pro{i}"), Role::Professional).await;
            let mut b = t::booking(&pro, 48, "Mia");
            b.client = Some(member.id.clone());
            let (db, company) = (db.clone(), company.clone());
            tasks.spawn(async move {
                insert(
                    &db,
                    NewBooking {
                        booking: &b,
                        service: &ServiceId::new(crate::db::new_key()),
                        link_hash: None,
                        mails: Vec::new(),
                        reminders: Vec::new(),
                        hold: None,
                        credits: Some(CreditSpend {
                            company: &company,
                            cost: 1,
                        }),
                        buffer: chrono::Duration::zero(),
                        now: t::now(),
                    },
                )
                .await
                .unwrap()
            });
        }
        let written = tasks.join_all().await;
        let done = written.iter().filter(|w| **w == Written::Done).count();
        assert_eq!(done, 1, "{written:?}");
        assert!(
            written
                .iter()
                .all(|w| matches!(w, Written::Done | Written::NoCredits))
        );
        assert_eq!(balance(&db, &member.id, &company).await.unwrap(), 0);
        // paid with the credit: no bill
        assert_eq!(t::count(&db, "bill").await, 0);
    }

    /// A grant of `amount` to `member` ending `days` after `t::now()`.
    async fn grant(db: &Db, member: &UserId, company: &CompanyId, amount: i64, days: i64) {
        db.query(
            "CREATE credit CONTENT { member: $m, company: $c, kind: 'grant', amount: $amount,
                at: $now, expires_at: $ends }",
        )
        .bind(("m", user_record(member)))
        .bind(("c", company_record(company)))
        .bind(("amount", amount))
        .bind(("now", Datetime::from(t::now())))
        .bind((
            "ends",
            Datetime::from(t::now() + chrono::Duration::days(days)),
        ))
        .await
        .unwrap()
        .check()
        .unwrap();
    }

    #[tokio::test]
    async fn an_old_grant_expiring_leaves_a_newer_one_whole() {
        let db = memory().await;
        let member = t::user(&db, "Mia", Role::Client).await;
        // 3 ending in a year (from joining), and 3 more ending a year later, given early
        let company = member_with(&db, &member.id, 3).await;
        grant(&db, &member.id, &company, 3, 730).await;
        let later = t::now() + chrono::Duration::days(366);
        // one spent: from the oldest credits
        spent(&db, &member.id, &company).await;
        expire_due(&db, later).await;
        // the old grant's two unused go; the newer three stay
        assert_eq!(balance(&db, &member.id, &company).await.unwrap(), 3);
    }

    #[tokio::test]
    async fn a_refund_after_the_period_ends_expires_with_it() {
        let db = memory().await;
        let member = t::user(&db, "Mia", Role::Client).await;
        let company = member_with(&db, &member.id, 1).await;
        let b = spent(&db, &member.id, &company).await;
        let later = t::now() + chrono::Duration::days(366);
        expire_due(&db, later).await;
        assert_eq!(balance(&db, &member.id, &company).await.unwrap(), 0);
        // cancelled after the period: the credit comes back, and goes with the period
        assert_eq!(
            cancel_at(&db, &b, Role::Professional, later).await,
            Written::Done
        );
        assert_eq!(balance(&db, &member.id, &company).await.unwrap(), 1);
        expire_due(&db, later).await;
        assert_eq!(balance(&db, &member.id, &company).await.unwrap(), 0);
    }

    #[tokio::test]
    async fn a_refund_within_the_period_lasts_as_long_as_the_grant() {
        let db = memory().await;
        let member = t::user(&db, "Mia", Role::Client).await;
        let company = member_with(&db, &member.id, 1).await;
        let b = spent(&db, &member.id, &company).await;
        assert_eq!(
            cancel_at(&db, &b, Role::Client, t::now()).await,
            Written::Done
        );
        let soon = t::now() + chrono::Duration::days(30);
        assert!(expiries_due(&db, soon, 10).await.unwrap().is_empty());
        assert_eq!(balance(&db, &member.id, &company).await.unwrap(), 1);
    }

    /// A booking of the member's with a new professional, paid with one credit.
    async fn spent(db: &Db, member: &UserId, company: &CompanyId) -> app::domain::Booking {
        let mut b = t::booking(&t::user(db, "Pro", Role::Professional).await, 48, "Mia");
        b.client = Some(member.clone());
        spend(db, &b, company).await;
        b
    }

    /// Runs every expiry due at `at`.
    async fn expire_due(db: &Db, at: chrono::DateTime<chrono::Utc>) {
        for due in expiries_due(db, at, 10).await.unwrap() {
            expire(db, &due, at).await.unwrap();
        }
    }

    /// Cancels `b` as `by` at `now`.
    async fn cancel_at(
        db: &Db,
        b: &app::domain::Booking,
        by: Role,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Written {
        crate::db::bookings::cancel(
            db,
            crate::db::bookings::Cancelled {
                before: b,
                by,
                notify: None,
                mail: None,
                now,
            },
        )
        .await
        .unwrap()
    }

    /// Books `b` paid with one credit.
    async fn spend(db: &Db, b: &app::domain::Booking, company: &CompanyId) {
        let written = insert(
            db,
            NewBooking {
                booking: b,
                service: &ServiceId::new(crate::db::new_key()),
                link_hash: None,
                mails: Vec::new(),
                reminders: Vec::new(),
                hold: None,
                credits: Some(CreditSpend { company, cost: 1 }),
                buffer: chrono::Duration::zero(),
                now: t::now(),
            },
        )
        .await
        .unwrap();
        assert_eq!(written, Written::Done);
    }

    #[tokio::test]
    async fn a_grant_expires_once_and_only_what_is_left_of_it() {
        let db = memory().await;
        let member = t::user(&db, "Mia", Role::Client).await;
        let company = member_with(&db, &member.id, 3).await;
        let later = t::now() + chrono::Duration::days(366);
        let due = expiries_due(&db, later, 10).await.unwrap();
        assert_eq!(due.len(), 1);
        // one spent meanwhile (a plain entry, as a booking writes it)
        db.query("CREATE credit CONTENT { member: $m, company: $c, kind: 'spend', amount: -1, at: $now }")
            .bind(("m", user_record(&member.id)))
            .bind(("c", company_record(&company)))
            .bind(("now", Datetime::from(t::now())))
            .await
            .unwrap()
            .check()
            .unwrap();
        expire(&db, &due[0], later).await.unwrap();
        expire(&db, &due[0], later).await.unwrap();
        assert_eq!(balance(&db, &member.id, &company).await.unwrap(), 0);
        let kinds: Vec<CreditKind> = entries(&db, &member.id, &company)
            .await
            .unwrap()
            .into_iter()
            .map(|e| e.kind)
            .collect();
        assert_eq!(
            kinds.iter().filter(|k| **k == CreditKind::Expiry).count(),
            1
        );
        assert!(expiries_due(&db, later, 10).await.unwrap().is_empty());
    }
}
