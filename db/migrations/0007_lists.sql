-- Lists at a Flemish year's volume (55,000 enterprises, 125,000 applications a year): every list
-- reads one page newest first (ORDER BY id DESC LIMIT n+1, below the cursor's id), so each
-- filter of the portals and the operator's screens has an index whose rows are in id order
-- within one value (SQLite appends the rowid to every index). Checked by EXPLAIN QUERY PLAN in
-- worker/src/lists.rs: no list scans a whole table.

-- The provider portal: by status, by year (projects_by_provider serves the unfiltered list).
CREATE INDEX projects_by_provider_status ON projects(provider_number, status);
CREATE INDEX projects_by_provider_year ON projects(provider_number, year);

-- The enterprise's overview by status: its own projects, never every project of that status.
CREATE INDEX projects_by_enterprise_status ON projects(enterprise_number, status);

-- Payments received by a provider, newest first: the provider on the payment itself, so the
-- page is read from one index instead of every payment of every project of the provider.
ALTER TABLE payments ADD COLUMN provider_number TEXT REFERENCES providers(number);
UPDATE payments SET provider_number =
  (SELECT provider_number FROM projects WHERE projects.id = payments.project_id);
CREATE INDEX payments_by_provider ON payments(provider_number);

-- The operator's lists: bank entries by outcome, the audit log by target.
CREATE INDEX bank_entries_by_outcome ON bank_entries(outcome);
CREATE INDEX audit_by_target ON audit_log(target);
