#!/usr/bin/env bash
# Configures and builds the sanitizer tree build-sanitize/ (or $DNN_SANITIZE_BUILD_DIR) with
# clang++: -O1 with line tables, AddressSanitizer + UndefinedBehaviorSanitizer (DNN_SANITIZE=ON),
# the libFuzzer targets of test/fuzz/, no benchmarks. Reused between runs like build/: only
# what changed is rebuilt.
set -euo pipefail
cd "$(dirname "$0")/.."
CLANGXX="$(command -v clang++ || true)"
if [ -z "$CLANGXX" ]; then
    echo "build-sanitize: clang++ not found (scripts/install-deps.sh installs clang)" >&2
    exit 1
fi
DNN_BUILD_DIR="${DNN_SANITIZE_BUILD_DIR:-build-sanitize}" exec ./scripts/build.sh \
    -DCMAKE_CXX_COMPILER="$CLANGXX" \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only" \
    -DDNN_SANITIZE=ON \
    -DDNN_BUILD_BENCHMARKS=OFF
