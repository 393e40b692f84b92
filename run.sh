#!/usr/bin/env bash
# Installs what is missing, builds, and runs the main job on the default setting:
# the DNN model zoo and the partitioning of the seed workload (9 requests).
set -euo pipefail
cd "$(dirname "$0")"
./scripts/install-deps.sh
./scripts/build.sh
models=$(ls scenarios/models/*.json | paste -sd, -)
./build/examples/dnn-offload-inspect --model="$models" --partition=piecewise:3
echo
./build/contrib/dnn-offload/examples/dnn-partition-workload-example --models-dir=scenarios/models
