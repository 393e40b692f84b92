/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_SCHEDULE_H
#define DNN_SCHEDULE_H

#include "ns3/dnn-scheduling-problem.h"

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup dnn-offload
 * \brief A scheduler produced a schedule that fails ValidateSchedule (a bug, not bad input).
 */
struct DnnInvalidScheduleError : std::logic_error
{
    using std::logic_error::logic_error;
};

/**
 * \ingroup dnn-offload
 * \brief A plan: for each task a processor, a core, a planned start and finish; under the
 *        shared-medium network model also each transfer's time on each medium it crosses.
 */
class DnnSchedule
{
  public:
    /** \brief A dependency's data on one medium (shared-medium model). */
    struct Transfer
    {
        uint32_t from;   //!< producing task
        uint32_t to;     //!< consuming task
        uint32_t medium; //!< the medium
        double start;    //!< planned start on it, s
        double finish;   //!< end of its time on it, s
    };

    /** \brief An empty schedule for \p tasks tasks. \param tasks task count */
    explicit DnnSchedule(uint32_t tasks = 0);

    /** \brief Place a task. \param task task \param processor processor \param core core
     *  \param start planned start, s \param finish planned finish, s */
    void Place(uint32_t task, uint32_t processor, uint32_t core, double start, double finish);

    /** \brief Record a transfer's time on a medium. \param transfer the transfer */
    void AddTransfer(const Transfer& transfer);
    /** \brief The transfers recorded, in the order planned. \return them */
    const std::vector<Transfer>& Transfers() const;

    /** \brief Number of tasks. \return the count */
    uint32_t TaskCount() const;
    /** \brief Processor of a task. \param task task \return the processor */
    uint32_t Processor(uint32_t task) const;
    /** \brief Core of a task. \param task task \return the core */
    uint32_t Core(uint32_t task) const;
    /** \brief Planned start. \param task task \return seconds */
    double Start(uint32_t task) const;
    /** \brief Planned finish. \param task task \return seconds */
    double Finish(uint32_t task) const;
    /** \brief Latest finish. \return seconds */
    double Makespan() const;
    /** \brief Tasks of each processor by planned start (ties: by task index).
     *  \param processors processor count \return one list per processor */
    std::vector<std::vector<uint32_t>> ProcessorOrder(uint32_t processors) const;
    /** \brief Completion of each request: its sink's finish, or its last task's finish when
     *  it has no sink. \param problem the problem \return one time per request */
    std::vector<double> RequestCompletion(const DnnSchedulingProblem& problem) const;

  private:
    std::vector<uint32_t> m_processor; //!< per task
    std::vector<uint32_t> m_core;      //!< per task
    std::vector<double> m_start;       //!< per task
    std::vector<double> m_finish;      //!< per task
    std::vector<Transfer> m_transfers; //!< shared-medium model: per dependency and medium
};

/**
 * \ingroup dnn-offload
 * \brief Check a schedule against its problem.
 *
 * Checks that every task is placed on a processor and core that exist, that its duration is
 * its execution time there (and finite), its release time, that it starts no earlier than
 * its core's availability (DnnSchedulingProblem::Available()), its pin, precedence with
 * communication delays (start >= predecessor finish + comm time), no overlap of two tasks on
 * one core, and memory (the tasks on a processor need at most its capacity, the tasks of one
 * memory group counted once per processor).
 *
 * Under the shared-medium network model it also checks the transfers: each dependency
 * between two processors has one on every medium of its route and on no other, all
 * starting together, no earlier than the producer's finish, each lasting data times the
 * medium's time per unit; the consumer starts no earlier than the start plus the latency
 * plus the longest of them; and no two transfers overlap on a medium.
 *
 * \param problem the problem
 * \param schedule the schedule
 * \param tolerance slack allowed on time comparisons (relative to the makespan, plus 1e-9 s)
 * \return every violation found, in words; empty when the schedule is valid
 */
std::vector<std::string> ValidateSchedule(const DnnSchedulingProblem& problem,
                                          const DnnSchedule& schedule, double tolerance = 1e-9);

} // namespace ns3

#endif /* DNN_SCHEDULE_H */
