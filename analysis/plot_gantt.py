#!/usr/bin/python3
"""Gantt chart of one scheduler's run: planned schedule (top) and simulated run (bottom).

Reads DIR/<scheduler>/tasks.csv and transfers.csv (and energy.csv, only for the order of the
devices) and writes DIR/<scheduler>/gantt.png (or --out). One row per device; tasks are bars
coloured by request (tab20 reordered, cycling every 20 requests); zero-work tasks (sources,
sinks) are short vertical ticks.

Simulated panel: transfers from transfers.csv are thin lines from the source device's row at
send_start to the destination device's row at arrival (a dot marks the arrival); transfers
that never arrived are red crosses at their send_start. Tasks that started but never
finished are red hatched bars running to the end of the axis. A --plan-only run (no sim_*
times) shows "not simulated".

Planned panel: the files hold no planned transfers, so they are derived: each transfer of
transfers.csv (producer, destination device) is drawn from the producer's planned finish on
its planned device to the planned start of the earliest task of the same request that is
planned on the destination device at or after that finish (the earliest possible consumer;
the files do not name the consumer). Plan-only runs have no transfers.csv rows, so their
planned panel shows tasks only. --no-transfers leaves all transfer lines out.

--max-tasks N keeps the N tasks with the earliest planned start (and their transfers) so
huge runs stay legible; the title says so. Rendering uses one broken_barh call per device
row and LineCollections, so thousands of tasks take a few seconds.
"""

import argparse
import math
import os
import sys

import dnn_results as R

WIDTH = 12  # inches; x DPI = 1200 pixels
BAR = 0.6   # bar height in rows


def figure_height(devices):
    """Inches: 6 for up to 7 devices, then 0.6 per device (capped at 40)."""
    return min(40.0, max(6.0, 1.6 + 0.6 * devices))


def palette(plt):
    """tab20 with the strong colours first, then the light ones."""
    colours = plt.get_cmap("tab20").colors
    return list(colours[0::2]) + list(colours[1::2])


def device_order(folder, tasks, transfers):
    """Platform order (energy.csv) of the devices used, then any others by name."""
    used = list(dict.fromkeys(list(tasks["node"]) + list(transfers["source"])
                              + list(transfers["destination"])))
    used = [n for n in used if n != ""]
    ordered = [n for n in R.read_node_order(folder) if n in used]
    return ordered + sorted((n for n in used if n not in ordered), key=R.natural_key)


def draw_tasks(ax, rows, nodes, starts, finishes, colours, edges):
    """Bars per device row (broken_barh), zero-length tasks as ticks."""
    import numpy as np
    from matplotlib.collections import LineCollection
    ticks, tick_colours = [], []
    for node, y in rows.items():
        mine = nodes == node
        s, f = starts[mine], finishes[mine]
        c = [colours[i] for i in np.flatnonzero(mine)]
        width = f - s
        long = width > 0
        if long.any():
            ax.broken_barh(list(zip(s[long], width[long])), (y - BAR / 2, BAR),
                           facecolors=[c[i] for i in np.flatnonzero(long)],
                           edgecolors="white" if edges else "none",
                           linewidth=0.4 if edges else 0)
        for i in np.flatnonzero(~long):
            ticks.append([(s[i], y - BAR / 2), (s[i], y + BAR / 2)])
            tick_colours.append(c[i])
    if ticks:
        ax.add_collection(LineCollection(ticks, colors=tick_colours, linewidths=1.2))


def draw_transfers(ax, segments, colour):
    """Thin lines (LineCollection) with a dot at each arrival; fainter when there are many."""
    from matplotlib.collections import LineCollection
    if not segments:
        return
    many = len(segments) > 300
    ax.add_collection(LineCollection(segments, colors=colour, linewidths=0.4 if many else 0.7,
                                     alpha=0.35 if many else 0.6, zorder=3))
    ends = [segment[1] for segment in segments]
    ax.scatter([e[0] for e in ends], [e[1] for e in ends], s=2 if many else 6, color=colour,
               zorder=4, linewidths=0, alpha=0.5 if many else 1.0)


