//! Prices: integer minor units and an ISO 4217 currency, never floating point.

use super::Language;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Currency {
    Isk,
    Eur,
    Usd,
    Gbp,
    Dkk,
    Nok,
    Sek,
}

impl Currency {
    pub const ALL: [Currency; 7] = [
        Currency::Isk,
        Currency::Eur,
        Currency::Usd,
        Currency::Gbp,
        Currency::Dkk,
        Currency::Nok,
        Currency::Sek,
    ];

    /// The ISO 4217 code.
    pub fn code(self) -> &'static str {
        match self {
            Currency::Isk => "ISK",
            Currency::Eur => "EUR",
            Currency::Usd => "USD",
            Currency::Gbp => "GBP",
            Currency::Dkk => "DKK",
            Currency::Nok => "NOK",
            Currency::Sek => "SEK",
        }
    }

    pub fn parse(code: &str) -> Result<Self, MoneyError> {
        Self::ALL
            .into_iter()
            .find(|c| c.code().eq_ignore_ascii_case(code.trim()))
            .ok_or(MoneyError::UnknownCurrency)
    }

    /// `minor` units of this currency as a person reading `language` expects them (see
    /// `Money::format`); for totals, which may pass the largest single price.
    pub fn format_amount(self, minor: i64, language: Language) -> String {
        let digits = self.minor_digits();
        let scale = 10_i64.pow(digits);
        let (group, point) = match language {
            Language::En => (',', '.'),
            Language::Is => ('.', ','),
        };
        let mut major = (minor / scale).to_string();
        let mut grouped = String::new();
        while major.len() > 3 {
            let tail = major.split_off(major.len() - 3);
            grouped = format!("{group}{tail}{grouped}");
        }
        let mut number = format!("{major}{grouped}");
        if digits > 0 {
            number.push(point);
            number.push_str(&format!(
                "{:0width$}",
                minor % scale,
                width = digits as usize
            ));
        }
        match (language, self) {
            (Language::En, Currency::Eur) => format!("€{number}"),
            (Language::En, Currency::Usd) => format!("${number}"),
            (Language::En, Currency::Gbp) => format!("£{number}"),
            (Language::En, c) => format!("{} {number}", c.code()),
            (Language::Is, Currency::Isk) => format!("{number} kr."),
            (Language::Is, Currency::Eur) => format!("{number} €"),
            (Language::Is, c) => format!("{number} {}", c.code()),
        }
    }

    /// Digits after the decimal point: the króna has none in practice.
    pub fn minor_digits(self) -> u32 {
        match self {
            Currency::Isk => 0,
            _ => 2,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("amount is empty")]
    Empty,
    #[error("amount is not a number")]
    Malformed,
    #[error("amount has more decimals than the currency")]
    TooPrecise,
    /// `0,500` or `0.050`: a leading zero group makes the separator a decimal point or a
    /// thousands separator, and either reading is a real price.
    #[error("amount can be read two ways")]
    Ambiguous,
    #[error("amount is over the maximum")]
    TooLarge,
    #[error("unknown currency")]
    UnknownCurrency,
}

/// An amount of money, at most 10 000 000 major units (well above any session's price).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Money {
    minor: i64,
    currency: Currency,
}

impl Money {
    const MAX_MAJOR: i64 = 10_000_000;

    pub fn from_minor(minor: i64, currency: Currency) -> Result<Self, MoneyError> {
        let max = Self::MAX_MAJOR * 10_i64.pow(currency.minor_digits());
        if !(0..=max).contains(&minor) {
            return Err(MoneyError::TooLarge);
        }
        Ok(Self { minor, currency })
    }

    pub fn minor(self) -> i64 {
        self.minor
    }

    /// The amount as typed in a form: `80`, `80.50`, `12500`; `parse` reads it back.
    pub fn plain(self) -> String {
        let digits = self.currency().minor_digits();
        let unit = 10_i64.pow(digits);
        let (whole, part) = (self.minor() / unit, self.minor() % unit);
        if part == 0 {
            whole.to_string()
        } else {
            format!("{whole}.{part:0width$}", width = digits as usize)
        }
    }

    pub fn currency(self) -> Currency {
        self.currency
    }

    /// The amount as Stripe's API takes it: in the currency's smallest unit as Stripe counts it.
    /// Stripe keeps the króna a two-decimal currency for compatibility (an amount of `100` is one
    /// króna) while accepting only whole krónur, so ours, which has no decimals, is multiplied by
    /// 100. The other six are two-decimal on both sides.
    pub fn stripe_amount(self) -> i64 {
        match self.currency {
            Currency::Isk => self.minor * 100,
            Currency::Eur
            | Currency::Usd
            | Currency::Gbp
            | Currency::Dkk
            | Currency::Nok
            | Currency::Sek => self.minor,
        }
    }

