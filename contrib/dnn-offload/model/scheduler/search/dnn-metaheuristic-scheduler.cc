/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-metaheuristic-scheduler.h"

#include "ns3/dnn-cpop-scheduler.h"
#include "ns3/dnn-heft-scheduler.h"
#include "ns3/dnn-ns3-compat.h"
#include "ns3/dnn-peft-scheduler.h"

#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/log.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DnnMetaheuristicScheduler");

namespace
{

/** Names of the list schedulers Plan() runs, in its order (for the log). */
const char* const LIST_SCHEDULERS[] = {"HEFT", "PEFT", "CPOP"};

} // namespace

NS_OBJECT_ENSURE_REGISTERED(DnnMetaheuristicScheduler);

TypeId
DnnMetaheuristicScheduler::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::DnnMetaheuristicScheduler")
            .SetParent<DnnScheduler>()
            .SetGroupName("DnnOffload")
            .AddAttribute(
                "Seed", "Seed of the scheduler's own random stream (same seed, same plan).",
                UintegerValue(1), MakeUintegerAccessor(&DnnMetaheuristicScheduler::m_seed),
                MakeUintegerChecker<uint32_t>())
            .AddAttribute(
                "Objective",
                "What to minimise: the makespan, the energy (compute + transmit), or "
                "a weighted sum of both, each normalised by HEFT's.",
                EnumValue(OBJECTIVE_MAKESPAN),
                DNN_MAKE_ENUM_ACCESSOR(DnnObjective, &DnnMetaheuristicScheduler::m_objective),
                MakeEnumChecker(OBJECTIVE_MAKESPAN, "makespan", OBJECTIVE_ENERGY, "energy",
                                OBJECTIVE_WEIGHTED, "weighted"))
            .AddAttribute("EnergyWeight",
                          "Weight a of the energy in the weighted objective "
                          "(1 - a) makespan / HEFT makespan + a energy / HEFT energy.",
                          DoubleValue(0.5),
                          MakeDoubleAccessor(&DnnMetaheuristicScheduler::m_energyWeight),
                          MakeDoubleChecker<double>(0.0, 1.0));
    return tid;
}

DnnGeneEncoding
DnnMetaheuristicScheduler::MakeEncoding(const DnnSchedulingProblem& problem,
                                        const std::vector<uint32_t>& /* incumbent */) const
{
    return DnnGeneEncoding::PerTask(problem);
}

bool
DnnMetaheuristicScheduler::UseHeftFallback() const
{
    return true;
}

uint64_t
DnnMetaheuristicScheduler::LastEvaluations() const
{
    return m_lastEvaluations;
}

DnnSchedule
DnnMetaheuristicScheduler::Plan(const DnnSchedulingProblem& problem)
{
    NS_LOG_FUNCTION(this << &problem);
    NS_LOG_INFO(GetInstanceTypeId().GetName()
                << " on " << problem.TaskCount() << " tasks, " << problem.ProcessorCount()
                << " processors, " << problem.EdgeCount() << " edges; objective "
                << (m_objective == OBJECTIVE_MAKESPAN ? "makespan"
                    : m_objective == OBJECTIVE_ENERGY ? "energy"
                                                      : "weighted")
                << ", seed " << m_seed);
    const uint32_t n = problem.TaskCount();
    const std::vector<DnnSchedule> lists = {CreateObject<DnnHeftScheduler>()->Plan(problem),
                                            CreateObject<DnnPeftScheduler>()->Plan(problem),
                                            CreateObject<DnnCpopScheduler>()->Plan(problem)};
    std::vector<std::vector<uint32_t>> assignments(lists.size(), std::vector<uint32_t>(n));
    for (std::size_t k = 0; k < lists.size(); ++k)
    {
        for (uint32_t t = 0; t < n; ++t)
        {
            assignments[k][t] = lists[k].Processor(t);
        }
    }
    // Pick the incumbent with a context that only scores whole schedules.
    std::size_t incumbent = 0;
    double incumbentValue = DnnSchedulingProblem::INF;
    {
        DnnSearchContext judge(problem, DnnGeneEncoding::PerTask(problem),
                               DnnScheduleEvaluator::StartOrder(problem, lists[0]), m_objective,
                               m_energyWeight, lists[0], m_seed);
        for (std::size_t k = 0; k < lists.size(); ++k)
        {
            const double value = judge.ValueOf(lists[k]);
            NS_LOG_DEBUG(LIST_SCHEDULERS[k] << ": makespan " << lists[k].Makespan()
                                            << " s, objective value " << value);
            if (value < incumbentValue)
            {
                incumbent = k;
                incumbentValue = value;
            }
        }
    }
    NS_LOG_DEBUG("incumbent " << LIST_SCHEDULERS[incumbent] << " (objective value "
                              << incumbentValue << ")");
    std::swap(assignments[0], assignments[incumbent]);
    DnnSearchContext context(problem, MakeEncoding(problem, assignments[0]),
                             DnnScheduleEvaluator::StartOrder(problem, lists[incumbent]),
                             m_objective, m_energyWeight, lists[0], m_seed);
    std::vector<std::vector<uint32_t>> seeds(assignments.size(),
                                             std::vector<uint32_t>(context.GeneCount()));
    for (std::size_t k = 0; k < assignments.size(); ++k)
    {
        context.Encoding().Encode(assignments[k].data(), seeds[k].data());
    }
    Search(context, seeds);
    m_lastEvaluations = context.Evaluations();
    NS_LOG_DEBUG("search: " << context.Evaluations() << " evaluations, best objective value "
                            << context.BestScore());
    if (context.BestScore() == DnnSchedulingProblem::INF ||
        (UseHeftFallback() && incumbentValue <= context.BestScore()))
    {
        NS_LOG_INFO(GetInstanceTypeId().GetName()
                    << ": the search found "
                    << (context.BestScore() == DnnSchedulingProblem::INF ? "no feasible chromosome"
                                                                         : "nothing better")
                    << ": " << LIST_SCHEDULERS[incumbent] << "'s schedule, makespan "
                    << lists[incumbent].Makespan() << " s");
        return lists[incumbent];
    }
    DnnSchedule planned = context.Decode(context.Best().data());
    NS_LOG_INFO(GetInstanceTypeId().GetName() << " makespan " << planned.Makespan() << " s");
    return planned;
}

} // namespace ns3
