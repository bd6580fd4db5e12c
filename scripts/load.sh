#!/usr/bin/env bash
# The load script (run by hand, not part of the test command; needs wrk: apt-get install wrk):
# the production-mode build (wrangler.toml's top level) on loopback with a fresh local state,
# each route loaded by wrk in turn for the same time with the same connections, and the
# throughput ratios printed: simulate ÷ themes (goal ≥ 0.9), provider search ÷ themes (goal ≥
# 0.8), project detail ÷ themes, apply ÷ project detail. Figures go in the README.
#
#   bash scripts/build.sh && bash scripts/load.sh        [KMO_LOAD_SECONDS=10 KMO_LOAD_CONNECTIONS=16]
#
# The production build has no demo sign-in: the script writes an enterprise's session into the
# local D1 before the server starts (its token hashed as the Worker stores it), so the signed-in
# routes are loaded as a signed-in browser would load them. Every request carries its own
# CF-Connecting-IP, so the rate limiters (60 searches a minute per address) count each as another
# client: the script measures the routes, not the limiters.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
command -v wrk > /dev/null || { echo "wrk is needed: apt-get install wrk"; exit 1; }
port="${KMO_LOAD_PORT:-8797}"
seconds="${KMO_LOAD_SECONDS:-10}"
connections="${KMO_LOAD_CONNECTIONS:-16}"
base="http://127.0.0.1:$port"
work="$(mktemp -d)"
state="$work/state"
bash scripts/db.sh "$state" > "$work/db.log" 2>&1 || { cat "$work/db.log"; exit 1; }

# A session for each seeded enterprise with a wallet (db/seed.sql); apply spreads over them so
# that no annual ceiling runs out during the run.
enterprises=(0403227515 0417497106 0412345614 0423456765 0434567819 0445678970 0456789034 0478912358)
cookies=()
sql=""
for e in "${enterprises[@]}"; do
  token="$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  hash="$(printf '%s' "$token" | sha256sum | cut -d' ' -f1)"
  sql+="INSERT INTO sessions (token_hash, role, subject, person, user_name, choices, expires_at) VALUES ('$hash', 'enterprise', '$e', 'load-$e', 'Load', '[]', strftime('%s','now') + 86400);"
  cookies+=("__Host-kmo_session=$token")
done
wrangler d1 execute DB --local --persist-to "$state" --command "$sql" > "$work/session.log" 2>&1 \
  || { cat "$work/session.log"; exit 1; }
cookie="${cookies[0]}"
lua_cookies="$(printf '"%s",' "${cookies[@]}")"

setsid wrangler dev --ip 127.0.0.1 --port "$port" --inspector-port 9235 --persist-to "$state" \
  --var "PUBLIC_ORIGIN:$base" --show-interactive-dev-session=false > "$work/wrangler.log" 2>&1 &
server=$!
trap 'kill -- -"$server" 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 120); do curl -fsS "$base/api/v1/health" > /dev/null 2>&1 && break; sleep 0.5; done

today="$(date -u +%F)"
shift_day() { date -u -d "$today $1 days" +%F; }
application() { # name
  printf '{"nace":"62.010","service":"training","name":"%s","training_kind":"classroom","theme":"digitalisering","subtheme":"software","hours":"8","participants":["Jan Peeters"],"enrolled_on":"%s","starts_on":"%s","contributes_to_business":true,"cost":"100.00","provider":"DV.O123456","declaration_accepted":true,"no_related_party":true,"participants_are_workers":true,"attendance_at_least_80":true}' \
    "$1" "$(shift_day -2)" "$(shift_day 3)"
}
dossier="$(curl -fsS -X POST "$base/api/v1/applications" -H "origin: $base" -H "cookie: $cookie" \
  -H 'content-type: application/json' -d "$(application 'Belasting')" | sed -n 's/.*"dossier_number":"\([^"]*\)".*/\1/p')"
[ -n "$dossier" ] || { echo "no project to load: the application was refused"; exit 1; }

# One wrk Lua script per route: method, body and headers, a fresh client address per request
# and, for apply, a fresh idempotency key.
lua() { # file method body extra-lua
  cat > "$1" <<EOF
math.randomseed(os.time())
local n = 0
request = function()
  n = n + 1
  local headers = { ["cf-connecting-ip"] = "10." .. math.random(0, 255) .. "." .. math.random(0, 255) .. "." .. math.random(1, 254),
                    ["origin"] = "$base", ["cookie"] = "$cookie", ["content-type"] = "application/json" }
  ${4:-}
  return wrk.format("$2", nil, headers, [[$3]])
end
EOF
}
declare -A rps
run() { # name path lua-file
  local out; out="$(wrk -t2 -c"$connections" -d"${seconds}s" -s "$3" "$base$2")"
  rps[$1]="$(printf '%s\n' "$out" | awk '/^Requests\/sec/ { print $2 }')"
  local bad; bad="$(printf '%s\n' "$out" | awk '/Non-2xx/ { print $5 }')"
  printf '%-16s %10s req/s  %s\n' "$1" "${rps[$1]}" "${bad:+($bad answers not 2xx)}"
}
lua "$work/get.lua" GET ""
lua "$work/simulate.lua" POST '{"size":"small","service":"training","theme":"digitalisering","subtheme":"software","cost":"980.00"}'
lua "$work/apply.lua" POST "$(application 'Meting')" "local cookies = { $lua_cookies }
  headers[\"cookie\"] = cookies[math.random(1, #cookies)]
  headers[\"idempotency-key\"] = \"load-\" .. os.time() .. \"-\" .. n .. \"-\" .. math.random(1, 1000000000)"

echo "wrk, $connections connections, ${seconds}s per route, production build on loopback ($(nproc) cores):"
run themes "/api/v1/themes" "$work/get.lua"
run simulate "/api/v1/simulate" "$work/simulate.lua"
run search "/api/v1/providers?q=opleid" "$work/get.lua"
run detail "/api/v1/projects/$dossier" "$work/get.lua"
run apply "/api/v1/applications" "$work/apply.lua"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
echo "simulate / themes:        $(ratio "${rps[simulate]}" "${rps[themes]}") (goal >= 0.9)"
echo "provider search / themes: $(ratio "${rps[search]}" "${rps[themes]}") (goal >= 0.8)"
echo "project detail / themes:  $(ratio "${rps[detail]}" "${rps[themes]}")"
echo "apply / project detail:   $(ratio "${rps[apply]}" "${rps[detail]}")"
