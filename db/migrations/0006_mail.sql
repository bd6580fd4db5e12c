-- Mail delivery (send_email through the mail queue) and the daily reminders.
--
-- A change that causes a mail writes its outbox row in the change's own D1 batch (as before);
-- the Queue consumer (worker/src/mail.rs) claims a row by moving it from 'pending' to 'sending'
-- in one statement before handing it to the mail service, so a message delivered twice, or a
-- row queued twice, is sent once. A row whose answer was never recorded stays 'sending' and is
-- never sent again automatically: the operator sees it with the parked ('failed') ones. A
-- reminder whose project no longer needs it when its turn comes is 'dropped', not sent.
ALTER TABLE outbox ADD COLUMN kind TEXT NOT NULL DEFAULT 'notice'
  CHECK (kind IN ('notice', 'confirmation', 'security', 'reminder'));
-- The reminder's code (shared::reminder::Reminder), one per project and code.
ALTER TABLE outbox ADD COLUMN reminder TEXT;
-- An EPC QR payload to show as an image in the mail (deposit details).
ALTER TABLE outbox ADD COLUMN qr TEXT;
ALTER TABLE outbox ADD COLUMN status TEXT NOT NULL DEFAULT 'pending'
  CHECK (status IN ('pending', 'sending', 'sent', 'held', 'failed', 'dropped'));
ALTER TABLE outbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
-- Unix seconds before which a retry must not be sent (backoff); NULL: at once.
ALTER TABLE outbox ADD COLUMN next_attempt_at INTEGER;
ALTER TABLE outbox ADD COLUMN last_error TEXT;
ALTER TABLE outbox ADD COLUMN sent_at TEXT;
-- When the consumer took the row to send it (a row 'sending' long after this is stuck).
ALTER TABLE outbox ADD COLUMN claimed_at TEXT;

-- Rows written before mails were sent are history, not mail to send now: months-old deposit
-- details would go out. They stay readable, marked as never sent.
UPDATE outbox SET status = 'dropped', last_error = 'geschreven voor de mails verstuurd werden';
-- The confirmation links among them carry a secret the portal's list of mails must not show.
UPDATE outbox SET kind = 'confirmation'
 WHERE subject = 'Bevestig uw e-mailadres voor de kmo-portefeuille';

-- Enterprises on file before e-mail confirmation existed (0005; registered_by is empty for them)
-- were always mailed at their address on file: it counts as confirmed, or their mails would wait
-- forever for a link they were never sent. Registrations since 0005 confirm their own.
UPDATE enterprises SET email_confirmed_at = datetime('now')
 WHERE email_confirmed_at IS NULL AND registered_by = '';

CREATE UNIQUE INDEX outbox_reminder_once ON outbox(project_id, reminder) WHERE reminder IS NOT NULL;
CREATE INDEX outbox_by_status ON outbox(status, id);
