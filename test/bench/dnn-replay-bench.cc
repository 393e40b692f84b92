/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
/**
 * \file
 * What the module costs over ns-3 itself: a run of the module against a bare ns-3 program
 * that replays exactly the run's transfers.
 *
 *     dnn-replay-bench --results=DIR [--scheduler=heft] [--scenario=FILE]
 *                      [--benchmark_repetitions=N] [other Google Benchmark flags]
 *
 * DIR is a results folder of dnn-offload-run (DIR/<scheduler>/transfers.csv, DIR/scenario.json);
 * FILE the scenario it was made from, whose folder the model files are found from (default:
 * DIR/scenario.json with the models of scenarios/). Four variants, each simulation in a
 * process of its own (forked; Simulator::Destroy at its end):
 *
 * - full/default: the module's run of the scenario with the scheduler (DnnExperiment: plan,
 *   simulate, write the results, with NetAnim and FlowMonitor as the scenario asks);
 * - full/no-netanim-flowmon: the same without NetAnim and FlowMonitor;
 * - replay/bare: the same world (DnnTopologyHelper: nodes, devices, TCP settings, the Block
 *   Ack workaround, seed, run and streams), a PacketSink on every node, and per source ->
 *   destination pair one TCP socket, opened at its first transfer, that sends each transfer
 *   (its bytes and the module's 20-byte message header) at its send_start, as the workers
 *   do; no compute model, no energy model; stopped when the module's run stops;
 * - replay/energy: the bare replay with the module's energy models (DnnOffloadHelper's
 *   compute models and energy sources, ns-3's Wi-Fi radio energy models).
 *
 * The time of a variant is the CPU time of its process from building the world to
 * Simulator::Destroy (the full runs include planning and writing results); its counters:
 * events (Simulator::GetEventCount, as summary.json has it), cpu_s, and for the replays
 * delivered (bytes at the sinks over the bytes sent) and last_arrival_s (plan time, as
 * transfers.csv has it). At the end a table gives each variant's medians and its CPU time
 * over the bare replay's.
 */

#include "ns3/dnn-energy-source.h"
#include "ns3/dnn-experiment.h"
#include "ns3/dnn-json-reader.h"
#include "ns3/dnn-link-calibration.h"
#include "ns3/dnn-message-header.h"
#include "ns3/dnn-offload-helper.h"
#include "ns3/dnn-output-files.h"
#include "ns3/dnn-run-limits.h"
#include "ns3/dnn-scenario-reader.h"
#include "ns3/dnn-simulation-steps.h"
#include "ns3/dnn-topology-helper.h"

#include "ns3/inet-socket-address.h"
#include "ns3/packet-sink-helper.h"
#include "ns3/packet-sink.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/tcp-socket-factory.h"

#include <benchmark/benchmark.h>
#include <nlohmann/json.hpp>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <deque>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

using namespace ns3;

namespace fs = std::filesystem;

