#!/usr/bin/python3
"""Bar charts of a scheduler comparison: planned versus simulated, one group per scheduler.

Reads DIR/comparison.csv (written by build/tools/dnn-offload-run) and writes
  DIR/comparison_makespan.png  planned and simulated makespan (bars labelled with the
                               simulated-vs-planned difference in %),
  DIR/comparison_latency.png   planned mean, simulated mean and simulated p95 latency,
  DIR/comparison_energy.png    planned and simulated energy,
  DIR/comparison_latency_error.png  median and p95 of the requests' relative latency error
                               |simulated - planned| / planned, in % (only when comparison.csv
                               has the latency_error_* columns; y linear to 10 %, logarithmic
                               above; ">=": lower bounds, some request did not finish).
Where a simulated value is missing the bar is left out and its slot says why: "not
simulated" (a --plan-only run) or "unfinished k/n" (some request did not complete).
Outliers do not flatten the rest: in the makespan, latency and energy charts, when a
scheduler's tallest bar is more than OUTLIER_RATIO times the median of the schedulers'
tallest bars, the y axis is cut at CLIP_FACTOR times the tallest bar of the other
schedulers; bars above the cut end in a break mark and carry their value, and a note under
the chart gives the cut.
Prints the paths written.
"""

import argparse
import math
import os
import sys

import dnn_results as R

FIGSIZE = (10, 5)  # inches; x DPI = 1000 x 500 pixels
PLANNED = {"color": "#4c72b0"}
SIMULATED = {"color": "#dd8452"}
P95 = {"color": "#c44e52"}
#: A scheduler is an outlier when its tallest bar exceeds OUTLIER_RATIO x the median of the
#: schedulers' tallest bars; the axis is then cut at CLIP_FACTOR x the others' tallest bar.
OUTLIER_RATIO = 5.0
CLIP_FACTOR = 1.5


def clip_bound(tops, ratio=OUTLIER_RATIO, factor=CLIP_FACTOR):
    """Where to cut the y axis, or None to show everything.

    tops: each scheduler's tallest bar (NaN or missing: no bar). With at least three
    schedulers with bars, those whose top exceeds ratio x the median top are outliers; the
    cut is factor x the largest top of the others (None when there is no outlier, or when
    every bar is below the cut anyway).
    """
    values = sorted(t for t in tops if t is not None and math.isfinite(t) and t > 0)
    if len(values) < 3:
        return None
    middle = len(values) // 2
    median = values[middle] if len(values) % 2 else 0.5 * (values[middle - 1] + values[middle])
    inliers = [t for t in values if t <= ratio * median]
    if len(inliers) == len(values) or not inliers:
        return None
    bound = factor * inliers[-1]
    return bound if values[-1] > bound else None


def missing_reason(row):
    """Why a scheduler's simulated values are missing."""
    if math.isnan(row["completed"]):
        return "not simulated"
    if not math.isnan(row["requests"]) and row["completed"] < row["requests"]:
        return f"unfinished {int(row['completed'])}/{int(row['requests'])}"
    return "no value"


def grouped_bars(ax, frame, series, notes_for=None, labels=None, clip=False, unit=""):
    """Draw one bar group per scheduler. series: [(label, column, style)].

    notes_for: column names whose missing values get a note in their slot.
    labels: {column: function(row) -> text} drawn above the column's bars.
    clip: cut the y axis at clip_bound() of the schedulers' tallest bars; bars above it are
    drawn to the cut with a break mark and their value (number and unit) written on them.
    Returns (noted, bound): whether a missing-value note was drawn, and the cut (None:
    not cut).
    """
    import numpy as np
    names = list(frame["scheduler"])
    x = np.arange(len(names))
    width = 0.8 / len(series)
    slots = {}
    bound = None
    if clip:
        tops = frame[[column for _, column, _ in series]].to_numpy(dtype=float)
        tops = [float(np.nanmax(row)) if not np.isnan(row).all() else float("nan")
                for row in tops]
        bound = clip_bound(tops)
    for i, (label, column, style) in enumerate(series):
        pos = x - 0.4 + width * (i + 0.5)
        slots[column] = pos
        values = frame[column].to_numpy(dtype=float)
        shown = ~np.isnan(values)
        heights = values if bound is None else np.minimum(values, bound)
        bars = ax.bar(pos[shown], heights[shown], width, label=label, **style)
        if labels and column in labels:
            rows = [row for (_, row), keep in zip(frame.iterrows(), shown) if keep]
            ax.bar_label(bars, [labels[column](row) for row in rows], fontsize=7, padding=1)
        if bound is not None:
            for p, value in zip(pos[shown], values[shown]):
                if value > bound:
                    mark_cut_bar(ax, p, width, bound, value, unit)
    ax.set_xticks(x)
    rotate = len(names) > 6 or max(len(n) for n in names) > 10
    ax.set_xticklabels(names, rotation=30 if rotate else 0, ha="right" if rotate else "center")
    ax.set_xlim(-0.6, len(names) - 0.4)
    ax.grid(axis="y", alpha=0.3)
    ax.set_axisbelow(True)
    top = ax.get_ylim()[1] if bound is None else bound
    if not np.isfinite(top) or top <= 0:
        top = 1.0
    ax.set_ylim(0, top * 1.12)
    noted = False
    for column in notes_for or []:
        for i, (_, row) in enumerate(frame.iterrows()):
            if math.isnan(row[column]):
                ax.text(slots[column][i], top * 0.03, missing_reason(row), rotation=90,
                        ha="center", va="bottom", fontsize=7, color="0.35")
                noted = True
    ax.figure.subplots_adjust(bottom=0.22 if rotate else 0.13)
    return noted, bound


