"""Tests of the analysis scripts (analysis/*.py) on a small synthetic result set.

Run from this folder with /usr/bin/python3 -m unittest -v test_analysis (CTest does).
Each script runs as a subprocess; the PNGs are checked for their pixel size and for not
being blank; sweep.py runs a fake runner through GNU parallel.
"""

import csv
import json
import os
import random
import shutil
import struct
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ANALYSIS = os.path.normpath(os.path.join(HERE, "..", "..", "analysis"))
PYTHON = "/usr/bin/python3"
ENV = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")  # keep analysis/ free of __pycache__

COMPARISON_COLUMNS = [
    "scheduler", "planned_makespan_s", "simulated_makespan_s", "makespan_difference_pct",
    "planned_mean_latency_s", "mean_latency_s", "p95_latency_s", "latency_error_median",
    "latency_error_p95", "deadline_misses", "completed", "censored", "requests",
    "planned_energy_j", "energy_j", "network_bytes", "network_bytes_undelivered", "scheduler_runtime_s",
    "simulation_wall_s",
]
DEVICES = ["iot0", "edge", "cloud"]
LAYERS = ["source", "conv1", "conv2", "pool", "fc1", "fc2", "sink"]


def write_csv(path, header, rows):
    with open(path, "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def cell(value):
    return "" if value is None else f"{value:.6f}"


def make_scheduler(folder, seed, simulate, unfinished_request=None):
    """tasks/transfers/requests/energy CSVs of 4 requests x 7 tasks (+2 pieces) on 3 devices.

    unfinished_request: its last tasks never run, one task starts without finishing, one
    transfer never arrives. Returns the rows' summary for comparison.csv.
    """
    os.makedirs(folder)
    rng = random.Random(seed)
    free = {d: 0.0 for d in DEVICES}
    sim_free = {d: 0.0 for d in DEVICES}
    tasks, transfers, requests = [], [], []
    for r in range(4):
        release = 0.05 * r
        previous = None  # (name, node, planned_finish, sim_finish)
        broken = False
        for k, layer in enumerate(LAYERS):
            pieces = 2 if layer == "conv2" else 1
            outputs = []
            for piece in range(pieces):
                name = f"r{r}:{layer}" + (f"#{piece}" if pieces > 1 else "")
                if layer in ("source", "sink"):
                    node, work = "iot0", 0.0
                else:
                    node = rng.choice(DEVICES)
                    work = rng.uniform(0.02, 0.08) * (3.0 if node == "iot0" else 1.0)
                ready = release if previous is None else max(
                    p[2] + (0.0 if p[1] == node else 0.015) for p in previous)
                start = max(ready, free[node])
                finish = start + work
                free[node] = finish
                s_start = s_finish = None
                if simulate and not broken:
                    s_ready = release if previous is None else max(
                        p[3] + (0.0 if p[1] == node else 0.02) for p in previous)
                    s_start = max(s_ready, sim_free[node])
                    s_finish = s_start + work * rng.uniform(1.0, 1.2)
                    sim_free[node] = s_finish
                    if r == unfinished_request and name.endswith("#1"):
                        s_finish = None  # started, never finished
                tasks.append([name, r, "alexnet", layer, piece, node, cell(start), cell(finish),
                              cell(s_start), cell(s_finish)])
                outputs.append((name, node, finish, s_finish if s_finish is not None else 0.0))
                if simulate and previous is not None and s_start is not None:
                    for p in previous:
                        if p[1] != node:
                            transfers.append([p[0], p[1], node, 4096 * (k + 1), cell(p[3]),
                                              cell(p[3] + 0.02)])
            if simulate and r == unfinished_request and pieces > 1:
                # the rest never starts; the first piece's output never arrives
                broken = True
                name, node = outputs[0][0], outputs[0][1]
                transfers.append([name, node, "cloud" if node != "cloud" else "edge", 8192,
                                  cell(outputs[0][3]), ""])
            previous = outputs
        planned_completion = previous[0][2]
        done = simulate and r != unfinished_request
        completion = previous[0][3] if done else None
        latency = completion - release if done else None
        planned_latency = planned_completion - release
        # the runner's plan error; an unfinished request's is its lower bound (stop at 1 s)
        error = None
        if simulate:
            error = ((latency if done else 1.0 - release) - planned_latency) / planned_latency
        requests.append([r, "alexnet", "iot0", cell(release), cell(completion), cell(latency),
                         "0.500000" if r == 0 else "", "yes" if done else "no",
                         cell(planned_completion), cell(planned_latency), cell(error),
                         "completed" if done else "unfinished"])
    write_csv(os.path.join(folder, "tasks.csv"),
              ["task", "request", "model", "layer", "piece", "node", "planned_start",
               "planned_finish", "sim_start", "sim_finish"], tasks)
    write_csv(os.path.join(folder, "transfers.csv"),
              ["producer", "source", "destination", "bytes", "send_start", "arrival"], transfers)
    write_csv(os.path.join(folder, "requests.csv"),
              ["request", "model", "source", "release", "completion", "latency", "deadline",
               "met", "planned_completion", "planned_latency", "latency_error", "status"],
              requests)
    write_csv(os.path.join(folder, "energy.csv"), ["node", "compute_j", "radio_j", "total_j"],
              [[d, 1.0, 0.5, 1.5] for d in DEVICES])
    return len(tasks), len(transfers)


def make_results(root):
    """A runner-like result folder: heft and cpop simulated (cpop leaves request 3
    unfinished), random plan-only."""
    os.makedirs(root, exist_ok=True)
    make_scheduler(os.path.join(root, "heft"), 1, True)
    make_scheduler(os.path.join(root, "cpop"), 2, True, unfinished_request=3)
    make_scheduler(os.path.join(root, "random"), 3, False)
    rows = [
        ["heft", 0.61, 0.66, 8.2, 0.21, 0.23, 0.31, 0.12, 0.35, 0, 4, 4, 12.5, 13.1, 90112,
         0, 0.002, 0.8],
        ["cpop", 0.70, None, None, 0.25, 0.27, 0.33, 0.2, 0.9, 0, 3, 4, 13.0, 13.4, 81920,
         4096, 0.003, 0.9],
        ["random", 0.95] + [None] * 2 + [0.4] + [None] * 6 + [4, 20.0] + [None] * 3
        + [0.001, None],
    ]
    write_csv(os.path.join(root, "comparison.csv"), COMPARISON_COLUMNS,
              [["" if v is None else v for v in row] for row in rows])
    return root


def png_size(path):
    with open(path, "rb") as handle:
        header = handle.read(24)
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path}: not a PNG"
    return struct.unpack(">II", header[16:24])


