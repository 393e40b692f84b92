/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-memetic-psoga-scheduler.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(DnnMemeticPsoGaScheduler);

TypeId
DnnMemeticPsoGaScheduler::GetTypeId()
{
    static TypeId tid =
        AddPsoGaAttributes<DnnMemeticPsoGaScheduler>(
            TypeId("ns3::DnnMemeticPsoGaScheduler")
                .SetParent<DnnMetaheuristicScheduler>()
                .SetGroupName("DnnOffload")
                .AddConstructor<DnnMemeticPsoGaScheduler>(),
            300)
            .AddAttribute("BlockSize", "Most tasks per block (1: no coarsening).", UintegerValue(4),
                          MakeUintegerAccessor(&DnnMemeticPsoGaScheduler::m_blockSize),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute(
                "LocalSearchBlocks", "Blocks per particle and iteration tried on every device.",
                UintegerValue(2), MakeUintegerAccessor(&DnnMemeticPsoGaScheduler::localSearchGenes),
                MakeUintegerChecker<uint32_t>());
    return tid;
}

DnnGeneEncoding
DnnMemeticPsoGaScheduler::MakeEncoding(const DnnSchedulingProblem& problem,
                                       const std::vector<uint32_t>& incumbent) const
{
    return DnnGeneEncoding::Blocks(problem, m_blockSize, incumbent.data());
}

void
DnnMemeticPsoGaScheduler::Search(DnnSearchContext& context,
                                 const std::vector<std::vector<uint32_t>>& seeds)
{
    DnnPsoGaOptimizer::Run(context, seeds, *this);
}

} // namespace ns3
