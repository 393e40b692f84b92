/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-simulation-steps.h"

#include "dnn-wifi-radio-energy-model-helper.h"
#include "ns3/dnn-run-limits.h"
#include "ns3/dnn-worker-application.h"

#include "ns3/csma-helper.h"
#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/names.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/wifi-mpdu.h"
#include "ns3/wifi-net-device.h"
#include "ns3/yans-wifi-helper.h"
#ifdef DNN_HAVE_NETANIM
#    include "ns3/animation-interface.h"
#endif

#include <algorithm>
#include <chrono>
#include <exception>
#include <filesystem>
#include <iostream>
#include <set>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DnnSimulation");

std::vector<Ipv4Address>
DnnWorkerAddresses(const DnnPlatform& platform, const DnnTopologyHelper& topology)
{
    std::vector<Ipv4Address> addresses;
    const auto& networks = platform.Networks();
    for (uint32_t d = 0; d < platform.DeviceCount(); ++d)
    {
        const bool connected = std::any_of(
            networks.begin(), networks.end(),
            [d](const DnnNetwork& n)
            { return std::find(n.members.begin(), n.members.end(), d) != n.members.end(); });
        addresses.push_back(connected ? topology.Address(d) : Ipv4Address::GetLoopback());
    }
    return addresses;
}

std::vector<DeviceEnergyModelContainer>
DnnInstallRadioEnergy(const DnnPlatform& platform, const DnnTopologyHelper& topology,
                      const NodeContainer& nodes)
{
    std::vector<DeviceEnergyModelContainer> radioEnergy(nodes.GetN());
    DnnWifiRadioEnergyModelHelper radioHelper;
    for (uint32_t d = 0; d < nodes.GetN(); ++d)
    {
        NetDeviceContainer wifi = topology.WifiDevices(d);
        if (wifi.GetN() == 0)
        {
            continue;
        }
        const DnnDeviceProfile& profile = platform.Device(d).profile;
        if (profile.RadioMaxPower() == 0)
        {
            // A radio that draws nothing gets no energy model (ns-3's divides by the draw).
            NS_LOG_LOGIC("node " << d << ": its radio draws nothing, no radio energy model");
            continue;
        }
        // The radio draws the profile's powers, each at least MIN_RADIO_POWER_W: current =
        // power / the source's voltage. CCA busy and switching draw the idle power, sleep
        // too (the module's radios never sleep), as ns-3's defaults have it.
        Ptr<EnergySource> source = nodes.Get(d)->GetObject<EnergySource>();
        NS_ABORT_MSG_IF(!source, "DnnInstallRadioEnergy: node " << d << " has no energy source");
        const double volts = source->GetSupplyVoltage();
        const auto amperes = [volts](double watts)
        {
            return DoubleValue(std::max(watts, DnnRunLimits::MIN_RADIO_POWER_W) / volts);
        };
        radioHelper.Set("IdleCurrentA", amperes(profile.RadioIdlePower()));
        radioHelper.Set("CcaBusyCurrentA", amperes(profile.RadioIdlePower()));
        radioHelper.Set("SwitchingCurrentA", amperes(profile.RadioIdlePower()));
        radioHelper.Set("SleepCurrentA", amperes(profile.RadioIdlePower()));
        radioHelper.Set("RxCurrentA", amperes(profile.RadioRxPower()));
        radioHelper.Set("TxCurrentA", amperes(profile.txPower));
        NS_LOG_LOGIC("node " << d << " radio: idle " << profile.RadioIdlePower() << " W, rx "
                             << profile.RadioRxPower() << " W, tx " << profile.txPower << " W at "
                             << volts << " V");
        for (uint32_t i = 0; i < wifi.GetN(); ++i)
        {
            radioEnergy[d].Add(radioHelper.Install(wifi.Get(i), source));
        }
    }
    return radioEnergy;
}

DnnColour
DnnRoleColour(DnnDeviceRole role)
{
    switch (role)
    {
    case DnnDeviceRole::Iot:
        return {46, 134, 222};
    case DnnDeviceRole::Helper:
        return {39, 174, 96};
    case DnnDeviceRole::Edge:
        return {230, 126, 34};
    case DnnDeviceRole::Cloud:
        return {142, 68, 173};
    }
    return {};
}

