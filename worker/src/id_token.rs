//! The ID token of an OpenID Connect sign-in, validated as OpenID Connect Core 1.0 §3.1.3.7
//! requires: the signature against the identity provider's published keys (JWKS), `iss`,
//! `aud` (and `azp` when there are several audiences), `exp`, `iat` and the `nonce` this browser
//! started with. The signature is checked with the platform's WebCrypto; everything else is a
//! pure function, tested natively below.
//!
//! Only asymmetric algorithms are accepted (RS256, ES256): a token that names `none` or an HMAC
//! algorithm is refused before any key is looked at (the "algorithm confusion" attack).

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize};

/// Clock difference tolerated between the identity provider and the edge.
const SKEW_SECONDS: i64 = 120;

/// Why an ID token is refused; `code()` is what the sign-in page and the audit log show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    Malformed,
    Algorithm,
    UnknownKey,
    Signature,
    Issuer,
    Audience,
    Expired,
    NotYetValid,
    Nonce,
}

impl Refusal {
    pub fn code(self) -> &'static str {
        match self {
            Refusal::Malformed => "id_token_malformed",
            Refusal::Algorithm => "id_token_algorithm",
            Refusal::UnknownKey => "id_token_unknown_key",
            Refusal::Signature => "id_token_signature",
            Refusal::Issuer => "id_token_issuer",
            Refusal::Audience => "id_token_audience",
            Refusal::Expired => "id_token_expired",
            Refusal::NotYetValid => "id_token_not_yet_valid",
            Refusal::Nonce => "id_token_nonce",
        }
    }
}

/// The JOSE header (RFC 7515 §4): the members this product reads.
#[derive(Debug, Deserialize)]
struct Header {
    alg: String,
    kid: Option<String>,
    /// Extensions the token says must be understood (RFC 7515 §4.1.11): this product
    /// understands none, so a token that names any is refused.
    crit: Option<IgnoredAny>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Audience {
    One(String),
    Many(Vec<String>),
}

/// The claims this product relies on.
#[derive(Debug, Deserialize)]
pub struct Claims {
    pub iss: String,
    pub sub: String,
    aud: Audience,
    pub exp: i64,
    /// Required by OpenID Connect Core §2.
    pub iat: i64,
    pub nonce: Option<String>,
    pub azp: Option<String>,
}

/// The identity provider's published keys (a JWK Set, RFC 7517 §5). A set without `keys` has
/// none: every token's key is then unknown.
#[derive(Debug, Default, Deserialize)]
pub struct Jwks {
    #[serde(default)]
    pub keys: Vec<Jwk>,
}

/// One public key (RFC 7517 §4, RFC 7518 §6): `kty`, `kid` and `use` to choose it, and the
/// members WebCrypto imports an RSA or EC verification key from. A key without `kty` is never
/// chosen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Jwk {
    #[serde(default)]
    pub kty: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kid: Option<String>,
    #[serde(rename = "use", default, skip_serializing_if = "Option::is_none")]
    pub use_: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alg: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_ops: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ext: Option<bool>,
    /// RSA: modulus and exponent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub n: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub e: Option<String>,
    /// EC: curve and point.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crv: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub x: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub y: Option<String>,
}

/// What the token must say.
pub struct Expected<'a> {
    pub issuer: &'a str,
    pub client_id: &'a str,
    pub nonce: &'a str,
    /// Unix seconds.
    pub now: i64,
}

/// A compact JWS split into its parts.
pub struct Token {
    alg: String,
    kid: Option<String>,
    pub claims: Claims,
    signing_input: String,
    signature: Vec<u8>,
}

fn decode(part: &str) -> Result<Vec<u8>, Refusal> {
    URL_SAFE_NO_PAD
        .decode(part.trim_end_matches('='))
        .map_err(|_| Refusal::Malformed)
}

/// A part of the token as the JSON object it encodes.
fn read<T: serde::de::DeserializeOwned>(part: &str) -> Result<T, Refusal> {
    let bytes = decode(part)?;
    let text = std::str::from_utf8(&bytes).map_err(|_| Refusal::Malformed)?;
    crate::json::read(text).map_err(|_| Refusal::Malformed)
}

pub fn parse(token: &str) -> Result<Token, Refusal> {
    let mut parts = token.split('.');
    let (Some(h), Some(c), Some(s), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(Refusal::Malformed);
    };
    let header: Header = read(h)?;
    let claims: Claims = read(c)?;
    if !matches!(header.alg.as_str(), "RS256" | "ES256") {
        return Err(Refusal::Algorithm);
    }
    if header.crit.is_some() {
        return Err(Refusal::Malformed);
    }
    Ok(Token {
        alg: header.alg,
        kid: header.kid,
        claims,
        signing_input: format!("{h}.{c}"),
        signature: decode(s)?,
    })
}

