#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test suite; then the sanitizer pass:
# the unit and (short) system tests again under AddressSanitizer + UndefinedBehaviorSanitizer
# (build-sanitize/, clang++), and the loaders' libFuzzer targets for FUZZ_SECONDS (default
# 30) each. Exits non-zero on any failure or sanitizer report. DNN_SKIP_SANITIZE=1 stops
# after the normal tests.
set -euo pipefail
cd "$(dirname "$0")"

phase_start=$SECONDS
phase() {
    echo "test.sh: $1 done in $((SECONDS - phase_start)) s"
    phase_start=$SECONDS
}

./scripts/install-deps.sh
./scripts/build.sh
phase "build"
(cd build && ctest --output-on-failure -j"$(nproc)" --timeout 600)
phase "tests"
[ "${DNN_SKIP_SANITIZE:-0}" = 1 ] && exit 0

./scripts/build-sanitize.sh
phase "sanitizer build"
# Long runs (label "long": the seed experiments, > 20 s in Release) are left to the
# normal pass; a sanitizer report makes the test fail (test/sanitizers/).
(cd build-sanitize && ctest --output-on-failure -j"$(nproc)" --timeout 900 -LE long)
phase "sanitizer tests"
./test/fuzz/run.sh "${FUZZ_SECONDS:-30}"
phase "fuzzing"
