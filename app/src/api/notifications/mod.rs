//! A person's in-app notifications and which optional emails they want. Only their own.

mod mark_notifications_read;
mod my_notification_settings;
mod my_notifications;
mod save_notification_settings;
mod unread_notifications;

pub use mark_notifications_read::{MarkNotificationsRead, mark_notifications_read};
pub use my_notification_settings::{MyNotificationSettings, my_notification_settings};
pub use my_notifications::{MyNotifications, my_notifications};
pub use save_notification_settings::{SaveNotificationSettings, save_notification_settings};
pub use unread_notifications::{UnreadNotifications, unread_notifications};
