/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-greedy-scheduler.h"

#include "ns3/uinteger.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(DnnGreedyScheduler);

TypeId
DnnGreedyScheduler::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::DnnGreedyScheduler")
            .SetParent<DnnMetaheuristicScheduler>()
            .SetGroupName("DnnOffload")
            .AddConstructor<DnnGreedyScheduler>()
            .AddAttribute("BlockSize", "Most tasks per block (1: one task at a time).",
                          UintegerValue(4), MakeUintegerAccessor(&DnnGreedyScheduler::m_blockSize),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("MaxPasses", "Most passes over all blocks.", UintegerValue(20),
                          MakeUintegerAccessor(&DnnGreedyScheduler::m_maxPasses),
                          MakeUintegerChecker<uint32_t>(1));
    return tid;
}

DnnGeneEncoding
DnnGreedyScheduler::MakeEncoding(const DnnSchedulingProblem& problem,
                                 const std::vector<uint32_t>& /* incumbent */) const
{
    return DnnGeneEncoding::Blocks(problem, m_blockSize);
}

bool
DnnGreedyScheduler::UseHeftFallback() const
{
    return false;
}

void
DnnGreedyScheduler::Search(DnnSearchContext& context,
                           const std::vector<std::vector<uint32_t>>& /* seeds */)
{
    const DnnSchedulingProblem& problem = context.Problem();
    const DnnGeneEncoding& encoding = context.Encoding();
    std::vector<uint32_t> genes(context.GeneCount());
    for (uint32_t g = 0; g < genes.size(); ++g)
    {
        const uint32_t first = *encoding.TasksBegin(g);
        const uint32_t home = problem.RequestHome(problem.Request(first));
        uint32_t start = encoding.AllowedBegin(g)[0];
        double fastest = DnnSchedulingProblem::INF;
        for (uint32_t i = 0; i < encoding.AllowedCount(g); ++i)
        {
            const uint32_t p = encoding.AllowedBegin(g)[i];
            if (p == home)
            {
                start = p;
                break;
            }
            if (problem.Cost(first, p) < fastest)
            {
                fastest = problem.Cost(first, p);
                start = p;
            }
        }
        genes[g] = start;
    }
    double score = context.Score(genes.data());
    for (uint32_t pass = 0; pass < m_maxPasses; ++pass)
    {
        const double before = score;
        for (uint32_t g = 0; g < genes.size(); ++g)
        {
            const uint32_t original = genes[g];
            uint32_t best = original;
            for (uint32_t i = 0; i < encoding.AllowedCount(g); ++i)
            {
                genes[g] = encoding.AllowedBegin(g)[i];
                const double value = genes[g] == original ? score : context.Score(genes.data());
                if (value < score)
                {
                    score = value;
                    best = genes[g];
                }
            }
            genes[g] = best;
        }
        if (!(score < before))
        {
            break;
        }
    }
}

} // namespace ns3