class AnalysisTestCase(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="dnn-analysis-test-")
        cls.results = make_results(os.path.join(cls.tmp, "results"))

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def run_script(self, script, *args, status=0):
        command = [PYTHON, os.path.join(ANALYSIS, script)] + [str(a) for a in args]
        done = subprocess.run(command, capture_output=True, text=True, env=ENV, timeout=120)
        if status is not None:
            self.assertEqual(done.returncode, status,
                             f"{' '.join(command)}\nstdout:\n{done.stdout}\nstderr:\n{done.stderr}")
        return done

    def check_png(self, path, width, height):
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.image
        import numpy
        self.assertTrue(os.path.isfile(path), f"{path} was not written")
        self.assertEqual(png_size(path), (width, height), path)
        pixels = matplotlib.image.imread(path)[:, :, :3]
        self.assertGreater(float(pixels.std()), 0.05, f"{path} looks blank")
        non_white = (pixels < 0.97).any(axis=2).mean()
        self.assertGreater(non_white, 0.01, f"{path}: only {non_white:.2%} non-white pixels")

    def test_scripts_are_executable_with_help(self):
        for script in ("plot_comparison.py", "plot_gantt.py", "plot_latency_cdf.py",
                       "plot_latency_scatter.py", "sweep.py", "plot_sweep.py"):
            path = os.path.join(ANALYSIS, script)
            self.assertTrue(os.access(path, os.X_OK), f"{script} is not executable")
            with open(path) as handle:
                self.assertEqual(handle.readline().strip(), "#!/usr/bin/python3", script)
            done = subprocess.run([path, "--help"], capture_output=True, text=True, env=ENV,
                                  timeout=60)
            self.assertEqual(done.returncode, 0, done.stderr)
            self.assertIn("usage:", done.stdout)

    def test_plot_comparison(self):
        done = self.run_script("plot_comparison.py", self.results)
        for name in ("makespan", "latency", "energy", "latency_error"):
            path = os.path.join(self.results, f"comparison_{name}.png")
            self.assertIn(path, done.stdout)
            self.check_png(path, 1000, 500)

    def test_plot_comparison_without_latency_error_columns(self):
        # a result folder from before the plan-error and undelivered columns: no error panel,
        # the rest as is
        out = os.path.join(self.tmp, "older")
        shutil.copytree(self.results, out)
        path = os.path.join(out, "comparison.csv")
        with open(path, newline="") as handle:
            rows = list(csv.DictReader(handle))
        old = [c for c in COMPARISON_COLUMNS
               if not c.startswith("latency_error")
               and c not in ("network_bytes_undelivered", "censored")]
        write_csv(path, old, [[row[c] for c in old] for row in rows])
        done = self.run_script("plot_comparison.py", out)
        self.assertNotIn("comparison_latency_error.png", done.stdout)
        self.check_png(os.path.join(out, "comparison_latency.png"), 1000, 500)

    def test_plot_comparison_is_reproducible(self):
        out = os.path.join(self.tmp, "again")
        shutil.copytree(self.results, out)
        self.run_script("plot_comparison.py", out)
        with open(os.path.join(out, "comparison_makespan.png"), "rb") as handle:
            first = handle.read()
        self.run_script("plot_comparison.py", out)
        with open(os.path.join(out, "comparison_makespan.png"), "rb") as handle:
            self.assertEqual(handle.read(), first, "a rerun gave a different PNG")

    def test_plot_gantt(self):
        for scheduler in ("heft", "cpop", "random"):
            folder = os.path.join(self.results, scheduler)
            done = self.run_script("plot_gantt.py", folder)
            path = os.path.join(folder, "gantt.png")
            self.assertIn(path, done.stdout)
            self.check_png(path, 1200, 600)
        out = os.path.join(self.tmp, "gantt-small.png")
        self.run_script("plot_gantt.py", os.path.join(self.results, "heft"), "--out", out,
                        "--max-tasks", 10)
        self.check_png(out, 1200, 600)

    def test_plot_latency_cdf(self):
        done = self.run_script("plot_latency_cdf.py", self.results)
        path = os.path.join(self.results, "latency_cdf.png")
        self.assertIn(path, done.stdout)
        self.check_png(path, 800, 500)
        out = os.path.join(self.tmp, "cdf-planned.png")
        self.run_script("plot_latency_cdf.py", self.results, "--planned", "--of-all", "--out",
                        out)
        self.check_png(out, 800, 500)
        for extra in (["--of-completed", "--x-scale", "log"], ["--x-scale", "linear"]):
            self.run_script("plot_latency_cdf.py", self.results, "--out", out, *extra)
            self.check_png(out, 800, 500)

    def test_plot_latency_scatter(self):
        done = self.run_script("plot_latency_scatter.py", self.results)
        path = os.path.join(self.results, "latency_scatter.png")
        self.assertIn(path, done.stdout)
        # 3 schedulers: one row of 3 panels, 2.7 x 2.6 in each plus 0.6 x 1.1 in
        self.check_png(path, 870, 370)
        out = os.path.join(self.tmp, "scatter-log.png")
        self.run_script("plot_latency_scatter.py", self.results, "--scale", "log", "--out", out)
        self.check_png(out, 870, 370)

    def test_missing_inputs(self):
        missing = os.path.join(self.tmp, "no-such-folder")
        for script, args in (("plot_comparison.py", [missing]),
                             ("plot_gantt.py", [os.path.join(missing, "heft")]),
                             ("plot_latency_cdf.py", [missing]),
                             ("plot_latency_scatter.py", [missing]),
                             ("plot_sweep.py", [os.path.join(missing, "sweep.csv"), "--x", "a",
                                                "--metric", "b"]),
                             ("sweep.py", ["--scenario", os.path.join(missing, "s.json"),
                                           "--out", os.path.join(self.tmp, "sweep-missing")])):
            done = self.run_script(script, *args, status=2)
            self.assertIn("no-such-folder", done.stderr, script)
        # a folder without comparison.csv, a CSV lacking a column
        empty = os.path.join(self.tmp, "empty")
        os.makedirs(empty, exist_ok=True)
        done = self.run_script("plot_comparison.py", empty, status=2)
        self.assertIn("comparison.csv", done.stderr)
        broken = os.path.join(self.tmp, "broken")
        os.makedirs(broken, exist_ok=True)
        write_csv(os.path.join(broken, "comparison.csv"), ["scheduler", "planned_makespan_s"],
                  [["heft", 1.0]])
        done = self.run_script("plot_comparison.py", broken, status=2)
        self.assertIn("simulated_makespan_s", done.stderr)


