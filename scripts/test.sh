#!/usr/bin/env bash
# Command 2: installs what is missing and runs every test, ending with a summary.
#   format and lints (native and wasm32) -> unit tests -> release build -> size budgets ->
#   two fresh `wrangler dev` servers with local D1 + KV + rate limiters (the development build
#   with [env.dev], and the production build with wrangler.toml's top level) and a real OpenID
#   Provider (oidc-provider, tests/idp.mjs) -> API tests -> production tests -> browser tests ->
#   a third server killed mid-flight and restarted (tests/restart) ->
#   schemathesis (openapi.json fuzzed against the development build, anonymous and per role).
# Exit code non-zero on any failure. Logs: target/test-logs/.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
set +e

logs="$ROOT/target/test-logs"
rm -rf "$logs" && mkdir -p "$logs"
port="${KMO_TEST_PORT:-8791}"
idp_port="${KMO_TEST_IDP_PORT:-8792}"
prod_port="${KMO_TEST_PROD_PORT:-8793}"
restart_port="${KMO_TEST_RESTART_PORT:-8794}"
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

# The servers' process groups, in a file: start_server runs inside `stage`'s pipeline, a
# subshell, so a shell variable set there would never reach stop_server.
pids_file="$logs/server.pids"
: > "$pids_file"
stop_server() {
  # wrangler runs workerd as a child: end each whole process group started by setsid.
  local pid
  while read -r pid; do
    kill -- -"$pid" 2>/dev/null
    for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -9 -- -"$pid" 2>/dev/null
  done < "$pids_file"
  : > "$pids_file"
}
trap stop_server EXIT

wait_ready() { # url pid log
  for _ in $(seq 1 120); do
    if curl -fsS "$1" >/dev/null 2>&1; then echo "ready: $1"; return 0; fi
    kill -0 "$2" 2>/dev/null || break
    sleep 0.5
  done
  echo "not ready: $1"; tail -40 "$3"; return 1
}

# The servers' local D1 state. The API tests apply a KBO update extract to the development
# server's database while it runs (tests/api/registration.rs), with the kmo-kbo tool db.sh built:
# `cargo run` would wait for the lock the running `cargo test` holds.
state="$(mktemp -d)"
export KMO_DEV_STATE="$state/dev"
export KMO_KBO_BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release/kmo-kbo"

start_server() {
  local idp="http://127.0.0.1:$idp_port"
  # A real OpenID Provider with test accounts for the three roles (both servers are its clients).
  setsid node tests/idp.mjs "$idp_port" \
    "http://127.0.0.1:$port/api/v1/auth/callback" "http://127.0.0.1:$prod_port/api/v1/auth/callback" \
    > "$logs/idp.log" 2>&1 &
  echo $! >> "$pids_file"
  wait_ready "$idp/.well-known/openid-configuration" "$!" "$logs/idp.log" || return 1
  test_oidc_vars "$idp"

  # The development build ([env.dev]): demo sign-in, movable clock, outbox.
  bash scripts/db.sh "$state/dev" || return 1
  setsid wrangler dev --env dev --ip 127.0.0.1 --port "$port" --inspector-port 9231 \
    --persist-to "$state/dev" --test-scheduled --var "PUBLIC_ORIGIN:http://127.0.0.1:$port" "${OIDC_VARS[@]}" \
    --show-interactive-dev-session=false > "$logs/wrangler.log" 2>&1 &
  echo $! >> "$pids_file"
  wait_ready "http://127.0.0.1:$port/api/v1/health" "$!" "$logs/wrangler.log" || return 1

  # The production build with wrangler.toml's top level: only the public origin and the
  # identity provider differ from a deploy.
  bash scripts/db.sh "$state/prod" || return 1
  setsid wrangler dev --ip 127.0.0.1 --port "$prod_port" --inspector-port 9232 \
    --persist-to "$state/prod" --var "PUBLIC_ORIGIN:http://127.0.0.1:$prod_port" "${OIDC_VARS[@]}" \
    --show-interactive-dev-session=false > "$logs/wrangler-prod.log" 2>&1 &
  echo $! >> "$pids_file"
  wait_ready "http://127.0.0.1:$prod_port/api/v1/health" "$!" "$logs/wrangler-prod.log" || return 1
}