def mark_cut_bar(ax, x, width, bound, value, unit):
    """A bar cut at bound: a white zigzag across it below the top, its value written inside."""
    import numpy as np
    gap = 0.045 * bound
    left, right = x - width / 2, x + width / 2
    xs = np.linspace(left, right, 5)
    for level in (bound - 2.2 * gap, bound - 1.2 * gap):
        ys = level + np.array([0, 0.35, 0, 0.35, 0]) * gap
        ax.fill_between(xs, ys, ys + 0.45 * gap, color="white", zorder=3, linewidth=0)
    ax.text(x, bound - 2.6 * gap, f"{R.format_number(value)}{unit}", rotation=90, ha="center",
            va="top", fontsize=7, color="white", fontweight="bold", zorder=4)


def finish(fig, ax, title, ylabel, noted, path, bound=None, unit=""):
    ax.set_title(title)
    ax.set_ylabel(ylabel)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    notes = []
    if noted:
        notes.append("Missing bars: the value was not simulated (--plan-only) "
                     "or a request did not finish.")
    if bound is not None:
        notes.append(f"Axis cut at {R.format_number(bound)}{unit} ({CLIP_FACTOR:g} x the "
                     "tallest bar of the schedulers that are not outliers): broken bars go "
                     "beyond it, their value is written on them.")
    if notes:
        fig.text(0.01, 0.01, "\n".join(notes), fontsize=7, color="0.35")
    fig.subplots_adjust(left=0.08, right=0.82, top=0.92)
    return R.save_png(fig, path)


def percent(row):
    value = row["makespan_difference_pct"]
    return "" if math.isnan(value) else f"{value:+.1f}%"


def error_label(row):
    """">=" when some request did not finish (its error counts as if it finished at the stop)."""
    if math.isnan(row["latency_error_median"]):
        return ""
    bound = ">=" if row["completed"] < row["requests"] else ""
    return f"{bound}{row['latency_error_median']:.0f}%"


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dir", metavar="DIR", help="a runner result folder (has comparison.csv)")
    args = parser.parse_args()
    R.require_dir(args.dir)
    frame = R.read_comparison(args.dir)
    plt = R.setup_matplotlib()
    label = os.path.basename(os.path.normpath(os.path.abspath(args.dir)))
    written = []

    fig, ax = plt.subplots(figsize=FIGSIZE)
    noted, bound = grouped_bars(ax, frame, [("planned", "planned_makespan_s", PLANNED),
                                            ("simulated", "simulated_makespan_s", SIMULATED)],
                                notes_for=["simulated_makespan_s"],
                                labels={"simulated_makespan_s": percent}, clip=True, unit=" s")
    written.append(finish(fig, ax, f"Makespan, planned vs simulated ({label}); "
                          "labels: simulated vs planned", "makespan (s)", noted,
                          os.path.join(args.dir, "comparison_makespan.png"), bound, " s"))

    fig, ax = plt.subplots(figsize=FIGSIZE)
    noted, bound = grouped_bars(ax, frame,
                                [("planned mean", "planned_mean_latency_s", PLANNED),
                                 ("simulated mean", "mean_latency_s", SIMULATED),
                                 ("simulated p95", "p95_latency_s", P95)],
                                notes_for=["mean_latency_s"], clip=True, unit=" s")
    written.append(finish(fig, ax, f"Request latency ({label})", "latency (s)", noted,
                          os.path.join(args.dir, "comparison_latency.png"), bound, " s"))

    fig, ax = plt.subplots(figsize=FIGSIZE)
    noted, bound = grouped_bars(ax, frame, [("planned", "planned_energy_j", PLANNED),
                                            ("simulated", "energy_j", SIMULATED)],
                                notes_for=["energy_j"], clip=True, unit=" J")
    written.append(finish(fig, ax, f"Energy, all devices ({label})", "energy (J)", noted,
                          os.path.join(args.dir, "comparison_energy.png"), bound, " J"))

    if all(c in frame for c in R.LATENCY_ERROR_COLUMNS):
        errors = frame.copy()
        for column in R.LATENCY_ERROR_COLUMNS:
            errors[column] = 100.0 * errors[column]
        fig, ax = plt.subplots(figsize=FIGSIZE)
        noted, _ = grouped_bars(ax, errors, [("median", "latency_error_median", SIMULATED),
                                             ("p95", "latency_error_p95", P95)],
                                notes_for=["latency_error_median"],
                                labels={"latency_error_median": error_label})
        # one scheduler far off its plan would flatten the rest: linear to 10 %, log above
        top = ax.get_ylim()[1]
        ax.set_yscale("symlog", linthresh=10.0)
        ax.set_ylim(0, max(top, 10.0) * 1.5)
        written.append(finish(fig, ax, f"Did the plan hold? Request latency error ({label})",
                              "|simulated - planned| / planned (%)", noted,
                              os.path.join(args.dir, "comparison_latency_error.png")))

    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
