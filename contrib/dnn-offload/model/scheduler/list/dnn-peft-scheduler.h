/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_PEFT_SCHEDULER_H
#define DNN_PEFT_SCHEDULER_H

#include "ns3/dnn-scheduler.h"

namespace ns3
{

/**
 * \ingroup dnn-offload
 * \brief PEFT (Arabnejad, Barbosa, IEEE TPDS 2014): tasks by decreasing mean optimistic cost, each
 * on the processor minimising earliest finish plus its optimistic cost (OCT), with insertion.
 */
class DnnPeftScheduler : public DnnScheduler
{
  public:
    /** \brief Register this type. \return the TypeId */
    static TypeId GetTypeId();
    DnnSchedule Plan(const DnnSchedulingProblem& problem) override;
};

} // namespace ns3

#endif /* DNN_PEFT_SCHEDULER_H */
