#!/usr/bin/env bash
# Installs what the build and the tests need, only when missing or at the wrong version.
# Usage: scripts/tools.sh [--browser]   (--browser: what only the tests use: Debian's Chromium
#   and ChromeDriver, and schemathesis from PyPI)
# Nothing is downloaded from GitHub: Rust tools are built from crates.io, JavaScript tools come
# from the npm registry at the versions in package-lock.json, schemathesis from PyPI, the browser
# from Debian.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SCHEMATHESIS_VERSION="4.32.5" # PyPI; the venv is $TOOLS/schemathesis (scripts/schemathesis.sh)

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# npm packages, exactly as the committed lock file says. The lock is complete (every platform's
# optional packages), and `npm ci` installs this platform's from it without ever rewriting it.
stamp="$ROOT/node_modules/.kmo-lock-stamp"
lock_sum="$(sha256sum "$ROOT/package-lock.json" | cut -d' ' -f1)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$lock_sum" ]; then
  say "installing npm packages from package-lock.json"
  (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$lock_sum" > "$stamp"
fi

cargo_tool() { # crate binary version
  local crate=$1 bin=$2 version=$3 have
  have="$("$TOOLS/cargo/bin/$bin" --version 2>/dev/null | awk '{print $NF}' || true)"
  if [ "$have" != "$version" ]; then
    say "building $crate $version from crates.io (once; several minutes)"
    # Without --locked: wasm-bindgen-cli's own lock pins a crate release the index lacks.
    cargo install "$crate" --version "$version" --root "$TOOLS/cargo" --force
  fi
}
cargo_tool wasm-bindgen-cli wasm-bindgen "$(wasm_bindgen_version)"
cargo_tool worker-build worker-build "$WORKER_BUILD_VERSION"

if [ "${1:-}" = "--browser" ]; then
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    say "installing Chromium and ChromeDriver from Debian"
    sudo_cmd=""; [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium chromium-driver >/dev/null
  fi

  # schemathesis (OpenAPI fuzzing, scripts/schemathesis.sh) from PyPI, in its own venv in the
  # tool folder. `st --version` also fails when the Python the venv was made with is gone.
  have="$("$TOOLS/schemathesis/bin/st" --version 2>/dev/null | awk '{print $NF}' || true)"
  if [ "$have" != "$SCHEMATHESIS_VERSION" ]; then
    say "installing schemathesis $SCHEMATHESIS_VERSION from PyPI"
    rm -rf "$TOOLS/schemathesis"
    if ! python3 -m venv "$TOOLS/schemathesis" >/dev/null 2>&1; then
      # Debian's python3 has no venv (ensurepip) without python3-venv.
      rm -rf "$TOOLS/schemathesis"
      sudo_cmd=""; [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
      $sudo_cmd apt-get update -qq
      DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq python3-venv >/dev/null
      python3 -m venv "$TOOLS/schemathesis"
    fi
    "$TOOLS/schemathesis/bin/python" -m pip install --quiet --disable-pip-version-check \
      "schemathesis==$SCHEMATHESIS_VERSION"
  fi
fi
