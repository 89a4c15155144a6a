//! The signed-in user and the header's unread count, resolved once per page load by the layout.

use crate::api::ApiError;
use crate::domain::CurrentUser;
use leptos::prelude::*;

/// The signed-in user, resolved once per page load by the layout and shared with its pages.
pub type UserResource = Resource<Result<Option<CurrentUser>, ApiError>>;

/// How many notifications are unread, for the header's badge; pages that read some refetch it.
#[derive(Clone, Copy)]
pub struct UnreadCount(pub Resource<Result<u64, ApiError>>);
