/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_SIMULATION_STEPS_H
#define DNN_SIMULATION_STEPS_H

#include "dnn-failure-handler.h"
#include "dnn-fault-injector.h"
#include "dnn-offload-helper.h"
#include "dnn-results-writer.h"
#include "dnn-run-recorder.h"
#include "dnn-simulation.h"
#include "dnn-topology-helper.h"
#include "ns3/dnn-compute-energy-model.h"
#include "ns3/dnn-platform.h"
#include "ns3/dnn-rolling-planner.h"
#include "ns3/dnn-runtime-plan.h"
#include "ns3/dnn-scheduling-problem.h"
#include "ns3/dnn-task-graph.h"

#include "ns3/application-container.h"
#include "ns3/device-energy-model-container.h"
#include "ns3/flow-monitor-helper.h"
#include "ns3/ipv4-address.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/nstime.h"
#include "ns3/wifi-mac.h"
#include "ns3/wifi-mpdu.h"

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

/**
 * \file
 * \ingroup dnn-offload
 * The steps of a DnnSimulation run (DnnSimulationRun) and the small pieces they are made
 * of, each usable on its own.
 */

namespace ns3
{

class AnimationInterface;

/**
 * \ingroup dnn-offload
 * \brief The address each device's worker listens on: its address on its first network, or
 *        the loopback address for a device on no network (a platform of one device talks
 *        to no one).
 * \param platform the platform \param topology its installed world
 * \return one address per device, in device order
 */
std::vector<Ipv4Address> DnnWorkerAddresses(const DnnPlatform& platform,
                                            const DnnTopologyHelper& topology);

/**
 * \ingroup dnn-offload
 * \brief Install a DnnWifiRadioEnergyModel (ns-3's WifiRadioEnergyModel without its events)
 *        on every Wi-Fi device of the installed world, drawing the device profile's radio powers
 * (each at least DnnRunLimits::MIN_RADIO_POWER_W) from the node's energy source, which must be
 *        aggregated to the node already (DnnOffloadHelper::InstallCompute()). A device whose
 *        radio draws nothing gets none.
 * \param platform the platform \param topology its installed world \param nodes one node
 *        per device
 * \return per node, its radio energy models
 */
std::vector<DeviceEnergyModelContainer> DnnInstallRadioEnergy(const DnnPlatform& platform,
                                                              const DnnTopologyHelper& topology,
                                                              const NodeContainer& nodes);

/** \ingroup dnn-offload \brief A colour, 0-255 per channel. */
struct DnnColour
{
    uint8_t red{0};   //!< red
    uint8_t green{0}; //!< green
    uint8_t blue{0};  //!< blue
};

/**
 * \ingroup dnn-offload
 * \brief The NetAnim colour of a device role: IoT blue, helper green, edge orange, cloud
 *        purple.
 * \param role the role \return its colour
 */
DnnColour DnnRoleColour(DnnDeviceRole role);

/**
 * \ingroup dnn-offload
 * \brief Counts the MPDUs the Wi-Fi MACs drop, by reason (failed_enqueue,
 *        expired_lifetime, retry_limit, old_packet; every reason present from the start).
 */
class DnnWifiMacDrops
{
  public:
    /** \brief Every reason at zero. */
    DnnWifiMacDrops();
    /** \brief Follow the DroppedMpdu trace of the MAC of every device (this object must not
     *  move afterwards). \param wifiDevices Wi-Fi net devices */
    void Attach(const NetDeviceContainer& wifiDevices);
    /** \brief DroppedMpdu trace sink: count one drop. \param reason why \param mpdu the MPDU
     *  (unused) */
    void Dropped(WifiMacDropReason reason, Ptr<const WifiMpdu> mpdu);
    /** \brief The counts so far. \return reason -> MPDUs */
    const std::map<std::string, uint64_t>& ByReason() const;

