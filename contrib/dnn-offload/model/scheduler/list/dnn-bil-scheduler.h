/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_BIL_SCHEDULER_H
#define DNN_BIL_SCHEDULER_H

#include "ns3/dnn-scheduler.h"

namespace ns3
{

/**
 * \ingroup dnn-offload
 * \brief BIL, Best Imaginary Level (Oh and Ha, "A static scheduling heuristic for
 *        heterogeneous processors", Euro-Par'96, LNCS 1124, doi:10.1007/BFb0024750).
 *
 * BIL(t, p) = W(t, p) + max over successors c of min(BIL(c, p), min over q of BIL(c, q) +
 * c(t, c; p -> q)), computed once from the exits. Then, repeatedly over the ready tasks:
 * BIM(t, p) = (earliest start of t on p) + BIL(t, p); the task whose largest BIM is largest
 * goes first (ties: its next largest, and so on; then the lower index); it goes to the
 * processor of least BIM*(t, p) = BIM(t, p) + W(t, p) max(k / m - 1, 0), k the number of
 * ready tasks and m of processors, without insertion.
 *
 * Departures of SAGA (ANRGUSC/saga f6715641, bil.py), reproduced with SagaCompatible: the
 * revision term is always 0 there (k counts scheduled tasks too and is divided by the
 * number of tasks), and BIM takes the processor's availability alone, not the task's
 * earliest start on it.
 */
class DnnBilScheduler : public DnnScheduler
{
  public:
    /** \brief Register this type. \return the TypeId */
    static TypeId GetTypeId();
    DnnSchedule Plan(const DnnSchedulingProblem& problem) override;

  private:
    bool m_saga{false}; //!< SAGA's BIM and revision term
};

} // namespace ns3

#endif /* DNN_BIL_SCHEDULER_H */
