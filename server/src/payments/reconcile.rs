//! Settling bills from Stripe's side: a webhook's PaymentIntent, and a periodic pass over bills
//! left "processing" (a lost webhook, a crash between Stripe's answer and our write) and over
//! refunds due. Stripe is asked, never trusted from a payload: the event only says whom to ask.

use super::gateway::{GatewayError, IntentStatus, TIMEOUT};
use super::service::PaymentService;
use crate::db;
use crate::db::payments::Settled;
use crate::mail::payment_mail::PaymentNews;
use app::domain::BillId;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;
use tokio::task::JoinHandle;

/// A payment under way less than this is left to the request that started it, which has surely
/// ended by then (it gives up on Stripe after `TIMEOUT`).
const GRACE: chrono::TimeDelta = chrono::TimeDelta::seconds(30);
const _: () = assert!(GRACE.num_seconds() > TIMEOUT.as_secs() as i64);
/// A client asked to confirm with their bank who has not done so in this long has gone: the
/// attempt is cancelled and the bill is due again.
const ABANDONED: chrono::TimeDelta = chrono::TimeDelta::hours(1);
/// Bills looked at per pass.
const BATCH: u32 = 50;

impl PaymentService {
    /// Settles the bill a PaymentIntent is for, from what Stripe says of it now.
    pub async fn reconcile_intent(&self, payment_intent: &str) -> Result<(), GatewayError> {
        let intent = self.gateway.intent(payment_intent).await?;
        let (Some(bill), Some(attempt)) = (
            intent
                .metadata
                .get("tandem_bill")
                .and_then(|b| BillId::parse(b)),
            intent
                .metadata
                .get("tandem_attempt")
                .and_then(|a| a.parse::<i64>().ok()),
        ) else {
            return Ok(()); // not one of ours
        };
        match self.apply(&bill, attempt, &intent).await {
            Ok(_) => Ok(()),
            // e.g. a second payment not given back yet: Stripe delivers the event again
            Err(app::ports::PaymentError::Unavailable(cause)) => {
                Err(GatewayError::Unavailable(cause.to_string()))
            }
            Err(e) => {
                tracing::error!(error = %e, "a payment could not be settled");
                Ok(())
            }
        }
    }

    /// Keeps the card of a SetupIntent Stripe says succeeded, for the client whose customer it
    /// is: the browser may have closed before it told us.
    pub async fn reconcile_setup(&self, setup_intent: &str) -> Result<(), GatewayError> {
        let setup = self.gateway.setup_state(setup_intent).await?;
        let (true, Some(customer), Some(pm)) =
            (setup.succeeded, setup.customer, setup.payment_method)
        else {
            return Ok(());
        };
        match db::cards::owner_of_customer(&self.db, &customer).await {
            Ok(Some(client)) => {
                if let Err(e) = self.keep_card(&client, &pm).await {
                    tracing::error!(error = %e, "a card could not be kept");
                }
            }
            Ok(None) => {} // not one of ours
            Err(e) => tracing::error!(error = %e, "a card's owner could not be read"),
        }
        Ok(())
    }

    /// A refund made anywhere (our own, or in Stripe's dashboard): once all of the bill's
    /// payment is given back, the bill is refunded and the client told.
    pub async fn reconcile_refund(&self, payment_intent: &str) -> Result<(), GatewayError> {
        let bill = match db::payments::paid_by(&self.db, payment_intent).await {
            Ok(Some(bill)) => bill,
            Ok(None) => return Ok(()), // not ours, or refunded already
            Err(e) => {
                tracing::error!(error = %e, "a refunded payment's bill could not be read");
                return Ok(());
            }
        };
        let (bill, amount) = bill;
        if self.gateway.refunded_amount(payment_intent).await? >= amount.stripe_amount() {
            match self.note_refund(&bill).await {
                Ok(()) => tracing::info!(bill = bill.as_str(), "refunded at Stripe"),
                Err(e) => tracing::error!(error = %e, "a refund could not be noted"),
            }
        }
        Ok(())
    }

