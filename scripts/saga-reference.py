#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Reference makespans from SAGA's schedulers, for dnn-offload's SAGA agreement tests.

SAGA (https://github.com/ANRGUSC/saga; ANRG, University of Southern California; setup.py
says MIT, its LICENSE file adds non-commercial and citation terms) is not part of this
repository: give the path of its ``src`` directory (a checkout of the 0.0.9 line, before
the pydantic rewrite) with --saga; its scheduler modules are imported from there and run
as an oracle.

The script
  1. generates deterministic random instances (seeded, its own RNG) and writes each, in the
     SAGA ProblemInstance JSON form that dnn-offload-schedule reads, to --instances-dir;
  2. runs every SAGA scheduler on each instance, once per PYTHONHASHSEED of --hash-seeds
     (SAGA iterates Python sets in places, so string hashing may change tie-breaks), in
     worker processes;
  3. writes --out (test/reference/saga-makespans.json): per instance and scheduler the
     makespan and schedule of the first hash seed, the distinct makespans over all hash
     seeds, the run with ties in set order broken by file order ("file_order", see
     Label), WBA's makespans over Python random seeds, errors, and whether the schedule
     is valid (an own check, not SAGA's).

Instances are turned into SAGA's networkx graphs in file order: tasks and network nodes
are added in list order (node attribute "weight" = cost or speed), then dependencies and
links in list order (edge attribute "weight" = size or link speed). Every node has a
self-link of infinite speed (JSON null), so a transfer on one node takes 0 exactly.

Dependencies: Debian's python3-networkx python3-numpy python3-scipy python3-joblib.
Regenerate (from the repository root):
  /usr/bin/python3 scripts/saga-reference.py --saga /tmp/saga/src --saga-commit <hash>
"""

import argparse
import importlib
import json
import math
import os
import random
import subprocess
import sys
import time
import types

GENERATOR_SEED = 20240927
DEFAULT_HASH_SEEDS = ",".join(str(i) for i in range(24))
WBA_SEEDS = list(range(10))
BRUTE_FORCE_BUDGET = 400000  # mappings x topological orders tried at most

# (name in the reference file, SAGA module, class, constructor kwargs)
SCHEDULERS = [
    ("HEFT", "heft", "HeftScheduler", {}),
    ("CPOP", "cpop", "CpopScheduler", {}),
    ("ETF", "etf", "ETFScheduler", {}),
    ("MinMin", "minmin", "MinMinScheduler", {}),
    ("MaxMin", "maxmin", "MaxMinScheduler", {}),
    ("MCT", "mct", "MCTScheduler", {}),
    ("MET", "met", "METScheduler", {}),
    ("OLB", "olb", "OLBScheduler", {}),
    ("FastestNode", "fastest_node", "FastestNodeScheduler", {}),
    ("Sufferage", "sufferage", "SufferageScheduler", {}),
    ("BIL", "bil", "BILScheduler", {}),
    ("DPS", "dps", "DPSScheduler", {}),
    ("Duplex", "duplex", "DuplexScheduler", {}),
    ("FCP", "fcp", "FCPScheduler", {}),
    ("FLB", "flb", "FLBScheduler", {}),
    ("GDL", "gdl", "GDLScheduler", {}),
    ("GDL-level1", "gdl", "GDLScheduler", {"dynamic_level": 1}),
    ("HbMCT", "hbmct", "HbmctScheduler", {}),
    ("HbMCT-nodes-from-1", "hbmct", "HbmctScheduler", {}),
    ("MSBC", "msbc", "MsbcScheduler", {}),
    ("WBA", "wba", "WBAScheduler", {}),
    ("BruteForce", "brute_force", "BruteForceScheduler", {}),
]

NOTES = {
    "DPS": "DPSScheduler.schedule() first calls check_instance_simple, which rejects the "
           "infinite self-link speed (and graphs with more than one source or sink) with "
           "ValueError; the figures come from DPSScheduler()._schedule(task_graph, network), "
           "the same algorithm without that check. 'schedule_error' records what schedule() "
           "raised.",
    "HbMCT": "SAGA's HbMCT averages est_table[task] over its keys (the node names): with "
             "string node names that raises numpy's UFuncTypeError (recorded in "
             "'with_string_node_names'), so it is run on a copy "
             "of the network whose nodes are relabelled 0..m-1 in file order (as SAGA's own "
             "tests name them); the average is then a constant. With node 0, its "
             "'if min_ft_node:' test never moves a task to node 0. Schedules are reported "
             "with the file's node names.",
    "HbMCT-nodes-from-1": "as HbMCT, nodes relabelled 1..m (so the 'if min_ft_node:' test "
                          "is never false for a real node).",
    "GDL-level1": "GDLScheduler(dynamic_level=1); 'GDL' is the default, dynamic_level=2.",
    "WBA": "random.choice among the pairs within alpha=0.5 of the best makespan increase; "
           "run with random.seed(s) for s in wba_seeds; 'makespan' and 'schedule' are "
           "seed 0's, 'makespans_by_random_seed' all of them.",
    "BruteForce": "run only when (#nodes ^ #tasks) x (#topological orders) <= "
                  f"{BRUTE_FORCE_BUDGET}; otherwise 'skipped'.",
    "CPOP": "SAGA's CPOP pushes only the first source onto its queue: on a graph with "
            "several sources the other sources (and what depends only on them) are never "
            "scheduled ('invalid': 'scheduled k of n tasks').",
}


# ---------------------------------------------------------------------------------------
# Instance generation (no SAGA code involved)

def r3(x):
    return round(x, 3)


def random_dag(rng, n, p, single_source=True, single_sink=True):
    """Edges (i, j), i < j, over tasks 0..n-1."""
    edges = set()
    for j in range(1, n):
        for i in range(j):
            if rng.random() < p:
                edges.add((i, j))
    if single_source:
        for j in range(1, n):
            if not any(e[1] == j for e in edges):
                edges.add((rng.randrange(0, j), j))
    if single_sink:
        for i in range(n - 1):
            if not any(e[0] == i for e in edges):
                edges.add((i, rng.randrange(i + 1, n)))
    return sorted(edges)


def make_instance(rng, name, n_tasks, n_nodes, *, hetero_links, shuffle, p=0.35,
                  single_source=True, single_sink=True, integer=False):
    edges = random_dag(rng, n_tasks, p, single_source, single_sink)
    if integer:
        cost = lambda: float(rng.randint(1, 4))  # noqa: E731
        size = lambda: float(rng.randint(1, 3))  # noqa: E731
        speed = lambda: 1.0  # noqa: E731
        link = lambda: 1.0  # noqa: E731
    else:
        cost = lambda: r3(rng.uniform(0.5, 5.0))  # noqa: E731
        size = lambda: r3(rng.uniform(0.1, 5.0))  # noqa: E731
        speed = lambda: r3(rng.uniform(0.5, 3.0))  # noqa: E731
        common = r3(rng.uniform(0.5, 3.0))
        link = (lambda: r3(rng.uniform(0.3, 3.0))) if hetero_links else (lambda: common)
    tasks = [{"name": f"T{i}", "cost": cost()} for i in range(n_tasks)]
    deps = [{"source": f"T{i}", "target": f"T{j}", "size": size()} for i, j in edges]
    nodes = [{"name": f"N{k}", "speed": speed()} for k in range(n_nodes)]
    links = []
    for a in range(n_nodes):
        for b in range(a, n_nodes):
            links.append({"source": f"N{a}", "target": f"N{b}",
                          "speed": None if a == b else link()})
    if shuffle:
        rng.shuffle(tasks)
        rng.shuffle(deps)
    return {"name": name,
            "task_graph": {"tasks": tasks, "dependencies": deps},
            "network": {"nodes": nodes, "edges": links}}


def generate(seed):
    rng = random.Random(seed)
    out = []
    k = 0

    def add(inst_kind, **kw):
        nonlocal k
        k += 1
        name = f"saga-{k:02d}"
        inst = make_instance(rng, name, **kw)
        out.append((inst, inst_kind))

    # 20 small single-source/single-sink instances, half with heterogeneous links (those
    # on 3-4 nodes: a 2-node network has one link)
    for i in range(20):
        hetero = i % 2 == 1
        add("small", n_tasks=rng.randint(3, 8), n_nodes=rng.randint(3 if hetero else 2, 4),
            hetero_links=hetero, shuffle=(i % 3 == 2))
    # 4 for brute force: 9-10 tasks on 2 nodes, 8 tasks on 3 nodes with heterogeneous links
    for i in range(4):
        if i < 2:
            add("brute-force", n_tasks=9 + i, n_nodes=2, hetero_links=False,
                shuffle=(i == 1), p=0.5)
        else:
            add("brute-force", n_tasks=8, n_nodes=3, hetero_links=True,
                shuffle=(i == 3), p=0.6)
    # 2 with integer costs and unit speeds (ties everywhere: shows tie-break dependence)
    for i in range(2):
        add("ties", n_tasks=rng.randint(5, 7), n_nodes=3, hetero_links=False,
            shuffle=False, integer=True)
    # 4 with several sources and/or sinks
    for i in range(4):
        add("multi-source-sink", n_tasks=rng.randint(5, 8), n_nodes=rng.randint(3, 4),
            hetero_links=(i % 2 == 0), shuffle=(i == 3), p=0.3,
            single_source=(i == 1), single_sink=(i == 2))
    return out


# ---------------------------------------------------------------------------------------
# Worker: runs SAGA

def import_saga(saga_src):
    """Import SAGA's scheduler modules without running its package __init__ files
    (saga/__init__.py pulls in its experiment data code, saga/schedulers/__init__.py the
    SMT scheduler, which needs pysmt)."""
    sys.path.insert(0, os.path.abspath(saga_src))
    for pkg in ("saga", "saga.schedulers", "saga.utils"):
        mod = types.ModuleType(pkg)
        mod.__path__ = [os.path.join(os.path.abspath(saga_src), *pkg.split("."))]
        sys.modules[pkg] = mod
    mods = {}
    for _, module, _, _ in SCHEDULERS:
        if module not in mods:
            mods[module] = importlib.import_module(f"saga.schedulers.{module}")
    return mods


class Label:
    """A task or node name whose hash is its index in the file (0, 1, ...); it compares
    (<) by its name, as SAGA's string names do. CPython puts a set element whose hash is
    below the table size in the slot equal to its hash (no collisions between distinct
    indices; SAGA never re-adds a removed element), so a set of Labels iterates in file order: SAGA's "arbitrary" set-order tie-breaks (ETF, BIL, MSBC) become "lowest file
    index first"; nothing else changes. Table slots number at least 8, so this holds for up
    to 8 tasks and 8 nodes (the script runs this variant only then)."""
    __slots__ = ("name", "idx")

    def __init__(self, name, idx):
        self.name, self.idx = name, idx

    def __hash__(self):
        return self.idx

    def __eq__(self, other):
        return isinstance(other, Label) and self.idx == other.idx and self.name == other.name

    def __lt__(self, other):
        return self.name < other.name

    def __repr__(self):
        return self.name

    __str__ = __repr__


def file_order_labels(inst):
    tasks = {t["name"]: Label(t["name"], i) for i, t in enumerate(inst["task_graph"]["tasks"])}
    nodes = {n["name"]: Label(n["name"], i) for i, n in enumerate(inst["network"]["nodes"])}
    return tasks, nodes


def to_networkx(inst, node_labels=None, task_labels=None):
    import networkx as nx
    tl = task_labels or {}
    tg = nx.DiGraph()
    for t in inst["task_graph"]["tasks"]:
        tg.add_node(tl.get(t["name"], t["name"]), weight=t["cost"])
    for d in inst["task_graph"]["dependencies"]:
        tg.add_edge(tl.get(d["source"], d["source"]), tl.get(d["target"], d["target"]),
                    weight=d["size"])
    lab = node_labels or {}
    net = nx.Graph()
    for n in inst["network"]["nodes"]:
        net.add_node(lab.get(n["name"], n["name"]), weight=n["speed"])
    for e in inst["network"]["edges"]:
        s = e["speed"]
        net.add_edge(lab.get(e["source"], e["source"]), lab.get(e["target"], e["target"]),
                     weight=math.inf if s is None else s)
    return net, tg


def flatten(schedule, back=None):
    back = back or {}
    out = {}
    for node, tasks in schedule.items():
        for t in tasks:
            out[str(t.name)] = {"node": str(back.get(t.node, t.node) if not isinstance(
                                    t.node, Label) else t.node), "start": float(t.start),
                                "end": float(t.end)}
    return out


def validate(inst, sched):
    """Own check (not SAGA's): every task once, exec time, no overlap, precedence+comm."""
    speed = {n["name"]: n["speed"] for n in inst["network"]["nodes"]}
    link = {}
    for e in inst["network"]["edges"]:
        s = math.inf if e["speed"] is None else e["speed"]
        link[e["source"], e["target"]] = link[e["target"], e["source"]] = s
    cost = {t["name"]: t["cost"] for t in inst["task_graph"]["tasks"]}
    problems = []
    if set(sched) != set(cost):
        problems.append(f"scheduled {len(sched)} of {len(cost)} tasks")
    tol = 1e-9
    for name, s in sched.items():
        if abs((s["end"] - s["start"]) - cost[name] / speed[s["node"]]) > tol * max(1, s["end"]):
            problems.append(f"{name}: wrong duration")
        if s["start"] < -tol:
            problems.append(f"{name}: negative start")
    by_node = {}
    for name, s in sched.items():
        by_node.setdefault(s["node"], []).append((s["start"], s["end"], name))
    for node, lst in by_node.items():
        lst.sort()
        for (s1, e1, a), (s2, e2, b) in zip(lst, lst[1:]):
            if s2 < e1 - tol * max(1, e1):
                problems.append(f"{a} and {b} overlap on {node}")
    for d in inst["task_graph"]["dependencies"]:
        a, b = d["source"], d["target"]
        if a in sched and b in sched:
            ready = sched[a]["end"] + (0.0 if sched[a]["node"] == sched[b]["node"] else
                                       d["size"] / link[sched[a]["node"], sched[b]["node"]])
            if sched[b]["start"] < ready - tol * max(1, ready):
                problems.append(f"{b} starts before {a}'s data arrives")
    return problems


def brute_force_size(inst):
    import networkx as nx
    _, tg = to_networkx(inst)
    orders = 0
    for _ in nx.all_topological_sorts(tg):
        orders += 1
        if orders > BRUTE_FORCE_BUDGET:
            break
    return len(inst["network"]["nodes"]) ** len(inst["task_graph"]["tasks"]) * orders, orders


def run_one(mods, label, module, cls, kwargs, inst, file_order=False):
    net_names = [n["name"] for n in inst["network"]["nodes"]]
    res = {}
    if label == "HbMCT" and not file_order:
        net, tg = to_networkx(inst)
        try:
            getattr(mods[module], cls)(**kwargs).schedule(net, tg)
            res["with_string_node_names"] = "ran"
        except Exception as exc:  # noqa: BLE001
            res["with_string_node_names"] = f"{type(exc).__name__}: {exc}"
    back = None
    labels = None
    tlabels = None
    if file_order:
        tlabels, labels = file_order_labels(inst)
    if label.startswith("HbMCT"):
        first = 1 if label.endswith("from-1") else 0
        labels = {n: i + first for i, n in enumerate(net_names)}
        back = {v: k for k, v in labels.items()}
    net, tg = to_networkx(inst, labels, tlabels)
    sched_obj = getattr(mods[module], cls)(**kwargs)
    t0 = time.perf_counter()
    try:
        if label == "DPS":
            try:
                sched_obj.schedule(net, tg)
            except Exception as exc:  # noqa: BLE001
                res["schedule_error"] = f"{type(exc).__name__}: {exc}"
            net, tg = to_networkx(inst, labels, tlabels)
            schedule = sched_obj._schedule(tg, net)  # pylint: disable=protected-access
        else:
            schedule = sched_obj.schedule(net, tg)
    except Exception as exc:  # noqa: BLE001
        res["error"] = f"{type(exc).__name__}: {exc}"
        return res
    res["runtime_s"] = time.perf_counter() - t0
    flat = flatten(schedule, back)
    res["schedule"] = flat
    res["makespan"] = max((s["end"] for s in flat.values()), default=0.0)
    problems = validate(inst, flat)
    if problems:
        res["invalid"] = problems
    return res


def worker(args):
    mods = import_saga(args.saga)
    primary = args.primary
    results = {}
    for fname in sorted(os.listdir(args.instances_dir)):
        if not fname.endswith(".json"):
            continue
        with open(os.path.join(args.instances_dir, fname), encoding="utf-8") as f:
            inst = json.load(f)
        per = {}
        for label, module, cls, kwargs in SCHEDULERS:
            if label == "BruteForce":
                if not primary:
                    continue
                size, orders = brute_force_size(inst)
                if size > BRUTE_FORCE_BUDGET:
                    per[label] = {"skipped": f"{size} mappings x orders > {BRUTE_FORCE_BUDGET}"}
                    continue
            if label == "WBA":
                if not primary:
                    continue
                runs = []
                for s in WBA_SEEDS:
                    random.seed(s)
                    runs.append(run_one(mods, label, module, cls, kwargs, inst))
                r = dict(runs[0])
                r["makespans_by_random_seed"] = [x.get("makespan") for x in runs]
                per[label] = r
                continue
            per[label] = run_one(mods, label, module, cls, kwargs, inst)
            if primary and len(inst["task_graph"]["tasks"]) <= 8 \
                    and len(inst["network"]["nodes"]) <= 8:
                per[label]["file_order"] = run_one(mods, label, module, cls, kwargs, inst,
                                                   file_order=True)
        results[inst["name"]] = per
    json.dump(results, sys.stdout)


# ---------------------------------------------------------------------------------------
# Driver

def dump(doc):
    """JSON with one line per scheduler result (schedules stay readable but short)."""
    c = lambda v: json.dumps(v, separators=(", ", ": "))  # noqa: E731
    lines = ["{"]
    for k, v in doc.items():
        if k != "instances":
            t = c(v) if isinstance(v, list) else json.dumps(v, indent=1).replace("\n", "\n ")
            lines.append(f" {json.dumps(k)}: {t},")
    lines.append(' "instances": [')
    for i, e in enumerate(doc["instances"]):
        lines.append("  {")
        for k, v in e.items():
            if k != "results":
                lines.append(f"   {json.dumps(k)}: {c(v)},")
        lines.append('   "results": {')
        items = list(e["results"].items())
        for j, (label, r) in enumerate(items):
            lines.append(f"    {json.dumps(label)}: {c(r)}" + ("," if j + 1 < len(items) else ""))
        lines.append("   }")
        lines.append("  }" + ("," if i + 1 < len(doc["instances"]) else ""))
    lines.append(" ]")
    lines.append("}")
    text = "\n".join(lines) + "\n"
    json.loads(text)
    return text


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--saga", required=True, help="SAGA's src directory (holds saga/)")
    ap.add_argument("--saga-commit", default="", help="SAGA commit, recorded in --out")
    ap.add_argument("--instances-dir", default="test/reference/saga-instances")
    ap.add_argument("--out", default="test/reference/saga-makespans.json")
    ap.add_argument("--seed", type=int, default=GENERATOR_SEED)
    ap.add_argument("--hash-seeds", default=DEFAULT_HASH_SEEDS)
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--primary", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        worker(args)
        return

    os.makedirs(args.instances_dir, exist_ok=True)
    for f in os.listdir(args.instances_dir):
        if f.startswith("saga-") and f.endswith(".json"):
            os.remove(os.path.join(args.instances_dir, f))
    instances = generate(args.seed)
    kinds = {}
    for inst, kind in instances:
        kinds[inst["name"]] = kind
        with open(os.path.join(args.instances_dir, inst["name"] + ".json"), "w",
                  encoding="utf-8") as f:
            json.dump(inst, f, indent=1)
            f.write("\n")

    hash_seeds = [int(s) for s in args.hash_seeds.split(",")]
    procs = []
    for i, hs in enumerate(hash_seeds):
        env = dict(os.environ, PYTHONHASHSEED=str(hs))
        cmd = [sys.executable, os.path.abspath(__file__), "--worker", "--saga", args.saga,
               "--instances-dir", args.instances_dir] + (["--primary"] if i == 0 else [])
        procs.append(subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE))
    runs = []
    for p in procs:
        out, _ = p.communicate()
        if p.returncode != 0:
            sys.exit(f"worker failed ({p.returncode})")
        runs.append(json.loads(out))

    doc = {
        "source": "SAGA (https://github.com/ANRGUSC/saga; Autonomous Networks Research "
                  "Group, University of Southern California), its scheduler modules run as an "
                  "oracle by scripts/saga-reference.py; see README.md for its licence",
        "saga_commit": args.saga_commit,
        "generator": "/usr/bin/python3 scripts/saga-reference.py --saga <SAGA>/src "
                     f"--saga-commit {args.saga_commit} --seed {args.seed} "
                     f"--hash-seeds {args.hash_seeds}",
        "python": sys.version.split()[0],
        "networkx": __import__("networkx").__version__,
        "numpy": __import__("numpy").__version__,
        "model": "exec time = task cost / node speed; transfer time = dependency size / "
                 "link speed, 0 on one node (self-links have infinite speed, JSON null); "
                 "makespan = latest end",
        "hash_seeds": hash_seeds,
        "wba_seeds": WBA_SEEDS,
        "scheduler_notes": NOTES,
        "scheduler_defaults": {"FCP": {"priority_queue_size": "number of nodes"},
                               "GDL": {"dynamic_level": 2}, "WBA": {"alpha": 0.5}},
        "instances": [],
    }
    for inst, kind in instances:
        name = inst["name"]
        entry = {"name": name, "file": f"saga-instances/{name}.json", "kind": kind,
                 "tasks": len(inst["task_graph"]["tasks"]),
                 "nodes": len(inst["network"]["nodes"]),
                 "dependencies": len(inst["task_graph"]["dependencies"]),
                 "results": {}}
        for label, *_ in SCHEDULERS:
            r = runs[0][name].get(label, {})
            r = dict(r)
            r.pop("runtime_s", None)
            if "file_order" in r:
                fo = dict(r["file_order"])
                fo.pop("runtime_s", None)
                if fo.get("schedule") == r.get("schedule"):
                    fo.pop("schedule", None)
                    fo["same_schedule"] = True
                r["file_order"] = fo
            spans = []
            for x in runs:
                if label in x[name] and "makespan" in x[name][label]:
                    m = x[name][label]["makespan"]
                    if not any(abs(m - y) <= 1e-9 * max(1.0, abs(y)) for y in spans):
                        spans.append(m)
            spans.sort()
            errs = sorted({x[name][label]["error"] for x in runs
                           if label in x[name] and "error" in x[name][label]})
            if label not in ("WBA", "BruteForce"):
                r["makespans_over_hash_seeds"] = spans
                r["hash_order_dependent"] = len(spans) > 1 or bool(errs and spans)
            if errs and "error" not in r:
                r["errors_in_other_hash_seeds"] = errs
            if label == "WBA" and "makespans_by_random_seed" in r:
                r["random_dependent"] = len(set(r["makespans_by_random_seed"])) > 1
            entry["results"][label] = r
        doc["instances"].append(entry)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(dump(doc))
    print(f"wrote {args.out}: {len(instances)} instances", file=sys.stderr)


if __name__ == "__main__":
    main()
