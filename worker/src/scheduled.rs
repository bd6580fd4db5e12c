//! The daily job (cron trigger): cancels applications whose deposit deadline passed and closes
//! projects at the end of their term, with the refunds due (RULES.md §6, §7; 004), and writes the
//! reminders that are due (shared::reminder).

use chrono::NaiveDate;
use shared::api::operator::DailyRun;
use shared::project::Event;
use shared::reminder::{self, Reminder};
use worker::{Env, Result};

use crate::db::{self, int, text};
use crate::store::{self, Changed};
use crate::{mail, notifications};

/// The cron of the mail sweep (wrangler.toml `[triggers]`); every other cron is the daily job.
pub const SWEEP: &str = "*/10 * * * *";

/// Projects read per query and reminders written per batch.
const PAGE: i64 = 100;

/// Cancels and closes what is due `today`; answers what it did.
pub async fn run(env: &Env, today: chrono::NaiveDate) -> Result<DailyRun> {
    let d1 = db::db(env)?;
    let day = today.to_string();
    let system = store::system();
    let mut run = DailyRun::default();
    let late = store::select(
        &d1,
        "status = 'awaiting_deposit' AND deposit_by < ?1",
        &[text(&day)],
    )
    .await?;
    for row in late {
        let event = Event::DeadlinePassed { date: today };
        if let Changed::Done { .. } = store::change(
            env,
            row.id,
            &event,
            &system,
            "deposit_deadline_passed",
            &store::no_extra,
        )
        .await?
        {
            run.cancelled += 1;
        }
    }
    let ended = store::select(
        &d1,
        "status IN ('awaiting_deposit', 'running') AND closes_on < ?1",
        &[text(&day)],
    )
    .await?;
    for row in ended {
        let event = Event::TermEnded { date: today };
        if let Changed::Done { .. } =
            store::change(env, row.id, &event, &system, "term_ended", &store::no_extra).await?
        {
            run.closed += 1;
        }
    }
    run.reminders = reminders(env, today).await?;
    Ok(run)
}

/// Writes and queues the reminders due `today`, each once per project and deadline (the outbox
/// keeps one row per project and reminder code, so a second run writes nothing). For each
/// reminder, the projects whose deadline lies in the days for which it is the one due
/// ([`Reminder::deadlines_due`]) and that do not have it yet are read a page at a time, by id;
/// [`reminder::due`] decides for each.
async fn reminders(env: &Env, today: NaiveDate) -> Result<u32> {
    let d1 = db::db(env)?;
    let mut written = 0;
    for r in Reminder::ALL {
        let (first, last) = r.deadlines_due(today);
        // The project's status the reminder is for and the column holding its deadline.
        let (status, deadline) = if r.is_deposit() {
            ("awaiting_deposit", "deposit_by")
        } else {
            ("running", "closes_on")
        };
        let mut after = 0_i64;
        loop {
            let rows = store::select(
                &d1,
                &format!(
                    "id > ?1 AND status = ?2 AND {deadline} BETWEEN ?3 AND ?4 AND NOT EXISTS \
                     (SELECT 1 FROM outbox o WHERE o.project_id = projects.id AND o.reminder = ?5) \
                     ORDER BY id LIMIT ?6"
                ),
                &[
                    int(after),
                    text(status),
                    text(&first.to_string()),
                    text(&last.to_string()),
                    text(r.code()),
                    int(PAGE),
                ],
            )
            .await?;
            let Some(last_row) = rows.last() else { break };
            after = last_row.id;
            let full = rows.len() as i64 == PAGE;
            let mut batch = Vec::new();
            for row in rows
                .iter()
                .filter(|row| reminder::due(&row.state, today).contains(&r))
            {
                let mail = if r.is_deposit() {
                    // A project whose deposit details cannot be written skips its reminder,
                    // not the day's others (logged for the technical staff).
                    match row.deposit_details() {
                        Ok(d) => notifications::deposit_reminder(row, r, &d),
                        Err(e) => {
                            worker::console_error!(
                                "reminder {} of {}: deposit details: {}",
                                r.code(),
                                row.dossier_number,
                                e.code()
                            );
                            continue;
                        }
                    }
                } else {
                    notifications::closing_reminder(row, r)
                };
                batch.push(store::outbox(&d1, &mail, Some(row.id))?);
            }
            if !batch.is_empty() {
                let results = mail::run_batch(env, &d1, batch).await?;
                written += results
                    .iter()
                    .map(|r| db::changes(r).unwrap_or(0) as u32)
                    .sum::<u32>();
            }
            if !full {
                break;
            }
        }
    }
    Ok(written)
}
