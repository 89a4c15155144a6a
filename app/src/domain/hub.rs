//! Company Wellbeing Hubs: a company's hub of professionals, its members' credits, and what HR
//! sees (settings, invitations, members, and figures only about groups of at least five).

use super::{
    DisplayName, Email, Field, FieldErrors, Problem, ProfessionalProfile, Service, Slug, Timezone,
    UserId,
};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Figures about fewer people than this are hidden from HR.
pub const SMALLEST_GROUP: u64 = 5;
/// At most this many addresses in one invitation (a pasted list or a CSV file).
pub const MOST_INVITES: usize = 500;
/// How long an invitation to a hub stays usable.
pub const HUB_INVITE_DAYS: i64 = 30;
pub const WELCOME_MAX: usize = 2000;
/// A member is told their credits are running low when this many or fewer are left.
pub const LOW_CREDITS: i64 = 1;

/// What a hub grants and charges.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreditPolicy {
    /// Granted to each member at the start of every period.
    pub credits_per_period: u32,
    /// A period's length; unused credits expire at its end.
    pub period_months: u32,
    /// What one session costs.
    pub session_credits: u32,
}

impl Default for CreditPolicy {
    fn default() -> Self {
        Self {
            credits_per_period: 6,
            period_months: 12,
            session_credits: 1,
        }
    }
}

impl CreditPolicy {
    /// Each number in its range, or the problems against their fields.
    pub fn check(self) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        if self.credits_per_period > 1000 {
            errors.push(Field::Credits, Problem::OutOfRange);
        }
        if !(1..=36).contains(&self.period_months) {
            errors.push(Field::Period, Problem::OutOfRange);
        }
        if !(1..=100).contains(&self.session_credits) {
            errors.push(Field::SessionCredits, Problem::OutOfRange);
        }
        if errors.is_empty() {
            Ok(self)
        } else {
            Err(errors)
        }
    }
}

/// What HR may change about their hub.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HubSettings {
    pub welcome: String,
    pub policy: CreditPolicy,
    /// Addresses on these domains may join by confirming their address: `example.com`.
    pub domains: Vec<String>,
}

impl HubSettings {
    pub fn check(self) -> Result<Self, FieldErrors> {
        let mut errors = match self.policy.check() {
            Ok(_) => FieldErrors::default(),
            Err(e) => e,
        };
        if self.welcome.chars().count() > WELCOME_MAX {
            errors.push(Field::Welcome, Problem::OutOfRange);
        }
        if self.domains.iter().any(|d| !is_domain(d)) {
            errors.push(Field::Domains, Problem::OutOfRange);
        }
        if errors.is_empty() {
            Ok(self)
        } else {
            Err(errors)
        }
    }
}

/// `example.com`, `mail.example.co.uk`: a dot, and letters, digits and hyphens between dots.
pub fn is_domain(d: &str) -> bool {
    d.len() <= 253
        && d.contains('.')
        && d.split('.').all(|part| {
            !part.is_empty()
                && part.len() <= 63
                && !part.starts_with('-')
                && !part.ends_with('-')
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        })
}

/// Domains as HR types them: one per line or comma-separated, `@` and case ignored.
pub fn parse_domains(raw: &str) -> Vec<String> {
    let mut out: Vec<String> = raw
        .split(|c: char| c == ',' || c == '\n' || c.is_whitespace())
        .map(|d| super::lowercase(d.trim().trim_start_matches('@')))
        .filter(|d| !d.is_empty())
        .collect();
    out.dedup();
    out
}

/// Addresses from a pasted list or a CSV file: every cell that looks like an address (a header
/// row or a name column is passed over), each once. Cells with an `@` that aren't addresses come
/// back as `bad`.
pub fn parse_address_list(raw: &str) -> (Vec<Email>, Vec<String>) {
    let mut good: Vec<Email> = Vec::new();
    let mut bad = Vec::new();
    for cell in raw.split([',', ';', '\n', '\r', '\t', ' ']) {
        let cell = cell.trim().trim_matches('"').trim();
        if cell.is_empty() || !cell.contains('@') {
            continue;
        }
        match Email::parse(cell) {
            Ok(e) => {
                if !good.iter().any(|g| g.key() == e.key()) {
                    good.push(e);
                }
            }
            Err(_) => bad.push(cell.to_owned()),
        }
    }
    (good, bad)
}

