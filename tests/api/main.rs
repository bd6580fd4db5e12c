//! API tests through real `wrangler dev` (workerd, local D1 and KV).

mod health;
mod simulate;
mod themes;
