/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-worker-application.h"

#include "dnn-compute-model.h"
#include "dnn-message-header.h"

#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/tcp-socket-factory.h"
#include "ns3/trace-source-accessor.h"
#include "ns3/uinteger.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DnnWorkerApplication");
NS_OBJECT_ENSURE_REGISTERED(DnnWorkerApplication);

namespace
{
constexpr uint8_t WAITING = 0;
constexpr uint8_t QUEUED = 1;
constexpr uint8_t DONE = 2;
} // namespace

TypeId
DnnWorkerApplication::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::DnnWorkerApplication")
            .SetParent<Application>()
            .SetGroupName("DnnOffload")
            .AddConstructor<DnnWorkerApplication>()
            .AddAttribute("Port", "TCP port every worker listens on.", UintegerValue(9000),
                          MakeUintegerAccessor(&DnnWorkerApplication::m_port),
                          MakeUintegerChecker<uint16_t>())
            .AddTraceSource("MessageQueued", "A task's output was queued for a peer node.",
                            MakeTraceSourceAccessor(&DnnWorkerApplication::m_messageQueued),
                            "ns3::DnnWorkerApplication::MessageTracedCallback")
            .AddTraceSource("MessageReceived", "A whole activation arrived from a peer node.",
                            MakeTraceSourceAccessor(&DnnWorkerApplication::m_messageReceived),
                            "ns3::DnnWorkerApplication::MessageTracedCallback")
            .AddTraceSource("TaskStarted", "A task of this node started.",
                            MakeTraceSourceAccessor(&DnnWorkerApplication::m_taskStarted),
                            "ns3::DnnWorkerApplication::TaskTracedCallback")
            .AddTraceSource("TaskFinished", "A task of this node finished.",
                            MakeTraceSourceAccessor(&DnnWorkerApplication::m_taskFinished),
                            "ns3::DnnWorkerApplication::TaskTracedCallback")
            .AddTraceSource("RequestCompleted", "A request's sink finished on this node.",
                            MakeTraceSourceAccessor(&DnnWorkerApplication::m_requestCompleted),
                            "ns3::DnnWorkerApplication::RequestTracedCallback")
            .AddTraceSource("ConnectionFailed",
                            "TCP gave up on the connection to a peer node (or could not open "
                            "it); the messages it had not written are lost.",
                            MakeTraceSourceAccessor(&DnnWorkerApplication::m_connectionFailed),
                            "ns3::DnnWorkerApplication::PeerTracedCallback");
    return tid;
}

DnnWorkerApplication::DnnWorkerApplication() = default;

DnnWorkerApplication::~DnnWorkerApplication() = default;

void
DnnWorkerApplication::Setup(std::shared_ptr<const DnnRuntimePlan> plan, uint32_t node,
                            std::vector<Address> peers)
{
    m_plan = std::move(plan);
    m_node = node;
    m_peers = std::move(peers);
    m_tasks.clear();
    for (uint32_t t : m_plan->TasksOn(m_node))
    {
        m_tasks[t] = {m_plan->GetTask(t).inputs, WAITING};
    }
    m_known = m_plan->TaskCount();
}

void
DnnWorkerApplication::DoDispose()
{
    for (auto& event : m_releases)
    {
        event.Cancel();
    }
    m_releases.clear();
    m_out.clear();
    m_in.clear();
    m_lost.clear();
    m_listener = nullptr;
    m_compute = nullptr;
    Application::DoDispose();
}

