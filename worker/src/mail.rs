//! Mail delivery, exactly once: outbox row → mail queue → `send_email`.
//!
//! A change that causes a mail writes its outbox row in the change's own D1 batch
//! ([`crate::store::outbox`], which answers the row's id); once the batch is stored the ids are
//! put on the mail queue ([`run_batch`]). The queue consumer ([`consume`]) first *claims* a row,
//! moving it from `pending` to `sending` in one statement, then hands it to the mail service and
//! records the answer. A message delivered twice, or a row queued twice (by the sweep), finds the
//! row no longer pending and does nothing: a mail is never sent twice. When the mail service
//! fails, the row goes back to `pending` with a time before which it must not be tried again,
//! and the message is retried with that delay (doubling each time); after `MAIL_MAX_ATTEMPTS`
//! tries it is parked as `failed` for the operator. A Worker stopped between a batch and the
//! queue leaves its rows pending: the sweep ([`sweep`], every 10 minutes) queues them again.
//! A Worker stopped between claim and answer leaves the row `sending`: it is not sent again
//! (the operator sees it), because sending it twice is the worse mistake.
//!
//! Mails to an enterprise whose address is not confirmed are held (`held`) until it is
//! ([`release_held`]); the confirmation link itself and the notice of a changed address are
//! always sent (shared::mail). A reminder whose project no longer needs it when its turn comes
//! is `dropped`. A sender misconfigured (MAIL_FROM) takes no mail: they wait, pending.

use serde::{Deserialize, Serialize};
use shared::api::session::MailStatus;
use shared::mail::MailKind;
use worker::{
    D1PreparedStatement, D1Result, Env, MessageBatch, MessageExt, QueueRetryOptionsBuilder, Result,
};

use crate::db::Db;

use crate::config;
use crate::db::{self, int, text};
use crate::mime::{self, Outgoing};
use crate::store;

/// The producer binding of the mail queue (wrangler.toml).
const QUEUE: &str = "MAIL_QUEUE";
/// The `send_email` binding.
const BINDING: &str = "MAIL";
/// A queue's `sendBatch` takes at most 100 messages.
const QUEUE_BATCH: usize = 100;
/// The sweep queues at most this many rows per run (every 10 minutes).
const SWEEP_LIMIT: i64 = 1000;
/// The rows the operator must look at (SQL condition on `outbox`): parked after every try, or
/// `sending` for more than ten minutes since their claim with no answer recorded (outcome
/// unknown; never sent again by itself).
pub const PARKED_SQL: &str = "(status = 'failed' OR (status = 'sending' \
     AND claimed_at <= strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-10 minutes')))";
/// The longest wait between two tries.
const MAX_DELAY_SECONDS: i64 = 6 * 60 * 60;

/// One message on the mail queue: the outbox row to send.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct Job {
    pub outbox: i64,
}

/// A row an outbox statement answered (`RETURNING id AS outbox_id`).
#[derive(Deserialize)]
struct Written {
    outbox_id: i64,
}

/// Runs `batch` and queues every outbox row it wrote. The rows are stored whatever the queue
/// answers: a failure to queue is logged and left to the sweep.
pub async fn run_batch(
    env: &Env,
    d1: &Db,
    batch: Vec<D1PreparedStatement>,
) -> Result<Vec<D1Result>> {
    let results = d1.batch(batch).await?;
    enqueue(env, &written(&results)).await;
    Ok(results)
}

/// The outbox ids among a batch's answers (other statements' rows do not have the column).
fn written(results: &[D1Result]) -> Vec<i64> {
    results
        .iter()
        .filter_map(|r| r.results::<Written>().ok())
        .flatten()
        .map(|w| w.outbox_id)
        .collect()
}

