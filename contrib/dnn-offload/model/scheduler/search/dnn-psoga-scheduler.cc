/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-psoga-scheduler.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(DnnPsoGaScheduler);

TypeId
DnnPsoGaScheduler::GetTypeId()
{
    static TypeId tid =
        AddPsoGaAttributes<DnnPsoGaScheduler>(TypeId("ns3::DnnPsoGaScheduler")
                                                  .SetParent<DnnMetaheuristicScheduler>()
                                                  .SetGroupName("DnnOffload")
                                                  .AddConstructor<DnnPsoGaScheduler>(),
                                              600);
    return tid;
}

void
DnnPsoGaScheduler::Search(DnnSearchContext& context,
                          const std::vector<std::vector<uint32_t>>& seeds)
{
    DnnPsoGaParameters parameters = *this;
    parameters.localSearchGenes = 0;
    DnnPsoGaOptimizer::Run(context, seeds, parameters);
}

} // namespace ns3
