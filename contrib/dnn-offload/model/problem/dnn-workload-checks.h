/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_WORKLOAD_CHECKS_H
#define DNN_WORKLOAD_CHECKS_H

#include "dnn-scheduling-problem.h"
#include "ns3/dnn-partitioner.h"
#include "ns3/dnn-platform.h"
#include "ns3/dnn-task-graph.h"

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup dnn-offload
 * \brief A workload that cannot run on its platform, and what it is about, so that a reader
 *        can point at the entry of its file that is to blame.
 */
class DnnWorkloadError : public std::runtime_error
{
  public:
    /** \brief What the error is about. */
    enum class Subject
    {
        Workload, //!< the workload as a whole (partitioning, the problem)
        Requests, //!< all requests together (their weights)
        Request,  //!< one request (index: its id)
        Device    //!< one device (index: its platform index)
    };

    /**
     * \brief The error.
     * \param subject what it is about \param index the request id or device index (else 0)
     * \param detail what is wrong, in words
     */
    DnnWorkloadError(Subject subject, uint32_t index, const std::string& detail);

    /** \return what the error is about */
    Subject GetSubject() const;

    /** \return the request id or device index it is about */
    uint32_t GetIndex() const;

  private:
    Subject m_subject; //!< what it is about
    uint32_t m_index;  //!< request id or device index
};

/**
 * \ingroup dnn-offload
 * \brief A partitioned workload and its scheduling problem (processor p = device p).
 */
struct DnnWorkload
{
    DnnTaskGraph graph;           //!< every request's tasks
    DnnSchedulingProblem problem; //!< BuildWorkloadProblem(graph, platform)
};

/**
 * \ingroup dnn-offload
 * \brief Partition requests, check that they fit the platform and build their scheduling
 *        problem.
 *
 * Checks, in this order (each throws DnnWorkloadError):
 * - partitioning succeeds (Subject::Workload);
 * - memory (DnnCheckWeightsFit());
 * - the problem can be built: every device pair that must talk can, every task fits
 *   somewhere (Subject::Workload);
 * - no task takes longer than a run can simulate on a device that can run it
 *   (DnnCheckTaskDurations()).
 *
 * \param requests the requests \param config how to partition \param platform the platform
 * \return the workload
 */
DnnWorkload DnnBuildWorkload(const std::vector<DnnRequest>& requests,
                             const DnnPartitionConfig& config, const DnnPlatform& platform);

/**
 * \ingroup dnn-offload
 * \brief The size of a workload's task graph.
 */
struct DnnWorkloadSize
{
    std::size_t tasks{0}; //!< tasks of all requests
    std::size_t edges{0}; //!< edges of all requests
};

/**
 * \ingroup dnn-offload
 * \brief Check a workload as DnnBuildWorkload() does, on one request per model
 *        (DnnOneRequestPerModel()): the same errors at a fraction of the cost; messages
 *        count all \p requests.
 * \param requests the requests \param config how to partition \param platform the platform
 * \return the size of the whole workload (all \p requests partitioned)
 */
DnnWorkloadSize DnnCheckWorkload(const std::vector<DnnRequest>& requests,
                                 const DnnPartitionConfig& config, const DnnPlatform& platform);

/**
 * \ingroup dnn-offload
 * \brief The first request of each model, in order: partitioned, they need the same memory,
 *        weights and task durations as all requests together (requests of a model share its
 *        weights), so checking them checks the workload at a fraction of the cost.
 * \param requests the requests \return one request per model
 */
std::vector<DnnRequest> DnnOneRequestPerModel(const std::vector<DnnRequest>& requests);

/**
 * \ingroup dnn-offload
 * \brief Check memory: a task holds its weights on its device for the whole run, shared with
 *        the tasks of other requests holding the same weights (WorkloadWeightGroups()) there,
 *        so (1) every task must fit the largest memory (else Subject::Request, the task's
 *        request) and (2) all distinct weights together must fit all memories together (else
 *        Subject::Requests). Both are necessary, not sufficient: packing the tasks is the
 *        schedulers' job, and the schedule validator checks what they did.
 * \param graph the workload \param platform the platform \param requests how many requests
 *        the workload stands for (for the message)
 */
void DnnCheckWeightsFit(const DnnTaskGraph& graph, const DnnPlatform& platform,
                        std::size_t requests);

/**
 * \ingroup dnn-offload
 * \brief Check that no task runs longer than a run can simulate (DnnRunLimits::MAX_TIME_S)
 *        on a device that can run it (a task's run is one ns-3 event); else
 *        Subject::Device.
 * \param graph the workload \param problem its problem \param platform the platform
 */
void DnnCheckTaskDurations(const DnnTaskGraph& graph, const DnnSchedulingProblem& problem,
                           const DnnPlatform& platform);

/**
 * \ingroup dnn-offload
 * \brief Check that no device can drain its node's energy source (DnnRunLimits::
 *        SOURCE_ENERGY_J) during a run: it may draw the larger of its profile's idle and busy
 *        power, plus, for each Wi-Fi network it is on, the largest of its profile's radio
 *        idle, receive and transmit power (DnnDeviceProfile::RadioMaxPower()), for the
 *        whole run; else Subject::Device.
 * \param platform the platform
 * \param stopTime the scenario's stop time, s (the run lasts the association bound, this and
 *        the drain)
 */
void DnnCheckEnergySources(const DnnPlatform& platform, double stopTime);

/**
 * \ingroup dnn-offload
 * \brief A byte count for messages, with one decimal in decimal units ("1.2 MB").
 * \param bytes the count \return its text
 */
std::string DnnBytesText(double bytes);

} // namespace ns3

#endif /* DNN_WORKLOAD_CHECKS_H */
