/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-brute-force-scheduler.h"

#include "ns3/dnn-heft-scheduler.h"
#include "ns3/dnn-input-error.h"
#include "ns3/dnn-schedule-evaluator.h"

#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DnnBruteForceScheduler");

NS_OBJECT_ENSURE_REGISTERED(DnnBruteForceScheduler);

namespace
{

/** Most tasks CandidateCount() takes: it counts orders over the 2^n sets of tasks. */
constexpr uint32_t COUNT_MAX_TASKS = 24;

/**
 * Depth-first branch and bound over partial decodings: level k fixes the k-th task of the
 * order and its processor, decoded as DnnScheduleEvaluator decodes (the same arithmetic, so
 * the final Decode() gives the same makespan). Everything is allocated by the constructor.
 */
class BruteForceSearch
{
  public:
    /** Scratch space for a problem. \param problem the problem */
    explicit BruteForceSearch(const DnnSchedulingProblem& problem);

    /** Start from a known decoding. \param assignment processors \param order the order
     *  \param makespan its makespan (INF: none) */
    void SetIncumbent(const std::vector<uint32_t>& assignment, const std::vector<uint32_t>& order,
                      double makespan);
    /** Search. */
    void Run();

    double m_best;                      //!< best makespan found
    std::vector<uint32_t> m_bestAssign; //!< its assignment
    std::vector<uint32_t> m_bestOrder;  //!< its order
    uint64_t m_nodes{0};                //!< nodes visited
    DnnScheduleEvaluator m_evaluator;   //!< checks each improvement (memory, makespan)

  private:
    /** A child of a node: a ready task on a processor, with its bound. */
    struct Child
    {
        double bound;  //!< lower bound of the makespans below it
        uint32_t key;  //!< topological position of the task, times m, plus the processor
        uint32_t task; //!< the task
        uint32_t proc; //!< the processor
    };

    /** Explore below a node. \param depth tasks placed \param prevStart start of the last
     *  placed \param prevPos its topological position \param partial partial makespan */
    void Branch(uint32_t depth, double prevStart, uint32_t prevPos, double partial);
    /** Arrival of a task's inputs on a processor (and its release). Under the shared model
     *  the transfers are put on the media, with an undo record. \param t task \param p
     *  processor \return seconds */
    double InputsReady(uint32_t t, uint32_t p);
    /** Undo media changes back to a mark. \param mark the undo log's size to return to */
    void UndoMedia(std::size_t mark);
    /** Whether two processors can swap their tasks in any decoding without changing a time:
     *  the same execution times, cores, core availabilities, capacity and links.
     *  \param p a processor \param q another \return true if so */
    bool Interchangeable(uint32_t p, uint32_t q) const;
    /** First free core of a processor (ties: lowest). \param p processor \return its slot */
    uint32_t FirstFreeCore(uint32_t p) const;
    /** Memory a task would add on a processor. \param t task \param p processor
     *  \return bytes (0 if its group is there) */
    double AddedMemory(uint32_t t, uint32_t p) const;

