#!/usr/bin/env bash
# Applies the D1 migrations and the demo data to the local database in the given state folder.
# Usage: scripts/db.sh STATE_DIR. Both steps are idempotent.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
state="$1"
say "local D1: migrations and demo data ($state)"
# The migration command asks for confirmation; with no terminal on stdin it proceeds.
wrangler d1 migrations apply DB --local --persist-to "$state" < /dev/null > "$state.migrations.log" 2>&1 \
  || { cat "$state.migrations.log"; exit 1; }
wrangler d1 execute DB --local --persist-to "$state" --file db/seed.sql > "$state.seed.log" 2>&1 \
  || { cat "$state.seed.log"; exit 1; }
