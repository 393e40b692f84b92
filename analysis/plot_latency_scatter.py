#!/usr/bin/python3
"""Planned versus simulated latency, one dot per request, one panel per scheduler.

Reads DIR/<scheduler>/requests.csv for every scheduler folder of a runner result folder DIR
(in comparison.csv's order) and writes DIR/latency_scatter.png: x = the request's planned
latency (planned_latency, or planned_completion - release), y = its simulated latency, the
diagonal y = x drawn. Dots on the diagonal held their plan, dots above it were slower in
the simulation. A request that did not complete (status unfinished or failed) is a red
triangle at the lower bound of its latency (as if it had completed at the stop:
planned_latency x (1 + latency_error)), or on the top edge of the panel when its
latency_error is empty. A request that was never planned has no x and is only counted in
the panel's note. All panels share
their axes, logarithmic when the latencies span more than LOG_SPAN (--scale forces either).
A scheduler not simulated (--plan-only) gets an empty panel saying so.
Four panels a row, 2.7 x 2.6 in each (270 x 260 px at 100 dpi) plus 0.6 x 1.1 in of
margins: 1140 x 890 px for 9 to 12 schedulers.
"""

import argparse
import math
import os
import sys

import dnn_results as R

COLUMNS = 4
PANEL = (2.7, 2.6)  # inches per panel
#: Largest / smallest positive latency above which --scale auto picks log-log axes.
LOG_SPAN = 20.0


def scatter_points(frame):
    """One point per row of a requests.csv frame.

    Returns {"planned": [...], "simulated": [...], "finished": [...]}, aligned with the rows:
    simulated is the latency of a completed request, and for an unfinished one the lower
    bound planned x (1 + latency_error) when that is known, else NaN.
    """
    planned, simulated, finished = [], [], []
    has_planned = "planned_latency" in frame
    has_error = "latency_error" in frame
    for _, row in frame.iterrows():
        p = row["planned_latency"] if has_planned else float("nan")
        if (not has_planned or math.isnan(p)) and "planned_completion" in frame \
                and "release" in frame:
            p = row["planned_completion"] - row["release"]
        done = str(row["status"]).strip() != "unfinished" and not math.isnan(row["latency"])
        s = row["latency"]
        if not done:
            error = row["latency_error"] if has_error else float("nan")
            s = p * (1.0 + error) if not math.isnan(error) and not math.isnan(p) \
                else float("nan")
        planned.append(float(p))
        simulated.append(float(s))
        finished.append(bool(done))
    return {"planned": planned, "simulated": simulated, "finished": finished}


def all_points(folders):
    """[(scheduler, scatter_points)] for [(scheduler, folder)]."""
    return [(name, scatter_points(R.read_requests(folder))) for name, folder in folders]


def axis_range(points, log):
    """(low, high) shared by x and y of every panel."""
    values = [v for _, p in points for v in p["planned"] + p["simulated"]
              if not math.isnan(v) and (v > 0 or not log)]
    if not values:
        return (0.01, 1.0) if log else (0.0, 1.0)
    low, high = min(values), max(values)
    if log:
        return low / 1.5, high * 1.5
    return 0.0, high * 1.08 if high > 0 else 1.0


def use_log_scale(points, choice="auto"):
    if choice != "auto":
        return choice == "log"
    values = [v for _, p in points for v in p["planned"] + p["simulated"]
              if not math.isnan(v) and v > 0]
    return len(values) > 1 and max(values) / min(values) > LOG_SPAN


def draw(points, log, title, not_simulated=()):
    """The figure of all_points(); returns it."""
    import numpy as np
    plt = R.setup_matplotlib()
    rows = max(1, math.ceil(len(points) / COLUMNS))
    columns = min(COLUMNS, max(1, len(points)))
    fig, axes = plt.subplots(rows, columns, figsize=(PANEL[0] * columns + 0.6,
                                                     PANEL[1] * rows + 1.1),
                             sharex=True, sharey=True, squeeze=False)
    low, high = axis_range(points, log)
    for index, ax in enumerate(axes.flat):
        if index >= len(points):
            ax.set_visible(False)
            continue
        name, p = points[index]
        planned = np.array(p["planned"], dtype=float)
        simulated = np.array(p["simulated"], dtype=float)
        finished = np.array(p["finished"], dtype=bool)
        ax.plot([low, high], [low, high], color="0.5", linewidth=1.0, zorder=1)
        ax.scatter(planned[finished], simulated[finished], s=14, color="#4c72b0",
                   alpha=0.8, zorder=2, label="completed")
        unfinished = ~finished & (name not in not_simulated)  # not simulated: no bound
        bound = unfinished & ~np.isnan(simulated)
        edge = unfinished & np.isnan(simulated)
        ax.scatter(planned[bound], simulated[bound], s=22, marker="^", color="#c44e52",
                   zorder=3, label="unfinished (lower bound)")
        ax.scatter(planned[edge], np.full(int(edge.sum()), high), s=22, marker="^",
                   color="#c44e52", zorder=3, clip_on=False)
        total = len(planned)
        done = int(finished.sum())
        if name in not_simulated or (done == 0 and not bound.any()):
            why = "not simulated" if name in not_simulated else "none finished"
            text = f"{total} requests, {why}"
        else:
            ratio = simulated[finished] / planned[finished]
            ratio = ratio[np.isfinite(ratio)]
            text = f"{done}/{total} completed"
            if len(ratio):
                text += f"\nmedian sim/plan {np.median(ratio):.2g}x"
        unplanned = int(np.isnan(planned).sum())
        if unplanned:
            text += f"\n{unplanned} never planned (not drawn)"
        ax.text(0.96, 0.04, text, transform=ax.transAxes, ha="right", va="bottom", fontsize=7,
                color="0.25")
        ax.set_title(name, fontsize=9)
        if log:
            ax.set_xscale("log")
            ax.set_yscale("log")
        ax.set_xlim(low, high)
        ax.set_ylim(low, high)
        ax.set_aspect("equal", adjustable="box")
        ax.grid(alpha=0.3)
        if index % columns == 0:
            ax.set_ylabel("simulated latency (s)")
        if index >= len(points) - columns:
            ax.set_xlabel("planned latency (s)")
            ax.tick_params(labelbottom=True)
    scale = "log-log, " if log else ""
    fig.suptitle(f"{title}: one dot per request, {scale}shared axes\ndiagonal: as planned; "
                 "above it: slower than planned; red triangles: did not complete, drawn at "
                 "their lower bound", fontsize=9)
    fig.subplots_adjust(left=0.7 / fig.get_figwidth(), right=0.98, bottom=0.6 / fig.get_figheight(),
                        top=1 - 0.8 / fig.get_figheight(), wspace=0.25, hspace=0.35)
    return fig


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dir", metavar="DIR", help="a runner result folder")
    parser.add_argument("--out", help="output PNG (default DIR/latency_scatter.png)")
    parser.add_argument("--scale", choices=["auto", "linear", "log"], default="auto",
                        help=f"axes (auto: log-log when latencies span more than {LOG_SPAN:g}x)")
    args = parser.parse_args()
    folders = R.request_folders(args.dir)
    not_simulated = R.not_simulated_schedulers(args.dir)
    points = all_points(folders)
    label = os.path.basename(os.path.normpath(os.path.abspath(args.dir)))
    fig = draw(points, use_log_scale(points, args.scale),
               f"Planned vs simulated latency ({label})", not_simulated)
    print(R.save_png(fig, args.out or os.path.join(args.dir, "latency_scatter.png")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
