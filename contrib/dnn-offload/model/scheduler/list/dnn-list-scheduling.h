/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_LIST_SCHEDULING_H
#define DNN_LIST_SCHEDULING_H

#include "ns3/dnn-schedule.h"
#include "ns3/dnn-scheduling-problem.h"

#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup dnn-offload
 * \brief Busy intervals of every core of every processor, and under the shared-medium
 *        network model of every medium, for insertion-based list scheduling (a task or a
 *        transfer may fill an idle gap between two scheduled ones).
 *
 * Under the shared-medium model a task's inputs reach a processor over the media of their
 * routes: each input from another processor takes, in the order its producers finish (ties:
 * lower task), the earliest time from that finish at which every medium of its route has a
 * gap long enough for it, among the transfers already placed and those of the task's other
 * inputs (Sinnen and Sousa's insertion policy for edges).
 */
class DnnProcessorTimeline
{
  public:
    /** \brief Timelines for a problem's processors, each core free from its availability
     *  (DnnSchedulingProblem::Available()) on. \param problem the problem */
    explicit DnnProcessorTimeline(const DnnSchedulingProblem& problem);

    /**
     * \brief Time a task's inputs are all on a processor and it is released, their
     *        transfers fitted into the media's gaps under the shared-medium model (under the
     *        contention-free one, DnnListScheduling::ReadyTime()). Changes nothing.
     * \param schedule placements so far (every predecessor placed)
     * \param task the task \param processor the processor \return seconds
     */
    double InputsReady(const DnnSchedule& schedule, uint32_t task, uint32_t processor) const;
    /**
     * \brief InputsReady(), and under the shared-medium model put the transfers on their
     *        media and record them in the schedule.
     * \param schedule placements so far, gains the transfers
     * \param task the task \param processor the processor \return seconds
     */
    double PlaceInputs(DnnSchedule& schedule, uint32_t task, uint32_t processor);
    /** \brief Earliest start on a processor, on none of its cores before the core's
     *  availability. \param processor the processor
     *  \param ready earliest time the task may start \param duration its execution time
     *  \param core set to the core chosen \return the start time */
    double EarliestStart(uint32_t processor, double ready, double duration, uint32_t& core) const;
    /** \brief Place a task: mark an interval busy and hold the task's memory (its memory
     *  group's, unless the group is on the processor already).
     *  \param processor processor \param core core \param start start \param finish finish
     *  \param task the task */
    void Occupy(uint32_t processor, uint32_t core, double start, double finish, uint32_t task);
    /** \brief Whether a task's memory still fits on a processor: nothing more is needed
     *  when a task of its memory group is there already. \param processor processor
     *  \param task the task \return true if the processor's used memory with the task is
     *  at most its capacity */
    bool Fits(uint32_t processor, uint32_t task) const;

  private:
    /**
     * \brief One core: its busy intervals and a max-tree over the gaps between them, so
     *        that finding the first gap a task fits in costs O(log intervals).
     */
    struct Core
    {
        std::vector<std::pair<double, double>> busy; //!< (start, finish), sorted by start
        /** Max-tree over busy's indices, leaves from index \c leaves: leaf i bounds from
         *  above the durations that fit between busy[i - 1] and busy[i]. */
        std::vector<double> fit;
        std::size_t leaves{0}; //!< leaf count of fit (a power of two), 0 before the first use
        bool linear{false};    //!< overlapping, negative or non-finite times seen: just scan
        double available{0.0}; //!< no task starts before this (the core's availability)
    };

    /** \brief Earliest start on one core. \param core the core \param ready earliest
     *  time the task may start \param duration its execution time \return the start */
    static double CoreEarliestStart(const Core& core, double ready, double duration);
    /** \brief Index of the first interval from \p from whose gap's bound is at least
     *  \p duration. \param core the core \param from first index \param duration the
     *  duration \return the index, or busy.size() when there is none */
    static std::size_t FirstFit(const Core& core, std::size_t from, double duration);
    /** \brief Bring the max-tree up to date after an insertion. \param core the core
     *  \param pos index of the inserted interval */
    static void UpdateFit(Core& core, std::size_t pos);

    /** \brief Mark an interval busy on one core or medium. \param core it \param start
     *  start \param finish finish */
    static void Insert(Core& core, double start, double finish);
    /** \brief Earliest start at which every medium of a route is free for its share of a
     *  transfer, among the placed transfers and m_tentative. \param uses the route's media
     *  \param end past the last \param data data carried \param ready earliest start
     *  \return the start */
    double EarliestTransfer(const DnnSchedulingProblem::MediumUse* uses,
                            const DnnSchedulingProblem::MediumUse* end, double data,
                            double ready) const;

    /** \brief Memory a task adds to a processor's used memory. \param processor processor
     *  \param task the task \return bytes: 0 when its group is there already */
    double AddedMemory(uint32_t processor, uint32_t task) const;

    const DnnSchedulingProblem& m_problem; //!< the problem
    std::vector<std::size_t> m_coreBase;   //!< first core slot per processor
    std::vector<Core> m_cores;             //!< per core
    std::vector<Core> m_media;             //!< per medium (shared-medium model only)
    bool m_shared;                         //!< whether the problem's model is shared-medium
    /** The transfers InputsReady() fitted last (scratch) */
    mutable std::vector<DnnSchedule::Transfer> m_tentative;
    /** A task's predecessors by finish (scratch) */
    mutable std::vector<std::pair<double, uint32_t>> m_inputs;
    std::vector<double> m_memoryUsed; //!< per processor
    /** Whether a memory group has a task on a processor, [processor * groups + group];
     *  empty when no group has two tasks */
    std::vector<uint8_t> m_groupPresent;
};

/**
 * \ingroup dnn-offload
 * \brief Shared steps of list schedulers (HEFT, CPOP, PEFT).
 */
class DnnListScheduling
{
  public:
    /** \brief Mean upward rank (Topcuoglu 2002): mean execution time plus the longest mean
     *  path to an exit task. \param problem the problem \return one rank per task */
    static std::vector<double> UpwardRanks(const DnnSchedulingProblem& problem);
    /** \brief Mean downward rank: longest mean path from an entry task, excluding the task.
     *  \param problem the problem \return one rank per task */
    static std::vector<double> DownwardRanks(const DnnSchedulingProblem& problem);
    /** \brief Optimistic cost table (Arabnejad 2014), n x m row-major.
     *  \param problem the problem \return OCT[t * m + p] */
    static std::vector<double> OptimisticCostTable(const DnnSchedulingProblem& problem);
    /** \brief Time a task's inputs are all on a processor (and it is released).
     *  \param problem the problem \param schedule placements so far \param task the task
     *  \param processor the processor \return seconds */
    static double ReadyTime(const DnnSchedulingProblem& problem, const DnnSchedule& schedule,
                            uint32_t task, uint32_t processor);
    /**
     * \brief Schedule tasks in priority order, each on the processor a chooser picks.
     *
     * Repeatedly takes the ready task (all predecessors placed) with the highest priority
     * (ties: lower index), asks \p choose for its processor and places it there at the
     * earliest insertion slot.
     *
     * \param problem the problem
     * \param priority one value per task, higher first
     * \param choose callback (task, timeline, schedule) -> processor
     * \return the schedule
     */
    template<typename Chooser>
    static DnnSchedule Run(const DnnSchedulingProblem& problem, const std::vector<double>& priority,
                           Chooser choose);
    /**
     * \brief The processor with the earliest finish for a task (plus an optional per-
     *        processor bias, e.g. PEFT's OCT), among those where its memory fits.
     * \param problem the problem \param timeline the timelines \param schedule placements
     * \param task the task \param bias per-processor addend, or nullptr
     * \return the processor
     */
    static uint32_t BestFinish(const DnnSchedulingProblem& problem,
                               const DnnProcessorTimeline& timeline, const DnnSchedule& schedule,
                               uint32_t task, const double* bias);
};

} // namespace ns3

#include "dnn-list-scheduling-impl.h"

#endif /* DNN_LIST_SCHEDULING_H */
