/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_MEMETIC_PSOGA_SCHEDULER_H
#define DNN_MEMETIC_PSOGA_SCHEDULER_H

#include "dnn-psoga-scheduler.h"

namespace ns3
{

/**
 * \ingroup dnn-offload
 * \brief The seed's proposed method: PSO-GA over blocks of pieces (multilevel coarsening,
 *        DnnGeneEncoding::Blocks) with a memetic local search (for 2 random blocks per
 *        particle and iteration, try every device, keep improvements); up to 300
 *        iterations.
 */
class DnnMemeticPsoGaScheduler : public DnnMetaheuristicScheduler, public DnnPsoGaParameters
{
  public:
    /** \brief Register this type. \return the TypeId */
    static TypeId GetTypeId();

  protected:
    DnnGeneEncoding MakeEncoding(const DnnSchedulingProblem& problem,
                                 const std::vector<uint32_t>& incumbent) const override;
    void Search(DnnSearchContext& context,
                const std::vector<std::vector<uint32_t>>& seeds) override;

  private:
    uint32_t m_blockSize{4}; //!< BlockSize attribute
};

} // namespace ns3

#endif /* DNN_MEMETIC_PSOGA_SCHEDULER_H */
