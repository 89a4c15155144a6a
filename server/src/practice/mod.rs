//! A professional's practice and their clients: the `Catalog`, `Bookings`, `Notifications` and
//! `Directory` ports, and the mails bookings send.

mod bookings;
mod catalog;
mod directory;
mod links;
pub mod notices;
mod notifications;
mod queue;

pub use bookings::BookingService;
pub use catalog::CatalogService;
pub use directory::DirectoryService;
pub use links::LinkService;
pub use notifications::NotificationService;
