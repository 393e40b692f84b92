/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-workload-checks.h"

#include "dnn-workload-problem.h"
#include "ns3/dnn-input-error.h"
#include "ns3/dnn-run-limits.h"

#include "ns3/log.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DnnWorkloadChecks");

DnnWorkloadError::DnnWorkloadError(Subject subject, uint32_t index, const std::string& detail)
    : std::runtime_error(detail), m_subject(subject), m_index(index)
{
}

DnnWorkloadError::Subject
DnnWorkloadError::GetSubject() const
{
    return m_subject;
}

uint32_t
DnnWorkloadError::GetIndex() const
{
    return m_index;
}

std::string
DnnBytesText(double bytes)
{
    std::ostringstream text;
    text.precision(1);
    text << std::fixed;
    if (bytes >= 1e9)
    {
        text << bytes / 1e9 << " GB";
    }
    else if (bytes >= 1e6)
    {
        text << bytes / 1e6 << " MB";
    }
    else if (bytes >= 1e3)
    {
        text << bytes / 1e3 << " kB";
    }
    else
    {
        text << bytes << " B";
    }
    return text.str();
}

std::vector<DnnRequest>
DnnOneRequestPerModel(const std::vector<DnnRequest>& requests)
{
    std::vector<DnnRequest> chosen;
    std::set<const DnnModel*> seen;
    for (const DnnRequest& request : requests)
    {
        if (seen.insert(request.model.get()).second)
        {
            chosen.push_back(request);
        }
    }
    NS_LOG_LOGIC(chosen.size() << " of " << requests.size()
                               << " requests, one per model, stand for the workload");
    return chosen;
}

void
DnnCheckWeightsFit(const DnnTaskGraph& graph, const DnnPlatform& platform, std::size_t requests)
{
    NS_LOG_FUNCTION(&graph << &platform << requests);
    double largest = 0;
    double totalMemory = 0;
    for (uint32_t d = 0; d < platform.DeviceCount(); ++d)
    {
        largest = std::max(largest, platform.Device(d).profile.memory);
        totalMemory += platform.Device(d).profile.memory;
    }
    double totalWeights = 0;
    const std::vector<uint32_t> weightGroups = WorkloadWeightGroups(graph);
    std::vector<uint8_t> counted(graph.TaskCount(), 0); // per weight group
    for (std::size_t t = 0; t < graph.TaskCount(); ++t)
    {
        const DnnTask& task = graph.Task(t);
        const auto weights = static_cast<double>(task.weightBytes);
        if (weights > largest)
        {
            throw DnnWorkloadError(
                DnnWorkloadError::Subject::Request, task.request,
                "model \"" + task.model + "\": task \"" + task.name + "\" needs " +
                    std::to_string(task.weightBytes) + " bytes of weights (" +
                    DnnBytesText(weights) +
                    "), more than any device's memory (largest: " + DnnBytesText(largest) + ")");
        }
        const uint32_t group = weightGroups[t];
        if (group == DnnSchedulingProblem::NONE || !counted[group])
        {
            totalWeights += weights; // the same weights count once
            if (group != DnnSchedulingProblem::NONE)
            {
                counted[group] = 1;
            }
        }
    }
    NS_LOG_LOGIC("distinct weights " << DnnBytesText(totalWeights) << ", all devices' memory "
                                     << DnnBytesText(totalMemory) << ", largest "
                                     << DnnBytesText(largest));
    if (totalWeights > totalMemory)
    {
        throw DnnWorkloadError(DnnWorkloadError::Subject::Requests, 0,
                               "the " + std::to_string(requests) + " requests' tasks need " +
                                   DnnBytesText(totalWeights) +
                                   " of distinct weights together (a device holds a model "
                                   "layer piece's weights once for all requests), more than "
                                   "all devices' memory together (" +
                                   DnnBytesText(totalMemory) + ")");
    }
}

void
DnnCheckTaskDurations(const DnnTaskGraph& graph, const DnnSchedulingProblem& problem,
                      const DnnPlatform& platform)
{
    NS_LOG_FUNCTION(&graph << &problem << &platform);
    for (uint32_t t = 0; t < problem.TaskCount(); ++t)
    {
        for (uint32_t p = 0; p < problem.ProcessorCount(); ++p)
        {
            const double w = problem.Cost(t, p);
            if (std::isfinite(w) && w > DnnRunLimits::MAX_TIME_S)
            {
                const DnnTask& task = graph.Task(t);
                const DnnDevice& device = platform.Device(p);
                std::ostringstream detail;
                detail << "task \"" << task.name << "\" of model \"" << task.model << "\" ("
                       << task.work.Total() << " FLOPs) would take " << w << " s on device \""
                       << device.name << "\" (" << device.profile.flops << " FLOP/s), longer than "
                       << DnnRunLimits::MAX_TIME_TEXT
                       << ", the longest a run can simulate; is its profile's speed right?";
                throw DnnWorkloadError(DnnWorkloadError::Subject::Device, p, detail.str());
            }
        }
    }
}

