/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-psoga-scheduler.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(PsoGaScheduler);

TypeId
PsoGaScheduler::GetTypeId()
{
    static TypeId tid =
        AddPsoGaAttributes<PsoGaScheduler>(TypeId("ns3::PsoGaScheduler")
                                               .SetParent<DnnMetaheuristicScheduler>()
                                               .SetGroupName("DnnOffload")
                                               .AddConstructor<PsoGaScheduler>(),
                                           600);
    return tid;
}

void
PsoGaScheduler::Search(DnnSearchContext& context, const std::vector<std::vector<uint32_t>>& seeds)
{
    DnnPsoGaParameters parameters = *this;
    parameters.localSearchGenes = 0;
    DnnPsoGaOptimizer::Run(context, seeds, parameters);
}

} // namespace ns3
