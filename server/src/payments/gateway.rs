//! Stripe, as we use it: customers, cards through SetupIntents, PaymentIntents and refunds. Every
//! request that could charge or refund carries an idempotency key derived from what it is for, so
//! sending it again (a retry, a replay after a crash) gets Stripe's first answer, never a second
//! charge.

use app::domain::Money;
use std::collections::HashMap;
use std::time::Duration;
use stripe::{Client, ClientBuilder, StripeError};
use stripe_client_core::{IdempotencyKey, RequestStrategy, StripeRequest};
use stripe_core::customer::CreateCustomer;
use stripe_core::payment_intent::{
    CancelPaymentIntent, CreatePaymentIntent, ListPaymentIntent, RetrievePaymentIntent,
};
use stripe_core::refund::{CreateRefund, ListRefund};
use stripe_core::setup_intent::{CreateSetupIntent, RetrieveSetupIntent};
use stripe_payment::payment_method::{DetachPaymentMethod, RetrievePaymentMethod};
use stripe_shared::{PaymentIntent, PaymentIntentStatus, SetupIntentStatus};

/// How long one request to Stripe may take before we call it unreachable.
pub const TIMEOUT: Duration = Duration::from_secs(20);
/// Pages of a customer's PaymentIntents looked through for one attempt.
const MAX_PAGES: usize = 20;

#[derive(Debug, thiserror::Error)]
pub enum GatewayError {
    /// The card's bank said no (HTTP 402); Stripe's code says why.
    #[error("declined: {0}")]
    Declined(String),
    /// No connection to Stripe could be made: the request never left, nothing happened there.
    #[error("stripe not reached: {0}")]
    NotSent(String),
    /// No answer or a timeout: the request may or may not have reached Stripe, and may still be
    /// under way there.
    #[error("stripe unreachable: {0}")]
    Unavailable(String),
    /// Stripe answered with a 5xx or 429: it is done with the request, which may or may not have
    /// taken effect (Stripe calls a 500 indeterminate); looking it up tells which.
    #[error("stripe failed: {0}")]
    Failed(String),
    /// What the request names (a customer, a SetupIntent) does not exist at Stripe: deleted in
    /// Stripe's dashboard, or never there.
    #[error("stripe has no such object: {0}")]
    Missing(String),
    /// Stripe refused the request as malformed or not allowed: our bug, not the person's.
    #[error("stripe refused: {0}")]
    Refused(String),
}

impl From<StripeError> for GatewayError {
    fn from(e: StripeError) -> Self {
        match e {
            StripeError::Stripe(err, 402) => GatewayError::Declined(
                err.decline_code
                    .clone()
                    .or_else(|| err.code.as_ref().map(|c| c.as_str().to_owned()))
                    .unwrap_or_else(|| "card_declined".into()),
            ),
            StripeError::Stripe(err, status) if status >= 500 || status == 429 => {
                GatewayError::Failed(format!("status {status}: {}", message(&err)))
            }
            StripeError::Stripe(err, status)
                if status == 404
                    || err.code == Some(stripe_shared::ApiErrorsCode::ResourceMissing) =>
            {
                GatewayError::Missing(message(&err))
            }
            StripeError::Stripe(err, status) => {
                GatewayError::Refused(format!("status {status}: {}", message(&err)))
            }
            // hyper names the stage that failed: "(Connect)" is before anything was sent
            StripeError::ClientError(m) if m.contains("(Connect)") => GatewayError::NotSent(m),
            StripeError::ClientError(m) => GatewayError::Unavailable(m),
            StripeError::Timeout => GatewayError::Unavailable("timeout".into()),
            StripeError::JSONDeserialize(m) => GatewayError::Refused(format!("answer: {m}")),
            StripeError::ConfigError(m) => GatewayError::Refused(format!("configuration: {m}")),
        }
    }
}

fn message(err: &stripe_shared::ApiErrors) -> String {
    err.message.clone().unwrap_or_default()
}

/// Where the browser finds Stripe.js, and the key it uses there.
#[derive(Clone, Debug)]
pub struct BrowserSide {
    pub publishable_key: String,
    pub js_url: String,
}

/// A card as Stripe describes it.
#[derive(Clone, Debug)]
pub struct CardDetails {
    pub stripe_id: String,
    pub brand: String,
    pub last4: String,
    pub exp_month: u32,
    pub exp_year: i32,
}

/// A SetupIntent, as far as keeping its card goes.
#[derive(Clone, Debug)]
pub struct SetupState {
    pub customer: Option<String>,
    pub payment_method: Option<String>,
    pub succeeded: bool,
}

