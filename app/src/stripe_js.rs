//! Stripe.js, from the browser side: loaded from Stripe's own origin (or the local stand-in's) when
//! a card is first needed, its card field mounted in our page, and the SetupIntent or PaymentIntent
//! confirmed by it. The card's number goes from Stripe's field to Stripe; our wasm never sees it.

use crate::domain::StripeHandoff;
use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

fn get(target: &JsValue, key: &str) -> Result<JsValue, String> {
    Reflect::get(target, &JsValue::from_str(key)).map_err(|_| format!("no {key}"))
}

async fn call_async(target: &JsValue, method: &str, args: &[JsValue]) -> Result<JsValue, String> {
    let f: Function = get(target, method)?
        .dyn_into()
        .map_err(|_| format!("{method} is not a function"))?;
    let array = js_sys::Array::new();
    for a in args {
        array.push(a);
    }
    let result = f
        .apply(target, &array)
        .map_err(|e| format!("{method}: {e:?}"))?;
    match result.dyn_into::<Promise>() {
        Ok(promise) => JsFuture::from(promise)
            .await
            .map_err(|e| format!("{method}: {e:?}")),
        Err(value) => Ok(value),
    }
}

/// Adds `<script src=js_url>` once and waits until `window.Stripe` exists.
async fn load(js_url: &str) -> Result<Function, String> {
    let window = web_sys::window().ok_or("no window")?;
    if let Ok(f) =
        get(&window, "Stripe").and_then(|s| s.dyn_into::<Function>().map_err(|_| String::new()))
    {
        return Ok(f);
    }
    let document = window.document().ok_or("no document")?;
    let script: web_sys::HtmlScriptElement = document
        .create_element("script")
        .map_err(|_| "no script element")?
        .dyn_into()
        .map_err(|_| "not a script element")?;
    script.set_src(js_url);
    let loaded = Promise::new(&mut |resolve, reject| {
        script.set_onload(Some(&resolve));
        script.set_onerror(Some(&reject));
    });
    document
        .body()
        .ok_or("no body")?
        .append_child(&script)
        .map_err(|_| "the script was not added")?;
    JsFuture::from(loaded)
        .await
        .map_err(|_| "Stripe.js did not load".to_owned())?;
    get(&window, "Stripe")?
        .dyn_into::<Function>()
        .map_err(|_| "Stripe.js loaded without Stripe".into())
}

/// Stripe.js for one publishable key.
#[derive(Clone)]
pub struct StripeJs {
    stripe: JsValue,
}

/// A card field Stripe.js drew in our page.
#[derive(Clone)]
pub struct CardField {
    element: JsValue,
}

/// What Stripe.js said went wrong, in its words (already plain for the person).
fn error_of(answer: &JsValue) -> Option<String> {
    let error = get(answer, "error").ok()?;
    if error.is_null() || error.is_undefined() {
        return None;
    }
    Some(
        get(&error, "message")
            .ok()
            .and_then(|m| m.as_string())
            .unwrap_or_else(|| "The card could not be used.".into()),
    )
}

impl StripeJs {
    pub async fn for_handoff(handoff: &StripeHandoff) -> Result<StripeJs, String> {
        let constructor = load(&handoff.js_url).await?;
        let stripe = constructor
            .call1(&JsValue::NULL, &JsValue::from_str(&handoff.publishable_key))
            .map_err(|e| format!("Stripe(): {e:?}"))?;
        Ok(StripeJs { stripe })
    }

    /// Draws Stripe's card field into the element with id `container`.
    pub async fn mount_card(&self, container: &str) -> Result<CardField, String> {
        let elements = call_async(&self.stripe, "elements", &[]).await?;
        let element = call_async(
            &elements,
            "create",
            &[JsValue::from_str("card"), Object::new().into()],
        )
        .await?;
        call_async(
            &element,
            "mount",
            &[JsValue::from_str(&format!("#{container}"))],
        )
        .await?;
        Ok(CardField { element })
    }

    /// Confirms the SetupIntent with the card in `field`; its id, or Stripe's message.
    pub async fn confirm_card_setup(
        &self,
        client_secret: &str,
        field: &CardField,
    ) -> Result<String, String> {
        let method = Object::new();
        Reflect::set(&method, &"card".into(), &field.element).map_err(|_| "card")?;
        let data = Object::new();
        Reflect::set(&data, &"payment_method".into(), &method).map_err(|_| "payment_method")?;
        let answer = call_async(
            &self.stripe,
            "confirmCardSetup",
            &[JsValue::from_str(client_secret), data.into()],
        )
        .await?;
        if let Some(message) = error_of(&answer) {
            return Err(message);
        }
        get(&get(&answer, "setupIntent")?, "id")?
            .as_string()
            .ok_or_else(|| "no SetupIntent".into())
    }

    /// Lets Stripe.js take the client through their bank's check (3-D Secure).
    pub async fn confirm_card_payment(&self, client_secret: &str) -> Result<(), String> {
        let answer = call_async(
            &self.stripe,
            "confirmCardPayment",
            &[JsValue::from_str(client_secret)],
        )
        .await?;
        match error_of(&answer) {
            Some(message) => Err(message),
            None => Ok(()),
        }
    }
}
