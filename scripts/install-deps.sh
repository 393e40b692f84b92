#!/usr/bin/env bash
# Installs the Debian packages dnn-offload needs, only those that are missing.
# Idempotent and silent when everything is already there.
set -euo pipefail

PACKAGES=(
    cmake g++ make pkg-config
    clang libclang-rt-14-dev # the sanitizer pass and the libFuzzer targets (test.sh)
    ns3 libns3-dev libgsl-dev libxml2-dev libsqlite3-dev
    libboost-graph-dev nlohmann-json3-dev
    libonnx-dev libprotobuf-dev protobuf-compiler # ONNX models (helper/io/dnn-onnx-reader)
    libgtest-dev libgmock-dev libbenchmark-dev
    python3-matplotlib python3-pandas python3-numpy
    python3-docutils # test/docs/check_rst.py: the module doc parses
    parallel
)

missing=()
for p in "${PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done

[ ${#missing[@]} -eq 0 ] && exit 0

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO="sudo"
    else
        echo "install-deps: missing packages (${missing[*]}) and not root, no sudo" >&2
        exit 1
    fi
fi

echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done" >&2