/// Where a PaymentIntent stands, in the terms a bill needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IntentStatus {
    Succeeded,
    /// The client must confirm (3-D Secure) in the browser.
    NeedsAction,
    /// The bank has not answered yet.
    Processing,
    /// Not sent for payment yet (created, not confirmed).
    Unconfirmed,
    /// Declined, failed authentication or cancelled: the bill is open again. Stripe's code, if any.
    Failed(Option<String>),
}

#[derive(Clone, Debug)]
pub struct IntentState {
    pub id: String,
    pub status: IntentStatus,
    pub client_secret: Option<String>,
    /// What we put on it: the bill's id and attempt.
    pub metadata: HashMap<String, String>,
}

impl From<PaymentIntent> for IntentState {
    fn from(pi: PaymentIntent) -> Self {
        let status = match pi.status {
            PaymentIntentStatus::Succeeded => IntentStatus::Succeeded,
            PaymentIntentStatus::RequiresAction => IntentStatus::NeedsAction,
            PaymentIntentStatus::Processing | PaymentIntentStatus::RequiresCapture => {
                IntentStatus::Processing
            }
            PaymentIntentStatus::RequiresConfirmation => IntentStatus::Unconfirmed,
            PaymentIntentStatus::RequiresPaymentMethod | PaymentIntentStatus::Canceled | _ => {
                IntentStatus::Failed(pi.last_payment_error.as_ref().and_then(|e| {
                    e.decline_code
                        .clone()
                        .or_else(|| e.code.as_ref().map(|c| c.as_str().to_owned()))
                }))
            }
        };
        IntentState {
            id: pi.id.as_str().to_owned(),
            status,
            client_secret: pi.client_secret,
            metadata: pi.metadata,
        }
    }
}

/// What one payment attempt asks Stripe for; the same attempt always asks for exactly this.
#[derive(Clone, Debug)]
pub struct Charge<'a> {
    pub key: &'a str,
    pub amount: Money,
    pub customer: &'a str,
    pub payment_method: &'a str,
    pub bill: &'a str,
    pub attempt: i64,
}

pub struct Gateway {
    client: Client,
    pub browser: BrowserSide,
}

fn idempotent(key: &str) -> Result<RequestStrategy, GatewayError> {
    IdempotencyKey::new(key)
        .map(RequestStrategy::Idempotent)
        .map_err(|e| GatewayError::Refused(format!("idempotency key: {e}")))
}

impl Gateway {
    pub fn new(
        secret_key: &str,
        api_base: &str,
        browser: BrowserSide,
    ) -> Result<Self, GatewayError> {
        // our dependencies bring rustls with two crypto backends, so none is chosen by itself:
        // choose one for the process (a second call finds it chosen and changes nothing)
        let _ = rustls::crypto::aws_lc_rs::default_provider().install_default();
        let client = ClientBuilder::new(secret_key)
            .url(api_base)
            .timeout(TIMEOUT)
            .build()
            .map_err(GatewayError::from)?;
        Ok(Self { client, browser })
    }

    /// The client's Stripe customer. Keyed by our user id: two first cards at once make one.
    /// The Stripe customer of `user`, made once however often asked; `replacing` names the one
    /// it replaces (gone at Stripe), so that asking again makes a new one.
    pub async fn create_customer(
        &self,
        user: &str,
        email: &str,
        replacing: Option<&str>,
    ) -> Result<String, GatewayError> {
        let key = match replacing {
            None => format!("tandem-customer-{user}"),
            Some(gone) => format!("tandem-customer-{user}-replacing-{gone}"),
        };
        let customer = CreateCustomer::new()
            .email(email)
            .metadata([("tandem_user".to_owned(), user.to_owned())])
            .customize()
            .request_strategy(idempotent(&key)?)
            .send(&self.client)
            .await?;
        Ok(customer.id.as_str().to_owned())
    }

    /// A SetupIntent for a new card of `customer`: its id and the secret Stripe.js confirms it with.
    pub async fn setup_intent(&self, customer: &str) -> Result<(String, String), GatewayError> {
        let si = CreateSetupIntent::new()
            .customer(customer)
            .usage(stripe_core::setup_intent::CreateSetupIntentUsage::OffSession)
            .send(&self.client)
            .await?;
        let secret = si
            .client_secret
            .ok_or_else(|| GatewayError::Refused("a SetupIntent without a client secret".into()))?;
        Ok((si.id.as_str().to_owned(), secret))
    }

    pub async fn setup_state(&self, id: &str) -> Result<SetupState, GatewayError> {
        let si = RetrieveSetupIntent::new(id).send(&self.client).await?;
        Ok(SetupState {
            customer: si.customer.as_ref().map(|c| c.id().as_str().to_owned()),
            payment_method: si
                .payment_method
                .as_ref()
                .map(|p| p.id().as_str().to_owned()),
            succeeded: si.status == SetupIntentStatus::Succeeded,
        })
    }

