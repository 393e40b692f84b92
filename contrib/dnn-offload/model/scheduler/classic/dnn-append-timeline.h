/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_APPEND_TIMELINE_H
#define DNN_APPEND_TIMELINE_H

#include "ns3/dnn-list-scheduling.h"
#include "ns3/dnn-schedule.h"
#include "ns3/dnn-scheduling-problem.h"

#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup dnn-offload
 * \brief Placement without insertion, for the classic mapping heuristics (MET, MCT, OLB,
 *        fastest node, MinMin, MaxMin, Sufferage, ETF): a task starts on a core no earlier
 *        than the finish of the last task appended to that core (or the core's
 *        availability), never in an earlier idle gap.
 *
 * Built on DnnProcessorTimeline, which keeps the memory and, under the shared-medium
 * network model, fits each task's input transfers into the media's gaps; this class adds
 * one "tail" per core (the finish of its last task) and the schedule being built. A
 * processor's start for a task is the earliest over its cores of max(inputs ready, tail).
 */
class DnnAppendTimeline
{
  public:
    /** \brief Empty timelines, each core's tail at its availability.
     *  \param problem a finalized problem (must outlive this object) */
    explicit DnnAppendTimeline(const DnnSchedulingProblem& problem);

    /** \brief Whether a task can run on a processor at all (finite time: not pinned
     *  elsewhere, memory below the capacity). \param task task \param processor processor
     *  \return true if it can */
    bool CanRun(uint32_t task, uint32_t processor) const
    {
        return m_problem.Cost(task, processor) < DnnSchedulingProblem::INF;
    }
    /** \brief Whether a task's memory still fits on a processor.
     *  \param task task \param processor processor \return true if it fits */
    bool Fits(uint32_t task, uint32_t processor) const { return m_timeline.Fits(processor, task); }
    /** \brief Time a task's inputs are all on a processor and it is released (SAGA's and
     *  the papers' data-arrival time). Changes nothing. Every predecessor must be placed.
     *  \param task task \param processor processor \return seconds */
    double Ready(uint32_t task, uint32_t processor) const;
    /** \brief Earliest start on a processor from a ready time, appended after each core's
     *  last task. \param processor processor \param ready ready time \param core set to
     *  the core \return seconds */
    double Start(uint32_t processor, double ready, uint32_t& core) const;
    /** \brief Earliest finish of a task on a processor (the completion time of MCT,
     *  MinMin...). \param task task \param processor processor \return seconds, INF where
     *  it cannot run */
    double Finish(uint32_t task, uint32_t processor) const;
    /** \brief When a processor's first core is free: the earliest of its cores' tails.
     *  \param processor processor \return seconds */
    double Free(uint32_t processor) const;
    /** \brief How many cores of a processor are free at a time (tail at or before it).
     *  \param processor processor \param now the time \return the count */
    uint32_t IdleCores(uint32_t processor, double now) const;
    /** \brief Place a task on a processor, after the last task of one of its cores: put
     *  its input transfers on the media (shared-medium model), hold its memory.
     *  \param task task (every predecessor placed) \param processor processor
     *  \param notBefore earliest start allowed (ETF's current time) \return the start */
    double Place(uint32_t task, uint32_t processor, double notBefore = 0.0);
    /** \brief The schedule so far. \return it */
    const DnnSchedule& Schedule() const { return m_schedule; }

  private:
    const DnnSchedulingProblem& m_problem; //!< the problem
    DnnSchedule m_schedule;                //!< placements so far
    DnnProcessorTimeline m_timeline;       //!< memory, media and busy intervals
    std::vector<std::size_t> m_coreBase;   //!< first core slot per processor
    std::vector<double> m_tail;            //!< per core: finish of its last task
};

/**
 * \ingroup dnn-offload
 * \brief The best processor by a value, preferring processors where the task's memory
 *        still fits (as DnnListScheduling::BestFinish does); among equals the first
 *        offered wins (strict <), as Python's min() in SAGA.
 */
struct DnnProcessorChoice
{
    uint32_t processor{DnnSchedulingProblem::NONE}; //!< the best so far, NONE before any
    double value{DnnSchedulingProblem::INF};        //!< its value
    bool fits{false};                               //!< whether its memory fits

    /** \brief Consider a processor. \param p processor \param v its value (lower is
     *  better) \param f whether the task's memory fits there */
    void Offer(uint32_t p, double v, bool f)
    {
        if (processor == DnnSchedulingProblem::NONE || (f && !fits) || (f == fits && v < value))
        {
            processor = p;
            value = v;
            fits = f;
        }
    }
};

} // namespace ns3

#endif /* DNN_APPEND_TIMELINE_H */