stage tools bash scripts/tools.sh --browser || { printf '%s\n' "${results[@]}"; exit 1; }
stage format cargo fmt --all --check
# One contract (README): openapi.json is the one generated from shared::api, and the Worker and
# screens hold at most 10 json! literals and 10 string-indexed field reads.
stage openapi cargo run -q -p kmo-openapi --locked -- --check
stage contract node scripts/contract-limits.mjs
stage clippy cargo clippy --workspace --all-targets --locked -- -D warnings
stage clippy-dev cargo clippy -p kmo-worker --features dev --all-targets --locked -- -D warnings
stage clippy-wasm32 cargo clippy -p kmo-shared -p kmo-worker -p kmo-frontend -p kmo-widget \
  --target wasm32-unknown-unknown --locked -- -D warnings
stage clippy-wasm32-dev cargo clippy -p kmo-worker --features dev \
  --target wasm32-unknown-unknown --locked -- -D warnings
stage unit cargo test --workspace --exclude kmo-blackbox --locked
stage unit-dev cargo test -p kmo-worker --features dev --locked
# The published test vectors (shared/tests/vectors/*.json) in headless Chromium, through wasm:
# the same file the unit stage ran natively (the api stage sends them to the Worker).
stage vectors-wasm env CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER="$TOOLS/cargo/bin/wasm-bindgen-test-runner" \
  CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}" \
  cargo test -p kmo-shared --target wasm32-unknown-unknown --test vectors --locked
stage bench-compiles cargo bench -p kmo-shared --no-run --locked
if stage build bash scripts/build.sh; then
  stage sizes node scripts/sizes.mjs
  if stage server start_server; then
    export KMO_BASE_URL="http://127.0.0.1:$port" KMO_PROD_URL="http://127.0.0.1:$prod_port"
    export KMO_IDP_URL="http://127.0.0.1:$idp_port"
    stage api cargo test -p kmo-blackbox --locked --test api --test scheduled --test kbo_update
    stage production cargo test -p kmo-blackbox --locked --test production
    stage browser node --test --test-concurrency=1 tests/browser/*.test.mjs
    # A development server of its own, killed (SIGKILL) while 200 writes are on their way and
    # started again on the same state by the test (tests/restart): no acknowledged write lost.
    printf -v restart_command '%q ' wrangler dev --env dev --ip 127.0.0.1 --port "$restart_port" \
      --inspector-port 9233 --persist-to "$state/restart" \
      --var "PUBLIC_ORIGIN:http://127.0.0.1:$restart_port" "${OIDC_VARS[@]}" \
      --show-interactive-dev-session=false
    stage restart bash -c 'bash scripts/db.sh "$1" && KMO_BASE_URL="http://127.0.0.1:$2" \
      KMO_RESTART_COMMAND="$3" cargo test -p kmo-blackbox --locked --test restart -- --nocapture' \
      restart "$state/restart" "$restart_port" "$restart_command"
    # Last: it leaves the development build's data in a state no other stage expects.
    stage schemathesis bash scripts/schemathesis.sh "$KMO_BASE_URL" "$logs/schemathesis"
    # Its stage line also tells how many cases ran and failed (scripts/schemathesis.sh's last line).
    st_counts="$(sed -n 's/^schemathesis: [0-9]* runs passed, [0-9]* failed; //p' "$logs/schemathesis.log" | tail -1)"
    [ -n "$st_counts" ] && results[-1]+=": $st_counts"
  else
    skip api; skip production; skip browser; skip restart; skip schemathesis
  fi
else
  skip sizes; skip server; skip api; skip production; skip browser; skip restart; skip schemathesis
fi
stop_server

# Count the tests every runner reported (schemathesis: each of its runs is one test; its cases
# are in its stage line).
read -r total_passed total_failed < <(cat "$logs"/*.log | awk '
  /^test result: / { for (i = 1; i <= NF; i++) { if ($i ~ /^passed;/) p += $(i-1); if ($i ~ /^failed;/) f += $(i-1) } }
  /^schemathesis: [0-9]+ runs passed, [0-9]+ failed;/ { p += $2; f += $5 }
  /^# pass [0-9]+$/ { p += $3 }
  /^# fail [0-9]+$/ { f += $3 }
  END { print p + 0, f + 0 }')

echo
say "summary"
printf '  %s\n' "${results[@]}"
if [ "$failed" != 0 ] && [ "$total_failed" = 0 ]; then total_failed=1; fi
echo "tests: $total_passed passed, $total_failed failed"
exit "$failed"