    /// The lower-case ISO code Stripe's API takes.
    pub fn stripe_currency(self) -> String {
        self.currency.code().to_ascii_lowercase()
    }

    /// An amount as people type it: `12500`, `12 500`, `12.500` or `12,500` krónur; `95.50`,
    /// `95,50` or `1,095.50` euros. The last `.` or `,` is the decimal point when one or two digits
    /// follow it and the currency has decimals; every other `.`, `,` and space groups thousands.
    pub fn parse(raw: &str, currency: Currency) -> Result<Self, MoneyError> {
        let s: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
        if s.is_empty() {
            return Err(MoneyError::Empty);
        }
        if !s
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        {
            return Err(MoneyError::Malformed);
        }
        let digits = currency.minor_digits() as usize;
        let (whole, fraction) = match s.rfind(['.', ',']) {
            Some(i) if digits > 0 && (1..=2).contains(&(s.len() - i - 1)) => (&s[..i], &s[i + 1..]),
            Some(i) if s.len() - i - 1 != 3 => {
                // "12.5" in krónur, or "1,2345": not grouping, not a price we can take
                return Err(if digits == 0 && s.len() - i - 1 < 3 {
                    MoneyError::TooPrecise
                } else {
                    MoneyError::Malformed
                });
            }
            _ => (s.as_str(), ""),
        };
        check_grouping(whole)?;
        let whole: String = whole.chars().filter(char::is_ascii_digit).collect();
        if whole.is_empty() && fraction.is_empty() {
            return Err(MoneyError::Malformed);
        }
        if whole.len() > 12 {
            return Err(MoneyError::TooLarge);
        }
        let major: i64 = if whole.is_empty() {
            0
        } else {
            whole.parse().map_err(|_| MoneyError::Malformed)?
        };
        let mut fraction = fraction.to_owned();
        while fraction.len() < digits {
            fraction.push('0');
        }
        let minor_part: i64 = if fraction.is_empty() {
            0
        } else {
            fraction.parse().map_err(|_| MoneyError::Malformed)?
        };
        let scale = 10_i64.pow(digits as u32);
        Self::from_minor(major * scale + minor_part, currency)
    }

    /// As a person reading `language` expects it: `ISK 12,500` or `12.500 kr.`, `€95.50` or `95,50 €`.
    pub fn format(self, language: Language) -> String {
        self.currency.format_amount(self.minor, language)
    }
}

