/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_GA_SCHEDULER_H
#define DNN_GA_SCHEDULER_H

#include "dnn-metaheuristic-scheduler.h"

namespace ns3
{

/**
 * \ingroup dnn-offload
 * \brief A genetic algorithm with the seed's settings: 50 chromosomes (one gene per task,
 *        HEFT's among the first), two-point crossover with probability 0.9, mutation of one
 *        random gene with probability 0.1 per child, elitist truncation (parents and
 *        children together, the best survive); up to 600 generations, stop after 50
 *        without a better best.
 */
class DnnGaScheduler : public DnnMetaheuristicScheduler
{
  public:
    /** \brief Register this type. \return the TypeId */
    static TypeId GetTypeId();

  protected:
    void Search(DnnSearchContext& context,
                const std::vector<std::vector<uint32_t>>& seeds) override;

  private:
    uint32_t m_population{50};   //!< Population attribute
    uint32_t m_generations{600}; //!< Generations attribute
    uint32_t m_patience{50};     //!< Patience attribute
    double m_crossover{0.9};     //!< CrossoverRate attribute
    double m_mutation{0.1};      //!< MutationRate attribute
};

} // namespace ns3

#endif /* DNN_GA_SCHEDULER_H */
