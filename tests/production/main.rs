//! The production build with wrangler.toml's top-level configuration, under `wrangler dev`
//! (KMO_PROD_URL), signing in through a real OpenID Provider (`oidc-provider`, tests/idp.mjs,
//! KMO_IDP_URL): no development route exists, all three roles sign in through OpenID Connect
//! and nothing else, every forged or stale sign-in is refused, and the hardening holds.
//!
//! Every test uses client addresses of its own (`CF-Connecting-IP`, which Cloudflare's edge sets
//! and `wrangler dev` passes through), so the per-address rate limits of one test never meet
//! another's.

mod hardening;
mod oidc;
mod sign_in;

use std::sync::atomic::{AtomicU32, Ordering};

pub fn prod_url() -> String {
    std::env::var("KMO_PROD_URL").expect(
        "KMO_PROD_URL must point at the production build under wrangler dev (scripts/test.sh)",
    )
}

pub fn idp_url() -> String {
    std::env::var("KMO_IDP_URL")
        .expect("KMO_IDP_URL must point at the test OpenID Provider (scripts/test.sh)")
}

/// A client network no other test (nor an earlier run on the same server) uses — the rate
/// limits count an IPv6 client by its /64 — in the IPv6 documentation prefix (RFC 3849), and only
/// ever a header value here.
pub fn fresh_address() -> String {
    static NEXT: AtomicU32 = AtomicU32::new(1);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    format!("2001:db8:{:x}:{n:x}::1", std::process::id() & 0xffff)
}
