/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_SCHEDULE_EVALUATOR_H
#define DNN_SCHEDULE_EVALUATOR_H

#include "dnn-schedule.h"
#include "ns3/dnn-scheduling-problem.h"

#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup dnn-offload
 * \brief Fast "serial decoding" of a (processor assignment, task order) pair into a
 *        schedule: the inner loop of the metaheuristics (GA, PSO-GA).
 *
 * Tasks are taken in the given order, which must be a topological order. Task t on
 * p = assignment[t] is ready at max(Release(t), max over predecessors u of finish(u) +
 * CommTime(data, assignment[u], p)); it runs on the core of p that becomes free first (ties:
 * lowest core index), from max(ready, that core's free time), for Cost(t, p); a core is
 * free from its availability (DnnSchedulingProblem::Available()) on. There is no
 * insertion into idle gaps: a core's tasks run in the order given.
 *
 * Under the shared-medium network model an input from another processor instead goes on
 * the media of its route, in the order the decoding meets it (a consumer's inputs in the
 * problem's predecessor order): it starts at max(finish(u), the time each of those media
 * is free), keeps each medium busy for data * its time per unit from then on (no insertion
 * either), and arrives at start + Latency(q, p) + the longest of those times. An input
 * carrying no data occupies nothing.
 *
 * Makespan is the latest finish. Energy is the energy above idle: the sum over tasks of
 * DnnCoreBusyPower(IdlePower(p), BusyPower(p), Cores(p)) * Cost(t, p), i.e. (busy - idle) /
 * cores per busy core-second (the device power model DnnComputeEnergyModel simulates), plus,
 * for every dependency u -> v between two different processors, TransmitPower(p_u) * data /
 * Bandwidth(p_u, p_v) (the transmit time excludes the latency). The idle draw over a window
 * is IdleEnergy(); both together are the devices' compute energy over that window.
 *
 * An assignment is infeasible when a task is assigned a processor where its cost is INF (or a
 * processor that does not exist), or when a processor's tasks need more memory than its
 * capacity (the tasks of one memory group hold its memory once per processor); it then
 * evaluates to INF makespan and energy.
 *
 * All scratch space is allocated by the constructor: Evaluate() and Repair() do not
 * allocate, and both take O(tasks) time when no memory group has two tasks or no
 * processor's capacity is finite (Repair() more for each overfull processor). The
 * evaluator keeps a reference to the problem, which must outlive it. It is not thread-safe;
 * use one evaluator per thread.
 */
class DnnScheduleEvaluator
{
  public:
    /** \brief Objective values of one evaluation. */
    struct Outcome
    {
        double makespan; //!< latest finish, s (INF if infeasible)
        double energy;   //!< compute energy above idle plus transmit energy, J (INF if infeasible)
        double completion; //!< mean finish of the sinks (of all tasks if none), s
    };

    /** \brief An evaluator for a finalized problem; allocates all scratch space.
     *  \param problem the problem (kept by reference) */
    explicit DnnScheduleEvaluator(const DnnSchedulingProblem& problem);

    /**
     * \brief Makespan and energy of an assignment decoded in an order. Does not allocate.
     * \param assignment processor of each task (TaskCount() entries)
     * \param order the tasks in a topological order (a permutation, TaskCount() entries; not
     *        checked here, see Decode())
     * \return the outcome, INF for both values when the assignment is infeasible
     */
    Outcome Evaluate(const uint32_t* assignment, const uint32_t* order);

    /**
     * \brief The full schedule of an assignment decoded in an order (same decoding as
     *        Evaluate()).
     * \param assignment processor of each task
     * \param order the tasks in a topological order
     * \return the schedule
     * \throw std::invalid_argument if the order is not a topological permutation of the
     *        tasks or the assignment is infeasible
     */
    DnnSchedule Decode(const uint32_t* assignment, const uint32_t* order);

    /**
     * \brief Make an assignment feasible, deterministically.
     *
     * First every task assigned where it may not run moves to its pin if pinned, else to its
     * request's home processor if it may run there, else to its fastest processor. Then, while
     * a processor's tasks need more memory than its capacity, its memory groups (largest
     * memory first, ties: lower group, i.e. lower index for tasks in no group) move, one at a
     * time and all of the group's tasks on the processor together (moving some of them would
     * free nothing), to another processor where all of them may run and where the group
     * fits: preferably one that holds the group already (where the move costs no memory),
     * then the one with the most remaining capacity (ties: lower index). Tasks that need no
     * memory stay.
     *
     * \param assignment processor of each task, changed in place
     * \return true if the assignment is now feasible; false if some processor's memory
     *         overflow could not be removed (the assignment is then partly repaired)
     */
    bool Repair(uint32_t* assignment);

    /**
     * \brief The tasks of a schedule by (start, finish, position in the problem's
     *        topological order): a topological order when the schedule is valid.
     * \param problem the problem
     * \param schedule a schedule of it
     * \return the order
     */
    static std::vector<uint32_t> StartOrder(const DnnSchedulingProblem& problem,
                                            const DnnSchedule& schedule);

    /**
     * \brief Idle energy of every processor of a problem over a window: the part of the
     *        devices' energy that Evaluate() leaves out.
     * \param problem the problem
     * \param window the window's length, s
     * \return the sum of IdlePower(p) * window, J
     */
    static double IdleEnergy(const DnnSchedulingProblem& problem, double window);

    /** \brief Tasks placed so far by feasible evaluations (for placements per second).
     *  \return the count */
    uint64_t Placements() const;

  private:
    /** \brief Whether an assignment is feasible (costs and memory); uses m_used.
     *  \param assignment processor of each task \return true if feasible */
    bool Feasible(const uint32_t* assignment);
    /** \brief Put an input on the media of its route (shared-medium model), recording
     *  the transfer when m_record is set. \param from producer \param to consumer
     *  \param data data carried \param source producer's processor \param target
     *  consumer's processor \param ready producer's finish \return the arrival time */
    double Transfer(uint32_t from, uint32_t to, double data, uint32_t source, uint32_t target,
                    double ready);

    const DnnSchedulingProblem& m_problem;  //!< the problem
    uint32_t m_tasks;                       //!< task count
    uint32_t m_processors;                  //!< processor count
    bool m_memoryBound;                     //!< whether some processor's capacity is finite
    std::vector<double> m_release;          //!< release time per task
    std::vector<double> m_memory;           //!< memory per task
    std::vector<double> m_capacity;         //!< capacity per processor
    std::vector<double> m_corePower;        //!< power per busy core above idle, per processor
    std::vector<double> m_transmitPower;    //!< transmit power per processor
    std::vector<double> m_completionWeight; //!< 1/k for the k sinks (1/n when none)
    std::vector<uint32_t> m_coreBase;       //!< first core slot per processor, plus the total
    std::vector<double> m_coreAvailable;    //!< availability per core slot
    std::vector<double> m_coreFree;         //!< free time per core slot (scratch)
    bool m_sharedMemory;                    //!< whether some memory group has two tasks
    uint32_t m_groups;                      //!< memory group count
    std::vector<uint32_t> m_group;          //!< memory group per task
    /** Memory-group bookkeeping per [processor * m_groups + group] (scratch, empty unless
     *  m_sharedMemory and m_memoryBound): Feasible() marks a group seen on a processor with
     *  the current m_epoch, Repair() counts its tasks there (all zero between calls). */
    std::vector<uint32_t> m_groupSlot;
    std::vector<uint32_t> m_groupCount;           //!< see m_groupSlot
    uint32_t m_epoch;                             //!< Feasible()'s mark in m_groupSlot
    std::vector<uint32_t> m_candidates;           //!< tasks of an overfull processor (scratch)
    std::vector<double> m_used;                   //!< memory used per processor (scratch)
    std::vector<double> m_start;                  //!< start per task (scratch)
    std::vector<double> m_finish;                 //!< finish per task (scratch)
    std::vector<uint32_t> m_core;                 //!< core per task (scratch)
    uint64_t m_placements;                        //!< tasks placed so far
    bool m_shared;                                //!< whether the problem's model is shared-medium
    std::vector<double> m_mediumAvailable;        //!< per medium: its availability
    std::vector<double> m_mediumFree;             //!< per medium: free from (scratch)
    std::vector<DnnSchedule::Transfer>* m_record; //!< Decode()'s transfers, else nullptr
};

} // namespace ns3

#endif /* DNN_SCHEDULE_EVALUATOR_H */
