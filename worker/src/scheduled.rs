//! The daily job (cron trigger): cancels applications whose deposit deadline passed and closes
//! projects at the end of their term, with the refunds due (RULES.md §6, §7; 004).

use shared::api::operator::DailyRun;
use shared::project::Event;
use worker::{Env, Result};

use crate::db::{self, text};
use crate::store::{self, Changed};

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
    Ok(run)
}