namespace
{

/// The port the replay's sinks listen on.
constexpr uint16_t SINK_PORT = 9;

/// The bench's input, from its command line.
struct Input
{
    std::string results;           //!< the results folder
    std::string scheduler{"heft"}; //!< its scheduler's label
    std::string scenarioFile;      //!< the scenario file
    std::string scenarioFolder;    //!< where its model files are found from
};

Input g_input; //!< set by main()

/// One transfer of transfers.csv.
struct Transfer
{
    uint32_t source{0};      //!< sending device
    uint32_t destination{0}; //!< receiving device
    uint64_t bytes{0};       //!< payload bytes
    double sendStart{0};     //!< plan time it was queued, s
    double arrival{-1};      //!< plan time it arrived, s (-1: never)
};

/// What one simulation gave, sent from its process to the bench.
struct Outcome
{
    uint64_t events{0};     //!< Simulator::GetEventCount()
    double cpu{0};          //!< CPU s of the process, world to Destroy
    uint64_t sent{0};       //!< bytes the replay sent (header included)
    uint64_t received{0};   //!< bytes the sinks received
    double lastArrival{-1}; //!< plan time of the last arrival, s
    bool ok{false};         //!< the simulation ran
};

/// Every outcome so far, by variant.
std::map<std::string, std::vector<Outcome>> g_outcomes;

/** The fields of one CSV line (RFC 4180 quoting). \param line the line \return its fields */
std::vector<std::string>
SplitCsv(const std::string& line)
{
    std::vector<std::string> fields(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i)
    {
        const char c = line[i];
        if (quoted && c == '"' && i + 1 < line.size() && line[i + 1] == '"')
        {
            fields.back() += '"';
            ++i;
        }
        else if (c == '"')
        {
            quoted = !quoted;
        }
        else if (c == ',' && !quoted)
        {
            fields.emplace_back();
        }
        else if (c != '\r')
        {
            fields.back() += c;
        }
    }
    return fields;
}

/** The scenario, read as dnn-offload-run reads it. \return it */
DnnScenario
ReadScenario()
{
    return DnnScenarioReader::ReadText(DnnJsonReader::ReadInputFile(g_input.scenarioFile),
                                       g_input.scenarioFile, g_input.scenarioFolder);
}

/** The transfers between devices of a transfers.csv (each device's name to its index in
 *  \p platform). \param file the file \param platform the platform \return the
 *  transfers */
std::vector<Transfer>
ReadTransfers(const std::string& file, const DnnPlatform& platform)
{
    std::ifstream in(file);
    if (!in)
    {
        throw std::runtime_error("cannot read " + file);
    }
    std::map<std::string, uint32_t> index;
    for (uint32_t d = 0; d < platform.DeviceCount(); ++d)
    {
        index[platform.Device(d).name] = d;
    }
    std::string line;
    std::getline(in, line); // producer,source,destination,bytes,send_start,arrival
    std::vector<Transfer> transfers;
    while (std::getline(in, line))
    {
        const std::vector<std::string> f = SplitCsv(line);
        if (f.size() != 6)
        {
            throw std::runtime_error(file + ": bad line \"" + line + "\"");
        }
        Transfer t;
        t.source = index.at(f[1]);
        t.destination = index.at(f[2]);
        t.bytes = std::stoull(f[3]);
        t.sendStart = std::stod(f[4]);
        t.arrival = f[5].empty() ? -1 : std::stod(f[5]);
        if (t.source != t.destination)
        {
            transfers.push_back(t);
        }
    }
    return transfers;
}

/** The transfers of the results folder's scheduler. \param platform the platform
 *  \return the transfers */
std::vector<Transfer>
ReadResultsTransfers(const DnnPlatform& platform)
{
    return ReadTransfers(g_input.results + "/" + g_input.scheduler + "/transfers.csv", platform);
}

/** CPU time of this process so far. \return s */
double
CpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
           1e-6 * (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec);
}

/**
 * \brief One source -> destination TCP connection of the replay: opened at its first
 *        transfer, it writes each transfer's bytes as the socket takes them (as
 *        DnnWorkerApplication does).
 */
class ReplayConnection
{
  public:
    /** \param node the source node \param peer the destination's sink address
     *  \param sent counts the bytes written */
    ReplayConnection(Ptr<Node> node, Address peer, uint64_t* sent)
        : m_node(node), m_peer(peer), m_sent(sent)
    {
    }

    /** \brief Queue a transfer of \p bytes now. \param bytes header and payload */
    void Send(uint64_t bytes)
    {
        m_pending.push_back(bytes);
        if (!m_socket)
        {
            m_socket = Socket::CreateSocket(m_node, TcpSocketFactory::GetTypeId());
            m_socket->Bind();
            m_socket->SetConnectCallback(MakeCallback(&ReplayConnection::Connected, this),
                                         MakeNullCallback<void, Ptr<Socket>>());
            m_socket->SetSendCallback(MakeCallback(&ReplayConnection::CanSend, this));
            m_socket->Connect(m_peer);
            return;
        }
        if (m_connected)
        {
            Push();
        }
    }

  private:
    /** \brief Connected: write what is queued. \param socket the socket */
    void Connected(Ptr<Socket> /* socket */)
    {
        m_connected = true;
        Push();
    }

    /** \brief Room in the send buffer. \param socket the socket \param available bytes */
    void CanSend(Ptr<Socket> /* socket */, uint32_t /* available */)
    {
        if (m_connected)
        {
            Push();
        }
    }

