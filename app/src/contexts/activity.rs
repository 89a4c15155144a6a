//! Talk with the server that the idle guard should count as activity.

use leptos::prelude::*;

/// Bumped by a page that has just talked to the server without a click (a video call's
/// heartbeat): the server's idle time started again, so the guard's does too.
#[derive(Clone, Copy)]
pub struct Activity(pub RwSignal<u64>);
