/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-psoga-optimizer.h"

#include "ns3/log.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DnnPsoGaOptimizer");

void
DnnPsoGaOptimizer::TwoPointCrossover(DnnSearchContext& context, const uint32_t* from, uint32_t* to,
                                     uint32_t genes)
{
    uint32_t a = context.RandomIndex(genes);
    uint32_t b = context.RandomIndex(genes);
    if (a > b)
    {
        std::swap(a, b);
    }
    std::copy(from + a, from + b + 1, to + a);
}

void
DnnPsoGaOptimizer::LocalSearch(DnnSearchContext& context, uint32_t* genes, double& score,
                               uint32_t tries)
{
    const DnnGeneEncoding& encoding = context.Encoding();
    for (uint32_t k = 0; k < tries; ++k)
    {
        const uint32_t g = context.RandomIndex(context.GeneCount());
        const uint32_t original = genes[g];
        uint32_t best = original;
        for (uint32_t i = 0; i < encoding.AllowedCount(g); ++i)
        {
            const uint32_t p = encoding.AllowedBegin(g)[i];
            if (p == original)
            {
                continue;
            }
            genes[g] = p;
            const double value = context.Score(genes);
            if (value < score)
            {
                score = value;
                best = p;
            }
        }
        genes[g] = best;
    }
}

void
DnnPsoGaOptimizer::Run(DnnSearchContext& context, const std::vector<std::vector<uint32_t>>& seeds,
                       const DnnPsoGaParameters& parameters)
{
    NS_LOG_FUNCTION(&context);
    const uint32_t genes = context.GeneCount();
    const uint32_t count = std::max<uint32_t>(1, parameters.particles);
    NS_LOG_INFO("PSO-GA on " << context.Problem().TaskCount() << " tasks, "
                             << context.Problem().ProcessorCount() << " processors, " << genes
                             << " genes; " << count << " particles, at most "
                             << parameters.iterations << " iterations, patience "
                             << parameters.patience << ", local search on "
                             << parameters.localSearchGenes << " genes per particle");
    if (genes == 0)
    {
        NS_LOG_INFO("PSO-GA: no gene to search (every task is pinned)");
        context.Score(seeds[0].data());
        return;
    }
    const auto row = [genes](std::vector<uint32_t>& v, uint32_t i)
    {
        return v.data() + static_cast<std::size_t>(i) * genes;
    };
    std::vector<uint32_t> position(static_cast<std::size_t>(count) * genes);
    std::vector<uint32_t> personal(position.size());
    std::vector<double> personalScore(count);
    std::vector<uint32_t> global(seeds[0]);
    double globalScore = DnnSchedulingProblem::INF;
    for (uint32_t i = 0; i < count; ++i)
    {
        context.InitialChromosome(i, seeds, count, row(position, i));
        personalScore[i] = context.Score(row(position, i));
        std::copy(row(position, i), row(position, i) + genes, row(personal, i));
        if (personalScore[i] < globalScore)
        {
            globalScore = personalScore[i];
            std::copy(row(position, i), row(position, i) + genes, global.begin());
        }
    }
    NS_LOG_DEBUG("initial swarm: best objective value " << globalScore);
    const double last = std::max<double>(1, parameters.iterations - 1);
    uint32_t stale = 0;
    uint32_t it = 0;
    for (; it < parameters.iterations && stale < parameters.patience; ++it)
    {
        const double f = it / last;
        const double w =
            parameters.inertiaStart + (parameters.inertiaEnd - parameters.inertiaStart) * f;
        const double c1 =
            parameters.cognitiveStart + (parameters.cognitiveEnd - parameters.cognitiveStart) * f;
        const double c2 =
            parameters.socialStart + (parameters.socialEnd - parameters.socialStart) * f;
        bool improved = false;
        for (uint32_t i = 0; i < count; ++i)
        {
            uint32_t* x = row(position, i);
            uint32_t same = 0;
            for (uint32_t g = 0; g < genes; ++g)
            {
                same += x[g] == global[g];
            }
            if (context.RandomUnit() < w * (0.5 + 0.5 * same / genes))
            {
                const uint32_t g = context.RandomIndex(genes);
                x[g] = context.RandomProcessor(g, x[g]);
            }
            if (context.RandomUnit() < c1)
            {
                TwoPointCrossover(context, row(personal, i), x, genes);
            }
            if (context.RandomUnit() < c2)
            {
                TwoPointCrossover(context, global.data(), x, genes);
            }
            double score = context.Score(x);
            if (parameters.localSearchGenes > 0)
            {
                LocalSearch(context, x, score, parameters.localSearchGenes);
            }
            if (score < personalScore[i])
            {
                personalScore[i] = score;
                std::copy(x, x + genes, row(personal, i));
            }
            if (score < globalScore)
            {
                globalScore = score;
                std::copy(x, x + genes, global.begin());
                improved = true;
            }
        }
        if (improved)
        {
            NS_LOG_DEBUG("iteration " << it << ": best objective value " << globalScore << " ("
                                      << context.Evaluations() << " evaluations)");
        }
        stale = improved ? 0 : stale + 1;
    }
    const bool patient = stale >= parameters.patience;
    NS_LOG_INFO("PSO-GA stopped after "
                << it << " iterations ("
                << (patient ? "no better global best for the last " : "the iteration limit; ")
                << (patient ? stale : parameters.iterations) << (patient ? " iterations)" : ")")
                << ": best objective value " << globalScore << ", " << context.Evaluations()
                << " evaluations");
}

} // namespace ns3