/// A service as a hub offers it: what a session costs in its credits.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HubOffering {
    pub service: Service,
    pub credits: u32,
}

/// How a hub has one service of a professional it offers: offered or left out, and its cost in
/// credits when not the hub's usual one.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceTerms {
    pub offered: bool,
    pub credits: Option<u32>,
}

impl ServiceTerms {
    /// What a session of the service costs, when it is offered.
    pub fn cost(self, usual: u32) -> Option<u32> {
        self.offered.then(|| self.credits.unwrap_or(usual))
    }
}

/// One professional as a hub lists them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HubProfessional {
    pub profile: ProfessionalProfile,
    /// Their booking link's name: booking goes through it.
    pub slug: Slug,
    /// The services the hub offers, each with its cost.
    pub services: Vec<HubOffering>,
    /// The soonest free time for their first service.
    pub next_free: Option<DateTime<Utc>>,
    pub timezone: Timezone,
}

/// Who is looking at a hub.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum HubStanding {
    /// Not signed in, and no invitation with them.
    Visitor,
    /// With a usable invitation (from the emailed link): an account claims the credits.
    Invited { email: Email },
    /// A member, with their balance.
    Member { balance: i64 },
    /// Signed in, not a member, no invitation.
    Outsider,
}

/// A hub's page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HubPage {
    pub slug: Slug,
    pub company: String,
    /// The company's logo: the path of its image.
    pub logo: Option<String>,
    pub welcome: String,
    pub policy: CreditPolicy,
    /// Those matching the filters.
    pub professionals: Vec<HubProfessional>,
    /// Every language and kind of professional on offer, for the filters.
    pub languages: Vec<String>,
    pub kinds: Vec<String>,
    pub standing: HubStanding,
}

/// The hub a member belongs to: the header's way back to it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HubBadge {
    pub slug: Slug,
    pub company: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CreditKind {
    Grant,
    Spend,
    Refund,
    Expiry,
}

impl CreditKind {
    pub fn code(self) -> &'static str {
        match self {
            CreditKind::Grant => "grant",
            CreditKind::Spend => "spend",
            CreditKind::Refund => "refund",
            CreditKind::Expiry => "expiry",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        [
            CreditKind::Grant,
            CreditKind::Spend,
            CreditKind::Refund,
            CreditKind::Expiry,
        ]
        .into_iter()
        .find(|k| k.code() == code)
    }
}

/// One line of a member's credits.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreditEntry {
    pub kind: CreditKind,
    /// Signed: grants and refunds add, spends and expiries take away.
    pub amount: i64,
    pub at: DateTime<Utc>,
    /// A grant's end.
    pub expires_at: Option<DateTime<Utc>>,
}

/// A member's credits: the balance (the sum of the entries) and the entries, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Credits {
    pub hub: HubBadge,
    pub balance: i64,
    pub session_credits: u32,
    pub entries: Vec<CreditEntry>,
}

/// How a slot held from a hub will be paid, as the confirm page says before booking.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HubPayment {
    pub company: String,
    pub hub: Slug,
    /// Credits the session costs.
    pub cost: u32,
    /// The viewer's balance, when they are a member; `None` before they claim.
    pub balance: Option<i64>,
    /// What claiming grants (for one who has not claimed yet).
    pub granted: u32,
    /// Whether the viewer may pay with these credits: a member, or one who came with an
    /// invitation. Anyone else can't book this time from the hub.
    pub claimable: bool,
}

impl HubPayment {
    /// Whether credits pay (else the card does).
    pub fn credits_pay(&self) -> bool {
        self.claimable
            && match self.balance {
                Some(b) => b >= i64::from(self.cost),
                None => self.granted >= self.cost,
            }
    }
}

