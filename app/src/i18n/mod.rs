//! Every word the interface shows, in each language we speak.
//!
//! One `Texts` per language, checked by the compiler: a missing translation does not build. Values
//! with `{placeholders}` are filled in with [`fill`]. Errors travel between server and browser as
//! typed values ([`Problem`], [`ApiError`], [`PictureError`]) and are worded here, in the reader's
//! language, at the moment they are shown.

pub mod dates;
mod en;
mod is;

use crate::domain::{
    ApiError, BillStatus, DisplayNameError, EmailError, Language, MeetingType, Money, MoneyError,
    PasswordError, PictureError, Problem, ProfileError, Refusal, ServiceError, ServiceLength,
    TimezoneError, WhenError,
};

/// The strings of one language. Field names say where they are used.
pub struct Texts {
    pub skip_link: &'static str,
    pub loading: &'static str,
    pub nav_label: &'static str,
    pub nav_home: &'static str,
    pub nav_payments: &'static str,
    pub account_menu: &'static str,
    pub menu_profile: &'static str,
    pub log_out: &'static str,
    pub idle_warning_title: &'static str,
    pub idle_warning: &'static str,
    pub stay_logged_in: &'static str,
    pub logged_out_idle: &'static str,
    pub language_picker: &'static str,
    pub not_found_title: &'static str,
    pub not_found_body: &'static str,
    pub not_found_link: &'static str,
    pub email: &'static str,
    pub password: &'static str,
    pub full_name: &'static str,
    pub new_password: &'static str,
    pub current_password: &'static str,
    pub login_title: &'static str,
    pub forgot_password_link: &'static str,
    pub logging_in: &'static str,
    pub log_in: &'static str,
    pub new_here: &'static str,
    pub create_account_link: &'static str,
    pub signup_title: &'static str,
    pub signup_lede: &'static str,
    pub log_in_instead: &'static str,
    pub log_in_instead_rest: &'static str,
    pub signup_password_hint: &'static str,
    pub accept_terms: &'static str,
    pub terms_link: &'static str,
    pub creating_account: &'static str,
    pub create_account: &'static str,
    pub have_account: &'static str,
    pub forgot_title: &'static str,
    pub forgot_lede: &'static str,
    pub sending: &'static str,
    pub send_reset_link: &'static str,
    pub check_inbox: &'static str,
    pub check_inbox_body: &'static str,
    pub back_to_login: &'static str,
    pub reset_title: &'static str,
    pub reset_password_hint: &'static str,
    pub send_new_link: &'static str,
    pub saving: &'static str,
    pub save_and_log_in: &'static str,
    pub confirm_title: &'static str,
    pub confirm_lede: &'static str,
    pub confirm_email_taken: &'static str,
    pub confirm_button: &'static str,
    pub home_title: &'static str,
    pub welcome: &'static str,
    pub upcoming: &'static str,
    pub no_upcoming: &'static str,
    pub no_upcoming_body: &'static str,
    pub payments_title: &'static str,
    pub cards: &'static str,
    pub no_cards: &'static str,
    pub no_cards_body: &'static str,
    pub bills: &'static str,
    pub no_bills: &'static str,
    pub no_bills_body: &'static str,
    pub bill_open: &'static str,
    pub bill_processing: &'static str,
    pub bill_paid: &'static str,
    pub bill_failed: &'static str,
    pub bill_refunded: &'static str,
    pub bill_waived: &'static str,
    pub bill_amount: &'static str,
    pub bill_heading: &'static str,
    pub see_bills: &'static str,
    pub receipt_title: &'static str,
    pub receipt_link: &'static str,
    pub receipt_number: &'static str,
    pub receipt_paid_on: &'static str,
    pub receipt_paid_to: &'static str,
    pub receipt_client: &'static str,
    pub receipt_session: &'static str,
    pub receipt_refunded_on: &'static str,
    pub receipt_print: &'static str,
    pub back_to_payments: &'static str,
    pub card_label: &'static str,
    pub card_expires: &'static str,
    pub card_default: &'static str,
    pub card_expired: &'static str,
    pub card_expires_soon: &'static str,
    pub make_default: &'static str,
    pub remove_card: &'static str,
    pub add_card: &'static str,
    pub save_card: &'static str,
    pub cancel_adding: &'static str,
    pub card_field_label: &'static str,
    pub card_loading: &'static str,
    pub card_needs_js: &'static str,
    pub card_saved: &'static str,
    pub card_removed: &'static str,
    pub default_card_saved: &'static str,
    pub paid_saved: &'static str,
    pub pay_button: &'static str,
    pub pay_with: &'static str,
    pub pay_needs_card: &'static str,
    pub pay_confirming: &'static str,
    pub pay_processing: &'static str,
    pub pay_needs_js: &'static str,
    pub waive_note: &'static str,
    pub waive_button: &'static str,
    pub waived_saved: &'static str,
    pub billing_heading: &'static str,
    pub no_billing: &'static str,
    pub no_billing_body: &'static str,
    pub billed: &'static str,
    pub owed: &'static str,
    pub profile_title: &'static str,
    pub picture_heading: &'static str,
    pub picture_label: &'static str,
    pub picture_hint: &'static str,
    pub picture_alt: &'static str,
    pub no_picture: &'static str,
    pub upload_picture: &'static str,
    pub uploading: &'static str,
    pub picture_saved: &'static str,
    pub remove_picture: &'static str,
    pub picture_removed: &'static str,
    pub name_heading: &'static str,
    pub name_saved: &'static str,
    pub save_name: &'static str,
    pub email_heading: &'static str,
    pub your_email_is: &'static str,
    pub email_confirmed: &'static str,
    pub new_email: &'static str,
    pub email_link_sent: &'static str,
    pub send_confirmation_link: &'static str,
    pub password_heading: &'static str,
    pub new_password_hint: &'static str,
    pub password_saved: &'static str,
    pub change_password: &'static str,
    pub language_heading: &'static str,
    pub language_label: &'static str,
    pub language_saved: &'static str,
    pub save_language: &'static str,
    pub zone_heading: &'static str,
    pub show_times_in: &'static str,
    pub zone_saved: &'static str,
    pub save_zone: &'static str,
    pub terms_title: &'static str,
    pub terms_version: &'static str,
    pub terms_sections: &'static [(&'static str, &'static str)],
    pub terms_back: &'static str,
    pub name_empty: &'static str,
    pub name_too_long: &'static str,
    pub name_unprintable: &'static str,
    pub email_empty: &'static str,
    pub email_too_long: &'static str,
    pub email_malformed: &'static str,
    pub password_empty: &'static str,
    pub password_too_short: &'static str,
    pub password_too_long: &'static str,
    pub password_common: &'static str,
    pub password_guessable: &'static str,
    pub timezone_unknown: &'static str,
    pub language_unknown: &'static str,
    pub terms_not_accepted: &'static str,
    pub wrong_current_password: &'static str,
    pub same_email: &'static str,
    pub error_invalid: &'static str,
    pub error_email_taken: &'static str,
    pub error_invalid_credentials: &'static str,
    pub error_unauthenticated: &'static str,
    pub error_link_expired: &'static str,
    pub error_rate_limited: &'static str,
    pub error_internal: &'static str,
    pub error_busy: &'static str,
    pub error_request: &'static str,
    pub error_forbidden: &'static str,
    pub error_not_found: &'static str,
    pub money_empty: &'static str,
    pub money_malformed: &'static str,
    pub money_too_precise: &'static str,
    pub money_ambiguous: &'static str,
    pub money_too_large: &'static str,
    pub currency_unknown: &'static str,
    pub service_name_empty: &'static str,
    pub service_name_too_long: &'static str,
    pub meeting_type_unknown: &'static str,
    pub length_unsupported: &'static str,
    pub signup_pro_title: &'static str,
    pub signup_pro_lede: &'static str,
    pub signup_pro_question: &'static str,
    pub signup_pro_link: &'static str,
    pub services_heading: &'static str,
    pub no_services: &'static str,
    pub no_services_body: &'static str,
    pub add_service_heading: &'static str,
    pub service_name: &'static str,
    pub service_name_hint: &'static str,
    pub meeting_type: &'static str,
    pub meeting_video: &'static str,
    pub meeting_phone: &'static str,
    pub meeting_in_person: &'static str,
    pub length_label: &'static str,
    pub minutes: &'static str,
    pub price: &'static str,
    pub currency: &'static str,
    pub adding: &'static str,
    pub add_service: &'static str,
    pub service_added: &'static str,
    pub when_bad_date: &'static str,
    pub when_bad_time: &'static str,
    pub when_no_such_time: &'static str,
    pub when_in_the_past: &'static str,
    pub when_too_far_ahead: &'static str,
    pub overlap: &'static str,
    pub unknown_service: &'static str,
    pub invite_heading: &'static str,
    pub invite_need_service: &'static str,
    pub service_label: &'static str,
    pub date_label: &'static str,
    pub time_label: &'static str,
    pub time_hint: &'static str,
    pub client_name: &'static str,
    pub client_email: &'static str,
    pub inviting: &'static str,
    pub invite_button: &'static str,
    pub invited: &'static str,
    pub sessions_heading: &'static str,
    pub no_sessions: &'static str,
    pub no_sessions_body: &'static str,
    pub session_line: &'static str,
    pub picture_missing: &'static str,
    pub picture_too_large: &'static str,
    pub picture_not_an_image: &'static str,
    pub picture_too_many_pixels: &'static str,
    pub picture_unreadable: &'static str,
    pub nav_connections: &'static str,
    pub nav_notifications: &'static str,
    pub unread_count: &'static str,
    pub join: &'static str,
    pub join_opens_at: &'static str,
    pub details_link: &'static str,
    pub past_sessions: &'static str,
    pub no_past: &'static str,
    pub calendar_label: &'static str,
    pub previous_month: &'static str,
    pub next_month: &'static str,
    pub booked_day: &'static str,
    pub with_name: &'static str,
    pub appointment_title: &'static str,
    pub status_upcoming: &'static str,
    pub status_in_progress: &'static str,
    pub status_done: &'static str,
    pub status_cancelled: &'static str,
    pub cancelled_by_client: &'static str,
    pub cancelled_by_professional: &'static str,
    pub when_label: &'static str,
    pub client_label: &'static str,
    pub times_in_zone: &'static str,
    pub join_video: &'static str,
    pub join_not_yet: &'static str,
    pub join_over: &'static str,
    pub about_name: &'static str,
    pub languages_spoken: &'static str,
    pub cancel_heading: &'static str,
    pub cancel_until: &'static str,
    pub cancel_too_late: &'static str,
    pub cancel_button: &'static str,
    pub cancelling: &'static str,
    pub cancelled_saved: &'static str,
    pub pro_cancel_heading: &'static str,
    pub pro_cancel_note: &'static str,
    pub pro_cancel_button: &'static str,
    pub reschedule_heading: &'static str,
    pub reschedule_button: &'static str,
    pub moving: &'static str,
    pub moved_saved: &'static str,
    pub back_home: &'static str,
    pub room_title: &'static str,
    pub room_not_open: &'static str,
    pub room_opens_at: &'static str,
    pub check_heading: &'static str,
    pub preview_label: &'static str,
    pub mic_level: &'static str,
    pub camera_label: &'static str,
    pub mic_label: &'static str,
    pub checking_devices: &'static str,
    pub devices_ok: &'static str,
    pub audio_only_note: &'static str,
    pub problem_denied: &'static str,
    pub problem_missing: &'static str,
    pub problem_busy: &'static str,
    pub problem_unsupported: &'static str,
    pub try_again: &'static str,
    pub join_session: &'static str,
    pub joining: &'static str,
    pub other_away: &'static str,
    pub other_checking: &'static str,
    pub other_ready: &'static str,
    pub other_in_room: &'static str,
    pub link_label: &'static str,
    pub link_connecting: &'static str,
    pub link_connected: &'static str,
    pub link_reconnecting: &'static str,
    pub waiting_for: &'static str,
    pub remote_video_label: &'static str,
    pub own_video_label: &'static str,
    pub call_controls: &'static str,
    pub mute: &'static str,
    pub unmute: &'static str,
    pub camera_off: &'static str,
    pub camera_on: &'static str,
    pub leave: &'static str,
    pub left_heading: &'static str,
    pub rejoin: &'static str,
    pub change_devices: &'static str,
    pub connection_lost: &'static str,
    pub video_needs_js: &'static str,
    pub connections_title: &'static str,
    pub no_connections: &'static str,
    pub no_connections_body: &'static str,
    pub sessions_with: &'static str,
    pub notifications_title: &'static str,
    pub no_notifications: &'static str,
    pub no_notifications_body: &'static str,
    pub mark_read: &'static str,
    pub mark_all_read: &'static str,
    pub unread: &'static str,
    pub notif_created: &'static str,
    pub notif_changed: &'static str,
    pub notif_cancelled: &'static str,
    pub notif_reminder: &'static str,
    pub settings_heading: &'static str,
    pub settings_lede: &'static str,
    pub setting_reminders: &'static str,
    pub setting_updates: &'static str,
    pub save_settings: &'static str,
    pub settings_saved: &'static str,
    pub invite_create_lede: &'static str,
    pub invite_login_title: &'static str,
    pub invite_login_lede: &'static str,
    pub invite_other_title: &'static str,
    pub invite_other_body: &'static str,
    pub invite_invalid_title: &'static str,
    pub invite_invalid_body: &'static str,
    pub email_from_invitation: &'static str,
    pub clients_heading: &'static str,
    pub no_clients: &'static str,
    pub no_clients_body: &'static str,
    pub client_next: &'static str,
    pub client_no_next: &'static str,
    pub client_sessions: &'static str,
    pub client_no_account: &'static str,
    pub public_profile_heading: &'static str,
    pub public_profile_lede: &'static str,
    pub title_label: &'static str,
    pub title_hint: &'static str,
    pub bio_label: &'static str,
    pub bio_hint: &'static str,
    pub languages_label: &'static str,
    pub languages_hint: &'static str,
    pub save_public_profile: &'static str,
    pub public_profile_saved: &'static str,
    pub error_too_late_to_cancel: &'static str,
    pub error_closed: &'static str,
    pub profile_title_too_long: &'static str,
    pub profile_bio_too_long: &'static str,
    pub profile_too_many_languages: &'static str,
    pub profile_language_too_long: &'static str,
    pub profile_unprintable: &'static str,
    pub error_room_not_open: &'static str,
    pub error_room_over: &'static str,
    pub error_room_full: &'static str,
    pub error_card_declined: &'static str,
    pub error_payments_unavailable: &'static str,
    pub error_payment_under_way: &'static str,
    pub error_no_card: &'static str,
}

