#!/usr/bin/env bash
# Builds the embeddable calculator widget into dist/embed/ (called by scripts/build.sh):
#   dist/embed/loader.js            the snippet's script (stable URL, short cache)
#   dist/embed/frame.html           the framed page, served as /embed/frame (short cache)
#   dist/embed/pkg-<hash>/          widget.js, widget_bg.wasm, boot.js (cached for ever)
# Same steps as the front-end's: release wasm32 build, wasm-bindgen --target web, wasm-opt -Oz.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

say "building the embeddable calculator (wasm32)"
cargo build -p kmo-widget --target wasm32-unknown-unknown --release
wasm="${CARGO_TARGET_DIR:-$ROOT/target}/wasm32-unknown-unknown/release/kmo_widget.wasm"
out="$(mktemp -d)"
"$WASM_BINDGEN_BIN" --target web --no-typescript --out-dir "$out" --out-name widget "$wasm"
# The features rustc enables by default for wasm32-unknown-unknown, and no others.
wasm-opt -Oz --strip-debug --strip-producers \
  --enable-mutable-globals --enable-sign-ext --enable-nontrapping-float-to-int \
  --enable-bulk-memory --enable-bulk-memory-opt --enable-multivalue --enable-reference-types \
  "$out/widget_bg.wasm" -o "$out/widget_bg.wasm"
# The glue and the scripts are minified: they travel to every visitor of a provider's page.
"$ESBUILD_BIN" "$out/widget.js" --minify --format=esm --log-level=warning --outfile="$out/widget.min.js"
mv "$out/widget.min.js" "$out/widget.js"
"$ESBUILD_BIN" widget/static/boot.js --minify --format=esm --log-level=warning --outfile="$out/boot.js"
"$ESBUILD_BIN" widget/static/loader.js --minify --log-level=warning --outfile="$out/loader.js"

# Content-addressed folder: cached for ever; frame.html points at the new one.
hash="$(cat "$out/widget_bg.wasm" "$out/widget.js" "$out/boot.js" | sha256sum | cut -c1-12)"
pkg="pkg-$hash"
rm -rf dist/embed && mkdir -p "dist/embed/$pkg"
cp "$out/widget.js" "$out/widget_bg.wasm" "$out/boot.js" "dist/embed/$pkg/"
cp "$out/loader.js" dist/embed/
sed "s/%PKG%/$pkg/g" widget/static/frame.html > dist/embed/frame.html
rm -rf "$out"
