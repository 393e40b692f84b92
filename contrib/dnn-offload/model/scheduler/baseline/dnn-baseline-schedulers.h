/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_BASELINE_SCHEDULERS_H
#define DNN_BASELINE_SCHEDULERS_H

#include "ns3/dnn-scheduler.h"

#include <random>

namespace ns3
{

/**
 * \ingroup dnn-offload
 * \brief Base of the baselines that decide each task's processor by a fixed rule: tasks
 *        are placed in HEFT's upward-rank order on the processor Target() names, at the
 *        earliest insertion slot. A pinned task stays on its pin; where the target cannot
 *        run the task (infinite time, memory full) it goes where it finishes earliest.
 */
class DnnPlacementScheduler : public DnnScheduler
{
  public:
    /** \brief Register this type. \return the TypeId */
    static TypeId GetTypeId();
    DnnSchedule Plan(const DnnSchedulingProblem& problem) override;

  protected:
    /** \brief Called once per Plan() before any Target(). \param problem the problem */
    virtual void Prepare(const DnnSchedulingProblem& problem);
    /** \brief The processor a task should go to. \param problem the problem
     *  \param task an unpinned task \return the processor, or NONE for "earliest finish" */
    virtual uint32_t Target(const DnnSchedulingProblem& problem, uint32_t task) = 0;
    /** \brief The processor with the least total execution time over all tasks.
     *  \param problem the problem \return the processor */
    static uint32_t FastestOverall(const DnnSchedulingProblem& problem);
    /** \brief The first processor of a role, else FastestOverall() (for generic instances
     *  without roles). \param problem the problem \param role the
     *  role \return the processor */
    static uint32_t ProcessorOfRole(const DnnSchedulingProblem& problem, const std::string& role);
};

/** \ingroup dnn-offload \brief Local: every task on its request's home device (where its
 *  input lives); without one, on the processor with the least total execution time. */
class DnnLocalScheduler : public DnnPlacementScheduler
{
  public:
    /** \brief Register this type. \return the TypeId */
    static TypeId GetTypeId();

  protected:
    void Prepare(const DnnSchedulingProblem& problem) override;
    uint32_t Target(const DnnSchedulingProblem& problem, uint32_t task) override;

  private:
    uint32_t m_fallback{0}; //!< processor for requests without a home
};

/** \ingroup dnn-offload \brief Every unpinned task on the first processor of one role
 *  (generic instances without that role: the one with the least total execution time). */
class DnnRoleScheduler : public DnnPlacementScheduler
{
  public:
    /** \brief Register this type. \return the TypeId */
    static TypeId GetTypeId();

  protected:
    /** \brief A scheduler for a role. \param role "edge", "cloud", ... */
    explicit DnnRoleScheduler(std::string role);
    void Prepare(const DnnSchedulingProblem& problem) override;
    uint32_t Target(const DnnSchedulingProblem& problem, uint32_t task) override;

  private:
    std::string m_role;   //!< the role
    uint32_t m_target{0}; //!< its processor
};

/** \ingroup dnn-offload \brief Edge-only: every unpinned task on the first "edge"
 *  processor. */
class DnnEdgeScheduler : public DnnRoleScheduler
{
  public:
    /** \brief Register this type. \return the TypeId */
    static TypeId GetTypeId();
    DnnEdgeScheduler();
};

/** \ingroup dnn-offload \brief Cloud-only: every unpinned task on the first "cloud"
 *  processor. */
class DnnCloudScheduler : public DnnRoleScheduler
{
  public:
    /** \brief Register this type. \return the TypeId */
    static TypeId GetTypeId();
    DnnCloudScheduler();
};

/** \ingroup dnn-offload \brief Random: every unpinned task on a uniformly random processor
 *  that can run it (Seed attribute). */
class DnnRandomScheduler : public DnnPlacementScheduler
{
  public:
    /** \brief Register this type. \return the TypeId */
    static TypeId GetTypeId();

  protected:
    void Prepare(const DnnSchedulingProblem& problem) override;
    uint32_t Target(const DnnSchedulingProblem& problem, uint32_t task) override;

  private:
    uint32_t m_seed{1};    //!< Seed attribute
    std::mt19937_64 m_rng; //!< random stream, reseeded by Prepare()
};

} // namespace ns3

#endif /* DNN_BASELINE_SCHEDULERS_H */
