//! The `Payments` port: a client's cards, and paying a bill with one, through Stripe.
//!
//! Paying is safe to repeat at every step. An attempt is claimed on the bill (status
//! "processing", its idempotency key `tandem-bill-<bill>-<attempt>` and card stored) before Stripe
//! is asked; only one request can claim it. The PaymentIntent is created and confirmed in one
//! request carrying that key, so a retry or a replay gets Stripe's first answer and never a second
//! charge. When Stripe's answer does not come (a timeout, a lost connection, a 5xx), Stripe is
//! asked for the attempt's PaymentIntent (`Gateway::find_attempt`): found, it settles the bill;
//! not found after a 5xx, nothing was charged and the bill is to pay again; with no answer at all
//! the bill stays "processing" for the reconciler, which asks again once the request is surely
//! over. If our write after Stripe's answer never happens (a crash), the webhook or the reconciler
//! (`reconcile`) settles the bill from Stripe. A payment that succeeds for an attempt we had let
//! go pays the bill if it is still due, and is given back if not (`apply`).

use super::gateway::{Charge, Gateway, GatewayError, IntentState, IntentStatus};
use crate::clock::Clock;
use crate::db::payments::{Attempt, Late, Settled};
use crate::db::{self, Db};
use crate::mail::Mail;
use crate::mail::payment_mail::{PaymentNews, payment_mail};
use app::domain::{BillId, BillStatus, Card, CardId, PayOutcome, StripeHandoff, UserId};
use app::ports::{Cause, PaymentError, Payments};
use async_trait::async_trait;
use std::sync::Arc;

pub struct PaymentService {
    pub(super) db: Db,
    pub(super) clock: Arc<dyn Clock>,
    pub(super) gateway: Arc<Gateway>,
    /// `https://…/payments/receipts/`: where mails link a bill's receipt.
    receipts_url: String,
}

fn unexpected(e: impl Into<Cause>) -> PaymentError {
    PaymentError::Unexpected(e.into())
}

impl From<GatewayError> for PaymentError {
    fn from(e: GatewayError) -> Self {
        match e {
            GatewayError::Declined(code) => PaymentError::Declined(code),
            e @ (GatewayError::Unavailable(_)
            | GatewayError::Failed(_)
            | GatewayError::NotSent(_)) => PaymentError::Unavailable(e.into()),
            e @ (GatewayError::Refused(_) | GatewayError::Missing(_)) => {
                PaymentError::Unexpected(e.into())
            }
        }
    }
}

/// The idempotency key of a bill's attempt: derived, never random, so a replay finds it again.
fn attempt_key(bill: &BillId, attempt: i64) -> String {
    format!("tandem-bill-{}-{attempt}", bill.as_str())
}

impl PaymentService {
    pub fn new(db: Db, clock: Arc<dyn Clock>, gateway: Arc<Gateway>, public_url: &str) -> Self {
        let receipts_url = format!("{}/payments/receipts/", public_url.trim_end_matches('/'));
        Self {
            db,
            clock,
            gateway,
            receipts_url,
        }
    }

    /// The mail telling the bill's client of `news`, in their language; none when the bill or
    /// its client is gone.
    pub(super) async fn mail_about(
        &self,
        bill: &BillId,
        news: PaymentNews,
    ) -> Result<Option<Mail>, PaymentError> {
        let Some((bill, client)) = db::bills::with_client(&self.db, bill)
            .await
            .map_err(unexpected)?
        else {
            return Ok(None);
        };
        let Some(to) = db::users::by_id(&self.db, &client)
            .await
            .map_err(unexpected)?
        else {
            return Ok(None);
        };
        let link = format!("{}{}", self.receipts_url, bill.id.as_str());
        Ok(Some(payment_mail(news, &bill, &to, &link)))
    }

    fn handoff(&self, client_secret: String) -> StripeHandoff {
        StripeHandoff {
            publishable_key: self.gateway.browser.publishable_key.clone(),
            js_url: self.gateway.browser.js_url.clone(),
            client_secret,
        }
    }

    async fn customer(&self, client: &UserId) -> Result<String, PaymentError> {
        match db::cards::customer_of(&self.db, client)
            .await
            .map_err(unexpected)?
        {
            Some(c) => Ok(c),
            None => self.new_customer(client, None).await,
        }
    }

