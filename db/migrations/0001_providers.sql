-- Registered service providers (dienstverleners) and what they are registered for.
CREATE TABLE providers (
  number      TEXT PRIMARY KEY,             -- DV.O123456 / DV.0123456
  name        TEXT NOT NULL,
  address     TEXT NOT NULL,
  email       TEXT NOT NULL,
  suspended   INTEGER NOT NULL DEFAULT 0,
  created_at  TEXT NOT NULL DEFAULT (datetime('now'))
);

-- One row per service type a provider offers.
CREATE TABLE provider_services (
  provider_number TEXT NOT NULL REFERENCES providers(number),
  service         TEXT NOT NULL CHECK (service IN ('training', 'advice')),
  PRIMARY KEY (provider_number, service)
);

-- One row per theme (and optional sub-theme, '' for the whole theme) a provider is linked to.
CREATE TABLE provider_themes (
  provider_number TEXT NOT NULL REFERENCES providers(number),
  theme           TEXT NOT NULL,
  subtheme        TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (provider_number, theme, subtheme)
);
