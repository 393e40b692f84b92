/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_PSOGA_SCHEDULER_H
#define DNN_PSOGA_SCHEDULER_H

#include "dnn-metaheuristic-scheduler.h"
#include "dnn-psoga-optimizer.h"

#include "ns3/double.h"
#include "ns3/uinteger.h"

namespace ns3
{

/**
 * \ingroup dnn-offload
 * \brief Register the PSO-GA parameters as Attributes of a scheduler class \p T that
 *        derives publicly from DnnPsoGaParameters.
 * \param tid the scheduler's TypeId \param iterations default of the Iterations attribute
 * \return \p tid with the attributes
 */
template<typename T>
TypeId
AddPsoGaAttributes(TypeId tid, uint32_t iterations)
{
    return tid
        .AddAttribute("Particles", "Swarm size (1 to 10000).", UintegerValue(50),
                      MakeUintegerAccessor(&T::particles), MakeUintegerChecker<uint32_t>(1, 10000))
        .AddAttribute("Iterations", "Most iterations (0 to 100000).", UintegerValue(iterations),
                      MakeUintegerAccessor(&T::iterations),
                      MakeUintegerChecker<uint32_t>(0, 100000))
        .AddAttribute("Patience",
                      "Stop after this many iterations without a better global best (1 to 100000).",
                      UintegerValue(50), MakeUintegerAccessor(&T::patience),
                      MakeUintegerChecker<uint32_t>(1, 100000))
        .AddAttribute("InertiaStart", "Inertia weight w (mutation) at the first iteration.",
                      DoubleValue(0.8), MakeDoubleAccessor(&T::inertiaStart),
                      MakeDoubleChecker<double>(0, 1))
        .AddAttribute("InertiaEnd", "Inertia weight w at the last iteration.", DoubleValue(0.2),
                      MakeDoubleAccessor(&T::inertiaEnd), MakeDoubleChecker<double>(0, 1))
        .AddAttribute("CognitiveStart",
                      "c1 (crossover with the personal best) at the first iteration.",
                      DoubleValue(0.9), MakeDoubleAccessor(&T::cognitiveStart),
                      MakeDoubleChecker<double>(0, 1))
        .AddAttribute("CognitiveEnd", "c1 at the last iteration.", DoubleValue(0.2),
                      MakeDoubleAccessor(&T::cognitiveEnd), MakeDoubleChecker<double>(0, 1))
        .AddAttribute("SocialStart", "c2 (crossover with the global best) at the first iteration.",
                      DoubleValue(0.4), MakeDoubleAccessor(&T::socialStart),
                      MakeDoubleChecker<double>(0, 1))
        .AddAttribute("SocialEnd", "c2 at the last iteration.", DoubleValue(0.9),
                      MakeDoubleAccessor(&T::socialEnd), MakeDoubleChecker<double>(0, 1));
}

/**
 * \ingroup dnn-offload
 * \brief PSO-GA (Chen et al., TPDS 2021) with the seed's defaults: 50 particles, up to 600
 *        iterations, w 0.8 -> 0.2, c1 0.9 -> 0.2, c2 0.4 -> 0.9, stop after 50 iterations
 *        without improvement; one gene per task. See DnnPsoGaOptimizer.
 */
class DnnPsoGaScheduler : public DnnMetaheuristicScheduler, public DnnPsoGaParameters
{
  public:
    /** \brief Register this type. \return the TypeId */
    static TypeId GetTypeId();

  protected:
    void Search(DnnSearchContext& context,
                const std::vector<std::vector<uint32_t>>& seeds) override;
};

} // namespace ns3

#endif /* DNN_PSOGA_SCHEDULER_H */
