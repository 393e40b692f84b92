/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_COMPUTE_MODEL_H
#define DNN_COMPUTE_MODEL_H

#include "ns3/dnn-work.h"

#include "ns3/callback.h"
#include "ns3/event-id.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/traced-callback.h"
#include "ns3/traced-value.h"

#include <array>
#include <cstdint>
#include <map>
#include <set>

namespace ns3
{

/**
 * \ingroup dnn-offload
 * \brief The processor of a simulated device: runs DNN tasks on a few identical cores.
 *
 * Aggregated to a Node. A task is submitted once all its inputs have arrived; it then waits
 * in a queue ordered by its planned start (ties: lower task id, then submission order) and
 * runs on the first core that is free, without preemption, for the sum over its kinds of
 * work (DnnWork) of FLOPs / that kind's speed: ConvFlops, GroupedConvFlops, LinearFlops,
 * PoolingFlops or ElementwiseFlops, or Flops for a kind whose attribute is 0. The
 * model is work-conserving: the planned start is a priority, not a release time, so a task
 * may start before its planned start when a core is idle.
 *
 * Cores are handed out in an event scheduled at the current time (not inside Submit()), so
 * every task submitted at the same simulated instant, including those submitted by the
 * done callbacks of tasks finishing at that instant, competes by planned start.
 */
class DnnComputeModel : public Object
{
  public:
    /// Callback type of the done callback and of the task traces: the task id.
    typedef Callback<void, uint32_t> DoneCallback;

    /**
     * \brief Signature of the TaskStarted and TaskFinished trace sources.
     * \param task the task id
     */
    typedef void (*TaskTracedCallback)(uint32_t task);
    /** \brief Signature of the Failed trace source. */
    typedef void (*FailedTracedCallback)();

    /** \brief Register this type. \return the TypeId */
    static TypeId GetTypeId();
    /** \brief Constructor. */
    DnnComputeModel();
    ~DnnComputeModel() override;

    /**
     * \brief Submit a task whose inputs have all arrived.
     *
     * It waits in a queue ordered by planned start (ties: lower task id), runs on one free core
     * for Duration(work), then done(task) is called (after the TaskFinished trace).
     * \param task the task id (only used to order ties and to report)
     * \param work the work of the task, in FLOPs by kind
     * \param plannedStart the start time the plan gave the task: its priority in the queue
     * \param done called once when the task has finished; may be null
     */
    void Submit(uint32_t task, const DnnWork& work, Time plannedStart, DoneCallback done);

    /**
     * \brief Take a task out of the queue if it is still waiting for a core (a running task
     *        runs on). \param task the task id \return true if it was waiting
     */
    bool Cancel(uint32_t task);
    /**
     * \brief The processor fails: every waiting and running task is dropped without its done
     *        callback or TaskFinished trace, later submissions are ignored, and the Failed
     *        trace fires (DnnComputeEnergyModel then draws nothing).
     */
    void Fail();
    /** \brief Whether Fail() was called. \return true once failed */
    bool IsFailed() const;

    /** \brief Cores of the processor. \return the Cores attribute */
    uint32_t Cores() const;
    /** \brief Cores running a task now. \return the number of busy cores */
    uint32_t BusyCores() const;
    /** \brief Tasks waiting for a core. \return the queue length */
    std::size_t QueueLength() const;
    /** \brief Tasks that have finished so far. \return the number of finished tasks */
    uint64_t TasksRun() const;
    /**
     * \brief Core-seconds spent computing so far, including the elapsed part of running tasks.
     * \return the integral of BusyCores over time up to now
     */
    Time BusyTime() const;

    /**
     * \brief Time one task takes on one core.
     * \param work the work, in FLOPs by kind
     * \return the sum over kinds of FLOPs / Speed(kind), as DnnDeviceProfile::Seconds
     */
    Time Duration(const DnnWork& work) const;
    /**
     * \brief FLOP/s of one core on a kind of work.
     * \param kind the kind
     * \return the kind's attribute (ConvFlops, ...), or Flops when that is 0
     */
    double Speed(DnnWorkKind kind) const;

  protected:
    void DoDispose() override;

  private:
    /// A task waiting for a core.
    struct Waiting
    {
        Time plannedStart; //!< priority: earlier first
        uint32_t task;     //!< tie break: lower first
        uint64_t sequence; //!< then submission order
        DnnWork work;      //!< work
        DoneCallback done; //!< called when finished

        /**
         * \brief Queue order.
         * \param other another waiting task
         * \return true when this one runs first
         */
        bool operator<(const Waiting& other) const;
    };

    /// A task running on a core.
    struct Running
    {
        uint32_t task;     //!< task id
        DoneCallback done; //!< called when finished
        EventId finish;    //!< its completion event
    };

    /** \brief Schedule a dispatch at the current time, unless one is pending. */
    void ScheduleDispatch();
    /** \brief Start waiting tasks on free cores, in queue order. */
    void Dispatch();
    /**
     * \brief Complete a running task.
     * \param sequence the key of the task in m_running
     */
    void Finish(uint64_t sequence);
    /** \brief Set the speed of one kind of work (attribute setter). \tparam K the kind's
     *  index (DnnWorkKind) \param flops FLOP/s, 0: Flops */
    template<std::size_t K>
    void SetKindFlops(double flops)
    {
        m_kindFlops[K] = flops;
    }

    /** \brief The speed of one kind of work as set (attribute getter). \tparam K the kind's
     *  index (DnnWorkKind) \return FLOP/s, 0: Flops */
    template<std::size_t K>
    double GetKindFlops() const
    {
        return m_kindFlops[K];
    }

    /** \brief Add the busy core-time since the last change of BusyCores to m_busyTime. */
    void AccumulateBusyTime();

    double m_flops;                                   //!< effective FLOP/s of one core
    std::array<double, DNN_WORK_KINDS> m_kindFlops{}; //!< FLOP/s by kind (0: m_flops)
    uint32_t m_cores;                                 //!< number of cores

    std::set<Waiting> m_queue;               //!< tasks waiting for a core
    std::map<uint64_t, Running> m_running;   //!< tasks running, by submission sequence
    uint64_t m_nextSequence{0};              //!< next submission sequence number
    EventId m_dispatchEvent;                 //!< pending dispatch
    uint64_t m_tasksRun{0};                  //!< tasks finished
    bool m_failed{false};                    //!< Fail() was called
    Time m_busyTime;                         //!< core-time accumulated up to m_lastBusyChange
    Time m_lastBusyChange;                   //!< when BusyCores last changed
    TracedValue<uint32_t> m_busyCores;       //!< cores running a task
    TracedCallback<uint32_t> m_taskStarted;  //!< trace: a task got a core
    TracedCallback<uint32_t> m_taskFinished; //!< trace: a task finished
    TracedCallback<> m_failedTrace;          //!< trace: the processor failed
};

} // namespace ns3

#endif /* DNN_COMPUTE_MODEL_H */