    /** \brief Write as much of the queue as the socket takes. */
    void Push()
    {
        while (!m_pending.empty())
        {
            const uint32_t available = m_socket->GetTxAvailable();
            if (available == 0)
            {
                return;
            }
            const uint64_t chunk = std::min<uint64_t>(available, m_pending.front());
            const int sent = m_socket->Send(Create<Packet>(static_cast<uint32_t>(chunk)));
            if (sent <= 0)
            {
                return;
            }
            *m_sent += static_cast<uint64_t>(sent);
            m_pending.front() -= static_cast<uint64_t>(sent);
            if (m_pending.front() == 0)
            {
                m_pending.pop_front();
            }
        }
    }

    Ptr<Node> m_node;               //!< source node
    Address m_peer;                 //!< destination sink
    uint64_t* m_sent;               //!< bytes written, all connections
    Ptr<Socket> m_socket;           //!< the socket, once opened
    bool m_connected{false};        //!< connected
    std::deque<uint64_t> m_pending; //!< bytes of each queued transfer still to write
};

/** The bare replay, in this process. \param energy with the module's energy models
 *  \return its outcome */
Outcome
Replay(bool energy)
{
    const DnnScenario scenario = ReadScenario();
    const std::vector<Transfer> transfers = ReadResultsTransfers(scenario.platform);
    Outcome outcome;
    const double cpuStart = CpuSeconds();
    RngSeedManager::SetSeed(scenario.seed);
    RngSeedManager::SetRun(scenario.run);
    DnnTopologyHelper topology;
    NodeContainer nodes = topology.Install(scenario.platform);
    topology.AssignStreams(1000);
    std::vector<DeviceEnergyModelContainer> radios;
    if (energy)
    {
        DnnOffloadHelper().InstallCompute(nodes, scenario.platform);
        radios = DnnInstallRadioEnergy(scenario.platform, topology, nodes);
    }
    const std::vector<Ipv4Address> addresses = DnnWorkerAddresses(scenario.platform, topology);
    PacketSinkHelper sinkHelper("ns3::TcpSocketFactory",
                                InetSocketAddress(Ipv4Address::GetAny(), SINK_PORT));
    ApplicationContainer sinks = sinkHelper.Install(nodes);
    sinks.Start(Seconds(0));
    const Time origin = DnnTopologyHelper::AssociationBound();
    Time lastRx = Time(-1);
    for (uint32_t i = 0; i < sinks.GetN(); ++i)
    {
        sinks.Get(i)->TraceConnectWithoutContext(
            "Rx", Callback<void, Ptr<const Packet>, const Address&>(
                      [&lastRx](Ptr<const Packet>, const Address&) { lastRx = Simulator::Now(); }));
    }
    std::map<std::pair<uint32_t, uint32_t>, std::unique_ptr<ReplayConnection>> connections;
    for (const Transfer& t : transfers)
    {
        auto& connection = connections[{t.source, t.destination}];
        if (!connection)
        {
            connection = std::make_unique<ReplayConnection>(
                nodes.Get(t.source), InetSocketAddress(addresses[t.destination], SINK_PORT),
                &outcome.sent);
        }
        Simulator::Schedule(origin + Seconds(t.sendStart), &ReplayConnection::Send,
                            connection.get(), t.bytes + DnnMessageHeader::SERIALIZED_SIZE);
    }
    Simulator::Stop(origin + Seconds(scenario.stopTime) + Seconds(DnnRunLimits::DRAIN_S));
    Simulator::Run();
    outcome.events = Simulator::GetEventCount();
    for (uint32_t i = 0; i < sinks.GetN(); ++i)
    {
        outcome.received += DynamicCast<PacketSink>(sinks.Get(i))->GetTotalRx();
    }
    outcome.lastArrival = lastRx.IsNegative() ? -1 : (lastRx - origin).GetSeconds();
    Simulator::Destroy();
    outcome.cpu = CpuSeconds() - cpuStart;
    outcome.ok = true;
    return outcome;
}

/** The module's run, in this process. \param views with NetAnim and FlowMonitor as the
 *  scenario asks (else neither) \return its outcome */