/// §3.1.3.7 steps 2–3, 9–11: issuer, audience, authorized party, expiry, issue time, nonce.
pub fn check_claims(claims: &Claims, expected: &Expected) -> Result<(), Refusal> {
    if claims.iss != expected.issuer {
        return Err(Refusal::Issuer);
    }
    let audiences: Vec<&str> = match &claims.aud {
        Audience::One(a) => vec![a.as_str()],
        Audience::Many(list) => list.iter().map(String::as_str).collect(),
    };
    if !audiences.contains(&expected.client_id) {
        return Err(Refusal::Audience);
    }
    let azp_needed = audiences.len() > 1;
    match claims.azp.as_deref() {
        Some(azp) if azp != expected.client_id => return Err(Refusal::Audience),
        None if azp_needed => return Err(Refusal::Audience),
        _ => {}
    }
    if claims.exp + SKEW_SECONDS <= expected.now {
        return Err(Refusal::Expired);
    }
    if claims.iat > expected.now + SKEW_SECONDS {
        return Err(Refusal::NotYetValid);
    }
    if claims.nonce.as_deref() != Some(expected.nonce) {
        return Err(Refusal::Nonce);
    }
    Ok(())
}

/// The key of `jwks` that signed `token`: by `kid`, or the only key of the right type when the
/// token names none.
pub fn select_key<'a>(token: &Token, jwks: &'a Jwks) -> Result<&'a Jwk, Refusal> {
    let kty = if token.alg == "RS256" { "RSA" } else { "EC" };
    let keys: Vec<&Jwk> = jwks
        .keys
        .iter()
        .filter(|key| key.kty == kty)
        .filter(|key| key.use_.as_deref().is_none_or(|u| u == "sig"))
        .collect();
    match &token.kid {
        Some(kid) => keys
            .into_iter()
            .find(|key| key.kid.as_deref() == Some(kid))
            .ok_or(Refusal::UnknownKey),
        None if keys.len() == 1 => Ok(keys[0]),
        None => Err(Refusal::UnknownKey),
    }
}

/// The whole validation: signature (WebCrypto), then the claims.
pub async fn validate(raw: &str, jwks: &Jwks, expected: &Expected<'_>) -> Result<Claims, Refusal> {
    let token = parse(raw)?;
    let key = select_key(&token, jwks)?;
    if !webcrypto::verify(&token, key)
        .await
        .map_err(|_| Refusal::Signature)?
    {
        return Err(Refusal::Signature);
    }
    check_claims(&token.claims, expected)?;
    Ok(token.claims)
}

mod webcrypto {
    use js_sys::{Array, Object, Reflect};
    use wasm_bindgen::{JsCast, JsValue};

    use super::{Jwk, Token};

    fn object(pairs: &[(&str, JsValue)]) -> Result<Object, JsValue> {
        let o = Object::new();
        for (k, v) in pairs {
            Reflect::set(&o, &JsValue::from_str(k), v)?;
        }
        Ok(o)
    }

