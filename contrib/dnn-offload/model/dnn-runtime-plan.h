/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_RUNTIME_PLAN_H
#define DNN_RUNTIME_PLAN_H

#include "dnn-schedule.h"
#include "dnn-scheduling-problem.h"
#include "dnn-task-graph.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup dnn-offload
 * \brief What the worker applications need to carry out a schedule: per task its node,
 *        work, planned times, inputs and where its output goes; per request its home node,
 *        release and sink.
 *
 * Built once from a workload task graph, its scheduling problem (processor p = device p =
 * node p) and a valid schedule; shared read-only by every worker. A task's output goes once
 * to each other node that hosts one of its successors, carrying min(output bytes, sum of the
 * bytes those successors need) — the union of the rows they read is at most both.
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

    /** \brief One task. */
    struct Task
    {
        std::string name;                       //!< task name
        DnnTaskKind kind{DnnTaskKind::Compute}; //!< source, compute or sink
        uint32_t request{0};                    //!< request id
        uint32_t node{0};                       //!< node it runs on
        double flops{0};                        //!< work
        double plannedStart{0};                 //!< planned start, s
        double plannedFinish{0};                //!< planned finish, s
        double release{0};                      //!< earliest start, s
        uint32_t inputs{0};                     //!< predecessors (each satisfied once)
        std::vector<uint32_t> successors;       //!< all successors
        std::vector<Shipment> shipments;        //!< remote destinations of its output
    };

    /** \brief One request. */
    struct Request
    {
        uint32_t id{0};              //!< request id
        std::string model;           //!< model name
        uint32_t home{0};            //!< requesting device's node
        double release{0};           //!< arrival, s
        uint32_t sink{0};            //!< sink task
        double plannedCompletion{0}; //!< planned sink finish, s
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

    /** \brief Number of tasks. \return the count */
    uint32_t TaskCount() const;
    /** \brief A task. \param task id \return the task */
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

  private:
    std::vector<Task> m_tasks;                   //!< tasks
    std::vector<Request> m_requests;             //!< requests by id
    std::vector<std::vector<uint32_t>> m_hosted; //!< tasks per node
    std::vector<std::string> m_nodeNames;        //!< node names
    double m_makespan{0};                        //!< planned makespan
};

} // namespace ns3

#endif /* DNN_RUNTIME_PLAN_H */
