#!/usr/bin/env bash
# Fuzzes the running development build against the committed openapi.json with schemathesis
# (stage `schemathesis` of scripts/test.sh): every check (`--checks all`), a fixed seed, once
# anonymously and once signed in as each role through the demo sign-in, plus one run for signing
# out. Fails when schemathesis reports any failure or error, or when all runs together generated
# fewer than $KMO_ST_MIN_CASES cases.
# Usage: scripts/schemathesis.sh [BASE_URL] [OUT_DIR]
#   BASE_URL: the development build (`wrangler dev --env dev`) with PUBLIC_ORIGIN = BASE_URL;
#             default $KMO_BASE_URL. OUT_DIR: reports; default target/test-logs/schemathesis.
# Environment: KMO_ST_SEED, KMO_ST_MAX_EXAMPLES, KMO_ST_MIN_CASES.
# The last line it prints is `schemathesis: R runs passed, F failed; C cases, U unique failures`.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
set +e # every run goes on after a failing one; the counts decide

base="${1:-${KMO_BASE_URL:?give the development build URL or set KMO_BASE_URL}}"
out="${2:-$ROOT/target/test-logs/schemathesis}"
seed="${KMO_ST_SEED:-20261130}"
# --max-examples bounds the fuzzing (and stateful) phase per operation; the examples and
# coverage phases add their own deterministic cases on top.
max_examples="${KMO_ST_MAX_EXAMPLES:-25}"
min_cases="${KMO_ST_MIN_CASES:-1000}"
st="$TOOLS/schemathesis/bin/st"
py="$TOOLS/schemathesis/bin/python"
[ -x "$st" ] || { echo "schemathesis is missing: run scripts/tools.sh --browser"; exit 1; }
rm -rf "$out" && mkdir -p "$out"

# A session cookie (`__Host-kmo_session=...`) from the development build's demo sign-in.
sign_in() { # role subject
  curl -fsS -D - -o /dev/null -X POST "$base/api/v1/dev/sign-in" -H "Origin: $base" \
    -H 'Content-Type: application/json' --data "{\"role\":\"$1\",\"subject\":\"$2\"}" \
    | tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: *\(__Host-kmo_session=[0-9a-f]*\);.*/\1/p'
}

# "Today" back to the real date: a run may have moved the development clock (PUT /api/v1/dev/clock).
reset_clock() {
  curl -fsS -o /dev/null -X PUT "$base/api/v1/dev/clock" -H "Origin: $base" \
    -H 'Content-Type: application/json' --data '{"date":null}'
}