void
DnnCheckEnergySources(const DnnPlatform& platform, double stopTime)
{
    NS_LOG_FUNCTION(&platform << stopTime);
    // A run lasts until the stop time after plan time 0, which comes after the Wi-Fi
    // association bound, plus the drain (DnnSimulation).
    const double seconds = stopTime + DnnRunLimits::ASSOCIATION_BOUND_S + DnnRunLimits::DRAIN_S;
    const auto& networks = platform.Networks();
    for (uint32_t d = 0; d < platform.DeviceCount(); ++d)
    {
        const DnnDevice& device = platform.Device(d);
        // One radio per Wi-Fi network the device is on, each at most its profile's largest
        // radio draw.
        const auto radios = std::count_if(networks.begin(), networks.end(),
                                          [d](const DnnNetwork& n)
                                          {
                                              return n.kind == DnnNetworkKind::Wifi &&
                                                     std::find(n.members.begin(), n.members.end(),
                                                               d) != n.members.end();
                                          });
        const double radioWatts = static_cast<double>(radios) * device.profile.RadioMaxPower();
        const double watts =
            std::max(device.profile.idlePower, device.profile.busyPower) + radioWatts;
        NS_LOG_LOGIC("device " << device.name << " may draw " << watts << " W for " << seconds
                               << " s: " << watts * seconds << " J");
        if (watts * seconds > DnnRunLimits::SOURCE_ENERGY_J)
        {
            std::ostringstream detail;
            detail << "device \"" << device.name << "\" may draw " << watts
                   << " W (the larger of its profile's idle and busy power";
            if (radios > 0)
            {
                detail << ", plus " << radioWatts << " W for its Wi-Fi radio"
                       << (radios > 1 ? "s" : "")
                       << ": the largest of its profile's radio idle, receive and transmit "
                          "power";
            }
            detail << ") for the " << seconds << " s of a run (stop_time + " << seconds - stopTime
                   << " s): " << watts * seconds << " J, more than the "
                   << DnnRunLimits::SOURCE_ENERGY_J
                   << " J energy source of a simulated node, which would run dry; lower the "
                      "power or the stop time";
            throw DnnWorkloadError(DnnWorkloadError::Subject::Device, d, detail.str());
        }
    }
}

namespace
{

/** Partition \p requests, check them and build their problem (DnnBuildWorkload());
 *  \p requestCount is how many requests they stand for (for messages). */
DnnWorkload
BuildChecked(const std::vector<DnnRequest>& requests, std::size_t requestCount,
             const DnnPartitionConfig& config, const DnnPlatform& platform)
{
    NS_LOG_FUNCTION(requests.size() << requestCount << &platform);
    DnnTaskGraph graph;
    try
    {
        graph = DnnPartitioner(config).PartitionWorkload(requests);
    }
    catch (const DnnInputError& e)
    {
        throw DnnWorkloadError(DnnWorkloadError::Subject::Workload, 0, e.what());
    }
    catch (const std::invalid_argument& e)
    {
        throw DnnWorkloadError(DnnWorkloadError::Subject::Workload, 0, e.what());
    }
    DnnCheckWeightsFit(graph, platform, requestCount);
    std::optional<DnnSchedulingProblem> problem;
    try
    {
        problem.emplace(BuildWorkloadProblem(graph, platform));
    }
    catch (const DnnInputError& e)
    {
        throw DnnWorkloadError(DnnWorkloadError::Subject::Workload, 0, e.Detail());
    }
    DnnCheckTaskDurations(graph, *problem, platform);
    NS_LOG_INFO("workload of " << requests.size() << " requests"
                               << (requestCount == requests.size()
                                       ? std::string()
                                       : " (one per model of " + std::to_string(requestCount) + ")")
                               << " checked: " << graph.TaskCount() << " tasks, "
                               << problem->EdgeCount() << " edges on " << platform.DeviceCount()
                               << " devices");
    return DnnWorkload{std::move(graph), std::move(*problem)};
}

} // namespace

DnnWorkload
DnnBuildWorkload(const std::vector<DnnRequest>& requests, const DnnPartitionConfig& config,
                 const DnnPlatform& platform)
{
    return BuildChecked(requests, requests.size(), config, platform);
}

DnnWorkloadSize
DnnCheckWorkload(const std::vector<DnnRequest>& requests, const DnnPartitionConfig& config,
                 const DnnPlatform& platform)
{
    const std::vector<DnnRequest> chosen = DnnOneRequestPerModel(requests);
    const DnnWorkload workload = BuildChecked(chosen, requests.size(), config, platform);
    // Tasks and edges per model, from the one request that stands for it (a request's edges
    // stay within it: each is counted at its producer).
    std::map<uint32_t, const DnnModel*> modelOf;
    for (const DnnRequest& request : chosen)
    {
        modelOf[request.id] = request.model.get();
    }
    std::map<const DnnModel*, DnnWorkloadSize> sizeOf;
    for (std::size_t t = 0; t < workload.graph.TaskCount(); ++t)
    {
        DnnWorkloadSize& size = sizeOf[modelOf.at(workload.graph.Task(t).request)];
        ++size.tasks;
        size.edges += workload.graph.Successors(static_cast<DnnTaskGraph::TaskId>(t)).size();
    }
    DnnWorkloadSize total;
    for (const DnnRequest& request : requests)
    {
        const DnnWorkloadSize& size = sizeOf[request.model.get()];
        total.tasks += size.tasks;
        total.edges += size.edges;
    }
    return total;
}

} // namespace ns3
