/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_RUNTIME_PLAN_H
#define DNN_RUNTIME_PLAN_H

#include "ns3/dnn-schedule.h"
#include "ns3/dnn-scheduling-problem.h"
#include "ns3/dnn-task-graph.h"

#include <cstdint>
#include <limits>
#include <string>
#include <unordered_map>
#include <vector>

namespace ns3
{

/**
 * \ingroup dnn-offload
 * \brief What the worker applications need to carry out a schedule: per task its node,
 *        work, planned times, inputs and where its output goes; per request its home node,
 *        release and sink.
 *
 * Built from a workload task graph, its scheduling problem (processor p = device p = node p)
 * and a valid schedule — at once, or in batches (Append()) as a rolling-horizon planner
 * plans the requests that arrive; shared by every worker. A task's output goes once to each
 * other node that hosts one of its successors, carrying min(output bytes, sum of the bytes
 * those successors need) — the union of the rows they read is at most both.
 *
 * A recovery (DnnRecoveryPlanner) may add tasks while the plan runs: copies of workload tasks
 * (attempt k >= 1, \c original naming the workload task) and abandon the ones they replace.
 * Retire() drops a finished request's tasks, so a long run holds only the requests in flight.
 */
class DnnRuntimePlan
{
  public:
    /** \brief An output shipment. */
    struct Shipment
    {
        uint32_t node;  //!< destination node
        uint64_t bytes; //!< payload bytes
    };

    /** No task or node. */
    static constexpr uint32_t NONE = std::numeric_limits<uint32_t>::max();

    /** \brief One task. */
    struct Task
    {
        std::string name;                       //!< task name
        DnnTaskKind kind{DnnTaskKind::Compute}; //!< source, compute or sink
        std::string layer;                      //!< head layer of its group ("" if none)
        uint32_t piece{0};                      //!< piece index within the layer group
        uint32_t request{0};                    //!< request id
        uint32_t node{0};                       //!< node it runs on
        DnnWork work;                           //!< work, FLOPs by kind
        double plannedStart{0};                 //!< planned start, s
        double plannedFinish{0};                //!< planned finish, s
        double release{0};                      //!< earliest start, s
        uint32_t inputs{0};                     //!< predecessors (each satisfied once)
        std::vector<uint32_t> successors;       //!< all successors
        std::vector<Shipment> shipments;        //!< remote destinations of its output
        uint32_t original{0};                   //!< the workload task it carries out
        uint32_t attempt{0};                    //!< 0: planned; k: added by the k-th recovery
        bool abandoned{false};                  //!< given up (a recovery replaced it)
    };

    /** \brief One request. */
    struct Request
    {
        uint32_t id{0};              //!< request id
        std::string model;           //!< model name
        uint32_t home{0};            //!< requesting device's node
        double release{0};           //!< arrival, s
        uint32_t sink{NONE};         //!< sink task (NONE: not planned yet)
        double plannedCompletion{0}; //!< planned sink finish, s
        bool retired{false};         //!< its tasks were dropped (Retire())
    };

    /**
     * \brief Build a plan. Throws std::invalid_argument when the schedule does not cover
     *        the graph or a request has no sink.
     * \param graph the workload
     * \param problem its scheduling problem (task i = graph task i)
     * \param schedule a valid schedule of the problem
     */
    DnnRuntimePlan(const DnnTaskGraph& graph, const DnnSchedulingProblem& problem,
                   const DnnSchedule& schedule);
    /** \brief An empty plan, to be filled by Append(). \param nodeNames node names */
    explicit DnnRuntimePlan(std::vector<std::string> nodeNames);

    /**
     * \brief Add a batch of planned tasks: graph task i becomes task (returned base) + i.
     *        Every request of the batch gets its sink, home and planned completion; the
     *        batch's tasks depend only on each other. Throws std::invalid_argument when the
     *        three disagree, a task is not placed or a request of the batch has no sink.
     * \param graph the batch's workload \param problem its scheduling problem
     * \param schedule a valid schedule of it \return the id of the batch's first task
     */
    uint32_t Append(const DnnTaskGraph& graph, const DnnSchedulingProblem& problem,
                    const DnnSchedule& schedule);
    /** \brief Declare a request before it is planned (Append() fills in its sink).
     *  \param request id, model, home node and release (sink NONE) */
    void DeclareRequest(Request request);

    /** \brief Task ids issued so far (ids are 0 .. TaskCount() - 1; retired ones are gone).
     *  \return the count */
    uint32_t TaskCount() const;
    /** \brief Most tasks the plan held at once (issued, not yet retired). \return count */
    uint32_t PeakTaskCount() const;
    /** \brief Whether a task exists (issued and not retired). \param task id
     *  \return true if so */
    bool HasTask(uint32_t task) const;
    /** \brief A task. \param task id (throws std::out_of_range when retired)
     *  \return the task */
    const Task& GetTask(uint32_t task) const;
    /** \brief Requests, by id. \return the requests */
    const std::vector<Request>& Requests() const;
    /** \brief Tasks hosted by a node. \param node node \return task ids */
    const std::vector<uint32_t>& TasksOn(uint32_t node) const;
    /** \brief Number of nodes. \return the count */
    uint32_t NodeCount() const;
    /** \brief Node names. \param node node \return the device name */
    const std::string& NodeName(uint32_t node) const;
    /** \brief Planned makespan. \return s */
    double PlannedMakespan() const;
    /** \brief Total bytes the plan ships between nodes. \return bytes */
    uint64_t PlannedNetworkBytes() const;
    /** \brief Tasks of a request, every attempt, in id order. \param request id
     *  \return task ids */
    const std::vector<uint32_t>& TasksOf(uint32_t request) const;
    /** \brief Workload tasks: tasks that carry out themselves (attempt 0). \return the count */
    uint32_t OriginalTaskCount() const;

    /**
     * \brief Add a task while the plan runs (a recovery). Its successors, inputs and
     *        shipments must refer to tasks that exist once the batch is added; the workers
     *        learn of it through DnnWorkerApplication::Extend().
     * \param task the task (request and node must exist) \return its id
     */
    uint32_t AddTask(Task task);
    /** \brief Make another task the sink a request completes with. \param request id
     *  \param sink a sink task of that request */
    void SetSink(uint32_t request, uint32_t sink);
    /** \brief Give a task up: its worker will not start it, nor ship its output.
     *  \param task id */
    void Abandon(uint32_t task);
    /** \brief Drop a finished request's tasks (the request itself stays, marked retired).
     *  Workers and recorders must have forgotten them first. \param request id */
    void Retire(uint32_t request);

  private:
    std::unordered_map<uint32_t, Task> m_tasks;     //!< live tasks by id
    uint32_t m_nextTask{0};                         //!< next task id
    uint32_t m_peakTasks{0};                        //!< most live tasks at once
    uint64_t m_plannedBytes{0};                     //!< bytes the planned tasks ship
    std::vector<Request> m_requests;                //!< requests by id
    std::vector<std::vector<uint32_t>> m_hosted;    //!< tasks per node
    std::vector<std::string> m_nodeNames;           //!< node names
    std::vector<std::vector<uint32_t>> m_byRequest; //!< tasks per request
    uint32_t m_originals{0};                        //!< workload tasks
    double m_makespan{0};                           //!< planned makespan
};

} // namespace ns3

#endif /* DNN_RUNTIME_PLAN_H */
