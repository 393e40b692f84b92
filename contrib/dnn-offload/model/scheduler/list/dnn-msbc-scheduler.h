/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_MSBC_SCHEDULER_H
#define DNN_MSBC_SCHEDULER_H

#include "ns3/dnn-scheduler.h"

namespace ns3
{

/**
 * \ingroup dnn-offload
 * \brief MSBC, multiple strict bound constraints, as SAGA implements it (ANRGUSC/saga
 *        f6715641, msbc.py, which cites doi:10.1109/PACRIM.2005.1517309, IEEE PACRIM 2005).
 *
 * In topological order: the strict bound completion time SBCT(t) and the favourite
 * processor fav(t) minimise, over processors p, max over predecessors u of SBCT(u) +
 * c(u, t; fav(u) -> p), plus W(t, p); SBL(t) = max over predecessors of their mean
 * execution time plus their SBL; ST(t) = max over predecessors of ST(u) + W(u, fav(u)) +
 * c(u, t; fav(u) -> fav(t)). Priority SBCT + SBL + ST. Repeatedly, the ready task of highest
 * priority (ties: lower index) goes to the processor where it starts earliest, with
 * insertion, trying processors fastest first (by their total execution time over the tasks
 * every processor may run; ties: lower index). O(e m + n^2 + n m log).
 *
 * Follows SAGA; the only difference is the tie rule: SAGA breaks exact priority ties in
 * Python's set order, which depends on the hash seed.
 */
class DnnMsbcScheduler : public DnnScheduler
{
  public:
    /** \brief Register this type. \return the TypeId */
    static TypeId GetTypeId();
    DnnSchedule Plan(const DnnSchedulingProblem& problem) override;
};

} // namespace ns3

#endif /* DNN_MSBC_SCHEDULER_H */
