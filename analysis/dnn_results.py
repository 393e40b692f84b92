"""Shared helpers of the analysis scripts: reading dnn-offload result files, errors, figures.

The runner writes a result folder DIR with comparison.csv (one row per scheduler) and one
sub-folder per scheduler holding tasks.csv, transfers.csv and requests.csv; the columns are
listed below. Empty cells (never happened, not simulated) become NaN in numeric columns.
"""

import csv
import math
import os
import re
import sys

#: Plan-error columns (newer runners, after p95_latency_s): median and 95th percentile of the
#: requests' |simulated - planned| / planned latency, as fractions. Optional: older result
#: folders lack them.
LATENCY_ERROR_COLUMNS = ["latency_error_median", "latency_error_p95"]
#: Payload bytes queued for the network but not delivered by the end of the run (newer
#: runners, after network_bytes, which counts the bytes delivered). Optional: older result
#: folders lack it (and their network_bytes counted the bytes queued).
UNDELIVERED_COLUMNS = ["network_bytes_undelivered"]
#: Requests that did not complete, counted in mean/p95_latency_s with their latency
#: censored at the stop (newer runners, after completed). Optional: older result folders
#: lack it (and their mean/p95 were over the completed requests only).
CENSORED_COLUMNS = ["censored"]
#: comparison.csv's columns in the runner's order.
COMPARISON_COLUMNS = [
    "scheduler", "planned_makespan_s", "simulated_makespan_s", "makespan_difference_pct",
    "planned_mean_latency_s", "mean_latency_s", "p95_latency_s"] + LATENCY_ERROR_COLUMNS + [
    "deadline_misses", "completed"] + CENSORED_COLUMNS + [
    "requests", "planned_energy_j", "energy_j",
    "network_bytes"] + UNDELIVERED_COLUMNS + ["scheduler_runtime_s", "simulation_wall_s",
]
#: The columns every comparison.csv has (older ones lack the plan-error and undelivered
#: columns).
REQUIRED_COMPARISON_COLUMNS = [c for c in COMPARISON_COLUMNS
                               if c not in LATENCY_ERROR_COLUMNS + UNDELIVERED_COLUMNS
                               + CENSORED_COLUMNS]
TASK_COLUMNS = ["task", "request", "model", "layer", "piece", "node", "planned_start",
                "planned_finish", "sim_start", "sim_finish"]
TRANSFER_COLUMNS = ["producer", "source", "destination", "bytes", "send_start", "arrival"]
REQUEST_COLUMNS = ["request", "model", "source", "release", "completion", "latency", "deadline",
                   "met", "planned_completion", "planned_latency", "latency_error", "status"]

#: Resolution of every PNG the scripts write (pixels = inches x DPI).
DPI = 100


def fail(message, status=2):
    """Print "<script>: error: message" on stderr and exit (status 2: bad input)."""
    prog = os.path.basename(sys.argv[0]) if sys.argv and sys.argv[0] else "analysis"
    print(f"{prog}: error: {message}", file=sys.stderr)
    sys.exit(status)


def warn(message):
    """Print "<script>: warning: message" on stderr."""
    prog = os.path.basename(sys.argv[0]) if sys.argv and sys.argv[0] else "analysis"
    print(f"{prog}: warning: {message}", file=sys.stderr)


def require_dir(path, what="result folder"):
    """Exit 2 unless path is an existing folder."""
    if not os.path.exists(path):
        fail(f"{what} {path}: no such folder")
    if not os.path.isdir(path):
        fail(f"{what} {path}: not a folder")


def require_file(path, what="file"):
    """Exit 2 unless path is an existing regular file."""
    if not os.path.exists(path):
        fail(f"{what} {path}: no such file")
    if not os.path.isfile(path):
        fail(f"{what} {path}: not a file")


def _pandas():
    import pandas  # imported lazily: sweep.py does not need it
    return pandas


def read_csv(path, required, numeric=(), optional=False):
    """Read a CSV file as text, check its columns, convert the numeric ones.

    required: columns that must be present (exit 2 naming the file and the column otherwise).
    numeric: columns converted to float; empty cells become NaN, other non-numbers exit 2.
    optional: return None instead of failing when the file does not exist.
    """
    pd = _pandas()
    if not os.path.exists(path):
        if optional:
            return None
        fail(f"{path}: no such file")
    if not os.path.isfile(path):
        fail(f"{path}: not a file")
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False)
    except pd.errors.EmptyDataError:
        fail(f"{path}: empty file (no header line)")
    except (pd.errors.ParserError, UnicodeDecodeError) as error:
        fail(f"{path}: not a readable CSV file: {error}")
    frame.columns = [str(c).strip() for c in frame.columns]
    missing = [c for c in required if c not in frame.columns]
    if missing:
        fail(f"{path}: missing column(s) {', '.join(missing)} "
             f"(the file has: {', '.join(frame.columns)})")
    for column in numeric:
        if column not in frame.columns:
            continue
        text = frame[column].str.strip()
        values = pd.to_numeric(text.where(text != ""), errors="coerce")
        bad = (text != "") & values.isna() & ~text.str.lower().isin(["nan", "-nan"])
        if bad.any():
            row = int(bad.idxmax())
            fail(f"{path}: column {column}, data row {row + 1}: "
                 f"'{frame[column][row]}' is not a number")
        frame[column] = values.astype(float)
    return frame


