/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_BATCH_MODE_SCHEDULERS_H
#define DNN_BATCH_MODE_SCHEDULERS_H

#include "ns3/dnn-scheduler.h"

#include <vector>

namespace ns3
{

/**
 * \ingroup dnn-offload
 * \brief Base of the batch-mode mapping heuristics (MinMin, MaxMin, Sufferage): among the
 *        ready tasks (every predecessor placed), repeatedly pick one task by its expected
 *        completion times on every processor (Pick()), append it to the processor where it
 *        completes earliest, and update the completion times.
 *
 * Completion time: max(the processor's last finish, the task's data-ready time) plus its
 * execution time, without insertion into idle gaps (as in SAGA, github.com/ANRGUSC/saga,
 * minmin.py, maxmin.py, sufferage.py). Ready tasks are kept in index order and ties go to
 * the first task, then to the lower-indexed processor (Python's min/max). Processors where
 * a task's memory no longer fits count only when none fits. Only the processor just used
 * changes its completion times (all of them under the shared-medium model, whose media
 * change too), so a step costs O(ready x (m + in-degree)).
 */
class DnnBatchModeScheduler : public DnnScheduler
{
  public:
    /** \brief Register this type. \return the TypeId */
    static TypeId GetTypeId();
    DnnSchedule Plan(const DnnSchedulingProblem& problem) override;

  protected:
    /**
     * \brief Whether tasks that become ready wait until the current batch is mapped
     *        (MinMin, MaxMin as in SAGA), or join the candidates at once (Sufferage).
     * \return true for batches
     */
    virtual bool Batches() const = 0;
    /**
     * \brief The task to map next.
     * \param ready the candidates, in index order
     * \param best per candidate, its earliest completion time (over the processors it
     *        may use)
     * \param second per candidate, its second earliest (INF when there is no second)
     * \param m the number of processors
     * \return an index into \p ready
     */
    virtual std::size_t Pick(const std::vector<uint32_t>& ready, const std::vector<double>& best,
                             const std::vector<double>& second, uint32_t m) const = 0;
};

/**
 * \ingroup dnn-offload
 * \brief MinMin (Ibarra, Kim, JACM 24(2), 1977, doi:10.1145/322003.322011; as compared by
 *        Braun et al., JPDC 61(6), 2001, doi:10.1006/jpdc.2000.1714): the ready task with
 *        the smallest earliest completion time first. O(n^2 m) worst case.
 *
 * For a DAG, the tasks ready when a batch starts are mapped before any task they make
 * ready, as in SAGA's minmin.py.
 */
class DnnMinMinScheduler : public DnnBatchModeScheduler
{
  public:
    /** \brief Register this type. \return the TypeId */
    static TypeId GetTypeId();

  protected:
    bool Batches() const override;
    std::size_t Pick(const std::vector<uint32_t>& ready, const std::vector<double>& best,
                     const std::vector<double>& second, uint32_t m) const override;
};

/**
 * \ingroup dnn-offload
 * \brief MaxMin (Ibarra, Kim 1977; Braun et al. 2001): the ready task with the largest
 *        earliest completion time first, on the processor giving it. O(n^2 m) worst case.
 *
 * Batches as MinMin (SAGA's maxmin.py).
 */
class DnnMaxMinScheduler : public DnnBatchModeScheduler
{
  public:
    /** \brief Register this type. \return the TypeId */
    static TypeId GetTypeId();

  protected:
    bool Batches() const override;
    std::size_t Pick(const std::vector<uint32_t>& ready, const std::vector<double>& best,
                     const std::vector<double>& second, uint32_t m) const override;
};

/**
 * \ingroup dnn-offload
 * \brief Sufferage (Maheswaran, Ali, Siegel, Hensgen, Freund, "Dynamic mapping of a class
 *        of independent tasks onto heterogeneous computing systems", JPDC 59(2), 1999,
 *        doi:10.1006/jpdc.1999.1581): the ready task that would suffer most from not
 *        getting its best processor (second earliest completion minus earliest) first.
 *        O(n^2 m) worst case.
 *
 * As in the paper, the ready tasks are mapped in passes: each task in turn (index order)
 * claims the processor where it completes earliest; a processor claimed already goes to the
 * task with the larger sufferage (ties: the earlier claim), the other waiting for the next
 * pass; at the end of the pass every claim is mapped, and tasks made ready join the next
 * pass. SAGA's sufferage.py departs from the paper: it maps one task per step, the ready
 * task of largest sufferage (tasks made ready join at once). Both rules give SAGA's
 * makespans on its 30 reference instances, but they differ on 78 of the 200 random DAGs of
 * the validity tests, so the attribute OneTaskPerStep gives SAGA's rule. A task
 * that can use one processor only suffers infinitely; with one processor every sufferage
 * is 0.
 */
class DnnSufferageScheduler : public DnnBatchModeScheduler
{
  public:
    /** \brief Register this type. \return the TypeId */
    static TypeId GetTypeId();
    DnnSchedule Plan(const DnnSchedulingProblem& problem) override;

  protected:
    bool Batches() const override;
    std::size_t Pick(const std::vector<uint32_t>& ready, const std::vector<double>& best,
                     const std::vector<double>& second, uint32_t m) const override;

  private:
    bool m_oneTaskPerStep{false}; //!< SAGA's rule instead of the paper's passes
};

/**
 * \ingroup dnn-offload
 * \brief Duplex (Braun et al., JPDC 61(6), 2001, doi:10.1006/jpdc.2000.1714): MinMin and
 *        MaxMin both plan, and the schedule of the smaller makespan is kept (MinMin's on a
 *        tie, as in SAGA's duplex.py). O(n^2 m) worst case.
 */
class DnnDuplexScheduler : public DnnScheduler
{
  public:
    /** \brief Register this type. \return the TypeId */
    static TypeId GetTypeId();
    DnnSchedule Plan(const DnnSchedulingProblem& problem) override;
};

} // namespace ns3

#endif /* DNN_BATCH_MODE_SCHEDULERS_H */
