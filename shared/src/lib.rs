//! The rules of the kmo-portefeuille (Flemish SME wallet subsidy), as pure functions and types.
//!
//! Every number, deadline and check the product applies lives here, so the browser (Leptos)
//! and the edge (Cloudflare Worker) compute the same answer. Sources are cited on each rule:
//! `../shared/domain/RULES.md` (sections) and the seeds (`000`–`004`).
//!
//! A reader finds a rule by its name:
//! - [`money`], [`rate`]: the value types every amount and percentage is made of;
//! - [`regime`]: the dated rule sets (which rates, themes and ceilings apply on a date);
//! - [`themes`], [`service`], [`size`]: what is bought, and by whom; [`size_wizard`]: the
//!   size question as the API, the public page and the portal ask it;
//! - [`rates`], [`amounts`], [`ceiling`]: the support rate, the project/own contribution/subsidy
//!   split and the annual budget;
//! - [`enterprise`], [`nace`], [`de_minimis`]: whether an enterprise may apply;
//! - [`kbo`]: an enterprise as the public KBO data describe it (registration, RULES.md §1);
//! - [`service_eligibility`], [`costs`]: whether a service and its costs are eligible;
//! - [`deadlines`]: every date a project must meet;
//! - [`reminder`], [`calendar`]: the reminder mails of those dates, and the dates as an
//!   iCalendar file for the enterprise's own calendar;
//! - [`project`]: the project's life as a state machine with its money movements;
//! - [`ids`]: enterprise number, structured communication, IBAN, dossier and provider numbers,
//!   payment communication;
//! - [`wallet_account`]: where the own contribution is deposited (003 step 5);
//! - [`rating`], [`epc_qr`]: provider ratings and the EPC QR payload of a deposit;
//! - [`application`]: a support application checked as a whole (the wizard's five steps);
//! - `bank_statement` (feature `bank-statements`, server only): the bank's entries of the wallet
//!   account, from JSON or a CAMT.053 statement, read for matching deposits;
//! - [`source`], [`explanation`]: the legal texts the rules rest on, and every amount's
//!   explanation citing them ("Hoe berekend?");
//! - [`simulate`]: the public subsidy simulator (request parsing and answer);
//! - [`api`]: the API's contract, one type per request body and answer of every route;
//! - [`error`], [`form`]: field errors and refusal reasons with stable codes and Dutch messages;
//! - [`today`]: the calendar day in Belgium;
//! - [`format`](mod@format): how amounts and dates are shown to people (`€ 1.234,56`, `dd/mm/yyyy`).

pub mod amounts;
pub mod api;
pub mod application;
#[cfg(feature = "bank-statements")]
pub mod bank_statement;
pub mod calendar;
pub mod ceiling;
pub mod costs;
pub mod csv;
pub mod de_minimis;
pub mod deadlines;
pub mod enterprise;
pub mod epc_qr;
pub mod error;
pub mod explanation;
pub mod form;
pub mod format;
pub mod ids;
pub mod kbo;
pub mod mail;
pub mod money;
pub mod nace;
pub mod project;
pub mod rate;
pub mod rates;
pub mod rating;
pub mod regime;
pub mod reminder;
pub mod role;
pub mod service;
pub mod service_eligibility;
pub mod simulate;
pub mod size;
pub mod size_wizard;
pub mod source;
pub mod themes;
pub mod today;
pub mod wallet_account;