/// A member as HR sees them: who, never what they booked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HrMember {
    pub user: UserId,
    pub name: DisplayName,
    pub email: Email,
    pub joined_at: DateTime<Utc>,
}

/// An address HR invited that has not joined.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HrInvite {
    pub email: Email,
    pub invited_at: DateTime<Utc>,
}

/// A month's use of a hub, each figure `None` when it would describe fewer than
/// `SMALLEST_GROUP` people.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthFigures {
    /// `2026-11`.
    pub month: String,
    pub granted: Option<i64>,
    pub used: Option<i64>,
    /// Professionals' requests for more credits.
    pub requests: Option<u64>,
}

/// HR's dashboard.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HrDashboard {
    pub company: String,
    /// The company's logo: the path of its image.
    pub logo: Option<String>,
    pub slug: Slug,
    /// The whole hub link, to share.
    pub url: String,
    pub settings: HubSettings,
    pub members: Vec<HrMember>,
    pub invites: Vec<HrInvite>,
    pub months: Vec<MonthFigures>,
    pub admins: Vec<(DisplayName, Email)>,
    /// The professionals the hub offers.
    pub offered: Vec<OfferedProfessional>,
}

/// A professional a hub offers, as HR lists them, with the hub's terms for each service.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OfferedProfessional {
    pub id: UserId,
    pub name: DisplayName,
    /// Their booking link's name.
    pub slug: Slug,
    pub services: Vec<(Service, ServiceTerms)>,
}

/// Where a company's logo keyed `key` is served.
pub fn logo_path(key: &str) -> String {
    format!("/media/logos/{key}")
}

/// A figure about `people` people, or nothing when they are too few to stay anonymous.
pub fn shown_if_enough<T>(people: u64, figure: T) -> Option<T> {
    (people >= SMALLEST_GROUP).then_some(figure)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_csv_gives_its_addresses_once_and_passes_over_headers_and_names() {
        let csv = "name,email\nAnna,anna@acme.is\n\"Bo\",\"BO@acme.is\"\nAnna again;anna@acme.is\nx,not@valid@\n";
        let (good, bad) = parse_address_list(csv);
        let keys: Vec<String> = good.iter().map(|e| e.key()).collect();
        assert_eq!(keys, ["anna@acme.is", "bo@acme.is"]);
        assert_eq!(bad, ["not@valid@"]);
    }

    #[test]
    fn domains_are_cleaned_and_checked() {
        assert_eq!(
            parse_domains("@Acme.is, acme.com\nacme.com"),
            ["acme.is", "acme.com"]
        );
        assert!(is_domain("mail.acme.co.uk"));
        for bad in ["acme", "-acme.is", "ac me.is", "acme..is"] {
            assert!(!is_domain(bad), "{bad}");
        }
    }

    #[test]
    fn small_groups_are_hidden() {
        assert_eq!(shown_if_enough(4, 10), None);
        assert_eq!(shown_if_enough(5, 10), Some(10));
    }

    #[test]
    fn a_policy_out_of_range_names_its_fields() {
        let bad = CreditPolicy {
            credits_per_period: 5000,
            period_months: 0,
            session_credits: 1,
        };
        let errors = bad.check().unwrap_err();
        assert_eq!(errors.get(Field::Credits), Some(Problem::OutOfRange));
        assert_eq!(errors.get(Field::Period), Some(Problem::OutOfRange));
        assert_eq!(errors.get(Field::SessionCredits), None);
    }

    #[test]
    fn credits_pay_while_they_last() {
        let mut p = HubPayment {
            company: "Acme".into(),
            hub: Slug::parse("acme").unwrap(),
            cost: 2,
            balance: Some(2),
            granted: 6,
            claimable: true,
        };
        assert!(p.credits_pay());
        p.balance = Some(1);
        assert!(!p.credits_pay());
        p.balance = None;
        assert!(p.credits_pay());
        p.claimable = false;
        assert!(!p.credits_pay());
    }
}
