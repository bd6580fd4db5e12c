-- Ratings of providers by enterprises after payment (003 "Beoordelen prestaties dienstverlener").
CREATE TABLE ratings (
  id              INTEGER PRIMARY KEY,
  project_id      INTEGER NOT NULL UNIQUE,      -- one rating per project
  provider_number TEXT NOT NULL REFERENCES providers(number),
  stars           INTEGER NOT NULL CHECK (stars BETWEEN 1 AND 5),
  text            TEXT NOT NULL DEFAULT '',
  publish_name    INTEGER NOT NULL DEFAULT 0,
  rater_name      TEXT NOT NULL,
  company_name    TEXT NOT NULL,
  created_at      TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX ratings_by_provider ON ratings(provider_number);