DnnWifiMacDrops::DnnWifiMacDrops()
    : m_byReason{
          {"failed_enqueue", 0}, {"expired_lifetime", 0}, {"retry_limit", 0}, {"old_packet", 0}}
{
}

void
DnnWifiMacDrops::Attach(const NetDeviceContainer& wifiDevices)
{
    for (uint32_t i = 0; i < wifiDevices.GetN(); ++i)
    {
        DynamicCast<WifiNetDevice>(wifiDevices.Get(i))
            ->GetMac()
            ->TraceConnectWithoutContext("DroppedMpdu",
                                         MakeCallback(&DnnWifiMacDrops::Dropped, this));
    }
}

void
DnnWifiMacDrops::Dropped(WifiMacDropReason reason, Ptr<const WifiMpdu> /* mpdu */)
{
    switch (reason)
    {
    case WIFI_MAC_DROP_FAILED_ENQUEUE:
        ++m_byReason["failed_enqueue"];
        break;
    case WIFI_MAC_DROP_EXPIRED_LIFETIME:
        ++m_byReason["expired_lifetime"];
        break;
    case WIFI_MAC_DROP_REACHED_RETRY_LIMIT:
        ++m_byReason["retry_limit"];
        break;
    case WIFI_MAC_DROP_QOS_OLD_PACKET:
        ++m_byReason["old_packet"];
        break;
    }
}

const std::map<std::string, uint64_t>&
DnnWifiMacDrops::ByReason() const
{
    return m_byReason;
}

std::string
DnnUnfinishedReason(const DnnRuntimePlan& plan, const DnnRunRecorder& recorder, uint32_t request,
                    double stopTime, const std::function<std::string(uint32_t task)>& pending)
{
    if (recorder.Completion(request) >= 0)
    {
        return "";
    }
    const auto& failure = recorder.FailureOf(request);
    if (failure.time >= 0)
    {
        return failure.reason;
    }
    if (plan.Requests().at(request).sink == DnnRuntimePlan::NONE)
    {
        return "not planned: its planning window opens after the run stops at " +
               std::to_string(stopTime) + " s";
    }
    for (uint32_t t : plan.TasksOf(request))
    {
        const auto& task = plan.GetTask(t);
        if (!task.abandoned && recorder.Finish(t) < 0)
        {
            return task.name + " on " + plan.NodeName(task.node) + ": " + pending(t);
        }
    }
    return "stopped at " + std::to_string(stopTime) + " s with tasks undone";
}

/** Calls the progress callback every interval; counts its own events. */
struct DnnSimulationRun::Progress
{
    std::function<void(double)> callback; //!< the user's callback
    Time origin;                          //!< plan time 0
    Time interval;                        //!< between calls
    Time stop;                            //!< last call at or before this time
    uint64_t calls{0};                    //!< events scheduled by this

    /** Report and schedule the next call. */
    void Tick()
    {
        ++calls;
        callback(std::max(0.0, (Simulator::Now() - origin).GetSeconds()));
        if (Simulator::Now() + interval <= stop)
        {
            Simulator::Schedule(interval, &Progress::Tick, this);
        }
    }
};

/** Opens the rolling planner's windows as plan time reaches them. */
struct DnnSimulationRun::WindowOpener
{
    DnnRollingPlanner* planner;           //!< the planner
    std::shared_ptr<DnnRuntimePlan> plan; //!< the running plan
    DnnRunRecorder* recorder;             //!< what happened
    ApplicationContainer workers;         //!< one per node
    Time origin;                          //!< plan time 0
    Time stop;                            //!< no window opens after this
    std::exception_ptr error;             //!< why planning failed (null if it did not)

    /** Schedule the next window, if it opens before the stop. */
    void ScheduleNext()
    {
        if (planner->Done())
        {
            return;
        }
        const Time at = origin + Seconds(planner->NextWindow());
        if (at < stop)
        {
            Simulator::Schedule(std::max(Time(0), at - Simulator::Now()), &WindowOpener::Open,
                                this);
        }
    }

