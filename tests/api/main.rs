//! API tests through real `wrangler dev` (workerd, local D1 and KV).

mod embed;
mod explain;
mod hardening;
mod health;
mod lists;
mod openapi;
mod registration;
mod simulate;
mod themes;
mod vectors;
mod wallet;
