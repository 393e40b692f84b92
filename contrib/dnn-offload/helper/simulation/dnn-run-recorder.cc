/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-run-recorder.h"

#include "ns3/callback.h"
#include "ns3/log.h"
#include "ns3/simulator.h"

#include <algorithm>
#include <limits>

namespace ns3
{

// Logged: attaching, failures and recoveries, request completions; not the per-task and
// per-message trace sinks (TaskStarted ... Received), whose events the worker logs already.
NS_LOG_COMPONENT_DEFINE("DnnRunRecorder");

DnnRunRecorder::DnnRunRecorder(std::shared_ptr<const DnnRuntimePlan> plan)
    : m_plan(std::move(plan)), m_completion(m_plan->Requests().size(), -1.0),
      m_failures(m_plan->Requests().size())
{
    NS_LOG_FUNCTION(this << m_plan.get());
}

std::size_t
DnnRunRecorder::Slot(uint32_t request)
{
    if (request >= m_completion.size())
    {
        m_completion.resize(request + 1, -1.0);
        m_failures.resize(request + 1);
    }
    return request;
}

void
DnnRunRecorder::Forget(uint32_t request)
{
    NS_LOG_FUNCTION(this << request);
    for (uint32_t t : m_plan->TasksOf(request))
    {
        m_tasks.erase(t);
    }
    auto gone = [request](const Transfer& transfer)
    {
        return transfer.request == request;
    };
    for (const Transfer& transfer : m_transfers)
    {
        if (gone(transfer))
        {
            m_pending.erase({transfer.producer, transfer.destination});
        }
    }
    m_transfers.erase(std::remove_if(m_transfers.begin(), m_transfers.end(), gone),
                      m_transfers.end());
}

void
DnnRunRecorder::RecordFailure(uint32_t request, const std::string& reason, double at)
{
    Failure& failure = m_failures.at(Slot(request));
    if (failure.time < 0)
    {
        failure.time = at >= 0 ? at : Now();
        failure.reason = reason;
        NS_LOG_INFO("request " << request << " hit at plan time " << failure.time
                               << " s: " << reason);
    }
}

void
DnnRunRecorder::RecordRecovery(uint32_t request)
{
    ++m_failures.at(Slot(request)).recoveries;
    NS_LOG_INFO("request " << request << " recovered (recovery "
                           << m_failures.at(request).recoveries << ")");
}

void
DnnRunRecorder::RecordUnrecovered(uint32_t request, const std::string& why)
{
    m_failures.at(Slot(request)).unrecovered = why;
    if (!why.empty()) // "" clears it after a recovery
    {
        NS_LOG_INFO("request " << request << " not recovered: " << why);
    }
}

const DnnRunRecorder::Failure&
DnnRunRecorder::FailureOf(uint32_t request) const
{
    static const Failure none;
    return request < m_failures.size() ? m_failures[request] : none;
}

double
DnnRunRecorder::Now() const
{
    return (Simulator::Now() - m_origin).GetSeconds();
}

void
DnnRunRecorder::Attach(const ApplicationContainer& workers, Time origin)
{
    NS_LOG_FUNCTION(this << workers.GetN() << origin);
    m_origin = origin;
    for (uint32_t node = 0; node < workers.GetN(); ++node)
    {
        Ptr<Application> app = workers.Get(node);
        app->TraceConnectWithoutContext(
            "TaskStarted", MakeBoundCallback(&DnnRunRecorder::TaskStarted, this, node));
        app->TraceConnectWithoutContext(
            "TaskFinished", MakeBoundCallback(&DnnRunRecorder::TaskFinished, this, node));
        app->TraceConnectWithoutContext("MessageQueued",
                                        MakeBoundCallback(&DnnRunRecorder::Queued, this, node));
        app->TraceConnectWithoutContext("MessageReceived",
                                        MakeBoundCallback(&DnnRunRecorder::Received, this, node));
        app->TraceConnectWithoutContext("RequestCompleted",
                                        MakeBoundCallback(&DnnRunRecorder::Completed, this, node));
    }
}

void
DnnRunRecorder::TaskStarted(DnnRunRecorder* self, uint32_t node, uint32_t task)
{
    TaskRecord& record = self->m_tasks[task];
    if (record.starts++ == 0)
    {
        record.start = self->Now();
        record.startedOn = node;
    }
}

void
DnnRunRecorder::TaskFinished(DnnRunRecorder* self, uint32_t /* node */, uint32_t task)
{
    self->m_tasks[task].finish = self->Now();
}

void
DnnRunRecorder::Queued(DnnRunRecorder* self, uint32_t node, uint32_t producer, uint32_t peer,
                       uint64_t bytes)
{
    const uint64_t sequence = self->m_sequence++;
    self->m_bytesQueued += bytes;
    self->m_pending[{producer, peer}] = sequence;
    self->m_transfers.push_back({sequence, self->m_plan->GetTask(producer).request, producer, node,
                                 peer, bytes, self->Now(), -1.0});
}

void
DnnRunRecorder::Received(DnnRunRecorder* self, uint32_t node, uint32_t producer,
                         uint32_t /* peer */, uint64_t /* bytes */)
{
    const auto it = self->m_pending.find({producer, node});
    if (it != self->m_pending.end())
    {
        auto& transfers = self->m_transfers;
        const auto row = std::lower_bound(transfers.begin(), transfers.end(), it->second,
                                          [](const Transfer& t, uint64_t sequence)
                                          { return t.sequence < sequence; });
        if (row != transfers.end() && row->sequence == it->second)
        {
            self->m_bytesArrived += row->arrived < 0 ? row->bytes : 0;
            row->arrived = self->Now();
        }
    }
}

void
DnnRunRecorder::Completed(DnnRunRecorder* self, uint32_t /* node */, uint32_t request)
{
    self->m_completion.at(self->Slot(request)) = self->Now();
    NS_LOG_LOGIC("request " << request << " completed at " << self->m_completion[request]
                            << " s after plan time 0");
}

double
DnnRunRecorder::Start(uint32_t task) const
{
    const auto it = m_tasks.find(task);
    return it == m_tasks.end() ? -1.0 : it->second.start;
}

double
DnnRunRecorder::Finish(uint32_t task) const
{
    const auto it = m_tasks.find(task);
    return it == m_tasks.end() ? -1.0 : it->second.finish;
}

uint32_t
DnnRunRecorder::Starts(uint32_t task) const
{
    const auto it = m_tasks.find(task);
    return it == m_tasks.end() ? 0 : it->second.starts;
}

uint32_t
DnnRunRecorder::StartedOn(uint32_t task) const
{
    const auto it = m_tasks.find(task);
    return it == m_tasks.end() ? std::numeric_limits<uint32_t>::max() : it->second.startedOn;
}

double
DnnRunRecorder::Completion(uint32_t request) const
{
    return request < m_completion.size() ? m_completion[request] : -1.0;
}

uint64_t
DnnRunRecorder::BytesQueued() const
{
    return m_bytesQueued;
}

uint64_t
DnnRunRecorder::BytesArrived() const
{
    return m_bytesArrived;
}

const std::vector<DnnRunRecorder::Transfer>&
DnnRunRecorder::Transfers() const
{
    return m_transfers;
}

} // namespace ns3