    /** Plan the window that opens now and hand it to the workers. */
    void Open()
    {
        try
        {
            planner->PlanNext(*plan);
        }
        catch (...)
        {
            // Not thrown through the simulator: RunSimulator() rethrows it after the run.
            error = std::current_exception();
            Simulator::Stop();
            return;
        }
        for (const auto& [request, why] : planner->TakeSkipped())
        {
            // Lost when it arrives (its window is planned up to H earlier).
            recorder->RecordFailure(
                request, why, std::max(recorder->Now(), plan->Requests().at(request).release));
        }
        for (uint32_t node = 0; node < workers.GetN(); ++node)
        {
            DynamicCast<DnnWorkerApplication>(workers.Get(node))->Extend();
        }
        ScheduleNext();
    }
};

/** Writes out and forgets each request that completes without a failure. */
struct DnnSimulationRun::Retirement
{
    std::shared_ptr<DnnRuntimePlan> plan; //!< the running plan
    DnnRunRecorder* recorder;             //!< what happened
    DnnResultsWriter* writer;             //!< the results (null: write nothing)
    ApplicationContainer workers;         //!< one per node
    const std::vector<double>* deadlines; //!< per request latency bound, s
    std::set<uint32_t> waiting;           //!< completed, but some task of theirs still runs

    /** RequestCompleted trace sink: retire once the worker is done with the sink. */
    static void Completed(Retirement* self, uint32_t request)
    {
        Simulator::ScheduleNow(&Retirement::Retire, self, request);
    }

    /** TaskFinished trace sink: a completed request may wait for this task (one that does
     *  not lead to its sink). */
    static void TaskFinished(Retirement* self, uint32_t task)
    {
        if (!self->waiting.empty() && self->plan->HasTask(task))
        {
            const uint32_t request = self->plan->GetTask(task).request;
            if (self->waiting.count(request) != 0)
            {
                Simulator::ScheduleNow(&Retirement::Retire, self, request);
            }
        }
    }

    /** Write the request out and forget it once all its tasks are done, unless a failure
     *  hit it (kept to the end). */
    void Retire(uint32_t request)
    {
        if (plan->Requests().at(request).retired || recorder->FailureOf(request).time >= 0)
        {
            return;
        }
        for (uint32_t t : plan->TasksOf(request))
        {
            if (!plan->GetTask(t).abandoned && recorder->Finish(t) < 0)
            {
                waiting.insert(request);
                return;
            }
        }
        waiting.erase(request);
        if (writer)
        {
            writer->WriteRequest(*plan, *recorder, request,
                                 request < deadlines->size() ? (*deadlines)[request] : 0.0);
        }
        recorder->Forget(request);
        for (uint32_t t : plan->TasksOf(request))
        {
            DynamicCast<DnnWorkerApplication>(workers.Get(plan->GetTask(t).node))->Forget(t);
        }
        plan->Retire(request);
    }
};

DnnSimulationRun::SimulatorGuard::~SimulatorGuard()
{
    Simulator::Destroy();
    Names::Clear();
}

DnnSimulationRun::DnnSimulationRun(std::shared_ptr<DnnRuntimePlan> plan, DnnRollingPlanner* rolling,
                                   const DnnTaskGraph& graph, const DnnSchedulingProblem& problem,
                                   const DnnPlatform& platform, const DnnSimulationOptions& options)
    : m_plan(std::move(plan)), m_rolling(rolling), m_graph(graph), m_problem(problem),
      m_platform(platform), m_options(options), m_recorder(m_plan)
{
    NS_LOG_FUNCTION(this << options.scheduler << (rolling != nullptr));
}

DnnSimulationRun::~DnnSimulationRun()
{
    NS_LOG_FUNCTION(this);
}

const char*
DnnSimulationRun::StepName(Step step)
{
    switch (step)
    {
    case Step::Created:
        return "the constructor";
    case Step::WorldBuilt:
        return "BuildWorld()";
    case Step::WorkersInstalled:
        return "InstallWorkers()";
    case Step::TracesInstalled:
        return "InstallTraces()";
    case Step::ResultsOpened:
        return "OpenResults()";
    case Step::RollingScheduled:
        return "ScheduleRolling()";
    case Step::Simulated:
        return "RunSimulator()";
    case Step::Summarized:
        return "Summarize()";
    case Step::Written:
        return "WriteResults()";
    }
    return "?";
}

