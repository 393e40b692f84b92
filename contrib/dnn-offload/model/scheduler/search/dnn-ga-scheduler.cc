/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-ga-scheduler.h"

#include "dnn-psoga-optimizer.h"

#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <numeric>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DnnGaScheduler");

NS_OBJECT_ENSURE_REGISTERED(DnnGaScheduler);

TypeId
DnnGaScheduler::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::DnnGaScheduler")
            .SetParent<DnnMetaheuristicScheduler>()
            .SetGroupName("DnnOffload")
            .AddConstructor<DnnGaScheduler>()
            .AddAttribute("Population", "Chromosomes per generation (2 to 10000).",
                          UintegerValue(50), MakeUintegerAccessor(&DnnGaScheduler::m_population),
                          MakeUintegerChecker<uint32_t>(2, 10000))
            .AddAttribute("Generations", "Most generations (0 to 100000).", UintegerValue(600),
                          MakeUintegerAccessor(&DnnGaScheduler::m_generations),
                          MakeUintegerChecker<uint32_t>(0, 100000))
            .AddAttribute("Patience",
                          "Stop after this many generations without a better best (1 to 100000).",
                          UintegerValue(50), MakeUintegerAccessor(&DnnGaScheduler::m_patience),
                          MakeUintegerChecker<uint32_t>(1, 100000))
            .AddAttribute("CrossoverRate", "Probability that a child gets a two-point crossover.",
                          DoubleValue(0.9), MakeDoubleAccessor(&DnnGaScheduler::m_crossover),
                          MakeDoubleChecker<double>(0, 1))
            .AddAttribute("MutationRate", "Probability that a child has one gene mutated.",
                          DoubleValue(0.1), MakeDoubleAccessor(&DnnGaScheduler::m_mutation),
                          MakeDoubleChecker<double>(0, 1));
    return tid;
}

void
DnnGaScheduler::Search(DnnSearchContext& context, const std::vector<std::vector<uint32_t>>& seeds)
{
    NS_LOG_FUNCTION(this << &context);
    const uint32_t genes = context.GeneCount();
    const uint32_t size = m_population;
    NS_LOG_INFO("GA on " << context.Problem().TaskCount() << " tasks, "
                         << context.Problem().ProcessorCount() << " processors, " << genes
                         << " genes; population " << size << ", at most " << m_generations
                         << " generations, patience " << m_patience);
    if (genes == 0)
    {
        NS_LOG_INFO("GA: no gene to search (every task is pinned)");
        context.Score(seeds[0].data());
        return;
    }
    // Rows 0 .. size-1: the population; rows size .. 2 size-1: the children.
    std::vector<uint32_t> pool(2 * static_cast<std::size_t>(size) * genes);
    std::vector<double> score(2 * size);
    const auto row = [&](uint32_t i)
    {
        return pool.data() + static_cast<std::size_t>(i) * genes;
    };
    for (uint32_t i = 0; i < size; ++i)
    {
        context.InitialChromosome(i, seeds, size, row(i));
        score[i] = context.Score(row(i));
    }
    std::vector<uint32_t> rank(2 * size);
    std::vector<uint32_t> survivors(pool.size() / 2);
    std::vector<double> survivorScore(size);
    double best = context.BestScore();
    NS_LOG_DEBUG("initial population: best objective value " << best);
    uint32_t stale = 0;
    uint32_t gen = 0;
    for (; gen < m_generations && stale < m_patience; ++gen)
    {
        for (uint32_t c = size; c < 2 * size; ++c)
        {
            const uint32_t a = context.RandomIndex(size);
            const uint32_t b = context.RandomIndex(size);
            std::copy(row(a), row(a) + genes, row(c));
            if (context.RandomUnit() < m_crossover)
            {
                DnnPsoGaOptimizer::TwoPointCrossover(context, row(b), row(c), genes);
            }
            if (context.RandomUnit() < m_mutation)
            {
                const uint32_t g = context.RandomIndex(genes);
                row(c)[g] = context.RandomProcessor(g, row(c)[g]);
            }
            score[c] = context.Score(row(c));
        }
        // Elitist truncation: the best `size` of parents and children, ties to the older.
        std::iota(rank.begin(), rank.end(), 0);
        std::stable_sort(rank.begin(), rank.end(),
                         [&](uint32_t x, uint32_t y) { return score[x] < score[y]; });
        for (uint32_t i = 0; i < size; ++i)
        {
            std::copy(row(rank[i]), row(rank[i]) + genes,
                      survivors.begin() + static_cast<std::ptrdiff_t>(i) * genes);
            survivorScore[i] = score[rank[i]];
        }
        std::copy(survivors.begin(), survivors.end(), pool.begin());
        std::copy(survivorScore.begin(), survivorScore.end(), score.begin());
        if (context.BestScore() < best)
        {
            NS_LOG_DEBUG("generation " << gen << ": best objective value " << context.BestScore()
                                       << " (" << context.Evaluations() << " evaluations)");
        }
        stale = context.BestScore() < best ? 0 : stale + 1;
        best = context.BestScore();
    }
    NS_LOG_INFO("GA stopped after "
                << gen << " generations ("
                << (stale >= m_patience ? "no better best for the last " : "the generation limit; ")
                << (stale >= m_patience ? stale : m_generations)
                << (stale >= m_patience ? " generations)" : ")") << ": best objective value "
                << best << ", " << context.Evaluations() << " evaluations");
}

} // namespace ns3
