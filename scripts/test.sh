#!/usr/bin/env bash
# Command 2: installs what is missing and runs every test, ending with a summary.
#   format and lints (native and wasm32) -> unit tests -> release build -> size budgets ->
#   a fresh `wrangler dev` (local D1 + KV) -> API tests -> browser tests (headless Chromium).
# Exit code non-zero on any failure. Logs: target/test-logs/.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
set +e

logs="$ROOT/target/test-logs"
rm -rf "$logs" && mkdir -p "$logs"
port="${KMO_TEST_PORT:-8791}"
idp_port="${KMO_TEST_IDP_PORT:-8792}"
declare -a results=()
failed=0

stage() { # name command...
  local name=$1; shift
  say "$name"
  local start=$SECONDS
  "$@" 2>&1 | tee "$logs/$name.log"
  local rc=${PIPESTATUS[0]}
  local took=$((SECONDS - start))
  if [ "$rc" = 0 ]; then results+=("ok      $name (${took}s)"); else results+=("FAILED  $name (${took}s)"); failed=1; fi
  return "$rc"
}
skip() { results+=("skipped $1 (an earlier stage failed)"); }

server_pid=""
idp_pid=""
stop_server() {
  # wrangler runs workerd as a child: end the whole process group started by setsid.
  [ -n "$server_pid" ] && { kill -- -"$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null; }
  [ -n "$idp_pid" ] && { kill "$idp_pid" 2>/dev/null; wait "$idp_pid" 2>/dev/null; }
  server_pid=""; idp_pid=""
}
trap stop_server EXIT

start_server() {
  local state; state="$(mktemp -d)"
  bash scripts/db.sh "$state/d1" || return 1
  # A stand-in identity provider, so OpenID Connect sign-in is tested for real.
  node tests/fake-idp.mjs "$idp_port" > "$logs/idp.log" 2>&1 &
  idp_pid=$!
  local idp="http://127.0.0.1:$idp_port"
  setsid wrangler dev --ip 127.0.0.1 --port "$port" --persist-to "$state/d1" --test-scheduled \
    --var "OIDC_AUTHORIZE_URL:$idp/authorize" --var "OIDC_TOKEN_URL:$idp/token" \
    --var "OIDC_USERINFO_URL:$idp/userinfo" --var "OIDC_CLIENT_ID:kmo-portefeuille-test" \
    --var "OIDC_CLIENT_SECRET:test-secret" --var "OIDC_ENTERPRISE_CLAIM:kbo_number" \
    --var "OIDC_REDIRECT_URI:http://127.0.0.1:$port/api/v1/auth/callback" \
    --show-interactive-dev-session=false > "$logs/wrangler.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 120); do
    if curl -fsS "http://127.0.0.1:$port/api/v1/health" >/dev/null 2>&1; then
      echo "wrangler dev ready on http://127.0.0.1:$port"; return 0
    fi
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.5
  done
  echo "wrangler dev did not become ready:"; tail -40 "$logs/wrangler.log"; return 1
}

stage tools bash scripts/tools.sh --browser || { printf '%s\n' "${results[@]}"; exit 1; }
stage format cargo fmt --all --check
stage clippy cargo clippy --workspace --all-targets --locked -- -D warnings
stage clippy-wasm32 cargo clippy -p kmo-shared -p kmo-worker -p kmo-frontend -p kmo-widget \
  --target wasm32-unknown-unknown --locked -- -D warnings
stage unit cargo test --workspace --exclude kmo-blackbox --locked
stage bench-compiles cargo bench -p kmo-shared --no-run --locked
if stage build bash scripts/build.sh; then
  stage sizes node scripts/sizes.mjs
  if stage server start_server; then
    export KMO_BASE_URL="http://127.0.0.1:$port"
    stage api cargo test -p kmo-blackbox --locked
    stage browser node --test --test-concurrency=1 tests/browser/*.test.mjs
  else
    skip api; skip browser
  fi
else
  skip sizes; skip server; skip api; skip browser
fi
stop_server

# Count the tests every runner reported.
read -r total_passed total_failed < <(cat "$logs"/*.log | awk '
  /^test result: / { for (i = 1; i <= NF; i++) { if ($i ~ /^passed;/) p += $(i-1); if ($i ~ /^failed;/) f += $(i-1) } }
  /^# pass [0-9]+$/ { p += $3 }
  /^# fail [0-9]+$/ { f += $3 }
  END { print p + 0, f + 0 }')

echo
say "summary"
printf '  %s\n' "${results[@]}"
if [ "$failed" != 0 ] && [ "$total_failed" = 0 ]; then total_failed=1; fi
echo "tests: $total_passed passed, $total_failed failed"
exit "$failed"