    pub async fn card(&self, payment_method: &str) -> Result<CardDetails, GatewayError> {
        let pm = RetrievePaymentMethod::new(payment_method)
            .send(&self.client)
            .await?;
        let card = pm
            .card
            .ok_or_else(|| GatewayError::Refused("a payment method that is not a card".into()))?;
        Ok(CardDetails {
            stripe_id: pm.id.as_str().to_owned(),
            brand: card.brand,
            last4: card.last4,
            exp_month: u32::try_from(card.exp_month).unwrap_or(1),
            exp_year: i32::try_from(card.exp_year).unwrap_or(0),
        })
    }

    pub async fn detach(&self, payment_method: &str) -> Result<(), GatewayError> {
        DetachPaymentMethod::new(payment_method)
            .send(&self.client)
            .await?;
        Ok(())
    }

    /// Creates and confirms the attempt's PaymentIntent in one request. Sent again with the same
    /// key (a double click, a replay after a crash), Stripe answers as the first time.
    pub async fn charge(&self, c: &Charge<'_>) -> Result<IntentState, GatewayError> {
        let currency: stripe_types::Currency = c
            .amount
            .stripe_currency()
            .parse()
            .map_err(|_| GatewayError::Refused("currency".into()))?;
        let pi = CreatePaymentIntent::new(c.amount.stripe_amount(), currency)
            .customer(c.customer)
            .payment_method(c.payment_method)
            .confirm(true)
            .metadata([
                ("tandem_bill".to_owned(), c.bill.to_owned()),
                ("tandem_attempt".to_owned(), c.attempt.to_string()),
            ])
            .customize()
            .request_strategy(idempotent(c.key)?)
            .send(&self.client)
            .await?;
        Ok(pi.into())
    }

    /// The PaymentIntent of a bill's attempt, if Stripe has one: how we learn whether a request
    /// whose answer never came took effect. Stripe cannot look one up by idempotency key, so the
    /// customer's PaymentIntents are searched for the attempt's metadata, newest first.
    pub async fn find_attempt(
        &self,
        customer: &str,
        bill: &str,
        attempt: i64,
    ) -> Result<Option<IntentState>, GatewayError> {
        let attempt = attempt.to_string();
        let mut after: Option<String> = None;
        // a customer has one PaymentIntent per attempt: a few pages at most
        for _ in 0..MAX_PAGES {
            let mut list = ListPaymentIntent::new().customer(customer).limit(100);
            if let Some(last) = &after {
                list = list.starting_after(last.as_str());
            }
            let page = list.send(&self.client).await?;
            if let Some(pi) = page.data.iter().find(|pi| {
                pi.metadata.get("tandem_bill").map(String::as_str) == Some(bill)
                    && pi.metadata.get("tandem_attempt") == Some(&attempt)
            }) {
                return Ok(Some(pi.clone().into()));
            }
            match page.data.last() {
                Some(last) if page.has_more => after = Some(last.id.as_str().to_owned()),
                _ => return Ok(None),
            }
        }
        Err(GatewayError::Refused(format!(
            "more than {MAX_PAGES} pages of payments for one customer"
        )))
    }

    pub async fn intent(&self, id: &str) -> Result<IntentState, GatewayError> {
        Ok(RetrievePaymentIntent::new(id)
            .send(&self.client)
            .await?
            .into())
    }

    pub async fn cancel(&self, id: &str) -> Result<IntentState, GatewayError> {
        Ok(CancelPaymentIntent::new(id)
            .send(&self.client)
            .await?
            .into())
    }

    /// Gives back all of a PaymentIntent's charge, once, whatever the retries.
    pub async fn refund(&self, key: &str, payment_intent: &str) -> Result<(), GatewayError> {
        CreateRefund::new()
            .payment_intent(payment_intent)
            .customize()
            .request_strategy(idempotent(key)?)
            .send(&self.client)
            .await?;
        Ok(())
    }

    /// How much of a PaymentIntent's charge has been given back, in Stripe's units: refunds made
    /// here or anywhere else (Stripe's dashboard).
    pub async fn refunded_amount(&self, payment_intent: &str) -> Result<i64, GatewayError> {
        let list = ListRefund::new()
            .payment_intent(payment_intent)
            .limit(100)
            .send(&self.client)
            .await?;
        Ok(list
            .data
            .iter()
            .filter(|r| r.status.as_deref() == Some("succeeded"))
            .map(|r| r.amount)
            .sum())
    }
}
