/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_TASK_GRAPH_H
#define DNN_TASK_GRAPH_H

#include "ns3/dnn-work.h"

#include <boost/graph/adjacency_list.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup dnn-offload
 * \brief What a task stands for.
 */
enum class DnnTaskKind
{
    Source,  //!< the request's input tensor, on the requesting device
    Compute, //!< a (piece of a) fused layer group
    Sink,    //!< the request's result, back on the requesting device
};

/**
 * \ingroup dnn-offload
 * \brief One schedulable unit of work: a layer group, a strip or neuron group of one, or a
 *        request's source or sink.
 */
struct DnnTask
{
    std::string name;                       //!< unique name, e.g. "r0/conv1/p2"
    DnnTaskKind kind{DnnTaskKind::Compute}; //!< source, compute or sink
    uint32_t request{0};                    //!< request id
    std::string model;                      //!< model name ("" for generic instances)
    std::string layer;                      //!< head layer of the group ("input"/"output")
    std::vector<std::string> fused;         //!< further layers fused into the head
    uint32_t piece{0};                      //!< piece index within the layer group
    uint32_t pieces{1};                     //!< pieces the layer group was cut into
    uint64_t first{0};                      //!< first output row (or neuron) of the piece
    uint64_t last{0};                       //!< last output row (or neuron), inclusive
    DnnWork work;                           //!< work, FLOPs by kind
    uint64_t weightBytes{0};                //!< bytes of weights the piece needs
    uint64_t outputBytes{0};                //!< bytes of the piece's output
    std::string pinnedDevice;               //!< device the task must run on ("" = any)
    double releaseTime{0};                  //!< earliest start (the request's arrival), s
};

/**
 * \ingroup dnn-offload
 * \brief Data flowing along a task-graph edge.
 */
struct DnnTaskEdge
{
    uint64_t bytes{0}; //!< bytes the consumer needs from the producer
};

/**
 * \ingroup dnn-offload
 * \brief A directed acyclic graph of tasks on Boost.Graph.
 *
 * One edge per producer/consumer pair. TopologicalOrder() (and Validate()) reject cycles
 * with a DnnCycleError naming the tasks on the cycle.
 */
class DnnTaskGraph
{
  public:
    /** The Boost.Graph type underneath. */
    using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, DnnTask,
                                        DnnTaskEdge>;
    /** Index of a task (0 .. TaskCount()-1). */
    using TaskId = std::size_t;

    /** \brief Add a task. \param task the task \return its id */
    TaskId AddTask(DnnTask task);
    /**
     * \brief Add a dependency, or raise the byte count of an existing one to \p bytes
     *        (the same tensor rows are shipped once).
     * \param from producer
     * \param to consumer
     * \param bytes data the consumer needs
     */
    void AddEdge(TaskId from, TaskId to, uint64_t bytes);
    /** \brief Append every task and edge of \p other (ids shift by TaskCount()).
     *  \param other the graph to append \return the id offset of other's tasks */
    TaskId Append(const DnnTaskGraph& other);

    /** \brief Number of tasks. \return the count */
    std::size_t TaskCount() const;
    /** \brief Number of edges. \return the count */
    std::size_t EdgeCount() const;
    /** \brief A task. \param id the task \return its properties */
    const DnnTask& Task(TaskId id) const;
    /** \brief A task, for editing. \param id the task \return its properties */
    DnnTask& Task(TaskId id);
    /** \brief Id of a task by name. \param name task name \return the id, or -1 */
    int64_t FindTask(const std::string& name) const;
    /** \brief Successor ids. \param id the task \return the successors */
    std::vector<TaskId> Successors(TaskId id) const;
    /** \brief Predecessor ids. \param id the task \return the predecessors */
    std::vector<TaskId> Predecessors(TaskId id) const;
    /** \brief Bytes on an edge. \param from producer \param to consumer
     *  \return the bytes, or 0 when there is no edge */
    uint64_t EdgeBytes(TaskId from, TaskId to) const;
    /** \brief Whether an edge exists. \param from producer \param to consumer
     *  \return true if so */
    bool HasEdge(TaskId from, TaskId to) const;

    /** \brief Tasks in dependency order; throws DnnCycleError on a cycle.
     *  \return the order */
    std::vector<TaskId> TopologicalOrder() const;
    /** \brief Throw DnnCycleError if the graph has a cycle. */
    void Validate() const;
    /** \brief Number of weakly connected components. \return the count */
    std::size_t WeakComponentCount() const;
    /** \brief Sum of FLOPs over tasks. \return the sum */
    uint64_t TotalFlops() const;
    /** \brief Sum of bytes over edges. \return the sum */
    uint64_t TotalEdgeBytes() const;

    /** \brief The underlying Boost graph. \return the graph */
    const Graph& BoostGraph() const;

  private:
    Graph m_graph; //!< the graph
};

} // namespace ns3

#endif /* DNN_TASK_GRAPH_H */