  private:
    std::map<std::string, uint64_t> m_byReason; //!< reason -> MPDUs dropped
};

/**
 * \ingroup dnn-offload
 * \brief Why a request did not complete by the end of a run, in order of precedence: the
 *        reason of the failure that hit it; "not planned: ..." when its planning window
 *        opened after the stop; the first of its tasks that is neither abandoned nor
 *        finished, where it runs and why (\p pending), e.g. "conv1 on edge: queued or running
 *        on edge"; else "stopped at ... s with tasks undone".
 * \param plan the plan that ran \param recorder what happened \param request its id
 * \param stopTime the simulated s the run was given
 * \param pending why a task has not run (DnnWorkerApplication::Pending of the worker
 *        hosting it)
 * \return "" if the request completed, else the reason
 */
std::string DnnUnfinishedReason(const DnnRuntimePlan& plan, const DnnRunRecorder& recorder,
                                uint32_t request, double stopTime,
                                const std::function<std::string(uint32_t task)>& pending);

/**
 * \ingroup dnn-offload
 * \brief One run of DnnSimulation, step by step. Call the steps once each, in this order:
 *        BuildWorld(), InstallWorkers(), InstallTraces(), OpenResults(), ScheduleRolling(),
 *        RunSimulator(), Summarize(), WriteResults() (each checks that the one before ran).
 *
 * The run holds everything the simulator's events and traces point to; its destructor
 * destroys the simulator (and clears the object names) before any of it, however the run
 * ends, exceptions included. The inputs given to the constructor must outlive the run.
 */
class DnnSimulationRun
{
  public:
    /**
     * \brief A run of a plan.
     * \param plan the plan (complete, or empty and filled by \p rolling)
     * \param rolling the rolling planner, or null
     * \param graph the workload (empty when rolling) \param problem its problem
     * \param platform the platform \param options how
     */
    DnnSimulationRun(std::shared_ptr<DnnRuntimePlan> plan, DnnRollingPlanner* rolling,
                     const DnnTaskGraph& graph, const DnnSchedulingProblem& problem,
                     const DnnPlatform& platform, const DnnSimulationOptions& options);
    /** \brief Destroy the simulator first, then the run's state. */
    ~DnnSimulationRun();
    DnnSimulationRun(const DnnSimulationRun&) = delete;
    DnnSimulationRun& operator=(const DnnSimulationRun&) = delete;

    /** \brief Seed the random numbers (options' seed and run); build the platform's world
     *  (DnnTopologyHelper, streams from 1000); install the compute and compute energy
     *  models, a Wi-Fi radio energy model on every Wi-Fi device, and pick the worker
     *  addresses (DnnWorkerAddresses). Plan time 0 is DnnTopologyHelper::AssociationBound(). */
    void BuildWorld();
    /** \brief Install the workers (start at plan time 0, stop after the options' stop
     *  time), the recorder, the failure handler and the fault injector (streams from 5000);
     *  a failed device is also kept off the later planning windows. */
    void InstallWorkers();
    /** \brief Count the Wi-Fi MAC drops; install FlowMonitor, NetAnim (node names, role
     *  colours, the task each node runs) and pcap traces, as the options ask. */
    void InstallTraces();
    /** \brief Open the results writer when the options name a folder (its files stay
     *  temporaries until WriteResults()). */
    void OpenResults();
    /** \brief Rolling runs only: schedule the first planning window and retire each request
     *  that completes without a failure (written out and forgotten at once). */
    void ScheduleRolling();
    /** \brief Schedule the progress calls, run the simulator until the workers stop plus one
     *  second, and measure its wall-clock time. Rethrows the error of a planning window
     *  that failed. */
    void RunSimulator();
    /** \brief What the run gave; also gathers the facts WriteResults() writes.
     *  \return the outcome */
    DnnSimulationResult Summarize();
    /** \brief Write flowmon.xml and the results (DnnResultsWriter::Finish) when the options
     *  name a folder, and close netanim.xml. */
    void WriteResults();

    /** \brief The nodes, one per device. \return the nodes (empty before BuildWorld()) */
    const NodeContainer& Nodes() const;
    /** \brief The workers' addresses. \return one per node (empty before BuildWorld()) */
    const std::vector<Ipv4Address>& Addresses() const;
    /** \brief The Wi-Fi radio energy models of a node. \param node the node
     *  \return its models (one per Wi-Fi device) */
    const DeviceEnergyModelContainer& RadioEnergy(uint32_t node) const;
    /** \brief Simulation time of plan time 0. \return the time */
    Time Origin() const;
    /** \brief Simulation time the workers stop. \return the time */
    Time Stop() const;
    /** \brief The workers. \return one per node, in node order (empty before
     *  InstallWorkers()) */
    const ApplicationContainer& Workers() const;
    /** \brief What happened. \return the recorder */
    const DnnRunRecorder& Recorder() const;
    /** \brief The facts Summarize() gathered. \return the facts */
    const DnnRunFacts& Facts() const;

