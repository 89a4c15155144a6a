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

/// Puts the text of the file chosen in `ev`'s file input into the textarea `target` (a CSV of
/// addresses, say): read here, sent with the form.
pub fn read_file_into(ev: &web_sys::Event, target: &'static str) {
    use wasm_bindgen::JsCast;
    let Some(file) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        .and_then(|input| input.files())
        .and_then(|files| files.get(0))
    else {
        return;
    };
    wasm_bindgen_futures::spawn_local(async move {
        let Ok(text) = wasm_bindgen_futures::JsFuture::from(file.text()).await else {
            return;
        };
        let area = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(target))
            .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok());
        if let (Some(area), Some(text)) = (area, text.as_string()) {
            area.set_value(&text);
        }
    });
}
