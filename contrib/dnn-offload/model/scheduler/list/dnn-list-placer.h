/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_LIST_PLACER_H
#define DNN_LIST_PLACER_H

#include "dnn-list-scheduling.h"

#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup dnn-offload
 * \brief A schedule being built one task at a time, for the classic list heuristics that
 *        pick task and processor themselves (BIL, DPS, FCP, FLB, GDL, MSBC, ...).
 *
 * It wraps a DnnProcessorTimeline, so releases, pins (infinite costs), memory, cores, core
 * availability and both planning network models are honoured the way HEFT honours them.
 * A task is placed either with insertion (the earliest idle gap long enough, as HEFT) or
 * without (appended: it starts no earlier than the earliest time one of its processor's
 * cores is past every task placed on it, as the non-insertion heuristics of the papers and
 * of SAGA; on one core that is the end of the processor's last task).
 */
class DnnListPlacer
{
  public:
    /** \brief An empty schedule. \param problem the problem (outlives this) */
    explicit DnnListPlacer(const DnnSchedulingProblem& problem);

    /** \brief Whether a task may run on a processor (finite cost). \param task the task
     *  \param processor the processor \return true if it may */
    bool Allowed(uint32_t task, uint32_t processor) const;
    /** \brief The processors a task may be placed on: those where it may run and its memory
     *  still fits, or, when its memory fits on none, all where it may run.
     *  \param task the task \param out set to the processors, in index order */
    void Candidates(uint32_t task, std::vector<uint32_t>& out) const;
    /** \brief Time a task's inputs are on a processor and it is released (under the
     *  shared-medium model, its transfers fitted into the media's gaps).
     *  \param task the task (every predecessor placed) \param processor the processor
     *  \return seconds */
    double Ready(uint32_t task, uint32_t processor) const;
    /** \brief Earliest time a core of a processor is past every task placed on it (or its
     *  availability). \param processor the processor \return seconds */
    double Tail(uint32_t processor) const;
    /** \brief Start a task would get on a processor. \param task the task \param processor
     *  the processor \param insert whether it may fill an idle gap \return seconds, INF
     *  where it may not run */
    double Start(uint32_t task, uint32_t processor, bool insert) const;
    /** \brief Start() plus the execution time. \param task the task \param processor the
     *  processor \param insert whether it may fill an idle gap \return seconds */
    double Finish(uint32_t task, uint32_t processor, bool insert) const;
    /** \brief Place a task at Start(). \param task the task \param processor the processor
     *  \param insert whether it may fill an idle gap */
    void Place(uint32_t task, uint32_t processor, bool insert);
    /** \brief Whether a task is placed. \param task the task \return true if it is */
    bool Placed(uint32_t task) const { return m_placed[task] != 0; }
    /** \brief The schedule so far. \return it */
    const DnnSchedule& Schedule() const { return m_schedule; }

  private:
    /** \brief Start and core on a processor from a ready time. \param task the task
     *  \param processor the processor \param ready the ready time \param insert whether it
     *  may fill a gap \param core set to the core \return the start */
    double StartFrom(uint32_t task, uint32_t processor, double ready, bool insert,
                     uint32_t& core) const;

    const DnnSchedulingProblem& m_problem; //!< the problem
    DnnSchedule m_schedule;                //!< placements so far
    DnnProcessorTimeline m_timeline;       //!< busy intervals
    std::vector<std::size_t> m_coreBase;   //!< first core slot per processor
    std::vector<double> m_tail;            //!< per core: latest finish placed (or availability)
    std::vector<uint8_t> m_placed;         //!< per task
};

/**
 * \ingroup dnn-offload
 * \brief The ready tasks of a list heuristic (every predecessor placed), in index order.
 */
class DnnReadyTasks
{
  public:
    /** \brief The sources are ready. \param problem the problem (outlives this) */
    explicit DnnReadyTasks(const DnnSchedulingProblem& problem);
    /** \brief The ready tasks, in index order. \return them */
    const std::vector<uint32_t>& Tasks() const { return m_ready; }
    /**
     * \brief Take a ready task out (it is being placed): each successor whose predecessors
     *        are all taken now becomes ready.
     * \param i the task's position in Tasks()
     * \return the task
     */
    uint32_t Take(std::size_t i);

  private:
    const DnnSchedulingProblem& m_problem; //!< the problem
    std::vector<uint32_t> m_waiting;       //!< per task: predecessors not yet taken
    std::vector<uint32_t> m_ready;         //!< ready tasks, index order
};

} // namespace ns3

#endif /* DNN_LIST_PLACER_H */