  private:
    /** \brief The steps, in order. */
    enum class Step
    {
        Created,          //!< nothing ran yet
        WorldBuilt,       //!< BuildWorld() ran
        WorkersInstalled, //!< InstallWorkers() ran
        TracesInstalled,  //!< InstallTraces() ran
        ResultsOpened,    //!< OpenResults() ran
        RollingScheduled, //!< ScheduleRolling() ran
        Simulated,        //!< RunSimulator() ran
        Summarized,       //!< Summarize() ran
        Written           //!< WriteResults() ran
    };

    /** \brief A step's name, for errors. \param step the step \return its name */
    static const char* StepName(Step step);

    struct Progress;     //!< calls the progress callback
    struct WindowOpener; //!< opens the rolling planner's windows
    struct Retirement;   //!< writes out and forgets completed requests

    /** \brief Destroys the simulator and clears the object names when destroyed. */
    struct SimulatorGuard
    {
        SimulatorGuard() = default;
        /** \brief Simulator::Destroy() and Names::Clear(). */
        ~SimulatorGuard();
        SimulatorGuard(const SimulatorGuard&) = delete;
        SimulatorGuard& operator=(const SimulatorGuard&) = delete;
    };

    /** \brief Move on to a step. \param from the step that must have run last
     *  \param to the step that runs now */
    void Advance(Step from, Step to);
    /** \brief NetAnim: node names, role colours, the task each node runs. */
    void InstallNetAnim();
    /** \brief pcap traces of every network device (outputDir/pcap-<node>-<device>.pcap). */
    void InstallPcap();

    // The inputs.
    std::shared_ptr<DnnRuntimePlan> m_plan; //!< the running plan
    DnnRollingPlanner* m_rolling;           //!< the rolling planner, or null
    const DnnTaskGraph& m_graph;            //!< the workload (empty when rolling)
    const DnnSchedulingProblem& m_problem;  //!< its problem
    const DnnPlatform& m_platform;          //!< the platform
    const DnnSimulationOptions& m_options;  //!< how
    Step m_step{Step::Created};             //!< the last step that ran
    // BuildWorld().
    DnnTopologyHelper m_topology;                            //!< the world
    NodeContainer m_nodes;                                   //!< one node per device
    DnnOffloadHelper m_offload;                              //!< installs compute and workers
    std::vector<Ptr<DnnComputeEnergyModel>> m_computeEnergy; //!< per node
    std::vector<DeviceEnergyModelContainer> m_radioEnergy;   //!< per node
    std::vector<Ipv4Address> m_addresses;                    //!< worker address per node
    Time m_origin;                                           //!< plan time 0
    Time m_stop;                                             //!< the workers stop
    // InstallWorkers().
    ApplicationContainer m_workers;                //!< one per node
    DnnRunRecorder m_recorder;                     //!< what happened
    std::unique_ptr<DnnFailureHandler> m_failures; //!< handles lost work
    std::unique_ptr<DnnFaultInjector> m_faults;    //!< injects the options' faults
    // InstallTraces().
    DnnWifiMacDrops m_wifiDrops;    //!< Wi-Fi MAC drops
    FlowMonitorHelper m_flowHelper; //!< keeps the flow classifiers
    Ptr<FlowMonitor> m_flows;       //!< null without FlowMonitor
    /** Null without NetAnim; shared, not unique, so that a build without NetAnim (no
     *  AnimationInterface definition, DNN_HAVE_NETANIM undefined) still compiles this. */
    std::shared_ptr<AnimationInterface> m_anim;
    // OpenResults().
    std::unique_ptr<DnnResultsWriter> m_writer; //!< null without an output folder
    // ScheduleRolling().
    std::unique_ptr<WindowOpener> m_windows;  //!< null unless rolling
    std::unique_ptr<Retirement> m_retirement; //!< null unless rolling
    // RunSimulator().
    std::unique_ptr<Progress> m_progress; //!< the progress calls
    double m_wallClock{0};                //!< s Simulator::Run took
    // Summarize().
    DnnRunFacts m_facts; //!< for the results writer
    /** Declared last, so destroyed first: the simulator goes while everything its events
     *  and traces point to is still alive. */
    SimulatorGuard m_guard;
};

} // namespace ns3

#endif /* DNN_SIMULATION_STEPS_H */
