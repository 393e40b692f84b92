#!/usr/bin/env bash
# The main job on the default scenario: installs what is missing, builds, runs
# scenarios/smart-home.json with every scheduler (plan, then simulate each plan in ns-3),
# draws the plots and prints the comparison table and where the plots and netanim.xml are.
#
#   ./run.sh [SCENARIO] [runner options...]     e.g. ./run.sh scenarios/factory.json --plan-only
set -euo pipefail
cd "$(dirname "$0")"
./scripts/install-deps.sh
./scripts/build.sh
scenario="${1:-scenarios/smart-home.json}"
shift || true
log=$(mktemp)
trap 'rm -f "$log"' EXIT
./build/tools/dnn-offload-run --scenario="$scenario" "$@" | tee "$log"
out=$(sed -n 's|^results: \(.*\)/ (.*|\1|p' "$log")
echo
/usr/bin/python3 analysis/plot_comparison.py "$out"
/usr/bin/python3 analysis/plot_latency_cdf.py "$out"
/usr/bin/python3 analysis/plot_latency_scatter.py "$out"
first=$(/usr/bin/python3 -c 'import csv,sys; print(next(csv.DictReader(open(sys.argv[1])))["scheduler"])' "$out/comparison.csv")
/usr/bin/python3 analysis/plot_gantt.py "$out/$first"
if [ -f "$out/$first/netanim.xml" ]; then
    echo
    echo "open the NetAnim trace with: netanim $out/$first/netanim.xml (--netanim-all: every scheduler's)"
fi
