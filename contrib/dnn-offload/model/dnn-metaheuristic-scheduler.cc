/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-metaheuristic-scheduler.h"

#include "dnn-heft-scheduler.h"

#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/uinteger.h"

namespace ns3
{

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
            .AddAttribute("Objective",
                          "What to minimise: the makespan, the energy (compute + transmit), or "
                          "a weighted sum of both, each normalised by HEFT's.",
                          EnumValue(OBJECTIVE_MAKESPAN),
                          MakeEnumAccessor(&DnnMetaheuristicScheduler::m_objective),
                          MakeEnumChecker(OBJECTIVE_MAKESPAN, "makespan", OBJECTIVE_ENERGY,
                                          "energy", OBJECTIVE_WEIGHTED, "weighted"))
            .AddAttribute("EnergyWeight",
                          "Weight a of the energy in the weighted objective "
                          "(1 - a) makespan / HEFT makespan + a energy / HEFT energy.",
                          DoubleValue(0.5),
                          MakeDoubleAccessor(&DnnMetaheuristicScheduler::m_energyWeight),
                          MakeDoubleChecker<double>(0.0, 1.0));
    return tid;
}

DnnGeneEncoding
DnnMetaheuristicScheduler::MakeEncoding(const DnnSchedulingProblem& problem) const
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
    const DnnSchedule heft = CreateObject<HeftScheduler>()->Plan(problem);
    DnnSearchContext context(problem, MakeEncoding(problem),
                             DnnScheduleEvaluator::StartOrder(problem, heft), m_objective,
                             m_energyWeight, heft, m_seed);
    std::vector<uint32_t> assignment(problem.TaskCount());
    for (uint32_t t = 0; t < problem.TaskCount(); ++t)
    {
        assignment[t] = heft.Processor(t);
    }
    std::vector<uint32_t> heftGenes(context.GeneCount());
    context.Encoding().Encode(assignment.data(), heftGenes.data());
    Search(context, heftGenes);
    m_lastEvaluations = context.Evaluations();
    if (context.BestScore() == DnnSchedulingProblem::INF)
    {
        return heft; // nothing feasible was scored
    }
    DnnSchedule best = context.Decode(context.Best().data());
    if (UseHeftFallback())
    {
        DnnScheduleEvaluator evaluator(problem);
        const double heftEnergy =
            evaluator
                .Evaluate(assignment.data(), DnnScheduleEvaluator::StartOrder(problem, heft).data())
                .energy;
        if (context.Objective(heft.Makespan(), heftEnergy) < context.BestScore())
        {
            return heft;
        }
    }
    return best;
}

} // namespace ns3
