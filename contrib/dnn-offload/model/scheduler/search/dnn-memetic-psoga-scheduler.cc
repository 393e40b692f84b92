/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-memetic-psoga-scheduler.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DnnMemeticPsoGaScheduler");

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
            .AddAttribute("BlockSize", "Most tasks per block (1: no coarsening; up to 64).",
                          UintegerValue(4),
                          MakeUintegerAccessor(&DnnMemeticPsoGaScheduler::m_blockSize),
                          MakeUintegerChecker<uint32_t>(1, 64))
            .AddAttribute("LocalSearchBlocks",
                          "Blocks per particle and iteration tried on every device (0 to 64).",
                          UintegerValue(2),
                          MakeUintegerAccessor(&DnnMemeticPsoGaScheduler::localSearchGenes),
                          MakeUintegerChecker<uint32_t>(0, 64));
    return tid;
}

DnnGeneEncoding
DnnMemeticPsoGaScheduler::MakeEncoding(const DnnSchedulingProblem& problem,
                                       const std::vector<uint32_t>& incumbent) const
{
    NS_LOG_FUNCTION(this << &problem);
    DnnGeneEncoding encoding = DnnGeneEncoding::Blocks(problem, m_blockSize, incumbent.data());
    NS_LOG_INFO("memetic PSO-GA: " << problem.TaskCount() << " tasks in " << encoding.GeneCount()
                                   << " blocks of at most " << m_blockSize
                                   << " tasks (each on one incumbent processor)");
    return encoding;
}

void
DnnMemeticPsoGaScheduler::Search(DnnSearchContext& context,
                                 const std::vector<std::vector<uint32_t>>& seeds)
{
    NS_LOG_FUNCTION(this << &context);
    NS_LOG_INFO("memetic PSO-GA: " << particles << " particles, at most " << iterations
                                   << " iterations, " << localSearchGenes
                                   << " blocks per particle and iteration tried on every device");
    DnnPsoGaOptimizer::Run(context, seeds, *this);
}

} // namespace ns3
