#!/usr/bin/python3
"""Empirical CDF of request latency, one curve per scheduler.

Reads DIR/<scheduler>/requests.csv for every scheduler folder of a runner result folder DIR
(in comparison.csv's order) and writes DIR/latency_cdf.png. y is the fraction of ALL the
scheduler's requests (rows of requests.csv) that completed within x: unfinished requests
never arrive, so a curve stops below 1, at completed/requests, and stays there to the right
edge. The legend gives "completed/requests" and how many did not complete (unfinished or
failed); a scheduler
with no completed request (e.g. a --plan-only run) appears in the legend only.
--of-completed divides by the completed requests instead (every curve reaches 1);
--planned adds the planned latencies (planned_latency, or planned_completion - release) as
dashed curves. The x axis is logarithmic when the latencies span more than LOG_SPAN (one
outlier would otherwise squeeze the others against the left edge), else linear;
--x-scale forces either.
"""

import argparse
import os
import sys

import dnn_results as R

FIGSIZE = (8, 5)  # inches; x DPI = 800 x 500 pixels
#: Largest / smallest positive latency above which --x-scale auto picks a log axis.
LOG_SPAN = 20.0


def planned_latencies(frame):
    """Planned latency of every request: planned_latency, else planned_completion - release."""
    if "planned_latency" in frame:
        return frame["planned_latency"]
    if "planned_completion" in frame and "release" in frame:
        return frame["planned_completion"] - frame["release"]
    return None


def cdf_curve(frame, of_all=True):
    """(x, y, completed, total) of one scheduler's requests.csv frame.

    x: the completed requests' latencies, sorted; y[i]: fraction of all requests (of_all) or
    of the completed ones that finished within x[i]. A request is completed unless its
    status is "unfinished" or its latency is empty (failed ones have none).
    """
    import numpy as np
    total = len(frame)
    done = frame[frame["status"].str.strip() != "unfinished"]
    x = np.sort(done["latency"].dropna().to_numpy(dtype=float))
    count = len(x)
    denominator = total if of_all else count
    y = np.arange(1, count + 1) / denominator if denominator else np.zeros(0)
    return x, y, count, total


def cdf_curves(folders, of_all=True, planned=False):
    """[{name, x, y, completed, total, planned_x, planned_y}] per (name, folder)."""
    import numpy as np
    curves = []
    for name, folder in folders:
        frame = R.read_requests(folder)
        x, y, count, total = cdf_curve(frame, of_all)
        curve = {"name": name, "x": x, "y": y, "completed": count, "total": total,
                 "planned_x": np.zeros(0), "planned_y": np.zeros(0)}
        values = planned_latencies(frame) if planned else None
        if values is not None:
            px = np.sort(values.dropna().to_numpy(dtype=float))
            curve["planned_x"] = px
            curve["planned_y"] = np.arange(1, len(px) + 1) / (total if of_all else len(px))
        curves.append(curve)
    return curves


def use_log_scale(curves, choice="auto"):
    """True for a log x axis: forced by choice, or (auto) when the positive latencies span
    more than LOG_SPAN."""
    import numpy as np
    if choice != "auto":
        return choice == "log"
    values = np.concatenate([np.r_[c["x"], c["planned_x"]] for c in curves] or [np.zeros(0)])
    values = values[values > 0]
    return len(values) > 1 and values.max() / values.min() > LOG_SPAN


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dir", metavar="DIR", help="a runner result folder")
    parser.add_argument("--out", help="output PNG (default DIR/latency_cdf.png)")
    share = parser.add_mutually_exclusive_group()
    share.add_argument("--of-all", action="store_true",
                       help="y = fraction of all requests (the default; kept for old calls)")
    share.add_argument("--of-completed", action="store_true",
                       help="y = fraction of the completed requests (every curve reaches 1)")
    parser.add_argument("--planned", action="store_true",
                        help="also draw the planned latency CDFs (dashed)")
    parser.add_argument("--x-scale", choices=["auto", "linear", "log"], default="auto",
                        help=f"x axis (auto: log when latencies span more than {LOG_SPAN:g}x)")
    args = parser.parse_args()
    folders = R.request_folders(args.dir)
    out = args.out or os.path.join(args.dir, "latency_cdf.png")
    of_all = not args.of_completed
    not_simulated = R.not_simulated_schedulers(args.dir)

    import numpy as np
    curves = cdf_curves(folders, of_all, args.planned)
    log = use_log_scale(curves, args.x_scale)
    plt = R.setup_matplotlib()
    fig, ax = plt.subplots(figsize=FIGSIZE)
    colours = plt.get_cmap("tab10").colors
    styles = ["-", "-.", ":"]
    drawn = 0
    values = np.concatenate([np.r_[c["x"], c["planned_x"]] for c in curves])
    values = values[values > 0] if log else values
    if len(values):
        left, right = (values.min() / 1.3, values.max() * 1.3) if log else (
            0.0, values.max() * 1.05 if values.max() > 0 else 1.0)
    else:
        left, right = (0.01, 1.0) if log else (0.0, 1.0)
    for index, curve in enumerate(curves):
        name, x, y, count, total = (curve[k] for k in ("name", "x", "y", "completed", "total"))
        colour = colours[index % len(colours)]
        style = styles[(index // len(colours)) % len(styles)]
        label = f"{name} ({count}/{total} completed"
        label += f", {total - count} did not)" if count < total else ")"
        if count == 0:
            why = "not simulated" if name in not_simulated else "none finished"
            label = f"{name} (0/{total} completed: {why})"
            ax.plot([], [], color=colour, linestyle=style, label=label)
        else:
            # from 0 at the first latency, a step per request, flat to the right edge
            ax.step(np.r_[x[0], x, max(right, x[-1])], np.r_[0.0, y, y[-1]], where="post",
                    color=colour, linestyle=style, linewidth=1.5, label=label)
            drawn += 1
        if len(curve["planned_x"]):
            px, py = curve["planned_x"], curve["planned_y"]
            ax.step(np.r_[px[0], px, max(right, px[-1])], np.r_[0.0, py, py[-1]], where="post",
                    color=colour, linestyle="--", linewidth=1.0, alpha=0.8)
            drawn += 1
    if args.planned:
        ax.plot([], [], color="0.3", linestyle="--", linewidth=1.0, label="dashed: planned")
    if drawn == 0:
        ax.text(0.5, 0.5, "no completed request\n(not simulated: --plan-only run?)",
                transform=ax.transAxes, ha="center", va="center", color="0.35")
    if log:
        ax.set_xscale("log")
    ax.set_xlim(left, right)
    ax.set_ylim(0, 1.02)
    ax.set_xlabel("request latency (s)" + (", log scale" if log else ""))
    if of_all:
        ax.set_ylabel("fraction of all requests")
        note = ("requests that did not complete never arrive: a curve stops at "
                "completed/requests")
    else:
        ax.set_ylabel("fraction of completed requests")
        note = "of the completed requests only: the others are left out"
    label = os.path.basename(os.path.normpath(os.path.abspath(args.dir)))
    ax.set_title(f"Request latency CDF ({label})\n{note}")
    ax.grid(alpha=0.3)
    if log:
        ax.grid(alpha=0.1, which="minor")
    # outside the axes: inside, it hides the curves of a crowded left edge
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    fig.subplots_adjust(left=0.09, right=0.63, top=0.9, bottom=0.11)
    print(R.save_png(fig, out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
