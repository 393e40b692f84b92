/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_SCHEDULING_PROBLEM_H
#define DNN_SCHEDULING_PROBLEM_H

#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup dnn-offload
 * \brief How a planner sees the network.
 */
enum class DnnNetworkModel
{
    /** Every processor pair owns its link: a transfer takes latency + data / bandwidth
     *  whatever else is sent (the classic model of HEFT, PEFT and their kin). */
    ContentionFree,
    /** Transfers occupy media (a Wi-Fi cell, an Ethernet segment, one direction of a
     *  point-to-point link) one at a time, as tasks occupy cores (Sinnen and Sousa, "Communication
     *  contention in task scheduling", IEEE TPDS 16(6), 2005). */
    Shared,
};

/** \ingroup dnn-offload \brief Name of a network model ("contention-free", "shared").
 *  \param model the model \return the name */
std::string DnnNetworkModelName(DnnNetworkModel model);

/** \ingroup dnn-offload \brief Network model by name. \param name "contention-free" or
 *  "shared" \param model set on success \return false when the name is unknown */
bool DnnParseNetworkModel(const std::string& name, DnnNetworkModel& model);

/**
 * \ingroup dnn-offload
 * \brief A task-scheduling instance: a DAG, an execution-time matrix, a communication
 *        model, release times, pins and memory — what every scheduler plans on.
 *
 * Execution time W[t][p] is +infinity where task t may not run on processor p.
 * Communication time of \c data units from p to q: 0 when p == q, else
 * latency(p, q) + data / bandwidth(p, q). DNN workloads (data in bytes, bandwidth in B/s)
 * and the papers' canonical graphs (abstract units) are both problems of this shape.
 * A core may be busy with work outside the problem until a time (SetAvailable(); what
 * rolling-horizon planning uses): no task starts on it earlier.
 *
 * Under the shared-medium network model (SetNetworkModel()) a transfer between processors
 * also occupies media: the route from p to q (SetRoute()) names the distinct media it
 * crosses and, for each, the seconds per data unit it keeps that medium busy (a route
 * crossing one medium twice, e.g. a Wi-Fi station-to-station transfer relayed by the access
 * point, adds both crossings up). A transfer of \c data units starting at s keeps medium k
 * busy over [s, s + data * secondsPerUnit_k) and arrives at s + Latency(p, q) + data *
 * max_k secondsPerUnit_k: hops on different media are pipelined, packet by packet, as IP
 * forwarding does. A pair given no route gets a medium of its own (Finalize()), so that the
 * shared model of a fully connected instance is Sinnen's one link per direction.
 *
 * Memory: a task needs Memory(t) bytes on its processor for the whole schedule, and the
 * tasks on a processor may need at most its Capacity(). Tasks put in one memory group
 * (SetMemoryGroup()) share their memory on a processor, as the requests of one DNN model
 * share a layer's weights: a processor's used memory is the sum, over the distinct groups
 * of the tasks it runs, of each group's memory. A task in no group counts alone.
 *
 * Build it with the setters, then call Finalize(), which lays the DAG out in flat arrays
 * (CSR), computes a topological order and checks the instance (throws DnnInputError /
 * DnnCycleError). The accessors are then cheap enough for schedulers' inner loops.
 */
class DnnSchedulingProblem
{
  public:
    /** Positive infinity: "cannot run here". */
    static constexpr double INF = std::numeric_limits<double>::infinity();
    /** No processor (an unpinned task). */
    static constexpr uint32_t NONE = std::numeric_limits<uint32_t>::max();

    /** \brief A medium a route crosses, and for how long per data unit. */
    struct MediumUse
    {
        uint32_t medium;       //!< the medium
        double secondsPerUnit; //!< time the medium is busy per data unit sent
    };

    /** \brief One end of a dependency. */
    struct Adjacent
    {
        uint32_t task; //!< the other task
        double data;   //!< data carried
    };