    pub async fn verify(token: &Token, jwk: &Jwk) -> Result<bool, JsValue> {
        let scope: web_sys::WorkerGlobalScope = js_sys::global().unchecked_into();
        let subtle = scope.crypto()?.subtle();
        let (import_alg, verify_alg) = if token.alg == "RS256" {
            let alg = object(&[
                ("name", "RSASSA-PKCS1-v1_5".into()),
                ("hash", "SHA-256".into()),
            ])?;
            (alg.clone(), alg)
        } else {
            (
                object(&[("name", "ECDSA".into()), ("namedCurve", "P-256".into())])?,
                object(&[("name", "ECDSA".into()), ("hash", "SHA-256".into())])?,
            )
        };
        let text = serde_json::to_string(jwk).map_err(|e| JsValue::from_str(&e.to_string()))?;
        let jwk: Object = js_sys::JSON::parse(&text)?.unchecked_into();
        let usages = Array::of1(&JsValue::from_str("verify"));
        let key = wasm_bindgen_futures::JsFuture::from(subtle.import_key_with_object(
            "jwk",
            &jwk,
            &import_alg,
            false,
            &usages,
        )?)
        .await?;
        let key: web_sys::CryptoKey = key.unchecked_into();
        let ok = wasm_bindgen_futures::JsFuture::from(
            subtle.verify_with_object_and_u8_array_and_u8_array(
                &verify_alg,
                &key,
                &token.signature,
                token.signing_input.as_bytes(),
            )?,
        )
        .await?;
        Ok(ok.as_bool() == Some(true))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    fn b64(v: &Value) -> String {
        URL_SAFE_NO_PAD.encode(v.to_string())
    }

    fn token(header: Value, claims: Value) -> String {
        format!("{}.{}.c2ln", b64(&header), b64(&claims))
    }

    fn good_claims() -> Value {
        json!({ "iss": "https://idp.example", "sub": "eva", "aud": "kmo", "exp": 2_000,
                "iat": 1_000, "nonce": "n-1" })
    }

    const EXPECTED: Expected = Expected {
        issuer: "https://idp.example",
        client_id: "kmo",
        nonce: "n-1",
        now: 1_500,
    };

    fn check(claims: Value) -> Result<(), Refusal> {
        let t = parse(&token(json!({ "alg": "RS256", "kid": "k1" }), claims))?;
        check_claims(&t.claims, &EXPECTED)
    }

    #[test]
    fn a_token_with_the_expected_claims_passes() {
        assert_eq!(check(good_claims()), Ok(()));
        let mut c = good_claims();
        c["aud"] = json!(["kmo", "other"]);
        c["azp"] = json!("kmo");
        assert_eq!(check(c), Ok(()));
    }

    #[test]
    fn each_wrong_claim_is_refused_with_its_own_code() {
        let cases = [
            ("iss", json!("https://evil.example"), Refusal::Issuer),
            ("aud", json!("someone-else"), Refusal::Audience),
            ("aud", json!(["kmo", "other"]), Refusal::Audience), // several, no azp
            ("azp", json!("other"), Refusal::Audience),
            ("exp", json!(1_300), Refusal::Expired),
            ("iat", json!(9_000), Refusal::NotYetValid),
            ("nonce", json!("n-2"), Refusal::Nonce),
            ("nonce", Value::Null, Refusal::Nonce),
        ];
        for (claim, value, refusal) in cases {
            let mut c = good_claims();
            c[claim] = value.clone();
            assert_eq!(check(c), Err(refusal), "{claim} = {value}");
        }
    }

    #[test]
    fn only_asymmetric_algorithms_and_three_parts_are_accepted() {
        for alg in ["none", "HS256", "RS384"] {
            let raw = token(json!({ "alg": alg }), good_claims());
            assert_eq!(parse(&raw).err(), Some(Refusal::Algorithm), "{alg}");
        }
        assert_eq!(parse("a.b").err(), Some(Refusal::Malformed));
        assert_eq!(parse("a.b.c.d").err(), Some(Refusal::Malformed));
        assert_eq!(parse("!!.??.x").err(), Some(Refusal::Malformed));
        let crit = token(json!({ "alg": "RS256", "crit": ["exp"] }), good_claims());
        assert_eq!(parse(&crit).err(), Some(Refusal::Malformed));
        let mut no_iat = good_claims();
        no_iat.as_object_mut().unwrap().remove("iat");
        let raw = token(json!({ "alg": "RS256" }), no_iat);
        assert_eq!(
            parse(&raw).err(),
            Some(Refusal::Malformed),
            "iat is required"
        );
    }

    #[test]
    fn the_key_is_chosen_by_kid_and_type() {
        let jwks: Jwks = serde_json::from_value(json!({ "keys": [
            { "kty": "RSA", "kid": "k1", "n": "x", "e": "AQAB" },
            { "kty": "EC", "kid": "k2", "crv": "P-256" },
            { "kty": "RSA", "kid": "k3", "use": "enc" }
        ]}))
        .unwrap();
        let with = |kid: Option<&str>, alg: &str| {
            let mut h = json!({ "alg": alg });
            if let Some(k) = kid {
                h["kid"] = json!(k);
            }
            parse(&token(h, good_claims())).unwrap()
        };
        assert_eq!(
            select_key(&with(Some("k1"), "RS256"), &jwks)
                .unwrap()
                .kid
                .as_deref(),
            Some("k1")
        );
        // The EC key is not an RSA key, the encryption key signs nothing.
        assert_eq!(
            select_key(&with(Some("k2"), "RS256"), &jwks).err(),
            Some(Refusal::UnknownKey)
        );
        assert_eq!(
            select_key(&with(Some("k3"), "RS256"), &jwks).err(),
            Some(Refusal::UnknownKey)
        );
        assert_eq!(
            select_key(&with(None, "RS256"), &jwks)
                .unwrap()
                .kid
                .as_deref(),
            Some("k1")
        );
        assert_eq!(
            select_key(&with(Some("zz"), "RS256"), &jwks).err(),
            Some(Refusal::UnknownKey)
        );
    }
}
