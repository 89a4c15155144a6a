//! A `<textarea>` holding what a person typed, never read as markup.
//!
//! Leptos writes a textarea's children unescaped when it renders on the server (it treats the
//! element as raw text, like `<script>` and `<style>`), so `</textarea><img …>` in a bio would
//! end the field and become a live element. The server side therefore escapes the text itself:
//! a textarea's content is RCDATA, where the browser decodes `&lt;` and `&amp;` back into the
//! characters typed. In the browser, Leptos sets the text as a DOM text node: nothing to escape,
//! and hydration keeps the server's node.

use leptos::prelude::*;

#[component]
pub fn TextArea(
    id: &'static str,
    name: &'static str,
    #[prop(optional)] rows: Option<u32>,
    #[prop(optional)] described_by: Option<&'static str>,
    /// The text the field starts with.
    text: String,
) -> impl IntoView {
    view! {
        <textarea id=id name=name rows=rows aria-describedby=described_by>{as_content(text)}</textarea>
    }
}

#[cfg(feature = "ssr")]
fn as_content(text: String) -> String {
    escape_rcdata(&text)
}

#[cfg(not(feature = "ssr"))]
fn as_content(text: String) -> String {
    text
}

/// `&`, `<` and `>` as character references: enough for RCDATA, which ends only at `</textarea`.
#[cfg_attr(
    not(feature = "ssr"),
    allow(dead_code, reason = "the server renders with it")
)]
fn escape_rcdata(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn markup_becomes_character_references() {
        assert_eq!(
            super::escape_rcdata("</textarea><img src=x onerror=alert(1)> & more"),
            "&lt;/textarea&gt;&lt;img src=x onerror=alert(1)&gt; &amp; more"
        );
    }
}
