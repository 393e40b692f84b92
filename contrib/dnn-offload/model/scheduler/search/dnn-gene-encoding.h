/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_GENE_ENCODING_H
#define DNN_GENE_ENCODING_H

#include "ns3/dnn-scheduling-problem.h"

#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup dnn-offload
 * \brief How a metaheuristic's chromosome maps onto a task assignment.
 *
 * A gene is a group of unpinned tasks that always share a processor: one task each
 * (PerTask) or a block of pieces (Blocks, the seed's multilevel coarsening). A gene may
 * take any processor on which every one of its tasks has a finite execution time; pinned
 * tasks are not genes, they stay on their pin. Genes are numbered in topological order of
 * their first task, so a two-point crossover exchanges neighbouring parts of the DAG.
 */
class DnnGeneEncoding
{
  public:
    /** \brief One gene per unpinned task. \param problem a finalized problem
     *  \return the encoding */
    static DnnGeneEncoding PerTask(const DnnSchedulingProblem& problem);
    /**
     * \brief Blocks by multilevel coarsening: at each level, visiting tasks in topological
     * order, an unmatched block merges with the unmatched successor block it sends the
     * most data to, if together they have at most \p maxBlockSize tasks and a processor
     * they can all run on; levels repeat until nothing merges. In a piece-wise DNN the
     * heaviest successor of a strip is the same strip of the next layer.
     * With \p together, only tasks that assignment puts on the same processor merge, so
     * that assignment stays exactly representable.
     * \param problem a finalized problem \param maxBlockSize tasks per block (>= 1)
     * \param together an assignment to respect, or nullptr
     * \return the encoding
     */
    static DnnGeneEncoding Blocks(const DnnSchedulingProblem& problem, uint32_t maxBlockSize,
                                  const uint32_t* together = nullptr);

    /** \brief Number of genes. \return the count */
    uint32_t GeneCount() const;
    /** \brief Tasks of a gene. \param gene gene \return first */
    const uint32_t* TasksBegin(uint32_t gene) const { return m_tasks.data() + m_taskStart[gene]; }
    /** \brief End of a gene's tasks. \param gene gene \return past-the-end */
    const uint32_t* TasksEnd(uint32_t gene) const { return m_tasks.data() + m_taskStart[gene + 1]; }
    /** \brief Processors a gene may take. \param gene gene \return first */
    const uint32_t* AllowedBegin(uint32_t gene) const
    {
        return m_allowed.data() + m_allowedStart[gene];
    }
    /** \brief Number of processors a gene may take. \param gene gene \return the count */
    uint32_t AllowedCount(uint32_t gene) const
    {
        return static_cast<uint32_t>(m_allowedStart[gene + 1] - m_allowedStart[gene]);
    }
    /** \brief Write the assignment a chromosome stands for. \param genes one processor per
     *  gene \param assignment one processor per task (written) */
    void Expand(const uint32_t* genes, uint32_t* assignment) const;
    /** \brief The chromosome closest to an assignment: each gene takes the allowed processor
     *  most of its tasks are on (ties: the lower index). \param assignment one processor per
     *  task \param genes one processor per gene (written) */
    void Encode(const uint32_t* assignment, uint32_t* genes) const;

  private:
    /** \brief Build from a block id per unpinned task. \param problem the problem
     *  \param block block of each task (NONE for pinned tasks) */
    DnnGeneEncoding(const DnnSchedulingProblem& problem, const std::vector<uint32_t>& block);

    uint32_t m_processors{0};                //!< processors of the problem
    std::vector<uint32_t> m_fixed;           //!< per task: its pin, NONE for gene tasks
    std::vector<uint32_t> m_tasks;           //!< tasks of all genes, gene by gene
    std::vector<std::size_t> m_taskStart;    //!< CSR offsets into m_tasks
    std::vector<uint32_t> m_allowed;         //!< allowed processors, gene by gene
    std::vector<std::size_t> m_allowedStart; //!< CSR offsets into m_allowed
    mutable std::vector<uint32_t> m_votes;   //!< scratch for Encode
};

} // namespace ns3

#endif /* DNN_GENE_ENCODING_H */
