/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_ROLLING_PLANNER_H
#define DNN_ROLLING_PLANNER_H

#include "ns3/dnn-partitioner.h"
#include "ns3/dnn-platform.h"
#include "ns3/dnn-runtime-plan.h"
#include "ns3/dnn-scheduler.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{

/**
 * \ingroup dnn-offload
 * \brief Rolling-horizon planning: plans the requests window by window as they arrive.
 *
 * Plan time is cut into windows [kH, (k+1)H) of the horizon H (a request is in window
 * floor(release / H)). When window k opens (at plan time kH, up to H before its requests
 * arrive), the requests released in it are partitioned, their scheduling problem is
 * built with every core busy until the planned finish of the work already planned on it
 * (DnnSchedulingProblem::SetAvailable), the scheduler plans it, the schedule is checked
 * (ValidateSchedule) and appended to the runtime plan. Windows without a request are
 * skipped. So the planner holds one window's workload at a time, however long the run,
 * and each scheduler plans what it would see online: the requests of the window, on
 * devices loaded by the earlier plans, without the devices that failed (ExcludeDevice()).
 */
class DnnRollingPlanner
{
  public:
    /**
     * \brief A planner.
     * \param platform the devices and networks (outlives the planner)
     * \param partition how models are cut
     * \param requests the requests by release time (outlives the planner)
     * \param horizon window length, s (> 0)
     * \param scheduler the scheduler planning each window
     */
    DnnRollingPlanner(const DnnPlatform& platform, DnnPartitionConfig partition,
                      const std::vector<DnnRequest>& requests, double horizon,
                      Ptr<DnnScheduler> scheduler);

    /** \brief The network model the windows are planned under (default: contention-free;
     *  under the shared model each window finds the media busy until the transfers planned
     *  in earlier windows end, as it finds the cores). \param model the model */
    void SetNetworkModel(DnnNetworkModel model);

    /** \brief Declare every request in a plan (before the first window).
     *  \param plan the plan */
    void Declare(DnnRuntimePlan& plan) const;
    /** \brief Whether every request has been planned. \return true if so */
    bool Done() const;
    /** \brief When the next window with a request opens. \return plan time, s */
    double NextWindow() const;
    /**
     * \brief Plan the next window with a request and append it to the plan. Throws
     *        DnnInvalidScheduleError when the scheduler's schedule is not valid.
     * \param plan the plan \return the ids of the requests planned
     */
    std::vector<uint32_t> PlanNext(DnnRuntimePlan& plan);
    /**
     * \brief A device failed: later windows keep off it (no task may run there), and
     *        their requests from it are not planned at all.
     * \param device the device
     */
    void ExcludeDevice(uint32_t device);
    /** \brief Requests of the windows planned so far that were not planned because devices
     *  had failed (theirs, or every one that could run some task); the list is emptied.
     *  \return (id, why) */
    std::vector<std::pair<uint32_t, std::string>> TakeSkipped();

    /** \brief The window length. \return s */
    double Horizon() const;
    /** \brief Windows planned. \return the count */
    uint32_t Windows() const;
    /** \brief Latest planned finish of all windows. \return s */
    double PlannedMakespan() const;
    /** \brief Planned energy (compute and transmission) of all windows. \return J */
    double PlannedEnergy() const;
    /** \brief Requests planned so far. \return the count */
    uint32_t PlannedRequests() const;
    /** \brief Sum of the planned latencies of the requests planned. \return s */
    double PlannedLatencySum() const;
    /** \brief Wall-clock time the scheduler spent on all windows. \return s */
    double SchedulerRuntime() const;

  private:
    /** \brief The window a release falls in. \param release s \return k = floor(release / H) */
    double WindowOf(double release) const;

    const DnnPlatform& m_platform;             //!< devices and networks
    DnnPartitionConfig m_partition;            //!< how models are cut
    const std::vector<DnnRequest>& m_requests; //!< all requests, by release time
    double m_horizon;                          //!< window length, s
    Ptr<DnnScheduler> m_scheduler;             //!< plans each window
    DnnNetworkModel m_networkModel{DnnNetworkModel::ContentionFree}; //!< the windows' model
    std::size_t m_next{0};                                           //!< first request not planned
    std::vector<double> m_available;       //!< per core: planned busy until, s
    std::vector<double> m_mediumAvailable; //!< per platform medium: planned busy until, s
    std::vector<uint8_t> m_excluded;       //!< per device: failed
    std::vector<std::pair<uint32_t, std::string>>
        m_skipped;          //!< requests not planned (failed device)
    uint32_t m_planned{0};  //!< requests planned
    uint32_t m_windows{0};  //!< windows planned
    double m_makespan{0};   //!< latest planned finish, s
    double m_energy{0};     //!< planned energy, J
    double m_latencySum{0}; //!< planned latencies, s
    double m_runtime{0};    //!< scheduler wall-clock time, s
};

} // namespace ns3

#endif /* DNN_ROLLING_PLANNER_H */
