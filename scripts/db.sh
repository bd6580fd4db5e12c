#!/usr/bin/env bash
# Applies the D1 migrations, the demo/test KBO data (db/kbo/full, through scripts/kbo-import.sh)
# and the demo data (db/seed.sql) to the local database in the given state folder.
# Usage: scripts/db.sh STATE_DIR. Every step is idempotent.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
state="$1"
say "local D1: migrations, KBO data and demo data ($state)"
# The migration command asks for confirmation; with no terminal on stdin it proceeds.
wrangler d1 migrations apply DB --local --persist-to "$state" < /dev/null > "$state.migrations.log" 2>&1 \
  || { cat "$state.migrations.log"; exit 1; }
# Before the seed: its enterprises are in the KBO data.
bash scripts/kbo-import.sh db/kbo/full --local "$state" > "$state.kbo.log" 2>&1 \
  || { cat "$state.kbo.log"; exit 1; }
wrangler d1 execute DB --local --persist-to "$state" --file db/seed.sql > "$state.seed.log" 2>&1 \
  || { cat "$state.seed.log"; exit 1; }
