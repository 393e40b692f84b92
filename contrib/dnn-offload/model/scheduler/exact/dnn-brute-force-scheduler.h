/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_BRUTE_FORCE_SCHEDULER_H
#define DNN_BRUTE_FORCE_SCHEDULER_H

#include "ns3/dnn-scheduler.h"

#include <cstdint>

namespace ns3
{

/**
 * \ingroup dnn-offload
 * \brief Brute force: the best schedule over every assignment of tasks to processors and
 *        every topological order, each decoded without insertion (the optimum for small
 *        instances).
 *
 * The schedules searched are SAGA's BruteForce's (ANRGUSC/saga, brute_force.py; no paper):
 * every mapping of tasks to processors (where they may run) times every topological order,
 * each "list-scheduled" by DnnScheduleEvaluator's serial decoding (a task appended on its
 * processor's first free core at max(its inputs' arrival, its release, that core's free
 * time)). The result is the one with the smallest makespan (ties: the first found).
 *
 * Under the contention-free network model that is the optimal makespan of the problem: a
 * valid schedule decoded in its tasks' start order gives every task a start no later (with
 * releases, pins, cores and core availabilities), so some optimal schedule is such a
 * decoding; memory depends on the assignment only. Under the shared-medium model each
 * transfer is also appended on its media in the decoding's order, and the result is the
 * best such decoding, which need not be the optimum over every order of transfers on a
 * medium.
 *
 * The search is a depth-first branch and bound over partial decodings (a task and its
 * processor added at each level), children best bound first, started from HEFT's plan
 * decoded in its start order. Its bound is the largest of the partial makespan, each
 * unplaced task's earliest start plus its shortest execution time and static level (the
 * longest chain of shortest execution times after it), and the work left spread over the
 * cores. Under the contention-free model (and under the shared one when no dependency
 * carries data) it also meets each decoding once, in start order (a task's decoded start is
 * never before the previous one's; equal starts go by topological position), which the
 * argument above makes complete; there too, of processors that can swap their tasks without
 * changing a time (the same execution times, cores, core availabilities, capacity and
 * links), only the first is tried while they are all empty. Scratch space is allocated
 * once per Plan(); a search node allocates nothing.
 *
 * Cost: at worst, proportional to SAGA's candidate count C, the product over tasks of the
 * processors a task may run on times the number of topological orders (measured: 3 to 6 s
 * at the default MaxCandidates on the hardest family found, 9 tasks on 2 identical
 * processors under the shared-medium model, every order searched). Plan() refuses
 * (DnnInputError) a problem of more than MaxTasks tasks or more than MaxCandidates
 * candidates before it searches.
 */
class DnnBruteForceScheduler : public DnnScheduler
{
  public:
    /** \brief Register this type. \return the TypeId */
    static TypeId GetTypeId();
    DnnSchedule Plan(const DnnSchedulingProblem& problem) override;

    /**
     * \brief SAGA's candidate count of a problem: the product over tasks of the processors
     *        each may run on (finite execution time) times the number of topological orders.
     * \param problem a finalized problem of at most 24 tasks
     * \return the count (a double: it may exceed 2^64)
     * \throw std::invalid_argument for more than 24 tasks
     */
    static double CandidateCount(const DnnSchedulingProblem& problem);

    /** \brief Search nodes (partial decodings) the last Plan() visited. \return the count */
    uint64_t SearchNodes() const;

  private:
    uint32_t m_maxTasks{20};     //!< MaxTasks attribute
    double m_maxCandidates{1e8}; //!< MaxCandidates attribute
    uint64_t m_nodes{0};         //!< search nodes of the last Plan()
};

} // namespace ns3

#endif /* DNN_BRUTE_FORCE_SCHEDULER_H */
