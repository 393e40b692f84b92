/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-compute-model.h"

#include "ns3/dnn-ns3-compat.h"

#include "ns3/abort.h"
#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <tuple>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DnnComputeModel");

NS_OBJECT_ENSURE_REGISTERED(DnnComputeModel);

TypeId
DnnComputeModel::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::DnnComputeModel")
            .SetParent<Object>()
            .SetGroupName("DnnOffload")
            .AddConstructor<DnnComputeModel>()
            .AddAttribute("Flops", "Effective floating-point operations per second of one core.",
                          DoubleValue(1e9), MakeDoubleAccessor(&DnnComputeModel::m_flops),
                          MakeDoubleChecker<double>(0))
            .AddAttribute("ConvFlops", "FLOP/s of one core on dense convolutions; 0: Flops.",
                          DoubleValue(0),
                          MakeDoubleAccessor(&DnnComputeModel::SetKindFlops<0>,
                                             &DnnComputeModel::GetKindFlops<0>),
                          MakeDoubleChecker<double>(0))
            .AddAttribute("GroupedConvFlops",
                          "FLOP/s of one core on grouped and depthwise convolutions; 0: Flops.",
                          DoubleValue(0),
                          MakeDoubleAccessor(&DnnComputeModel::SetKindFlops<1>,
                                             &DnnComputeModel::GetKindFlops<1>),
                          MakeDoubleChecker<double>(0))
            .AddAttribute("LinearFlops", "FLOP/s of one core on fully connected layers; 0: Flops.",
                          DoubleValue(0),
                          MakeDoubleAccessor(&DnnComputeModel::SetKindFlops<2>,
                                             &DnnComputeModel::GetKindFlops<2>),
                          MakeDoubleChecker<double>(0))
            .AddAttribute("PoolingFlops", "FLOP/s of one core on pooling layers; 0: Flops.",
                          DoubleValue(0),
                          MakeDoubleAccessor(&DnnComputeModel::SetKindFlops<3>,
                                             &DnnComputeModel::GetKindFlops<3>),
                          MakeDoubleChecker<double>(0))
            .AddAttribute("ElementwiseFlops",
                          "FLOP/s of one core on elementwise layers (batchnorm, activations, "
                          "add, softmax); 0: Flops.",
                          DoubleValue(0),
                          MakeDoubleAccessor(&DnnComputeModel::SetKindFlops<4>,
                                             &DnnComputeModel::GetKindFlops<4>),
                          MakeDoubleChecker<double>(0))
            .AddAttribute("Cores", "Number of identical cores, each running one task at a time.",
                          UintegerValue(1), MakeUintegerAccessor(&DnnComputeModel::m_cores),
                          MakeUintegerChecker<uint32_t>(1))
            .AddTraceSource("TaskStarted", "A task got a core and started running.",
                            MakeTraceSourceAccessor(&DnnComputeModel::m_taskStarted),
                            "ns3::DnnComputeModel::TaskTracedCallback")
            .AddTraceSource("TaskFinished", "A task finished running (before its done callback).",
                            MakeTraceSourceAccessor(&DnnComputeModel::m_taskFinished),
                            "ns3::DnnComputeModel::TaskTracedCallback")
            .AddTraceSource("BusyCores", "Number of cores running a task.",
                            MakeTraceSourceAccessor(&DnnComputeModel::m_busyCores),
                            "ns3::TracedValueCallback::Uint32")
            .AddTraceSource("Failed", "The processor failed (Fail()).",
                            MakeTraceSourceAccessor(&DnnComputeModel::m_failedTrace),
                            "ns3::DnnComputeModel::FailedTracedCallback");
    return tid;
}

DnnComputeModel::DnnComputeModel() : m_flops(1e9), m_cores(1), m_busyCores(0)
{
    NS_LOG_FUNCTION(this);
}

DnnComputeModel::~DnnComputeModel()
{
    NS_LOG_FUNCTION(this);
}

bool
DnnComputeModel::Waiting::operator<(const Waiting& other) const
{
    return std::tie(plannedStart, task, sequence) <
           std::tie(other.plannedStart, other.task, other.sequence);
}

