/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_HBMCT_SCHEDULER_H
#define DNN_HBMCT_SCHEDULER_H

#include "ns3/dnn-scheduler.h"

namespace ns3
{

/**
 * \ingroup dnn-offload
 * \brief HBMCT, hybrid balanced minimum completion time (Sakellariou and Zhao, "A hybrid
 *        heuristic for DAG scheduling on heterogeneous systems", IPDPS 2004 (HCW),
 *        doi:10.1109/IPDPS.2004.1303065).
 *
 * Tasks in HEFT's order (decreasing mean upward rank) are cut into groups of independent
 * tasks: a new group starts at a task with a predecessor in the current one. In each group
 * every task first goes to its fastest processor; each processor runs its group tasks in
 * order of their earliest start there (data ready, processor free, computed when the group
 * starts), without insertion. Then, while it helps: on the processor that finishes last,
 * its tasks are tried in order of their mean earliest start; a task is moved to the other
 * processor where the group finishes earliest, if removing it shortens the last processor
 * and the other finishes before the current group finish. O(groups x iterations x g m g).
 *
 * SAGA (ANRGUSC/saga f6715641, hbmct.py) cites the wrong paper (the ETF one) and departs:
 * its order is its HEFT order (see heft), its "mean earliest start" averages node names
 * (it fails on named nodes; with integer names the sort is a no-op), a moved task goes
 * last on its new node, and no task ever moves to node 0. Not reproduced.
 */
class DnnHbmctScheduler : public DnnScheduler
{
  public:
    /** \brief Register this type. \return the TypeId */
    static TypeId GetTypeId();
    DnnSchedule Plan(const DnnSchedulingProblem& problem) override;
};

} // namespace ns3

#endif /* DNN_HBMCT_SCHEDULER_H */