void
DnnSimulationRun::Advance(Step from, Step to)
{
    NS_ABORT_MSG_IF(m_step != from,
                    "DnnSimulationRun: " << StepName(to) << " must come right after "
                                         << StepName(from) << ", not after " << StepName(m_step));
    m_step = to;
}

void
DnnSimulationRun::BuildWorld()
{
    NS_LOG_FUNCTION(this);
    Advance(Step::Created, Step::WorldBuilt);
    RngSeedManager::SetSeed(m_options.seed);
    RngSeedManager::SetRun(m_options.run);

    m_nodes = m_topology.Install(m_platform);
    m_topology.AssignStreams(1000);
    m_computeEnergy = m_offload.InstallCompute(m_nodes, m_platform);
    m_radioEnergy = DnnInstallRadioEnergy(m_platform, m_topology, m_nodes);
    m_addresses = DnnWorkerAddresses(m_platform, m_topology);
    m_origin = DnnTopologyHelper::AssociationBound();
    m_stop = m_origin + Seconds(m_options.stopTime);
    NS_LOG_INFO(m_nodes.GetN() << " nodes, " << m_topology.WifiDevices().GetN()
                               << " Wi-Fi devices; plan time 0 at " << m_origin.As(Time::S)
                               << ", workers stop at " << m_stop.As(Time::S));
}

void
DnnSimulationRun::InstallWorkers()
{
    NS_LOG_FUNCTION(this);
    Advance(Step::WorldBuilt, Step::WorkersInstalled);
    m_workers = m_offload.InstallWorkers(m_plan, m_nodes, m_addresses, m_origin, m_stop);
    m_recorder.Attach(m_workers, m_origin);
    m_failures = std::make_unique<DnnFailureHandler>(m_plan, m_graph, m_problem, m_recorder,
                                                     m_workers, m_options.onFailure);
    m_failures->Attach();
    std::vector<NetDeviceContainer> networkDevices;
    for (uint32_t k = 0; k < m_platform.Networks().size(); ++k)
    {
        networkDevices.push_back(m_topology.NetworkDevices(k));
    }
    m_faults = std::make_unique<DnnFaultInjector>(m_options.faults, m_nodes, networkDevices);
    m_faults->AssignStreams(5000);
    DnnFailureHandler* failures = m_failures.get();
    DnnRollingPlanner* rolling = m_rolling;
    m_faults->Schedule(m_origin, Callback<void, uint32_t>(
                                     [failures, rolling](uint32_t node)
                                     {
                                         failures->DeviceFailed(node);
                                         if (rolling)
                                         {
                                             // Later windows keep off it.
                                             rolling->ExcludeDevice(node);
                                         }
                                     }));
    NS_LOG_INFO(m_workers.GetN() << " workers, " << m_options.faults.size() << " faults");
}

void
DnnSimulationRun::InstallTraces()
{
    NS_LOG_FUNCTION(this);
    Advance(Step::WorkersInstalled, Step::TracesInstalled);
    m_wifiDrops.Attach(m_topology.WifiDevices());
    if (m_options.flowmon)
    {
        m_flows = m_flowHelper.InstallAll();
    }
    if (m_options.netanim && !m_options.outputDir.empty())
    {
#ifdef DNN_HAVE_NETANIM
        InstallNetAnim();
#else
        std::cerr << "dnn-offload: this build has no NetAnim (ns-3's netanim module was not "
                     "built with it): "
                  << m_options.outputDir << "/netanim.xml is not written\n";
#endif
    }
    if (m_options.pcap && !m_options.outputDir.empty())
    {
        InstallPcap();
    }
    NS_LOG_INFO("FlowMonitor " << (m_flows ? "on" : "off") << ", NetAnim "
                               << (m_anim ? "on" : "off") << ", pcap "
                               << (m_options.pcap && !m_options.outputDir.empty() ? "on" : "off"));
}

