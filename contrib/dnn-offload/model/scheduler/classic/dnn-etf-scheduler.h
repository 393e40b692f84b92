/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_ETF_SCHEDULER_H
#define DNN_ETF_SCHEDULER_H

#include "ns3/dnn-scheduler.h"

namespace ns3
{

/**
 * \ingroup dnn-offload
 * \brief ETF, Earliest Time First (Hwang, Chow, Anger, Lee, "Scheduling precedence graphs
 *        in systems with interprocessor communication times", SIAM J. Comput. 18(2), 1989,
 *        doi:10.1137/0218016): event driven; at each moment, among the ready tasks and the
 *        idle processors, the pair with the earliest start goes first. O(n^2 m) worst case
 *        (each event looks at every ready task on every idle processor).
 *
 * As SAGA's etf.py (github.com/ANRGUSC/saga): a task is ready once its predecessors are
 * placed (not finished); at the current time "now" the idle processors are those with a core
 * whose last task ends by then (or available by then); each ready task's processor is the
 * idle one with the earliest data-ready time, and the task with the earliest data-ready time
 * is placed, at max(data-ready time, now), if that is no later than the next event (the
 * earliest finish after now, including those just placed); then time moves to the next
 * event. No insertion. Execution time plays no part in the choice. Ties go to the
 * lower-indexed task, then processor; SAGA breaks them by Python's set order, which depends
 * on PYTHONHASHSEED (its "file order" reference figures break them as here). A tie rule
 * by static level, which secondary sources attribute to Hwang et al., is not implemented
 * (not checked against the paper's text). Processors where the task's memory no longer fits
 * count only when no idle one fits.
 */
class DnnEtfScheduler : public DnnScheduler
{
  public:
    /** \brief Register this type. \return the TypeId */
    static TypeId GetTypeId();
    DnnSchedule Plan(const DnnSchedulingProblem& problem) override;
};

} // namespace ns3

#endif /* DNN_ETF_SCHEDULER_H */
