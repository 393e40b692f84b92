/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-gene-encoding.h"

#include "ns3/log.h"

#include <cmath>
#include <numeric>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DnnGeneEncoding");

namespace
{

constexpr uint32_t NONE = DnnSchedulingProblem::NONE;

/** Union-find root with path halving. */
uint32_t
Root(std::vector<uint32_t>& parent, uint32_t x)
{
    while (parent[x] != x)
    {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    return x;
}

} // namespace

DnnGeneEncoding
DnnGeneEncoding::PerTask(const DnnSchedulingProblem& problem)
{
    NS_LOG_FUNCTION(&problem);
    std::vector<uint32_t> block(problem.TaskCount(), NONE);
    for (uint32_t t = 0; t < problem.TaskCount(); ++t)
    {
        if (problem.Pinned(t) == NONE)
        {
            block[t] = t;
        }
    }
    return DnnGeneEncoding(problem, block);
}

DnnGeneEncoding
DnnGeneEncoding::Blocks(const DnnSchedulingProblem& problem, uint32_t maxBlockSize,
                        const uint32_t* together)
{
    NS_LOG_FUNCTION(&problem << maxBlockSize << together);
    const uint32_t n = problem.TaskCount();
    const uint32_t m = problem.ProcessorCount();
    std::vector<uint32_t> parent(n);
    std::iota(parent.begin(), parent.end(), 0);
    std::vector<uint32_t> size(n, 1);
    std::vector<uint8_t> allowed(static_cast<std::size_t>(n) * m); // per root
    for (uint32_t t = 0; t < n; ++t)
    {
        for (uint32_t p = 0; p < m; ++p)
        {
            allowed[static_cast<std::size_t>(t) * m + p] = std::isfinite(problem.Cost(t, p));
        }
    }
    const auto shareProcessor = [&](uint32_t a, uint32_t b)
    {
        for (uint32_t p = 0; p < m; ++p)
        {
            if (allowed[static_cast<std::size_t>(a) * m + p] &&
                allowed[static_cast<std::size_t>(b) * m + p])
            {
                return true;
            }
        }
        return false;
    };
    std::vector<uint8_t> matched(n);
    for (bool merged = true; merged;)
    {
        merged = false;
        std::fill(matched.begin(), matched.end(), 0);
        for (uint32_t t : problem.TopologicalOrder())
        {
            const uint32_t b = Root(parent, t);
            if (problem.Pinned(t) != NONE || matched[b])
            {
                continue;
            }
            uint32_t best = NONE;
            double bestData = -1;
            for (auto a = problem.SuccBegin(t); a != problem.SuccEnd(t); ++a)
            {
                const uint32_t c = Root(parent, a->task);
                if (problem.Pinned(a->task) == NONE && c != b && !matched[c] &&
                    (!together || together[t] == together[a->task]) &&
                    size[b] + size[c] <= maxBlockSize && a->data > bestData && shareProcessor(b, c))
                {
                    best = c;
                    bestData = a->data;
                }
            }
            if (best != NONE)
            {
                parent[best] = b;
                size[b] += size[best];
                for (uint32_t p = 0; p < m; ++p)
                {
                    allowed[static_cast<std::size_t>(b) * m + p] &=
                        allowed[static_cast<std::size_t>(best) * m + p];
                }
                matched[b] = 1;
                merged = true;
            }
        }
    }
    std::vector<uint32_t> block(n, NONE);
    for (uint32_t t = 0; t < n; ++t)
    {
        if (problem.Pinned(t) == NONE)
        {
            block[t] = Root(parent, t);
        }
    }
    return DnnGeneEncoding(problem, block);
}

DnnGeneEncoding::DnnGeneEncoding(const DnnSchedulingProblem& problem,
                                 const std::vector<uint32_t>& block)
    : m_processors(problem.ProcessorCount()), m_fixed(problem.TaskCount(), NONE)
{
    const uint32_t n = problem.TaskCount();
    // Number genes by the topological position of their first task.
    std::vector<uint32_t> geneOfBlock(n, NONE);
    std::vector<std::vector<uint32_t>> members;
    for (uint32_t t : problem.TopologicalOrder())
    {
        if (block[t] == NONE)
        {
            m_fixed[t] = problem.Pinned(t);
            continue;
        }
        if (geneOfBlock[block[t]] == NONE)
        {
            geneOfBlock[block[t]] = static_cast<uint32_t>(members.size());
            members.emplace_back();
        }
        members[geneOfBlock[block[t]]].push_back(t);
    }
    m_taskStart.push_back(0);
    m_allowedStart.push_back(0);
    for (const auto& tasks : members)
    {
        m_tasks.insert(m_tasks.end(), tasks.begin(), tasks.end());
        m_taskStart.push_back(m_tasks.size());
        for (uint32_t p = 0; p < m_processors; ++p)
        {
            bool ok = true;
            for (uint32_t t : tasks)
            {
                ok = ok && std::isfinite(problem.Cost(t, p));
            }
            if (ok)
            {
                m_allowed.push_back(p);
            }
        }
        m_allowedStart.push_back(m_allowed.size());
    }
    m_votes.assign(m_processors, 0);
    NS_LOG_LOGIC(GeneCount() << " genes for " << n << " tasks (" << m_tasks.size() << " searched, "
                             << n - m_tasks.size() << " pinned), " << m_allowed.size()
                             << " allowed (gene, processor) pairs");
}

uint32_t
DnnGeneEncoding::GeneCount() const
{
    return static_cast<uint32_t>(m_taskStart.size() - 1);
}

void
DnnGeneEncoding::Expand(const uint32_t* genes, uint32_t* assignment) const
{
    for (std::size_t t = 0; t < m_fixed.size(); ++t)
    {
        if (m_fixed[t] != NONE)
        {
            assignment[t] = m_fixed[t];
        }
    }
    for (uint32_t g = 0; g < GeneCount(); ++g)
    {
        for (const uint32_t* t = TasksBegin(g); t != TasksEnd(g); ++t)
        {
            assignment[*t] = genes[g];
        }
    }
}

void
DnnGeneEncoding::Encode(const uint32_t* assignment, uint32_t* genes) const
{
    for (uint32_t g = 0; g < GeneCount(); ++g)
    {
        for (const uint32_t* t = TasksBegin(g); t != TasksEnd(g); ++t)
        {
            if (assignment[*t] < m_processors)
            {
                ++m_votes[assignment[*t]];
            }
        }
        uint32_t best = AllowedBegin(g)[0];
        for (uint32_t i = 0; i < AllowedCount(g); ++i)
        {
            const uint32_t p = AllowedBegin(g)[i];
            if (m_votes[p] > m_votes[best])
            {
                best = p;
            }
        }
        genes[g] = best;
        for (const uint32_t* t = TasksBegin(g); t != TasksEnd(g); ++t)
        {
            if (assignment[*t] < m_processors)
            {
                m_votes[assignment[*t]] = 0;
            }
        }
    }
}

} // namespace ns3
