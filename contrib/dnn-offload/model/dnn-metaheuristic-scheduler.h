/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_METAHEURISTIC_SCHEDULER_H
#define DNN_METAHEURISTIC_SCHEDULER_H

#include "dnn-scheduler.h"
#include "dnn-search-context.h"

namespace ns3
{

/**
 * \ingroup dnn-offload
 * \brief Base of the schedulers that search over assignments (GA, PSO-GA, memetic PSO-GA,
 *        Greedy) with the shared evaluator.
 *
 * Plan() runs HEFT first. Its start order is the priority order every chromosome is
 * decoded in (serial decoding, see DnnScheduleEvaluator); its assignment is offered to the
 * search as a starting point (HeftGenes()), and with UseHeftFallback() the HEFT schedule is
 * returned when the search found nothing better, so such schedulers are never worse than
 * HEFT on their objective. Attributes: Seed, Objective, EnergyWeight.
 */
class DnnMetaheuristicScheduler : public DnnScheduler
{
  public:
    /** \brief Register this type. \return the TypeId */
    static TypeId GetTypeId();
    DnnSchedule Plan(const DnnSchedulingProblem& problem) override;
    /** \brief Chromosomes scored by the last Plan(). \return the count */
    uint64_t LastEvaluations() const;

  protected:
    /** \brief The encoding to search over (default: one gene per task).
     *  \param problem the problem \return the encoding */
    virtual DnnGeneEncoding MakeEncoding(const DnnSchedulingProblem& problem) const;
    /** \brief Search; the context records the best chromosome scored.
     *  \param context the search context \param heftGenes HEFT's assignment as a
     *  chromosome */
    virtual void Search(DnnSearchContext& context, const std::vector<uint32_t>& heftGenes) = 0;
    /** \brief Whether to return HEFT's schedule when the search found nothing better
     *  (default: true). \return true to fall back */
    virtual bool UseHeftFallback() const;

  private:
    uint32_t m_seed{1};                           //!< Seed attribute
    DnnObjective m_objective{OBJECTIVE_MAKESPAN}; //!< Objective attribute
    double m_energyWeight{0.5};                   //!< EnergyWeight attribute
    uint64_t m_lastEvaluations{0};                //!< chromosomes scored by the last Plan()
};

} // namespace ns3

#endif /* DNN_METAHEURISTIC_SCHEDULER_H */
