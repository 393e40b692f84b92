#!/usr/bin/python3
"""Empirical CDF of request latency, one curve per scheduler.

Reads DIR/<scheduler>/requests.csv for every scheduler folder of a runner result folder DIR
(in comparison.csv's order) and writes DIR/latency_cdf.png. Curves use the completed
requests; the legend gives "completed/requests" and the number of unfinished ones, and a
scheduler with no completed request (e.g. a --plan-only run) appears in the legend only.
--of-all scales each curve by the share of completed requests (so it tops out below 1
when some did not finish); --planned adds the planned latencies
(planned_completion - release) as dashed curves.
"""

import argparse
import os
import sys

import dnn_results as R

FIGSIZE = (8, 5)  # inches; x DPI = 800 x 500 pixels


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dir", metavar="DIR", help="a runner result folder")
    parser.add_argument("--out", help="output PNG (default DIR/latency_cdf.png)")
    parser.add_argument("--of-all", action="store_true",
                        help="y = fraction of all requests instead of the completed ones")
    parser.add_argument("--planned", action="store_true",
                        help="also draw the planned latency CDFs (dashed)")
    args = parser.parse_args()
    R.require_dir(args.dir)
    folders = R.scheduler_folders(args.dir)
    if not folders:
        R.fail(f"{args.dir}: no scheduler folder with a requests.csv")
    out = args.out or os.path.join(args.dir, "latency_cdf.png")
    not_simulated = set()
    if os.path.isfile(os.path.join(args.dir, "comparison.csv")):
        comparison = R.read_csv(os.path.join(args.dir, "comparison.csv"), ["scheduler"],
                                ["completed"])
        if "completed" in comparison:
            not_simulated = set(comparison["scheduler"][comparison["completed"].isna()])

    import numpy as np
    plt = R.setup_matplotlib()
    fig, ax = plt.subplots(figsize=FIGSIZE)
    colours = plt.get_cmap("tab10").colors
    styles = ["-", "-.", ":"]
    drawn = 0
    right = 0.0
    for index, (name, folder) in enumerate(folders):
        frame = R.read_requests(folder)
        colour = colours[index % len(colours)]
        style = styles[(index // len(colours)) % len(styles)]
        total = len(frame)
        done = frame[frame["status"].str.strip() != "unfinished"]
        latencies = np.sort(done["latency"].dropna().to_numpy(dtype=float))
        count = len(latencies)
        label = f"{name} ({count}/{total} completed"
        label += f", {total - count} unfinished)" if count < total else ")"
        if count == 0:
            why = "not simulated" if name in not_simulated else "none finished"
            label = f"{name} (0/{total} completed: {why})"
            ax.plot([], [], color=colour, linestyle=style, label=label)
        else:
            scale = count / total if args.of_all and total else 1.0
            y = np.arange(1, count + 1) / count * scale
            ax.step(np.r_[0.0, latencies], np.r_[0.0, y], where="post", color=colour,
                    linestyle=style, linewidth=1.5, label=label)
            right = max(right, latencies[-1])
            drawn += 1
        if args.planned and "planned_completion" in frame and "release" in frame:
            planned = np.sort((frame["planned_completion"] - frame["release"]).dropna()
                              .to_numpy(dtype=float))
            if len(planned):
                y = np.arange(1, len(planned) + 1) / len(planned)
                ax.step(np.r_[0.0, planned], np.r_[0.0, y], where="post", color=colour,
                        linestyle="--", linewidth=1.0, alpha=0.8)
                right = max(right, planned[-1])
                drawn += 1
    if args.planned:
        ax.plot([], [], color="0.3", linestyle="--", linewidth=1.0, label="dashed: planned")
    if drawn == 0:
        ax.text(0.5, 0.5, "no completed request\n(not simulated: --plan-only run?)",
                transform=ax.transAxes, ha="center", va="center", color="0.35")
    ax.set_xlim(0, right * 1.05 if right > 0 else 1.0)
    ax.set_ylim(0, 1.02)
    ax.set_xlabel("request latency (s)")
    ax.set_ylabel("fraction of all requests" if args.of_all else "fraction of completed requests")
    label = os.path.basename(os.path.normpath(os.path.abspath(args.dir)))
    ax.set_title(f"Request latency CDF ({label})")
    ax.grid(alpha=0.3)
    ax.legend(loc="lower right")
    fig.subplots_adjust(left=0.1, right=0.97, top=0.92, bottom=0.11)
    print(R.save_png(fig, out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
