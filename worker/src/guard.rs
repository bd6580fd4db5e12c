//! What every request passes before its handler:
//! - rate limits per client address (the Workers Rate Limiting binding): sign-in attempts
//!   (`SIGN_IN_LIMITER`) and provider searches and look-ups (`SEARCH_LIMITER`), counted before
//!   anything else, also when sign-in is not configured;
//! - the origin check: a changing request that names an `Origin` must come from `PUBLIC_ORIGIN`
//!   (browsers always send it on POST/PUT/PATCH/DELETE; clients without cookies need not).

use worker::{Env, Method, Request, Response, Result};

use crate::{config, http};

/// The limiter binding that counts requests to `path`, if any.
fn limiter_for(path: &str) -> Option<&'static str> {
    match path {
        "/api/v1/auth/login" | "/api/v1/auth/callback" => Some("SIGN_IN_LIMITER"),
        "/api/v1/providers" => Some("SEARCH_LIMITER"),
        p if p.starts_with("/api/v1/providers/") => Some("SEARCH_LIMITER"),
        _ => None,
    }
}

/// Seconds after which a refused client may try again: the limiters' period (wrangler.toml).
const RETRY_AFTER_SECONDS: &str = "60";

/// The answer that refuses this request before any handler runs, if any.
pub async fn check(req: &Request, env: &Env) -> Result<Option<Response>> {
    if let Some(binding) = limiter_for(&req.path()) {
        // A missing binding is a configuration error: the request fails (500) rather than run
        // without a limit.
        let limiter = env.rate_limiter(binding)?;
        let key = format!("{binding}:{}", client_address(req));
        if !limiter.limit(key).await?.success {
            let mut answer = if binding == "SIGN_IN_LIMITER" && wants_html(req) {
                // Sign-in is a browser navigation: a page a person can read, not JSON.
                Response::from_html(RATE_LIMITED_PAGE)?.with_status(429)
            } else {
                http::error(
                    429,
                    "",
                    "rate_limited",
                    "Te veel aanvragen na elkaar. Probeer het over een minuut opnieuw.",
                )?
            };
            answer
                .headers_mut()
                .set("retry-after", RETRY_AFTER_SECONDS)?;
            return Ok(Some(answer));
        }
    }
    if changes(&req.method()) {
        if let Some(origin) = req.headers().get("origin")? {
            if !origin_allowed(config::public_origin(env).as_deref(), &origin) {
                return Ok(Some(http::error(
                    403,
                    "",
                    "cross_origin",
                    "Verzoeken van een andere website worden geweigerd.",
                )?));
            }
        }
    }
    Ok(None)
}

const RATE_LIMITED_PAGE: &str = "<!doctype html><html lang=\"nl-BE\"><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>Even geduld – kmo-portefeuille</title><main><h1>Even geduld</h1>\
<p>Er werd van op uw verbinding te vaak na elkaar aangemeld. Wacht een minuut en probeer opnieuw.</p>\
<p><a href=\"/aanmelden\">Terug naar aanmelden</a></p></main></html>";

fn wants_html(req: &Request) -> bool {
    req.headers()
        .get("accept")
        .ok()
        .flatten()
        .is_some_and(|a| a.contains("text/html"))
}

/// The client as the rate limits count it: the address Cloudflare's edge reports
/// (`CF-Connecting-IP`, which the edge sets itself), an IPv6 address by its /64 — one
/// subscriber's whole network, which it can rotate addresses within; one shared bucket when
/// absent or unreadable.
pub fn client_address(req: &Request) -> String {
    req.headers()
        .get("cf-connecting-ip")
        .ok()
        .flatten()
        .map(|a| rate_key(&a))
        .unwrap_or_else(|| "unknown".into())
}

fn rate_key(address: &str) -> String {
    use std::net::IpAddr;
    match address.trim().parse::<IpAddr>() {
        Ok(IpAddr::V4(v4)) => v4.to_string(),
        Ok(IpAddr::V6(v6)) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
        Err(_) => "unknown".into(),
    }
}

fn changes(method: &Method) -> bool {
    !matches!(method, Method::Get | Method::Head | Method::Options)
}

/// A present `Origin` must be exactly the configured public origin; without one configured
/// every browser's changing request is refused (fail closed).
fn origin_allowed(public_origin: Option<&str>, origin: &str) -> bool {
    public_origin.is_some_and(|own| own == origin)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_in_and_provider_routes_are_limited_and_nothing_else() {
        assert_eq!(limiter_for("/api/v1/auth/login"), Some("SIGN_IN_LIMITER"));
        assert_eq!(
            limiter_for("/api/v1/auth/callback"),
            Some("SIGN_IN_LIMITER")
        );
        assert_eq!(limiter_for("/api/v1/providers"), Some("SEARCH_LIMITER"));
        assert_eq!(
            limiter_for("/api/v1/providers/DV.O123456"),
            Some("SEARCH_LIMITER")
        );
        assert_eq!(limiter_for("/api/v1/simulate"), None);
        assert_eq!(limiter_for("/api/v1/provider/projects"), None);
    }

    #[test]
    fn ipv6_clients_are_counted_by_their_64_bit_prefix() {
        assert_eq!(rate_key("198.51.100.7"), "198.51.100.7");
        assert_eq!(rate_key("2001:db8:1:2:aaaa::1"), "2001:db8:1:2::/64");
        assert_eq!(rate_key("2001:db8:1:2:bbbb:cccc::9"), "2001:db8:1:2::/64");
        assert_ne!(rate_key("2001:db8:1:3::1"), rate_key("2001:db8:1:2::1"));
        assert_eq!(rate_key("::ffff:198.51.100.7"), "198.51.100.7");
        assert_eq!(rate_key("not an address"), "unknown");
    }

    #[test]
    fn only_the_configured_origin_passes() {
        let own = Some("https://kmo.example");
        assert!(origin_allowed(own, "https://kmo.example"));
        assert!(!origin_allowed(own, "http://kmo.example"));
        assert!(!origin_allowed(own, "https://kmo.example.evil"));
        assert!(!origin_allowed(own, "null"));
        assert!(!origin_allowed(None, "https://kmo.example"));
    }
}
