/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_RUN_LIMITS_H
#define DNN_RUN_LIMITS_H

#include <cstddef>
#include <cstdint>

namespace ns3
{

/**
 * \ingroup dnn-offload
 * \brief The limits of a simulated run that the readers and the feasibility checks enforce
 *        before anything is built, so that the run cannot fail on them.
 */
struct DnnRunLimits
{
    /** Longest time a run can simulate, s (ns3::Time holds ~292 years; a task's run is one
     *  event). */
    static constexpr double MAX_TIME_S = 1e9;
    /** MAX_TIME_S in words, for messages. */
    static constexpr const char* MAX_TIME_TEXT = "1000000000s (about 31.7 years)";
    /** Most networks: each gets a 10.k.0.0/24 subnet (DnnTopologyHelper). */
    static constexpr std::size_t MAX_NETWORKS = 254;
    /**
     * Most devices in a scenario. The planners hold a route and link figures for every
     * ordered pair of devices, and ns-3's global routing computes every node's table:
     * 1,000 devices take 0.6 GB and under a minute to plan and run 10 requests on the
     * 2-core VM of the module doc (Limits), 2,000 already 2.2 GB and 7 minutes.
     */
    static constexpr std::size_t MAX_DEVICES = 1000;
    /**
     * Most tasks planned at once, without a planning horizon (the whole workload is one
     * problem; with a horizon each window is, and memory stays flat): about 2 KB each in
     * the task graph, the problem, the schedule and the runtime plan, and HEFT plans
     * 800,000 tasks in 1.5 GB and 90 s (module doc, Limits).
     */
    static constexpr std::size_t MAX_TASKS_AT_ONCE = 1000000;
    /** Most edges planned at once, without a planning horizon (as MAX_TASKS_AT_ONCE):
     *  piece-wise, each piece of a linear layer feeds every piece of the next, so edges
     *  grow with the square of the piece count (VGG-16 at 256 pieces: 135,987 edges). */
    static constexpr std::size_t MAX_EDGES_AT_ONCE = 4000000;
    /** Most pieces per layer group (piece-wise partitioning). A conv or pool strip is at
     *  least one output row, so those stop at the rows; a linear layer's pieces feed every
     *  piece of the next (VGG-16's fc layers at 999,999 pieces: 4,096 x 4,096 edges each,
     *  per request, and the run never started). */
    static constexpr uint32_t MAX_PIECES = 256;
    /** Most devices on one network (a /24 subnet's host addresses). */
    static constexpr std::size_t MAX_NETWORK_MEMBERS = 253;
    /**
     * Most stations (members other than the access point) in one Wi-Fi network: the most
     * whose association ends before ASSOCIATION_BOUND_S (measured: the last of 64 stations
     * at 150-215 ms over RngRun 1-8; of 80 at 214-296 ms, of 100 at 376-464 ms, of 150 at
     * 1.47-1.65 s). All stations scan at time 0 and send their Association Requests at the
     * lowest rate with AC_VO's contention window (3-7 slots), again every 50 ms until
     * answered: beyond about 64 they mostly collide, and the simulation's cost grows
     * faster than the station count (idle 5 s: 3 s of wall-clock time for 56 stations, 21 s
     * for 100, 97 s for 150).
     */
    static constexpr std::size_t MAX_WIFI_STATIONS = 64;
    /**
     * Energy of each node's energy source (DnnEnergySource), J: enough for 5.8 days at 200 W (the
     * runs measure energy, they do not model batteries), and not more: with ns-3's
     * WifiRadioEnergyModel on a source (the module installs its own DnnWifiRadioEnergyModel,
     * which WifiPhy does not ask), WifiPhy compares the time the source could feed a
     * transmission with the frame's duration, and with 10^12 J that time overflows ns3::Time,
     * after which every frame is dropped.
     */
    static constexpr double SOURCE_ENERGY_J = 1e8;
    /**
     * Least power a simulated Wi-Fi radio draws in any state, W, when its profile's radio
     * draws anything at all. ns-3's WifiRadioEnergyModel schedules its switch-off after the
     * source's remaining energy over the state's draw (and WifiPhy checks a frame's duration
     * against the same quotient): at 0 W that is infinite, and below about 0.011 W it
     * overflows ns3::Time (9.2e9 s) for SOURCE_ENERGY_J. At 0.02 W it is at most 5e9 s. The
     * module's DnnWifiRadioEnergyModel does not divide; the floor stays so that results do
     * not depend on which of the two models a run uses.
     */
    static constexpr double MIN_RADIO_POWER_W = 0.02;
    /** Plan time 0 after the start of the simulation, s: by then every Wi-Fi station has
     *  associated (DnnTopologyHelper::AssociationBound()). */
    static constexpr double ASSOCIATION_BOUND_S = 0.25;
    /** Simulated time after the stop time that a run drains for, s (DnnSimulation). */
    static constexpr double DRAIN_S = 1.0;
};

} // namespace ns3

#endif /* DNN_RUN_LIMITS_H */