void
DnnWorkerApplication::StartApplication()
{
    NS_ASSERT_MSG(m_plan, "DnnWorkerApplication: Setup() was not called");
    m_origin = Simulator::Now();
    m_compute = GetNode()->GetObject<DnnComputeModel>();
    NS_ABORT_MSG_IF(!m_compute, "DnnWorkerApplication: node has no DnnComputeModel");
    if (m_failed)
    {
        // Failed before it started (a failure at plan time 0 comes first in the same
        // instant): Fail() switched the processor off already; nothing to listen for or run.
        return;
    }
    m_compute->TraceConnectWithoutContext(
        "TaskStarted", MakeCallback(&TracedCallback<uint32_t>::operator(), &m_taskStarted));
    m_listener = Socket::CreateSocket(GetNode(), TcpSocketFactory::GetTypeId());
    m_listener->Bind(InetSocketAddress(Ipv4Address::GetAny(), m_port));
    m_listener->Listen();
    m_listener->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                  MakeCallback(&DnnWorkerApplication::Accepted, this));
    // Collect first: running a source satisfies other tasks of this node at once.
    std::vector<uint32_t> initial;
    for (uint32_t t : m_plan->TasksOn(m_node))
    {
        if (m_tasks.at(t).missing == 0)
        {
            initial.push_back(t);
        }
    }
    for (uint32_t t : initial)
    {
        Ready(t);
    }
}

void
DnnWorkerApplication::StopApplication()
{
    for (auto& event : m_releases)
    {
        event.Cancel();
    }
    for (auto& [node, peer] : m_out)
    {
        if (peer.socket)
        {
            peer.socket->Close();
        }
    }
    for (auto& incoming : m_in)
    {
        incoming.socket->Close();
    }
    if (m_listener)
    {
        m_listener->Close();
    }
}

void
DnnWorkerApplication::Fail()
{
    NS_LOG_FUNCTION(this);
    m_failed = true;
    for (auto& event : m_releases)
    {
        event.Cancel();
    }
    // Before StartApplication() too: the processor (and its energy model) is the node's,
    // and must stop drawing power whenever the device fails, even before the worker starts.
    const Ptr<DnnComputeModel> compute =
        m_compute ? m_compute : GetNode()->GetObject<DnnComputeModel>();
    if (compute)
    {
        compute->Fail();
    }
    for (auto& [node, peer] : m_out)
    {
        peer.pending.clear();
    }
}

bool
DnnWorkerApplication::IsFailed() const
{
    return m_failed;
}

void
DnnWorkerApplication::Extend()
{
    const uint32_t before = m_known;
    m_known = m_plan->TaskCount();
    if (m_failed)
    {
        return;
    }
    std::vector<uint32_t> initial;
    for (uint32_t t : m_plan->TasksOn(m_node))
    {
        if (t >= before)
        {
            const uint32_t inputs = m_plan->GetTask(t).inputs;
            m_tasks[t] = {inputs, WAITING};
            if (inputs == 0)
            {
                initial.push_back(t);
            }
        }
    }
    if (!m_compute)
    {
        return; // not started yet: StartApplication() takes them up
    }
    for (uint32_t t : initial)
    {
        Ready(t);
    }
}

void
DnnWorkerApplication::Abandon(uint32_t task)
{
    const auto it = m_tasks.find(task);
    if (it != m_tasks.end() && it->second.state == QUEUED && m_compute)
    {
        m_compute->Cancel(task);
    }
}

void
DnnWorkerApplication::Forget(uint32_t task)
{
    m_tasks.erase(task);
}

void
DnnWorkerApplication::Ready(uint32_t task)
{
    const Time release = m_origin + Seconds(m_plan->GetTask(task).release);
    if (release > Simulator::Now())
    {
        // Drop the releases that have run, so a long run does not keep every one.
        m_releases.erase(std::remove_if(m_releases.begin(), m_releases.end(),
                                        [](const EventId& e) { return e.IsExpired(); }),
                         m_releases.end());
        m_releases.push_back(Simulator::Schedule(release - Simulator::Now(),
                                                 &DnnWorkerApplication::Run, this, task));
        return;
    }
    Run(task);
}

void
DnnWorkerApplication::Run(uint32_t task)
{
    if (m_failed || m_plan->GetTask(task).abandoned)
    {
        return;
    }
    m_tasks.at(task).state = QUEUED;
    const auto& info = m_plan->GetTask(task);
    if (info.work.IsZero())
    {
        m_taskStarted(task);
        Finished(task);
        return;
    }
    m_compute->Submit(task, info.work, m_origin + Seconds(info.plannedStart),
                      MakeCallback(&DnnWorkerApplication::Finished, this));
}