/// Puts the rows on the mail queue, 100 per call.
pub async fn enqueue(env: &Env, ids: &[i64]) {
    if ids.is_empty() {
        return;
    }
    let queue = match env.queue(QUEUE) {
        Ok(q) => q,
        Err(e) => {
            worker::console_error!("mail queue unavailable ({e}); the sweep will queue {ids:?}");
            return;
        }
    };
    for chunk in ids.chunks(QUEUE_BATCH) {
        let jobs: Vec<Job> = chunk.iter().map(|&outbox| Job { outbox }).collect();
        if let Err(e) = queue.send_batch(jobs).await {
            worker::console_error!("mail queue refused {chunk:?} ({e}); the sweep will queue them");
        }
    }
}

/// Queues pending rows that are due and older than five minutes (their own queueing failed or
/// their message was lost); rows already queued are claimed once whatever happens.
pub async fn sweep(env: &Env) -> Result<usize> {
    let d1 = db::db(env)?;
    let rows: Vec<Written> = db::all(
        &d1,
        "SELECT id AS outbox_id FROM outbox WHERE status = 'pending' \
         AND COALESCE(next_attempt_at, 0) <= ?1 AND created_at <= datetime('now', '-5 minutes') \
         ORDER BY id LIMIT ?2",
        &[int(crate::auth::now_seconds()), int(SWEEP_LIMIT)],
    )
    .await?;
    let ids: Vec<i64> = rows.into_iter().map(|r| r.outbox_id).collect();
    enqueue(env, &ids).await;
    Ok(ids.len())
}

/// The statement that releases the enterprise's held mails once its address is confirmed (in
/// the confirmation's batch, after the address is marked confirmed): they go to that address.
pub fn release_held(d1: &Db, token_hash: &str) -> Result<D1PreparedStatement> {
    db::stmt(
        d1,
        "UPDATE outbox SET status = 'pending', \
                recipient = (SELECT email FROM enterprises WHERE number = outbox.subject_id) \
         WHERE status = 'held' AND role = 'enterprise' AND subject_id IN \
               (SELECT e.number FROM enterprises e JOIN email_confirmations c \
                  ON c.enterprise_number = e.number AND c.email = e.email \
                WHERE c.token_hash = ?1 AND e.email_confirmed_at IS NOT NULL) \
         RETURNING id AS outbox_id",
        &[text(token_hash)],
    )
}

/// The mail settings (wrangler.toml `[vars]`).
struct Settings {
    from: String,
    from_name: String,
    max_attempts: i64,
    retry_seconds: i64,
}

impl Settings {
    fn of(env: &Env) -> Settings {
        let number = |name: &str, default: i64| {
            config::var(env, name)
                .and_then(|v| v.parse::<i64>().ok())
                .filter(|n| *n > 0)
                .unwrap_or(default)
        };
        Settings {
            from: config::var(env, "MAIL_FROM").unwrap_or_default(),
            from_name: config::var(env, "MAIL_FROM_NAME")
                .unwrap_or_else(|| "kmo-portefeuille".into()),
            max_attempts: number("MAIL_MAX_ATTEMPTS", 6),
            retry_seconds: number("MAIL_RETRY_SECONDS", 60),
        }
    }

    /// The wait after the `attempts`-th failed try: the base, doubled per earlier try.
    fn delay(&self, attempts: i64) -> i64 {
        let doublings = u32::try_from(attempts.clamp(1, 20) - 1).unwrap_or(0);
        self.retry_seconds
            .saturating_mul(1_i64 << doublings)
            .min(MAX_DELAY_SECONDS)
    }
}

/// What became of one message.
enum Outcome {
    /// Sent, parked, held, dropped, or not this message's to send: acknowledge it.
    Done,
    /// The mail service failed: deliver the message again after this many seconds.
    RetryIn(i64),
}

