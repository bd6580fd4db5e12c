#!/usr/bin/env bash
# Builds the front-end into dist/ and the Worker into worker/build/ (release, size-optimised).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

say "building the front-end (Leptos, wasm32)"
cargo build -p kmo-frontend --target wasm32-unknown-unknown --release
wasm="${CARGO_TARGET_DIR:-$ROOT/target}/wasm32-unknown-unknown/release/kmo-frontend.wasm"
out="$(mktemp -d)"
"$WASM_BINDGEN_BIN" --target web --no-typescript --out-dir "$out" --out-name app "$wasm"
# The features rustc enables by default for wasm32-unknown-unknown, and no others.
wasm-opt -Oz --strip-debug --strip-producers \
  --enable-mutable-globals --enable-sign-ext --enable-nontrapping-float-to-int \
  --enable-bulk-memory --enable-bulk-memory-opt --enable-multivalue --enable-reference-types \
  "$out/app_bg.wasm" -o "$out/app_bg.wasm"
# Content-addressed folder: the files can be cached forever, index.html points at the new one.
hash="$(cat "$out/app_bg.wasm" "$out/app.js" | sha256sum | cut -c1-12)"
pkg="pkg-$hash"
rm -rf dist && mkdir -p "dist/$pkg"
cp "$out/app.js" "$out/app_bg.wasm" "dist/$pkg/"
printf "import init from './app.js';\ninit();\n" > "dist/$pkg/boot.js"
cp frontend/static/style.css frontend/static/_headers dist/
sed "s/%PKG%/$pkg/g" frontend/static/index.html > dist/index.html
rm -rf "$out"

bash scripts/build-widget.sh

say "building the Worker (workers-rs)"
(cd worker && worker-build --release)
