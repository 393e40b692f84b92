#!/usr/bin/python3
"""Write the scenarios of the module doc's "Scaling: stations and requests" (Performance).

  scripts/gen-scaling-scenarios.py stations N [--requests-each K] > OUT.json
      one 802.11ac cell (80 MHz, ideal rate manager, efficiency pinned at 0.5 as in
      scenarios/stress.json, so no link calibration) whose access point is the edge server,
      and N rpi4 cameras (N <= 64, DnnRunLimits::MAX_WIFI_STATIONS), each sending K (4)
      AlexNet requests as a Poisson stream (mean interval 2 s from 0.5 s); layer-wise,
      HEFT planned offline, 36 s stop time (4 K + 20 s).
  scripts/gen-scaling-scenarios.py requests R [--horizon 2s] > OUT.json
      a fixed platform on the same kind of cell: the edge server as access point, two
      Jetson TX2 helpers and six rpi4 cameras; R AlexNet requests spread over the cameras,
      periodic (one every 1.2 s per camera, camera i starting at 0.5 + 0.2 (i - 1) s);
      layer-wise, HEFT with a rolling planning horizon (2 s), stop time 10 s after the last.

  --no-radio-energy   radios drawing 0 W, so no node gets a WifiRadioEnergyModel (radio_j 0)

The scenarios name their models as models/NAME.json: write OUT.json into scenarios/ (or
link scenarios/models next to it). Run, e.g.,
  /usr/bin/time -v build/tools/dnn-offload-run --scenario=OUT.json --schedulers=heft --out=DIR
"""
import argparse
import json
import sys

NO_RADIO = {"tx_power": "0W", "radio_idle_power": "0W", "radio_rx_power": "0W"}


def wlan(members):
    return {"name": "wlan", "type": "wifi", "access_point": "edge", "members": members,
            "standard": "80211ac", "channel_width": "80MHz", "rate_manager": "ideal",
            "efficiency": 0.5}


def stations(n, each, seed):
    return {
        "name": f"scaling-stations-{n}",
        "description": f"Scaling: one 802.11ac cell, edge server as AP, {n} rpi4 cameras "
                       f"each sending {each} AlexNet requests (Poisson, mean 2 s), layer-wise.",
        "seed": seed, "run": 1,
        "devices": [
            {"name": "edge", "profile": "edge-server", "role": "edge", "position": [0, 0, 3]},
            {"name": "cam", "profile": "rpi4", "role": "iot", "count": n,
             "position": [-8, -8, 2], "spacing": [0.25, 0.25, 0]},
        ],
        "networks": [wlan(["cam"])],
        "workload": {
            "partitioning": "layerwise",
            "requests": [
                {"device": "cam", "model": "alexnet", "count": each,
                 "arrivals": {"type": "poisson", "start": "0.5s", "mean_interval": "2s"}},
            ],
        },
        "schedulers": ["heft"],
        "simulation": {"stop_time": f"{max(20, 4 * each + 20)}s", "flowmon": False},
    }


def requests(r, horizon, seed):
    cams = 6
    period = 1.2
    base, extra = divmod(r, cams)
    reqs = []
    for i in range(cams):
        count = base + (1 if i < extra else 0)
        if count == 0:
            continue
        reqs.append({"device": f"cam-{i + 1}", "model": "alexnet", "count": count,
                     "arrivals": {"type": "periodic", "start": f"{0.5 + 0.2 * i:.1f}s",
                                  "period": f"{period}s"}})
    span = (base + 1) * period
    return {
        "name": f"scaling-requests-{r}",
        "description": f"Scaling: {r} AlexNet requests from six rpi4 cameras (one every "
                       f"{period} s each) with two Jetson TX2 helpers on one 802.11ac cell "
                       f"whose AP is the edge server; layer-wise, HEFT, {horizon} planning horizon.",
        "seed": seed, "run": 1,
        "devices": [
            {"name": "edge", "profile": "edge-server", "role": "edge", "position": [0, 0, 3]},
            {"name": "helper", "profile": "jetson-tx2", "role": "helper", "count": 2,
             "position": [3, 3, 1], "spacing": [-6, 0, 0]},
            {"name": "cam", "profile": "rpi4", "role": "iot", "count": cams,
             "position": [-6, -6, 2], "spacing": [2, 0, 0]},
        ],
        "networks": [wlan(["helper", "cam"])],
        "workload": {"partitioning": "layerwise", "requests": reqs},
        "planner": {"horizon": horizon},
        "schedulers": ["heft"],
        "simulation": {"stop_time": f"{span + 10:.0f}s", "flowmon": False},
    }


def main():
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("kind", choices=["stations", "requests"])
    p.add_argument("n", type=int, help="stations (1 to 64) or requests (at least 1)")
    p.add_argument("--requests-each", type=int, default=4)
    p.add_argument("--horizon", default="2s")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--no-radio-energy", action="store_true")
    a = p.parse_args()
    if a.kind == "stations":
        if not 1 <= a.n <= 64:
            p.error("a Wi-Fi network holds 1 to 64 stations (DnnRunLimits::MAX_WIFI_STATIONS)")
        s = stations(a.n, a.requests_each, a.seed)
    else:
        if a.n < 1:
            p.error("at least one request")
        s = requests(a.n, a.horizon, a.seed)
    if a.no_radio_energy:
        s["name"] += "-noradio"
        s["profiles"] = {d["profile"]: dict(NO_RADIO) for d in s["devices"]}
    json.dump(s, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
