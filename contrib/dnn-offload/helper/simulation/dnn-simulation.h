/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_SIMULATION_H
#define DNN_SIMULATION_H

#include "dnn-fault-injector.h"
#include "ns3/dnn-platform.h"
#include "ns3/dnn-provenance.h"
#include "ns3/dnn-rolling-planner.h"
#include "ns3/dnn-runtime-plan.h"
#include "ns3/dnn-schedule.h"
#include "ns3/dnn-scheduling-problem.h"
#include "ns3/dnn-task-graph.h"

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace ns3
{

/** \ingroup dnn-offload \brief The default most packet records in netanim.xml
 *  (DnnSimulationOptions::netanimMaxPackets), sized to the smart-home scenario: ns-3's own
 *  default, 100,000, cut 13 of its 18 animations after 0.9-2.3 s; whole, they hold 1,926
 *  (local) to 358,273 (heft) records, and 2,538,211 for random, whose requests keep the
 *  Wi-Fi busy until the 15 s stop. At about 77 bytes a record this many is at most about
 *  230 MB a file. */
constexpr uint64_t DNN_NETANIM_MAX_PACKETS = 3000000;

/** \ingroup dnn-offload \brief How to run one plan in ns-3. */
struct DnnSimulationOptions
{
    std::string outputDir;      //!< results folder ("" = write nothing)
    std::string scheduler;      //!< name of the scheduler that made the plan
    double schedulerRuntime{0}; //!< s it took to plan
    double stopTime{60};        //!< simulated s after plan time 0 before workers stop
    uint32_t seed{1};           //!< RngSeedManager seed
    uint32_t run{1};            //!< RngSeedManager run number
    bool flowmon{true};         //!< write flowmon.xml
    bool netanim{false};        //!< write netanim.xml
    /** netanim.xml's RemainingEnergy node counter follows the energy sources (a record at
     *  every radio and compute state change: off unless asked) */
    bool netanimEnergy{false};
    std::vector<double> deadlines; //!< per request latency bound, s (0: none)
    bool pcap{false};              //!< write pcap traces (outputDir/pcap-<node>-<device>.pcap)
    /** The most packet records netanim.xml holds (NetAnim's SetMaxPktsPerTraceFile: a
     *  record is a point-to-point or CSMA packet, or a wireless transmission or reception);
     *  NetAnim stops the animation at the next one, and summary.json says so. */
    uint64_t netanimMaxPackets{DNN_NETANIM_MAX_PACKETS};
    /** Called every progressInterval of simulated time with the plan time reached, s. */
    std::function<void(double)> progress;
    double progressInterval{0.1};                         //!< simulated s between progress calls
    std::vector<DnnFault> faults;                         //!< device and network faults to inject
    DnnFailurePolicy onFailure{DnnFailurePolicy::Report}; //!< what to do about lost work
    std::map<std::string, std::string> settings; //!< more to record in results.json's settings
    /** How the results were made (its seed and run are replaced with seed and run). */
    DnnProvenance provenance;
};

/** \ingroup dnn-offload \brief What a run gave, in short (the files hold the rest). */
struct DnnSimulationResult
{
    double plannedMakespan{0};      //!< s
    double simulatedMakespan{-1};   //!< s, -1 if some request did not complete
    std::vector<double> completion; //!< per request, s after plan time 0 (-1: unfinished)
    /** Per request, its planned sink finish, s (-1: never planned, a rolling window after
     *  the stop). */
    std::vector<double> plannedCompletion;
    std::vector<std::string> unfinished; //!< per request: why it did not finish ("")
    uint32_t failed{0};                  //!< requests a failure hit that did not complete
    uint32_t recovered{0};               //!< requests a failure hit that completed after a
                                         //!< recovery
    uint64_t bytesQueued{0};             //!< payload bytes of every message the workers
                                         //!< queued for the network, delivered or not
    uint64_t bytesReceived{0};           //!< payload bytes delivered: of the messages that
                                         //!< reached the destination's worker
    std::vector<uint32_t> starts;        //!< per task: times it started
    std::vector<uint32_t> startedOn;     //!< per task: node it started on
    uint32_t peakTasks{0};               //!< most tasks the running plan held at once
    double energy{0};                    //!< J, all nodes, compute and radio
    double energyWindow{0};              //!< s of simulated time energy covers (from 0)
    uint64_t events{0};                  //!< simulator events (progress calls not counted)
    double wallClock{0};                 //!< s of wall-clock time Simulator::Run took
    /** MPDUs the Wi-Fi MACs dropped, by reason (failed_enqueue, expired_lifetime,
     *  retry_limit, old_packet). */
    std::map<std::string, uint64_t> wifiMacDrops;
};

/**
 * \ingroup dnn-offload
 * \brief Carries out a schedule in ns-3: builds the platform's world (DnnTopologyHelper),
 *        installs compute and energy models (and Wi-Fi radio energy models on Wi-Fi
 *        devices) and the workers (DnnOffloadHelper), waits for Wi-Fi association
 *        (plan time 0 = DnnTopologyHelper::AssociationBound()), runs until the workers stop
 *        plus one second to drain, writes the results (DnnResultsWriter, flowmon.xml,
 *        netanim.xml) and destroys the simulator.
 */
class DnnSimulation
{
  public:
    /**
     * \brief Run.
     * \param graph the workload \param problem its problem \param schedule a valid schedule
     * \param platform the platform \param options how
     * \return the outcome
     */
    static DnnSimulationResult Run(const DnnTaskGraph& graph, const DnnSchedulingProblem& problem,
                                   const DnnSchedule& schedule, const DnnPlatform& platform,
                                   const DnnSimulationOptions& options);
    /**
     * \brief Run with rolling-horizon planning: each window is planned when it opens
     *        (DnnRollingPlanner) and added to the running plan; each request that
     *        completes without a failure is written out and forgotten at once, so memory
     *        stays flat however many requests the run has. DnnSimulationResult::starts and
     *        startedOn stay empty. Throws DnnInvalidScheduleError when a window's schedule
     *        is invalid.
     * \param planner the planner (no window planned yet) \param platform the platform
     * \param options how (onFailure must be Report)
     * \return the outcome
     */
    static DnnSimulationResult RunRolling(DnnRollingPlanner& planner, const DnnPlatform& platform,
                                          const DnnSimulationOptions& options);

  private:
    /**
     * \brief The run itself: the steps of a DnnSimulationRun, in order.
     * \param plan the plan (complete, or empty and filled by \p rolling)
     * \param rolling the rolling planner, or null
     * \param graph the workload (empty when rolling) \param problem its problem
     * \param platform the platform \param options how \return the outcome
     */
    static DnnSimulationResult Execute(std::shared_ptr<DnnRuntimePlan> plan,
                                       DnnRollingPlanner* rolling, const DnnTaskGraph& graph,
                                       const DnnSchedulingProblem& problem,
                                       const DnnPlatform& platform,
                                       const DnnSimulationOptions& options);
};

} // namespace ns3

#endif /* DNN_SIMULATION_H */
