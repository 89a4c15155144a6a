//! A professional's practice and their clients: the `Catalog`, `Bookings`, `Notifications` and
//! `Directory` ports, and the mails bookings send.

mod bookings;
mod catalog;
mod directory;
pub mod hubs;
mod links;
pub mod notices;
mod notifications;
mod queue;

pub use bookings::BookingService;
pub use catalog::CatalogService;
pub use directory::DirectoryService;
pub use hubs::HubService;
pub use links::LinkService;
pub use notifications::NotificationService;
