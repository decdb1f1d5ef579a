//! Reading what JavaScript hands the pages: a property of an object, an error's message, a
//! promise of bytes.

use js_sys::{Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The property `key` of `o` (undefined when it has none, or is not an object).
pub fn get(o: &JsValue, key: &str) -> JsValue {
    Reflect::get(o, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// What an error thrown or rejected by JavaScript says.
pub fn message(e: &JsValue) -> String {
    e.as_string()
        .or_else(|| get(e, "message").as_string())
        .unwrap_or_else(|| "unknown error".into())
}

/// Awaits a JS promise of an `ArrayBuffer` (or text) as bytes.
///
/// # Errors
/// The promise's rejection, or the error it settled with, as its message.
pub async fn bytes_of(promise: JsValue) -> Result<Vec<u8>, String> {
    let value = JsFuture::from(Promise::resolve(&promise))
        .await
        .map_err(|e| message(&e))?;
    if let Some(s) = value.as_string() {
        return Ok(s.into_bytes());
    }
    if value.is_instance_of::<js_sys::Error>() {
        return Err(message(&value));
    }
    Ok(Uint8Array::new(&value).to_vec())
}