void
DnnComputeModel::Submit(uint32_t task, const DnnWork& work, Time plannedStart, DoneCallback done)
{
    NS_LOG_FUNCTION(this << task << work.Total() << plannedStart);
    if (m_failed)
    {
        return;
    }
    m_queue.insert(Waiting{plannedStart, task, m_nextSequence++, work, done});
    ScheduleDispatch();
}

bool
DnnComputeModel::Cancel(uint32_t task)
{
    NS_LOG_FUNCTION(this << task);
    for (auto it = m_queue.begin(); it != m_queue.end(); ++it)
    {
        if (it->task == task)
        {
            m_queue.erase(it);
            return true;
        }
    }
    return false;
}

void
DnnComputeModel::Fail()
{
    NS_LOG_FUNCTION(this);
    m_failed = true;
    m_dispatchEvent.Cancel();
    for (auto& [sequence, running] : m_running)
    {
        running.finish.Cancel();
    }
    m_running.clear();
    m_queue.clear();
    AccumulateBusyTime();
    m_busyCores = 0;
    m_failedTrace();
}

bool
DnnComputeModel::IsFailed() const
{
    return m_failed;
}

uint32_t
DnnComputeModel::Cores() const
{
    return m_cores;
}

uint32_t
DnnComputeModel::BusyCores() const
{
    return m_busyCores;
}

std::size_t
DnnComputeModel::QueueLength() const
{
    return m_queue.size();
}

uint64_t
DnnComputeModel::TasksRun() const
{
    return m_tasksRun;
}

Time
DnnComputeModel::BusyTime() const
{
    return m_busyTime + (Simulator::Now() - m_lastBusyChange) * static_cast<int64_t>(m_busyCores);
}

double
DnnComputeModel::Speed(DnnWorkKind kind) const
{
    const double speed = m_kindFlops[static_cast<std::size_t>(kind)];
    return speed > 0 ? speed : m_flops;
}

Time
DnnComputeModel::Duration(const DnnWork& work) const
{
    const auto speedOf = [this](DnnWorkKind kind)
    {
        const double speed = Speed(kind);
        NS_ABORT_MSG_IF(!(speed > 0), "DnnComputeModel: Flops must be positive");
        return speed;
    };
    return Seconds(DnnWorkSeconds(work, speedOf));
}

void
DnnComputeModel::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_dispatchEvent.Cancel();
    for (auto& [sequence, running] : m_running)
    {
        running.finish.Cancel();
    }
    m_running.clear();
    m_queue.clear();
    Object::DoDispose();
}

void
DnnComputeModel::ScheduleDispatch()
{
    if (!DnnEventIsPending(m_dispatchEvent))
    {
        m_dispatchEvent = Simulator::ScheduleNow(&DnnComputeModel::Dispatch, this);
    }
}

void
DnnComputeModel::Dispatch()
{
    NS_LOG_FUNCTION(this);
    while (!m_queue.empty() && m_busyCores < m_cores)
    {
        Waiting next = *m_queue.begin();
        m_queue.erase(m_queue.begin());
        const Time duration = Duration(next.work);
        NS_LOG_DEBUG("task " << next.task << " starts for " << duration.As(Time::S));
        AccumulateBusyTime();
        m_busyCores = m_busyCores + 1;
        Running& running = m_running[next.sequence];
        running.task = next.task;
        running.done = next.done;
        running.finish =
            Simulator::Schedule(duration, &DnnComputeModel::Finish, this, next.sequence);
        m_taskStarted(next.task);
    }
}

void
DnnComputeModel::Finish(uint64_t sequence)
{
    auto it = m_running.find(sequence);
    NS_ASSERT(it != m_running.end());
    const uint32_t task = it->second.task;
    const DoneCallback done = it->second.done;
    m_running.erase(it);
    NS_LOG_FUNCTION(this << task);
    AccumulateBusyTime();
    m_busyCores = m_busyCores - 1;
    ++m_tasksRun;
    m_taskFinished(task);
    if (!done.IsNull())
    {
        done(task);
    }
    ScheduleDispatch();
}

void
DnnComputeModel::AccumulateBusyTime()
{
    const Time now = Simulator::Now();
    m_busyTime += (now - m_lastBusyChange) * static_cast<int64_t>(m_busyCores);
    m_lastBusyChange = now;
}

} // namespace ns3
