#!/usr/bin/env bash
# Runs the libFuzzer targets of the model (JSON), ONNX model, scenario and instance loaders.
#
#   test/fuzz/run.sh [SECONDS] [--runs=N] [TARGET...]
#
# Builds the sanitizer tree build-sanitize/ if needed (scripts/build-sanitize.sh), then runs
# each target (model, onnx, scenario, instance; default all four, side by side) for SECONDS
# (default 30) of wall time, or for N executions with --runs=N (or FUZZ_RUNS=N), on a
# scratch copy of its seed corpus (the repository is never written). Seeds: every shipped
# JSON file (scenarios/*.json, scenarios/models/*.json, test/reference/*.json) plus
# test/fuzz/seeds/<target>/; for onnx, the shipped .onnx files (test/data/onnx/,
# scenarios/models/) instead of the JSON ones. Dictionary (JSON targets): test/fuzz/dnn-json.dict.
#
# Exits non-zero on any finding (crash, uncaught exception, sanitizer report, leak, timeout
# of FUZZ_TIMEOUT seconds per input (default 25), more than FUZZ_RSS_MB MiB (default 2048)),
# printing the input that triggered it; the scratch folder is then kept. Prints the
# executions, exec/s and final coverage of each target.
set -euo pipefail
cd "$(dirname "$0")/../.."

SECONDS_PER_TARGET=30
RUNS="${FUZZ_RUNS:-}"
TARGETS=()
for arg in "$@"; do
    case "$arg" in
    --runs=*) RUNS="${arg#--runs=}" ;;
    model | onnx | scenario | instance) TARGETS+=("$arg") ;;
    *[!0-9]* | "")
        echo "usage: test/fuzz/run.sh [SECONDS] [--runs=N] [model|onnx|scenario|instance ...]" >&2
        exit 2
        ;;
    *) SECONDS_PER_TARGET="$arg" ;;
    esac
done
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=(model onnx scenario instance)
TIMEOUT="${FUZZ_TIMEOUT:-25}"
RSS_MB="${FUZZ_RSS_MB:-2048}"

BUILD_DIR="${DNN_SANITIZE_BUILD_DIR:-build-sanitize}"
./scripts/build-sanitize.sh
for t in "${TARGETS[@]}"; do
    if [ ! -x "$BUILD_DIR/test/fuzz/dnn-$t-reader-fuzz" ]; then
        echo "fuzz: $BUILD_DIR/test/fuzz/dnn-$t-reader-fuzz was not built (needs clang++)" >&2
        exit 1
    fi
done

# The default options of the tree (test/sanitizers/dnn-sanitizer-options.cc), but without the
# fake stacks of detect_stack_use_after_return: on the JSON parser's deep call chains their
# allocator ends up in nearly all of the time (measured: 93 %, 400 -> 30 exec/s).
export ASAN_OPTIONS="detect_stack_use_after_return=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"

SCRATCH="$(mktemp -d "${TMPDIR:-/tmp}/dnn-fuzz.XXXXXX")"
if [ -n "$RUNS" ]; then
    LIMIT=(-runs="$RUNS")
    echo "fuzz: ${TARGETS[*]}: $RUNS executions each (scratch: $SCRATCH)"
else
    LIMIT=(-max_total_time="$SECONDS_PER_TARGET")
    echo "fuzz: ${TARGETS[*]}: ${SECONDS_PER_TARGET} s each (scratch: $SCRATCH)"
fi

pids=()
for t in "${TARGETS[@]}"; do
    dir="$SCRATCH/$t"
    mkdir -p "$dir/corpus" "$dir/artifacts"
    dict=(-dict=test/fuzz/dnn-json.dict)
    if [ "$t" = onnx ]; then
        cp test/data/onnx/*.onnx scenarios/models/*.onnx "$dir/corpus/"
        dict=()
    else
        cp scenarios/*.json scenarios/models/*.json test/reference/*.json "$dir/corpus/"
    fi
    if [ -d "test/fuzz/seeds/$t" ]; then
        cp "test/fuzz/seeds/$t"/* "$dir/corpus/"
    fi
    (
        start=$(date +%s.%N)
        set +e
        "$BUILD_DIR/test/fuzz/dnn-$t-reader-fuzz" "${dict[@]}" \
            "${LIMIT[@]}" -timeout="$TIMEOUT" -rss_limit_mb="$RSS_MB" -print_final_stats=1 \
            -artifact_prefix="$dir/artifacts/" "$dir/corpus" >"$dir/log" 2>&1
        echo $? >"$dir/status"
        echo "$start $(date +%s.%N)" >"$dir/wall"
    ) &
    pids+=($!)
done
for pid in "${pids[@]}"; do
    wait "$pid"
done

failed=0
printf '%-9s %10s %8s %8s %8s %7s %7s  %s\n' target execs wall_s exec/s cov ft corpus result
for t in "${TARGETS[@]}"; do
    dir="$SCRATCH/$t"
    status=$(cat "$dir/status")
    read -r start end <"$dir/wall"
    wall=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.0f", b - a }')
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/log" | tail -n 1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$dir/log" | tail -n 1)
    last=$(grep -E '^#[0-9]+' "$dir/log" | tail -n 1 || true)
    cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
    ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
    corpus=$(sed -n 's/.* corp: \([0-9]*\).*/\1/p' <<<"$last")
    findings=$(find "$dir/artifacts" -type f | sort)
    result=ok
    if [ "$status" -ne 0 ] || [ -n "$findings" ]; then
        result="FINDING (exit status $status)"
        failed=1
    fi
    printf '%-9s %10s %8s %8s %8s %7s %7s  %s\n' "$t" "${execs:--}" "$wall" "${rate:--}" \
        "${cov:--}" "${ft:--}" "${corpus:--}" "$result"
done

if [ "$failed" -ne 0 ]; then
    for t in "${TARGETS[@]}"; do
        dir="$SCRATCH/$t"
        if [ "$(cat "$dir/status")" -eq 0 ] && [ -z "$(find "$dir/artifacts" -type f)" ]; then
            continue
        fi
        echo
        echo "=== fuzz finding: $t (log: $dir/log) ==="
        grep -v -E '^#[0-9]+|^INFO:|^Dictionary:' "$dir/log" | tail -n 60
        for f in $(find "$dir/artifacts" -type f | sort); do
            echo "--- input $f ($(wc -c <"$f") bytes); reproduce:"
            echo "    $BUILD_DIR/test/fuzz/dnn-$t-reader-fuzz $f"
            head -c 4000 "$f" | cat -v
            echo
        done
    done
    echo "fuzz: FAILED; inputs and logs kept in $SCRATCH" >&2
    exit 1
fi
rm -rf "$SCRATCH"
