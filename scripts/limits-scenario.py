#!/usr/bin/python3
"""Write the scenarios behind the scale limits of the module doc (Errors, limits table).

  scripts/limits-scenario.py devices N OUT.json
      an edge server and N - 1 cameras (rpi4) on CSMA segments of at most 253 members
      (the edge server on each), 10 AlexNet requests from the first camera, HEFT
  scripts/limits-scenario.py requests N OUT.json [--horizon 2s]
      scenarios/long-run.json with N requests (N / 4 per camera), planned offline unless
      a horizon is given

Run them with, e.g.,
  /usr/bin/time -f '%M KiB %e s' build/tools/dnn-offload-run --scenario=OUT.json --plan-only
The scenario names its models as models/NAME.json: write OUT.json into scenarios/.
"""
import argparse
import json
import os

MEMBERS = 253


def devices_scenario(n):
    names = ["edge"] + ["cam-%d" % (i + 1) for i in range(n - 1)]
    networks = []
    cameras = names[1:]
    for k in range(0, len(cameras), MEMBERS - 1):
        networks.append({"name": "lan%d" % len(networks), "type": "csma",
                         "members": ["edge"] + cameras[k:k + MEMBERS - 1],
                         "data_rate": "100Mbps", "delay": "1us"})
    return {
        "name": "limits-devices-%d" % n,
        "devices": [{"name": "edge", "profile": "edge-server", "role": "edge"},
                    {"name": "cam", "profile": "rpi4", "role": "iot", "count": n - 1}],
        "networks": networks,
        "workload": {"partitioning": "layerwise", "requests": [
            {"device": "cam-1", "model": "alexnet", "count": 10,
             "arrivals": {"type": "periodic", "start": "0s", "period": "0.3s"}}]},
        "schedulers": ["heft"],
        "simulation": {"stop_time": "8s", "flowmon": False},
        "seed": 1,
    }


def requests_scenario(n, horizon):
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "..", "scenarios", "long-run.json")) as f:
        scenario = json.load(f)
    per_camera = n // len(scenario["workload"]["requests"])
    for request in scenario["workload"]["requests"]:
        request["count"] = per_camera
    scenario["name"] = "limits-requests-%d" % n
    scenario["simulation"]["stop_time"] = "%gs" % (per_camera * 1.2 + 10)
    if horizon:
        scenario["planner"] = {"horizon": horizon}
    else:
        scenario.pop("planner", None)
    return scenario


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("kind", choices=["devices", "requests"])
    parser.add_argument("count", type=int)
    parser.add_argument("out")
    parser.add_argument("--horizon", default="")
    args = parser.parse_args()
    if args.kind == "devices":
        scenario = devices_scenario(args.count)
    else:
        scenario = requests_scenario(args.count, args.horizon)
    with open(args.out, "w") as f:
        json.dump(scenario, f, indent=1)


if __name__ == "__main__":
    main()