#ifdef DNN_HAVE_NETANIM
void
DnnSimulationRun::InstallNetAnim()
{
    NS_LOG_FUNCTION(this);
    std::filesystem::create_directories(m_options.outputDir);
    m_anim = std::make_shared<AnimationInterface>(m_options.outputDir + "/netanim.xml");
    m_anim->SetMaxPktsPerTraceFile(m_options.netanimMaxPackets);
    m_anim->EnablePacketMetadata(false);
    for (uint32_t d = 0; d < m_nodes.GetN(); ++d)
    {
        m_anim->UpdateNodeDescription(d, m_platform.Device(d).name);
        const DnnColour colour = DnnRoleColour(m_platform.Device(d).role);
        m_anim->UpdateNodeColor(d, colour.red, colour.green, colour.blue);
        // The node's description shows the task it runs.
        AnimationInterface* view = m_anim.get();
        const std::string name = m_platform.Device(d).name;
        std::shared_ptr<const DnnRuntimePlan> plan = m_plan;
        m_workers.Get(d)->TraceConnectWithoutContext(
            "TaskStarted",
            Callback<void, uint32_t>(
                [view, d, name, plan](uint32_t task)
                {
                    if (!plan->GetTask(task).work.IsZero())
                    {
                        view->UpdateNodeDescription(d, name + ": " + plan->GetTask(task).name);
                    }
                }));
        // NetAnim's "RemainingEnergy" node counter follows the energy source, as it does by
        // itself for a BasicEnergySource only (its Config path names that type). It is the
        // first counter an AnimationInterface adds (id 0, in its constructor).
        Ptr<DnnEnergySource> source = m_nodes.Get(d)->GetObject<DnnEnergySource>();
        if (m_options.netanimEnergy && source)
        {
            std::weak_ptr<AnimationInterface> anim = m_anim;
            const double initial = source->GetInitialEnergy();
            source->TraceConnectWithoutContext(
                "RemainingEnergy", Callback<void, double, double>(
                                       [anim, d, initial](double, double remaining)
                                       {
                                           if (const auto live = anim.lock())
                                           {
                                               live->UpdateNodeCounter(0, d, remaining / initial);
                                           }
                                       }));
        }
        m_workers.Get(d)->TraceConnectWithoutContext(
            "TaskFinished", Callback<void, uint32_t>(
                                [view, d, name, plan](uint32_t task)
                                {
                                    if (!plan->GetTask(task).work.IsZero())
                                    {
                                        view->UpdateNodeDescription(d, name);
                                    }
                                }));
    }
}
#endif

void
DnnSimulationRun::InstallPcap()
{
    NS_LOG_FUNCTION(this);
    std::filesystem::create_directories(m_options.outputDir);
    const std::string prefix = m_options.outputDir + "/pcap";
    for (uint32_t k = 0; k < m_platform.Networks().size(); ++k)
    {
        const NetDeviceContainer devices = m_topology.NetworkDevices(k);
        switch (m_platform.Networks()[k].kind)
        {
        case DnnNetworkKind::Wifi:
        {
            YansWifiPhyHelper phy;
            phy.SetPcapDataLinkType(WifiPhyHelper::DLT_IEEE802_11_RADIO);
            phy.EnablePcap(prefix, devices);
            break;
        }
        case DnnNetworkKind::Csma:
            CsmaHelper().EnablePcap(prefix, devices);
            break;
        case DnnNetworkKind::P2p:
            PointToPointHelper().EnablePcap(prefix, devices);
            break;
        }
    }
}

void
DnnSimulationRun::OpenResults()
{
    NS_LOG_FUNCTION(this);
    Advance(Step::TracesInstalled, Step::ResultsOpened);
    if (!m_options.outputDir.empty())
    {
        m_writer =
            std::make_unique<DnnResultsWriter>(m_options.outputDir, true, m_options.stopTime);
        NS_LOG_INFO("results go to " << m_options.outputDir);
    }
}

void
DnnSimulationRun::ScheduleRolling()
{
    NS_LOG_FUNCTION(this);
    Advance(Step::ResultsOpened, Step::RollingScheduled);
    if (!m_rolling)
    {
        return;
    }
    m_windows = std::make_unique<WindowOpener>(
        WindowOpener{m_rolling, m_plan, &m_recorder, m_workers, m_origin, m_stop, nullptr});
    m_retirement = std::make_unique<Retirement>(
        Retirement{m_plan, &m_recorder, m_writer.get(), m_workers, &m_options.deadlines, {}});
    m_windows->ScheduleNext();
    for (uint32_t node = 0; node < m_workers.GetN(); ++node)
    {
        m_workers.Get(node)->TraceConnectWithoutContext(
            "RequestCompleted", MakeBoundCallback(&Retirement::Completed, m_retirement.get()));
        m_workers.Get(node)->TraceConnectWithoutContext(
            "TaskFinished", MakeBoundCallback(&Retirement::TaskFinished, m_retirement.get()));
    }
    NS_LOG_INFO("rolling planning: horizon " << m_rolling->Horizon() << " s");
}