    /// Makes the client's Stripe customer (once, whatever the retries), in place of `replacing`.
    async fn new_customer(
        &self,
        client: &UserId,
        replacing: Option<&str>,
    ) -> Result<String, PaymentError> {
        let me = db::users::by_id(&self.db, client)
            .await
            .map_err(unexpected)?
            .ok_or(PaymentError::NotFound)?;
        let customer = self
            .gateway
            .create_customer(client.as_str(), me.email.as_str(), replacing)
            .await?;
        db::cards::set_customer(&self.db, client, &customer)
            .await
            .map_err(unexpected)?;
        Ok(customer)
    }

    /// Keeps the client's card `payment_method` as Stripe describes it (once, however often).
    pub(super) async fn keep_card(
        &self,
        client: &UserId,
        payment_method: &str,
    ) -> Result<Card, PaymentError> {
        let card = self.gateway.card(payment_method).await?;
        let kept = db::cards::keep(
            &self.db,
            client,
            db::cards::NewCard {
                stripe_id: &card.stripe_id,
                brand: &card.brand,
                last4: &card.last4,
                exp_month: card.exp_month,
                exp_year: card.exp_year,
            },
            self.clock.now(),
        )
        .await
        .map_err(unexpected)?;
        tracing::info!("card saved");
        Ok(Card {
            expiry: kept.expiry_on(self.clock.now().date_naive()),
            ..kept
        })
    }

    /// Applies Stripe's word on attempt `attempt` of `bill` to the bill; what the bill is now.
    pub(super) async fn apply(
        &self,
        bill: &BillId,
        attempt: i64,
        intent: &IntentState,
    ) -> Result<Settled, PaymentError> {
        let outcome = match intent.status {
            IntentStatus::Succeeded => Settled::Paid,
            IntentStatus::Failed(_) => Settled::Reopened,
            IntentStatus::NeedsAction | IntentStatus::Processing | IntentStatus::Unconfirmed => {
                Settled::Pending
            }
        };
        let mail = match outcome {
            Settled::Paid => self.mail_about(bill, PaymentNews::Paid).await?,
            _ => None,
        };
        let now = self.clock.now();
        let settled = db::payments::settle(
            &self.db,
            bill,
            attempt,
            &intent.id,
            outcome,
            mail.clone(),
            now,
        )
        .await
        .map_err(unexpected)?;
        if settled || outcome != Settled::Paid {
            if settled && outcome == Settled::Paid {
                tracing::info!(bill = bill.as_str(), "bill paid");
            }
            return Ok(outcome);
        }
        // Stripe took a payment for an attempt the bill no longer waits on
        match db::payments::late_payment(&self.db, bill, &intent.id, mail, now)
            .await
            .map_err(unexpected)?
        {
            Late::Taken => {
                tracing::warn!(
                    bill = bill.as_str(),
                    "bill paid by a payment that came late"
                );
                Ok(Settled::Paid)
            }
            Late::Known => Ok(Settled::Paid),
            Late::Duplicate => {
                let key = format!("tandem-duplicate-{}", intent.id);
                self.gateway.refund(&key, &intent.id).await?;
                tracing::warn!(
                    bill = bill.as_str(),
                    "a second payment of a bill was given back"
                );
                Ok(Settled::GivenBack)
            }
        }
    }
}

#[async_trait]
impl Payments for PaymentService {
    async fn cards(&self, client: &UserId) -> Result<Vec<Card>, PaymentError> {
        let today = self.clock.now().date_naive();
        Ok(db::cards::list(&self.db, client)
            .await
            .map_err(unexpected)?
            .into_iter()
            .map(|c| Card {
                expiry: c.expiry_on(today),
                ..c
            })
            .collect())
    }

    async fn begin_card(&self, client: &UserId) -> Result<StripeHandoff, PaymentError> {
        let customer = self.customer(client).await?;
        let (_, secret) = match self.gateway.setup_intent(&customer).await {
            // the customer is gone at Stripe (deleted in its dashboard), and its cards with it:
            // they are forgotten here too, and the client starts afresh with a new customer
            Err(GatewayError::Missing(_)) => {
                tracing::warn!("a client's Stripe customer is gone; a new one is made");
                db::cards::forget_customer(&self.db, client, &customer)
                    .await
                    .map_err(unexpected)?;
                let customer = self.new_customer(client, Some(&customer)).await?;
                self.gateway.setup_intent(&customer).await?
            }
            other => other?,
        };
        Ok(self.handoff(secret))
    }

