/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_CPOP_SCHEDULER_H
#define DNN_CPOP_SCHEDULER_H

#include "ns3/dnn-scheduler.h"

namespace ns3
{

/**
 * \ingroup dnn-offload
 * \brief CPOP (Topcuoglu, Hariri, Wu, IEEE TPDS 2002): tasks by decreasing upward + downward rank;
 * critical-path tasks on the one processor minimising the critical path's execution time, others on
 * their earliest-finish processor.
 */
class DnnCpopScheduler : public DnnScheduler
{
  public:
    /** \brief Register this type. \return the TypeId */
    static TypeId GetTypeId();
    DnnSchedule Plan(const DnnSchedulingProblem& problem) override;
};

} // namespace ns3

#endif /* DNN_CPOP_SCHEDULER_H */