void
DnnWorkerApplication::Finished(uint32_t task)
{
    m_tasks.at(task).state = DONE;
    ++m_done;
    m_taskFinished(task);
    const auto& info = m_plan->GetTask(task);
    if (info.abandoned)
    {
        return;
    }
    if (info.kind == DnnTaskKind::Sink)
    {
        m_requestCompleted(info.request);
    }
    for (uint32_t s : info.successors)
    {
        if (m_plan->GetTask(s).node == m_node)
        {
            Satisfy(s);
        }
    }
    for (const auto& shipment : info.shipments)
    {
        Ship(task, shipment.node, shipment.bytes);
    }
}

void
DnnWorkerApplication::Satisfy(uint32_t task)
{
    if (m_plan->GetTask(task).abandoned)
    {
        return;
    }
    uint32_t& missing = m_tasks.at(task).missing;
    NS_ASSERT(missing > 0);
    if (--missing == 0)
    {
        Ready(task);
    }
}

void
DnnWorkerApplication::Ship(uint32_t producer, uint32_t node, uint64_t bytes)
{
    DnnMessageHeader header;
    header.SetRequest(m_plan->GetTask(producer).request);
    header.SetProducer(producer);
    header.SetPayloadSize(bytes);
    Ptr<Packet> packet = Create<Packet>();
    packet->AddHeader(header);
    Peer& peer = m_out[node];
    peer.pending.push_back({packet, packet->GetSize() + bytes, 0, bytes, producer});
    m_messageQueued(producer, node, bytes);
    if (!peer.socket)
    {
        peer.socket = Socket::CreateSocket(GetNode(), TcpSocketFactory::GetTypeId());
        peer.socket->Bind();
        peer.socket->SetConnectCallback(MakeCallback(&DnnWorkerApplication::Connected, this),
                                        MakeCallback(&DnnWorkerApplication::ConnectFailed, this));
        peer.socket->SetSendCallback(MakeCallback(&DnnWorkerApplication::CanSend, this));
        peer.socket->SetCloseCallbacks(MakeNullCallback<void, Ptr<Socket>>(),
                                       MakeCallback(&DnnWorkerApplication::ConnectionError, this));
        peer.socket->Connect(m_peers.at(node));
        return;
    }
    if (peer.connected)
    {
        Push(node);
    }
}

void
DnnWorkerApplication::Push(uint32_t node)
{
    Peer& peer = m_out[node];
    while (!peer.pending.empty())
    {
        Outgoing& message = peer.pending.front();
        const uint32_t available = peer.socket->GetTxAvailable();
        if (available == 0)
        {
            return; // resumed from CanSend
        }
        const uint64_t headerSize = message.header->GetSize();
        const uint64_t chunk = std::min<uint64_t>(available, message.total - message.written);
        Ptr<Packet> packet;
        uint64_t fromHeader = 0;
        if (message.written < headerSize)
        {
            fromHeader = std::min<uint64_t>(chunk, headerSize - message.written);
            packet = message.header->CreateFragment(static_cast<uint32_t>(message.written),
                                                    static_cast<uint32_t>(fromHeader));
        }
        else
        {
            packet = Create<Packet>();
        }
        if (chunk > fromHeader)
        {
            packet->AddAtEnd(Create<Packet>(static_cast<uint32_t>(chunk - fromHeader)));
        }
        const int sent = peer.socket->Send(packet);
        if (sent <= 0)
        {
            return;
        }
        const uint64_t before = message.written;
        message.written += static_cast<uint64_t>(sent);
        if (message.written > headerSize)
        {
            m_bytesOut += message.written - std::max(before, headerSize);
        }
        if (message.written == message.total)
        {
            peer.pending.pop_front();
        }
    }
}

void
DnnWorkerApplication::Connected(Ptr<Socket> socket)
{
    for (auto& [node, peer] : m_out)
    {
        if (peer.socket == socket)
        {
            peer.connected = true;
            Push(node);
            return;
        }
    }
}