Outcome
Full(bool views)
{
    DnnScenario scenario = ReadScenario();
    if (!views)
    {
        scenario.netanim = false;
        scenario.flowmon = false;
    }
    // The tool's measured hop models (from its cache, simulated when not there yet).
    DnnLinkCalibration::CalibrateScenario(
        scenario,
        (fs::path(g_input.results).parent_path() / DnnResultsFolder::CALIBRATION_CACHE).string());
    DnnSchedulerSpec spec;
    const auto it =
        std::find_if(scenario.schedulers.begin(), scenario.schedulers.end(),
                     [](const DnnSchedulerSpec& s) { return s.label == g_input.scheduler; });
    if (it != scenario.schedulers.end())
    {
        spec = *it;
    }
    else
    {
        spec.label = g_input.scheduler;
        spec.name = g_input.scheduler;
    }
    const DnnExperiment experiment(scenario);
    char folder[] = "/tmp/dnn-replay-bench-XXXXXX";
    if (!mkdtemp(folder))
    {
        throw std::runtime_error("cannot make a temporary folder");
    }
    DnnExperimentOptions options;
    options.outputDir = std::string(folder) + "/" + spec.label;
    Outcome outcome;
    const double cpuStart = CpuSeconds();
    experiment.Run(spec, options);
    outcome.cpu = CpuSeconds() - cpuStart;
    std::ifstream summaryFile(options.outputDir + "/summary.json");
    const nlohmann::json summary = nlohmann::json::parse(summaryFile);
    outcome.events = summary.at("events").get<uint64_t>();
    for (const Transfer& t : ReadTransfers(options.outputDir + "/transfers.csv", scenario.platform))
    {
        outcome.lastArrival = std::max(outcome.lastArrival, t.arrival);
    }
    fs::remove_all(folder);
    outcome.ok = true;
    return outcome;
}

/** Run \p variant in a process of its own. \param variant the variant's name
 *  \return its outcome (ok false if it failed) */
Outcome
RunApart(const std::string& variant)
{
    int fds[2];
    if (pipe(fds) != 0)
    {
        throw std::runtime_error("pipe failed");
    }
    std::cout.flush();
    const pid_t child = fork();
    if (child == 0)
    {
        close(fds[0]);
        Outcome outcome;
        try
        {
            outcome = variant == "full/default"            ? Full(true)
                    : variant == "full/no-netanim-flowmon" ? Full(false)
                    : variant == "replay/bare"             ? Replay(false)
                                                           : Replay(true);
        }
        catch (const std::exception& e)
        {
            std::cerr << variant << ": " << e.what() << std::endl;
        }
        const ssize_t written = write(fds[1], &outcome, sizeof(outcome));
        _exit(written == sizeof(outcome) ? 0 : 1);
    }
    close(fds[1]);
    Outcome outcome;
    const ssize_t got = read(fds[0], &outcome, sizeof(outcome));
    close(fds[0]);
    int status = 0;
    waitpid(child, &status, 0);
    if (got != sizeof(outcome) || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
    {
        outcome.ok = false;
    }
    return outcome;
}

/** A variant as a benchmark: one simulation per iteration, its CPU time as the time.
 *  \param state the state \param variant the variant */
void
Variant(benchmark::State& state, const std::string& variant)
{
    for (auto _ : state)
    {
        const Outcome outcome = RunApart(variant);
        if (!outcome.ok)
        {
            state.SkipWithError((variant + " failed").c_str());
            return;
        }
        state.SetIterationTime(outcome.cpu);
        state.counters["events"] = static_cast<double>(outcome.events);
        state.counters["cpu_s"] = outcome.cpu;
        state.counters["last_arrival_s"] = outcome.lastArrival;
        if (outcome.sent > 0)
        {
            state.counters["delivered"] =
                static_cast<double>(outcome.received) / static_cast<double>(outcome.sent);
        }
        g_outcomes[variant].push_back(outcome);
    }
}

/** The median of some values. \param values them (not empty) \return the median */
double
Median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

/** Print each variant's medians and its CPU over the bare replay's. */
void
PrintTable()
{
    const DnnScenario scenario = ReadScenario();
    uint64_t expected = 0;
    double runLast = -1;
    std::size_t count = 0;
    for (const Transfer& t : ReadResultsTransfers(scenario.platform))
    {
        expected += t.bytes + DnnMessageHeader::SERIALIZED_SIZE;
        runLast = std::max(runLast, t.arrival);
        ++count;
    }
    const auto bare = g_outcomes.find("replay/bare");
    double bareCpu = 0;
    if (bare != g_outcomes.end() && !bare->second.empty())
    {
        std::vector<double> cpu;
        for (const Outcome& o : bare->second)
        {
            cpu.push_back(o.cpu);
        }
        bareCpu = Median(cpu);
    }
    std::printf("\n%s, %s: %zu transfers between devices, %llu bytes with headers, last "
                "arrival %.6f s\n",
                scenario.name.c_str(), g_input.scheduler.c_str(), count,
                static_cast<unsigned long long>(expected), runLast);
    std::printf("%-26s %5s %10s %10s %10s %13s %12s\n", "variant", "runs", "events", "CPU s",
                "CPU/bare", "bytes at sinks", "last arrival");
    for (const char* variant :
         {"full/default", "full/no-netanim-flowmon", "replay/energy", "replay/bare"})
    {
        const auto it = g_outcomes.find(variant);
        if (it == g_outcomes.end() || it->second.empty())
        {
            continue;
        }
        std::vector<double> cpu;
        std::vector<double> events;
        for (const Outcome& o : it->second)
        {
            cpu.push_back(o.cpu);
            events.push_back(static_cast<double>(o.events));
        }
        const Outcome& last = it->second.back();
        const std::string bytes =
            last.sent > 0 ? std::to_string(last.received) + "/" + std::to_string(expected) : "-";
        std::printf("%-26s %5zu %10.0f %10.3f %10.2f %13s %12.6f\n", variant, it->second.size(),
                    Median(events), Median(cpu), bareCpu > 0 ? Median(cpu) / bareCpu : 0.0,
                    bytes.c_str(), last.lastArrival);
    }
}

} // namespace

