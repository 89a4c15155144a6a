//! View pieces: the parts pages are built from. They read contexts and domain values, never a
//! page.

pub mod access_log;
pub mod action_form;
pub mod agenda;
pub mod auth_card;
pub mod bill_line;
pub mod bill_panel;
pub mod billing;
pub mod bookings_panel;
pub mod cards_panel;
pub mod clients_panel;
pub mod delete_account_panel;
pub mod first_steps;
pub mod form;
pub mod idle_guard;
pub mod layout;
pub mod login_form;
pub mod pay_form;
pub mod picture_form;
pub mod public_profile;
pub mod reader_zone;
pub mod resource_list;
pub mod services_panel;
pub mod slot_days;
pub mod text_area;
pub mod two_factor_panel;
pub mod video_room;
pub mod waiting_clients;
pub mod when_fields;
pub mod zone_field;
