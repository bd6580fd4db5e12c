#!/usr/bin/env bash
# Builds the front-end into dist/ and the Worker into worker/build/ (release, size-optimised).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

# One crate, two bundles: the public simulator alone (`sim-*`, what a phone loads at `/`) and
# the whole app with the portals (`pkg-*`). boot-*.js picks one by path.
bundle() { # prefix cargo-feature-flags...
  local prefix=$1; shift
  cargo build -p kmo-frontend --target wasm32-unknown-unknown --release "$@"
  local wasm="${CARGO_TARGET_DIR:-$ROOT/target}/wasm32-unknown-unknown/release/kmo-frontend.wasm"
  local out; out="$(mktemp -d)"
  "$WASM_BINDGEN_BIN" --target web --no-typescript --out-dir "$out" --out-name app "$wasm"
  # The features rustc enables by default for wasm32-unknown-unknown, and no others.
  wasm-opt -Oz --strip-debug --strip-producers \
    --enable-mutable-globals --enable-sign-ext --enable-nontrapping-float-to-int \
    --enable-bulk-memory --enable-bulk-memory-opt --enable-multivalue --enable-reference-types \
    "$out/app_bg.wasm" -o "$out/app_bg.wasm"
  # Content-addressed folder: the files can be cached forever.
  local hash; hash="$(cat "$out/app_bg.wasm" "$out/app.js" | sha256sum | cut -c1-12)"
  mkdir -p "dist/$prefix-$hash"
  cp "$out/app.js" "$out/app_bg.wasm" "dist/$prefix-$hash/"
  rm -rf "$out"
  echo "$prefix-$hash"
}

rm -rf dist && mkdir -p dist
say "building the public simulator's bundle (Leptos, wasm32)"
sim="$(bundle sim --no-default-features | tail -n 1)"
say "building the whole app's bundle (Leptos, wasm32)"
app="$(bundle pkg | tail -n 1)"
boot="$(printf '%s\n' \
  "// The simulator alone at /, the whole app (portals) elsewhere." \
  "const folder = location.pathname === '/' ? '/$sim' : '/$app';" \
  "import(folder + '/app.js').then((m) => m.default());")"
boot_name="boot-$(printf '%s' "$boot" | sha256sum | cut -c1-12).js"
printf '%s\n' "$boot" > "dist/$boot_name"
cp frontend/static/style.css frontend/static/_headers dist/
sed "s/%BOOT%/$boot_name/g" frontend/static/index.html > dist/index.html

bash scripts/build-widget.sh

# Two Worker builds: production (worker/build, what `wrangler deploy` ships: no development code)
# and development (worker/build-dev, cargo feature `dev`: demo sign-in, outbox, movable clock),
# used only through `wrangler dev --env dev`.
say "building the Worker (workers-rs), production build"
(cd worker && worker-build --release)
say "building the Worker (workers-rs), development build (feature dev)"
(cd worker && worker-build --release --out-dir build-dev -- --features dev)
