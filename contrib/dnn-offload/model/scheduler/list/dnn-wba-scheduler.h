/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_WBA_SCHEDULER_H
#define DNN_WBA_SCHEDULER_H

#include "ns3/dnn-scheduler.h"

#include <random>

namespace ns3
{

/**
 * \ingroup dnn-offload
 * \brief WBA, workflow-based allocation (Blythe, Jain, Deelman, Gil, Vahi, Mandal, Kennedy,
 *        "Task scheduling strategies for workflow-based applications in grids", CCGrid 2005,
 *        doi:10.1109/CCGRID.2005.1558639).
 *
 * Takes the ready tasks as a batch; while the batch is not empty, computes for every
 * (task, processor) pair the increase of the schedule's length if the task were appended
 * there, max(finish - current length, 0), and picks uniformly at random among the pairs
 * whose increase is at most min + Alpha (max - min); the task is appended without
 * insertion. Tasks that become ready wait for the next batch. O(n^2 m) in the worst case.
 *
 * As SAGA (ANRGUSC/saga f6715641, wba.py), but random from the Seed attribute (the same
 * seed gives the same plan; SAGA draws from Python's global random), so makespans agree
 * with SAGA only where the candidate set is a single pair at every step (e.g. Alpha 0 and
 * no ties).
 */
class DnnWbaScheduler : public DnnScheduler
{
  public:
    /** \brief Register this type. \return the TypeId */
    static TypeId GetTypeId();
    DnnSchedule Plan(const DnnSchedulingProblem& problem) override;

  private:
    double m_alpha{0.5}; //!< Alpha attribute
    uint32_t m_seed{1};  //!< Seed attribute
};

} // namespace ns3

#endif /* DNN_WBA_SCHEDULER_H */
