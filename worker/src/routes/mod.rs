pub mod health;
pub mod providers;
pub mod simulate;
pub mod themes;
