/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_FLB_SCHEDULER_H
#define DNN_FLB_SCHEDULER_H

#include "ns3/dnn-scheduler.h"

namespace ns3
{

/**
 * \ingroup dnn-offload
 * \brief FLB, Fast Load Balancing (Radulescu and van Gemund, "FLB: Fast load balancing for
 *        distributed-memory machines", ICPP'99, doi:10.1109/ICPP.1999.797442).
 *
 * A ready task's enabling processor EP is where the predecessor whose output arrives last
 * ran (last message time LMT: finish plus mean communication time; the first such
 * predecessor). A ready task is an EP task of its EP while LMT >= the time the EP becomes
 * free, a non-EP task otherwise (and sources are). Each step compares the EP task that can
 * start earliest on its EP (among each processor's EP tasks, the one whose data is there
 * first) with the non-EP task of least LMT on the processor that becomes free first, and
 * places the one that starts earlier (ties: the EP task), without insertion. Ties in the
 * lists: lower index, lower processor.
 *
 * The lists are heaps, as in the paper: the non-EP tasks by LMT, and per processor its EP
 * tasks by EMT and by LMT (an EP task that turns non-EP is dropped from its processor's
 * heaps when it surfaces). The paper keeps the processors in heaps too, for O(n (log n +
 * log m) + e); this implementation scans them for the EP task starting first and the
 * processor free first, O(n (log n + m) + e), which also keeps the start times exact
 * under the shared-medium model.
 *
 * SAGA (ANRGUSC/saga f6715641, flb.py) departs: its mean communication is size over the
 * mean link speed with self-links counted in that mean; a processor's free time in its
 * processor heap goes stale after an EP task is placed on it; and it removes entries by
 * filtering heap arrays, which can break the heap order, so that a heap's "head" is not
 * always its least entry. SagaCompatible reproduces all of it: it runs SAGA's steps on array
 * heaps that behave as Python's heapq (entries (priority, name), names compared as strings).
 */
class DnnFlbScheduler : public DnnScheduler
{
  public:
    /** \brief Register this type. \return the TypeId */
    static TypeId GetTypeId();
    DnnSchedule Plan(const DnnSchedulingProblem& problem) override;

  private:
    /** \brief SAGA's FLB, step by step on the same array heaps. \param problem the problem
     *  \return the schedule */
    DnnSchedule PlanSaga(const DnnSchedulingProblem& problem) const;

    bool m_saga{false}; //!< SAGA's variant
};

} // namespace ns3

#endif /* DNN_FLB_SCHEDULER_H */
