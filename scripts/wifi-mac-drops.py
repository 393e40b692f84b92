#!/usr/bin/env python3
"""Counts the MPDUs the Wi-Fi MACs drop, by reason, over several schedulers and run numbers.

Runs dnn-offload-run once per run number (all schedulers in one go) and, per scheduler and
run, prints summary.json's wifi_mac_drops, the transfers that took longer than --slow
seconds (arrival - send_start; a lost TCP SYN or SYN-ACK costs the 3 s SYN timeout), the
longest transfer, the simulated makespan and the mean latency; then the totals.

  scripts/wifi-mac-drops.py --runner build/tools/dnn-offload-run \\
      --scenario scenarios/smart-home.json --schedulers heft,greedy,random,edge --runs 1-5 \\
      [-- --ns3::WifiRemoteStationManager::MaxSsrc=7]

Arguments after "--" go to dnn-offload-run as they are (e.g. ns-3 attribute defaults).
"""
import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile

REASONS = ["failed_enqueue", "expired_lifetime", "retry_limit", "old_packet"]


def run_numbers(text):
    numbers = []
    for part in text.split(","):
        if "-" in part:
            first, last = part.split("-")
            numbers.extend(range(int(first), int(last) + 1))
        else:
            numbers.append(int(part))
    return numbers


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runner", default="build/tools/dnn-offload-run")
    parser.add_argument("--scenario", default="scenarios/smart-home.json")
    parser.add_argument("--schedulers", default="heft,greedy,random,edge")
    parser.add_argument("--runs", default="1-5", help="e.g. 1-5 or 1,3,4")
    parser.add_argument("--slow", type=float, default=1.0, help="slow transfer bound, s")
    parser.add_argument("--out", default="", help="keep the results here (default: temporary)")
    parser.add_argument("extra", nargs="*", help="arguments for dnn-offload-run (after --)")
    args = parser.parse_args()

    out = args.out or tempfile.mkdtemp(prefix="wifi-mac-drops-")
    schedulers = args.schedulers.split(",")
    totals = {reason: 0 for reason in REASONS}
    slow_total = 0
    longest = 0.0
    makespans = []
    latencies = []
    print(f"{'scheduler':10} {'run':>3} " + " ".join(f"{r:>16}" for r in REASONS) +
          f" {'slow':>5} {'longest_s':>9} {'makespan_s':>10} {'mean_lat_s':>10}")
    for run in run_numbers(args.runs):
        folder = os.path.join(out, f"run{run}")
        command = [args.runner, f"--scenario={args.scenario}", f"--schedulers={args.schedulers}",
                   f"--out={folder}", f"--run={run}"] + args.extra
        done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True)
        if done.returncode != 0:
            sys.exit(f"{' '.join(command)} failed:\n{done.stdout}")
        comparison = {}
        with open(os.path.join(folder, "comparison.csv")) as f:
            for row in csv.DictReader(f):
                comparison[row["scheduler"]] = row
        for scheduler in schedulers:
            with open(os.path.join(folder, scheduler, "summary.json")) as f:
                summary = json.load(f)
            drops = summary["wifi_mac_drops"]
            durations = []
            with open(os.path.join(folder, scheduler, "transfers.csv")) as f:
                for row in csv.DictReader(f):
                    if row["arrival"] and row["send_start"]:
                        durations.append(float(row["arrival"]) - float(row["send_start"]))
            slow = sum(1 for d in durations if d > args.slow)
            row = comparison[scheduler]
            print(f"{scheduler:10} {run:>3} " + " ".join(f"{drops[r]:>16}" for r in REASONS) +
                  f" {slow:>5} {max(durations, default=0):>9.3f}"
                  f" {row['simulated_makespan_s'] or 'n/a':>10.10}"
                  f" {row['mean_latency_s'] or 'n/a':>10.10}")
            for reason in REASONS:
                totals[reason] += drops[reason]
            slow_total += slow
            longest = max(longest, max(durations, default=0))
            if row["simulated_makespan_s"]:
                makespans.append(float(row["simulated_makespan_s"]))
            if row["mean_latency_s"]:
                latencies.append(float(row["mean_latency_s"]))
    print(f"{'total':14} " + " ".join(f"{totals[r]:>16}" for r in REASONS) +
          f" {slow_total:>5} {longest:>9.3f}"
          f" {sum(makespans) / max(len(makespans), 1):>10.4f}"
          f" {sum(latencies) / max(len(latencies), 1):>10.4f}"
          f"  (means; {len(makespans)} runs finished)")
    print(f"results: {out}")


if __name__ == "__main__":
    main()
