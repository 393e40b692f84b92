/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_EXPERIMENT_H
#define DNN_EXPERIMENT_H

#include "dnn-comparison.h"
#include "ns3/dnn-provenance.h"
#include "ns3/dnn-scenario-reader.h"

#include <functional>
#include <optional>
#include <stdexcept>
#include <string>

namespace ns3
{

/**
 * \ingroup dnn-offload
 * \brief How DnnExperiment runs one scheduler.
 */
struct DnnExperimentOptions
{
    std::string outputDir; //!< this scheduler's results folder ("": none)
    bool planOnly{false};  //!< plan and validate, do not simulate
    /** This run may write netanim.xml when the scenario asks for it (the runner allows the
     *  first scheduler's, or every one's with "netanim": "all") */
    bool netanim{true};
    std::function<void(double)> progress; //!< simulated plan time reached, s (may be empty)
    /** How the results are made (the scenario hash and command line; the seed and run
     *  are the scenario's) */
    DnnProvenance provenance;
};

/**
 * \ingroup dnn-offload
 * \brief Plans a scenario with one scheduler, validates the plan, carries it out in ns-3
 *        and sums both up as a comparison row.
 *
 * With a planning horizon (DnnScenario::horizon) the scheduler plans window by window as
 * the run goes (DnnRollingPlanner); the planned figures are then the windows' together.
 *
 * The scheduler's Seed attribute, unless the scenario sets it, is seed + 7919 (run - 1)
 * of the scenario, so --seed and --run vary the metaheuristics as they vary ns-3's streams.
 */
class DnnExperiment
{
  public:
    /**
     * \brief Prepare a scenario's runs: without a planning horizon, partition its requests
     *        and build their scheduling problem once (DnnScenarioReader::BuildWorkload()),
     *        for every scheduler to plan. Throws DnnInputError.
     * \param scenario the scenario (kept by reference: it must outlive the experiment)
     */
    explicit DnnExperiment(const DnnScenario& scenario);

    /**
     * \brief Run one scheduler. Throws DnnInputError (bad attribute), DnnInvalidScheduleError.
     * \param spec which scheduler
     * \param options where and how
     * \return the row
     */
    DnnComparisonRow Run(const DnnSchedulerSpec& spec, const DnnExperimentOptions& options) const;

    /** \brief Tasks of the workload every scheduler plans. \return the count (0 with a
     *  planning horizon: the windows are partitioned as the run goes) */
    uint32_t TaskCount() const;

  private:
    /**
     * \brief Run one scheduler on the whole workload, planned before the run.
     * \param spec which scheduler \param scheduler it, seeded \param options where and how
     * \return the row
     */
    DnnComparisonRow RunOffline(const DnnSchedulerSpec& spec, Ptr<DnnScheduler> scheduler,
                                const DnnExperimentOptions& options) const;

    /**
     * \brief Run one scheduler window by window (the scenario has a planning horizon).
     * \param spec which scheduler \param scheduler it, seeded \param options where and how
     * \return the row
     */
    DnnComparisonRow RunRolling(const DnnSchedulerSpec& spec, Ptr<DnnScheduler> scheduler,
                                const DnnExperimentOptions& options) const;

    /** \brief The platform a scheduler plans on: the scenario's, with its measured hop
     *  models if the scheduler is calibrated, else m_nominalPlatform.
     *  \param spec the scheduler \return the platform */
    const DnnPlatform& PlanningPlatform(const DnnSchedulerSpec& spec) const;

    const DnnScenario& m_scenario;         //!< the scenario
    std::optional<DnnWorkload> m_workload; //!< its workload (none with a planning horizon)
    DnnPlatform m_nominalPlatform;         //!< the scenario's platform, nominal hop models
    /** The workload's problem on m_nominalPlatform, when the scenario's platform has
     *  measured hop models (else m_workload's problem is nominal already) */
    std::optional<DnnSchedulingProblem> m_nominalProblem;
};

} // namespace ns3

#endif /* DNN_EXPERIMENT_H */
