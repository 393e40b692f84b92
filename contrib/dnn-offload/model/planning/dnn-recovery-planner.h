/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_RECOVERY_PLANNER_H
#define DNN_RECOVERY_PLANNER_H

#include "ns3/dnn-runtime-plan.h"
#include "ns3/dnn-scheduling-problem.h"
#include "ns3/dnn-task-graph.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace ns3
{

/** \ingroup dnn-offload \brief What one recovery did to the plan. */
struct DnnRecovery
{
    bool planned{false};             //!< tasks were added; the request may still complete
    std::string reason;              //!< why not, when nothing was planned
    std::vector<uint32_t> added;     //!< new tasks, in id order
    std::vector<uint32_t> abandoned; //!< tasks given up
};

/**
 * \ingroup dnn-offload
 * \brief Re-plans what a request has left to do, after it lost a task or an activation,
 *        with HEFT on the devices that have not failed (on_failure: "replan").
 *
 * The workload DAG is the truth: a workload task's output is available if some attempt of it
 * (or a resend of it) finished on a device that has not failed. Walking back from the sink,
 * every workload task whose output is not available and that the sink needs is redone; the
 * available outputs those need are resent from where they are. The redone tasks form a small
 * scheduling problem — costs, data and links of the original problem, failed devices
 * excluded, nothing released before now, the available outputs pinned to their devices at
 * zero cost — which HEFT places. The request's unfinished tasks are abandoned, and the plan
 * gains one copy per redone task (named "<task>~<k>" for the k-th recovery, node from HEFT)
 * and one zero-work resend task per available output ("<task>~<k>~resend", on the device
 * that holds it). The request then completes with its new sink.
 *
 * A request cannot be recovered when its own device failed (its sink is pinned there) or
 * when no surviving device can run a task it needs.
 */
class DnnRecoveryPlanner
{
  public:
    /**
     * \brief A planner for one workload.
     * \param graph the workload (task i = problem task i = plan task i for i < workload size)
     * \param problem its scheduling problem
     */
    DnnRecoveryPlanner(const DnnTaskGraph& graph, const DnnSchedulingProblem& problem);

    /**
     * \brief Recover one request.
     * \param plan the running plan (tasks are added to it and abandoned in it)
     * \param request the request
     * \param failed per node: whether its device has failed
     * \param finished whether a plan task has finished
     * \param now plan time now, s (nothing new starts before it)
     * \return what was done
     */
    DnnRecovery Recover(DnnRuntimePlan& plan, uint32_t request, const std::vector<bool>& failed,
                        const std::function<bool(uint32_t)>& finished, double now) const;

  private:
    const DnnTaskGraph& m_graph;           //!< the workload
    const DnnSchedulingProblem& m_problem; //!< its problem
};

} // namespace ns3

#endif /* DNN_RECOVERY_PLANNER_H */
