#!/bin/sh
# The module doc's study "Does piece-wise partitioning survive contention?": the seed's
# nine requests with 1-6 helpers, layer-wise and piece-wise, PSO-GA and HEFT planned under
# the contention-free and the shared-medium network model, simulated on one Wi-Fi cell and
# on one Ethernet segment (scenarios/contention-study-{wifi,ethernet}.json).
#
#   analysis/contention_study.sh [OUT]   (default results/contention-study; needs ./build)
#
# RUNNER (default build/tools/dnn-offload-run) and JOBS (default 2) may be set in the
# environment; every point shares one calibration cache, OUT/.calibration-cache.
# Writes OUT/<network>/sweep.csv (analysis/sweep.py) and, per network, the simulated mean
# latency and makespan against the helper count (analysis/plot_sweep.py), one line per
# scheduler and partitioning: OUT/<network>_mean_latency.png, OUT/<network>_makespan.png.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
out=${1:-$repo/results/contention-study}
mkdir -p "$out"
for network in wifi ethernet; do
    /usr/bin/python3 "$here/sweep.py" --scenario "$repo/scenarios/contention-study-$network.json" \
        --out "$out/$network" --set /devices/1/count=1..6 \
        --set /workload/partitioning=layerwise,piecewise --jobs "${JOBS:-2}" \
        --runner "${RUNNER:-$repo/build/tools/dnn-offload-run}" \
        -- --calibration-cache="$out/.calibration-cache"
    /usr/bin/python3 "$here/plot_sweep.py" "$out/$network/sweep.csv" --x count \
        --metric mean_latency_s --out "$out/${network}_mean_latency.png"
    /usr/bin/python3 "$here/plot_sweep.py" "$out/$network/sweep.csv" --x count \
        --metric simulated_makespan_s --out "$out/${network}_makespan.png"
done
