/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_IMMEDIATE_MODE_SCHEDULERS_H
#define DNN_IMMEDIATE_MODE_SCHEDULERS_H

#include "ns3/dnn-scheduler.h"

namespace ns3
{

class DnnAppendTimeline;

/**
 * \ingroup dnn-offload
 * \brief Base of the immediate-mode mapping heuristics (MET, MCT, OLB, fastest node): each
 *        task, in topological order, is mapped on its own by a fixed rule (Choose()) and
 *        appended to its processor, without insertion into idle gaps.
 *
 * The heuristics come from the comparison of Braun, Siegel, Beck et al., "A comparison of
 * eleven static heuristics for mapping a class of independent tasks onto heterogeneous
 * distributed computing systems", JPDC 61(6), 2001, doi:10.1006/jpdc.2000.1714, where the
 * tasks are independent and their order arbitrary. For a DAG they take the tasks in
 * topological order (Kahn's, sources in index order, successors in the order the edges were
 * added: networkx's topological_sort, as SAGA does) and a task starts once its inputs
 * arrived (max of its processor's last finish and its data-ready time), as in SAGA
 * (github.com/ANRGUSC/saga, met.py, mct.py, olb.py, fastest_node.py). Ties go to the
 * lower-indexed processor. A processor where the task's memory no longer fits is chosen
 * only when none fits; a pinned task goes to its pin.
 */
class DnnImmediateModeScheduler : public DnnScheduler
{
  public:
    /** \brief Register this type. \return the TypeId */
    static TypeId GetTypeId();
    DnnSchedule Plan(const DnnSchedulingProblem& problem) override;

  protected:
    /** \brief Called once per Plan() before any Choose(). \param problem the problem */
    virtual void Prepare(const DnnSchedulingProblem& problem);
    /** \brief The processor of a task. \param problem the problem \param timeline the
     *  placements so far \param task the task (every predecessor placed) \return the
     *  processor, one where the task can run */
    virtual uint32_t Choose(const DnnSchedulingProblem& problem, const DnnAppendTimeline& timeline,
                            uint32_t task) = 0;
    /** \brief The processor with the earliest finish (MCT's rule). \param problem the
     *  problem \param timeline placements \param task task \return the processor */
    static uint32_t EarliestFinish(const DnnSchedulingProblem& problem,
                                   const DnnAppendTimeline& timeline, uint32_t task);
};

/**
 * \ingroup dnn-offload
 * \brief MET, Minimum Execution Time (Braun et al. 2001, after Armstrong, Hensgen, Kidd,
 *        HCW 1998): each task on the processor that executes it fastest, whatever its load.
 *        O(n m + e).
 *
 * As in SAGA (met.py). With times cost / speed, MET puts every task on the first fastest
 * processor, like the fastest-node baseline.
 */
class DnnMetScheduler : public DnnImmediateModeScheduler
{
  public:
    /** \brief Register this type. \return the TypeId */
    static TypeId GetTypeId();

  protected:
    uint32_t Choose(const DnnSchedulingProblem& problem, const DnnAppendTimeline& timeline,
                    uint32_t task) override;
};

/**
 * \ingroup dnn-offload
 * \brief MCT, Minimum Completion Time (Braun et al. 2001, after Armstrong et al. 1998):
 *        each task on the processor where it finishes earliest. O(n m + e m).
 *
 * As SAGA (mct.py): tasks in topological order, non-insertion; Braun's MCT maps
 * independent tasks in arbitrary order.
 */
class DnnMctScheduler : public DnnImmediateModeScheduler
{
  public:
    /** \brief Register this type. \return the TypeId */
    static TypeId GetTypeId();

  protected:
    uint32_t Choose(const DnnSchedulingProblem& problem, const DnnAppendTimeline& timeline,
                    uint32_t task) override;
};

/**
 * \ingroup dnn-offload
 * \brief OLB, Opportunistic Load Balancing (Braun et al. 2001, after Armstrong et al.
 *        1998): each task on the processor that becomes free first, regardless of its
 *        execution time there or of where its inputs are. O(n m + e).
 *
 * As SAGA (olb.py); with several cores, a processor is free when its first core is.
 */
class DnnOlbScheduler : public DnnImmediateModeScheduler
{
  public:
    /** \brief Register this type. \return the TypeId */
    static TypeId GetTypeId();

  protected:
    uint32_t Choose(const DnnSchedulingProblem& problem, const DnnAppendTimeline& timeline,
                    uint32_t task) override;
};

/**
 * \ingroup dnn-offload
 * \brief Fastest node, a baseline (SAGA's fastest_node.py, no paper): every task, in
 *        topological order, on the fastest processor (the first with the least total
 *        execution time over the unpinned tasks, SAGA's fastest node when times are cost /
 *        speed). O(n m + e).
 *
 * A pinned task goes to its pin; a task that cannot run there or whose memory no longer
 * fits goes where it finishes earliest (SAGA has neither pins nor memory).
 */
class DnnFastestNodeScheduler : public DnnImmediateModeScheduler
{
  public:
    /** \brief Register this type. \return the TypeId */
    static TypeId GetTypeId();

  protected:
    void Prepare(const DnnSchedulingProblem& problem) override;
    uint32_t Choose(const DnnSchedulingProblem& problem, const DnnAppendTimeline& timeline,
                    uint32_t task) override;

  private:
    uint32_t m_fastest{0}; //!< the fastest processor of the problem being planned
};

} // namespace ns3

#endif /* DNN_IMMEDIATE_MODE_SCHEDULERS_H */
