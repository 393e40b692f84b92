/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_HEFT_SCHEDULER_H
#define DNN_HEFT_SCHEDULER_H

#include "ns3/dnn-scheduler.h"

namespace ns3
{

/**
 * \ingroup dnn-offload
 * \brief HEFT (Topcuoglu, Hariri, Wu, IEEE TPDS 2002): tasks by decreasing mean upward rank, each
 * on the processor giving its earliest finish, with insertion into idle gaps.
 */
class DnnHeftScheduler : public DnnScheduler
{
  public:
    /** \brief Register this type. \return the TypeId */
    static TypeId GetTypeId();
    DnnSchedule Plan(const DnnSchedulingProblem& problem) override;
};

} // namespace ns3

#endif /* DNN_HEFT_SCHEDULER_H */
