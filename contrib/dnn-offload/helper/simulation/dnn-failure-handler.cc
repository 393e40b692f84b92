/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-failure-handler.h"

#include "ns3/dnn-worker-application.h"

#include "ns3/callback.h"
#include "ns3/log.h"

#include <iomanip>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DnnFailureHandler");

DnnFailureHandler::DnnFailureHandler(std::shared_ptr<DnnRuntimePlan> plan,
                                     const DnnTaskGraph& graph, const DnnSchedulingProblem& problem,
                                     DnnRunRecorder& recorder, ApplicationContainer workers,
                                     DnnFailurePolicy policy)
    : m_plan(std::move(plan)), m_planner(graph, problem), m_recorder(recorder), m_workers(workers),
      m_policy(policy), m_failed(m_plan->NodeCount(), false)
{
}

void
DnnFailureHandler::Attach()
{
    for (uint32_t node = 0; node < m_workers.GetN(); ++node)
    {
        m_workers.Get(node)->TraceConnectWithoutContext(
            "ConnectionFailed",
            MakeBoundCallback(&DnnFailureHandler::ConnectionFailed, this, node));
    }
}

double
DnnFailureHandler::Now() const
{
    return m_recorder.Now();
}

std::string
DnnFailureHandler::NowText() const
{
    std::ostringstream out;
    out << std::fixed << std::setprecision(6) << Now() << " s";
    return out.str();
}

void
DnnFailureHandler::DeviceFailed(uint32_t node)
{
    m_failed.at(node) = true;
    DynamicCast<DnnWorkerApplication>(m_workers.Get(node))->Fail();
    const std::string what = "device " + m_plan->NodeName(node) + " failed at " + NowText();
    std::map<uint32_t, std::string> hits;
    for (uint32_t t : m_plan->TasksOn(node))
    {
        const auto& task = m_plan->GetTask(t);
        if (!task.abandoned && m_recorder.Finish(t) < 0 &&
            m_recorder.Completion(task.request) < 0 && hits.count(task.request) == 0)
        {
            hits[task.request] = what + ": task " + task.name + " lost";
        }
    }
    LostActivations(node, UINT32_MAX, what, hits);
    Handle(hits);
}

void
DnnFailureHandler::ConnectionFailed(DnnFailureHandler* self, uint32_t node, uint32_t peer)
{
    if (self->m_failed.at(node))
    {
        return;
    }
    std::map<uint32_t, std::string> hits;
    self->LostActivations(node, peer,
                          "TCP gave up on " + self->m_plan->NodeName(node) + " -> " +
                              self->m_plan->NodeName(peer) + " at " + self->NowText(),
                          hits);
    self->Handle(hits);
}

void
DnnFailureHandler::LostActivations(uint32_t source, uint32_t destination, const std::string& what,
                                   std::map<uint32_t, std::string>& hits) const
{
    for (const auto& transfer : m_recorder.Transfers())
    {
        if (transfer.source != source || transfer.arrived >= 0 ||
            (destination != UINT32_MAX && transfer.destination != destination))
        {
            continue;
        }
        const auto& producer = m_plan->GetTask(transfer.producer);
        if (hits.count(producer.request) != 0 || m_recorder.Completion(producer.request) >= 0)
        {
            continue;
        }
        for (uint32_t s : producer.successors)
        {
            const auto& consumer = m_plan->GetTask(s);
            if (consumer.node == transfer.destination && !consumer.abandoned &&
                m_recorder.Finish(s) < 0)
            {
                hits[producer.request] = what + ": activation " + producer.name + " -> " +
                                         m_plan->NodeName(transfer.destination) + " lost";
                break;
            }
        }
    }
}

void
DnnFailureHandler::Handle(const std::map<uint32_t, std::string>& hits)
{
    for (const auto& [request, reason] : hits)
    {
        NS_LOG_INFO("request " << request << ": " << reason);
        m_recorder.RecordFailure(request, reason);
        if (m_policy == DnnFailurePolicy::Replan)
        {
            Recover(request);
        }
    }
}

void
DnnFailureHandler::Recover(uint32_t request)
{
    if (m_recorder.FailureOf(request).recoveries >= MAX_RECOVERIES)
    {
        m_recorder.RecordUnrecovered(request, "it had " + std::to_string(MAX_RECOVERIES) +
                                                  " recoveries already");
        return;
    }
    const DnnRecovery recovery = m_planner.Recover(
        *m_plan, request, m_failed, [this](uint32_t t) { return m_recorder.Finish(t) >= 0; },
        Now());
    if (!recovery.planned)
    {
        m_recorder.RecordUnrecovered(request, recovery.reason);
        return;
    }
    m_recorder.RecordRecovery(request);
    m_recorder.RecordUnrecovered(request, "");
    for (uint32_t t : recovery.abandoned)
    {
        DynamicCast<DnnWorkerApplication>(m_workers.Get(m_plan->GetTask(t).node))->Abandon(t);
    }
    for (uint32_t node = 0; node < m_workers.GetN(); ++node)
    {
        DynamicCast<DnnWorkerApplication>(m_workers.Get(node))->Extend();
    }
}

} // namespace ns3
