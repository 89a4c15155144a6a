//! On My profile, for professionals: title, bio and languages, as clients see them.

use crate::api::directory::SavePublicProfile;
use crate::components::action_form::ActionForm;
use crate::components::form::{FormError, server_field_error, server_form_error};
use crate::components::text_area::TextArea;
use crate::domain::{Field, ProfessionalProfile};
use crate::i18n::t;
use leptos::prelude::*;

pub type PublicProfileResource =
    Resource<Result<Option<ProfessionalProfile>, crate::api::ApiError>>;

#[component]
pub fn PublicProfileForm(profile: PublicProfileResource, saved: bool) -> impl IntoView {
    let t = t();
    let save = ServerAction::<SavePublicProfile>::new();
    let value = save.value();
    let saved = move || saved || matches!(value.get(), Some(Ok(())));
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let Ok(Some(p)) = profile.await else {
                    return None;
                };
                let title = p.title.as_ref().map(|x| x.as_str().to_owned()).unwrap_or_default();
                let bio = p.bio.as_ref().map(|x| x.as_str().to_owned()).unwrap_or_default();
                let languages = p.languages.joined();
                Some(view! {
                    <section class="panel" aria-labelledby="public-heading">
                        <h2 id="public-heading">{t.public_profile_heading}</h2>
                        <p class="muted">{t.public_profile_lede}</p>
                        <ActionForm action=save attr:novalidate=true attr:class="stack narrow">
                            <div class="field">
                                <label for="field-title">{t.title_label}</label>
                                <p class="hint" id="field-title-hint">{t.title_hint}</p>
                                <input id="field-title" name="title" value=title maxlength="80" aria-describedby="field-title-hint field-title-error"/>
                                <p class="field-error" id="field-title-error" aria-live="polite">{server_field_error(value, Field::Title)}</p>
                            </div>
                            <div class="field">
                                <label for="field-bio">{t.bio_label}</label>
                                <p class="hint" id="field-bio-hint">{t.bio_hint}</p>
                                <TextArea id="field-bio" name="bio" rows=5 described_by="field-bio-hint field-bio-error" text=bio/>
                                <p class="field-error" id="field-bio-error" aria-live="polite">{server_field_error(value, Field::Bio)}</p>
                            </div>
                            <div class="field">
                                <label for="field-languages">{t.languages_label}</label>
                                <p class="hint" id="field-languages-hint">{t.languages_hint}</p>
                                <input id="field-languages" name="languages" value=languages aria-describedby="field-languages-hint field-languages-error"/>
                                <p class="field-error" id="field-languages-error" aria-live="polite">{server_field_error(value, Field::SpokenLanguages)}</p>
                            </div>
                            <FormError message=server_form_error(value)/>
                            <Show when=saved>
                                <p class="saved" role="status">{t.public_profile_saved}</p>
                            </Show>
                            <button type="submit" class="primary" disabled=save.pending()>{t.save_public_profile}</button>
                        </ActionForm>
                    </section>
                })
            })}
        </Suspense>
    }
}
