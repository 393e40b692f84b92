/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-workload-problem.h"

#include "ns3/dnn-input-error.h"

#include "ns3/log.h"

#include <algorithm>
#include <map>
#include <string>
#include <tuple>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DnnWorkloadProblem");

std::vector<uint32_t>
WorkloadWeightGroups(const DnnTaskGraph& graph)
{
    // What identifies a piece's weights.
    using Key =
        std::tuple<std::string, std::string, uint32_t, uint32_t, uint64_t, uint64_t, uint64_t>;
    std::map<Key, uint32_t> labels;
    std::vector<uint32_t> group(graph.TaskCount(), DnnSchedulingProblem::NONE);
    for (std::size_t t = 0; t < graph.TaskCount(); ++t)
    {
        const DnnTask& task = graph.Task(t);
        if (task.weightBytes == 0)
        {
            continue;
        }
        const Key key{task.model, task.layer, task.pieces,     task.piece,
                      task.first, task.last,  task.weightBytes};
        group[t] = labels.emplace(key, static_cast<uint32_t>(labels.size())).first->second;
    }
    NS_LOG_LOGIC(labels.size() << " weight groups among " << graph.TaskCount() << " tasks");
    return group;
}

void
SetWorkloadNetwork(DnnSchedulingProblem& problem, const DnnPlatform& platform)
{
    const uint32_t m = platform.DeviceCount();
    for (uint32_t k = 0; k < platform.MediumCount(); ++k)
    {
        problem.AddMedium(platform.MediumName(k));
    }
    const bool measured = platform.HasMeasuredHops();
    std::vector<DnnSchedulingProblem::MediumUse> uses;
    for (uint32_t p = 0; p < m; ++p)
    {
        const auto routes = platform.RoutesFrom(p);
        for (uint32_t q = 0; q < m; ++q)
        {
            if (p == q)
            {
                continue;
            }
            const auto& path = routes[q];
            // Each medium's time per byte, its hops' added up; the fixed costs add up too.
            uses.clear();
            double latency = 0.0;
            double busiest = 0.0;
            for (std::size_t h = 0; h < path.networks.size(); ++h)
            {
                const uint32_t k = path.networks[h];
                const uint32_t from = path.devices[h];
                const uint32_t to = path.devices[h + 1];
                const DnnHopModel hop = platform.HopModel(k, from, to);
                const uint32_t medium = platform.Medium(k, from, to);
                latency += hop.fixed;
                auto use = std::find_if(uses.begin(), uses.end(),
                                        [&](const auto& u) { return u.medium == medium; });
                if (use == uses.end())
                {
                    uses.push_back({medium, 0.0});
                    use = uses.end() - 1;
                }
                use->secondsPerUnit += 1.0 / hop.rate;
                busiest = std::max(busiest, use->secondsPerUnit);
            }
            // Without measurements, the nominal figures exactly as before media existed.
            problem.SetLink(p, q, measured ? latency : path.latency,
                            measured ? 1.0 / busiest : platform.PlanningBandwidth(path));
            problem.SetRoute(p, q, uses);
        }
    }
}

DnnSchedulingProblem
BuildWorkloadProblem(const DnnTaskGraph& graph, const DnnPlatform& platform,
                     const std::vector<double>& available, const std::vector<uint8_t>& excluded)
{
    NS_LOG_FUNCTION(&graph << &platform << available.size() << excluded.size());
    const auto n = static_cast<uint32_t>(graph.TaskCount());
    const uint32_t m = platform.DeviceCount();
    std::vector<std::string> tasks(n);
    std::vector<std::string> devices(m);
    for (uint32_t t = 0; t < n; ++t)
    {
        tasks[t] = graph.Task(t).name;
    }
    for (uint32_t p = 0; p < m; ++p)
    {
        devices[p] = platform.Device(p).name;
    }
    DnnSchedulingProblem problem(tasks, devices);
    for (uint32_t p = 0; p < m; ++p)
    {
        const DnnDeviceProfile& profile = platform.Device(p).profile;
        problem.SetCores(p, profile.cores);
        problem.SetCapacity(p, profile.memory);
        problem.SetPower(p, profile.idlePower, profile.busyPower, profile.txPower);
        problem.SetRole(p, DnnRoleName(platform.Device(p).role));
    }
    if (!available.empty())
    {
        std::size_t core = 0;
        for (uint32_t p = 0; p < m; ++p)
        {
            for (uint32_t c = 0; c < platform.Device(p).profile.cores; ++c)
            {
                problem.SetAvailable(p, c, available.at(core++));
            }
        }
    }
    const std::vector<uint32_t> weightGroups = WorkloadWeightGroups(graph);
    SetWorkloadNetwork(problem, platform);
    for (uint32_t t = 0; t < n; ++t)
    {
        const DnnTask& task = graph.Task(t);
        for (uint32_t p = 0; p < m; ++p)
        {
            problem.SetCost(t, p,
                            p < excluded.size() && excluded[p]
                                ? DnnSchedulingProblem::INF
                                : platform.ExecutionTime(task.work, p));
        }
        if (!task.pinnedDevice.empty())
        {
            const uint32_t device = platform.FindDevice(task.pinnedDevice);
            if (device == DnnNetwork::NONE)
            {
                throw DnnInputError("", "",
                                    "task \"" + task.name + "\" is pinned to unknown device \"" +
                                        task.pinnedDevice + "\"");
            }
            problem.Pin(t, device);
        }
        problem.SetRelease(t, task.releaseTime);
        problem.SetMemory(t, static_cast<double>(task.weightBytes));
        if (weightGroups[t] != DnnSchedulingProblem::NONE)
        {
            problem.SetMemoryGroup(t, weightGroups[t]);
        }
        problem.SetRequest(t, task.request);
        if (task.kind == DnnTaskKind::Sink)
        {
            problem.MarkSink(t);
        }
        for (DnnTaskGraph::TaskId s : graph.Successors(t))
        {
            problem.AddEdge(t, static_cast<uint32_t>(s),
                            static_cast<double>(graph.EdgeBytes(t, s)));
        }
    }
    problem.Finalize();
    NS_LOG_INFO("workload problem: "
                << n << " tasks on " << m << " devices ("
                << std::count(excluded.begin(), excluded.end(), 1) << " excluded)"
                << (available.empty() ? "" : ", cores busy until given times"));
    return problem;
}

} // namespace ns3
