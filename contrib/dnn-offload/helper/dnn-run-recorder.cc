/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-run-recorder.h"

#include "ns3/callback.h"
#include "ns3/simulator.h"

#include <limits>

namespace ns3
{

DnnRunRecorder::DnnRunRecorder(std::shared_ptr<const DnnRuntimePlan> plan)
    : m_plan(std::move(plan)), m_start(m_plan->TaskCount(), -1.0),
      m_finish(m_plan->TaskCount(), -1.0), m_starts(m_plan->TaskCount(), 0),
      m_startedOn(m_plan->TaskCount(), std::numeric_limits<uint32_t>::max()),
      m_completion(m_plan->Requests().size(), -1.0), m_failures(m_plan->Requests().size())
{
}

void
DnnRunRecorder::Extend()
{
    const uint32_t n = m_plan->TaskCount();
    m_start.resize(n, -1.0);
    m_finish.resize(n, -1.0);
    m_starts.resize(n, 0);
    m_startedOn.resize(n, std::numeric_limits<uint32_t>::max());
}

void
DnnRunRecorder::RecordFailure(uint32_t request, const std::string& reason)
{
    Failure& failure = m_failures.at(request);
    if (failure.time < 0)
    {
        failure.time = Now();
        failure.reason = reason;
    }
}

void
DnnRunRecorder::RecordRecovery(uint32_t request)
{
    ++m_failures.at(request).recoveries;
}

void
DnnRunRecorder::RecordUnrecovered(uint32_t request, const std::string& why)
{
    m_failures.at(request).unrecovered = why;
}

const DnnRunRecorder::Failure&
DnnRunRecorder::FailureOf(uint32_t request) const
{
    return m_failures.at(request);
}

double
DnnRunRecorder::Now() const
{
    return (Simulator::Now() - m_origin).GetSeconds();
}

void
DnnRunRecorder::Attach(const ApplicationContainer& workers, Time origin)
{
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
    if (self->m_starts[task]++ == 0)
    {
        self->m_start[task] = self->Now();
        self->m_startedOn[task] = node;
    }
}

void
DnnRunRecorder::TaskFinished(DnnRunRecorder* self, uint32_t /* node */, uint32_t task)
{
    self->m_finish[task] = self->Now();
}

void
DnnRunRecorder::Queued(DnnRunRecorder* self, uint32_t node, uint32_t producer, uint32_t peer,
                       uint64_t bytes)
{
    self->m_pending[{producer, peer}] = self->m_transfers.size();
    self->m_transfers.push_back({producer, node, peer, bytes, self->Now(), -1.0});
}

void
DnnRunRecorder::Received(DnnRunRecorder* self, uint32_t node, uint32_t producer,
                         uint32_t /* peer */, uint64_t /* bytes */)
{
    const auto it = self->m_pending.find({producer, node});
    if (it != self->m_pending.end())
    {
        self->m_transfers[it->second].arrived = self->Now();
    }
}

void
DnnRunRecorder::Completed(DnnRunRecorder* self, uint32_t /* node */, uint32_t request)
{
    self->m_completion.at(request) = self->Now();
}

double
DnnRunRecorder::Start(uint32_t task) const
{
    return m_start.at(task);
}

double
DnnRunRecorder::Finish(uint32_t task) const
{
    return m_finish.at(task);
}

uint32_t
DnnRunRecorder::Starts(uint32_t task) const
{
    return m_starts.at(task);
}

uint32_t
DnnRunRecorder::StartedOn(uint32_t task) const
{
    return m_startedOn.at(task);
}

double
DnnRunRecorder::Completion(uint32_t request) const
{
    return m_completion.at(request);
}

const std::vector<DnnRunRecorder::Transfer>&
DnnRunRecorder::Transfers() const
{
    return m_transfers;
}

} // namespace ns3
