/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-scheduling-problem.h"

#include "ns3/dnn-input-error.h"

#include "ns3/log.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <sstream>
#include <stdexcept>
#include <unordered_map>

namespace ns3
{

// Logged: construction and Finalize(); not the setters (called per task, edge and link while
// a problem is built) nor the accessors the schedulers call in their loops.
NS_LOG_COMPONENT_DEFINE("DnnSchedulingProblem");

namespace
{

/**
 * The sum 0 + v + v + ... + v (count terms) exactly as a loop adding one term at a time
 * rounds it, in O(log count) steps for a positive finite v.
 *
 * Between two powers of two, [top / 2, top), doubles are spaced u apart and the running
 * sum is a multiple of u, so adding v rounds to adding a constant delta (v rounded to a
 * multiple of u) as long as the result stays below top; in the tie case (v is an odd
 * multiple of u / 2) this holds once the sum is an even multiple of u, which one rounded
 * addition makes it. So the loop adds one term the ordinary way, then jumps over the
 * remaining additions that stay in the sum's binade.
 *
 * \param v the term
 * \param count number of terms
 * \return the sum as the loop would compute it
 */
double
RepeatedSum(double v, uint64_t count)
{
    double sum = 0.0;
    uint64_t done = 0;
    if (!(v > 0.0) || !std::isfinite(v) || count < 400)
    {
        for (; done < count; ++done)
        {
            sum += v; // cheaper than the jumps for a few terms
        }
        return sum;
    }
    while (done < count)
    {
        sum += v; // one addition the ordinary way
        ++done;
        uint64_t bits = 0;
        std::memcpy(&bits, &sum, sizeof bits);
        const auto biased = static_cast<int>(bits >> 52); // sum > 0
        if (done == count || biased < 64 || biased > 2000)
        {
            continue; // done, or too near under/overflow for the arithmetic below
        }
        // sum in [top / 2, top), where doubles are u apart. Scaling by the power of two 1/u
        // is exact, and sum, v, delta and top - u are below top: these are exact integers
        // below 2^53, or (v only) exact half-integers or far below 1/2.
        const uint64_t topBits = static_cast<uint64_t>(biased + 1) << 52;
        double top = 0.0;
        std::memcpy(&top, &topBits, sizeof top);
        const double u = top * 0x1p-53;
        const double perU = 0x1p53 / top;
        const double twiceUnits = v * (2 * perU);
        const auto twice = static_cast<int64_t>(twiceUnits);
        const bool tie = static_cast<double>(twice) == twiceUnits && (twice & 1) != 0;
        if (tie && (static_cast<int64_t>(sum * perU) & 1) != 0)
        {
            continue; // an odd multiple of u: the next rounded addition makes it even
        }
        // Every further addition adds delta exactly while sum + delta <= top - u.
        const double delta = (sum + v) - sum;
        const double room = (top - u - sum) * perU;
        const double step = delta * perU;
        auto jumps = static_cast<int64_t>(step == 0.0 ? 0x1p62 : room / step);
        if (static_cast<double>(jumps) * step > room)
        {
            --jumps; // the quotient rounded up to the next integer
        }
        const uint64_t taken = std::min(static_cast<uint64_t>(jumps), count - done);
        sum += static_cast<double>(taken) * delta;
        done += taken;
    }
    return sum;
}

} // namespace

std::string
DnnNetworkModelName(DnnNetworkModel model)
{
    return model == DnnNetworkModel::Shared ? "shared" : "contention-free";
}

bool
DnnParseNetworkModel(const std::string& name, DnnNetworkModel& model)
{
    for (auto candidate : {DnnNetworkModel::ContentionFree, DnnNetworkModel::Shared})
    {
        if (DnnNetworkModelName(candidate) == name)
        {
            model = candidate;
            return true;
        }
    }
    return false;
}

DnnSchedulingProblem::DnnSchedulingProblem(std::vector<std::string> tasks,
                                           std::vector<std::string> processors)
    : m_tasks(std::move(tasks)), m_processors(std::move(processors))
{
    NS_LOG_FUNCTION(this << m_tasks.size() << m_processors.size());
    if (m_processors.empty())
    {
        throw std::invalid_argument("DnnSchedulingProblem: at least one processor is needed");
    }
    const std::size_t n = m_tasks.size();
    const std::size_t m = m_processors.size();
    m_cost.assign(n * m, 0.0);
    m_latency.assign(m * m, 0.0);
    m_bandwidth.assign(m * m, 1.0);
    m_release.assign(n, 0.0);
    m_pinned.assign(n, NONE);
    m_memory.assign(n, 0.0);
    m_capacity.assign(m, INF);
    m_groupLabel.assign(n, NONE);
    m_cores.assign(m, 1);
    m_coreStart.resize(m + 1);
    for (std::size_t p = 0; p <= m; ++p)
    {
        m_coreStart[p] = p;
    }
    m_available.assign(m, 0.0);
    m_request.assign(n, 0);
    m_sink.assign(n, 0);
    m_role.assign(m, "");
    m_power.assign(3 * m, 0.0);
    for (std::size_t p = 0; p < m; ++p)
    {
        m_power[3 * p + 1] = 1.0;
    }
}

void
DnnSchedulingProblem::SetCost(uint32_t task, uint32_t processor, double seconds)
{
    m_cost.at(static_cast<std::size_t>(task) * m_processors.size() + processor) = seconds;
}

void
DnnSchedulingProblem::AddEdge(uint32_t from, uint32_t to, double data)
{
    if (from >= m_tasks.size() || to >= m_tasks.size())
    {
        throw std::out_of_range("DnnSchedulingProblem::AddEdge: task out of range");
    }
    m_edges.push_back({from, Adjacent{to, data}});
}

void
DnnSchedulingProblem::SetLink(uint32_t from, uint32_t to, double latency, double bandwidth)
{
    if (!(bandwidth > 0))
    {
        throw std::invalid_argument("DnnSchedulingProblem::SetLink: bandwidth must be positive");
    }
    const std::size_t k = static_cast<std::size_t>(from) * m_processors.size() + to;
    m_latency.at(k) = latency;
    m_bandwidth.at(k) = bandwidth;
    m_uniformLinks = false; // until Finalize() looks again
}

void
DnnSchedulingProblem::SetUniformLinks(double latency, double bandwidth)
{
    for (uint32_t p = 0; p < m_processors.size(); ++p)
    {
        for (uint32_t q = 0; q < m_processors.size(); ++q)
        {
            SetLink(p, q, latency, bandwidth);
        }
    }
}

uint32_t
DnnSchedulingProblem::AddMedium(std::string name)
{
    m_mediumNames.push_back(std::move(name));
    m_mediumAvailable.push_back(0.0);
    return static_cast<uint32_t>(m_mediumNames.size() - 1);
}

void
DnnSchedulingProblem::SetRoute(uint32_t from, uint32_t to, std::vector<MediumUse> uses)
{
    const std::size_t m = m_processors.size();
    if (from >= m || to >= m || from == to)
    {
        throw std::invalid_argument("DnnSchedulingProblem::SetRoute: a route joins two "
                                    "distinct processors");
    }
    for (std::size_t i = 0; i < uses.size(); ++i)
    {
        if (uses[i].medium >= m_mediumNames.size() ||
            !(uses[i].secondsPerUnit >= 0 && std::isfinite(uses[i].secondsPerUnit)))
        {
            throw std::invalid_argument("DnnSchedulingProblem::SetRoute: unknown medium or bad "
                                        "time per data unit");
        }
        for (std::size_t j = 0; j < i; ++j)
        {
            if (uses[j].medium == uses[i].medium)
            {
                throw std::invalid_argument("DnnSchedulingProblem::SetRoute: medium repeated "
                                            "(add its crossings up)");
            }
        }
    }
    m_routesSet[from * m + to] = std::move(uses);
}

void
DnnSchedulingProblem::SetMediumAvailable(uint32_t medium, double time)
{
    if (medium >= m_mediumAvailable.size())
    {
        throw std::out_of_range("DnnSchedulingProblem::SetMediumAvailable: no such medium");
    }
    if (!(time >= 0) || !std::isfinite(time))
    {
        throw std::invalid_argument(
            "DnnSchedulingProblem::SetMediumAvailable: time must be finite and >= 0");
    }
    m_mediumAvailable[medium] = time;
}

void
DnnSchedulingProblem::SetNetworkModel(DnnNetworkModel model)
{
    m_networkModel = model;
}

void
DnnSchedulingProblem::CopyNetwork(const DnnSchedulingProblem& other)
{
    if (other.m_processors.size() != m_processors.size())
    {
        throw std::invalid_argument("DnnSchedulingProblem::CopyNetwork: processor counts differ");
    }
    m_latency = other.m_latency;
    m_bandwidth = other.m_bandwidth;
    m_mediumNames = other.m_mediumNames;
    m_mediumAvailable = other.m_mediumAvailable;
    m_routesSet = other.m_routesSet;
    m_networkModel = other.m_networkModel;
    m_uniformLinks = false; // until Finalize() looks again
}

std::string
DnnSchedulingProblem::MediumName(uint32_t medium) const
{
    if (medium < m_mediumNames.size())
    {
        return m_mediumNames[medium];
    }
    const auto& [from, to] = m_ownMedium.at(medium - m_mediumNames.size());
    return m_processors[from] + "->" + m_processors[to];
}

void
DnnSchedulingProblem::SetRelease(uint32_t task, double time)
{
    m_release.at(task) = time;
}

void
DnnSchedulingProblem::Pin(uint32_t task, uint32_t processor)
{
    if (processor >= m_processors.size())
    {
        throw std::out_of_range("DnnSchedulingProblem::Pin: processor out of range");
    }
    m_pinned.at(task) = processor;
}

void
DnnSchedulingProblem::SetMemory(uint32_t task, double bytes)
{
    m_memory.at(task) = bytes;
}

void
DnnSchedulingProblem::SetMemoryGroup(uint32_t task, uint32_t group)
{
    if (group == NONE)
    {
        throw std::invalid_argument("DnnSchedulingProblem::SetMemoryGroup: NONE is no group");
    }
    m_groupLabel.at(task) = group;
}

void
DnnSchedulingProblem::SetCapacity(uint32_t processor, double bytes)
{
    m_capacity.at(processor) = bytes;
}

void
DnnSchedulingProblem::SetCores(uint32_t processor, uint32_t cores)
{
    const uint32_t count = std::max<uint32_t>(1, cores);
    const uint32_t old = m_cores.at(processor);
    m_cores[processor] = count;
    // The processor's cores are replaced by new ones, free from 0.
    const auto first = m_available.begin() + static_cast<std::ptrdiff_t>(m_coreStart[processor]);
    m_available.insert(m_available.erase(first, first + old), count, 0.0);
    for (std::size_t p = processor + 1; p < m_coreStart.size(); ++p)
    {
        m_coreStart[p] = m_coreStart[p] - old + count;
    }
}

void
DnnSchedulingProblem::SetAvailable(uint32_t processor, uint32_t core, double time)
{
    if (processor >= m_processors.size() || core >= m_cores[processor])
    {
        throw std::out_of_range("DnnSchedulingProblem::SetAvailable: core out of range");
    }
    if (!(time >= 0) || !std::isfinite(time))
    {
        throw std::invalid_argument(
            "DnnSchedulingProblem::SetAvailable: time must be finite and >= 0");
    }
    m_available[m_coreStart[processor] + core] = time;
}

void
DnnSchedulingProblem::SetRequest(uint32_t task, uint32_t request)
{
    m_request.at(task) = request;
}

void
DnnSchedulingProblem::MarkSink(uint32_t task)
{
    m_sink.at(task) = 1;
}

void
DnnSchedulingProblem::SetRole(uint32_t processor, std::string role)
{
    m_role.at(processor) = std::move(role);
}

void
DnnSchedulingProblem::SetPower(uint32_t processor, double idleWatts, double busyWatts,
                               double transmitWatts)
{
    if (!(idleWatts >= 0 && busyWatts >= 0 && transmitWatts >= 0))
    {
        throw std::invalid_argument("DnnSchedulingProblem::SetPower: power must be >= 0");
    }
    m_power.at(3 * processor) = idleWatts;
    m_power[3 * processor + 1] = busyWatts;
    m_power[3 * processor + 2] = transmitWatts;
}

void
DnnSchedulingProblem::Finalize()
{
    NS_LOG_FUNCTION(this);
    const std::size_t n = m_tasks.size();
    const std::size_t m = m_processors.size();
    // Memory groups, numbered in the order of their lowest-index task.
    m_groupOf.assign(n, NONE);
    m_groupMemory.clear();
    std::unordered_map<uint32_t, uint32_t> groupOfLabel; // label -> group
    std::vector<uint32_t> firstOfGroup;                  // group -> its lowest-index task
    for (uint32_t t = 0; t < n; ++t)
    {
        const auto next = static_cast<uint32_t>(m_groupMemory.size());
        uint32_t group = next;
        if (m_groupLabel[t] != NONE)
        {
            group = groupOfLabel.emplace(m_groupLabel[t], next).first->second;
        }
        m_groupOf[t] = group;
        if (group == next)
        {
            m_groupMemory.push_back(m_memory[t]);
            firstOfGroup.push_back(t);
        }
        else if (!(m_memory[t] == m_groupMemory[group]))
        {
            std::ostringstream detail;
            detail.precision(17);
            detail << "tasks \"" << m_tasks[firstOfGroup[group]] << "\" and \"" << m_tasks[t]
                   << "\" share memory group " << m_groupLabel[t] << " but need different memory ("
                   << m_groupMemory[group] << " and " << m_memory[t] << " bytes)";
            NS_LOG_LOGIC("not finalized: " << detail.str());
            throw DnnInputError("", "", detail.str());
        }
    }
    // Pins and memory become infinite costs elsewhere.
    for (std::size_t t = 0; t < n; ++t)
    {
        bool runnable = false;
        for (std::size_t p = 0; p < m; ++p)
        {
            double& w = m_cost[t * m + p];
            if ((m_pinned[t] != NONE && m_pinned[t] != p) || m_memory[t] > m_capacity[p])
            {
                w = INF;
            }
            runnable = runnable || std::isfinite(w);
        }
        if (!runnable)
        {
            NS_LOG_LOGIC("not finalized: task \"" << m_tasks[t] << "\" can run on no processor");
            throw DnnInputError("", "",
                                "task \"" + m_tasks[t] +
                                    "\" can run on no processor (pinned elsewhere, too little "
                                    "memory, or no finite execution time)");
        }
    }
    // Whether every link between distinct processors is alike (MeanCommTime()'s fast path).
    m_uniformLinks = m > 1;
    for (std::size_t k = 0; k < m * m && m_uniformLinks; ++k)
    {
        m_uniformLinks =
            k / m == k % m || (m_latency[k] == m_latency[1] && m_bandwidth[k] == m_bandwidth[1]);
    }
    // Routes over media, CSR by pair; a pair with none set gets a medium of its own.
    m_ownMedium.clear();
    m_routeStart.assign(m * m + 1, 0);
    m_routeUses.clear();
    for (std::size_t k = 0; k < m * m; ++k)
    {
        const auto set = m_routesSet.find(k);
        if (set != m_routesSet.end())
        {
            m_routeUses.insert(m_routeUses.end(), set->second.begin(), set->second.end());
        }
        else if (k / m != k % m)
        {
            m_ownMedium.emplace_back(static_cast<uint32_t>(k / m), static_cast<uint32_t>(k % m));
            m_routeUses.push_back(
                MediumUse{static_cast<uint32_t>(m_mediumNames.size() + m_ownMedium.size() - 1),
                          1.0 / m_bandwidth[k]});
        }
        m_routeStart[k + 1] = m_routeUses.size();
    }
    m_home.assign(RequestCount(), NONE);
    for (std::size_t t = 0; t < n; ++t)
    {
        if (m_pinned[t] != NONE && m_home[m_request[t]] == NONE)
        {
            m_home[m_request[t]] = m_pinned[t];
        }
    }
    // CSR adjacency, in edge insertion order.
    m_predStart.assign(n + 1, 0);
    m_succStart.assign(n + 1, 0);
    for (const auto& [from, adj] : m_edges)
    {
        ++m_succStart[from + 1];
        ++m_predStart[adj.task + 1];
    }
    for (std::size_t t = 0; t < n; ++t)
    {
        m_succStart[t + 1] += m_succStart[t];
        m_predStart[t + 1] += m_predStart[t];
    }
    m_succ.assign(m_edges.size(), Adjacent{0, 0});
    m_pred.assign(m_edges.size(), Adjacent{0, 0});
    std::vector<std::size_t> succFill(m_succStart.begin(), m_succStart.end() - 1);
    std::vector<std::size_t> predFill(m_predStart.begin(), m_predStart.end() - 1);
    for (const auto& [from, adj] : m_edges)
    {
        m_succ[succFill[from]++] = adj;
        m_pred[predFill[adj.task]++] = Adjacent{from, adj.data};
    }
    // Kahn's algorithm, ready tasks in index order.
    std::vector<std::size_t> indegree(n);
    m_order.clear();
    for (uint32_t t = 0; t < n; ++t)
    {
        indegree[t] = m_predStart[t + 1] - m_predStart[t];
        if (indegree[t] == 0)
        {
            m_order.push_back(t);
        }
    }
    for (std::size_t head = 0; head < m_order.size(); ++head)
    {
        for (const Adjacent* a = SuccBegin(m_order[head]); a != SuccEnd(m_order[head]); ++a)
        {
            if (--indegree[a->task] == 0)
            {
                m_order.push_back(a->task);
            }
        }
    }
    if (m_order.size() != n)
    {
        // Walk back through unfinished predecessors until a task repeats: a cycle.
        uint32_t t = 0;
        while (indegree[t] == 0)
        {
            ++t;
        }
        std::vector<std::size_t> seenAt(n, SIZE_MAX);
        std::vector<uint32_t> walk;
        while (seenAt[t] == SIZE_MAX)
        {
            seenAt[t] = walk.size();
            walk.push_back(t);
            for (const Adjacent* a = PredBegin(t); a != PredEnd(t); ++a)
            {
                if (indegree[a->task] != 0)
                {
                    t = a->task;
                    break;
                }
            }
        }
        std::vector<std::string> cycle;
        for (std::size_t i = walk.size(); i-- > seenAt[t];)
        {
            cycle.push_back(m_tasks[walk[i]]);
        }
        NS_LOG_LOGIC("not finalized: a cycle through " << cycle.size() << " tasks, from \""
                                                       << cycle.front() << "\"");
        throw DnnCycleError("", "", cycle);
    }
    NS_LOG_INFO("finalized: " << n << " tasks, " << m << " processors, " << m_edges.size()
                              << " edges, " << m_home.size() << " requests, "
                              << m_groupMemory.size() << " memory groups"
                              << (m_uniformLinks ? ", uniform links" : "") << ", " << MediumCount()
                              << " media");
}

uint32_t
DnnSchedulingProblem::TaskCount() const
{
    return static_cast<uint32_t>(m_tasks.size());
}

uint32_t
DnnSchedulingProblem::ProcessorCount() const
{
    return static_cast<uint32_t>(m_processors.size());
}

const std::string&
DnnSchedulingProblem::TaskName(uint32_t task) const
{
    return m_tasks.at(task);
}

const std::string&
DnnSchedulingProblem::ProcessorName(uint32_t processor) const
{
    return m_processors.at(processor);
}

double
DnnSchedulingProblem::MeanCommTime(double data) const
{
    const uint32_t m = ProcessorCount();
    if (m < 2)
    {
        return 0.0;
    }
    if (m_uniformLinks)
    {
        // The same sum as below, whose terms are all alike, without m(m-1) additions.
        return RepeatedSum(CommTime(data, 0, 1), static_cast<uint64_t>(m) * (m - 1)) /
               (static_cast<double>(m) * (m - 1));
    }
    double sum = 0.0;
    for (uint32_t p = 0; p < m; ++p)
    {
        for (uint32_t q = 0; q < m; ++q)
        {
            if (p != q)
            {
                sum += CommTime(data, p, q);
            }
        }
    }
    return sum / (static_cast<double>(m) * (m - 1));
}

std::size_t
DnnSchedulingProblem::EdgeCount() const
{
    return m_edges.size();
}

const std::vector<uint32_t>&
DnnSchedulingProblem::TopologicalOrder() const
{
    return m_order;
}

double
DnnSchedulingProblem::Release(uint32_t task) const
{
    return m_release[task];
}

uint32_t
DnnSchedulingProblem::Pinned(uint32_t task) const
{
    return m_pinned[task];
}

double
DnnSchedulingProblem::Memory(uint32_t task) const
{
    return m_memory[task];
}

double
DnnSchedulingProblem::Capacity(uint32_t processor) const
{
    return m_capacity[processor];
}

uint32_t
DnnSchedulingProblem::MemoryGroupCount() const
{
    return static_cast<uint32_t>(m_groupMemory.size());
}

double
DnnSchedulingProblem::GroupMemory(uint32_t group) const
{
    return m_groupMemory.at(group);
}

bool
DnnSchedulingProblem::SharesMemory() const
{
    return m_groupMemory.size() < m_groupOf.size();
}

uint32_t
DnnSchedulingProblem::Cores(uint32_t processor) const
{
    return m_cores[processor];
}

double
DnnSchedulingProblem::Available(uint32_t processor, uint32_t core) const
{
    if (core >= m_cores.at(processor))
    {
        throw std::out_of_range("DnnSchedulingProblem::Available: core out of range");
    }
    return m_available[m_coreStart[processor] + core];
}

uint32_t
DnnSchedulingProblem::Request(uint32_t task) const
{
    return m_request[task];
}

uint32_t
DnnSchedulingProblem::RequestCount() const
{
    uint32_t count = 0;
    for (uint32_t r : m_request)
    {
        count = std::max(count, r + 1);
    }
    return m_request.empty() ? 0 : count;
}

bool
DnnSchedulingProblem::IsSink(uint32_t task) const
{
    return m_sink[task] != 0;
}

uint32_t
DnnSchedulingProblem::RequestHome(uint32_t request) const
{
    return request < m_home.size() ? m_home[request] : NONE;
}

const std::string&
DnnSchedulingProblem::Role(uint32_t processor) const
{
    return m_role.at(processor);
}

double
DnnSchedulingProblem::IdlePower(uint32_t processor) const
{
    return m_power.at(3 * processor);
}

double
DnnSchedulingProblem::BusyPower(uint32_t processor) const
{
    return m_power.at(3 * processor + 1);
}

double
DnnSchedulingProblem::TransmitPower(uint32_t processor) const
{
    return m_power.at(3 * processor + 2);
}

double
DnnSchedulingProblem::MeanCost(uint32_t task) const
{
    double sum = 0.0;
    uint32_t count = 0;
    for (uint32_t p = 0; p < ProcessorCount(); ++p)
    {
        if (std::isfinite(Cost(task, p)))
        {
            sum += Cost(task, p);
            ++count;
        }
    }
    return count ? sum / count : INF;
}

uint32_t
DnnSchedulingProblem::FastestProcessor(uint32_t task) const
{
    uint32_t best = 0;
    for (uint32_t p = 1; p < ProcessorCount(); ++p)
    {
        if (Cost(task, p) < Cost(task, best))
        {
            best = p;
        }
    }
    return best;
}

uint32_t
DnnSchedulingProblem::FindTask(const std::string& name) const
{
    const auto it = std::find(m_tasks.begin(), m_tasks.end(), name);
    return it == m_tasks.end() ? NONE : static_cast<uint32_t>(it - m_tasks.begin());
}

uint32_t
DnnSchedulingProblem::FindProcessor(const std::string& name) const
{
    const auto it = std::find(m_processors.begin(), m_processors.end(), name);
    return it == m_processors.end() ? NONE : static_cast<uint32_t>(it - m_processors.begin());
}

} // namespace ns3
