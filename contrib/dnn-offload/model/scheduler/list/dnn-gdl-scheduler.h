/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_GDL_SCHEDULER_H
#define DNN_GDL_SCHEDULER_H

#include "ns3/dnn-scheduler.h"

namespace ns3
{

/**
 * \ingroup dnn-offload
 * \brief GDL, generalized dynamic level scheduling (Sih and Lee, "A compile-time scheduling
 *        heuristic for interconnection-constrained heterogeneous processor architectures",
 *        IEEE TPDS 4(2) 1993, doi:10.1109/71.207593).
 *
 * Static level SL(t) = median execution time of t plus the largest SL of a successor.
 * Dynamic level DL(t, p) = SL(t) - max(data ready, processor free) + Delta(t, p), with
 * Delta(t, p) = median_t - W(t, p); with DynamicLevel 2 also the descendant term
 * DC(t, p) = median_D - min(W(D, p), min over q != p of c(t, D; p -> q) + W(D, q)), D the
 * successor t sends most data to. Each ready task's preferred processor is the one of
 * largest DL, and its generalized level is that DL plus the gap to its second best; the
 * ready task of largest generalized level goes on its preferred processor, without
 * insertion (ties: lower index, lower processor). O(n^2 m) with O(e m) for the levels.
 *
 * SAGA (ANRGUSC/saga f6715641, gdl.py) departs, and SagaCompatible reproduces it: it
 * *minimises* the dynamic levels (preferred processor of least DL, generalized level DL
 * plus least minus largest DL, task of least level), keeps a task's preferred processor
 * from the first time it is asked (its cache of it is never cleared), takes Delta against
 * the median over all tasks and processors, and adds raw data sizes along edges to the
 * static level.
 */
class DnnGdlScheduler : public DnnScheduler
{
  public:
    /** \brief Register this type. \return the TypeId */
    static TypeId GetTypeId();
    DnnSchedule Plan(const DnnSchedulingProblem& problem) override;

  private:
    bool m_saga{false};  //!< SAGA's variant
    uint32_t m_level{2}; //!< 1: DL1, 2: with the descendant term
};

} // namespace ns3

#endif /* DNN_GDL_SCHEDULER_H */
