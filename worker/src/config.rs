//! The Worker's configuration: `[vars]` of wrangler.toml and secrets (`wrangler secret put`).
//! README, "Deploying to Cloudflare", lists every name.

use worker::Env;

/// A variable or secret, when set and not empty.
pub fn var(env: &Env, name: &str) -> Option<String> {
    env.var(name)
        .ok()
        .map(|v| v.to_string())
        .or_else(|| env.secret(name).ok().map(|v| v.to_string()))
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// `PUBLIC_ORIGIN`: the one origin the product is served from (`https://host`, no path). Changing
/// requests must come from it, the sign-in callback and the sitemap are built on it.
pub fn public_origin(env: &Env) -> Option<String> {
    var(env, "PUBLIC_ORIGIN").map(|o| normalise_origin(&o))
}

/// An origin as browsers send it: lower case, no trailing slash, no default port.
pub fn normalise_origin(origin: &str) -> String {
    let o = origin.trim().trim_end_matches('/').to_ascii_lowercase();
    for (scheme, port) in [("https://", ":443"), ("http://", ":80")] {
        if o.starts_with(scheme) && o.ends_with(port) {
            return o[..o.len() - port.len()].to_string();
        }
    }
    o
}

/// A comma-separated list variable, entries trimmed, empty ones dropped.
pub fn list(env: &Env, name: &str) -> Vec<String> {
    var(env, name).map(|v| split_list(&v)).unwrap_or_default()
}

pub fn split_list(v: &str) -> Vec<String> {
    v.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// Whether this is the development build running in the development environment: the build
/// carries the `dev` feature *and* `ENVIRONMENT = "development"` (only `[env.dev]` sets it).
pub fn is_development(env: &Env) -> bool {
    cfg!(feature = "dev") && var(env, "ENVIRONMENT").as_deref() == Some("development")
}

#[cfg(test)]
mod tests {
    use super::{normalise_origin, split_list};

    #[test]
    fn the_public_origin_is_written_as_browsers_send_it() {
        assert_eq!(
            normalise_origin("https://KMO.example.be/"),
            "https://kmo.example.be"
        );
        assert_eq!(
            normalise_origin("https://kmo.example.be:443"),
            "https://kmo.example.be"
        );
        assert_eq!(
            normalise_origin("http://127.0.0.1:8791"),
            "http://127.0.0.1:8791"
        );
        assert_eq!(normalise_origin("http://host:80"), "http://host");
    }

    #[test]
    fn lists_drop_blanks_and_spaces() {
        assert_eq!(split_list(" anna, ,bart ,"), vec!["anna", "bart"]);
        assert!(split_list("").is_empty());
    }
}