/// The queue consumer (wrangler.toml `[[queues.consumers]]`).
pub async fn consume(batch: MessageBatch<Job>, env: &Env) -> Result<()> {
    let d1 = db::db(env)?;
    let settings = Settings::of(env);
    // A sender that cannot head a message is a configuration error: no mail is taken, every
    // message comes back later (the mails stay pending, the log says why).
    if let Err(e) = mime::check_sender(&settings.from, &settings.from_name) {
        worker::console_error!(
            "mail not sent: MAIL_FROM or MAIL_FROM_NAME: {}",
            e.message()
        );
        batch.retry_all_with_options(
            &QueueRetryOptionsBuilder::new()
                .with_delay_seconds(CONFIGURATION_WAIT_SECONDS)
                .build(),
        );
        return Ok(());
    }
    for message in batch.messages()? {
        let id = message.body().outbox;
        match deliver(env, &d1, &settings, id).await {
            Ok(Outcome::Done) => message.ack(),
            Ok(Outcome::RetryIn(seconds)) => message.retry_with_options(
                &QueueRetryOptionsBuilder::new()
                    .with_delay_seconds(u32::try_from(seconds).unwrap_or(u32::MAX))
                    .build(),
            ),
            Err(e) => {
                // D1 itself failed: what was recorded stands, let the queue deliver it again.
                worker::console_error!("mail {id}: {e}");
                message.retry();
            }
        }
    }
    Ok(())
}

/// The wait before messages come back while the sender is misconfigured.
const CONFIGURATION_WAIT_SECONDS: u32 = 600;

/// The claimed row.
#[derive(Deserialize)]
struct Claimed {
    id: i64,
    recipient: String,
    subject: String,
    body: String,
    qr: Option<String>,
    status: MailStatus,
    attempts: i64,
    kind: String,
    reminder: Option<String>,
    project_id: Option<i64>,
}

async fn deliver(env: &Env, d1: &Db, settings: &Settings, id: i64) -> Result<Outcome> {
    let now = crate::auth::now_seconds();
    // One statement takes the row: only a pending row that is due, so a second delivery of the
    // message finds nothing to do. A mail that waits for a confirmed address (shared::mail) is
    // held while the enterprise's address is not confirmed, and goes to the address on file now.
    let waiting: Vec<&str> = MailKind::waiting_ids().collect();
    let placeholders: Vec<String> = (0..waiting.len()).map(|i| format!("?{}", i + 3)).collect();
    let waits = format!("kind IN ({})", placeholders.join(", "));
    let mut args = vec![int(id), int(now + 1)];
    args.extend(waiting.iter().map(|k| text(k)));
    let claimed: Option<Claimed> = db::first(
        d1,
        &format!(
            "UPDATE outbox SET \
               status = CASE WHEN role = 'enterprise' AND {waits} AND NOT EXISTS \
                   (SELECT 1 FROM enterprises e WHERE e.number = outbox.subject_id \
                      AND e.email_confirmed_at IS NOT NULL) THEN 'held' ELSE 'sending' END, \
               recipient = CASE WHEN {waits} THEN COALESCE(CASE role \
                   WHEN 'enterprise' THEN (SELECT email FROM enterprises WHERE number = outbox.subject_id) \
                   ELSE (SELECT email FROM providers WHERE number = outbox.subject_id) END, recipient) \
                 ELSE recipient END, \
               claimed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') \
             WHERE id = ?1 AND status = 'pending' AND COALESCE(next_attempt_at, 0) <= ?2 \
             RETURNING id, recipient, subject, body, qr, status, attempts, kind, reminder, project_id"
        ),
        // A retry may arrive a little before its time: a second of slack.
        &args,
    )
    .await?;
    let Some(mail) = claimed else {
        return Ok(Outcome::Done);
    };
    if mail.status != MailStatus::Sending {
        return Ok(Outcome::Done);
    }
    let Some(kind) = MailKind::parse(&mail.kind, mail.reminder.as_deref()) else {
        park(d1, mail.id, mail.attempts, "onbekende soort mail").await?;
        return Ok(Outcome::Done);
    };
    // A reminder the project no longer needs (deposit in, balance paid, project ended) is not
    // sent: the project as it is now decides (shared::reminder).
    if let Some(reminder) = kind.reminder() {
        let project = match mail.project_id {
            Some(p) => store::by_id(d1, p).await?,
            None => None,
        };
        if !project.is_some_and(|p| reminder.needed_by(&p.state)) {
            db::run(
                d1,
                "UPDATE outbox SET status = 'dropped' WHERE id = ?1 AND status = 'sending'",
                &[int(mail.id)],
            )
            .await?;
            return Ok(Outcome::Done);
        }
    }
    let message_id = format!("outbox-{}@{}", mail.id, domain(&settings.from));
    let raw = mime::compose(&Outgoing {
        from: &settings.from,
        from_name: &settings.from_name,
        to: &mail.recipient,
        subject: &mail.subject,
        text: &mail.body,
        message_id: &message_id,
        date_unix: now,
        qr: mail.qr.as_deref(),
    });
    let tries = mail.attempts + 1;
    let sent = match raw {
        // A message that cannot be written (an address that is none) will not be written on a
        // later try either.
        Err(e) => {
            park(
                d1,
                mail.id,
                mail.attempts,
                &format!("{} ({})", e.message(), e.code()),
            )
            .await?;
            return Ok(Outcome::Done);
        }
        Ok(raw) => send(env, &settings.from, &mail.recipient, &raw).await,
    };
    match sent {
        Ok(()) => {
            db::run(
                d1,
                "UPDATE outbox SET status = 'sent', attempts = ?2, \
                 sent_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), last_error = NULL, \
                 next_attempt_at = NULL WHERE id = ?1 AND status = 'sending'",
                &[int(mail.id), int(tries)],
            )
            .await?;
            Ok(Outcome::Done)
        }
        Err(error) if tries >= settings.max_attempts => {
            park(d1, mail.id, tries, &error).await?;
            Ok(Outcome::Done)
        }
        Err(error) => {
            let wait = settings.delay(tries);
            db::run(
                d1,
                "UPDATE outbox SET status = 'pending', attempts = ?2, next_attempt_at = ?3, \
                 last_error = ?4 WHERE id = ?1 AND status = 'sending'",
                &[int(mail.id), int(tries), int(now + wait), text(&error)],
            )
            .await?;
            Ok(Outcome::RetryIn(wait))
        }
    }
}

