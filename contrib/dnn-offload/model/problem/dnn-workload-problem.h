/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_WORKLOAD_PROBLEM_H
#define DNN_WORKLOAD_PROBLEM_H

#include "dnn-scheduling-problem.h"
#include "ns3/dnn-platform.h"
#include "ns3/dnn-task-graph.h"

#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup dnn-offload
 * \brief The scheduling problem of a DNN workload on a platform.
 *
 * Task i of the problem is task i of the graph and processor p is device p of the
 * platform. W[t][p] = FLOPs / device speed; edges carry the bytes of the graph; links are
 * the platform's planning bandwidth and latency between each pair of devices; a task's
 * memory is its weight bytes, a processor's capacity its profile's memory, and the tasks
 * holding the same weights (WorkloadWeightGroups()) are one memory group, so a device
 * holds a layer piece's weights once however many requests run it there; pins, release
 * times, requests, sinks, cores, roles and powers come along.
 *
 * Throws DnnInputError when a task is pinned to an unknown device, two devices cannot
 * reach each other, or a task fits nowhere.
 *
 * \param graph the workload (e.g. from DnnPartitioner::PartitionWorkload)
 * \param platform the devices and networks
 * \param available when not empty, per core (device by device, core by core) the time it
 *        is busy until with work planned before (DnnSchedulingProblem::SetAvailable)
 * \param excluded when not empty, per device: 1 if no task may run there (it failed)
 * \return the finalized problem
 */
DnnSchedulingProblem BuildWorkloadProblem(const DnnTaskGraph& graph, const DnnPlatform& platform,
                                          const std::vector<double>& available = {},
                                          const std::vector<uint8_t>& excluded = {});

/**
 * \ingroup dnn-offload
 * \brief Give a problem whose processors are a platform's devices the platform's network:
 *        each pair's link (latency, bandwidth) and route over the platform's media, from
 *        the hops' models (DnnPlatform::HopModel()). Throws DnnInputError when two devices
 *        cannot reach each other.
 * \param problem the problem (not finalized)
 * \param platform the platform
 */
void SetWorkloadNetwork(DnnSchedulingProblem& problem, const DnnPlatform& platform);

/**
 * \ingroup dnn-offload
 * \brief Which tasks of a workload hold the same weights: those of one model, layer group
 *        and piece (the same piece count, the same output rows or neurons) with the same
 *        weight bytes, e.g. the layer's copy in every request of that model.
 *
 * \param graph the workload
 * \return one label per task: tasks with the same label hold the same weights; tasks
 *         without weights (sources, sinks, weightless layers) get
 *         DnnSchedulingProblem::NONE. Labels are numbered from 0 in task order.
 */
std::vector<uint32_t> WorkloadWeightGroups(const DnnTaskGraph& graph);

} // namespace ns3

#endif /* DNN_WORKLOAD_PROBLEM_H */
