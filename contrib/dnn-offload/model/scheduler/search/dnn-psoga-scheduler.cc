/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-psoga-scheduler.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DnnPsoGaScheduler");

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
    NS_LOG_FUNCTION(this << &context);
    DnnPsoGaParameters parameters = *this;
    parameters.localSearchGenes = 0;
    NS_LOG_INFO("PSO-GA without local search: " << parameters.particles << " particles, at most "
                                                << parameters.iterations << " iterations");
    DnnPsoGaOptimizer::Run(context, seeds, parameters);
}

} // namespace ns3
