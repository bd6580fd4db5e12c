#!/usr/bin/env bash
# Builds the embeddable calculator widget into dist/embed/ (called by scripts/build.sh).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
