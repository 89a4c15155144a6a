//! A client's saved card, as we keep it: Stripe's id for it, its brand, last four digits and
//! expiry. The number itself only ever goes from the browser to Stripe, never through us.

use super::CardId;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Card {
    pub id: CardId,
    /// As Stripe names it: `visa`, `mastercard`, `amex` ...
    pub brand: String,
    pub last4: String,
    pub exp_month: u32,
    pub exp_year: i32,
    /// The one "Pay" uses unless another is chosen.
    pub is_default: bool,
    /// As of the server's today.
    pub expiry: CardExpiry,
}

/// Whether a card can still pay, on a given day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CardExpiry {
    Valid,
    /// Valid to the end of this month.
    ThisMonth,
    Expired,
}

impl Card {
    /// `04/2031`.
    pub fn expiry_text(&self) -> String {
        format!("{:02}/{}", self.exp_month, self.exp_year)
    }

    /// `Visa`, `Mastercard`, `American Express`; an unknown brand as Stripe spells it.
    pub fn brand_name(&self) -> String {
        match self.brand.as_str() {
            "visa" => "Visa".into(),
            "mastercard" => "Mastercard".into(),
            "amex" => "American Express".into(),
            "discover" => "Discover".into(),
            "diners" => "Diners Club".into(),
            "jcb" => "JCB".into(),
            "unionpay" => "UnionPay".into(),
            other => other.to_owned(),
        }
    }

    /// A card is good through the last day of its expiry month.
    pub fn expiry_on(&self, today: NaiveDate) -> CardExpiry {
        let now = (today.year(), today.month());
        let exp = (self.exp_year, self.exp_month);
        if exp < now {
            CardExpiry::Expired
        } else if exp == now {
            CardExpiry::ThisMonth
        } else {
            CardExpiry::Valid
        }
    }
}

/// What the browser needs to hand a card to Stripe.js: the publishable key, where Stripe.js is
/// served from, and the secret of one SetupIntent or PaymentIntent (good for that one only).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StripeHandoff {
    pub publishable_key: String,
    pub js_url: String,
    pub client_secret: String,
}

/// How "Pay" ended.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PayOutcome {
    /// The bill is paid.
    Paid,
    /// The card's bank wants the client to confirm (3-D Secure): Stripe.js asks them, then the
    /// bill is settled.
    NeedsConfirmation(StripeHandoff),
    /// The bank has not answered yet; the bill shows it until it does.
    Processing,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(month: u32, year: i32) -> Card {
        Card {
            id: CardId::new("c1"),
            brand: "visa".into(),
            last4: "4242".into(),
            exp_month: month,
            exp_year: year,
            is_default: true,
            expiry: CardExpiry::Valid,
        }
    }

    #[test]
    fn a_card_is_good_to_the_end_of_its_expiry_month() {
        let day = NaiveDate::from_ymd_opt(2031, 4, 30).unwrap();
        assert_eq!(card(4, 2031).expiry_on(day), CardExpiry::ThisMonth);
        assert_eq!(card(3, 2031).expiry_on(day), CardExpiry::Expired);
        assert_eq!(card(12, 2030).expiry_on(day), CardExpiry::Expired);
        assert_eq!(card(5, 2031).expiry_on(day), CardExpiry::Valid);
        assert_eq!(card(1, 2032).expiry_on(day), CardExpiry::Valid);
        assert_eq!(card(4, 2031).expiry_text(), "04/2031");
    }
}
