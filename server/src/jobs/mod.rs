//! Scheduled work, persisted in the database so a restart neither loses nor repeats it.

pub mod credits;
pub mod reminders;