def planned_transfer_segments(tasks, transfers, rows):
    """Derived planned transfers: producer's planned finish -> earliest possible consumer."""
    import bisect
    by_name = {name: i for i, name in enumerate(tasks["task"])}
    request = tasks["request"].to_numpy()
    node = tasks["node"].to_numpy()
    start = tasks["planned_start"].to_numpy(dtype=float)
    finish = tasks["planned_finish"].to_numpy(dtype=float)
    starts = {}
    for i in range(len(tasks)):
        if not math.isnan(start[i]):
            starts.setdefault((request[i], node[i]), []).append(start[i])
    for values in starts.values():
        values.sort()
    segments = []
    for producer, destination in zip(transfers["producer"], transfers["destination"]):
        i = by_name.get(producer)
        if i is None or math.isnan(finish[i]) or destination not in rows:
            continue
        candidates = starts.get((request[i], destination), [])
        k = bisect.bisect_left(candidates, finish[i] - 1e-9)
        if k < len(candidates):
            segments.append([(finish[i], rows[node[i]]), (candidates[k], rows[destination])])
    return segments


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", metavar="DIR/SCHEDULER",
                        help="one scheduler's folder of a runner result (has tasks.csv)")
    parser.add_argument("--out", help="output PNG (default DIR/SCHEDULER/gantt.png)")
    parser.add_argument("--no-transfers", action="store_true",
                        help="draw no transfer lines (dense runs)")
    parser.add_argument("--max-tasks", type=int, default=0, metavar="N",
                        help="draw only the N tasks planned to start first (default: all)")
    args = parser.parse_args()
    if args.max_tasks < 0:
        R.fail("--max-tasks must be 0 (all) or more")
    R.require_dir(args.folder, "scheduler folder")
    tasks = R.read_tasks(args.folder)
    if tasks.empty:
        R.fail(f"{os.path.join(args.folder, 'tasks.csv')}: no tasks")
    transfers = R.read_transfers(args.folder)
    if args.no_transfers:
        transfers = transfers.iloc[0:0]
    out = args.out or os.path.join(args.folder, "gantt.png")

    import numpy as np
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    plt = R.setup_matplotlib()

    total = len(tasks)
    truncated = 0 < args.max_tasks < total
    if truncated:
        keep = tasks.sort_values("planned_start", kind="stable").index[:args.max_tasks]
        tasks = tasks.loc[sorted(keep)].reset_index(drop=True)
        transfers = transfers[transfers["producer"].isin(set(tasks["task"]))]

    devices = device_order(args.folder, tasks, transfers)
    rows = {name: i for i, name in enumerate(devices)}
    requests = sorted(dict.fromkeys(tasks["request"]), key=R.natural_key)
    colours_of = palette(plt)
    request_colour = {r: colours_of[i % len(colours_of)] for i, r in enumerate(requests)}
    colours = [request_colour[r] for r in tasks["request"]]
    nodes = tasks["node"].to_numpy()
    edges = len(tasks) <= 300  # white separators would wash out dense charts

    p_start = tasks["planned_start"].to_numpy(dtype=float)
    p_finish = tasks["planned_finish"].to_numpy(dtype=float)
    s_start = tasks["sim_start"].to_numpy(dtype=float)
    s_finish = tasks["sim_finish"].to_numpy(dtype=float)
    send = transfers["send_start"].to_numpy(dtype=float)
    arrival = transfers["arrival"].to_numpy(dtype=float)
    simulated = bool(np.isfinite(s_start).any())

    every = np.concatenate([p_start, p_finish, s_start, s_finish, send, arrival])
    every = every[np.isfinite(every)]
    horizon = float(every.max()) if len(every) else 1.0
    horizon = horizon if horizon > 0 else 1.0
    right = horizon * 1.02

    fig, (top, bottom) = plt.subplots(2, 1, sharex=True,
                                      figsize=(WIDTH, figure_height(len(devices))))

    # planned
    planned = np.isfinite(p_start) & np.isfinite(p_finish)
    draw_tasks(top, rows, nodes[planned], p_start[planned], p_finish[planned],
               [c for c, k in zip(colours, planned) if k], edges)
    planned_segments = planned_transfer_segments(tasks, transfers, rows)
    draw_transfers(top, planned_segments, "0.25")
    planned_makespan = float(np.nanmax(p_finish)) if planned.any() else math.nan
    top.set_title(f"planned: makespan {R.format_number(planned_makespan)} s, "
                  f"{int(planned.sum())} tasks"
                  + (", transfers derived from transfers.csv" if len(transfers) else ""),
                  loc="left")

    # simulated
    unfinished = 0
    segments, lost = [], []
    never = int((~np.isfinite(s_start)).sum())
    if simulated:
        ran = np.isfinite(s_start) & np.isfinite(s_finish)
        draw_tasks(bottom, rows, nodes[ran], s_start[ran], s_finish[ran],
                   [c for c, k in zip(colours, ran) if k], edges)
        stuck = np.isfinite(s_start) & ~np.isfinite(s_finish)
        unfinished = int(stuck.sum())
        for node, y in rows.items():
            mine = stuck & (nodes == node)
            if mine.any():
                bottom.broken_barh([(s, right - s) for s in s_start[mine]], (y - BAR / 2, BAR),
                                   facecolors="none", edgecolors="red", hatch="////",
                                   linewidth=0.8)
        src = transfers["source"].to_numpy()
        dst = transfers["destination"].to_numpy()
        for i in range(len(transfers)):
            if src[i] not in rows or dst[i] not in rows or not math.isfinite(send[i]):
                continue
            if math.isfinite(arrival[i]):
                segments.append([(send[i], rows[src[i]]), (arrival[i], rows[dst[i]])])
            else:
                lost.append((send[i], rows[src[i]]))
        draw_transfers(bottom, segments, "0.25")
        if lost:
            bottom.scatter([p[0] for p in lost], [p[1] for p in lost], marker="x", s=30,
                           color="red", zorder=5, linewidths=1.2)
        sim_makespan = float(np.nanmax(s_finish)) if np.isfinite(s_finish).any() else math.nan
        title = (f"simulated: last finish {R.format_number(sim_makespan)} s, "
                 f"{int(ran.sum())}/{len(tasks)} tasks finished")
        if unfinished:
            title += f", {unfinished} started but unfinished"
        if never:
            title += f", {never} never started"
        if lost:
            title += f", {len(lost)} transfer{'s' if len(lost) > 1 else ''} never arrived"
        bottom.set_title(title, loc="left")
    else:
        bottom.set_title("simulated", loc="left")
        bottom.text(0.5, 0.5, "not simulated (--plan-only run)", transform=bottom.transAxes,
                    ha="center", va="center", fontsize=12, color="0.35")

    for ax in (top, bottom):
        ax.set_yticks(range(len(devices)))
        ax.set_yticklabels(devices, fontsize=8)
        ax.set_ylim(len(devices) - 0.5, -0.5)
        ax.set_xlim(0, right)
        ax.grid(axis="x", alpha=0.3)
        ax.set_axisbelow(True)
    bottom.set_xlabel("time (s)")

    scheduler = os.path.basename(os.path.normpath(os.path.abspath(args.folder)))
    result = os.path.basename(os.path.dirname(os.path.normpath(os.path.abspath(args.folder))))
    title = f"{scheduler} ({result}): {len(devices)} devices, {len(requests)} requests"
    if truncated:
        title += f"; showing the {len(tasks)} earliest-planned of {total} tasks"
    fig.suptitle(title, fontsize=11)

    handles = [Patch(facecolor=request_colour[r], label=f"request {r}")
               for r in requests[:len(colours_of)]]
    if len(requests) > len(colours_of):
        handles.append(Patch(facecolor="white", edgecolor="white",
                             label=f"(colours repeat every {len(colours_of)})"))
    if planned_segments or segments:
        handles.append(Line2D([], [], color="0.25", linewidth=0.8, marker="o", markersize=2.5,
                              label="transfer (dot: arrival)"))
    if lost:
        handles.append(Line2D([], [], color="red", marker="x", linestyle="none",
                              label="transfer never arrived"))
    if unfinished:
        handles.append(Patch(facecolor="none", edgecolor="red", hatch="////",
                             label="task did not finish"))
    fig.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.865, 0.93), frameon=False,
               fontsize=7)
    longest = max(len(d) for d in devices)
    fig.subplots_adjust(left=min(0.3, (longest * 6.0 + 25) / (WIDTH * R.DPI)), right=0.855,
                        top=1 - 0.75 / fig.get_figheight(), bottom=0.5 / fig.get_figheight(),
                        hspace=0.25)
    print(R.save_png(fig, out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