int
main(int argc, char** argv)
{
    std::vector<char*> rest{argv[0]};
    for (int i = 1; i < argc; ++i)
    {
        const std::string arg = argv[i];
        const auto value = [&arg](const std::string& flag) -> std::optional<std::string>
        {
            return arg.rfind(flag + "=", 0) == 0 ? std::optional(arg.substr(flag.size() + 1))
                                                 : std::nullopt;
        };
        if (auto v = value("--results"))
        {
            g_input.results = *v;
        }
        else if (auto v = value("--scheduler"))
        {
            g_input.scheduler = *v;
        }
        else if (auto v = value("--scenario"))
        {
            g_input.scenarioFile = *v;
        }
        else
        {
            rest.push_back(argv[i]);
        }
    }
    if (g_input.results.empty())
    {
        std::cerr << "usage: " << argv[0]
                  << " --results=DIR [--scheduler=heft] [--scenario=FILE] [benchmark flags]\n";
        return 2;
    }
    if (g_input.scenarioFile.empty())
    {
        g_input.scenarioFile = g_input.results + "/scenario.json";
        g_input.scenarioFolder = std::string(DNN_SOURCE_DIR) + "/scenarios";
    }
    else
    {
        const fs::path folder = fs::path(g_input.scenarioFile).parent_path();
        g_input.scenarioFolder = folder.empty() ? "." : folder.string();
    }
    // The scenario and the run's transfers must read before anything is measured.
    try
    {
        ReadResultsTransfers(ReadScenario().platform);
    }
    catch (const std::exception& e)
    {
        std::cerr << argv[0] << ": " << e.what() << " (--results is the folder of "
                  << "dnn-offload-run's --out, with one subfolder per scheduler)\n";
        return 2;
    }
    int restCount = static_cast<int>(rest.size());
    benchmark::Initialize(&restCount, rest.data());
    if (benchmark::ReportUnrecognizedArguments(restCount, rest.data()))
    {
        return 2;
    }
    for (const char* variant :
         {"full/default", "full/no-netanim-flowmon", "replay/energy", "replay/bare"})
    {
        benchmark::RegisterBenchmark(variant, [variant](benchmark::State& state)
                                     { Variant(state, variant); })
            ->UseManualTime()
            ->Iterations(1)
            ->Unit(benchmark::kSecond);
    }
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    PrintTable();
    return 0;
}
