//! API tests through real `wrangler dev` (workerd, local D1 and KV).

mod embed;
mod health;
mod openapi;
mod wallet;
mod simulate;
mod themes;
