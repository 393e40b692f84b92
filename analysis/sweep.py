#!/usr/bin/python3
"""Run the dnn-offload runner over a grid of scenario variants with GNU parallel.

  sweep.py --scenario FILE --out DIR [--runner PATH] [--set /json/pointer=VALUES]...
           [--seeds 1-5 | --seeds 1,2,3] [--runs LIST] [--jobs N] [--sshloginfile FILE]
           [--dry-run] [-- extra runner arguments]

--set POINTER=VALUES replaces the scenario value at a JSON pointer (RFC 6901: /a/b/0 is key
"a", key "b", array index 0; ~1 stands for "/" and ~0 for "~"; the pointer must exist in the
scenario and cannot contain "="). VALUES is a comma-separated list: integer ranges "1..9" or
"1-9" expand (ascending), JSON numbers become numbers, anything else a string; for other
JSON (booleans, null, objects, strings with commas) give a JSON array: --set '/x=[true,"a,b"]'.
The grid is the cartesian product of all --set lists, the seeds (default 1) and the runs
(default 1); a --set with one value just changes the scenario.

Each grid point gets DIR/points/<name>-<NNN>/ (name: the scenario's "name", which is left
unchanged in the file) holding scenario.json, run.sh (the exact command:
RUNNER --scenario=... --out=.../result --seed=S --run=R EXTRA, stdout/stderr to stdout.txt
and stderr.txt) and result/. GNU parallel runs them:
  parallel --jobs N --joblog DIR/joblog.txt --halt never -a DIR/jobs.txt sh {}/run.sh
(jobs.txt lists the point folders). With --sshloginfile the jobs also go to remote hosts:
run.sh and scenario.json are sent with --transferfile and result/, stdout.txt, stderr.txt
come back with --return (then --cleanup). Every path is absolute, so a remote host needs the
runner built at the same path (with its libraries; the runner is not copied) and must allow
the same DIR path to be created.

Results: DIR/sweep.csv has one row per (grid point, scheduler): the --set values (column =
the pointer's last component, or the whole pointer when that is ambiguous), seed, run,
point, then the columns of the point's result/comparison.csv as written. Points that failed
(non-zero exit, signal, or no comparison.csv) are listed in DIR/sweep_failures.csv
(point, exit_status, stderr_tail) and the exit status is 1; otherwise 0 (and no failures
file). Bad arguments, a missing runner or scenario, or a pointer that does not resolve give
exit status 2 before anything runs.
"""

import argparse
import copy
import csv
import itertools
import json
import os
import re
import shlex
import shutil
import subprocess
import sys

import dnn_results as R

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_RUNNER = os.path.join(REPO, "build", "tools", "dnn-offload-run")
NUMBER = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?")
RANGE = re.compile(r"(-?[0-9]+)(\.\.|-)(-?[0-9]+)")


def parse_pointer(text):
    """RFC 6901 pointer -> list of reference tokens."""
    if not text.startswith("/"):
        raise ValueError(f"JSON pointer '{text}' must start with '/'")
    return [token.replace("~1", "/").replace("~0", "~") for token in text[1:].split("/")]


def resolve(document, pointer):
    """(container, key) the pointer names in document; ValueError when it does not exist."""
    tokens = parse_pointer(pointer)
    node = document
    where = ""
    for depth, token in enumerate(tokens):
        last = depth == len(tokens) - 1
        if isinstance(node, dict):
            if token not in node:
                raise ValueError(f"JSON pointer {pointer}: no key '{token}' in "
                                 f"{where or 'the scenario'} (keys: "
                                 f"{', '.join(map(str, node)) or 'none'})")
            key = token
        elif isinstance(node, list):
            if not re.fullmatch(r"0|[1-9][0-9]*", token):
                raise ValueError(f"JSON pointer {pointer}: '{token}' is not an array index "
                                 f"({where or 'the scenario'} is an array)")
            key = int(token)
            if key >= len(node):
                raise ValueError(f"JSON pointer {pointer}: index {key} is out of range "
                                 f"({where or 'the scenario'} has {len(node)} elements)")
        else:
            raise ValueError(f"JSON pointer {pointer}: {where} is a {type(node).__name__}, "
                             f"not an object or array")
        if last:
            return node, key
        node = node[key]
        where += "/" + token
    raise ValueError(f"JSON pointer '{pointer}' names the whole scenario")