    const DnnSchedulingProblem& m_problem; //!< the problem
    uint32_t m_n;                          //!< tasks
    uint32_t m_m;                          //!< processors
    bool m_shared;                         //!< shared-medium network model
    bool m_canonical;                      //!< decodings in start order only
    uint32_t m_groups;                     //!< memory groups
    std::vector<double> m_cost;            //!< n x m
    std::vector<double> m_release;         //!< per task
    std::vector<double> m_minCost;         //!< per task: shortest execution time
    std::vector<double> m_tail;            //!< per task: longest chain of minCost after it
    std::vector<uint32_t> m_topo;          //!< topological order
    std::vector<uint32_t> m_pos;           //!< per task: position in m_topo
    std::vector<uint32_t> m_coreBase;      //!< per processor: first core slot, plus total
    std::vector<double> m_coreFree;        //!< per core slot (state)
    std::vector<double> m_mediumFree;      //!< per medium (state)
    std::vector<std::pair<uint32_t, double>> m_undo; //!< (medium, old free) log
    std::vector<double> m_used;                      //!< memory per processor (state)
    std::vector<uint32_t> m_groupCount; //!< tasks per [processor * groups + group] (state)
    std::vector<double> m_capacity;     //!< per processor
    std::vector<uint32_t> m_assign;     //!< per task (state; NONE: unplaced)
    std::vector<double> m_finish;       //!< per task (state)
    std::vector<uint32_t> m_predsLeft;  //!< per task: unplaced predecessors (state)
    std::vector<uint32_t> m_order;      //!< tasks placed, in order (state)
    std::vector<double> m_est;          //!< per task: earliest start bound (scratch)
    std::vector<Child> m_children;      //!< per depth, n * m slots
    std::vector<uint32_t> m_placedOn;   //!< tasks placed per processor (state)
    std::vector<uint32_t> m_twin;       //!< per processor: first one interchangeable with it
    double m_cores;                     //!< total cores
};

BruteForceSearch::BruteForceSearch(const DnnSchedulingProblem& problem)
    : m_best(DnnSchedulingProblem::INF), m_evaluator(problem), m_problem(problem),
      m_n(problem.TaskCount()), m_m(problem.ProcessorCount()),
      m_shared(problem.NetworkModel() == DnnNetworkModel::Shared), m_canonical(true),
      m_groups(problem.MemoryGroupCount())
{
    const uint32_t n = m_n;
    const uint32_t m = m_m;
    // Under the shared-medium model the order of the decoding is also the order of the
    // transfers on their media, and a decoding in start order may delay a task: enumerate
    // every order, unless no dependency carries data (then nothing goes on a medium and the
    // decoding is the contention-free one).
    for (uint32_t t = 0; t < n && m_shared; ++t)
    {
        for (auto a = problem.PredBegin(t); a != problem.PredEnd(t); ++a)
        {
            m_canonical = m_canonical && !(a->data > 0);
        }
    }
    m_cost.resize(static_cast<std::size_t>(n) * m);
    m_release.resize(n);
    m_minCost.assign(n, DnnSchedulingProblem::INF);
    for (uint32_t t = 0; t < n; ++t)
    {
        m_release[t] = problem.Release(t);
        for (uint32_t p = 0; p < m; ++p)
        {
            m_cost[static_cast<std::size_t>(t) * m + p] = problem.Cost(t, p);
            m_minCost[t] = std::min(m_minCost[t], problem.Cost(t, p));
        }
    }
    m_topo = problem.TopologicalOrder();
    m_pos.resize(n);
    for (uint32_t i = 0; i < n; ++i)
    {
        m_pos[m_topo[i]] = i;
    }
    m_tail.assign(n, 0.0);
    for (auto it = m_topo.rbegin(); it != m_topo.rend(); ++it)
    {
        for (auto a = problem.SuccBegin(*it); a != problem.SuccEnd(*it); ++a)
        {
            m_tail[*it] = std::max(m_tail[*it], m_minCost[a->task] + m_tail[a->task]);
        }
    }
    m_coreBase.assign(m + 1, 0);
    for (uint32_t p = 0; p < m; ++p)
    {
        m_coreBase[p + 1] = m_coreBase[p] + problem.Cores(p);
    }
    m_cores = m_coreBase[m];
    m_coreFree.resize(m_coreBase[m]);
    for (uint32_t p = 0; p < m; ++p)
    {
        for (uint32_t c = 0; c < problem.Cores(p); ++c)
        {
            m_coreFree[m_coreBase[p] + c] = problem.Available(p, c);
        }
    }
    if (m_shared)
    {
        m_mediumFree.resize(problem.MediumCount());
        for (uint32_t k = 0; k < problem.MediumCount(); ++k)
        {
            m_mediumFree[k] = problem.MediumAvailable(k);
        }
        std::size_t routes = 0;
        for (uint32_t p = 0; p < m; ++p)
        {
            for (uint32_t q = 0; q < m; ++q)
            {
                if (p != q)
                {
                    routes = std::max<std::size_t>(routes, problem.RouteEnd(p, q) -
                                                               problem.RouteBegin(p, q));
                }
            }
        }
        // Each level puts at most its task's inputs on their routes, twice (bound, then
        // placement; the first is undone before the second).
        m_undo.reserve((problem.EdgeCount() + 1) * (routes + 1) * 2);
    }
    m_used.assign(m, 0.0);
    m_capacity.resize(m);
    for (uint32_t p = 0; p < m; ++p)
    {
        m_capacity[p] = problem.Capacity(p);
    }
    m_groupCount.assign(static_cast<std::size_t>(m) * m_groups, 0);
    m_assign.assign(n, DnnSchedulingProblem::NONE);
    m_finish.assign(n, 0.0);
    m_predsLeft.resize(n);
    for (uint32_t t = 0; t < n; ++t)
    {
        m_predsLeft[t] = static_cast<uint32_t>(problem.PredEnd(t) - problem.PredBegin(t));
    }
    m_order.reserve(n);
    m_est.assign(n, 0.0);
    m_children.resize(static_cast<std::size_t>(n) * n * m);
    m_placedOn.assign(m, 0);
    // Interchangeable processors: where nothing is placed yet, trying the first of them is
    // enough (swapping two in a decoding changes no time). Only when the decoding is the
    // contention-free one: media would tell them apart.
    // A processor joins the first class all of whose processors it can swap with (one
    // link direction may tell two apart from a third: interchangeability is checked pairwise).
    m_twin.resize(m);
    for (uint32_t p = 0; p < m; ++p)
    {
        m_twin[p] = p;
        for (uint32_t r = 0; r < p && m_canonical && m_twin[p] == p; ++r)
        {
            bool all = m_twin[r] == r;
            for (uint32_t q = r; q < p && all; ++q)
            {
                all = m_twin[q] != r || Interchangeable(q, p);
            }
            if (all)
            {
                m_twin[p] = r;
            }
        }
    }
    m_bestAssign.assign(n, 0);
    m_bestOrder = m_topo;
}

void
BruteForceSearch::SetIncumbent(const std::vector<uint32_t>& assignment,
                               const std::vector<uint32_t>& order, double makespan)
{
    if (makespan < m_best)
    {
        m_best = makespan;
        m_bestAssign = assignment;
        m_bestOrder = order;
    }
}

double
BruteForceSearch::AddedMemory(uint32_t t, uint32_t p) const
{
    return m_groupCount[static_cast<std::size_t>(p) * m_groups + m_problem.MemoryGroup(t)]
             ? 0.0
             : m_problem.Memory(t);
}

bool
BruteForceSearch::Interchangeable(uint32_t p, uint32_t q) const
{
    const DnnSchedulingProblem& problem = m_problem;
    if (problem.Cores(p) != problem.Cores(q) || problem.Capacity(p) != problem.Capacity(q))
    {
        return false;
    }
    for (uint32_t c = 0; c < problem.Cores(p); ++c)
    {
        if (problem.Available(p, c) != problem.Available(q, c))
        {
            return false;
        }
    }
    for (uint32_t t = 0; t < m_n; ++t)
    {
        if (!(problem.Cost(t, p) == problem.Cost(t, q)))
        {
            return false;
        }
    }
    auto sameLink = [&](uint32_t a, uint32_t b, uint32_t c, uint32_t d)
    {
        return problem.Latency(a, b) == problem.Latency(c, d) &&
               problem.Bandwidth(a, b) == problem.Bandwidth(c, d);
    };
    if (!sameLink(p, q, q, p))
    {
        return false;
    }
    for (uint32_t r = 0; r < m_m; ++r)
    {
        if (r != p && r != q && !(sameLink(p, r, q, r) && sameLink(r, p, r, q)))
        {
            return false;
        }
    }
    return true;
}

uint32_t
BruteForceSearch::FirstFreeCore(uint32_t p) const
{
    uint32_t best = m_coreBase[p];
    for (uint32_t c = best + 1; c < m_coreBase[p + 1]; ++c)
    {
        if (m_coreFree[c] < m_coreFree[best])
        {
            best = c;
        }
    }
    return best;
}

double
BruteForceSearch::InputsReady(uint32_t t, uint32_t p)
{
    // The same operations, in the same order, as DnnScheduleEvaluator::Evaluate().
    double ready = m_release[t];
    for (auto a = m_problem.PredBegin(t); a != m_problem.PredEnd(t); ++a)
    {
        const uint32_t q = m_assign[a->task];
        double arrival = m_finish[a->task];
        if (q != p)
        {
            if (!m_shared)
            {
                arrival = arrival + m_problem.Latency(q, p) + a->data / m_problem.Bandwidth(q, p);
            }
            else
            {
                const auto* begin = m_problem.RouteBegin(q, p);
                const auto* end = m_problem.RouteEnd(q, p);
                double start = arrival;
                if (a->data > 0)
                {
                    for (auto use = begin; use != end; ++use)
                    {
                        start = std::max(start, m_mediumFree[use->medium]);
                    }
                }
                double longest = 0.0;
                for (auto use = begin; use != end; ++use)
                {
                    const double duration = a->data * use->secondsPerUnit;
                    longest = std::max(longest, duration);
                    if (duration > 0)
                    {
                        m_undo.emplace_back(use->medium, m_mediumFree[use->medium]);
                        m_mediumFree[use->medium] = start + duration;
                    }
                }
                arrival = start + m_problem.Latency(q, p) + longest;
            }
        }
        ready = std::max(ready, arrival);
    }
    return ready;
}

void
BruteForceSearch::UndoMedia(std::size_t mark)
{
    while (m_undo.size() > mark)
    {
        m_mediumFree[m_undo.back().first] = m_undo.back().second;
        m_undo.pop_back();
    }
}

void
BruteForceSearch::Run()
{
    if (m_n == 0)
    {
        m_best = 0.0;
        return;
    }
    Branch(0, -DnnSchedulingProblem::INF, 0, 0.0);
}

void
BruteForceSearch::Branch(uint32_t depth, double prevStart, uint32_t prevPos, double partial)
{
    ++m_nodes;
    const uint32_t n = m_n;
    const uint32_t m = m_m;
    if (depth == n)
    {
        if (partial < m_best)
        {
            // The evaluator has the last word (memory sums in its order, its makespan).
            const double makespan = m_evaluator.Evaluate(m_assign.data(), m_order.data()).makespan;
            if (makespan < m_best)
            {
                m_best = makespan;
                m_bestAssign = m_assign;
                m_bestOrder = m_order;
            }
        }
        return;
    }
    // Bound of the node: every unplaced task starts no earlier than its release, its placed
    // predecessors' finishes, its unplaced ones' bounds plus their shortest execution, and
    // (in start order) the last start; then runs its shortest time and its static level.
    const double floor = m_canonical ? prevStart : 0.0;
    double nodeBound = partial;
    double restWork = 0.0;
    double head1 = 0.0; // largest minCost + tail of an unplaced task
    double head2 = 0.0; // second largest
    uint32_t head1Task = DnnSchedulingProblem::NONE;
    for (uint32_t u : m_topo)
    {
        if (m_assign[u] != DnnSchedulingProblem::NONE)
        {
            continue;
        }
        double est = std::max(m_release[u], floor);
        for (auto a = m_problem.PredBegin(u); a != m_problem.PredEnd(u); ++a)
        {
            est = std::max(est, m_assign[a->task] != DnnSchedulingProblem::NONE
                                    ? m_finish[a->task]
                                    : m_est[a->task] + m_minCost[a->task]);
        }
        m_est[u] = est;
        const double head = m_minCost[u] + m_tail[u];
        nodeBound = std::max(nodeBound, est + head);
        restWork += m_minCost[u];
        if (head > head1)
        {
            head2 = head1;
            head1 = head;
            head1Task = u;
        }
        else if (head > head2)
        {
            head2 = head;
        }
    }
    if (nodeBound >= m_best)
    {
        return;
    }
    Child* const children = m_children.data() + static_cast<std::size_t>(depth) * n * m;
    std::size_t count = 0;
    for (uint32_t t : m_topo)
    {
        if (m_assign[t] != DnnSchedulingProblem::NONE || m_predsLeft[t] != 0)
        {
            continue;
        }
        const double rest = restWork - m_minCost[t];
        const double otherHead = t == head1Task ? head2 : head1;
        for (uint32_t p = 0; p < m; ++p)
        {
            const double w = m_cost[static_cast<std::size_t>(t) * m + p];
            if (!std::isfinite(w) || m_used[p] + AddedMemory(t, p) > m_capacity[p])
            {
                continue;
            }
            if (m_twin[p] != p && m_placedOn[p] == 0)
            {
                // An empty processor: skip it if an interchangeable one before it is empty too.
                bool earlierEmpty = false;
                for (uint32_t q = m_twin[p]; q < p && !earlierEmpty; ++q)
                {
                    earlierEmpty = m_twin[q] == m_twin[p] && m_placedOn[q] == 0;
                }
                if (earlierEmpty)
                {
                    continue;
                }
            }
            const std::size_t mark = m_undo.size();
            const double ready = InputsReady(t, p);
            UndoMedia(mark);
            const uint32_t core = FirstFreeCore(p);
            const double start = std::max(ready, m_coreFree[core]);
            const double finish = start + w;
            if (m_canonical && (start < prevStart || (start == prevStart && m_pos[t] < prevPos)))
            {
                continue; // the same decoding is met in start order
            }
            double bound = std::max({nodeBound, finish, finish + m_tail[t]});
            const double clip = m_canonical ? start : 0.0;
            if (m_canonical)
            {
                bound = std::max(bound, start + otherHead);
            }
            double load = rest;
            for (uint32_t c = 0; c < m_coreFree.size(); ++c)
            {
                load += std::max(c == core ? finish : m_coreFree[c], clip);
            }
            bound = std::max(bound, load / m_cores);
            if (bound >= m_best)
            {
                continue;
            }
            children[count++] = {bound, m_pos[t] * m + p, t, p};
        }
    }
    std::sort(children, children + count,
              [](const Child& x, const Child& y)
              { return x.bound < y.bound || (x.bound == y.bound && x.key < y.key); });
    for (std::size_t i = 0; i < count; ++i)
    {
        const Child child = children[i];
        if (child.bound >= m_best)
        {
            break; // sorted: no later child can do better either
        }
        const uint32_t t = child.task;
        const uint32_t p = child.proc;
        const double w = m_cost[static_cast<std::size_t>(t) * m + p];
        const std::size_t mark = m_undo.size();
        const double ready = InputsReady(t, p);
        const uint32_t core = FirstFreeCore(p);
        const double start = std::max(ready, m_coreFree[core]);
        const double finish = start + w;
        const double oldFree = m_coreFree[core];
        const double oldUsed = m_used[p];
        m_used[p] += AddedMemory(t, p);
        ++m_placedOn[p];
        ++m_groupCount[static_cast<std::size_t>(p) * m_groups + m_problem.MemoryGroup(t)];
        m_coreFree[core] = finish;
        m_assign[t] = p;
        m_finish[t] = finish;
        m_order.push_back(t);
        for (auto a = m_problem.SuccBegin(t); a != m_problem.SuccEnd(t); ++a)
        {
            --m_predsLeft[a->task];
        }
        Branch(depth + 1, start, m_pos[t], std::max(partial, finish));
        for (auto a = m_problem.SuccBegin(t); a != m_problem.SuccEnd(t); ++a)
        {
            ++m_predsLeft[a->task];
        }
        m_order.pop_back();
        m_assign[t] = DnnSchedulingProblem::NONE;
        m_coreFree[core] = oldFree;
        --m_groupCount[static_cast<std::size_t>(p) * m_groups + m_problem.MemoryGroup(t)];
        m_used[p] = oldUsed;
        --m_placedOn[p];
        UndoMedia(mark);
    }
}

/** A number for a message: an integer below 1e15 in full, else 3 significant digits. */
std::string
Count(double value)
{
    std::ostringstream text;
    if (value < 1e15)
    {
        text << static_cast<uint64_t>(value);
    }
    else
    {
        text.precision(3);
        text << value;
    }
    return text.str();
}

} // namespace

