/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_FCP_SCHEDULER_H
#define DNN_FCP_SCHEDULER_H

#include "ns3/dnn-scheduler.h"

namespace ns3
{

/**
 * \ingroup dnn-offload
 * \brief FCP, Fast Critical Path (Radulescu and van Gemund, "On the complexity of list
 *        scheduling algorithms for distributed-memory systems", ICS'99,
 *        doi:10.1145/305138.305162).
 *
 * Tasks are prioritised by their bottom level (mean execution time plus the longest path of
 * mean execution and mean communication times to an exit, HEFT's upward rank). Ready tasks
 * wait in a priority queue of QueueSize entries (0: as many as processors), the rest in a
 * FIFO that refills it. The task of highest bottom level (ties: lower index) goes, without
 * insertion, to whichever of two processors starts it earlier: the one that becomes idle
 * first, and its enabling processor, where the predecessor whose output arrives last (by
 * finish plus mean communication time; the first such predecessor) ran (ties: the idle
 * one). O(n log m + e + n m) besides the ranks.
 *
 * The paper assumes identical processors; SAGA (ANRGUSC/saga f6715641, fcp.py) scales
 * costs by the mean speed and sizes by a mean link speed, twice, and counts self-links in
 * that mean. Those priorities need node speeds and link strengths this problem does not keep,
 * so they are not reproduced: makespans agree with SAGA where the orders agree. SAGA's heap
 * breaks ties by task name (as a string), ours by index; SAGA's enabling predecessor is the
 * first of largest finish time, ours of largest arrival (finish plus mean transfer).
 */
class DnnFcpScheduler : public DnnScheduler
{
  public:
    /** \brief Register this type. \return the TypeId */
    static TypeId GetTypeId();
    DnnSchedule Plan(const DnnSchedulingProblem& problem) override;

  private:
    uint32_t m_queueSize{0}; //!< priority queue capacity, 0: processor count
    bool m_saga{false};      //!< SAGA's enabling predecessor (largest finish)
};

} // namespace ns3

#endif /* DNN_FCP_SCHEDULER_H */
