#!/usr/bin/env bash
# Command 1: installs what is missing, builds, prepares local D1 (migrations + demo data) and
# runs the whole product with `wrangler dev`: front-end and API on one origin, the development
# build ([env.dev]: demo sign-in, outbox, movable clock), and a local test OpenID Provider
# (tests/idp.mjs) so "Aanmelden via de overheid" works too, with its test accounts.
# PORT (default 8787), IDP_PORT (default 8788) and KMO_STATE (default .wrangler/state) may be set.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
port="${PORT:-8787}"
idp_port="${IDP_PORT:-8788}"
state="${KMO_STATE:-$ROOT/.wrangler/state}"

bash scripts/tools.sh
bash scripts/build.sh
bash scripts/db.sh "$state"

test_oidc_vars "http://127.0.0.1:$idp_port"
node tests/idp.mjs "$idp_port" "http://127.0.0.1:$port/api/v1/auth/callback" &
idp_pid=$!
trap 'kill "$idp_pid" 2>/dev/null' EXIT

say "kmo-portefeuille runs at http://127.0.0.1:$port  (Ctrl-C stops it)"
wrangler dev --env dev --ip 127.0.0.1 --port "$port" --persist-to "$state" \
  --var "PUBLIC_ORIGIN:http://127.0.0.1:$port" \
  "${OIDC_VARS[@]}" \
  --test-scheduled --show-interactive-dev-session=false