TypeId
DnnBruteForceScheduler::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::DnnBruteForceScheduler")
            .SetParent<DnnScheduler>()
            .SetGroupName("DnnOffload")
            .AddConstructor<DnnBruteForceScheduler>()
            .AddAttribute("MaxTasks", "Refuse problems of more tasks than this (1 to 24).",
                          UintegerValue(20),
                          MakeUintegerAccessor(&DnnBruteForceScheduler::m_maxTasks),
                          MakeUintegerChecker<uint32_t>(1, COUNT_MAX_TASKS))
            .AddAttribute("MaxCandidates",
                          "Refuse problems with more candidate schedules than this: the product "
                          "over tasks of the processors each may run on, times the number of "
                          "topological orders (what SAGA's BruteForce evaluates one by one).",
                          DoubleValue(1e8),
                          MakeDoubleAccessor(&DnnBruteForceScheduler::m_maxCandidates),
                          MakeDoubleChecker<double>(1.0));
    return tid;
}

double
DnnBruteForceScheduler::CandidateCount(const DnnSchedulingProblem& problem)
{
    const uint32_t n = problem.TaskCount();
    const uint32_t m = problem.ProcessorCount();
    if (n > COUNT_MAX_TASKS)
    {
        throw std::invalid_argument("DnnBruteForceScheduler::CandidateCount: more than " +
                                    std::to_string(COUNT_MAX_TASKS) + " tasks");
    }
    double assignments = 1.0;
    std::vector<uint32_t> predMask(n, 0);
    for (uint32_t t = 0; t < n; ++t)
    {
        uint32_t where = 0;
        for (uint32_t p = 0; p < m; ++p)
        {
            where += std::isfinite(problem.Cost(t, p)) ? 1 : 0;
        }
        assignments *= where;
        for (auto a = problem.PredBegin(t); a != problem.PredEnd(t); ++a)
        {
            predMask[t] |= 1u << a->task;
        }
    }
    // orders[S]: orders of the task set S placed first (nonzero for sets closed under
    // predecessors only); a task may follow S when all its predecessors are in S.
    std::vector<double> orders(std::size_t{1} << n, 0.0);
    orders[0] = 1.0;
    for (uint32_t set = 0; set + 1 < (uint64_t{1} << n); ++set)
    {
        if (orders[set] == 0.0)
        {
            continue;
        }
        for (uint32_t t = 0; t < n; ++t)
        {
            if (!(set & (1u << t)) && (predMask[t] & ~set) == 0)
            {
                orders[set | (1u << t)] += orders[set];
            }
        }
    }
    return assignments * orders.back();
}