void
DnnSimulationRun::RunSimulator()
{
    NS_LOG_FUNCTION(this);
    Advance(Step::RollingScheduled, Step::Simulated);
    m_progress = std::make_unique<Progress>(
        Progress{m_options.progress, m_origin, Seconds(m_options.progressInterval), m_stop});
    if (m_options.progress && m_options.progressInterval > 0)
    {
        Simulator::Schedule(m_origin, &Progress::Tick, m_progress.get());
    }
    Simulator::Stop(m_stop + Seconds(DnnRunLimits::DRAIN_S));
    const auto wallStart = std::chrono::steady_clock::now();
    Simulator::Run();
    m_wallClock =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();
    NS_LOG_INFO("simulated until " << Simulator::Now().As(Time::S) << " in " << m_wallClock
                                   << " s");
    if (m_windows && m_windows->error)
    {
        m_anim.reset();
        std::rethrow_exception(m_windows->error); // the destructor destroys the simulator
    }
}

DnnSimulationResult
DnnSimulationRun::Summarize()
{
    NS_LOG_FUNCTION(this);
    Advance(Step::Simulated, Step::Summarized);
    DnnSimulationResult result;
    result.plannedMakespan = m_plan->PlannedMakespan();
    result.events = Simulator::GetEventCount() - m_progress->calls;
    result.wallClock = m_wallClock;
    m_facts = DnnRunFacts();
    m_facts.scheduler = m_options.scheduler;
    m_facts.schedulerRuntime = m_options.schedulerRuntime;
    m_facts.events = result.events;
    m_facts.wallClock = m_wallClock;
    m_facts.stopTime = m_options.stopTime;
    m_facts.deadlines = m_options.deadlines;
    m_facts.settings = m_topology.Settings();
    m_facts.settings["planning.efficiency"] = std::to_string(m_platform.PlanningEfficiency());
    for (const auto& [key, value] : m_options.settings)
    {
        m_facts.settings[key] = value;
    }
    if (m_rolling)
    {
        m_facts.schedulerRuntime = m_rolling->SchedulerRuntime();
        m_facts.settings["planning.horizon"] = std::to_string(m_rolling->Horizon());
        m_facts.settings["planning.windows"] = std::to_string(m_rolling->Windows());
    }
    m_facts.wifiMacDrops = m_wifiDrops.ByReason();
    m_facts.provenance = m_options.provenance;
    m_facts.provenance.seed = m_options.seed;
    m_facts.provenance.run = m_options.run;
    // A station that had not associated when the plan started: its transfers waited for
    // it (or never went), so say so rather than let it look merely slow.
    m_facts.unassociatedAtStart = m_topology.UnassociatedStations(m_origin);
    if (!m_facts.unassociatedAtStart.empty())
    {
        std::ostringstream names;
        for (const std::string& name : m_facts.unassociatedAtStart)
        {
            names << (names.tellp() > 0 ? ", " : "") << name;
        }
        std::cerr << "warning: " << (m_options.scheduler.empty() ? "" : m_options.scheduler + ": ")
                  << m_facts.unassociatedAtStart.size()
                  << " Wi-Fi station(s) not associated when the plan started (plan time 0 = "
                  << m_origin.GetSeconds() << " s of simulation): " << names.str() << "\n";
    }
    for (const DnnFault& fault : m_options.faults)
    {
        m_facts.faults.push_back(
            DnnFaultInjector::Describe(fault, fault.target == DnnFault::Target::Device
                                                  ? m_platform.Device(fault.index).name
                                                  : m_platform.Networks().at(fault.index).name));
    }
    m_facts.onFailure = m_options.onFailure;
    result.wifiMacDrops = m_wifiDrops.ByReason();
    result.energyWindow = Simulator::Now().GetSeconds();
    for (uint32_t d = 0; d < m_nodes.GetN(); ++d)
    {
        DnnNodeEnergy energy;
        energy.compute = m_computeEnergy[d]->GetTotalEnergyConsumption();
        for (auto it = m_radioEnergy[d].Begin(); it != m_radioEnergy[d].End(); ++it)
        {
            energy.radio += (*it)->GetTotalEnergyConsumption();
        }
        result.energy += energy.compute + energy.radio;
        m_facts.energy.push_back(energy);
    }
    const auto pending = [this](uint32_t task)
    {
        const auto worker =
            DynamicCast<DnnWorkerApplication>(m_workers.Get(m_plan->GetTask(task).node));
        return worker->Pending(task);
    };
    double makespan = 0;
    uint32_t completed = 0;
    for (const auto& request : m_plan->Requests())
    {
        const double completion = m_recorder.Completion(request.id);
        const auto& failure = m_recorder.FailureOf(request.id);
        result.completion.push_back(completion);
        result.plannedCompletion.push_back(
            request.sink != DnnRuntimePlan::NONE ? request.plannedCompletion : -1.0);
        result.recovered += completion >= 0 && failure.recoveries > 0;
        result.failed += completion < 0 && failure.time >= 0;
        completed += completion >= 0;
        makespan = std::max(makespan, completion);
        result.unfinished.push_back(
            DnnUnfinishedReason(*m_plan, m_recorder, request.id, m_options.stopTime, pending));
    }
    const bool all = completed == m_plan->Requests().size();
    result.simulatedMakespan = all ? makespan : -1;
    m_facts.unfinished = result.unfinished;
    result.peakTasks = m_plan->PeakTaskCount();
    result.bytesQueued = m_recorder.BytesQueued();
    result.bytesReceived = m_recorder.BytesArrived();
    for (uint32_t t = 0; !m_rolling && t < m_plan->TaskCount(); ++t)
    {
        result.starts.push_back(m_recorder.Starts(t));
        result.startedOn.push_back(m_recorder.StartedOn(t));
    }
    NS_LOG_INFO(completed << " of " << m_plan->Requests().size() << " requests completed, "
                          << result.energy << " J");
    return result;
}

