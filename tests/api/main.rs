//! API tests through real `wrangler dev` (workerd, local D1 and KV).

mod embed;
mod health;
mod openapi;
mod sign_in;
mod simulate;
mod themes;
mod wallet;