def parse_values(text, pointer):
    """Comma-separated values / ranges, or a JSON array."""
    text = text.strip()
    if text.startswith("["):
        try:
            values = json.loads(text)
        except json.JSONDecodeError as error:
            raise ValueError(f"--set {pointer}: '{text}' is not a JSON array: {error}")
        if not isinstance(values, list) or not values:
            raise ValueError(f"--set {pointer}: the JSON array is empty")
        return values
    values = []
    for item in text.split(","):
        item = item.strip()
        if item == "":
            raise ValueError(f"--set {pointer}: empty value in '{text}'")
        match = RANGE.fullmatch(item)
        if match:
            first, last = int(match.group(1)), int(match.group(3))
            if first > last:
                raise ValueError(f"--set {pointer}: range '{item}' is empty (write it "
                                 f"ascending, or give a JSON array for a string)")
            values.extend(range(first, last + 1))
        elif NUMBER.fullmatch(item):
            values.append(json.loads(item))
        else:
            values.append(item)
    return values


def parse_integers(text, option):
    """"1-5", "1..5", "1,2,3" or a mix -> list of ints."""
    values = []
    for item in text.split(","):
        item = item.strip()
        match = RANGE.fullmatch(item)
        if match:
            first, last = int(match.group(1)), int(match.group(3))
            if first > last:
                raise ValueError(f"{option} {text}: range '{item}' is empty")
            values.extend(range(first, last + 1))
        elif re.fullmatch(r"-?[0-9]+", item):
            values.append(int(item))
        else:
            raise ValueError(f"{option} {text}: '{item}' is not an integer or a range")
    return values


def cell(value):
    """A grid value as text for sweep.csv."""
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, (int, float)):
        return json.dumps(value)
    if isinstance(value, str):
        return value
    return json.dumps(value, separators=(",", ":"), sort_keys=True)


def column_names(pointers):
    """Last component of each pointer, or the whole pointer when that is ambiguous."""
    reserved = {"seed", "run", "point"} | set(R.COMPARISON_COLUMNS)
    lasts = [parse_pointer(p)[-1] for p in pointers]
    names = []
    for pointer, last in zip(pointers, lasts):
        ambiguous = lasts.count(last) > 1 or last in reserved or last in pointers or last == ""
        names.append(pointer if ambiguous else last)
    return names