def import_analysis(name):
    """Import analysis/<name>.py in this process (no __pycache__ written into analysis/)."""
    import importlib
    sys.dont_write_bytecode = True
    if ANALYSIS not in sys.path:
        sys.path.insert(0, ANALYSIS)
    return importlib.import_module(name)


REQUEST_HEADER = ["request", "model", "source", "release", "completion", "latency", "deadline",
                  "met", "planned_completion", "planned_latency", "latency_error", "status"]


class PlotDataTest(unittest.TestCase):
    """Issue 16.5: the numbers behind the plots, on hand-made inputs (no pixels)."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="dnn-plot-data-")
        self.addCleanup(shutil.rmtree, self.tmp, True)

    def requests(self, name, rows, extra=()):
        """DIR/<name>/requests.csv from (release, latency or None, planned_latency,
        latency_error) rows; extra: more columns (empty cells), as a newer runner may add."""
        folder = os.path.join(self.tmp, name)
        os.makedirs(folder)
        lines = []
        for i, (release, latency, planned, error) in enumerate(rows):
            done = latency is not None
            lines.append([i, "alexnet", "cam", cell(release),
                          cell(release + latency) if done else "", cell(latency),
                          "0.500000", "yes" if done else "no", cell(release + planned),
                          cell(planned), cell(error), "completed" if done else "unfinished"]
                         + ["" for _ in extra])
        write_csv(os.path.join(folder, "requests.csv"), REQUEST_HEADER + list(extra), lines)
        return folder

    def test_cdf_counts_unfinished_requests_in_the_denominator(self):
        cdf = import_analysis("plot_latency_cdf")
        folder = self.requests("heft", [(0.0, 0.3, 0.2, 0.5), (0.1, None, 0.2, 4.0),
                                        (0.2, 0.1, 0.1, 0.0), (0.3, 0.2, 0.1, 1.0)],
                               extra=["censored"])
        (curve,) = cdf.cdf_curves([("heft", folder)])
        self.assertEqual((curve["completed"], curve["total"]), (3, 4))
        self.assertEqual(list(curve["x"]), [0.1, 0.2, 0.3])
        self.assertAlmostEqual(curve["y"][-1], 3 / 4)  # stops below 1: one never finished
        self.assertEqual(list(curve["y"]), [0.25, 0.5, 0.75])
        (completed,) = cdf.cdf_curves([("heft", folder)], of_all=False)
        self.assertAlmostEqual(completed["y"][-1], 1.0)
        (planned,) = cdf.cdf_curves([("heft", folder)], planned=True)
        self.assertEqual(list(planned["planned_x"]), [0.1, 0.1, 0.2, 0.2])
        self.assertAlmostEqual(planned["planned_y"][-1], 1.0)

    def test_cdf_log_scale_only_when_latencies_span_decades(self):
        cdf = import_analysis("plot_latency_cdf")
        narrow = self.requests("a", [(0.0, 0.1, 0.1, 0.0), (0.0, 0.5, 0.1, 4.0)])
        wide = self.requests("b", [(0.0, 15.0, 0.3, 49.0)])
        self.assertFalse(cdf.use_log_scale(cdf.cdf_curves([("a", narrow)])))
        self.assertTrue(cdf.use_log_scale(cdf.cdf_curves([("a", narrow), ("b", wide)])))
        self.assertFalse(cdf.use_log_scale(cdf.cdf_curves([("a", narrow), ("b", wide)]),
                                           "linear"))

    def test_clip_bound_cuts_above_the_outlier_free_bars(self):
        comparison = import_analysis("plot_comparison")
        # ten schedulers near 0.3 s (local at 0.58 s) and random at 15 s, as in smart-home
        tops = [0.34, 0.29, 0.28, 0.28, 0.28, 0.28, 0.27, 0.58, 0.24, 0.29, 15.17]
        self.assertAlmostEqual(comparison.clip_bound(tops), 1.5 * 0.58)
        # missing bars are ignored; no outlier, or too few schedulers: no cut
        self.assertAlmostEqual(comparison.clip_bound(tops + [float("nan")]), 1.5 * 0.58)
        self.assertIsNone(comparison.clip_bound([0.3, 0.5, 0.9, 1.2]))
        self.assertIsNone(comparison.clip_bound([0.3, 15.0]))
        self.assertIsNone(comparison.clip_bound([]))
        # two outliers: both above the cut
        self.assertAlmostEqual(comparison.clip_bound([1.0, 1.1, 1.2, 1.3, 40.0, 90.0]),
                               1.5 * 1.3)

    def test_latency_chart_cuts_the_outlier_and_labels_it(self):
        comparison = import_analysis("plot_comparison")
        import pandas
        names = [f"s{i}" for i in range(5)] + ["random"]
        frame = pandas.DataFrame({
            "scheduler": names,
            "planned_mean_latency_s": [0.1, 0.1, 0.12, 0.09, 0.1, 1.03],
            "mean_latency_s": [0.15, 0.2, 0.18, 0.1, 0.12, 11.37],
            "p95_latency_s": [0.3, 0.35, 0.28, 0.2, 0.4, 15.17],
            "completed": [18.0] * 5 + [3.0], "requests": [18.0] * 6})
        plt = import_analysis("dnn_results").setup_matplotlib()
        fig, ax = plt.subplots()
        series = [("planned mean", "planned_mean_latency_s", {}),
                  ("simulated mean", "mean_latency_s", {}), ("p95", "p95_latency_s", {})]
        noted, bound = comparison.grouped_bars(ax, frame, series, clip=True, unit=" s")
        self.assertFalse(noted)
        self.assertAlmostEqual(bound, 1.5 * 0.4)
        heights = [bar.get_height() for bar in ax.patches]
        self.assertEqual(len(heights), 18)
        self.assertLessEqual(max(heights), bound)
        self.assertLessEqual(ax.get_ylim()[1], 1.2 * bound)
        texts = {t.get_text() for t in ax.texts}
        self.assertTrue({"1.03 s", "11.4 s", "15.2 s"} <= texts, texts)
        plt.close(fig)
        # without clip the axis reaches the outlier
        fig, ax = plt.subplots()
        _, bound = comparison.grouped_bars(ax, frame, series)
        self.assertIsNone(bound)
        self.assertGreater(ax.get_ylim()[1], 15.17)
        plt.close(fig)

    def test_scatter_has_one_point_per_request(self):
        scatter = import_analysis("plot_latency_scatter")
        heft = self.requests("heft", [(0.0, 0.3, 0.2, 0.5), (0.1, None, 0.2, 4.0),
                                      (0.2, 0.1, 0.1, 0.0)], extra=["censored"])
        local = self.requests("local", [(0.0, 0.5, 0.5, 0.0)] * 5)
        points = scatter.all_points([("heft", heft), ("local", local)])
        self.assertEqual([name for name, _ in points], ["heft", "local"])
        self.assertEqual([len(p["planned"]) for _, p in points], [3, 5])
        heft_points = points[0][1]
        self.assertEqual(heft_points["finished"], [True, False, True])
        self.assertEqual(heft_points["planned"], [0.2, 0.2, 0.1])
        # the unfinished request sits at its lower bound planned x (1 + error) = 1.0 s
        self.assertAlmostEqual(heft_points["simulated"][1], 1.0)
        self.assertEqual([heft_points["simulated"][0], heft_points["simulated"][2]], [0.3, 0.1])
        # a plan-only folder: every request unfinished with no bound, still one point each
        plan_only = self.requests("random", [(0.0, None, 0.2, None)] * 2)
        (_, p), = scatter.all_points([("random", plan_only)])
        self.assertEqual(len(p["planned"]), 2)
        self.assertTrue(all(v != v for v in p["simulated"]))  # NaN
        # the figure: one marker per request over all panels, one diagonal per panel
        fig = scatter.draw(points, scatter.use_log_scale(points), "t")
        axes = [ax for ax in fig.axes if ax.get_visible()]
        self.assertEqual(len(axes), 2)
        for ax, (_, p) in zip(axes, points):
            drawn = sum(len(c.get_offsets()) for c in ax.collections)
            self.assertEqual(drawn, len(p["planned"]))
            (diagonal,) = ax.lines
            x, y = diagonal.get_data()
            self.assertEqual(list(x), list(y))


FAKE_RUNNER = r'''#!/usr/bin/python3
"""Fake dnn-offload-run: comparison.csv from the scenario's values."""
import argparse, csv, json, os, sys
parser = argparse.ArgumentParser()
parser.add_argument("--scenario", required=True)
parser.add_argument("--out", required=True)
parser.add_argument("--seed", type=int, required=True)
parser.add_argument("--run", type=int, required=True)
parser.add_argument("--plan-only", action="store_true")
args = parser.parse_args()
with open(args.scenario) as handle:
    scenario = json.load(handle)
