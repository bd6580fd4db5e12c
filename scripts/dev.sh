#!/usr/bin/env bash
# Command 1: installs what is missing, builds, prepares local D1 (migrations + demo data) and
# runs the whole product with `wrangler dev`: front-end and API on one origin.
# PORT (default 8787) and KMO_STATE (default .wrangler/state) may be set.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
port="${PORT:-8787}"
state="${KMO_STATE:-$ROOT/.wrangler/state}"

bash scripts/tools.sh
bash scripts/build.sh
bash scripts/db.sh "$state"

say "kmo-portefeuille runs at http://127.0.0.1:$port  (Ctrl-C stops it)"
exec wrangler dev --ip 127.0.0.1 --port "$port" --persist-to "$state" \
  --test-scheduled --show-interactive-dev-session=false