void
DnnSimulationRun::WriteResults()
{
    NS_LOG_FUNCTION(this);
    Advance(Step::Summarized, Step::Written);
    if (!m_options.outputDir.empty())
    {
        if (m_flows)
        {
            std::filesystem::create_directories(m_options.outputDir);
            m_flows->CheckForLostPackets();
            m_flows->SerializeToXmlFile(m_options.outputDir + "/flowmon.xml", false, false);
            m_facts.flowmonFile = "flowmon.xml";
        }
#ifdef DNN_HAVE_NETANIM
        if (m_anim)
        {
            // NetAnim counts each packet record it is about to write; the first over its
            // limit stops the animation (ns-3 prints "Max Packets per trace file exceeded")
            // and ends the count there, unwritten.
            const uint64_t count = m_anim->GetTracePktCount();
            m_facts.netanimFile = "netanim.xml";
            m_facts.netanimMaxPackets = m_options.netanimMaxPackets;
            m_facts.netanimCut = count > m_options.netanimMaxPackets;
            m_facts.netanimPackets = std::min(count, m_options.netanimMaxPackets);
        }
#endif
        m_writer->Finish(*m_plan, m_recorder, m_facts);
        NS_LOG_INFO("results written to " << m_options.outputDir);
    }
    m_anim.reset();
}

const NodeContainer&
DnnSimulationRun::Nodes() const
{
    return m_nodes;
}

const std::vector<Ipv4Address>&
DnnSimulationRun::Addresses() const
{
    return m_addresses;
}

const DeviceEnergyModelContainer&
DnnSimulationRun::RadioEnergy(uint32_t node) const
{
    return m_radioEnergy.at(node);
}

Time
DnnSimulationRun::Origin() const
{
    return m_origin;
}

Time
DnnSimulationRun::Stop() const
{
    return m_stop;
}

const ApplicationContainer&
DnnSimulationRun::Workers() const
{
    return m_workers;
}

const DnnRunRecorder&
DnnSimulationRun::Recorder() const
{
    return m_recorder;
}

const DnnRunFacts&
DnnSimulationRun::Facts() const
{
    return m_facts;
}

} // namespace ns3
