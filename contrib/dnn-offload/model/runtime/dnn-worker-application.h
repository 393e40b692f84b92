/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_WORKER_APPLICATION_H
#define DNN_WORKER_APPLICATION_H

#include "dnn-message-reassembler.h"
#include "dnn-runtime-plan.h"

#include "ns3/address.h"
#include "ns3/application.h"
#include "ns3/event-id.h"
#include "ns3/nstime.h"
#include "ns3/ptr.h"
#include "ns3/socket.h"
#include "ns3/traced-callback.h"

#include <deque>
#include <map>
#include <memory>
#include <unordered_map>
#include <vector>

namespace ns3
{

class DnnComputeModel;

/**
 * \ingroup dnn-offload
 * \brief Carries out its node's part of a plan: runs the node's tasks on the node's
 *        DnnComputeModel when their inputs are in, and exchanges activations with the
 *        other nodes' workers over TCP.
 *
 * It listens on one TCP port and opens one persistent connection per peer node it sends
 * to, on first use. Each activation is one message — a DnnMessageHeader (request,
 * producer task, payload bytes) and a zero-filled payload of the real size — pushed in
 * chunks of what the socket accepts and resumed from the send callback; the receiver
 * reassembles messages from the byte stream whatever the read boundaries. A task starts
 * when all its inputs have arrived (same-node predecessors hand theirs over directly) and
 * not before its release (plan times count from the worker's start time); tasks without work
 * (sources, sinks) complete at once without taking a core. On the requesting device, a request is
 * released at its arrival (its source task) and completes when its sink's inputs are in.
 *
 * Failures: Fail() stops the worker for good (its device failed: nothing runs, nothing is
 * sent or received). When TCP gives up on a connection (or cannot open it), the messages
 * not yet written are dropped, ConnectionFailed fires, and the next message to that peer
 * opens a new connection. A recovery adds tasks to the plan (Extend()) and abandons others
 * (Abandon()): abandoned tasks do not start, and if running, do not ship their output.
 */
class DnnWorkerApplication : public Application
{
  public:
    /** \brief Register this type. \return the TypeId */
    static TypeId GetTypeId();
    DnnWorkerApplication();
    ~DnnWorkerApplication() override;

    /**
     * \brief Give the worker its plan. \param plan the shared plan \param node this node's
     * index in the plan \param peers the address of every node's worker (index = node)
     */
    void Setup(std::shared_ptr<const DnnRuntimePlan> plan, uint32_t node,
               std::vector<Address> peers);

    /** \brief The device failed: stop everything (compute model included) for good. */
    void Fail();
    /** \brief Whether Fail() was called. \return true once failed */
    bool IsFailed() const;
    /** \brief The plan grew: take up the new tasks of this node (those with no inputs
     *  start). */
    void Extend();
    /** \brief The plan abandoned a task of this node: drop it from the compute queue if it
     *  waits there. \param task the task */
    void Abandon(uint32_t task);
    /** \brief Forget a retired request's task hosted here (a long run keeps only the
     *  tasks in flight). \param task id */
    void Forget(uint32_t task);

    /** \brief Tasks of this node that have finished. \return the count */
    uint32_t TasksDone() const;
    /** \brief Why a task of this node has not run (for unfinished requests).
     *  \param task a task of this node \return "" if it ran, else a reason */
    std::string Pending(uint32_t task) const;
    /** \brief Payload bytes received so far. \return bytes */
    uint64_t BytesReceived() const;
    /** \brief Payload bytes handed to TCP so far. \return bytes */
    uint64_t BytesSent() const;

    /** \brief Signature of MessageQueued / MessageReceived: producer task, the other node,
     *  payload bytes. */
    typedef void (*MessageTracedCallback)(uint32_t producer, uint32_t peer, uint64_t bytes);
    /** \brief Signature of TaskStarted / TaskFinished: task id. */
    typedef void (*TaskTracedCallback)(uint32_t task);
    /** \brief Signature of RequestCompleted: request id. */
    typedef void (*RequestTracedCallback)(uint32_t request);
    /** \brief Signature of ConnectionFailed: the peer node. */
    typedef void (*PeerTracedCallback)(uint32_t peer);

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;

    /** \brief One message waiting to be written to a peer. */
    struct Outgoing
    {
        Ptr<Packet> header; //!< the serialized header
        uint64_t total;     //!< header plus payload bytes
        uint64_t written;   //!< bytes handed to TCP so far
        uint64_t payload;   //!< payload bytes
        uint32_t producer;  //!< producer task
    };

