-- Sign-in for all three roles (OpenID Connect): a session belongs to a person (the identity
-- provider's subject), lists the organisations the person may act for and which one they act
-- for now (NULL until they choose among several). Sessions are short-lived: the table is made
-- anew, and everyone signs in again after this migration.
DROP TABLE sessions;
CREATE TABLE sessions (
  token_hash  TEXT PRIMARY KEY,
  role        TEXT CHECK (role IN ('enterprise', 'provider', 'operator')),
  subject     TEXT,                          -- enterprise number, provider number or 'operator'
  person      TEXT NOT NULL,                 -- the identity provider's `sub`
  user_name   TEXT NOT NULL,
  choices     TEXT NOT NULL DEFAULT '[]',    -- JSON [{ role, subject, name }]
  expires_at  INTEGER NOT NULL,              -- unix seconds
  CHECK ((role IS NULL) = (subject IS NULL))
);
CREATE INDEX sessions_by_expiry ON sessions(expires_at);

-- The audit log names the person, not only the organisation they acted for.
ALTER TABLE audit_log ADD COLUMN person TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN person_name TEXT NOT NULL DEFAULT '';
