/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_DPS_SCHEDULER_H
#define DNN_DPS_SCHEDULER_H

#include "ns3/dnn-scheduler.h"

namespace ns3
{

/**
 * \ingroup dnn-offload
 * \brief DPS, dynamic priority scheduling as SAGA implements it (ANRGUSC/saga f6715641,
 *        dps.py, which names no source; the priority BL - TL recomputed as tasks are placed
 *        resembles Kwok and Ahmad's dynamic critical path scheduling, IEEE TPDS 7(5) 1996,
 *        which we have not checked it against).
 *
 * A task's top level TL (longest path from an entry, without the task) and bottom level BL
 * (longest path to an exit, without the exit's own time) take, for a placed task, its
 * execution time where it is placed and, for an edge between two placed tasks, its real
 * communication time; otherwise the mean execution time and the edge's mean communication
 * time. All tasks are kept in one list sorted by BL - TL, highest first (stable); the first
 * is placed where it finishes earliest, with insertion, and the levels and the list are
 * brought up to date. Only top levels change (those of the placed task's descendants, as far
 * as a change reaches), and the list is re-sorted by merging the tasks whose priority changed
 * back in, so a step costs O(n + a log n) for a affected tasks and their edges: O(n (n + e
 * log n)) in the worst case, O(n^2) when changes stay local. SAGA recomputes every level and
 * sorts every task at each step; the order is the same.
 *
 * SAGA's departure, reproduced with SagaCompatible: an edge with an unplaced end counts its
 * raw data size as a time (size, not size / link speed).
 */
class DnnDpsScheduler : public DnnScheduler
{
  public:
    /** \brief Register this type. \return the TypeId */
    static TypeId GetTypeId();
    DnnSchedule Plan(const DnnSchedulingProblem& problem) override;

  private:
    bool m_saga{false}; //!< raw data sizes for edges with an unplaced end
};

} // namespace ns3

#endif /* DNN_DPS_SCHEDULER_H */
