/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_EXPERIMENT_H
#define DNN_EXPERIMENT_H

#include "dnn-comparison.h"
#include "ns3/dnn-scenario-reader.h"

#include <functional>
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
    std::string outputDir;                //!< this scheduler's results folder ("": none)
    bool planOnly{false};                 //!< plan and validate, do not simulate
    std::function<void(double)> progress; //!< simulated plan time reached, s (may be empty)
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
     * \brief Run one scheduler. Throws DnnInputError (bad attribute), DnnInvalidScheduleError.
     * \param scenario the scenario
     * \param spec which scheduler
     * \param options where and how
     * \return the row
     */
    static DnnComparisonRow Run(const DnnScenario& scenario, const DnnSchedulerSpec& spec,
                                const DnnExperimentOptions& options);

  private:
    /**
     * \brief Run one scheduler window by window (the scenario has a planning horizon).
     * \param scenario the scenario \param spec which scheduler \param scheduler it, seeded
     * \param options where and how \return the row
     */
    static DnnComparisonRow RunRolling(const DnnScenario& scenario, const DnnSchedulerSpec& spec,
                                       Ptr<DnnScheduler> scheduler,
                                       const DnnExperimentOptions& options);
};

} // namespace ns3

#endif /* DNN_EXPERIMENT_H */
