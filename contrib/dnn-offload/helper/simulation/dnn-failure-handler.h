/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_FAILURE_HANDLER_H
#define DNN_FAILURE_HANDLER_H

#include "dnn-fault-injector.h"
#include "dnn-run-recorder.h"
#include "ns3/dnn-recovery-planner.h"

#include "ns3/application-container.h"
#include "ns3/nstime.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup dnn-offload
 * \brief Decides which requests a failure hit, records it, and (policy Replan) recovers them.
 *
 * A request is hit when it loses a task or an activation it still needs: when a device fails,
 * every request with an unfinished task on it, or with an activation from it that has not
 * arrived and that a live task waits for; when TCP gives up on a connection, every request
 * with such an activation on it. The first loss of a request is recorded (DnnRunRecorder::
 * RecordFailure: time and reason). With DnnFailurePolicy::Replan, the request is then
 * recovered with DnnRecoveryPlanner (at most MAX_RECOVERIES times per request): the new tasks
 * go to the workers at once.
 */
class DnnFailureHandler
{
  public:
    /** Recoveries one request may have. */
    static constexpr uint32_t MAX_RECOVERIES = 3;

    /**
     * \brief A handler for one run.
     * \param plan the running plan (recoveries add to it) \param graph the workload
     * \param problem its problem \param recorder the run's recorder (attached)
     * \param workers one worker per node, in node order \param policy what to do
     */
    DnnFailureHandler(std::shared_ptr<DnnRuntimePlan> plan, const DnnTaskGraph& graph,
                      const DnnSchedulingProblem& problem, DnnRunRecorder& recorder,
                      ApplicationContainer workers, DnnFailurePolicy policy);

    /** \brief Follow the workers' ConnectionFailed traces. */
    void Attach();
    /** \brief A device failed now (its network interfaces are down): stop its worker and
     *  handle the requests it hit. \param node the device */
    void DeviceFailed(uint32_t node);

  private:
    /** \brief Trace sink: TCP gave up on node -> peer. \param self the handler \param node
     *  the sender \param peer the receiver */
    static void ConnectionFailed(DnnFailureHandler* self, uint32_t node, uint32_t peer);
    /** \brief Requests hit by activations from a node that have not arrived.
     *  \param source the sending node \param destination the receiving node (or any when
     *  UINT32_MAX) \param what how the activation was lost (for the reason)
     *  \param hits in/out: request -> reason */
    void LostActivations(uint32_t source, uint32_t destination, const std::string& what,
                         std::map<uint32_t, std::string>& hits) const;
    /** \brief Record the hits and recover them (policy Replan).
     *  \param hits request -> reason */
    void Handle(const std::map<uint32_t, std::string>& hits);
    /** \brief Recover one request. \param request the request */
    void Recover(uint32_t request);
    /** \brief Plan time now. \return s */
    double Now() const;
    /** \brief A time for the reasons. \return e.g. "1.500000 s" */
    std::string NowText() const;

    std::shared_ptr<DnnRuntimePlan> m_plan; //!< the running plan
    DnnRecoveryPlanner m_planner;           //!< re-plans
    DnnRunRecorder& m_recorder;             //!< what happened
    ApplicationContainer m_workers;         //!< per node
    DnnFailurePolicy m_policy;              //!< what to do
    std::vector<bool> m_failed;             //!< per node
};

} // namespace ns3

#endif /* DNN_FAILURE_HANDLER_H */
