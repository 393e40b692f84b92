/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_METAHEURISTIC_SCHEDULER_H
#define DNN_METAHEURISTIC_SCHEDULER_H

#include "dnn-search-context.h"
#include "ns3/dnn-scheduler.h"

namespace ns3
{

/**
 * \ingroup dnn-offload
 * \brief Base of the schedulers that search over assignments (GA, PSO-GA, memetic PSO-GA,
 *        Greedy) with the shared evaluator.
 *
 * Plan() first runs the list schedulers HEFT, PEFT and CPOP. The best of them on the
 * objective (ties: in that order) is the incumbent: its start order is the priority order
 * every chromosome is decoded in (serial decoding, see DnnScheduleEvaluator), and the
 * three assignments, the incumbent's first, are the search's seed chromosomes. With
 * UseHeftFallback() the incumbent is returned when the search found nothing better, so such
 * schedulers are never worse than HEFT (nor PEFT, nor CPOP) on their objective. HEFT's
 * makespan and energy normalise the weighted objective. Attributes: Seed, Objective,
 * EnergyWeight.
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
     *  \param problem the problem \param incumbent the incumbent's assignment
     *  \return the encoding */
    virtual DnnGeneEncoding MakeEncoding(const DnnSchedulingProblem& problem,
                                         const std::vector<uint32_t>& incumbent) const;
    /** \brief Search; the context records the best chromosome scored.
     *  \param context the search context \param seeds the list schedulers' assignments as
     *  chromosomes, the incumbent's first */
    virtual void Search(DnnSearchContext& context,
                        const std::vector<std::vector<uint32_t>>& seeds) = 0;
    /** \brief Whether to return the incumbent when the search found nothing better
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