void
DnnWorkerApplication::ConnectFailed(Ptr<Socket> socket)
{
    LoseConnection(socket, "cannot connect to");
}

void
DnnWorkerApplication::ConnectionError(Ptr<Socket> socket)
{
    LoseConnection(socket, "TCP gave up on the connection to");
}

void
DnnWorkerApplication::LoseConnection(Ptr<Socket> socket, const std::string& what)
{
    for (auto& [node, peer] : m_out)
    {
        if (peer.socket != socket)
        {
            continue;
        }
        NS_LOG_WARN("node " << m_plan->NodeName(m_node) << ": " << what << " "
                            << m_plan->NodeName(node));
        m_error = what + " " + m_plan->NodeName(node);
        m_lost.push_back(socket);
        peer.socket = nullptr;
        peer.connected = false;
        peer.pending.clear();
        if (!m_failed)
        {
            m_connectionFailed(node);
        }
        return;
    }
}

void
DnnWorkerApplication::CanSend(Ptr<Socket> socket, uint32_t /* available */)
{
    for (auto& [node, peer] : m_out)
    {
        if (peer.socket == socket && peer.connected)
        {
            Push(node);
            return;
        }
    }
}

void
DnnWorkerApplication::Accepted(Ptr<Socket> socket, const Address& /* from */)
{
    const auto connection = static_cast<uint32_t>(m_in.size());
    socket->SetRecvCallback(MakeCallback(&DnnWorkerApplication::Received, this, connection));
    m_in.push_back({socket, DnnMessageReassembler()});
}

void
DnnWorkerApplication::Received(uint32_t connection, Ptr<Socket> socket)
{
    if (connection >= m_in.size() || m_failed)
    {
        return;
    }
    DnnMessageReassembler& reassembler = m_in[connection].reassembler;
    Address from;
    while (Ptr<Packet> packet = socket->RecvFrom(from))
    {
        if (packet->GetSize() == 0)
        {
            break;
        }
        m_scratch.clear();
        if (!reassembler.Feed(packet, m_scratch) && m_error.empty())
        {
            m_error = "framing error from a peer: " + reassembler.Error();
            NS_LOG_WARN(m_error);
        }
        for (const DnnMessage& message : m_scratch)
        {
            if (!m_plan->HasTask(message.producer))
            {
                continue; // its request was retired (a duplicate that arrived late)
            }
            const auto& producer = m_plan->GetTask(message.producer);
            m_bytesIn += message.payload;
            m_messageReceived(message.producer, producer.node, message.payload);
            for (uint32_t s : producer.successors)
            {
                if (m_plan->GetTask(s).node == m_node)
                {
                    Satisfy(s);
                }
            }
        }
    }
}

uint32_t
DnnWorkerApplication::TasksDone() const
{
    return m_done;
}

std::string
DnnWorkerApplication::Pending(uint32_t task) const
{
    if (m_failed)
    {
        return "its device " + m_plan->NodeName(m_node) + " failed";
    }
    const auto it = m_tasks.find(task);
    if (it == m_tasks.end() || it->second.state == DONE)
    {
        return "";
    }
    if (it->second.state == QUEUED)
    {
        return "queued or running on " + m_plan->NodeName(m_node);
    }
    std::string waiting;
    uint32_t shown = 0;
    for (uint32_t t : m_plan->TasksOf(m_plan->GetTask(task).request))
    {
        if (shown >= 3)
        {
            break;
        }
        const auto& info = m_plan->GetTask(t);
        if (std::find(info.successors.begin(), info.successors.end(), task) ==
            info.successors.end())
        {
            continue;
        }
        waiting += (shown++ ? ", " : "") + info.name;
    }
    return "waiting for " + std::to_string(it->second.missing) + " input(s) (inputs: " + waiting +
           (m_error.empty() ? "" : "; " + m_error) + ")";
}

uint64_t
DnnWorkerApplication::BytesReceived() const
{
    return m_bytesIn;
}

uint64_t
DnnWorkerApplication::BytesSent() const
{
    return m_bytesOut;
}

} // namespace ns3
