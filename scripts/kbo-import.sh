#!/usr/bin/env bash
# Loads a KBO Open Data extract into D1: the published zip of the FPS Economy, unzipped (meta.csv,
# enterprise.csv, ...; a full extract or a daily update). The kmo-kbo tool (kbo/) turns it into
# chunks of SQL, keeping only what registration reads; they are applied here in order, one
# `wrangler d1 execute --file` each.
# Usage: scripts/kbo-import.sh EXTRACT_DIR --local STATE_DIR   the local database in STATE_DIR
#        scripts/kbo-import.sh EXTRACT_DIR --remote            the deployed database (wrangler
#                                                              needs the account's credentials)
# Idempotent: applying the same extract again leaves the same rows, so after a failure run it
# again. Extracts must be applied in the order of their numbers: one older than an extract
# already applied is refused, here and by the guard each chunk starts with. The full Belgian set
# (~47 M rows, far fewer kept) takes a while: reading it, then a few hundred chunks.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
  echo "usage: scripts/kbo-import.sh EXTRACT_DIR --local STATE_DIR | --remote" >&2
  exit 2
}
absolute() { [[ $1 = /* ]] && echo "$1" || echo "$PWD/$1"; }

[[ $# -ge 2 ]] || usage
dir=$(absolute "$1")
case "$2" in
  --local)
    [[ $# -eq 3 ]] || usage
    target=(--local --persist-to "$(absolute "$3")") ;;
  --remote)
    [[ $# -eq 2 ]] || usage
    target=(--remote) ;;
  *) usage ;;
esac
cd "$ROOT"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

say "KBO extract $1: writing the SQL"
# KMO_KBO_BIN: the tool already built (scripts/test.sh sets it for the API tests, which run this
# script while `cargo test` holds the build lock); otherwise it is built here.
if [[ -n ${KMO_KBO_BIN:-} && -x ${KMO_KBO_BIN} ]]; then
  kbo=("$KMO_KBO_BIN")
else
  kbo=(cargo run -q --release -p kmo-kbo --locked --)
fi
"${kbo[@]}" "$dir" "$tmp/sql" > "$tmp/kbo.log" 2>&1 || { cat "$tmp/kbo.log"; exit 1; }
grep -v '^wrote ' "$tmp/kbo.log"
number=$(sed -n 's/^KBO extract \([0-9][0-9]*\) .*/\1/p' "$tmp/kbo.log")
[[ -n $number ]] || { echo "kmo-kbo did not say which extract it read" >&2; exit 1; }

# The guard in every chunk refuses an older extract too, but only by failing the first chunk.
wrangler d1 execute DB "${target[@]}" --json \
  --command "SELECT coalesce(max(number), 0) AS n FROM kbo_extracts" \
  < /dev/null > "$tmp/newest.json" 2> "$tmp/wrangler.log" \
  || { cat "$tmp/newest.json" "$tmp/wrangler.log"
       echo "could not read kbo_extracts: are the migrations applied?" >&2; exit 1; }
newest=$(node -e 'const out = JSON.parse(require("fs").readFileSync(0, "utf8"));
  console.log(out[0].results[0].n)' < "$tmp/newest.json")
if (( newest > number )); then
  echo "KBO extract $number is older than extract $newest already applied: nothing to do"
  exit 0
fi

# Numeric order: 0001.sql ... 9999.sql, 10000.sql.
mapfile -t chunks < <(ls "$tmp/sql" | sort -n)
total=${#chunks[@]}
for i in "${!chunks[@]}"; do
  say "KBO extract $number: chunk $((i + 1))/$total"
  wrangler d1 execute DB "${target[@]}" --yes --file "$tmp/sql/${chunks[$i]}" \
    < /dev/null > "$tmp/wrangler.log" 2>&1 \
    || {
      cat "$tmp/wrangler.log"
      echo "KBO extract $number: chunk $((i + 1))/$total failed, the chunks before it were" \
        "applied. Running the import of this extract again is safe." >&2
      exit 1
    }
done
say "KBO extract $number applied"
