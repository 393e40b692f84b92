/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-greedy-scheduler.h"

#include "ns3/log.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DnnGreedyScheduler");

NS_OBJECT_ENSURE_REGISTERED(DnnGreedyScheduler);

TypeId
DnnGreedyScheduler::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::DnnGreedyScheduler")
            .SetParent<DnnMetaheuristicScheduler>()
            .SetGroupName("DnnOffload")
            .AddConstructor<DnnGreedyScheduler>()
            .AddAttribute("BlockSize", "Most tasks per block (1: one task at a time; up to 64).",
                          UintegerValue(4), MakeUintegerAccessor(&DnnGreedyScheduler::m_blockSize),
                          MakeUintegerChecker<uint32_t>(1, 64))
            .AddAttribute("MaxPasses", "Most passes over all blocks (1 to 1000).",
                          UintegerValue(20), MakeUintegerAccessor(&DnnGreedyScheduler::m_maxPasses),
                          MakeUintegerChecker<uint32_t>(1, 1000));
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
    NS_LOG_FUNCTION(this << &context);
    const DnnSchedulingProblem& problem = context.Problem();
    const DnnGeneEncoding& encoding = context.Encoding();
    NS_LOG_INFO("Greedy on " << problem.TaskCount() << " tasks, " << problem.ProcessorCount()
                             << " processors, " << context.GeneCount() << " blocks of at most "
                             << m_blockSize << " tasks; at most " << m_maxPasses << " passes");
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
    NS_LOG_DEBUG("start (each block at its request's home or fastest processor): objective value "
                 << score);
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
        NS_LOG_DEBUG("pass " << pass << ": objective value " << score);
        if (!(score < before))
        {
            NS_LOG_INFO("Greedy stopped after " << pass + 1
                                                << " passes: the last improved nothing; "
                                                << "objective value " << score);
            return;
        }
    }
    NS_LOG_INFO("Greedy stopped after the pass limit " << m_maxPasses << ": objective value "
                                                       << score);
}

} // namespace ns3