/// The whole part's thousands groups: a first group of one to three digits that is not zero
/// (a zero there makes the separator readable as a decimal point), then groups of exactly three.
fn check_grouping(whole: &str) -> Result<(), MoneyError> {
    let mut groups = whole.split(['.', ',']);
    let first = groups.next().unwrap_or_default();
    let mut rest = groups.peekable();
    if rest.peek().is_none() {
        return Ok(());
    }
    if !rest.all(|g| g.len() == 3) || first.is_empty() || first.len() > 3 {
        return Err(MoneyError::Malformed);
    }
    if first.starts_with('0') {
        return Err(MoneyError::Ambiguous);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{Currency, Money};

    fn stripe(major: &str, currency: Currency) -> (i64, String) {
        let m = Money::parse(major, currency).unwrap();
        (m.stripe_amount(), m.stripe_currency())
    }

    #[test]
    fn amounts_are_written_back_as_typed() {
        for (raw, currency, plain) in [
            ("12500", Currency::Isk, "12500"),
            ("80", Currency::Eur, "80"),
            ("80.5", Currency::Eur, "80.50"),
            ("80.05", Currency::Gbp, "80.05"),
        ] {
            let m = Money::parse(raw, currency).unwrap();
            assert_eq!(m.plain(), plain);
            assert_eq!(Money::parse(&m.plain(), currency), Ok(m));
        }
    }

    #[test]
    fn krona_goes_to_stripe_in_hundredths_of_whole_kronur() {
        assert_eq!(stripe("12500", Currency::Isk), (1_250_000, "isk".into()));
        assert_eq!(stripe("1", Currency::Isk), (100, "isk".into()));
    }

    #[test]
    fn euro_goes_to_stripe_in_cents() {
        assert_eq!(stripe("95.50", Currency::Eur), (9_550, "eur".into()));
    }

    #[test]
    fn dollar_goes_to_stripe_in_cents() {
        assert_eq!(stripe("120", Currency::Usd), (12_000, "usd".into()));
    }

    #[test]
    fn pound_goes_to_stripe_in_pence() {
        assert_eq!(stripe("80.05", Currency::Gbp), (8_005, "gbp".into()));
    }

    #[test]
    fn danish_krone_goes_to_stripe_in_ore() {
        assert_eq!(stripe("750", Currency::Dkk), (75_000, "dkk".into()));
    }

    #[test]
    fn norwegian_krone_goes_to_stripe_in_ore() {
        assert_eq!(stripe("990.90", Currency::Nok), (99_090, "nok".into()));
    }

    #[test]
    fn swedish_krona_goes_to_stripe_in_ore() {
        assert_eq!(stripe("1 100,00", Currency::Sek), (110_000, "sek".into()));
    }

    use super::*;

    fn isk(s: &str) -> Result<i64, MoneyError> {
        Money::parse(s, Currency::Isk).map(Money::minor)
    }
    fn eur(s: &str) -> Result<i64, MoneyError> {
        Money::parse(s, Currency::Eur).map(Money::minor)
    }

    #[test]
    fn kronur_have_no_decimals_and_any_grouping() {
        for s in ["12500", "12 500", "12.500", "12,500"] {
            assert_eq!(isk(s), Ok(12_500), "{s}");
        }
        assert_eq!(isk("12.5"), Err(MoneyError::TooPrecise));
        assert_eq!(isk("0"), Ok(0));
    }

    #[test]
    fn euros_take_a_decimal_point_or_comma() {
        assert_eq!(eur("95"), Ok(9_500));
        assert_eq!(eur("95.5"), Ok(9_550));
        assert_eq!(eur("95,50"), Ok(9_550));
        assert_eq!(eur("1,095.50"), Ok(109_550));
        assert_eq!(eur("1.095,50"), Ok(109_550));
        assert_eq!(eur("1,095"), Ok(109_500));
        assert_eq!(eur("9.999"), Ok(999_900));
    }

    #[test]
    fn a_leading_zero_group_is_refused_as_ambiguous() {
        // each reads as a small price with a decimal point or a large one with grouping
        for s in ["0,500", "0.050", "0.001", "00.500"] {
            assert_eq!(eur(s), Err(MoneyError::Ambiguous), "{s}");
        }
        assert_eq!(isk("0.500"), Err(MoneyError::Ambiguous));
        // unambiguous forms with a zero still work
        assert_eq!(eur("0.50"), Ok(50));
        assert_eq!(eur("0,05"), Ok(5));
        assert_eq!(eur("0"), Ok(0));
        assert_eq!(isk("500"), Ok(500));
    }

    #[test]
    fn groups_must_be_thousands() {
        assert_eq!(eur("1,2,345"), Err(MoneyError::Malformed));
        assert_eq!(eur("1234,567"), Err(MoneyError::Malformed));
        assert_eq!(eur(",500"), Err(MoneyError::Malformed));
        assert_eq!(eur("1,234,567.89"), Ok(123_456_789));
        assert_eq!(isk("1.234.567"), Ok(1_234_567));
    }

    #[test]
    fn nonsense_is_refused() {
        assert_eq!(eur(""), Err(MoneyError::Empty));
        assert_eq!(eur("  "), Err(MoneyError::Empty));
        assert_eq!(eur("-5"), Err(MoneyError::Malformed));
        assert_eq!(eur("5e3"), Err(MoneyError::Malformed));
        assert_eq!(eur("1.2345"), Err(MoneyError::Malformed));
        assert_eq!(eur("."), Err(MoneyError::Malformed));
        assert_eq!(eur("99999999999999"), Err(MoneyError::TooLarge));
        assert_eq!(isk("10000001"), Err(MoneyError::TooLarge));
        assert_eq!(Currency::parse("XYZ"), Err(MoneyError::UnknownCurrency));
    }

    #[test]
    fn formatting_follows_the_reader() {
        let price = Money::from_minor(12_500, Currency::Isk).unwrap();
        assert_eq!(price.format(Language::En), "ISK 12,500");
        assert_eq!(price.format(Language::Is), "12.500 kr.");
        let price = Money::from_minor(109_550, Currency::Eur).unwrap();
        assert_eq!(price.format(Language::En), "€1,095.50");
        assert_eq!(price.format(Language::Is), "1.095,50 €");
        let price = Money::from_minor(5, Currency::Usd).unwrap();
        assert_eq!(price.format(Language::En), "$0.05");
    }
}
