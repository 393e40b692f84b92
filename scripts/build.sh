#!/usr/bin/env bash
# Configures (once) and builds dnn-offload in Release into build/ (or $DNN_BUILD_DIR).
# Extra arguments are passed to the CMake configure step (and force a reconfigure).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR="${DNN_BUILD_DIR:-build}"
mkdir -p "$BUILD_DIR"
if [ ! -f "$BUILD_DIR/CMakeCache.txt" ] || [ $# -gt 0 ]; then
    if ! cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release "$@" >"$BUILD_DIR/configure.log" 2>&1; then
        cat "$BUILD_DIR/configure.log" >&2
        exit 1
    fi
fi
if ! cmake --build "$BUILD_DIR" -j"$(nproc)" >"$BUILD_DIR/build.log" 2>&1; then
    grep -E -B2 -A12 'error|Error' "$BUILD_DIR/build.log" | head -n 120 >&2
    echo "build failed: see $BUILD_DIR/build.log" >&2
    exit 1
fi