pieces = scenario["workload"]["pieces"]
mode = scenario["mode"]
speed = scenario["platform"]["devices"][1]["speed"]
assert isinstance(pieces, int) and isinstance(mode, str) and isinstance(speed, float)
if pieces == 3 and mode == "slow" and args.seed == 2:
    print("fake runner: starting", file=sys.stderr)
    print(f"fake runner: refusing pieces={pieces} mode={mode}", file=sys.stderr)
    sys.exit(3)
os.makedirs(args.out, exist_ok=True)
columns = %s
with open(os.path.join(args.out, "comparison.csv"), "w", newline="") as handle:
    writer = csv.writer(handle)
    writer.writerow(columns)
    for offset, scheduler in enumerate(["heft", "cpop", "random"]):
        row = {c: "" for c in columns}
        row["scheduler"] = scheduler
        row["planned_makespan_s"] = (pieces * 10 + args.seed + offset
                                     + (0.5 if mode == "slow" else 0))
        row["planned_energy_j"] = speed
        row["requests"] = args.run
        if not args.plan_only:
            row["simulated_makespan_s"] = 1.5 * (pieces * 10 + args.seed + offset)
        writer.writerow([row[c] for c in columns])
''' % repr(COMPARISON_COLUMNS)


class SweepTestCase(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="dnn-sweep-test-")
        cls.runner = os.path.join(cls.tmp, "fake-runner")
        with open(cls.runner, "w") as handle:
            handle.write(FAKE_RUNNER)
        os.chmod(cls.runner, 0o755)
        cls.scenario = os.path.join(cls.tmp, "scenario.json")
        with open(cls.scenario, "w") as handle:
            json.dump({"name": "tiny sweep", "mode": "fast",
                       "workload": {"pieces": 1, "models": ["alexnet"]},
                       "platform": {"devices": [{"name": "a", "speed": 1},
                                                {"name": "b", "speed": 2}]}}, handle)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def sweep(self, out, *extra, status=None):
        command = [PYTHON, os.path.join(ANALYSIS, "sweep.py"), "--scenario", self.scenario,
                   "--out", out, "--runner", self.runner] + list(extra)
        return subprocess.run(command, capture_output=True, text=True, env=ENV, timeout=120)

    def test_sweep_grid_failures_and_plot(self):
        out = os.path.join(self.tmp, "sweep")
        done = self.sweep(out, "--set", "/workload/pieces=2..3", "--set", "/mode=fast,slow",
                          "--set", "/platform/devices/0/speed=1",
                          "--set", "/platform/devices/1/speed=[2.5]",
                          "--seeds", "1-2", "--jobs", "2", "--", "--plan-only")
        self.assertEqual(done.returncode, 1, done.stdout + done.stderr)
        self.assertIn("8 points", done.stdout)
        with open(os.path.join(out, "sweep.csv"), newline="") as handle:
            rows = list(csv.DictReader(handle))
            self.assertEqual(list(rows[0].keys()),
                             ["pieces", "mode", "/platform/devices/0/speed",
                              "/platform/devices/1/speed", "seed", "run", "point"]
                             + COMPARISON_COLUMNS)
        self.assertEqual(len(rows), 7 * 3)
        seen = set()
        for row in rows:
            offset = ["heft", "cpop", "random"].index(row["scheduler"])
            expected = (int(row["pieces"]) * 10 + int(row["seed"]) + offset
                        + (0.5 if row["mode"] == "slow" else 0))
            self.assertEqual(float(row["planned_makespan_s"]), expected, row)
            self.assertEqual(row["planned_energy_j"], "2.5")
            self.assertEqual(row["/platform/devices/0/speed"], "1")
            self.assertEqual(row["run"], "1")
            self.assertEqual(row["simulated_makespan_s"], "")  # -- --plan-only reached it
            seen.add((row["pieces"], row["mode"], row["seed"]))
        self.assertEqual(len(seen), 7)
        self.assertNotIn(("3", "slow", "2"), seen)
        with open(os.path.join(out, "sweep_failures.csv"), newline="") as handle:
            failures = list(csv.DictReader(handle))
        self.assertEqual(len(failures), 1)
        self.assertEqual(failures[0]["exit_status"], "3")
        self.assertIn("refusing pieces=3 mode=slow", failures[0]["stderr_tail"])
        # the point's scenario: same name, values with their JSON types
        failed = os.path.join(out, "points", failures[0]["point"], "scenario.json")
        with open(failed) as handle:
            scenario = json.load(handle)
        self.assertEqual(scenario["name"], "tiny sweep")
        self.assertEqual(scenario["workload"]["pieces"], 3)
        self.assertEqual(scenario["mode"], "slow")
        self.assertEqual(scenario["platform"]["devices"][1]["speed"], 2.5)
        self.assertTrue(os.path.isfile(os.path.join(out, "joblog.txt")))

        command = [PYTHON, os.path.join(ANALYSIS, "plot_sweep.py"),
                   os.path.join(out, "sweep.csv"), "--x", "pieces",
                   "--metric", "planned_makespan_s"]
        done = subprocess.run(command, capture_output=True, text=True, env=ENV, timeout=120)
        self.assertEqual(done.returncode, 0, done.stderr)
        path = os.path.join(out, "sweep_planned_makespan_s_vs_pieces.png")
        self.assertIn(path, done.stdout)
        AnalysisTestCase.check_png(self, path, 1000, 600)
        done = subprocess.run(command[:-1] + ["no_such_metric"], capture_output=True, text=True,
                              env=ENV, timeout=120)
        self.assertEqual(done.returncode, 2)
        self.assertIn("no_such_metric", done.stderr)

    def test_sweep_all_succeed(self):
        out = os.path.join(self.tmp, "sweep-ok")
        done = self.sweep(out, "--set", "/workload/pieces=4,5", "--set",
                          "/platform/devices/1/speed=[3.0]", "--seeds", "7", "--runs", "1,2")
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
        self.assertFalse(os.path.exists(os.path.join(out, "sweep_failures.csv")))
        with open(os.path.join(out, "sweep.csv"), newline="") as handle:
            rows = list(csv.DictReader(handle))
        self.assertEqual(len(rows), 4 * 3)
        self.assertEqual(sorted({(r["pieces"], r["run"]) for r in rows}),
                         [("4", "1"), ("4", "2"), ("5", "1"), ("5", "2")])
        self.assertTrue(all(r["simulated_makespan_s"] != "" for r in rows))

    def test_sweep_bad_input(self):
        out = os.path.join(self.tmp, "sweep-bad")
        for pointer in ("/workload/nope=1", "/platform/devices/5/speed=1",
                        "/platform/devices/x/speed=1", "workload=1"):
            done = self.sweep(out, "--set", pointer)
            self.assertEqual(done.returncode, 2, pointer + "\n" + done.stderr)
            self.assertIn(pointer.split("=")[0], done.stderr)
        self.assertFalse(os.path.exists(os.path.join(out, "points")))
        done = subprocess.run([PYTHON, os.path.join(ANALYSIS, "sweep.py"), "--scenario",
                               self.scenario, "--out", out, "--runner",
                               os.path.join(self.tmp, "no-runner")],
                              capture_output=True, text=True, env=ENV, timeout=60)
        self.assertEqual(done.returncode, 2)
        self.assertIn("no-runner", done.stderr)


class CsvRoundTripTest(unittest.TestCase):
    """Issue 15: names with commas, double quotes and newlines, written by dnn-offload-run
    into tasks.csv, requests.csv and comparison.csv (RFC 4180 quoting), read back whole by
    the analysis scripts' reader (pandas). Needs the built tool: runs when DNN_TOOLS_DIR
    names its folder (the ctest entry csv-round-trip sets it), else skips."""

    MODEL = 'tiny, "quoted"\nnet\r\nend'
    LAYER = 'conv,1\n"a"'

    def setUp(self):
        tools = os.environ.get("DNN_TOOLS_DIR", "")
        self.tool = os.path.join(tools, "dnn-offload-run")
        if not tools or not os.access(self.tool, os.X_OK):
            self.skipTest("DNN_TOOLS_DIR does not hold dnn-offload-run")
        self.tmp = tempfile.mkdtemp(prefix="dnn-csv-round-trip-")
        self.addCleanup(shutil.rmtree, self.tmp, True)

    def write_inputs(self):
        model = {
            "name": self.MODEL,
            "input": {"shape": [3, 8, 8]},
            "layers": [
                {"name": self.LAYER, "type": "conv", "out_channels": 4, "kernel": 3,
                 "padding": 1},
                {"name": "relu, too", "type": "relu"},
                {"name": "flat", "type": "flatten"},
                {"name": 'fc "last", too', "type": "linear", "out_features": 10},
            ],
        }
        scenario = {
            "name": "csv",
            "devices": [
                {"name": "edge", "profile": "edge-server", "role": "edge"},
                {"name": "cam", "profile": "rpi4", "role": "iot", "position": [5, 0, 0]},
            ],
            "networks": [{"name": "lan", "type": "csma", "members": ["edge", "cam"],
                          "data_rate": "100Mbps", "delay": "50us"}],
            "workload": {"requests": [
                {"device": "cam", "model": "models/odd.json", "count": 2,
                 "arrivals": {"type": "periodic", "start": "0s", "period": "1s"}}]},
            "schedulers": ["heft"],
            "simulation": {"stop_time": "5s"},
        }
        os.makedirs(os.path.join(self.tmp, "models"))
        with open(os.path.join(self.tmp, "models", "odd.json"), "w") as handle:
            json.dump(model, handle)
        path = os.path.join(self.tmp, "scenario.json")
        with open(path, "w") as handle:
            json.dump(scenario, handle)
        return path

    def test_names_with_commas_quotes_and_newlines_read_back_whole(self):
        scenario = self.write_inputs()
        out = os.path.join(self.tmp, "out")
        done = subprocess.run([self.tool, "--scenario=" + scenario, "--out=" + out, "--plan-only"],
                              capture_output=True, text=True, env=ENV, timeout=300)
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
        sys.path.insert(0, ANALYSIS)
        try:
            import dnn_results
        finally:
            sys.path.remove(ANALYSIS)
        folder = os.path.join(out, "heft")
        tasks = dnn_results.read_tasks(folder)
        requests = dnn_results.read_requests(folder)
        self.assertEqual(set(tasks["model"]), {self.MODEL})
        self.assertIn(self.LAYER, set(tasks["layer"]))
        self.assertIn('fc "last", too', set(tasks["layer"]))
        self.assertEqual(list(requests["model"]), [self.MODEL, self.MODEL])
        self.assertEqual(list(requests["request"]), ["0", "1"])
        # Every row has every column: no name spilled into the next cell or line.
        with open(os.path.join(folder, "tasks.csv"), newline="") as handle:
            rows = list(csv.reader(handle))
        self.assertTrue(all(len(row) == len(rows[0]) for row in rows), rows)
        self.assertEqual(len(rows) - 1, len(tasks))
        comparison = dnn_results.read_comparison(out)
        self.assertEqual(list(comparison["scheduler"]), ["heft"])


if __name__ == "__main__":
    unittest.main()