def read_joblog(path):
    """{seq: (exit value, signal)} from a GNU parallel joblog."""
    status = {}
    if not os.path.isfile(path):
        return status
    with open(path, newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            try:
                status[int(row["Seq"])] = (int(row["Exitval"]), int(row["Signal"]))
            except (KeyError, TypeError, ValueError):
                continue
    return status


def tail(path, lines=5):
    try:
        with open(path, errors="replace") as handle:
            text = [line.rstrip("\n") for line in handle if line.strip()]
    except OSError:
        return ""
    return " | ".join(text[-lines:])


def anchor_models(scenario, folder):
    """Make the scenario's model references absolute, as the runner resolves them against
    the original scenario's folder (a name: FOLDER/models/NAME.json; a path: FOLDER/PATH),
    so the copy written into a point folder still finds them."""
    workload = scenario.get("workload") if isinstance(scenario, dict) else None
    requests = workload.get("requests") if isinstance(workload, dict) else None
    for request in requests if isinstance(requests, list) else []:
        model = request.get("model") if isinstance(request, dict) else None
        if not isinstance(model, str) or not model:
            continue
        if "/" in model or model.endswith(".json"):
            request["model"] = os.path.normpath(os.path.join(folder, model))
        else:
            request["model"] = os.path.join(folder, "models", model + ".json")


def main():
    argv = sys.argv[1:]
    extra = []
    if "--" in argv:
        cut = argv.index("--")
        argv, extra = argv[:cut], argv[cut + 1:]
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter,
        usage="%(prog)s --scenario FILE --out DIR [options] [-- extra runner arguments]")
    parser.add_argument("--scenario", required=True, metavar="FILE", help="scenario JSON file")
    parser.add_argument("--out", required=True, metavar="DIR", help="sweep folder (created)")
    parser.add_argument("--runner", default=DEFAULT_RUNNER, metavar="PATH",
                        help="runner executable (default: %(default)s)")
    parser.add_argument("--set", action="append", default=[], metavar="/POINTER=VALUES",
                        dest="sets", help="grid dimension: scenario value and its values")
    parser.add_argument("--seeds", default="1", metavar="LIST",
                        help="seeds: 1-5, 1..5 or 1,2,3 (default 1)")
    parser.add_argument("--runs", default="1", metavar="LIST",
                        help="run numbers, same forms (default 1)")
    parser.add_argument("--jobs", type=int, metavar="N",
                        help="parallel jobs (per host; default: the number of cores here, or "
                             "what the sshloginfile says)")
    parser.add_argument("--sshloginfile", metavar="FILE",
                        help="GNU parallel --sshloginfile: run on these hosts as well")
    parser.add_argument("--dry-run", action="store_true",
                        help="write the points and print the parallel command, run nothing")
    args = parser.parse_args(argv)

    # ---- checks: nothing runs or is written before they pass
    if not os.path.exists(args.scenario):
        R.fail(f"scenario {args.scenario}: no such file")
    try:
        with open(args.scenario) as handle:
            scenario = json.load(handle)
    except (OSError, UnicodeDecodeError) as error:
        R.fail(f"scenario {args.scenario}: cannot read it: {error}")
    except json.JSONDecodeError as error:
        R.fail(f"scenario {args.scenario}: not JSON: {error}")
    runner = os.path.abspath(args.runner)
    if not os.path.isfile(runner):
        R.fail(f"runner {args.runner}: no such file (build the project or pass --runner)")
    if not os.access(runner, os.X_OK):
        R.fail(f"runner {args.runner}: not executable")
    parallel = shutil.which("parallel")
    if not parallel:
        R.fail("GNU parallel is not installed (apt-get install parallel)")
    if args.sshloginfile and not os.path.isfile(args.sshloginfile):
        R.fail(f"sshloginfile {args.sshloginfile}: no such file")
    if args.jobs is not None and args.jobs < 1:
        R.fail("--jobs must be at least 1")
    if os.path.exists(args.out) and not os.path.isdir(args.out):
        R.fail(f"--out {args.out}: exists and is not a folder")
    pointers, value_lists = [], []
    try:
        for item in args.sets:
            if "=" not in item:
                raise ValueError(f"--set {item}: expected /POINTER=VALUES")
            pointer, text = item.split("=", 1)
            if pointer in pointers:
                raise ValueError(f"--set {pointer}: given twice")
            resolve(scenario, pointer)
            pointers.append(pointer)
            value_lists.append(parse_values(text, pointer))
        seeds = parse_integers(args.seeds, "--seeds")
        runs = parse_integers(args.runs, "--runs")
    except ValueError as error:
        R.fail(str(error))
    columns = column_names(pointers)

    grid = list(itertools.product(*value_lists, seeds, runs))
    name = scenario.get("name") if isinstance(scenario, dict) else None
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", str(name)).strip("-.") if name else ""
    slug = slug or "point"
    width = max(3, len(str(len(grid) - 1)))
    out = os.path.abspath(args.out)
    points = []
    for index, combination in enumerate(grid):
        values, seed, run = combination[:-2], combination[-2], combination[-1]
        variant = copy.deepcopy(scenario)
        try:
            for pointer, value in zip(pointers, values):
                container, key = resolve(variant, pointer)
                container[key] = copy.deepcopy(value)
        except ValueError as error:
            R.fail(f"{error} (after applying the other --set values)")
        anchor_models(variant, os.path.dirname(os.path.abspath(args.scenario)))
        point = f"{slug}-{index:0{width}d}"
        points.append({"id": point, "folder": os.path.join(out, "points", point),
                       "values": values, "seed": seed, "run": run, "scenario": variant})

    # ---- write the points
    for point in points:
        folder = point["folder"]
        os.makedirs(folder, exist_ok=True)
        for old in ("result", "stdout.txt", "stderr.txt"):
            path = os.path.join(folder, old)
            if os.path.isdir(path):
                shutil.rmtree(path)
            elif os.path.exists(path):
                os.remove(path)
        with open(os.path.join(folder, "scenario.json"), "w") as handle:
            json.dump(point["scenario"], handle, indent=2)
            handle.write("\n")
        command = [runner, f"--scenario={os.path.join(folder, 'scenario.json')}",
                   f"--out={os.path.join(folder, 'result')}", f"--seed={point['seed']}",
                   f"--run={point['run']}"] + extra
        described = " ".join(f"{c}={cell(v)}" for c, v in zip(columns, point["values"]))
        with open(os.path.join(folder, "run.sh"), "w") as handle:
            handle.write("#!/bin/sh\n")
            handle.write(f"# sweep point {point['id']}: {described} seed={point['seed']} "
                         f"run={point['run']}\n".replace("  ", " "))
            handle.write("exec " + " ".join(shlex.quote(c) for c in command)
                         + f" >{shlex.quote(os.path.join(folder, 'stdout.txt'))}"
                         + f" 2>{shlex.quote(os.path.join(folder, 'stderr.txt'))}\n")
        os.chmod(os.path.join(folder, "run.sh"), 0o755)
    jobs_file = os.path.join(out, "jobs.txt")
    with open(jobs_file, "w") as handle:
        handle.writelines(point["folder"] + "\n" for point in points)
    joblog = os.path.join(out, "joblog.txt")
    if os.path.exists(joblog):
        os.remove(joblog)

    command = [parallel, "--will-cite", "--joblog", joblog, "--halt", "never"]
    jobs = args.jobs if args.jobs is not None else (
        None if args.sshloginfile else (os.cpu_count() or 1))
    if jobs is not None:
        command += ["--jobs", str(jobs)]
    if args.sshloginfile:
        command += ["--sshloginfile", os.path.abspath(args.sshloginfile),
                    "--transferfile", "{}/run.sh", "--transferfile", "{}/scenario.json",
                    "--return", "{}/result", "--return", "{}/stdout.txt",
                    "--return", "{}/stderr.txt", "--cleanup"]
    command += ["-a", jobs_file, "sh {}/run.sh"]
    shape = " x ".join([str(len(v)) for v in value_lists] + [str(len(seeds)), str(len(runs))])
    dims = " x ".join(columns + ["seeds", "runs"])
    plural = "s" if len(points) != 1 else ""
    print(f"sweep: {len(points)} point{plural} ({dims} = {shape}) in {out}")
    if args.dry_run:
        print(" ".join(shlex.quote(c) for c in command))
        return 0
    sys.stdout.flush()
    subprocess.run(command, stdin=subprocess.DEVNULL)

    # ---- collect
    status = read_joblog(joblog)
    rows, failures, extra_columns = [], [], []
    for seq, point in enumerate(points, start=1):
        folder = point["folder"]
        comparison = os.path.join(folder, "result", "comparison.csv")
        exit_value, signal = status.get(seq, (None, 0))
        problem = None
        if exit_value is None:
            problem = "not run (no joblog entry)"
        elif signal:
            problem = f"killed by signal {signal}"
        elif exit_value != 0:
            problem = ""
        elif not os.path.isfile(comparison):
            problem = "exit 0 but no result/comparison.csv"
        found = []
        if problem is None:
            try:
                with open(comparison, newline="") as handle:
                    reader = csv.DictReader(handle)
                    if not reader.fieldnames or "scheduler" not in reader.fieldnames:
                        problem = "result/comparison.csv has no scheduler column"
                    else:
                        found = list(reader)
                        extra_columns += [c for c in reader.fieldnames
                                          if c not in R.COMPARISON_COLUMNS
                                          and c not in extra_columns]
            except (OSError, csv.Error, UnicodeDecodeError) as error:
                problem = f"result/comparison.csv unreadable: {error}"
        if problem is not None:
            exit_text = "" if exit_value is None else (
                f"signal {signal}" if signal else str(exit_value))
            stderr = tail(os.path.join(folder, "stderr.txt"))
            failures.append([point["id"], exit_text,
                             " | ".join(t for t in (problem, stderr) if t)])
            continue
        lead = [cell(v) for v in point["values"]] + [point["seed"], point["run"], point["id"]]
        rows += [(lead, row) for row in found]

    header = columns + ["seed", "run", "point"] + R.COMPARISON_COLUMNS + extra_columns
    sweep_csv = os.path.join(out, "sweep.csv")
    with open(sweep_csv, "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for lead, row in rows:
            writer.writerow(lead + [row.get(c) or "" for c in R.COMPARISON_COLUMNS + extra_columns])
    failures_csv = os.path.join(out, "sweep_failures.csv")
    if os.path.exists(failures_csv):
        os.remove(failures_csv)
    print(f"sweep: {len(points) - len(failures)} succeeded, {len(failures)} failed; "
          f"{len(rows)} rows in {sweep_csv}")
    if failures:
        with open(failures_csv, "w", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["point", "exit_status", "stderr_tail"])
            writer.writerows(failures)
        for point, exit_text, text in failures[:5]:
            print(f"  failed {point} (exit {exit_text or '?'}): {text}")
        if len(failures) > 5:
            print(f"  ... {len(failures) - 5} more")
        print(f"sweep: failures in {failures_csv}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
