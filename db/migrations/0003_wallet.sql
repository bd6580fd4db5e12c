-- The wallet: enterprises, their annual budgets, projects and every movement of money.
-- Every state change is one D1 batch (a transaction); conditional updates guard concurrency.

CREATE TABLE enterprises (
  number       TEXT PRIMARY KEY,          -- 10 digits, e.g. 0403227515
  name         TEXT NOT NULL,
  email        TEXT NOT NULL,
  refund_iban  TEXT NOT NULL DEFAULT '',  -- for refunds of the own contribution (003)
  facts        TEXT NOT NULL,             -- shared::enterprise::EnterpriseFacts (JSON); size = proposed size
  created_at   TEXT NOT NULL DEFAULT (datetime('now'))
);

-- The annual budget per enterprise and calendar year, and the size fixed by the year's first
-- application (003). The CHECK makes the ceiling impossible to exceed, whatever runs at once.
CREATE TABLE enterprise_years (
  enterprise_number TEXT NOT NULL REFERENCES enterprises(number),
  year              INTEGER NOT NULL,
  size              TEXT NOT NULL CHECK (size IN ('small', 'medium')),
  ceiling_cents     INTEGER NOT NULL,
  reserved_cents    INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (enterprise_number, year),
  CHECK (reserved_cents >= 0 AND reserved_cents <= ceiling_cents)
);

-- Sessions: the cookie holds a random token, D1 only its SHA-256.
CREATE TABLE sessions (
  token_hash  TEXT PRIMARY KEY,
  role        TEXT NOT NULL CHECK (role IN ('enterprise', 'provider', 'operator')),
  subject     TEXT NOT NULL,              -- enterprise number, provider number or operator name
  user_name   TEXT NOT NULL,
  expires_at  INTEGER NOT NULL            -- unix seconds
);

-- Sequence numbers (dossier numbers per year).
CREATE TABLE counters (
  name   TEXT PRIMARY KEY,
  value  INTEGER NOT NULL
);

CREATE TABLE projects (
  id                 INTEGER PRIMARY KEY,
  dossier_number     TEXT NOT NULL UNIQUE,   -- 2026KMO000001
  communication      TEXT NOT NULL UNIQUE,   -- structured communication, 12 digits
  enterprise_number  TEXT NOT NULL REFERENCES enterprises(number),
  provider_number    TEXT NOT NULL REFERENCES providers(number),
  year               INTEGER NOT NULL,
  name               TEXT NOT NULL,
  service            TEXT NOT NULL,
  theme              TEXT NOT NULL,
  subtheme           TEXT NOT NULL DEFAULT '',
  form               TEXT NOT NULL,          -- shared::application::ApplicationForm (JSON)
  accepted           TEXT NOT NULL,          -- shared::application::Accepted (JSON)
  state              TEXT NOT NULL,          -- shared::project::Project (JSON)
  status             TEXT NOT NULL,          -- copy of the state's status, for queries
  project_cents      INTEGER NOT NULL,
  deposit_by         TEXT NOT NULL,
  closes_on          TEXT NOT NULL,
  op                 TEXT NOT NULL,          -- id of the last change (guards concurrent changes)
  idempotency_key    TEXT,
  applied_by         TEXT NOT NULL,          -- user who applied
  created_at         TEXT NOT NULL DEFAULT (datetime('now')),
  UNIQUE (enterprise_number, idempotency_key)
);
CREATE INDEX projects_by_enterprise ON projects(enterprise_number, year);
CREATE INDEX projects_by_provider ON projects(provider_number);
CREATE INDEX projects_by_status ON projects(status);

-- Every movement of money on a project (shared::project::Movement), append-only.
CREATE TABLE movements (
  id          INTEGER PRIMARY KEY,
  project_id  INTEGER NOT NULL REFERENCES projects(id),
  kind        TEXT NOT NULL,
  amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
  detail      TEXT NOT NULL,               -- the movement as JSON
  on_date     TEXT NOT NULL,
  created_at  TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX movements_by_project ON movements(project_id);

-- Payment orders to the provider (003 'Betalen').
CREATE TABLE payments (
  id               INTEGER PRIMARY KEY,
  project_id       INTEGER NOT NULL REFERENCES projects(id),
  amount_cents     INTEGER NOT NULL CHECK (amount_cents > 0),
  own_cents        INTEGER NOT NULL,
  subsidy_cents    INTEGER NOT NULL,
  reference        TEXT NOT NULL,
  communication    TEXT NOT NULL,
  status           TEXT NOT NULL DEFAULT 'ordered' CHECK (status IN ('ordered', 'executed')),
  idempotency_key  TEXT NOT NULL,
  ordered_on       TEXT NOT NULL,
  executed_at      TEXT,
  UNIQUE (project_id, idempotency_key),
  CHECK (own_cents + subsidy_cents = amount_cents)
);

-- Bank entries from the financial partner. entry_ref is the bank's id: importing twice credits once.
CREATE TABLE bank_entries (
  id                 INTEGER PRIMARY KEY,
  entry_ref          TEXT NOT NULL UNIQUE,
  booked_on          TEXT NOT NULL,
  amount_cents       INTEGER NOT NULL,
  currency           TEXT NOT NULL,
  credit             INTEGER NOT NULL,
  communication      TEXT NOT NULL,
  counterparty_name  TEXT NOT NULL DEFAULT '',
  counterparty_iban  TEXT NOT NULL DEFAULT '',
  -- credited | refund_wrong_amount | refund_late | refund_unknown | refund_duplicate | refund_ended | ignored_debit
  outcome            TEXT NOT NULL,
  project_id         INTEGER REFERENCES projects(id),
  refunded_at        TEXT,
  created_at         TEXT NOT NULL DEFAULT (datetime('now'))
);

-- Refunds of own contribution due to enterprises (stop, refusal, closing).
CREATE TABLE refunds (
  id            INTEGER PRIMARY KEY,
  project_id    INTEGER NOT NULL REFERENCES projects(id),
  amount_cents  INTEGER NOT NULL CHECK (amount_cents > 0),
  iban          TEXT NOT NULL,
  status        TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'executed')),
  created_at    TEXT NOT NULL DEFAULT (datetime('now'))
);

-- Every mail the real system sends, as text (a development page lists them).
CREATE TABLE outbox (
  id          INTEGER PRIMARY KEY,
  recipient   TEXT NOT NULL,
  role        TEXT NOT NULL,               -- enterprise | provider
  subject_id  TEXT NOT NULL,               -- enterprise or provider number
  subject     TEXT NOT NULL,
  body        TEXT NOT NULL,
  project_id  INTEGER REFERENCES projects(id),
  created_at  TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX outbox_by_subject ON outbox(role, subject_id);

-- Who changed what, when. Append-only: the triggers refuse any change or deletion.
CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY,
  actor_role  TEXT NOT NULL,
  actor       TEXT NOT NULL,
  action      TEXT NOT NULL,
  target      TEXT NOT NULL,
  detail      TEXT NOT NULL DEFAULT '{}',
  at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

-- Ratings reference projects.
CREATE INDEX ratings_by_project ON ratings(project_id);
