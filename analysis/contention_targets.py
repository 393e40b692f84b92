#!/usr/bin/python3
"""Measure issue 14's targets for plans under contention; print one table.

  contention_targets.py [--out DIR] [--runner PATH] [--only NAME,...]

Runs build/tools/dnn-offload-run (every scheduler under the contention-free and the
shared-medium model) on
  stations   n Wi-Fi stations each offloading 10 MB to the access point at t = 0
             (n = 1, 2, 4, 8; 802.11ac 40 MHz MCS 9 and 802.11n 40 MHz MCS 7, constant
             rate): simulated / planned makespan of HEFT under each model;
  smart-home, factory
             the scenarios as they are, every scheduler of theirs; median latency error per
             scheduler and Kendall's tau-b within each model (with the baselines local,
             edge and cloud, which plan alike under both);
  seed-wifi  scenarios/seed-reproduction-wifi.json with 3 and 6 helpers, seeds 1-3:
             memetic PSO-GA piece-wise under the shared model (median error, simulated
             makespan) against layer-wise PSO-GA (contention-free, the seed's baseline;
             simulated makespan), and tau-b within each model.
Results go to DIR (default results/contention-targets) with one folder per run; the
table goes to stdout and DIR/targets.txt. Every run shares DIR/.calibration-cache.
"""

import argparse
import csv
import itertools
import json
import math
import os
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BASELINES = {"local", "edge", "cloud"}

OFFLOAD_MODEL = {
    "name": "offload10mb",
    "source": "a 10 MB input reduced to 10 bytes: a pure offloading load",
    "input": {"shape": [10, 1000, 1000], "element_bytes": 1},
    "layers": [{"name": "pool", "type": "adaptive_avgpool", "output_size": 1}],
}


def stations_scenario(n, standard, model_file):
    """n stations 5 m around the access point, each offloading one 10 MB input at t = 0."""
    devices = [{"name": "ap", "profile": "fast", "role": "edge", "position": [0, 0, 0]}]
    for i in range(n):
        angle = 2 * math.pi * i / n
        devices.append({"name": f"sta{i}", "profile": "slow", "role": "iot",
                        "position": [round(5 * math.cos(angle), 3), round(5 * math.sin(angle), 3), 0]})
    return {
        "name": f"stations-{standard}-{n}", "seed": 1, "run": 1,
        "profiles": {
            "slow": {"speed": "1MFLOPS", "memory": "1GiB", "idle_power": "1W", "busy_power": "2W"},
            "fast": {"speed": "1000GFLOPS", "memory": "8GiB", "idle_power": "1W", "busy_power": "2W"}},
        "devices": devices,
        "networks": [{"name": "wlan", "type": "wifi", "access_point": "ap",
                      "members": [d["name"] for d in devices[1:]], "standard": standard,
                      "channel_width": "40MHz", "rate_manager": "constant",
                      "mcs": 9 if standard == "80211ac" else 7}],
        "workload": {"requests": [{"device": f"sta{i}", "model": model_file,
                                   "arrivals": {"type": "explicit", "times": ["0s"]}}
                                  for i in range(n)]},
        "schedulers": ["heft", {"name": "heft", "network_model": "shared"}],
        "simulation": {"stop_time": "120s", "flowmon": False},
    }


def anchored(scenario_file):
    """A scenario as JSON with its model references made absolute."""
    with open(scenario_file) as f:
        scenario = json.load(f)
    folder = os.path.dirname(os.path.abspath(scenario_file))
    for request in scenario["workload"]["requests"]:
        model = request["model"]
        if "/" in model or model.endswith(".json"):
            request["model"] = os.path.normpath(os.path.join(folder, model))
        else:
            request["model"] = os.path.join(folder, "models", model + ".json")
    return scenario


def run(runner, scenario, folder, cache, extra=()):
    """Write the scenario into folder, run it, return the comparison rows."""
    os.makedirs(folder, exist_ok=True)
    file = os.path.join(folder, "scenario.json")
    with open(file, "w") as f:
        json.dump(scenario, f, indent=1)
    out = os.path.join(folder, "result")
    command = [runner, f"--scenario={file}", f"--out={out}", f"--calibration-cache={cache}",
               *extra]
    done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if done.returncode != 0:
        sys.exit(f"contention_targets.py: {' '.join(command)} failed: {done.stderr.strip()}")
    with open(os.path.join(out, "comparison.csv")) as f:
        return list(csv.DictReader(f))


def number(text):
    return float(text) if text not in ("", None) else math.nan


def tau_b(rows):
    """Kendall's tau-b between planned and simulated mean latency (NaN when undefined)."""
    concordant = discordant = ties_x = ties_y = 0
    for a, b in itertools.combinations(rows, 2):
        x = number(a["planned_mean_latency_s"]) - number(b["planned_mean_latency_s"])
        y = number(a["mean_latency_s"]) - number(b["mean_latency_s"])
        if math.isnan(x) or math.isnan(y) or (x == 0 and y == 0):
            continue
        if x == 0:
            ties_x += 1
        elif y == 0:
            ties_y += 1
        elif x * y > 0:
            concordant += 1
        else:
            discordant += 1
    denominator = math.sqrt((concordant + discordant + ties_x) * (concordant + discordant + ties_y))
    return (concordant - discordant) / denominator if denominator else math.nan