def read_comparison(folder):
    """DIR/comparison.csv with every numeric column as float (NaN where empty); the
    plan-error columns (LATENCY_ERROR_COLUMNS) and network_bytes_undelivered are converted
    when present."""
    numeric = [c for c in COMPARISON_COLUMNS if c != "scheduler"]
    frame = read_csv(os.path.join(folder, "comparison.csv"), REQUIRED_COMPARISON_COLUMNS,
                     numeric)
    if frame.empty:
        fail(f"{os.path.join(folder, 'comparison.csv')}: no scheduler rows")
    return frame


def read_tasks(folder):
    """DIR/<scheduler>/tasks.csv; times as float (NaN: never ran / not simulated)."""
    return read_csv(os.path.join(folder, "tasks.csv"),
                    ["task", "request", "node", "planned_start", "planned_finish", "sim_start",
                     "sim_finish"],
                    ["planned_start", "planned_finish", "sim_start", "sim_finish"])


def read_transfers(folder):
    """DIR/<scheduler>/transfers.csv, or an empty table when absent (plan-only runs)."""
    path = os.path.join(folder, "transfers.csv")
    frame = read_csv(path, TRANSFER_COLUMNS, ["bytes", "send_start", "arrival"], optional=True)
    if frame is None:
        pd = _pandas()
        frame = pd.DataFrame({c: pd.Series(dtype=float if c in ("bytes", "send_start", "arrival")
                                           else str) for c in TRANSFER_COLUMNS})
    return frame


def read_requests(folder):
    """DIR/<scheduler>/requests.csv; release/completion/latency/planned_completion (and, when
    present, planned_latency/latency_error, and censored/censored_latency: 1 and stop -
    release for a request that did not complete, 0 and its latency otherwise) as float."""
    return read_csv(os.path.join(folder, "requests.csv"), ["request", "latency", "status"],
                    ["release", "completion", "latency", "deadline", "planned_completion",
                     "planned_latency", "latency_error", "censored", "censored_latency"])


def read_node_order(folder):
    """Device names in platform order from DIR/<scheduler>/energy.csv, or [] without it."""
    path = os.path.join(folder, "energy.csv")
    try:
        with open(path, newline="") as handle:
            return list(dict.fromkeys(row["node"] for row in csv.DictReader(handle)
                                      if row.get("node")))
    except (OSError, KeyError, csv.Error, UnicodeDecodeError):
        return []


def request_folders(folder):
    """scheduler_folders() of DIR, which must exist and hold at least one (else exit 2)."""
    require_dir(folder)
    folders = scheduler_folders(folder)
    if not folders:
        fail(f"{folder}: no scheduler folder with a requests.csv")
    return folders


def not_simulated_schedulers(folder):
    """The schedulers of DIR's comparison.csv that were planned only (no completed count)."""
    path = os.path.join(folder, "comparison.csv")
    if not os.path.isfile(path):
        return set()
    comparison = read_csv(path, ["scheduler"], ["completed"])
    if "completed" not in comparison:
        return set()
    return set(comparison["scheduler"][comparison["completed"].isna()])


def scheduler_folders(folder):
    """[(scheduler, path)] of DIR's per-scheduler folders holding requests.csv.

    Ordered like comparison.csv when DIR has one (rows without a folder are skipped with a
    warning); other folders follow in name order.
    """
    present = sorted(name for name in os.listdir(folder)
                     if os.path.isfile(os.path.join(folder, name, "requests.csv")))
    order = []
    comparison = os.path.join(folder, "comparison.csv")
    if os.path.isfile(comparison):
        frame = read_csv(comparison, ["scheduler"])
        for name in frame["scheduler"]:
            if name in present and name not in order:
                order.append(name)
            elif name not in present:
                warn(f"{os.path.join(folder, name)}: no requests.csv, scheduler skipped")
    order += [name for name in present if name not in order]
    return [(name, os.path.join(folder, name)) for name in order]


def natural_key(text):
    """Sort key putting "r2" before "r10" and 2 before 10."""
    return [(0, int(part), "") if part.isdigit() else (1, 0, part)
            for part in re.split(r"(\d+)", str(text)) if part != ""]


def setup_matplotlib():
    """Select the headless Agg backend and return pyplot."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    plt.rcParams.update({"font.size": 9, "axes.titlesize": 10, "legend.fontsize": 8,
                         "svg.hashsalt": "dnn-offload"})
    return plt


def save_png(fig, path):
    """Save a figure as a PNG at DPI without a Software tag (reruns give the same bytes)."""
    import matplotlib.pyplot as plt
    directory = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(directory):
        fail(f"output folder {directory}: no such folder")
    fig.savefig(path, dpi=DPI, format="png", metadata={"Software": None})
    plt.close(fig)
    return path


def format_number(value):
    """Short human form of a number for annotations."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return f"{value:.3g}"