runs_passed=0 runs_failed=0 total_cases=0 total_unique=0
run() { # name cookie-or-empty extra-st-arguments...
  local name=$1 cookie=$2; shift 2
  local dir="$out/$name"
  mkdir -p "$dir"
  # Each run its own schemathesis cache, in the logs: nothing found by an earlier run or an
  # earlier test run is replayed into this one (`st replay DIR/cache/crashes` replays its failures).
  printf '[cache]\ndirectory = "%s"\n\n' "$dir/cache" > "$dir/schemathesis.toml"
  # A rule that refuses a well-formed request answers 422 (README, "The API"): budgets, ceilings,
  # deadlines and the state of a project cannot be said in JSON Schema, so a schema-valid request
  # refused with 422 is not a failure of positive_data_acceptance. 400 (malformed) still is: it
  # means openapi.json lets through what the server calls malformed.
  #
  # Five operations carry a rule JSON Schema cannot say, so for them alone 400 also counts as an
  # answer to "valid" data (their other checks, negative data among them, stay):
  # - a bank statement is a CAMT.053 XML document, which openapi.json can only call a string;
  # - bank entries: an entry_ref is unique within the request, and a structured communication
  #   has mod-97 check digits;
  # - a payment's structured communication has mod-97 check digits;
  # - a refund IBAN has mod-97 check digits (twice: IBAN and the Belgian account number);
  # - the demo sign-in names a subject that must exist in the database (development only).
  # The other fields of these bodies carry their rules in the schema where a pattern can say
  # them; what stays plain text there (an e-mail address, whose limit is in bytes; a bank
  # entry's communication, counterparty name and IBAN) is checked by the server, which names the
  # field in its 400.
  # (A per-operation `enabled = false` would not do: `--checks all` on the command line wins.)
  cat >> "$dir/schemathesis.toml" <<'EOF'
[checks.positive_data_acceptance]
expected-statuses = ["2xx", "3xx", "401", "403", "404", "409", "422", "429", "5xx"]

[[operations]]
include-path-regex = "^/api/v1/(operator/bank-statements|operator/bank-entries|projects/\\{dossier\\}/payments|enterprise|dev/sign-in)$"
include-method-regex = "^(POST|PATCH)$"
checks.positive_data_acceptance.expected-statuses = ["2xx", "3xx", "400", "401", "403", "404", "409", "422", "429", "5xx"]
EOF
  # Signed in: the session cookie on every request, and schemathesis generates no value of its
  # own for the `session` security scheme. Otherwise its cases that "leave the cookie out" or
  # "send a wrong one" still carry this header and are reported as accepted (ST201); the
  # ignored_auth check still sends each signed-in operation without the cookie and with a wrong
  # one. Anonymous: schemathesis makes up cookies, which must all be refused.
  local -a auth=()
  [ -n "$cookie" ] && auth=(-H "Cookie: $cookie" --generation-with-security-parameters false)
  reset_clock || { echo "schemathesis $name: the server does not answer"; runs_failed=$((runs_failed + 1)); return; }
  local -a cmd=("$st" --config-file "$dir/schemathesis.toml" run "$ROOT/openapi.json" --url "$base"
    -H "Origin: $base" "${auth[@]}" --checks all --seed "$seed" --max-examples "$max_examples"
    --continue-on-failure --workers 1 --generation-database none --no-color
    --report junit,json --report-junit-path "$dir/junit.xml" --report-json-path "$dir/report.json"
    "$@")
  say "schemathesis: $name"
  # The command as run, the session cookie masked.
  printf '%q ' "${cmd[@]}" | sed 's/__Host-kmo_session=[0-9a-f]*/__Host-kmo_session=.../'; echo
  # Run from the run's folder: Hypothesis keeps its `.hypothesis/` in the working directory.
  (cd "$dir" && "${cmd[@]}")
  local rc=$?
  # The counts from the JSON report, not from the text.
  local counts
  counts="$("$py" -c '
import json, sys
r = json.load(open(sys.argv[1]))
t = r["test_cases"]
print(t["generated"], t["unique_failures"], t["errored"] + len(r["errors"]))
' "$dir/report.json" 2>/dev/null)" || counts="0 0 1"
  local cases unique errors
  read -r cases unique errors <<< "$counts"
  total_cases=$((total_cases + cases)) total_unique=$((total_unique + unique))
  if [ "$rc" = 0 ] && [ "$unique" = 0 ] && [ "$errors" = 0 ]; then
    runs_passed=$((runs_passed + 1)); echo "schemathesis $name: ok, $cases cases"
  else
    runs_failed=$((runs_failed + 1))
    echo "schemathesis $name: FAILED, $cases cases, $unique unique failures, $errors errors (exit $rc)"
  fi
}

# Signing out ends the session the run is using: the role runs leave it out (it is the only
# operation on its path), and it has a run of its own below: signed in for its first case, an
# ended session after that, as a browser's stale cookie.
no_sign_out=(--exclude-path /api/v1/sign-out)

signed_in_run() { # name role subject extra-st-arguments...
  local name=$1 cookie; cookie="$(sign_in "$2" "$3")"; shift 3
  if [ -z "$cookie" ]; then
    echo "schemathesis $name: the demo sign-in gave no session cookie"
    runs_failed=$((runs_failed + 1)); return
  fi
  run "$name" "$cookie" "$@"
}

# Without a session: the public routes, the development routes, and every signed-in route's 401.
run anonymous ""
# One session per role (db/seed.sql: a small enterprise with a wallet, an active provider; the
# operator needs no subject). The operator goes last: it may suspend or change the provider that
# the provider run signs in as.
signed_in_run enterprise enterprise 0403227515 "${no_sign_out[@]}"
signed_in_run provider provider DV.O123456 "${no_sign_out[@]}"
signed_in_run operator operator operator "${no_sign_out[@]}"
signed_in_run sign-out enterprise 0403227515 --include-path /api/v1/sign-out
reset_clock

if [ "$total_cases" -lt "$min_cases" ]; then
  echo "schemathesis: only $total_cases cases generated, fewer than $min_cases"
  runs_failed=$((runs_failed + 1))
fi
echo "schemathesis: $runs_passed runs passed, $runs_failed failed; $total_cases cases, $total_unique unique failures"
[ "$runs_failed" = 0 ]