    /**
     * \brief An empty problem.
     * \param tasks task names (unique)
     * \param processors processor names (unique)
     */
    DnnSchedulingProblem(std::vector<std::string> tasks, std::vector<std::string> processors);

    /** \brief Execution time. \param task task \param processor processor
     *  \param seconds time, or INF when the task may not run there */
    void SetCost(uint32_t task, uint32_t processor, double seconds);
    /** \brief Add a dependency. \param from producer \param to consumer \param data data
     *  carried (bytes, or the instance's units) */
    void AddEdge(uint32_t from, uint32_t to, double data);
    /** \brief Set a directed link. \param from source processor \param to destination
     *  processor \param latency seconds \param bandwidth data units per second (> 0) */
    void SetLink(uint32_t from, uint32_t to, double latency, double bandwidth);
    /** \brief Same bandwidth and latency between every pair of processors.
     *  \param latency seconds \param bandwidth data units per second */
    void SetUniformLinks(double latency, double bandwidth);
    /**
     * \brief Add a medium transfers may share (shared-medium network model).
     * \param name its name (e.g. the network's)
     * \return its index
     */
    uint32_t AddMedium(std::string name);
    /**
     * \brief The media a transfer from one processor to another occupies.
     * \param from source processor \param to destination processor (another one)
     * \param uses distinct media, each with the seconds per data unit it is busy (>= 0)
     * \throw std::invalid_argument for an unknown or repeated medium or a bad time
     */
    void SetRoute(uint32_t from, uint32_t to, std::vector<MediumUse> uses);
    /**
     * \brief A medium is busy with transfers outside this problem (e.g. earlier planning
     *        windows') until a time: no transfer of the problem starts on it before then.
     * \param medium a medium added with AddMedium() \param time seconds (finite, >= 0)
     * \throw std::out_of_range for a medium not added, std::invalid_argument for a bad time
     */
    void SetMediumAvailable(uint32_t medium, double time);
    /** \brief The network model planners use (default: contention-free). May be changed
     *  after Finalize(). \param model the model */
    void SetNetworkModel(DnnNetworkModel model);
    /** \brief Copy another problem's network: links, media, routes and model (both
     *  problems must have the same processors). \param other the problem */
    void CopyNetwork(const DnnSchedulingProblem& other);
    /** \brief Earliest start of a task. \param task task \param time seconds */
    void SetRelease(uint32_t task, double time);
    /** \brief Pin a task to a processor (W becomes INF elsewhere at Finalize()).
     *  \param task task \param processor processor */
    void Pin(uint32_t task, uint32_t processor);
    /** \brief Memory a task needs on its processor while the schedule runs.
     *  \param task task \param bytes bytes */
    void SetMemory(uint32_t task, double bytes);
    /**
     * \brief Put a task in a memory group: the tasks of one group that run on one processor
     *        hold their memory there once (e.g. the requests of one model sharing a layer's
     *        weights). Every task of a group must need the same memory: Finalize() throws
     *        DnnInputError otherwise. A task put in no group holds its memory alone.
     * \param task task
     * \param group a label (any value but NONE); tasks with the same label share memory
     */
    void SetMemoryGroup(uint32_t task, uint32_t group);
    /** \brief Memory capacity of a processor (default: unlimited).
     *  \param processor processor \param bytes bytes */
    void SetCapacity(uint32_t processor, double bytes);
    /** \brief Tasks run one per core; a processor has this many. Resets the processor's
     *  core availabilities (SetAvailable()) to 0. \param processor processor
     *  \param cores cores (>= 1) */
    void SetCores(uint32_t processor, uint32_t cores);
    /**
     * \brief A core is busy with work outside this problem (e.g. earlier planning windows'
     *        tasks) until a time: no task of the problem may start on it before then.
     *
     * Default 0 for every core. Call it after SetCores() for the processor: SetCores()
     * resets the processor's availabilities to 0.
     *
     * \param processor processor \param core core (< Cores(processor))
     * \param time seconds (finite, >= 0)
     * \throw std::out_of_range for a processor or core that does not exist
     * \throw std::invalid_argument for a negative or non-finite time
     */
    void SetAvailable(uint32_t processor, uint32_t core, double time);
    /** \brief The request a task belongs to (for per-request completion).
     *  \param task task \param request request id */
    void SetRequest(uint32_t task, uint32_t request);
    /** \brief Mark a task as its request's sink (its finish is the request's completion).
     *  \param task task */
    void MarkSink(uint32_t task);
    /** \brief A processor's role ("iot", "helper", "edge", "cloud"; "" for generic
     *  instances), used by the Local / Edge / Cloud baselines.
     *  \param processor processor \param role the role */
    void SetRole(uint32_t processor, std::string role);
    /** \brief Power draw of a processor, for the energy objective (default: busy 1 W,
     *  idle and transmit 0 W, so energy is total compute time over the cores). With k of
     *  its c cores busy the processor draws idle + k (busy - idle) / c (DnnDevicePower).
     *  \param processor processor \param idleWatts no core busy \param busyWatts every
     *  core busy
     *  \param transmitWatts sending over the network */
    void SetPower(uint32_t processor, double idleWatts, double busyWatts, double transmitWatts);

