//! Unicode case mapping shared by server and browser. In the browser it goes through JavaScript's
//! `toLowerCase`/`toUpperCase` (the same locale-independent Unicode mapping as Rust's), so the
//! wasm carries no case tables.

/// `s.to_lowercase()`; in the browser by JavaScript's `toLowerCase` (the same Unicode mapping),
/// so the wasm carries no case tables.
pub fn lowercase(s: &str) -> String {
    #[cfg(all(feature = "hydrate", target_arch = "wasm32"))]
    {
        String::from(js_sys::JsString::from(s).to_lower_case())
    }
    #[cfg(not(all(feature = "hydrate", target_arch = "wasm32")))]
    {
        s.to_lowercase()
    }
}

/// `s.to_uppercase()`, as [`lowercase`].
pub fn uppercase(s: &str) -> String {
    #[cfg(all(feature = "hydrate", target_arch = "wasm32"))]
    {
        String::from(js_sys::JsString::from(s).to_upper_case())
    }
    #[cfg(not(all(feature = "hydrate", target_arch = "wasm32")))]
    {
        s.to_uppercase()
    }
}