uint64_t
DnnBruteForceScheduler::SearchNodes() const
{
    return m_nodes;
}

DnnSchedule
DnnBruteForceScheduler::Plan(const DnnSchedulingProblem& problem)
{
    NS_LOG_FUNCTION(this << &problem);
    const uint32_t n = problem.TaskCount();
    const std::string size =
        std::to_string(n) + " tasks on " + std::to_string(problem.ProcessorCount()) + " processors";
    if (n > m_maxTasks)
    {
        throw DnnInputError("", "",
                            "brute-force: " + size + " is more than its MaxTasks (" +
                                std::to_string(m_maxTasks) +
                                " tasks); it searches every assignment and order, so it is for "
                                "small instances only");
    }
    const double candidates = CandidateCount(problem);
    if (candidates > m_maxCandidates)
    {
        throw DnnInputError("", "",
                            "brute-force: " + size + " have " + Count(candidates) +
                                " candidate schedules (assignments x topological orders), more "
                                "than its MaxCandidates (" +
                                Count(m_maxCandidates) + "); it is for small instances only");
    }
    NS_LOG_INFO("brute force on " << size << ", " << problem.EdgeCount() << " edges, " << candidates
                                  << " candidates");
    BruteForceSearch search(problem);
    if (n > 0)
    {
        // Start from HEFT's plan decoded in its start order: never later than HEFT's under
        // the contention-free model.
        const DnnSchedule heft = CreateObject<DnnHeftScheduler>()->Plan(problem);
        std::vector<uint32_t> assignment(n);
        for (uint32_t t = 0; t < n; ++t)
        {
            assignment[t] = heft.Processor(t);
        }
        const std::vector<uint32_t> order = DnnScheduleEvaluator::StartOrder(problem, heft);
        search.SetIncumbent(assignment, order,
                            search.m_evaluator.Evaluate(assignment.data(), order.data()).makespan);
    }
    search.Run();
    m_nodes = search.m_nodes;
    if (!std::isfinite(search.m_best))
    {
        throw DnnInputError(
            "", "", "brute-force: no assignment of the " + size + " fits the processors' memory");
    }
    DnnSchedule schedule =
        search.m_evaluator.Decode(search.m_bestAssign.data(), search.m_bestOrder.data());
    NS_LOG_INFO("brute force makespan " << schedule.Makespan() << " s after " << m_nodes
                                        << " search nodes");
    return schedule;
}

} // namespace ns3
