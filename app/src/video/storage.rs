//! Whether this tab was in a session's room: a reload brings the person straight back in.

fn key(booking: &str) -> String {
    format!("tandem.in-room.{booking}")
}

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

pub fn was_in_room(booking: &str) -> bool {
    session_storage()
        .and_then(|s| s.get_item(&key(booking)).ok()?)
        .is_some()
}

pub fn set_in_room(booking: &str, inside: bool) {
    let Some(s) = session_storage() else {
        return;
    };
    let _ = if inside {
        s.set_item(&key(booking), "1")
    } else {
        s.remove_item(&key(booking))
    };
}
