//! The server binary's subcommands, for whoever runs it. `hub create` makes a company's Wellbeing
//! Hub and its first HR admin, and prints the link that sets the admin's password; HR admins then
//! invite further HR admins from their dashboard.

use crate::config::Config;
use crate::db;
use crate::practice::hubs::{ADMIN_LINK_DAYS, create_admin};
use app::domain::{
    CreditPolicy, DisplayName, Email, HubSettings, Language, Slug, is_domain, parse_domains,
};
use chrono::{DateTime, Utc};

pub const USAGE: &str = "\
Usage:
  server                 run Tandem
  server hub create --company NAME --hub LINK-NAME --hr-name NAME --hr-email EMAIL
                    [--credits N] [--period-months N] [--session-credits N]
                    [--domain example.com]... [--welcome TEXT] [--language en|is]

  hub create  makes a company's Wellbeing Hub (at /hub/LINK-NAME) and its first HR admin, and
              prints the link where the admin chooses a password. Defaults: 6 credits per
              employee per 12 months, 1 credit a session.";

#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error("{0}")]
    Usage(String),
    #[error("a hub named {0} exists already")]
    HubTaken(String),
    #[error("{0} has an account already")]
    EmailTaken(String),
    #[error("{0}")]
    Failed(String),
}

fn usage(e: impl Into<String>) -> CliError {
    CliError::Usage(e.into())
}

/// `--name value` pairs after the subcommand; `--domain` may come more than once.
fn options(args: &[String]) -> Result<Vec<(String, String)>, CliError> {
    let mut out = Vec::new();
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let name = flag
            .strip_prefix("--")
            .ok_or_else(|| usage(format!("unexpected {flag:?}")))?;
        let value = it
            .next()
            .ok_or_else(|| usage(format!("--{name} needs a value")))?;
        out.push((name.to_owned(), value.clone()));
    }
    Ok(out)
}

fn one<'a>(opts: &'a [(String, String)], name: &str) -> Option<&'a str> {
    opts.iter()
        .rev()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

fn number(opts: &[(String, String)], name: &str, default: u32) -> Result<u32, CliError> {
    one(opts, name).map_or(Ok(default), |v| {
        v.trim()
            .parse()
            .map_err(|_| usage(format!("--{name} must be a whole number")))
    })
}

/// Runs a subcommand on the configured database; what to print when it succeeds.
pub async fn run(args: &[String], config: &Config, now: DateTime<Utc>) -> Result<String, CliError> {
    if !matches!(args, [area, verb, ..] if area == "hub" && verb == "create") {
        return Err(usage("unknown command"));
    }
    let db = db::connect(&config.database)
        .await
        .map_err(|e| CliError::Failed(e.to_string()))?;
    let done = run_on(&db, args, &config.public_url, now).await;
    // an embedded store closes in the background once its last handle is gone: give it the
    // moment it needs, so the process doesn't end mid-way through
    drop(db);
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    done
}

/// Runs a subcommand on `db`.
pub async fn run_on(
    db: &db::Db,
    args: &[String],
    public_url: &str,
    now: DateTime<Utc>,
) -> Result<String, CliError> {
    match args {
        [area, verb, rest @ ..] if area == "hub" && verb == "create" => {
            create_hub(db, rest, public_url, now).await
        }
        _ => Err(usage("unknown command")),
    }
}

async fn create_hub(
    db: &db::Db,
    args: &[String],
    public_url: &str,
    now: DateTime<Utc>,
) -> Result<String, CliError> {
    let opts = options(args)?;
    const KNOWN: [&str; 10] = [
        "company",
        "hub",
        "hr-name",
        "hr-email",
        "credits",
        "period-months",
        "session-credits",
        "domain",
        "welcome",
        "language",
    ];
    if let Some((n, _)) = opts.iter().find(|(n, _)| !KNOWN.contains(&n.as_str())) {
        return Err(usage(format!("unknown option --{n}")));
    }
    let need = |name: &str| one(&opts, name).ok_or_else(|| usage(format!("--{name} is needed")));
    let company = need("company")?.trim().to_owned();
    if company.is_empty() || company.chars().count() > 80 {
        return Err(usage("--company must be 1 to 80 characters"));
    }
    let slug = Slug::parse(need("hub")?)
        .map_err(|e| usage(format!("--hub: {e} (use a-z, 0-9 and hyphens)")))?;
    let name =
        DisplayName::parse(need("hr-name")?).map_err(|e| usage(format!("--hr-name: {e}")))?;
    let email = Email::parse(need("hr-email")?).map_err(|e| usage(format!("--hr-email: {e}")))?;
    let language = match one(&opts, "language") {
        Some(code) => Language::parse(code).map_err(|_| usage("--language must be en or is"))?,
        None => Language::En,
    };
    let domains: Vec<String> = opts
        .iter()
        .filter(|(n, _)| n == "domain")
        .flat_map(|(_, v)| parse_domains(v))
        .collect();
    if let Some(bad) = domains.iter().find(|d| !is_domain(d)) {
        return Err(usage(format!("--domain {bad} is not a domain")));
    }
    let defaults = CreditPolicy::default();
    let settings = HubSettings {
        welcome: one(&opts, "welcome").unwrap_or_default().trim().to_owned(),
        policy: CreditPolicy {
            credits_per_period: number(&opts, "credits", defaults.credits_per_period)?,
            period_months: number(&opts, "period-months", defaults.period_months)?,
            session_credits: number(&opts, "session-credits", defaults.session_credits)?,
        },
        domains,
    }
    .check()
    .map_err(|e| {
        usage(format!(
            "out of range: {:?}",
            e.0.iter().map(|f| f.field.input_name()).collect::<Vec<_>>()
        ))
    })?;

    let failed = |e: &dyn std::fmt::Display| CliError::Failed(e.to_string());
    if db::users::credentials_by_email(db, &email)
        .await
        .map_err(|e| failed(&e))?
        .is_some()
    {
        return Err(CliError::EmailTaken(email.to_string()));
    }
    let id = match db::hubs::create_company(db, &company, &slug, &settings, now).await {
        Ok(id) => id,
        Err(db::DbError::Conflict) => return Err(CliError::HubTaken(slug.as_str().to_owned())),
        Err(e) => return Err(failed(&e)),
    };
    let created = db::hubs::company_by_id(db, &id)
        .await
        .map_err(|e| failed(&e))?
        .ok_or_else(|| CliError::Failed("the company was not stored".into()))?;
    let hasher = crate::auth::password::Hasher::new(1);
    let admin = create_admin(
        db, &hasher, now, &created, &name, &email, language, public_url,
    )
    .await
    .map_err(|e| failed(&e))?;
    let public = public_url.trim_end_matches('/');
    Ok(format!(
        "Created {company}'s Wellbeing Hub: {public}/hub/{hub}\n\
         HR admin: {name} <{email}>\n\
         Their link to choose a password (valid {ADMIN_LINK_DAYS} days, also mailed to them):\n{link}",
        hub = slug.as_str(),
        name = name.as_str(),
        link = admin.link,
    ))
}