    #[tracing::instrument(skip_all)]
    async fn finish_card(&self, client: &UserId, setup_intent: &str) -> Result<Card, PaymentError> {
        if !setup_intent.starts_with("seti_") || setup_intent.len() > 255 {
            return Err(PaymentError::NotFound);
        }
        let customer = db::cards::customer_of(&self.db, client)
            .await
            .map_err(unexpected)?
            .ok_or(PaymentError::NotFound)?;
        let setup = match self.gateway.setup_state(setup_intent).await {
            Err(GatewayError::Refused(_) | GatewayError::Missing(_)) => {
                return Err(PaymentError::NotFound);
            }
            other => other?,
        };
        // someone else's SetupIntent is nobody's here
        if setup.customer.as_deref() != Some(customer.as_str()) {
            return Err(PaymentError::NotFound);
        }
        let pm = match (setup.succeeded, setup.payment_method) {
            (true, Some(pm)) => pm,
            _ => return Err(PaymentError::Declined("setup_intent_unconfirmed".into())),
        };
        self.keep_card(client, &pm).await
    }

    async fn make_default(&self, client: &UserId, card: &CardId) -> Result<(), PaymentError> {
        if db::cards::make_default(&self.db, client, card)
            .await
            .map_err(unexpected)?
        {
            Ok(())
        } else {
            Err(PaymentError::NotFound)
        }
    }

    async fn remove_card(&self, client: &UserId, card: &CardId) -> Result<(), PaymentError> {
        let stripe_id = db::cards::forget(&self.db, client, card)
            .await
            .map_err(unexpected)?
            .ok_or(PaymentError::NotFound)?;
        // forgotten here already: a detach that fails leaves a card at Stripe nobody can use
        if let Err(e) = self.gateway.detach(&stripe_id).await {
            tracing::warn!(error = %e, "card forgotten, but not detached at Stripe");
        }
        Ok(())
    }

