/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_SEARCH_CONTEXT_H
#define DNN_SEARCH_CONTEXT_H

#include "dnn-gene-encoding.h"
#include "ns3/dnn-schedule-evaluator.h"
#include "ns3/dnn-scheduling-problem.h"

#include <cstdint>
#include <random>
#include <vector>

namespace ns3
{

/** \ingroup dnn-offload \brief What a metaheuristic minimises. */
enum DnnObjective
{
    OBJECTIVE_MAKESPAN, //!< latest finish
    OBJECTIVE_ENERGY,   //!< compute energy plus transmit energy
    OBJECTIVE_WEIGHTED, //!< (1 - a) makespan / HEFT's makespan + a energy / HEFT's energy
};

/**
 * \ingroup dnn-offload
 * \brief Everything a metaheuristic needs during one Plan(): the encoding, the scoring of
 *        a chromosome through the shared evaluator, the random stream, and the best
 *        chromosome seen so far (recorded by Score() itself).
 *
 * Score() does no allocation: it expands the chromosome into a scratch assignment,
 * repairs it (memory overflow) and decodes it in the fixed priority order.
 */
class DnnSearchContext
{
  public:
    /**
     * \brief A context.
     * \param problem a finalized problem
     * \param encoding how chromosomes map onto tasks
     * \param order the priority order used to decode (a topological order)
     * \param objective what to minimise
     * \param energyWeight a in the weighted objective
     * \param reference a schedule whose makespan and energy normalise the weighted
     *        objective (HEFT's)
     * \param seed seed of the random stream
     */
    DnnSearchContext(const DnnSchedulingProblem& problem, DnnGeneEncoding encoding,
                     std::vector<uint32_t> order, DnnObjective objective, double energyWeight,
                     const DnnSchedule& reference, uint64_t seed);

    /** \brief The problem. \return the problem */
    const DnnSchedulingProblem& Problem() const;
    /** \brief The encoding. \return the encoding */
    const DnnGeneEncoding& Encoding() const;
    /** \brief Number of genes. \return the count */
    uint32_t GeneCount() const;
    /** \brief Objective value of a chromosome (lower is better; INF when infeasible), and
     *  remember it when it is the best so far. \param genes one processor per gene
     *  \return the value */
    double Score(const uint32_t* genes);
    /** \brief Objective value. With the makespan objective, ties (within 0.1 %) are broken
     *  by the mean request completion: value = makespan + 0.001 completion, which gives the
     *  search a slope where the latest request alone sets the makespan.
     *  \param makespan s \param energy J \param completion mean request completion, s
     *  \return the value */
    double Objective(double makespan, double energy, double completion) const;
    /** \brief Objective value of a complete schedule (e.g. a list scheduler's).
     *  \param schedule the schedule \return the value */
    double ValueOf(const DnnSchedule& schedule);
    /** \brief Member \p i of an initial population of \p count: the seed chromosomes
     *  first, then until half the population copies of them with each gene re-drawn with
     *  probability 0.1, then random chromosomes. \param i index \param seeds seed
     *  chromosomes (at least one) \param count population size
     *  \param genes written */
    void InitialChromosome(uint32_t i, const std::vector<std::vector<uint32_t>>& seeds,
                           uint32_t count, uint32_t* genes);
    /** \brief The best chromosome scored so far. \return its genes */
    const std::vector<uint32_t>& Best() const;
    /** \brief The best value scored so far. \return the value */
    double BestScore() const;
    /** \brief Chromosomes scored so far. \return the count */
    uint64_t Evaluations() const;
    /** \brief The schedule of a chromosome. \param genes one processor per gene
     *  \return the schedule */
    DnnSchedule Decode(const uint32_t* genes);
    /** \brief A uniformly random integer. \param n bound (> 0) \return in [0, n) */
    uint32_t RandomIndex(uint32_t n);
    /** \brief A uniformly random real. \return in [0, 1) */
    double RandomUnit();
    /** \brief A random allowed processor for a gene, different from \p avoid when the gene
     *  has another. \param gene gene \param avoid processor to avoid \return processor */
    uint32_t RandomProcessor(uint32_t gene, uint32_t avoid);
    /** \brief Fill a chromosome with random allowed processors. \param genes written */
    void RandomGenes(uint32_t* genes);

  private:
    const DnnSchedulingProblem& m_problem; //!< the problem
    DnnGeneEncoding m_encoding;            //!< chromosome -> assignment
    std::vector<uint32_t> m_order;         //!< decoding order
    DnnScheduleEvaluator m_evaluator;      //!< the shared evaluator
    DnnObjective m_objective;              //!< what to minimise
    double m_energyWeight;                 //!< a
    double m_makespanScale;                //!< HEFT's makespan (or 1)
    double m_energyScale;                  //!< HEFT's energy (or 1)
    std::mt19937_64 m_rng;                 //!< random stream
    std::vector<uint32_t> m_assignment;    //!< scratch
    std::vector<uint32_t> m_best;          //!< best chromosome
    double m_bestScore;                    //!< its value
    uint64_t m_evaluations{0};             //!< chromosomes scored
};

} // namespace ns3

#endif /* DNN_SEARCH_CONTEXT_H */