    /** \brief Lay out the DAG, order it topologically, number the memory groups and check
     *  the instance. Throws DnnCycleError on a cycle and DnnInputError when a task can run
     *  nowhere or two tasks of one memory group need different memory. */
    void Finalize();

    /** \brief Number of tasks. \return n */
    uint32_t TaskCount() const;
    /** \brief Number of processors. \return m */
    uint32_t ProcessorCount() const;
    /** \brief A task's name. \param task task \return the name */
    const std::string& TaskName(uint32_t task) const;
    /** \brief A processor's name. \param processor processor \return the name */
    const std::string& ProcessorName(uint32_t processor) const;
    /** \brief Execution time. \param task task \param processor processor
     *  \return seconds, INF if the task may not run there */
    double Cost(uint32_t task, uint32_t processor) const
    {
        return m_cost[static_cast<std::size_t>(task) * m_processors.size() + processor];
    }
    /** \brief Communication time. \param data data units \param from source processor
     *  \param to destination processor \return seconds (0 on the same processor) */
    double CommTime(double data, uint32_t from, uint32_t to) const
    {
        if (from == to)
        {
            return 0.0;
        }
        const std::size_t k = static_cast<std::size_t>(from) * m_processors.size() + to;
        return m_latency[k] + data / m_bandwidth[k];
    }
    /** \brief Link bandwidth. \param from source \param to destination
     *  \return data units per second */
    double Bandwidth(uint32_t from, uint32_t to) const
    {
        return m_bandwidth[static_cast<std::size_t>(from) * m_processors.size() + to];
    }
    /** \brief Link latency. \param from source \param to destination \return seconds */
    double Latency(uint32_t from, uint32_t to) const
    {
        return m_latency[static_cast<std::size_t>(from) * m_processors.size() + to];
    }
    /** \brief The network model. \return the model */
    DnnNetworkModel NetworkModel() const { return m_networkModel; }
    /** \brief Number of media (after Finalize(), including the pairs' own). \return the count */
    uint32_t MediumCount() const
    {
        return static_cast<uint32_t>(m_mediumNames.size() + m_ownMedium.size());
    }
    /** \brief A medium's name: as added, or "p->q" for a pair's own.
     *  \param medium the medium \return the name */
    std::string MediumName(uint32_t medium) const;
    /** \brief Time from which a medium is free for the problem's transfers.
     *  \param medium the medium \return seconds (0 by default) */
    double MediumAvailable(uint32_t medium) const
    {
        return medium < m_mediumAvailable.size() ? m_mediumAvailable[medium] : 0.0;
    }
    /** \brief Media of the route between two distinct processors (after Finalize()).
     *  \param from source \param to destination \return pointer to the first */
    const MediumUse* RouteBegin(uint32_t from, uint32_t to) const
    {
        return m_routeUses.data() +
               m_routeStart[static_cast<std::size_t>(from) * m_processors.size() + to];
    }
    /** \brief End of a route's media. \param from source \param to destination
     *  \return past-the-end pointer */
    const MediumUse* RouteEnd(uint32_t from, uint32_t to) const
    {
        return m_routeUses.data() +
               m_routeStart[static_cast<std::size_t>(from) * m_processors.size() + to + 1];
    }
    /** \brief Mean communication time over distinct processor pairs (HEFT's c-bar).
     *  \param data data units \return seconds */
    double MeanCommTime(double data) const;
    /** \brief Predecessors (after Finalize()). \param task task \return pointer to the first */
    const Adjacent* PredBegin(uint32_t task) const { return m_pred.data() + m_predStart[task]; }
    /** \brief End of the predecessors. \param task task \return past-the-end pointer */
    const Adjacent* PredEnd(uint32_t task) const { return m_pred.data() + m_predStart[task + 1]; }
    /** \brief Successors (after Finalize()). \param task task \return pointer to the first */
    const Adjacent* SuccBegin(uint32_t task) const { return m_succ.data() + m_succStart[task]; }
    /** \brief End of the successors. \param task task \return past-the-end pointer */
    const Adjacent* SuccEnd(uint32_t task) const { return m_succ.data() + m_succStart[task + 1]; }
    /** \brief Number of dependencies. \return the count */
    std::size_t EdgeCount() const;
    /** \brief Tasks in a dependency order (after Finalize()). \return the order */
    const std::vector<uint32_t>& TopologicalOrder() const;
    /** \brief Release time. \param task task \return seconds */
    double Release(uint32_t task) const;
    /** \brief Pin. \param task task \return the processor, or NONE */
    uint32_t Pinned(uint32_t task) const;
    /** \brief Memory need. \param task task \return bytes */
    double Memory(uint32_t task) const;
    /** \brief Memory capacity. \param processor processor \return bytes (INF: unlimited) */
    double Capacity(uint32_t processor) const;
    /** \brief Memory group of a task (after Finalize()). Groups are numbered 0 ..
     *  MemoryGroupCount() - 1 in the order of their lowest-index task; a task put in no
     *  group has a group of its own. \param task task \return the group */
    uint32_t MemoryGroup(uint32_t task) const { return m_groupOf[task]; }
    /** \brief Number of memory groups (after Finalize()), TaskCount() when no task shares
     *  its memory. \return the count */
    uint32_t MemoryGroupCount() const;
    /** \brief Memory a group holds on a processor where some of its tasks run (after
     *  Finalize()). \param group the group \return bytes: the Memory() of each of its tasks */
    double GroupMemory(uint32_t group) const;
    /** \brief Whether some memory group has two or more tasks (after Finalize()); if not,
     *  MemoryGroup(t) == t and memory adds up task by task. \return true if so */
    bool SharesMemory() const;
    /** \brief Cores. \param processor processor \return the count */
    uint32_t Cores(uint32_t processor) const;
    /** \brief Time from which a core is free for the problem's tasks (SetAvailable()).
     *  \param processor processor \param core core (< Cores(processor))
     *  \return seconds (0 by default)
     *  \throw std::out_of_range for a processor or core that does not exist */
    double Available(uint32_t processor, uint32_t core) const;
    /** \brief Request of a task. \param task task \return request id (0 by default) */
    uint32_t Request(uint32_t task) const;
    /** \brief Number of requests (max request id + 1). \return the count */
    uint32_t RequestCount() const;
    /** \brief Whether a task is a request's sink. \param task task \return true if so */
    bool IsSink(uint32_t task) const;
    /** \brief The processor a request starts from and returns to: where its lowest-index
     *  pinned task is pinned (after Finalize()). \param request request id
     *  \return the processor, or NONE when no task of the request is pinned */
    uint32_t RequestHome(uint32_t request) const;
    /** \brief Role of a processor. \param processor processor \return the role, "" if unset */
    const std::string& Role(uint32_t processor) const;
    /** \brief Idle power. \param processor processor \return watts */
    double IdlePower(uint32_t processor) const;
    /** \brief Power while computing. \param processor processor \return watts */
    double BusyPower(uint32_t processor) const;
    /** \brief Power while transmitting. \param processor processor \return watts */
    double TransmitPower(uint32_t processor) const;
    /** \brief Mean of a task's finite execution times. \param task task \return seconds */
    double MeanCost(uint32_t task) const;
    /** \brief Processor on which a task runs fastest. \param task task \return processor */
    uint32_t FastestProcessor(uint32_t task) const;
    /** \brief Index of a task by name. \param name the name \return index, or NONE */
    uint32_t FindTask(const std::string& name) const;
    /** \brief Index of a processor by name. \param name the name \return index, or NONE */
    uint32_t FindProcessor(const std::string& name) const;

