//! My profile's last panel, for clients: ask to delete the account. The password asks for it; the
//! link mailed to the account's address does it (`/delete-account`).

use crate::api::profile::RequestAccountDeletion;
use crate::components::action_form::ActionForm;
use crate::components::form::{FormError, server_field_error, server_form_error};
use crate::domain::Field;
use crate::i18n::t;
use leptos::prelude::*;

#[component]
pub fn DeleteAccountPanel(
    /// Landed here from the plain (no-JavaScript) post that sent the link.
    sent: Signal<bool>,
) -> impl IntoView {
    let t = t();
    let action = ServerAction::<RequestAccountDeletion>::new();
    let value = action.value();
    let sent = move || sent.get() || matches!(value.get(), Some(Ok(())));
    view! {
        <section class="panel" aria-labelledby="delete-heading">
            <h2 id="delete-heading">{t.delete_heading}</h2>
            <p>{t.delete_hint}</p>
            <ActionForm action attr:novalidate=true attr:class="stack narrow">
                <div class="field">
                    <label for="field-delete-current_password">{t.current_password}</label>
                    <input
                        id="field-delete-current_password"
                        type="password"
                        name="current_password"
                        autocomplete="current-password"
                        required
                        aria-describedby="field-delete-current_password-error"
                    />
                    <p class="field-error" id="field-delete-current_password-error" aria-live="polite">
                        {server_field_error(value, Field::CurrentPassword)}
                    </p>
                </div>
                <FormError message=server_form_error(value)/>
                <Show when=sent>
                    <p class="saved" role="status">{t.delete_link_sent}</p>
                </Show>
                <button type="submit" class="danger" disabled=action.pending()>
                    {t.delete_send}
                </button>
            </ActionForm>
        </section>
    }
}
