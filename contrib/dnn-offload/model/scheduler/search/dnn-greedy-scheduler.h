/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_GREEDY_SCHEDULER_H
#define DNN_GREEDY_SCHEDULER_H

#include "dnn-metaheuristic-scheduler.h"

namespace ns3
{

/**
 * \ingroup dnn-offload
 * \brief The seed's Greedy baseline: block hill-climbing on the full-DAG objective.
 *
 * Starts with every block on its request's home processor (where the request's input
 * lives; for a generic instance without one, the block's fastest processor), then visits
 * the blocks in topological order, moving each to the processor that improves the
 * objective most, until a whole pass improves nothing or MaxPasses is reached. No HEFT
 * fallback: what it finds is what it returns.
 */
class DnnGreedyScheduler : public DnnMetaheuristicScheduler
{
  public:
    /** \brief Register this type. \return the TypeId */
    static TypeId GetTypeId();

  protected:
    DnnGeneEncoding MakeEncoding(const DnnSchedulingProblem& problem,
                                 const std::vector<uint32_t>& incumbent) const override;
    void Search(DnnSearchContext& context,
                const std::vector<std::vector<uint32_t>>& seeds) override;
    bool UseHeftFallback() const override;

  private:
    uint32_t m_blockSize{4};  //!< BlockSize attribute
    uint32_t m_maxPasses{20}; //!< MaxPasses attribute
};

} // namespace ns3

#endif /* DNN_GREEDY_SCHEDULER_H */