  private:
    std::vector<std::string> m_tasks;                   //!< task names
    std::vector<std::string> m_processors;              //!< processor names
    std::vector<double> m_cost;                         //!< W, n x m, row-major
    std::vector<double> m_latency;                      //!< m x m
    std::vector<double> m_bandwidth;                    //!< m x m
    std::vector<double> m_release;                      //!< per task
    std::vector<uint32_t> m_pinned;                     //!< per task
    std::vector<double> m_memory;                       //!< per task
    std::vector<double> m_capacity;                     //!< per processor
    std::vector<uint32_t> m_groupLabel;                 //!< per task, as set (NONE: alone)
    std::vector<uint32_t> m_groupOf;                    //!< per task, numbered (Finalize())
    std::vector<double> m_groupMemory;                  //!< per group (Finalize())
    std::vector<uint32_t> m_cores;                      //!< per processor
    std::vector<std::size_t> m_coreStart;               //!< per processor: offset in m_available
    std::vector<double> m_available;                    //!< per core: free from (SetAvailable)
    std::vector<uint32_t> m_request;                    //!< per task
    std::vector<uint8_t> m_sink;                        //!< per task
    std::vector<std::string> m_role;                    //!< per processor
    std::vector<double> m_power;                        //!< idle, busy, transmit per processor
    std::vector<uint32_t> m_home;                       //!< per request
    std::vector<std::pair<uint32_t, Adjacent>> m_edges; //!< (from, {to, data}) as added
    std::vector<Adjacent> m_pred;                       //!< CSR predecessors
    std::vector<std::size_t> m_predStart;               //!< CSR offsets
    std::vector<Adjacent> m_succ;                       //!< CSR successors
    std::vector<std::size_t> m_succStart;               //!< CSR offsets
    std::vector<uint32_t> m_order;                      //!< topological order
    bool m_uniformLinks{false}; //!< all links between distinct processors alike (Finalize())
    DnnNetworkModel m_networkModel{DnnNetworkModel::ContentionFree}; //!< the planners' model
    std::vector<std::string> m_mediumNames; //!< per medium added (AddMedium())
    std::vector<double> m_mediumAvailable;  //!< per medium added: free from (SetMediumAvailable())
    std::vector<std::pair<uint32_t, uint32_t>> m_ownMedium; //!< pairs given a medium of their own
    std::map<std::size_t, std::vector<MediumUse>> m_routesSet; //!< per pair, as set (SetRoute())
    std::vector<std::size_t> m_routeStart; //!< CSR offsets per pair (Finalize())
    std::vector<MediumUse> m_routeUses;    //!< CSR media of the routes (Finalize())
};

} // namespace ns3

#endif /* DNN_SCHEDULING_PROBLEM_H */
