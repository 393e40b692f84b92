#!/usr/bin/python3
"""Plot one metric of a sweep against one grid value, one line per scheduler.

Reads SWEEP_CSV (sweep.py's sweep.csv, or any CSV with a scheduler column) and draws the
mean of --metric over all rows with the same scheduler and --x value (i.e. over the seeds and
runs) with min-max error bars. Grid columns (those left of "seed" in sweep.csv) other than
--x that take several values split the lines ("heft, pieces=3"); --where COLUMN=VALUE keeps
only matching rows. Rows without a metric value (e.g. a simulated column of a --plan-only
sweep) are left out. Lines are shifted sideways a little so that their error bars stay
visible. A numeric --x gives a numeric axis, otherwise one tick per value.
Writes --out, by default sweep_<metric>_vs_<x>.png next to the CSV, and prints its path.
"""

import argparse
import os
import re
import sys

import dnn_results as R

FIGSIZE = (10, 6)  # inches; x DPI = 1000 x 600 pixels


def safe(text):
    return re.sub(r"[^A-Za-z0-9._-]+", "_", text).strip("_") or "value"


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("csv", metavar="SWEEP_CSV", help="sweep.csv written by sweep.py")
    parser.add_argument("--x", required=True, metavar="COLUMN", help="grid column on the x axis")
    parser.add_argument("--metric", required=True, metavar="COLUMN",
                        help="numeric column on the y axis, e.g. simulated_makespan_s")
    parser.add_argument("--where", action="append", default=[], metavar="COLUMN=VALUE",
                        help="keep only rows whose COLUMN equals VALUE (repeatable)")
    parser.add_argument("--out", metavar="FILE",
                        help="output PNG (default: sweep_<metric>_vs_<x>.png next to the CSV)")
    args = parser.parse_args()
    if not os.path.exists(args.csv):
        R.fail(f"sweep CSV {args.csv}: no such file")
    frame = R.read_csv(args.csv, [args.x, args.metric])
    for condition in args.where:
        column, _, value = condition.partition("=")
        if not _ or column not in frame.columns:
            R.fail(f"--where {condition}: expected COLUMN=VALUE with a column of {args.csv}")
        frame = frame[frame[column] == value]
    if frame.empty:
        R.fail(f"{args.csv}: no rows" + (" match --where" if args.where else ""))

    import numpy as np
    import pandas as pd
    columns = list(frame.columns)
    grid = columns[:columns.index("seed")] if "seed" in columns else []
    split = [c for c in grid if c != args.x and frame[c].nunique() > 1]
    if "scheduler" not in frame.columns:
        frame = frame.assign(scheduler=args.metric)
    text = frame[args.metric].str.strip()
    frame = frame.assign(_y=pd.to_numeric(text.where(text != ""), errors="coerce"))
    dropped = int(frame["_y"].isna().sum())
    frame = frame[frame["_y"].notna()]
    if frame.empty:
        R.fail(f"{args.csv}: column {args.metric} has no numeric value "
               f"(not simulated, or not a numeric column?)")
    if dropped:
        R.warn(f"{dropped} rows without a {args.metric} value left out")

    xtext = frame[args.x].str.strip()
    xnum = pd.to_numeric(xtext, errors="coerce")
    numeric_x = bool(xnum.notna().all())
    if numeric_x:
        frame = frame.assign(_x=xnum.astype(float))
        ticks = None
    else:
        order = sorted(dict.fromkeys(xtext), key=R.natural_key)
        position = {v: i for i, v in enumerate(order)}
        frame = frame.assign(_x=[float(position[v]) for v in xtext])
        ticks = order

    plt = R.setup_matplotlib()
    fig, ax = plt.subplots(figsize=FIGSIZE)
    colours = plt.get_cmap("tab10").colors
    markers = ["o", "s", "^", "D", "v", "P", "X", "*"]
    keys = ["scheduler"] + split
    schedulers = list(dict.fromkeys(frame["scheduler"]))
    groups = frame.groupby(keys, sort=False)
    labels = sorted(groups.groups.keys(),
                    key=lambda k: (schedulers.index(k[0] if isinstance(k, tuple) else k),
                                   R.natural_key(str(k))))
    counts = []
    xs = np.unique(frame["_x"].to_numpy())
    spacing = float(np.diff(xs).min()) if len(xs) > 1 else 1.0
    step = min(0.04, 0.3 / max(1, len(labels))) * spacing  # dodge so error bars do not hide
    for index, key in enumerate(labels):
        key = key if isinstance(key, tuple) else (key,)
        group = groups.get_group(key if len(keys) > 1 else key[0])
        stats = group.groupby("_x")["_y"].agg(["mean", "min", "max", "count"]).sort_index()
        counts += list(stats["count"])
        label = ", ".join([str(key[0])] + [f"{c}={v}" for c, v in zip(split, key[1:])])
        errors = np.vstack([stats["mean"] - stats["min"], stats["max"] - stats["mean"]])
        ax.errorbar(stats.index.to_numpy() + step * (index - (len(labels) - 1) / 2),
                    stats["mean"].to_numpy(), yerr=errors,
                    color=colours[index % len(colours)],
                    marker=markers[(index // len(colours)) % len(markers)], markersize=4,
                    capsize=3, linewidth=1.3, label=label)
    if ticks is None and len(xs) <= 15:
        ax.set_xticks(xs)
        ax.set_xticklabels([R.format_number(v) for v in xs])
    if ticks is not None:
        ax.set_xticks(range(len(ticks)))
        ax.set_xticklabels(ticks, rotation=30 if max(len(t) for t in ticks) > 8 else 0)
        ax.set_xlim(-0.5, len(ticks) - 0.5)
    ax.set_xlabel(args.x)
    ax.set_ylabel(args.metric)
    low, high = (min(counts), max(counts)) if counts else (0, 0)
    per = f"{low}" if low == high else f"{low}-{high}"
    ax.set_title(f"{args.metric} vs {args.x}: mean of {per} seeds/runs per point, "
                 f"bars min-max")
    ax.grid(alpha=0.3)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    notes = []
    if args.where:
        notes.append("where " + ", ".join(args.where))
    if dropped:
        notes.append(f"{dropped} rows without a value left out")
    if notes:
        fig.text(0.01, 0.01, "; ".join(notes), fontsize=7, color="0.35")
    fig.subplots_adjust(left=0.09, right=0.78, top=0.93, bottom=0.12)
    out = args.out or os.path.join(os.path.dirname(os.path.abspath(args.csv)),
                                   f"sweep_{safe(args.metric)}_vs_{safe(args.x)}.png")
    print(R.save_png(fig, out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