/// Parks a mail for the operator after `tries` tries: it is not tried again by itself.
async fn park(d1: &Db, id: i64, tries: i64, error: &str) -> Result<()> {
    db::run(
        d1,
        "UPDATE outbox SET status = 'failed', attempts = ?2, last_error = ?3, \
         next_attempt_at = NULL WHERE id = ?1 AND status = 'sending'",
        &[int(id), int(tries), text(error)],
    )
    .await?;
    Ok(())
}

/// Hands one message to the `send_email` binding; the error is its message.
async fn send(env: &Env, from: &str, to: &str, raw: &str) -> std::result::Result<(), String> {
    let binding = env.send_email(BINDING).map_err(|e| e.to_string())?;
    let message = worker::EmailMessage::new(from, to, raw).map_err(js_error)?;
    binding.send(&message).await.map_err(js_error)?;
    Ok(())
}

fn js_error(e: js_sys::Error) -> String {
    String::from(e.message())
}

/// The domain of the sender address, for Message-IDs.
fn domain(address: &str) -> &str {
    address
        .rsplit_once('@')
        .map_or("kmo-portefeuille", |(_, d)| d)
}

#[cfg(test)]
mod tests {
    use super::Settings;

    fn settings(retry_seconds: i64) -> Settings {
        Settings {
            from: "noreply@kmo-portefeuille.example".into(),
            from_name: "kmo-portefeuille".into(),
            max_attempts: 6,
            retry_seconds,
        }
    }

    #[test]
    fn the_wait_doubles_after_each_failed_try_up_to_six_hours() {
        let s = settings(60);
        let waits: Vec<i64> = (1..=6).map(|a| s.delay(a)).collect();
        assert_eq!(waits, [60, 120, 240, 480, 960, 1920]);
        assert_eq!(s.delay(30), 6 * 60 * 60);
        assert_eq!(settings(1).delay(2), 2);
    }

    #[test]
    fn message_ids_use_the_sender_domain() {
        assert_eq!(
            super::domain("noreply@kmo-portefeuille.example"),
            "kmo-portefeuille.example"
        );
        assert_eq!(super::domain("geen-adres"), "kmo-portefeuille");
    }
}