    /** \brief An outgoing connection. */
    struct Peer
    {
        Ptr<Socket> socket;           //!< the connection (null until first use)
        bool connected{false};        //!< whether the handshake is done
        std::deque<Outgoing> pending; //!< messages not yet fully written
    };

    /** \brief An incoming connection. */
    struct Incoming
    {
        Ptr<Socket> socket;                //!< the accepted socket
        DnnMessageReassembler reassembler; //!< messages from its byte stream
    };

    /** \brief A task may go to its compute model. \param task task */
    void Ready(uint32_t task);
    /** \brief Hand a ready, released task to the compute model. \param task task */
    void Run(uint32_t task);
    /** \brief A task finished. \param task task */
    void Finished(uint32_t task);
    /** \brief One input of a task is in. \param task task */
    void Satisfy(uint32_t task);
    /** \brief Queue a task's output for a node. \param producer task \param node node
     *  \param bytes payload bytes */
    void Ship(uint32_t producer, uint32_t node, uint64_t bytes);
    /** \brief Write what the socket of a peer accepts. \param node peer node */
    void Push(uint32_t node);
    /** \brief Connected. \param socket the socket */
    void Connected(Ptr<Socket> socket);
    /** \brief Connection could not be opened. \param socket the socket */
    void ConnectFailed(Ptr<Socket> socket);
    /** \brief TCP gave up on an open connection. \param socket the socket */
    void ConnectionError(Ptr<Socket> socket);
    /** \brief Drop a failed connection and what it had left to write. \param socket it
     *  \param what what happened, for the log */
    void LoseConnection(Ptr<Socket> socket, const std::string& what);
    /** \brief Room in a send buffer. \param socket the socket \param available bytes */
    void CanSend(Ptr<Socket> socket, uint32_t available);
    /** \brief A peer connected to us. \param socket the new socket \param from its address */
    void Accepted(Ptr<Socket> socket, const Address& from);
    /** \brief Data arrived. \param connection index of the connection in m_in
     *  \param socket its socket */
    void Received(uint32_t connection, Ptr<Socket> socket);

    std::shared_ptr<const DnnRuntimePlan> m_plan; //!< the plan
    uint32_t m_node{0};                           //!< this node
    Time m_origin;                                //!< plan time 0: when the worker started
    std::vector<Address> m_peers;                 //!< worker address per node
    uint16_t m_port{9000};                        //!< Port attribute
    Ptr<DnnComputeModel> m_compute;               //!< the node's compute model
    Ptr<Socket> m_listener;                       //!< listening socket
    std::map<uint32_t, Peer> m_out;               //!< outgoing connections by node

    /** Incoming connections in accept order (each receive callback carries its index):
     *  never ordered by socket address, so closing them at the stop goes the same way every
     *  run. */
    std::vector<Incoming> m_in;
    /** \brief A hosted task's progress. */
    struct TaskState
    {
        uint32_t missing{0}; //!< inputs not yet in
        uint8_t state{0};    //!< 0 waiting, 1 queued, 2 done
    };

    std::unordered_map<uint32_t, TaskState> m_tasks; //!< hosted tasks not forgotten
    uint32_t m_known{0};                             //!< plan task ids seen so far
    std::vector<EventId> m_releases;                 //!< scheduled releases
    uint32_t m_done{0};                              //!< tasks finished here
    uint64_t m_bytesIn{0};                           //!< payload bytes received
    uint64_t m_bytesOut{0};                          //!< payload bytes handed to TCP
    std::vector<DnnMessage> m_scratch;               //!< completed messages of one read
    std::string m_error;                             //!< first framing error seen
    bool m_failed{false};                            //!< Fail() was called
    std::vector<Ptr<Socket>> m_lost;                 //!< failed connections (kept alive)

    TracedCallback<uint32_t, uint32_t, uint64_t> m_messageQueued;   //!< output queued
    TracedCallback<uint32_t, uint32_t, uint64_t> m_messageReceived; //!< output arrived
    TracedCallback<uint32_t> m_taskStarted;                         //!< task started
    TracedCallback<uint32_t> m_taskFinished;                        //!< task finished
    TracedCallback<uint32_t> m_requestCompleted;                    //!< sink done
    TracedCallback<uint32_t> m_connectionFailed;                    //!< TCP gave up
};

} // namespace ns3

#endif /* DNN_WORKER_APPLICATION_H */