    async fn forget_cards(&self, client: &UserId) -> Result<(), PaymentError> {
        for card in self.cards(client).await? {
            match self.remove_card(client, &card.id).await {
                // removed meanwhile (the same person leaving from two requests at once)
                Ok(()) | Err(PaymentError::NotFound) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }

    #[tracing::instrument(skip_all, fields(bill = bill.as_str()))]
    async fn pay(
        &self,
        client: &UserId,
        bill: &BillId,
        card: Option<&CardId>,
    ) -> Result<PayOutcome, PaymentError> {
        let found = db::payments::payable(&self.db, client, bill)
            .await
            .map_err(unexpected)?
            .ok_or(PaymentError::NotFound)?;
        match found.bill.status {
            BillStatus::Processing => {
                // a reload while the bank asks the client to confirm: ask them again
                if let Some(pi) = &found.payment_intent {
                    let intent = self.gateway.intent(pi).await?;
                    if intent.status == IntentStatus::NeedsAction
                        && let Some(secret) = intent.client_secret
                    {
                        return Ok(PayOutcome::NeedsConfirmation(self.handoff(secret)));
                    }
                }
                return Err(PaymentError::UnderWay);
            }
            s if !s.is_due() => return Err(PaymentError::NotDue),
            _ => {}
        }
        let (_, payment_method) = match card {
            Some(card) => db::cards::find(&self.db, client, card).await,
            None => db::cards::default_of(&self.db, client).await,
        }
        .map_err(unexpected)?
        .ok_or(if card.is_some() {
            PaymentError::NotFound
        } else {
            PaymentError::NoCard
        })?;
        let customer = db::cards::customer_of(&self.db, client)
            .await
            .map_err(unexpected)?
            .ok_or(PaymentError::NoCard)?;

        let attempt = found.attempt + 1;
        let key = attempt_key(bill, attempt);
        let claimed = db::payments::claim(
            &self.db,
            Attempt {
                bill,
                after: found.attempt,
                key: &key,
                payment_method: &payment_method,
                customer: &customer,
                now: self.clock.now(),
            },
        )
        .await
        .map_err(unexpected)?;
        if !claimed {
            return Err(PaymentError::UnderWay);
        }
        let charged = self
            .gateway
            .charge(&Charge {
                key: &key,
                amount: found.bill.amount,
                customer: &customer,
                payment_method: &payment_method,
                bill: bill.as_str(),
                attempt,
            })
            .await;
        let intent = match charged {
            Ok(intent) => intent,
            Err(GatewayError::Declined(code)) => {
                db::payments::abandon(&self.db, bill, attempt, self.clock.now())
                    .await
                    .map_err(unexpected)?;
                return Err(PaymentError::Declined(code));
            }
            // the customer is gone at Stripe: so are its cards here, and one is to add
            Err(GatewayError::Missing(what)) if what.contains("customer") => {
                db::payments::abandon(&self.db, bill, attempt, self.clock.now())
                    .await
                    .map_err(unexpected)?;
                tracing::warn!("a client's Stripe customer or card is gone");
                db::cards::forget_customer(&self.db, client, &customer)
                    .await
                    .map_err(unexpected)?;
                return Err(PaymentError::NoCard);
            }
            // the card is gone at Stripe (removed in its dashboard): another is needed
            Err(GatewayError::Missing(_)) => {
                db::payments::abandon(&self.db, bill, attempt, self.clock.now())
                    .await
                    .map_err(unexpected)?;
                return Err(PaymentError::Declined("card_missing".into()));
            }
            // never reached Stripe, or refused by it: nothing was charged, the bill is to pay
            Err(e @ (GatewayError::NotSent(_) | GatewayError::Refused(_))) => {
                db::payments::abandon(&self.db, bill, attempt, self.clock.now())
                    .await
                    .map_err(unexpected)?;
                return Err(e.into());
            }
            // it may have reached Stripe: Stripe is asked whether the attempt took effect
            Err(e @ (GatewayError::Unavailable(_) | GatewayError::Failed(_))) => {
                match self
                    .gateway
                    .find_attempt(&customer, bill.as_str(), attempt)
                    .await
                {
                    Ok(Some(intent)) => intent,
                    // Stripe answered, so it is done with the request, and made nothing of it:
                    // nothing was charged, the bill is to pay as before
                    Ok(None) if matches!(e, GatewayError::Failed(_)) => {
                        db::payments::abandon(&self.db, bill, attempt, self.clock.now())
                            .await
                            .map_err(unexpected)?;
                        return Err(e.into());
                    }
                    // no answer: the request may still be under way at Stripe, so the bill stays
                    // "processing" until the reconciler asks again, once it surely is over
                    _ => return Err(e.into()),
                }
            }
        };
        match (self.apply(bill, attempt, &intent).await?, intent.status) {
            (Settled::Paid, _) => Ok(PayOutcome::Paid),
            (Settled::GivenBack, _) => Err(PaymentError::NotDue),
            (Settled::Reopened, IntentStatus::Failed(code)) => Err(PaymentError::Declined(
                code.unwrap_or_else(|| "card_declined".into()),
            )),
            (_, IntentStatus::NeedsAction) => match intent.client_secret {
                Some(secret) => Ok(PayOutcome::NeedsConfirmation(self.handoff(secret))),
                None => Ok(PayOutcome::Processing),
            },
            _ => Ok(PayOutcome::Processing),
        }
    }

    #[tracing::instrument(skip_all, fields(bill = bill.as_str()))]
    async fn settle(&self, client: &UserId, bill: &BillId) -> Result<BillStatus, PaymentError> {
        let found = db::payments::payable(&self.db, client, bill)
            .await
            .map_err(unexpected)?
            .ok_or(PaymentError::NotFound)?;
        let (BillStatus::Processing, Some(pi)) = (found.bill.status, &found.payment_intent) else {
            return Ok(found.bill.status);
        };
        let intent = self.gateway.intent(pi).await?;
        Ok(match self.apply(bill, found.attempt, &intent).await? {
            Settled::Paid => BillStatus::Paid,
            Settled::Reopened => BillStatus::Open,
            Settled::Pending => BillStatus::Processing,
            Settled::GivenBack => db::payments::payable(&self.db, client, bill)
                .await
                .map_err(unexpected)?
                .map_or(BillStatus::Paid, |p| p.bill.status),
        })
    }
}
