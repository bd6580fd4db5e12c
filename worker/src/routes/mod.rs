pub mod health;
pub mod simulate;
pub mod themes;
