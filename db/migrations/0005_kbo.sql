-- The public KBO data (KBO Open Data of the FPS Economy, "Cookbook KBO Open data"), as far as
-- registration and the eligibility rules read it, loaded by `scripts/kbo-import.sh` from the
-- published CSV files (a full extract or a daily/monthly update). Numbers are stored as their
-- 10 digits: an enterprise number starts with 0 or 1, an establishment unit number with 2 to 8.
-- `extract` is the number of the extract that last wrote the row: after a full extract, rows an
-- older extract wrote are removed (the full set is the whole truth).

-- Every extract applied, in order. A chunk of an extract older than the newest applied one
-- fails (kbo_extract_order), so an older update can never undo a newer one.
CREATE TABLE kbo_extracts (
  number         INTEGER PRIMARY KEY,        -- meta.csv ExtractNumber
  type           TEXT NOT NULL CHECK (type IN ('full', 'update')),
  snapshot_date  TEXT NOT NULL,              -- meta.csv SnapshotDate, ISO
  imported_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
-- The guard each chunk starts with: inserting a 0 fails the CHECK, and so the chunk.
CREATE TABLE kbo_extract_order (ok INTEGER NOT NULL CHECK (ok = 1));

CREATE TABLE kbo_enterprises (
  number               TEXT PRIMARY KEY,     -- EnterpriseNumber
  status               TEXT NOT NULL,        -- AC active, ST stopped (code.csv Status)
  juridical_situation  TEXT NOT NULL,        -- code.csv JuridicalSituation
  type                 TEXT NOT NULL,        -- TypeOfEnterprise: 1 natural person, 2 legal person
  juridical_form       TEXT NOT NULL,        -- code.csv JuridicalForm; '' for a natural person
  start_date           TEXT NOT NULL,        -- ISO
  extract              INTEGER NOT NULL
);
CREATE INDEX kbo_enterprises_by_extract ON kbo_enterprises(extract);

CREATE TABLE kbo_establishments (
  number             TEXT PRIMARY KEY,       -- EstablishmentNumber
  enterprise_number  TEXT NOT NULL,
  start_date         TEXT NOT NULL,
  extract            INTEGER NOT NULL
);
CREATE INDEX kbo_establishments_by_enterprise ON kbo_establishments(enterprise_number);
CREATE INDEX kbo_establishments_by_extract ON kbo_establishments(extract);

CREATE TABLE kbo_denominations (
  entity        TEXT NOT NULL,               -- enterprise or establishment unit
  language      TEXT NOT NULL,               -- code.csv Language: 0 unknown, 1 FR, 2 NL, 3 DE, 4 EN
  type          TEXT NOT NULL,               -- 001 name, 002 abbreviation, 003 commercial name
  denomination  TEXT NOT NULL,
  extract       INTEGER NOT NULL,
  PRIMARY KEY (entity, type, language, denomination)
);
CREATE INDEX kbo_denominations_by_extract ON kbo_denominations(extract);

-- Registered office (REGO) and establishment unit (BAET) addresses only.
CREATE TABLE kbo_addresses (
  entity            TEXT NOT NULL,
  type              TEXT NOT NULL CHECK (type IN ('REGO', 'BAET')),
  country_nl        TEXT NOT NULL,           -- '' in Belgium
  zipcode           TEXT NOT NULL,
  municipality_nl   TEXT NOT NULL,
  municipality_fr   TEXT NOT NULL,
  street_nl         TEXT NOT NULL,
  street_fr         TEXT NOT NULL,
  house_number      TEXT NOT NULL,
  box               TEXT NOT NULL,
  extract           INTEGER NOT NULL,
  PRIMARY KEY (entity, type)
);
CREATE INDEX kbo_addresses_by_extract ON kbo_addresses(extract);

-- Main activities (Classification MAIN) in NACE-BEL 2008 and 2025 only.
CREATE TABLE kbo_activities (
  entity          TEXT NOT NULL,
  activity_group  TEXT NOT NULL,             -- code.csv ActivityGroup (001 VAT, ...)
  nace_version    TEXT NOT NULL CHECK (nace_version IN ('2008', '2025')),
  nace_code       TEXT NOT NULL,             -- 5 digits
  extract         INTEGER NOT NULL,
  PRIMARY KEY (entity, activity_group, nace_version, nace_code)
);
CREATE INDEX kbo_activities_by_extract ON kbo_activities(extract);

-- The labels of the codes shown (legal forms, situations, NACE-BEL), every language.
CREATE TABLE kbo_codes (
  category     TEXT NOT NULL,
  code         TEXT NOT NULL,
  language     TEXT NOT NULL,                -- NL, FR, DE, EN
  description  TEXT NOT NULL,
  extract      INTEGER NOT NULL,
  PRIMARY KEY (category, code, language)
);

-- A registered enterprise keeps what it declared at registration (public participation, size)
-- and later (de minimis aid); the KBO facts are read from the kbo_ tables at every check.
ALTER TABLE enterprises RENAME COLUMN facts TO declared;
UPDATE enterprises SET declared = json_object(
  'public_participation', json_extract(declared, '$.public_participation'),
  'size', json_extract(declared, '$.size'),
  'de_minimis_aid', json(coalesce(json_extract(declared, '$.de_minimis_aid'), '[]')));
-- The e-mail address is confirmed by a link mailed to it (NULL: not yet).
ALTER TABLE enterprises ADD COLUMN email_confirmed_at TEXT;
-- The links mailed to confirm an address: the mail holds a random token, D1 only its SHA-256. A
-- link confirms the address it was sent to, once, while that is still the enterprise's address.
CREATE TABLE email_confirmations (
  token_hash         TEXT PRIMARY KEY,
  enterprise_number  TEXT NOT NULL REFERENCES enterprises(number),
  email              TEXT NOT NULL,
  expires_at         INTEGER NOT NULL          -- unix seconds
);
CREATE INDEX email_confirmations_by_enterprise ON email_confirmations(enterprise_number);
ALTER TABLE enterprises ADD COLUMN registered_by TEXT NOT NULL DEFAULT '';