pub fn texts(language: Language) -> &'static Texts {
    match language {
        Language::En => &en::TEXTS,
        Language::Is => &is::TEXTS,
    }
}

/// The language this page is rendered in. On the server it comes from the request (the person's
/// choice, remembered in a cookie, else their browser's `Accept-Language`); in the browser from
/// `<html lang>`, which the server wrote, so both sides always agree.
pub fn use_language() -> Language {
    leptos::prelude::use_context::<Language>().unwrap_or_default()
}

/// The texts of this page's language.
pub fn t() -> &'static Texts {
    texts(use_language())
}

/// Replaces each `{key}` in `template` by its value.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_owned();
    for (key, value) in values {
        out = out.replace(&format!("{{{key}}}"), value);
    }
    out
}

impl Texts {
    pub fn problem(&self, problem: Problem) -> &'static str {
        match problem {
            Problem::Name(DisplayNameError::Empty) => self.name_empty,
            Problem::Name(DisplayNameError::TooLong) => self.name_too_long,
            Problem::Name(DisplayNameError::Unprintable) => self.name_unprintable,
            Problem::Email(EmailError::Empty) => self.email_empty,
            Problem::Email(EmailError::TooLong) => self.email_too_long,
            Problem::Email(EmailError::Malformed) => self.email_malformed,
            Problem::Password(PasswordError::Empty) => self.password_empty,
            Problem::Password(PasswordError::TooShort) => self.password_too_short,
            Problem::Password(PasswordError::TooLong) => self.password_too_long,
            Problem::Password(PasswordError::Common) => self.password_common,
            Problem::Password(PasswordError::Guessable) => self.password_guessable,
            Problem::Timezone(TimezoneError::Unknown) => self.timezone_unknown,
            Problem::Language(_) => self.language_unknown,
            Problem::Money(MoneyError::Empty) => self.money_empty,
            Problem::Money(MoneyError::Malformed) => self.money_malformed,
            Problem::Money(MoneyError::TooPrecise) => self.money_too_precise,
            Problem::Money(MoneyError::Ambiguous) => self.money_ambiguous,
            Problem::Money(MoneyError::TooLarge) => self.money_too_large,
            Problem::Money(MoneyError::UnknownCurrency) => self.currency_unknown,
            Problem::Service(ServiceError::NameEmpty) => self.service_name_empty,
            Problem::Service(ServiceError::NameTooLong) => self.service_name_too_long,
            Problem::Service(ServiceError::UnknownMeetingType) => self.meeting_type_unknown,
            Problem::Service(ServiceError::UnsupportedLength) => self.length_unsupported,
            Problem::When(WhenError::BadDate) => self.when_bad_date,
            Problem::When(WhenError::BadTime) => self.when_bad_time,
            Problem::When(WhenError::NoSuchTime) => self.when_no_such_time,
            Problem::When(WhenError::InThePast) => self.when_in_the_past,
            Problem::When(WhenError::TooFarAhead) => self.when_too_far_ahead,
            Problem::Profile(ProfileError::TitleTooLong) => self.profile_title_too_long,
            Problem::Profile(ProfileError::BioTooLong) => self.profile_bio_too_long,
            Problem::Profile(ProfileError::TooManyLanguages) => self.profile_too_many_languages,
            Problem::Profile(ProfileError::LanguageTooLong) => self.profile_language_too_long,
            Problem::Profile(ProfileError::Unprintable) => self.profile_unprintable,
            Problem::Overlap => self.overlap,
            Problem::UnknownService => self.unknown_service,
            Problem::TermsNotAccepted => self.terms_not_accepted,
            Problem::WrongCurrentPassword => self.wrong_current_password,
            Problem::SameEmail => self.same_email,
        }
    }

    pub fn api_error(&self, error: &ApiError) -> String {
        match error {
            ApiError::Invalid(_) => self.error_invalid.to_owned(),
            ApiError::EmailTaken => self.error_email_taken.to_owned(),
            ApiError::InvalidCredentials => self.error_invalid_credentials.to_owned(),
            ApiError::Unauthenticated => self.error_unauthenticated.to_owned(),
            ApiError::Forbidden => self.error_forbidden.to_owned(),
            ApiError::NotFound => self.error_not_found.to_owned(),
            ApiError::LinkExpired => self.error_link_expired.to_owned(),
            ApiError::Refused(Refusal::TooLateToCancel) => self.error_too_late_to_cancel.to_owned(),
            ApiError::Refused(Refusal::Closed) => self.error_closed.to_owned(),
            ApiError::Refused(Refusal::RoomNotOpen) => self.error_room_not_open.to_owned(),
            ApiError::Refused(Refusal::RoomOver) => self.error_room_over.to_owned(),
            ApiError::Refused(Refusal::RoomFull) => self.error_room_full.to_owned(),
            ApiError::Refused(Refusal::CardDeclined) => self.error_card_declined.to_owned(),
            ApiError::Refused(Refusal::PaymentsUnavailable) => {
                self.error_payments_unavailable.to_owned()
            }
            ApiError::Refused(Refusal::PaymentUnderWay) => self.error_payment_under_way.to_owned(),
            ApiError::Refused(Refusal::NoCard) => self.error_no_card.to_owned(),
            ApiError::RateLimited { retry_after_secs } => fill(
                self.error_rate_limited,
                &[("seconds", &retry_after_secs.to_string())],
            ),
            ApiError::Internal => self.error_internal.to_owned(),
            ApiError::Busy => self.error_busy.to_owned(),
            ApiError::Request(_) => self.error_request.to_owned(),
        }
    }

    pub fn meeting_type(&self, meeting: MeetingType) -> &'static str {
        match meeting {
            MeetingType::Video => self.meeting_video,
            MeetingType::Phone => self.meeting_phone,
            MeetingType::InPerson => self.meeting_in_person,
        }
    }

    /// "Video · 50 min · ISK 12,500": what a session is, as lists show it.
    pub fn session_details(
        &self,
        meeting: MeetingType,
        length: ServiceLength,
        price: Money,
        language: Language,
    ) -> String {
        let minutes = fill(self.minutes, &[("minutes", &length.minutes().to_string())]);
        format!(
            "{} · {minutes} · {}",
            self.meeting_type(meeting),
            price.format(language)
        )
    }

    /// Where a bill stands, in a word or two.
    pub fn bill_status(&self, status: BillStatus) -> &'static str {
        match status {
            BillStatus::Open => self.bill_open,
            BillStatus::Processing => self.bill_processing,
            BillStatus::Paid => self.bill_paid,
            BillStatus::Failed => self.bill_failed,
            BillStatus::Refunded => self.bill_refunded,
            BillStatus::Waived => self.bill_waived,
        }
    }

    pub fn picture_error(&self, error: PictureError) -> &'static str {
        match error {
            PictureError::Missing => self.picture_missing,
            PictureError::TooLarge => self.picture_too_large,
            PictureError::NotAnImage => self.picture_not_an_image,
            PictureError::TooManyPixels => self.picture_too_many_pixels,
            PictureError::Unreadable => self.picture_unreadable,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled() {
        assert_eq!(fill(en::TEXTS.welcome, &[("name", "Ann")]), "Welcome, Ann");
        assert_eq!(
            fill(is::TEXTS.uploading, &[("percent", "40")]),
            "Hleð upp… 40%"
        );
    }

    #[test]
    fn every_language_keeps_the_placeholders() {
        for l in Language::ALL {
            let t = texts(l);
            assert!(t.welcome.contains("{name}"), "{l:?}");
            assert!(t.uploading.contains("{percent}"), "{l:?}");
            assert!(t.error_rate_limited.contains("{seconds}"), "{l:?}");
            assert!(t.terms_version.contains("{version}") && t.terms_version.contains("{date}"));
            assert_eq!(t.terms_sections.len(), en::TEXTS.terms_sections.len());
        }
    }

    #[test]
    fn languages_differ() {
        assert_ne!(en::TEXTS.log_in, is::TEXTS.log_in);
        assert_ne!(en::TEXTS.profile_title, is::TEXTS.profile_title);
    }
}
