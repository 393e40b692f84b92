/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-simulation.h"

#include "dnn-failure-handler.h"
#include "dnn-offload-helper.h"
#include "dnn-run-recorder.h"
#include "dnn-topology-helper.h"
#include "ns3/dnn-results-writer.h"
#include "ns3/dnn-worker-application.h"

#include "ns3/basic-energy-source.h"
#include "ns3/config.h"
#include "ns3/csma-helper.h"
#include "ns3/flow-monitor-helper.h"
#include "ns3/names.h"
#include "ns3/netanim-module.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/wifi-mac.h"
#include "ns3/wifi-mpdu.h"
#include "ns3/wifi-net-device.h"
#include "ns3/wifi-radio-energy-model-helper.h"
#include "ns3/yans-wifi-helper.h"

#include <algorithm>
#include <chrono>
#include <exception>
#include <filesystem>
#include <set>

namespace ns3
{

namespace
{

/** NetAnim colour of a role. */
void
Colour(AnimationInterface& anim, uint32_t node, DnnDeviceRole role)
{
    switch (role)
    {
    case DnnDeviceRole::Iot:
        anim.UpdateNodeColor(node, 46, 134, 222);
        break;
    case DnnDeviceRole::Helper:
        anim.UpdateNodeColor(node, 39, 174, 96);
        break;
    case DnnDeviceRole::Edge:
        anim.UpdateNodeColor(node, 230, 126, 34);
        break;
    case DnnDeviceRole::Cloud:
        anim.UpdateNodeColor(node, 142, 68, 173);
        break;
    }
}

/** Write pcap traces of every network device under \p prefix. */
void
EnablePcap(const DnnTopologyHelper& topology, const DnnPlatform& platform,
           const std::string& prefix)
{
    for (uint32_t k = 0; k < platform.Networks().size(); ++k)
    {
        const NetDeviceContainer devices = topology.NetworkDevices(k);
        switch (platform.Networks()[k].kind)
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

/** Calls the progress callback every interval; counts its own events. */
struct Progress
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

/** Counts the MPDUs the Wi-Fi MACs drop, by reason. */
struct WifiMacDrops
{
    std::map<std::string, uint64_t> byReason{
        {"failed_enqueue", 0}, {"expired_lifetime", 0}, {"retry_limit", 0}, {"old_packet", 0}};

    /** DroppedMpdu trace sink. */
    void Dropped(WifiMacDropReason reason, Ptr<const WifiMpdu> /* mpdu */)
    {
        switch (reason)
        {
        case WIFI_MAC_DROP_FAILED_ENQUEUE:
            ++byReason["failed_enqueue"];
            break;
        case WIFI_MAC_DROP_EXPIRED_LIFETIME:
            ++byReason["expired_lifetime"];
            break;
        case WIFI_MAC_DROP_REACHED_RETRY_LIMIT:
            ++byReason["retry_limit"];
            break;
        case WIFI_MAC_DROP_QOS_OLD_PACKET:
            ++byReason["old_packet"];
            break;
        }
    }
};

/** Destroys the simulator and clears the object names when the run's scope ends. */
struct SimulatorGuard
{
    SimulatorGuard() = default;
    SimulatorGuard(const SimulatorGuard&) = delete;
    SimulatorGuard& operator=(const SimulatorGuard&) = delete;

    ~SimulatorGuard()
    {
        Simulator::Destroy();
        Names::Clear();
    }
};

/** Opens the rolling planner's windows as plan time reaches them. */
struct WindowOpener
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
            // Not thrown through the simulator: Execute() rethrows it after the run.
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
struct Retirement
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

} // namespace

DnnSimulationResult
DnnSimulation::Run(const DnnTaskGraph& graph, const DnnSchedulingProblem& problem,
                   const DnnSchedule& schedule, const DnnPlatform& platform,
                   const DnnSimulationOptions& options)
{
    return Execute(std::make_shared<DnnRuntimePlan>(graph, problem, schedule), nullptr, graph,
                   problem, platform, options);
}

DnnSimulationResult
DnnSimulation::RunRolling(DnnRollingPlanner& planner, const DnnPlatform& platform,
                          const DnnSimulationOptions& options)
{
    std::vector<std::string> names;
    for (uint32_t d = 0; d < platform.DeviceCount(); ++d)
    {
        names.push_back(platform.Device(d).name);
    }
    auto plan = std::make_shared<DnnRuntimePlan>(names);
    planner.Declare(*plan);
    const DnnTaskGraph noGraph;
    const DnnSchedulingProblem noProblem({}, names);
    return Execute(plan, &planner, noGraph, noProblem, platform, options);
}

DnnSimulationResult
DnnSimulation::Execute(std::shared_ptr<DnnRuntimePlan> plan, DnnRollingPlanner* rolling,
                       const DnnTaskGraph& graph, const DnnSchedulingProblem& problem,
                       const DnnPlatform& platform, const DnnSimulationOptions& options)
{
    RngSeedManager::SetSeed(options.seed);
    RngSeedManager::SetRun(options.run);

    DnnTopologyHelper topology;
    NodeContainer nodes = topology.Install(platform);
    topology.AssignStreams(1000);
    DnnOffloadHelper offload;
    const auto computeEnergy = offload.InstallCompute(nodes, platform);
    std::vector<DeviceEnergyModelContainer> radioEnergy(nodes.GetN());
    WifiRadioEnergyModelHelper radioHelper;
    for (uint32_t d = 0; d < nodes.GetN(); ++d)
    {
        NetDeviceContainer wifi = topology.WifiDevices(d);
        for (uint32_t i = 0; i < wifi.GetN(); ++i)
        {
            radioEnergy[d].Add(
                radioHelper.Install(wifi.Get(i), nodes.Get(d)->GetObject<BasicEnergySource>()));
        }
    }
    std::vector<Ipv4Address> addresses;
    for (uint32_t d = 0; d < nodes.GetN(); ++d)
    {
        // A device on no network (a platform of one device) talks to no one: its worker
        // listens on the loopback address.
        const auto& networks = platform.Networks();
        const bool connected = std::any_of(
            networks.begin(), networks.end(),
            [d](const DnnNetwork& n)
            { return std::find(n.members.begin(), n.members.end(), d) != n.members.end(); });
        addresses.push_back(connected ? topology.Address(d) : Ipv4Address::GetLoopback());
    }
    const Time origin = DnnTopologyHelper::AssociationBound();
    const Time stop = origin + Seconds(options.stopTime);
    ApplicationContainer workers = offload.InstallWorkers(plan, nodes, addresses, origin, stop);
    DnnRunRecorder recorder(plan);
    recorder.Attach(workers, origin);
    DnnFailureHandler failures(plan, graph, problem, recorder, workers, options.onFailure);
    failures.Attach();
    std::vector<NetDeviceContainer> networkDevices;
    for (uint32_t k = 0; k < platform.Networks().size(); ++k)
    {
        networkDevices.push_back(topology.NetworkDevices(k));
    }
    DnnFaultInjector faults(options.faults, nodes, networkDevices);
    faults.AssignStreams(5000);
    faults.Schedule(origin, Callback<void, uint32_t>(
                                [&failures, rolling](uint32_t node)
                                {
                                    failures.DeviceFailed(node);
                                    if (rolling)
                                    {
                                        rolling->ExcludeDevice(node); // later windows keep off it
                                    }
                                }));
    WifiMacDrops wifiDrops;
    {
        const NetDeviceContainer wifi = topology.WifiDevices();
        for (uint32_t i = 0; i < wifi.GetN(); ++i)
        {
            DynamicCast<WifiNetDevice>(wifi.Get(i))
                ->GetMac()
                ->TraceConnectWithoutContext("DroppedMpdu",
                                             MakeCallback(&WifiMacDrops::Dropped, &wifiDrops));
        }
    }

    FlowMonitorHelper flowHelper;
    Ptr<FlowMonitor> flows;
    if (options.flowmon)
    {
        flows = flowHelper.InstallAll();
    }
    std::unique_ptr<AnimationInterface> anim;
    const std::string animFile =
        options.outputDir.empty() ? "" : options.outputDir + "/netanim.xml";
    if (options.netanim && !animFile.empty())
    {
        std::filesystem::create_directories(options.outputDir);
        anim = std::make_unique<AnimationInterface>(animFile);
        anim->SetMaxPktsPerTraceFile(100000);
        anim->EnablePacketMetadata(false);
        for (uint32_t d = 0; d < nodes.GetN(); ++d)
        {
            anim->UpdateNodeDescription(d, platform.Device(d).name);
            Colour(*anim, d, platform.Device(d).role);
            // The node's description shows the task it runs.
            AnimationInterface* view = anim.get();
            const std::string name = platform.Device(d).name;
            workers.Get(d)->TraceConnectWithoutContext(
                "TaskStarted",
                Callback<void, uint32_t>(
                    [view, d, name, plan](uint32_t task)
                    {
                        if (plan->GetTask(task).flops > 0)
                        {
                            view->UpdateNodeDescription(d, name + ": " + plan->GetTask(task).name);
                        }
                    }));
            workers.Get(d)->TraceConnectWithoutContext(
                "TaskFinished", Callback<void, uint32_t>(
                                    [view, d, name, plan](uint32_t task)
                                    {
                                        if (plan->GetTask(task).flops > 0)
                                        {
                                            view->UpdateNodeDescription(d, name);
                                        }
                                    }));
        }
    }

    if (options.pcap && !options.outputDir.empty())
    {
        std::filesystem::create_directories(options.outputDir);
        EnablePcap(topology, platform, options.outputDir + "/pcap");
    }
    std::unique_ptr<DnnResultsWriter> writer;
    if (!options.outputDir.empty())
    {
        writer = std::make_unique<DnnResultsWriter>(options.outputDir, true);
    }
    WindowOpener windows{rolling, plan, &recorder, workers, origin, stop, nullptr};
    Retirement retirement{plan, &recorder, writer.get(), workers, &options.deadlines};
    if (rolling)
    {
        windows.ScheduleNext();
        for (uint32_t node = 0; node < workers.GetN(); ++node)
        {
            workers.Get(node)->TraceConnectWithoutContext(
                "RequestCompleted", MakeBoundCallback(&Retirement::Completed, &retirement));
            workers.Get(node)->TraceConnectWithoutContext(
                "TaskFinished", MakeBoundCallback(&Retirement::TaskFinished, &retirement));
        }
    }
    Progress progress{options.progress, origin, Seconds(options.progressInterval), stop};
    if (options.progress && options.progressInterval > 0)
    {
        Simulator::Schedule(origin, &Progress::Tick, &progress);
    }

    // Declared after everything the simulator's events and traces point to, so destroyed
    // first: however the run ends, normally or by an exception, the simulator goes while
    // they are still alive.
    SimulatorGuard guard;
    Simulator::Stop(stop + Seconds(1));
    const auto wallStart = std::chrono::steady_clock::now();
    Simulator::Run();
    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();
    if (windows.error)
    {
        anim.reset();
        std::rethrow_exception(windows.error); // the guard destroys the simulator
    }

    DnnSimulationResult result;
    result.plannedMakespan = plan->PlannedMakespan();
    result.events = Simulator::GetEventCount() - progress.calls;
    result.wallClock = wall;
    DnnRunFacts facts;
    facts.scheduler = options.scheduler;
    facts.schedulerRuntime = options.schedulerRuntime;
    facts.events = result.events;
    facts.wallClock = wall;
    facts.stopTime = options.stopTime;
    facts.deadlines = options.deadlines;
    facts.settings = topology.Settings();
    facts.settings["planning.efficiency"] = std::to_string(platform.PlanningEfficiency());
    if (rolling)
    {
        facts.schedulerRuntime = rolling->SchedulerRuntime();
        facts.settings["planning.horizon"] = std::to_string(rolling->Horizon());
        facts.settings["planning.windows"] = std::to_string(rolling->Windows());
    }
    facts.wifiMacDrops = wifiDrops.byReason;
    for (const DnnFault& fault : options.faults)
    {
        facts.faults.push_back(
            DnnFaultInjector::Describe(fault, fault.target == DnnFault::Target::Device
                                                  ? platform.Device(fault.index).name
                                                  : platform.Networks().at(fault.index).name));
    }
    facts.onFailure = options.onFailure;
    result.wifiMacDrops = wifiDrops.byReason;
    for (uint32_t d = 0; d < nodes.GetN(); ++d)
    {
        DnnNodeEnergy energy;
        energy.compute = computeEnergy[d]->GetTotalEnergyConsumption();
        for (auto it = radioEnergy[d].Begin(); it != radioEnergy[d].End(); ++it)
        {
            energy.radio += (*it)->GetTotalEnergyConsumption();
        }
        result.energy += energy.compute + energy.radio;
        facts.energy.push_back(energy);
    }
    double makespan = 0;
    bool all = true;
    for (const auto& request : plan->Requests())
    {
        const double completion = recorder.Completion(request.id);
        result.completion.push_back(completion);
        std::string reason;
        const auto& failure = recorder.FailureOf(request.id);
        result.recovered += completion >= 0 && failure.recoveries > 0;
        result.failed += completion < 0 && failure.time >= 0;
        if (completion < 0 && failure.time >= 0)
        {
            all = false;
            reason = failure.reason;
        }
        else if (completion < 0 && request.sink == DnnRuntimePlan::NONE)
        {
            all = false;
            reason = "not planned: its planning window opens after the run stops at " +
                     std::to_string(options.stopTime) + " s";
        }
        else if (completion < 0)
        {
            all = false;
            reason = "stopped at " + std::to_string(options.stopTime) + " s with tasks undone";
            for (uint32_t t : plan->TasksOf(request.id))
            {
                const auto& task = plan->GetTask(t);
                if (!task.abandoned && recorder.Finish(t) < 0)
                {
                    auto worker = DynamicCast<DnnWorkerApplication>(workers.Get(task.node));
                    reason =
                        task.name + " on " + plan->NodeName(task.node) + ": " + worker->Pending(t);
                    break;
                }
            }
        }
        makespan = std::max(makespan, completion);
        result.unfinished.push_back(reason);
    }
    result.simulatedMakespan = all ? makespan : -1;
    facts.unfinished = result.unfinished;
    result.peakTasks = plan->PeakTaskCount();
    result.bytesSent = recorder.BytesQueued();
    result.bytesReceived = recorder.BytesArrived();
    for (uint32_t t = 0; !rolling && t < plan->TaskCount(); ++t)
    {
        result.starts.push_back(recorder.Starts(t));
        result.startedOn.push_back(recorder.StartedOn(t));
    }
    if (!options.outputDir.empty())
    {
        if (flows)
        {
            std::filesystem::create_directories(options.outputDir);
            flows->CheckForLostPackets();
            flows->SerializeToXmlFile(options.outputDir + "/flowmon.xml", false, false);
            facts.flowmonFile = "flowmon.xml";
        }
        if (anim)
        {
            facts.netanimFile = "netanim.xml";
        }
        writer->Finish(*plan, recorder, facts);
    }
    anim.reset();
    return result; // the guard destroys the simulator
}

} // namespace ns3