def by_model(rows):
    """(contention-free rows, shared rows), the baselines and no random in both."""
    simulated = [r for r in rows if r["scheduler"] != "random"]
    free = [r for r in simulated if not r["scheduler"].endswith("-shared")]
    shared = [r for r in simulated
              if r["scheduler"].endswith("-shared") or r["scheduler"] in BASELINES]
    return free, shared


def pct(value):
    return "-" if math.isnan(value) else f"{100 * value:.1f} %"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=os.path.join(REPO, "results", "contention-targets"))
    parser.add_argument("--runner", default=os.path.join(REPO, "build", "tools", "dnn-offload-run"))
    parser.add_argument("--only", default="stations,smart-home,factory,seed-wifi")
    args = parser.parse_args()
    only = set(args.only.split(","))
    cache = os.path.join(args.out, ".calibration-cache")
    lines = []

    def say(text):
        print(text, flush=True)
        lines.append(text)

    if "stations" in only:
        model_file = os.path.join(args.out, "models", "offload10mb.json")
        os.makedirs(os.path.dirname(model_file), exist_ok=True)
        with open(model_file, "w") as f:
            json.dump(OFFLOAD_MODEL, f, indent=1)
        say("stations x 10 MB: simulated / planned makespan of HEFT, contention-free | shared")
        for standard in ("80211ac", "80211n"):
            cells = []
            for n in (1, 2, 4, 8):
                rows = run(args.runner, stations_scenario(n, standard, model_file),
                           os.path.join(args.out, f"stations-{standard}-{n}"), cache)
                ratio = {r["scheduler"]: number(r["simulated_makespan_s"]) /
                         number(r["planned_makespan_s"]) for r in rows}
                cells.append(f"n={n}: {ratio['heft']:.2f} | {ratio['heft-shared']:.2f}")
            say(f"  {standard}: " + ", ".join(cells))

    for name in ("smart-home", "factory"):
        if name not in only:
            continue
        rows = run(args.runner, anchored(os.path.join(REPO, "scenarios", name + ".json")),
                   os.path.join(args.out, name), cache)
        free, shared = by_model(rows)
        say(f"{name}: median latency error, contention-free | shared")
        for row in rows:
            if row["scheduler"].endswith("-shared") or row["scheduler"] == "random":
                continue
            twin = next((r for r in rows if r["scheduler"] == row["scheduler"] + "-shared"), None)
            say(f"  {row['scheduler']:<16} {pct(number(row['latency_error_median']))} | "
                + (pct(number(twin["latency_error_median"])) if twin else "(baseline)"))
        say(f"  Kendall tau-b: contention-free {tau_b(free):.3f}, shared {tau_b(shared):.3f}")

    if "seed-wifi" in only:
        base = anchored(os.path.join(REPO, "scenarios", "seed-reproduction-wifi.json"))
        say("seed-reproduction-wifi: memetic piece-wise shared (median error, simulated "
            "makespan) vs PSO-GA layer-wise contention-free (simulated makespan); tau-b "
            "contention-free | shared (piece-wise)")
        for helpers in (3, 6):
            for seed in (1, 2, 3):
                scenario = json.loads(json.dumps(base))
                # The seed's order RPi, RPi, TX2, repeating: 6 helpers are 4 Pis and 2 TX2s.
                for device in scenario["devices"]:
                    if device["name"] == "helper":
                        device["count"] = helpers
                scenario["schedulers"] = [
                    "heft", {"name": "heft", "network_model": "shared"},
                    "peft", {"name": "peft", "network_model": "shared"},
                    "psoga", {"name": "psoga", "network_model": "shared"},
                    "memetic-psoga", {"name": "memetic-psoga", "network_model": "shared"},
                    "local", "edge"]
                folder = os.path.join(args.out, f"seed-wifi-{helpers}-{seed}")
                piecewise = run(args.runner, scenario, folder + "-piecewise", cache,
                                [f"--seed={seed}"])
                scenario["workload"]["partitioning"] = "layerwise"
                scenario["schedulers"] = ["psoga"]
                layerwise = run(args.runner, scenario, folder + "-layerwise", cache,
                                [f"--seed={seed}"])
                memetic = next(r for r in piecewise if r["scheduler"] == "memetic-psoga-shared")
                free, shared = by_model(piecewise)
                say(f"  {helpers} helpers, seed {seed}: memetic-shared "
                    f"{pct(number(memetic['latency_error_median']))}, "
                    f"{number(memetic['simulated_makespan_s']):.3f} s vs layer-wise PSO-GA "
                    f"{number(layerwise[0]['simulated_makespan_s']):.3f} s; tau-b "
                    f"{tau_b(free):.3f} | {tau_b(shared):.3f}")
    with open(os.path.join(args.out, "targets.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
