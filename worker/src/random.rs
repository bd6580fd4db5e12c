//! Randomness and hashing for sessions and change ids, from the runtime's WebCrypto.

use sha2::{Digest, Sha256};
use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = crypto, js_name = getRandomValues)]
    fn get_random_values(buf: &mut [u8]);
    #[wasm_bindgen(js_namespace = crypto, js_name = randomUUID)]
    fn random_uuid() -> String;
}

/// 32 random bytes as 64 hex characters: a session token.
pub fn token() -> String {
    let mut bytes = [0u8; 32];
    get_random_values(&mut bytes);
    hex(&bytes)
}

/// One random byte (for jitter).
pub fn byte() -> u8 {
    let mut b = [0u8; 1];
    get_random_values(&mut b);
    b[0]
}

/// A random id for one change of a row (see `store`).
pub fn change_id() -> String {
    random_uuid()
}

pub fn sha256_hex(text: &str) -> String {
    hex(&Sha256::digest(text.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