    /// One pass: payments under way for a while, then refunds due. Returns how many bills it
    /// looked at.
    pub async fn reconcile(&self) -> usize {
        let now = self.clock.now();
        let mut seen = 0;
        match db::payments::under_way_since(&self.db, now - GRACE, BATCH).await {
            Ok(bills) => {
                for u in bills {
                    seen += 1;
                    // a known PaymentIntent is asked about; an unknown one is looked for: the
                    // request that started it is over by now (GRACE), so not found is not made
                    let asked = match &u.payment_intent {
                        Some(pi) => self.gateway.intent(pi).await.map(Some),
                        None => {
                            self.gateway
                                .find_attempt(&u.customer, u.bill.as_str(), u.attempt)
                                .await
                        }
                    };
                    let intent = match asked {
                        Ok(Some(intent)) => intent,
                        Ok(None) => {
                            match db::payments::abandon(&self.db, &u.bill, u.attempt, now).await {
                                Ok(()) => tracing::info!(
                                    bill = u.bill.as_str(),
                                    "reconciled: never reached Stripe, due again"
                                ),
                                Err(e) => tracing::error!(error = %e, "an attempt not let go"),
                            }
                            continue;
                        }
                        Err(e) => {
                            tracing::warn!(bill = u.bill.as_str(), error = %e, "payment not settled yet");
                            continue;
                        }
                    };
                    let intent = if intent.status == IntentStatus::NeedsAction
                        && now - u.since > ABANDONED
                    {
                        match self.gateway.cancel(&intent.id).await {
                            Ok(cancelled) => cancelled,
                            Err(e) => {
                                tracing::warn!(error = %e, "an abandoned payment not cancelled yet");
                                continue;
                            }
                        }
                    } else {
                        intent
                    };
                    match self.apply(&u.bill, u.attempt, &intent).await {
                        Ok(Settled::Paid) => {
                            tracing::info!(bill = u.bill.as_str(), "reconciled: paid")
                        }
                        Ok(Settled::Reopened) => {
                            tracing::info!(bill = u.bill.as_str(), "reconciled: due again")
                        }
                        Ok(Settled::Pending) => {}
                        Ok(Settled::GivenBack) => {
                            tracing::info!(bill = u.bill.as_str(), "reconciled: given back")
                        }
                        Err(e) => tracing::error!(error = %e, "a payment could not be settled"),
                    }
                }
            }
            Err(e) => tracing::error!(error = %e, "payments under way could not be read"),
        }
        match db::payments::refunds_due(&self.db, BATCH).await {
            Ok(due) => {
                for (bill, pi) in due {
                    seen += 1;
                    let key = format!("tandem-refund-{}", bill.as_str());
                    match self.gateway.refund(&key, &pi).await {
                        Ok(()) => match self.note_refund(&bill).await {
                            Ok(()) => tracing::info!(bill = bill.as_str(), "refunded"),
                            Err(e) => tracing::error!(error = %e, "a refund could not be noted"),
                        },
                        Err(e) => {
                            tracing::warn!(bill = bill.as_str(), error = %e, "refund not made yet")
                        }
                    }
                }
            }
            Err(e) => tracing::error!(error = %e, "refunds due could not be read"),
        }
        seen
    }
}

impl PaymentService {
    async fn note_refund(&self, bill: &BillId) -> Result<(), app::ports::PaymentError> {
        let mail = self.mail_about(bill, PaymentNews::Refunded).await?;
        db::payments::refunded(&self.db, bill, mail, self.clock.now())
            .await
            .map_err(|e| app::ports::PaymentError::Unexpected(e.into()))
    }
}

/// Runs `reconcile` every `poll`, counting passes (tests wait on them).
pub fn spawn(
    service: Arc<PaymentService>,
    poll: Duration,
    passes: Arc<AtomicU64>,
) -> JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(poll);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            service.reconcile().await;
            passes.fetch_add(1, Ordering::Relaxed);
        }
    })
}
