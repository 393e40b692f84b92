/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-search-context.h"

#include "ns3/log.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DnnSearchContext");

DnnSearchContext::DnnSearchContext(const DnnSchedulingProblem& problem, DnnGeneEncoding encoding,
                                   std::vector<uint32_t> order, DnnObjective objective,
                                   double energyWeight, const DnnSchedule& reference, uint64_t seed)
    : m_problem(problem), m_encoding(std::move(encoding)), m_order(std::move(order)),
      m_evaluator(problem), m_objective(objective), m_energyWeight(energyWeight),
      m_makespanScale(1.0), m_energyScale(1.0), m_rng(seed), m_assignment(problem.TaskCount()),
      m_best(m_encoding.GeneCount()), m_bestScore(DnnSchedulingProblem::INF)
{
    NS_LOG_FUNCTION(this << &problem << objective << energyWeight << seed);
    std::vector<uint32_t> assignment(problem.TaskCount());
    for (uint32_t t = 0; t < problem.TaskCount(); ++t)
    {
        assignment[t] = reference.Processor(t);
    }
    const double energy = m_evaluator.Evaluate(assignment.data(), m_order.data()).energy;
    if (reference.Makespan() > 0)
    {
        m_makespanScale = reference.Makespan();
    }
    if (energy > 0 && energy < DnnSchedulingProblem::INF)
    {
        m_energyScale = energy;
    }
    NS_LOG_LOGIC(m_encoding.GeneCount()
                 << " genes for " << problem.TaskCount() << " tasks; reference makespan "
                 << m_makespanScale << " s, energy " << m_energyScale << " J");
}

const DnnSchedulingProblem&
DnnSearchContext::Problem() const
{
    return m_problem;
}

const DnnGeneEncoding&
DnnSearchContext::Encoding() const
{
    return m_encoding;
}

uint32_t
DnnSearchContext::GeneCount() const
{
    return m_encoding.GeneCount();
}

double
DnnSearchContext::Objective(double makespan, double energy, double completion) const
{
    switch (m_objective)
    {
    case OBJECTIVE_MAKESPAN:
        return makespan + 1e-3 * completion;
    case OBJECTIVE_ENERGY:
        return energy;
    case OBJECTIVE_WEIGHTED:
        return (1 - m_energyWeight) * makespan / m_makespanScale +
               m_energyWeight * energy / m_energyScale;
    }
    return makespan;
}

double
DnnSearchContext::Score(const uint32_t* genes)
{
    ++m_evaluations;
    m_encoding.Expand(genes, m_assignment.data());
    if (!m_evaluator.Repair(m_assignment.data()))
    {
        return DnnSchedulingProblem::INF;
    }
    const auto outcome = m_evaluator.Evaluate(m_assignment.data(), m_order.data());
    const double value = Objective(outcome.makespan, outcome.energy, outcome.completion);
    if (value < m_bestScore)
    {
        m_bestScore = value;
        std::copy(genes, genes + GeneCount(), m_best.begin());
    }
    return value;
}

double
DnnSearchContext::ValueOf(const DnnSchedule& schedule)
{
    NS_LOG_FUNCTION(this << &schedule);
    for (uint32_t t = 0; t < m_problem.TaskCount(); ++t)
    {
        m_assignment[t] = schedule.Processor(t);
    }
    const double energy = m_evaluator.Evaluate(m_assignment.data(), m_order.data()).energy;
    double sum = 0;
    uint32_t count = 0;
    for (uint32_t t = 0; t < m_problem.TaskCount(); ++t)
    {
        if (m_problem.IsSink(t))
        {
            sum += schedule.Finish(t);
            ++count;
        }
    }
    if (count == 0)
    {
        for (uint32_t t = 0; t < m_problem.TaskCount(); ++t)
        {
            sum += schedule.Finish(t);
        }
        count = m_problem.TaskCount();
    }
    return Objective(schedule.Makespan(), energy, count ? sum / count : 0.0);
}

void
DnnSearchContext::InitialChromosome(uint32_t i, const std::vector<std::vector<uint32_t>>& seeds,
                                    uint32_t count, uint32_t* genes)
{
    if (i < seeds.size())
    {
        std::copy(seeds[i].begin(), seeds[i].end(), genes);
        return;
    }
    if (i < std::max<std::size_t>(seeds.size(), count / 2))
    {
        const auto& seed = seeds[i % seeds.size()];
        std::copy(seed.begin(), seed.end(), genes);
        for (uint32_t g = 0; g < GeneCount(); ++g)
        {
            if (RandomUnit() < 0.1)
            {
                genes[g] = RandomProcessor(g, genes[g]);
            }
        }
        return;
    }
    RandomGenes(genes);
}

const std::vector<uint32_t>&
DnnSearchContext::Best() const
{
    return m_best;
}

double
DnnSearchContext::BestScore() const
{
    return m_bestScore;
}

uint64_t
DnnSearchContext::Evaluations() const
{
    return m_evaluations;
}

DnnSchedule
DnnSearchContext::Decode(const uint32_t* genes)
{
    NS_LOG_FUNCTION(this << genes);
    m_encoding.Expand(genes, m_assignment.data());
    m_evaluator.Repair(m_assignment.data());
    return m_evaluator.Decode(m_assignment.data(), m_order.data());
}

uint32_t
DnnSearchContext::RandomIndex(uint32_t n)
{
    return static_cast<uint32_t>(m_rng() % n);
}

double
DnnSearchContext::RandomUnit()
{
    return static_cast<double>(m_rng() >> 11) * 0x1.0p-53;
}

uint32_t
DnnSearchContext::RandomProcessor(uint32_t gene, uint32_t avoid)
{
    const uint32_t count = m_encoding.AllowedCount(gene);
    const uint32_t* allowed = m_encoding.AllowedBegin(gene);
    if (count == 1)
    {
        return allowed[0];
    }
    uint32_t p = allowed[RandomIndex(count)];
    while (p == avoid)
    {
        p = allowed[RandomIndex(count)];
    }
    return p;
}

void
DnnSearchContext::RandomGenes(uint32_t* genes)
{
    for (uint32_t g = 0; g < GeneCount(); ++g)
    {
        genes[g] = m_encoding.AllowedBegin(g)[RandomIndex(m_encoding.AllowedCount(g))];
    }
}

} // namespace ns3
