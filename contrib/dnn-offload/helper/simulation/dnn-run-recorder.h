/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_RUN_RECORDER_H
#define DNN_RUN_RECORDER_H

#include "ns3/dnn-runtime-plan.h"

#include "ns3/application-container.h"
#include "ns3/nstime.h"

#include <cstdint>
#include <limits>
#include <map>
#include <memory>
#include <unordered_map>
#include <utility>
#include <vector>

namespace ns3
{

/**
 * \ingroup dnn-offload
 * \brief Listens to every worker's trace sources and keeps what happened: when each task
 *        started and finished, each activation's queueing and arrival, each request's
 *        completion.
 */
class DnnRunRecorder
{
  public:
    /** \brief A transfer between two nodes. */
    struct Transfer
    {
        uint64_t sequence{0};    //!< queueing order (0, 1, ... over the run)
        uint32_t request{0};     //!< the producer's request
        uint32_t producer{0};    //!< producer task
        uint32_t source{0};      //!< sending node
        uint32_t destination{0}; //!< receiving node
        uint64_t bytes{0};       //!< payload bytes
        double queued{-1};       //!< output queued at the sender, s
        double arrived{-1};      //!< last byte reassembled at the receiver, s (-1: never)
    };

    /** \brief What a failure did to a request. */
    struct Failure
    {
        double time{-1};         //!< when the request first lost a task or activation, s
        std::string reason;      //!< what it lost ("" if nothing)
        uint32_t recoveries{0};  //!< recoveries planned for it
        std::string unrecovered; //!< why the last recovery could not be planned ("")
    };

    /** \brief A recorder for a plan. \param plan the plan */
    explicit DnnRunRecorder(std::shared_ptr<const DnnRuntimePlan> plan);
    /** \brief Follow the workers (one per node, in node order); times are recorded from
     *  \p origin on (the workers' start, plan time 0). \param workers the apps
     *  \param origin simulation time of plan time 0 */
    void Attach(const ApplicationContainer& workers, Time origin);

    /** \brief Simulated start of a task. \param task task \return s, -1 if it never started */
    double Start(uint32_t task) const;
    /** \brief Simulated finish. \param task task \return s, -1 if it never finished */
    double Finish(uint32_t task) const;
    /** \brief How many times a task started (1 in a correct run). \param task task
     *  \return the count */
    uint32_t Starts(uint32_t task) const;
    /** \brief Node a task started on. \param task task \return node, or UINT32_MAX */
    uint32_t StartedOn(uint32_t task) const;
    /** \brief Completion of a request. \param request id \return s, -1 if unfinished */
    double Completion(uint32_t request) const;
    /** \brief Transfers in the order they were queued (but those of forgotten requests).
     *  \return the transfers */
    const std::vector<Transfer>& Transfers() const;

    /** \brief Payload bytes queued for the network over the run. \return bytes */
    uint64_t BytesQueued() const;
    /** \brief Of those, the bytes that arrived. \return bytes */
    uint64_t BytesArrived() const;

    /** \brief Drop what was recorded of a request's tasks and transfers (it was written
     *  out); its completion and failure stay. \param request id */
    void Forget(uint32_t request);
    /** \brief A request lost a task or an activation. The first loss is kept (time and
     *  reason); later ones are ignored. \param request id \param reason what was lost
     *  \param at plan time of the loss, s (negative: now) */
    void RecordFailure(uint32_t request, const std::string& reason, double at = -1);
    /** \brief A recovery was planned for a request. \param request id */
    void RecordRecovery(uint32_t request);
    /** \brief No recovery could be planned for a request. \param request id \param why
     *  the reason */
    void RecordUnrecovered(uint32_t request, const std::string& why);
    /** \brief Plan time now. \return s since plan time 0 */
    double Now() const;
    /** \brief What failures did to a request. \param request id \return the record */
    const Failure& FailureOf(uint32_t request) const;

  private:
    /** \brief Trace sink (recorder and node bound). \param self recorder \param node node
     *  \param task task */
    static void TaskStarted(DnnRunRecorder* self, uint32_t node, uint32_t task);
    /** \brief Trace sink. \param self recorder \param node node \param task task */
    static void TaskFinished(DnnRunRecorder* self, uint32_t node, uint32_t task);
    /** \brief Trace sink. \param self recorder \param node node \param producer task
     *  \param peer destination \param bytes payload */
    static void Queued(DnnRunRecorder* self, uint32_t node, uint32_t producer, uint32_t peer,
                       uint64_t bytes);
    /** \brief Trace sink. \param self recorder \param node node \param producer task
     *  \param peer source \param bytes payload */
    static void Received(DnnRunRecorder* self, uint32_t node, uint32_t producer, uint32_t peer,
                         uint64_t bytes);
    /** \brief Trace sink. \param self recorder \param node node \param request id */
    static void Completed(DnnRunRecorder* self, uint32_t node, uint32_t request);

    /** \brief What happened to one task. */
    struct TaskRecord
    {
        double start{-1};                                         //!< first start, s
        double finish{-1};                                        //!< last finish, s
        uint32_t starts{0};                                       //!< times started
        uint32_t startedOn{std::numeric_limits<uint32_t>::max()}; //!< node of the first start
    };

    /** \brief A request's slot, grown on demand. \param request id \return its index */
    std::size_t Slot(uint32_t request);

    std::shared_ptr<const DnnRuntimePlan> m_plan;                //!< the plan
    Time m_origin;                                               //!< plan time 0
    std::unordered_map<uint32_t, TaskRecord> m_tasks;            //!< tasks that started
    std::vector<double> m_completion;                            //!< per request
    std::vector<Failure> m_failures;                             //!< per request
    std::vector<Transfer> m_transfers;                           //!< by sequence
    uint64_t m_sequence{0};                                      //!< next transfer's sequence
    uint64_t m_bytesQueued{0};                                   //!< over the run
    uint64_t m_bytesArrived{0};                                  //!< over the run
    std::map<std::pair<uint32_t, uint32_t>, uint64_t> m_pending; //!< (producer, dst) -> seq
};

} // namespace ns3

#endif /* DNN_RUN_RECORDER_H */
