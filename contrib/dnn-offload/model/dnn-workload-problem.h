/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_WORKLOAD_PROBLEM_H
#define DNN_WORKLOAD_PROBLEM_H

#include "dnn-platform.h"
#include "dnn-scheduling-problem.h"
#include "dnn-task-graph.h"

namespace ns3
{

/**
 * \ingroup dnn-offload
 * \brief The scheduling problem of a DNN workload on a platform.
 *
 * Task i of the problem is task i of the graph and processor p is device p of the
 * platform. W[t][p] = FLOPs / device speed; edges carry the bytes of the graph; links are
 * the platform's planning bandwidth and latency between each pair of devices; a task's
 * memory is its weight bytes, a processor's capacity its profile's memory; pins, release
 * times, requests, sinks, cores, roles and powers come along.
 *
 * Throws DnnInputError when a task is pinned to an unknown device, two devices cannot
 * reach each other, or a task fits nowhere.
 *
 * \param graph the workload (e.g. from DnnPartitioner::PartitionWorkload)
 * \param platform the devices and networks
 * \param available when not empty, per core (device by device, core by core) the time it
 *        is busy until with work planned before (DnnSchedulingProblem::SetAvailable)
 * \return the finalized problem
 */
DnnSchedulingProblem BuildWorkloadProblem(const DnnTaskGraph& graph,
                                          const DnnPlatform& platform,
                                          const std::vector<double>& available = {});

} // namespace ns3

#endif /* DNN_WORKLOAD_PROBLEM_H */
