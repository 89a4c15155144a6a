//! What only the browser knows.

/// The IANA zone the browser runs in, e.g. `Atlantic/Reykjavik`.
pub fn time_zone() -> Option<String> {
    let format = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new());
    js_sys::Reflect::get(&format.resolved_options(), &"timeZone".into())
        .ok()?
        .as_string()
}

/// The language the server rendered this page in, from `<html lang>`.
pub fn page_language() -> crate::domain::Language {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|e| e.get_attribute("lang"))
        .and_then(|l| crate::domain::Language::parse(&l).ok())
        .unwrap_or_default()
}

/// A full reload: after a language change every word on the page must be rendered again.
pub fn reload() {
    if let Some(w) = web_sys::window() {
        let _ = w.location().reload();
    }
}

/// A full page load of `url` (same reason as `reload`).
pub fn go_to(url: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().assign(url);
    }
}
