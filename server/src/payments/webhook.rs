//! `POST /stripe/webhook`: Stripe's events. Outside the CSRF guard (Stripe sends no Origin); what
//! guards it is the `Stripe-Signature` header, an HMAC-SHA256 of the raw body under our webhook
//! secret, with a timestamp no older than five minutes. A bad signature gets 400 and changes
//! nothing. Each event id is noted once, so a redelivered event is acknowledged and ignored.
//! `payment_intent.*` settles the bill it is for; `setup_intent.succeeded` keeps the card it
//! saved (if the browser closed before telling us); `charge.refunded` marks a bill refunded once
//! all of it is given back (a refund made in Stripe's dashboard). Stripe is asked about the object named, never
//! believed from the payload.

use super::service::PaymentService;
use crate::clock::Clock;
use crate::db::{self, Db};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use hmac::{Hmac, Mac};
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use sha2::Sha256;
use std::sync::Arc;

/// How far a signature's timestamp may be from our wall clock (Stripe's own libraries' default).
const TOLERANCE_SECS: i64 = 300;

#[derive(Clone)]
pub struct WebhookState {
    pub service: Arc<PaymentService>,
    pub secret: SecretString,
    pub db: Db,
    pub clock: Arc<dyn Clock>,
}

#[derive(Deserialize)]
struct Event {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    data: EventData,
}

#[derive(Deserialize)]
struct EventData {
    object: EventObject,
}

#[derive(Deserialize)]
struct EventObject {
    id: String,
    /// A charge's PaymentIntent.
    payment_intent: Option<String>,
}

/// Whether `header` (`t=<unix>,v1=<hex>[,v1=<hex>...]`) signs `body` under `secret`, at a time
/// within the tolerance of `now_unix`.
pub fn signature_valid(header: &str, body: &[u8], secret: &str, now_unix: i64) -> bool {
    let mut timestamp = None;
    let mut signatures = Vec::new();
    for part in header.split(',') {
        match part.trim().split_once('=') {
            Some(("t", t)) => timestamp = t.parse::<i64>().ok(),
            Some(("v1", s)) => signatures.extend(hex::decode(s).ok()),
            _ => {}
        }
    }
    let Some(t) = timestamp else { return false };
    if (now_unix - t).abs() > TOLERANCE_SECS {
        return false;
    }
    signatures.iter().any(|sig| {
        let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret.as_bytes()) else {
            return false;
        };
        mac.update(t.to_string().as_bytes());
        mac.update(b".");
        mac.update(body);
        // constant time
        mac.verify_slice(sig).is_ok()
    })
}

pub async fn receive(State(s): State<WebhookState>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let header = headers
        .get("stripe-signature")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    // freshness is about the sender's wall clock, not the booking clock
    let now_unix = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or_default();
    if !signature_valid(header, &body, s.secret.expose_secret(), now_unix) {
        tracing::warn!("stripe webhook with a bad signature refused");
        return StatusCode::BAD_REQUEST;
    }
    let Ok(event) = serde_json::from_slice::<Event>(&body) else {
        return StatusCode::BAD_REQUEST;
    };
    match db::payments::first_delivery(&s.db, &event.id, &event.kind, s.clock.now()).await {
        Ok(true) => {}
        Ok(false) => return StatusCode::OK, // handled before
        Err(e) => {
            tracing::error!(error = %e, "stripe event could not be noted");
            return StatusCode::INTERNAL_SERVER_ERROR;
        }
    }
    let handled = if event.kind.starts_with("payment_intent.") {
        s.service.reconcile_intent(&event.data.object.id).await
    } else if event.kind == "setup_intent.succeeded" {
        s.service.reconcile_setup(&event.data.object.id).await
    } else if event.kind == "charge.refunded"
        && let Some(pi) = &event.data.object.payment_intent
    {
        s.service.reconcile_refund(pi).await
    } else {
        Ok(())
    };
    if let Err(e) = handled {
        // forget it, so Stripe's redelivery is handled; the reconciler would settle it anyway
        let _ = db::payments::forget_delivery(&s.db, &event.id).await;
        tracing::warn!(error = %e, "stripe event not handled yet");
        return StatusCode::SERVICE_UNAVAILABLE;
    }
    tracing::info!(kind = event.kind, "stripe event handled");
    StatusCode::OK
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sign(secret: &str, t: i64, body: &[u8]) -> String {
        let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
        mac.update(format!("{t}.").as_bytes());
        mac.update(body);
        format!("t={t},v1={}", hex::encode(mac.finalize().into_bytes()))
    }

    #[test]
    fn only_a_fresh_signature_of_this_body_under_our_secret_passes() {
        let body = br#"{"id":"evt_1"}"#;
        let now = 1_900_000_000;
        assert!(signature_valid(
            &sign("whsec_a", now, body),
            body,
            "whsec_a",
            now
        ));
        // another secret, another body, stale, from the future, garbled, missing
        assert!(!signature_valid(
            &sign("whsec_b", now, body),
            body,
            "whsec_a",
            now
        ));
        assert!(!signature_valid(
            &sign("whsec_a", now, body),
            b"{}",
            "whsec_a",
            now
        ));
        assert!(!signature_valid(
            &sign("whsec_a", now - 301, body),
            body,
            "whsec_a",
            now
        ));
        assert!(!signature_valid(
            &sign("whsec_a", now + 301, body),
            body,
            "whsec_a",
            now
        ));
        assert!(!signature_valid("t=1900000000,v1=zz", body, "whsec_a", now));
        assert!(!signature_valid("", body, "whsec_a", now));
        // a second signature (a secret being rolled) may be the good one
        let two = format!("{},v1=00ff", sign("whsec_a", now, body));
        assert!(signature_valid(&two, body, "whsec_a", now));
    }
}
