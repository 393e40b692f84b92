/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-link-calibration.h"

#include "dnn-topology-helper.h"
#include "ns3/dnn-hash.h"
#include "ns3/dnn-json-reader.h"
#include "ns3/dnn-scenario-reader.h"

#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/names.h"
#include "ns3/packet.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/tcp-socket-factory.h"

#include <nlohmann/json.hpp>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <sstream>
#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DnnLinkCalibration");

namespace
{

/** Idle time between two probes (the previous connection's FINs go out meanwhile). */
constexpr double PROBE_GAP_S = 0.1;
/** A probe that has not completed after this long fails the calibration. */
constexpr double PROBE_TIMEOUT_S = 30.0;
/** First port of the probes' listeners (one port per probe). */
constexpr uint16_t PROBE_PORT = 40000;

/** A double as text that reads back to the same bits. */
std::string
Exact(double value)
{
    std::ostringstream text;
    text << std::setprecision(17) << value;
    return text.str();
}

/** Runs the probes of a calibration one after the other in the current simulation. */
class ProbeRunner
{
  public:
    /** One probe: a message of some size over one hop. */
    struct Probe
    {
        std::size_t hop;    //!< index into the hops
        uint64_t bytes;     //!< message size
        Ipv4Address dest;   //!< receiver's address on the network
        double time{-1};    //!< measured, s
        bool warmUp{false}; //!< not timed for the fit: settles the rate manager first
    };

    /** \param topology the world \param probes the probes */
    ProbeRunner(const DnnTopologyHelper& topology, const std::vector<DnnHopCalibration>& hops,
                std::vector<Probe>& probes)
        : m_topology(topology), m_hops(hops), m_probes(probes)
    {
    }

    /** Start the first probe at \p at. */
    void Start(Time at) { Simulator::Schedule(at, &ProbeRunner::Begin, this, 0); }

    /** \return the index of the probe that did not complete, or probes.size() */
    std::size_t Failed() const { return m_failed; }

  private:
    /** Begin probe \p i. */
    void Begin(std::size_t i)
    {
        if (i >= m_probes.size())
        {
            Simulator::Stop();
            return;
        }
        m_current = i;
        const Probe& probe = m_probes[i];
        const DnnHopCalibration& hop = m_hops[probe.hop];
        const auto port = static_cast<uint16_t>(PROBE_PORT + i);
        m_received = 0;
        m_written = 0;
        m_listener =
            Socket::CreateSocket(m_topology.GetNode(hop.to), TcpSocketFactory::GetTypeId());
        m_listener->Bind(InetSocketAddress(Ipv4Address::GetAny(), port));
        m_listener->Listen();
        m_listener->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                      MakeCallback(&ProbeRunner::Accepted, this));
        m_sender =
            Socket::CreateSocket(m_topology.GetNode(hop.from), TcpSocketFactory::GetTypeId());
        m_sender->Bind();
        m_sender->SetConnectCallback(MakeCallback(&ProbeRunner::Connected, this),
                                     MakeCallback(&ProbeRunner::ConnectFailed, this));
        m_sender->SetSendCallback(MakeCallback(&ProbeRunner::CanSend, this));
        m_start = Simulator::Now();
        m_sender->Connect(InetSocketAddress(probe.dest, port));
        m_timeout = Simulator::Schedule(Seconds(PROBE_TIMEOUT_S), &ProbeRunner::TimedOut, this);
    }

    /** The connection is up: send. */
    void Connected(Ptr<Socket> /* socket */) { Push(); }

    /** The connection failed. */
    void ConnectFailed(Ptr<Socket> /* socket */) { TimedOut(); }

    /** Room in the send buffer. */
    void CanSend(Ptr<Socket> /* socket */, uint32_t /* available */) { Push(); }

    /** Write as much of the message as the socket takes. */
    void Push()
    {
        const uint64_t total = m_probes[m_current].bytes;
        while (m_written < total)
        {
            const uint32_t available = m_sender->GetTxAvailable();
            if (available == 0)
            {
                return;
            }
            const auto chunk =
                static_cast<uint32_t>(std::min<uint64_t>(available, total - m_written));
            const int sent = m_sender->Send(Create<Packet>(chunk));
            if (sent <= 0)
            {
                return;
            }
            m_written += static_cast<uint64_t>(sent);
        }
    }

    /** The receiver accepted the connection. */
    void Accepted(Ptr<Socket> socket, const Address& /* from */)
    {
        m_accepted = socket;
        socket->SetRecvCallback(MakeCallback(&ProbeRunner::Received, this));
    }

    /** Bytes arrived. */
    void Received(Ptr<Socket> socket)
    {
        Address from;
        while (Ptr<Packet> packet = socket->RecvFrom(from))
        {
            if (packet->GetSize() == 0)
            {
                break;
            }
            m_received += packet->GetSize();
        }
        Probe& probe = m_probes[m_current];
        if (m_received >= probe.bytes && probe.time < 0)
        {
            probe.time = (Simulator::Now() - m_start).GetSeconds();
            NS_LOG_INFO("probe " << m_current << ": " << probe.bytes << " bytes in " << probe.time
                                 << " s");
            m_timeout.Cancel();
            m_sender->Close();
            m_accepted->Close();
            m_listener->Close();
            Simulator::Schedule(Seconds(PROBE_GAP_S), &ProbeRunner::Begin, this, m_current + 1);
        }
    }

    /** The probe did not complete: give up. */
    void TimedOut()
    {
        m_failed = m_current;
        Simulator::Stop();
    }

    const DnnTopologyHelper& m_topology;                //!< the world
    const std::vector<DnnHopCalibration>& m_hops;       //!< the hops
    std::vector<Probe>& m_probes;                       //!< the probes
    std::size_t m_current{0};                           //!< the probe under way
    std::size_t m_failed{static_cast<std::size_t>(-1)}; //!< the probe that failed
    Ptr<Socket> m_listener;                             //!< receiver's listening socket
    Ptr<Socket> m_accepted;                             //!< receiver's end of the connection
    Ptr<Socket> m_sender;                               //!< sender's socket
    uint64_t m_written{0};                              //!< bytes handed to the sender's socket
    uint64_t m_received{0};                             //!< bytes the receiver got
    Time m_start;                                       //!< when the probe connected
    EventId m_timeout;                                  //!< the probe's deadline
};

} // namespace

DnnLinkCalibration::DnnLinkCalibration() : m_sizes{64 * 1024, 256 * 1024, 1024 * 1024}
{
}

void
DnnLinkCalibration::SetProbeSizes(std::vector<uint64_t> sizes)
{
    std::sort(sizes.begin(), sizes.end());
    sizes.erase(std::unique(sizes.begin(), sizes.end()), sizes.end());
    if (sizes.size() < 2 || sizes.front() == 0)
    {
        throw std::invalid_argument(
            "DnnLinkCalibration: at least two distinct positive probe sizes");
    }
    m_sizes = std::move(sizes);
}

void
DnnLinkCalibration::SetSeed(uint32_t seed, uint32_t run)
{
    m_seed = seed;
    m_run = run;
}

void
DnnLinkCalibration::SetCacheDirectory(const std::string& dir)
{
    m_cacheDir = dir;
}

std::string
DnnLinkCalibration::CanonicalText(const DnnPlatform& platform,
                                  const std::vector<uint32_t>& networks) const
{
    std::ostringstream text;
    text << "dnn-link-calibration " << VERSION << "\n";
    text << "seed " << m_seed << " run " << m_run << "\n";
    text << "sizes";
    for (uint64_t size : m_sizes)
    {
        text << " " << size;
    }
    text << "\n";
    // The TCP settings every socket gets (DnnTopologyHelper's, and ns-3's defaults as they
    // stand, which --ns3::... options may have changed).
    for (const auto& [key, value] : DnnTopologyHelper().Settings())
    {
        text << key << " " << value << "\n";
    }
    // The whole world the probes run in: every device on a network, every network.
    for (uint32_t d = 0; d < platform.DeviceCount(); ++d)
    {
        const DnnDevice& device = platform.Device(d);
        text << "device " << d << " " << device.name << " " << Exact(device.x) << " "
             << Exact(device.y) << " " << Exact(device.z) << "\n";
    }
    const auto& all = platform.Networks();
    for (uint32_t k = 0; k < all.size(); ++k)
    {
        const DnnNetwork& network = all[k];
        text << "network " << k << " " << network.name << " " << DnnNetworkKindName(network.kind)
             << " rate " << Exact(network.dataRate) << " delay " << Exact(network.delay);
        if (network.kind == DnnNetworkKind::Wifi)
        {
            text << " ap " << network.accessPoint << " " << network.wifiStandard << " "
                 << network.channelWidth << "MHz " << network.rateManager << " mcs " << network.mcs;
        }
        text << " members";
        for (uint32_t member : network.members)
        {
            text << " " << member;
        }
        text << "\n";
    }
    text << "calibrate";
    for (uint32_t k : networks)
    {
        text << " " << k;
    }
    text << "\n";
    return text.str();
}

std::string
DnnLinkCalibration::Key(const DnnPlatform& platform, const std::vector<uint32_t>& networks) const
{
    return DnnFnv1a64Hex(CanonicalText(platform, networks));
}

std::vector<DnnHopCalibration>
DnnLinkCalibration::Hops(const DnnPlatform& platform, const std::vector<uint32_t>& networks)
{
    std::vector<DnnHopCalibration> hops;
    const auto add = [&](uint32_t k, uint32_t from, uint32_t to, bool representative)
    {
        DnnHopCalibration hop;
        hop.network = k;
        hop.from = from;
        hop.to = to;
        hop.representative = representative;
        const DnnNetwork& network = platform.Networks().at(k);
        hop.nominal = {network.delay, network.dataRate / 8.0};
        hops.push_back(hop);
    };
    for (uint32_t k : networks)
    {
        const DnnNetwork& network = platform.Networks().at(k);
        switch (network.kind)
        {
        case DnnNetworkKind::Wifi:
            for (uint32_t member : network.members)
            {
                if (member != network.accessPoint)
                {
                    add(k, member, network.accessPoint, false);
                    add(k, network.accessPoint, member, false);
                }
            }
            break;
        case DnnNetworkKind::Csma:
            if (network.members.size() >= 2)
            {
                add(k, network.members[0], network.members[1], true);
            }
            break;
        case DnnNetworkKind::P2p:
            add(k, network.members[0], network.members[1], false);
            add(k, network.members[1], network.members[0], false);
            break;
        }
    }
    return hops;
}

DnnHopModel
DnnLinkCalibration::Fit(const std::vector<uint64_t>& sizes, const std::vector<double>& times)
{
    const auto n = static_cast<double>(sizes.size());
    double meanB = 0;
    double meanT = 0;
    for (std::size_t i = 0; i < sizes.size(); ++i)
    {
        meanB += static_cast<double>(sizes[i]) / n;
        meanT += times[i] / n;
    }
    double sbt = 0;
    double sbb = 0;
    for (std::size_t i = 0; i < sizes.size(); ++i)
    {
        const double db = static_cast<double>(sizes[i]) - meanB;
        sbt += db * (times[i] - meanT);
        sbb += db * db;
    }
    const double slope = sbb > 0 ? sbt / sbb : 0;
    const double intercept = meanT - slope * meanB;
    if (slope > 0 && intercept >= 0)
    {
        return {intercept, 1.0 / slope};
    }
    // Through the origin: time = bytes / rate.
    double sb2 = 0;
    double sbtOrigin = 0;
    for (std::size_t i = 0; i < sizes.size(); ++i)
    {
        const auto b = static_cast<double>(sizes[i]);
        sb2 += b * b;
        sbtOrigin += b * times[i];
    }
    return {0.0, sb2 / sbtOrigin};
}

void
DnnLinkCalibration::Simulate(const DnnPlatform& platform, DnnCalibrationResult& result) const
{
    NS_LOG_FUNCTION(this);
    RngSeedManager::SetSeed(m_seed);
    RngSeedManager::SetRun(m_run);
    DnnTopologyHelper topology;
    topology.Install(platform);
    topology.AssignStreams(1000);

    std::vector<ProbeRunner::Probe> probes;
    for (std::size_t h = 0; h < result.hops.size(); ++h)
    {
        const DnnHopCalibration& hop = result.hops[h];
        // A first message of the largest size lets the Wi-Fi rate manager (Minstrel, or
        // ideal's SNR tracking) find the hop's rate, as the run's first transfers do, before
        // any probe is timed.
        const uint64_t largest = *std::max_element(m_sizes.begin(), m_sizes.end());
        probes.push_back({h, largest, topology.Address(hop.to, hop.network), -1, true});
        for (uint64_t size : m_sizes)
        {
            probes.push_back({h, size, topology.Address(hop.to, hop.network)});
        }
    }
    ProbeRunner runner(topology, result.hops, probes);
    const Time origin = DnnTopologyHelper::AssociationBound();
    runner.Start(origin);
    // Stops itself after the last probe; a bound in case the association never ends.
    Simulator::Stop(origin + Seconds((PROBE_TIMEOUT_S + PROBE_GAP_S) * (probes.size() + 1)));
    Simulator::Run();
    result.simulatedTime = (Simulator::Now() - origin).GetSeconds();
    result.events = Simulator::GetEventCount();
    const std::size_t failed = runner.Failed();
    Simulator::Destroy();
    Names::Clear();
    for (std::size_t i = 0; i < probes.size(); ++i)
    {
        if (i == failed || probes[i].time < 0)
        {
            const DnnHopCalibration& hop = result.hops[probes[i].hop];
            throw std::runtime_error("calibration: the " + std::to_string(probes[i].bytes) +
                                     "-byte probe from \"" + platform.Device(hop.from).name +
                                     "\" to \"" + platform.Device(hop.to).name +
                                     "\" over network \"" + platform.Networks()[hop.network].name +
                                     "\" did not complete within " + Exact(PROBE_TIMEOUT_S) + " s");
        }
        if (probes[i].warmUp)
        {
            continue;
        }
        DnnHopCalibration& hop = result.hops[probes[i].hop];
        hop.sizes.push_back(probes[i].bytes);
        hop.times.push_back(probes[i].time);
    }
    for (auto& hop : result.hops)
    {
        hop.model = Fit(hop.sizes, hop.times);
    }
}

bool
DnnLinkCalibration::ReadCache(const std::string& file, const std::string& text,
                              DnnCalibrationResult& result)
{
    std::error_code missing;
    if (!std::filesystem::exists(file, missing))
    {
        return false;
    }
    try
    {
        // Through the readers' one opener: a FIFO or a huge file in the cache is refused
        // (and the cache recomputed), never read.
        const nlohmann::json json = nlohmann::json::parse(DnnJsonReader::ReadInputFile(file));
        if (json.at("version").get<uint32_t>() != VERSION ||
            json.at("key").get<std::string>() != result.key ||
            json.at("canonical").get<std::string>() != text ||
            json.at("hops").size() != result.hops.size())
        {
            return false;
        }
        for (std::size_t h = 0; h < result.hops.size(); ++h)
        {
            const nlohmann::json& entry = json["hops"][h];
            DnnHopCalibration& hop = result.hops[h];
            if (entry.at("network").get<uint32_t>() != hop.network ||
                entry.at("from").get<uint32_t>() != hop.from ||
                entry.at("to").get<uint32_t>() != hop.to)
            {
                return false;
            }
            hop.sizes = entry.at("sizes").get<std::vector<uint64_t>>();
            hop.times = entry.at("times_s").get<std::vector<double>>();
            hop.model.fixed = entry.at("fixed_s").get<double>();
            hop.model.rate = entry.at("rate_Bps").get<double>();
        }
        result.simulatedTime = json.at("simulated_s").get<double>();
        result.events = json.at("events").get<uint64_t>();
        result.measureWallClock = json.at("measure_wall_clock_s").get<double>();
    }
    catch (const std::exception& e)
    {
        NS_LOG_WARN("calibration cache " << file << " unreadable (" << e.what()
                                         << "): measuring again");
        return false;
    }
    return true;
}

void
DnnLinkCalibration::WriteCache(const std::string& file, const std::string& text,
                               const DnnCalibrationResult& result)
{
    nlohmann::ordered_json json;
    json["version"] = VERSION;
    json["key"] = result.key;
    json["canonical"] = text;
    json["hops"] = nlohmann::ordered_json::array();
    for (const auto& hop : result.hops)
    {
        nlohmann::ordered_json entry;
        entry["network"] = hop.network;
        entry["from"] = hop.from;
        entry["to"] = hop.to;
        entry["sizes"] = hop.sizes;
        entry["times_s"] = hop.times;
        entry["fixed_s"] = hop.model.fixed;
        entry["rate_Bps"] = hop.model.rate;
        json["hops"].push_back(entry);
    }
    json["simulated_s"] = result.simulatedTime;
    json["events"] = result.events;
    json["measure_wall_clock_s"] = result.measureWallClock;
    namespace fs = std::filesystem;
    std::error_code error;
    fs::create_directories(fs::path(file).parent_path(), error);
    const std::string temporary = file + ".tmp-" + std::to_string(::getpid());
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out << json.dump(1) << "\n";
        if (!out)
        {
            NS_LOG_WARN("cannot write the calibration cache " << temporary);
            out.close();
            fs::remove(temporary, error);
            return;
        }
    }
    fs::rename(temporary, file, error);
    if (error)
    {
        NS_LOG_WARN("cannot write the calibration cache " << file << ": " << error.message());
        fs::remove(temporary, error);
    }
}

DnnCalibrationResult
DnnLinkCalibration::Measure(const DnnPlatform& platform,
                            const std::vector<uint32_t>& networks) const
{
    NS_LOG_FUNCTION(this << networks.size());
    const auto begin = std::chrono::steady_clock::now();
    DnnCalibrationResult result;
    result.networks = networks;
    result.hops = Hops(platform, networks);
    const std::string text = CanonicalText(platform, networks);
    result.key = Key(platform, networks);
    if (result.hops.empty())
    {
        return result;
    }
    if (!m_cacheDir.empty())
    {
        result.cacheFile = (std::filesystem::path(m_cacheDir) / (result.key + ".json")).string();
        if (ReadCache(result.cacheFile, text, result))
        {
            result.cached = true;
            result.wallClock =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
            NS_LOG_INFO("calibration " << result.key << " read from " << result.cacheFile);
            return result;
        }
    }
    Simulate(platform, result);
    result.measureWallClock =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
    result.wallClock = result.measureWallClock;
    NS_LOG_INFO("calibration " << result.key << ": " << result.hops.size() << " hops in "
                               << result.wallClock << " s");
    if (!result.cacheFile.empty())
    {
        WriteCache(result.cacheFile, text, result);
    }
    return result;
}

void
DnnLinkCalibration::Apply(const DnnCalibrationResult& result, DnnPlatform& platform)
{
    for (const auto& hop : result.hops)
    {
        if (!hop.representative)
        {
            platform.SetHopModel(hop.network, hop.from, hop.to, hop.model);
            continue;
        }
        const auto& members = platform.Networks().at(hop.network).members;
        for (uint32_t from : members)
        {
            for (uint32_t to : members)
            {
                if (from != to)
                {
                    platform.SetHopModel(hop.network, from, to, hop.model);
                }
            }
        }
    }
}

std::string
DnnLinkCalibration::Json(const DnnCalibrationResult& result, const DnnPlatform& platform)
{
    nlohmann::ordered_json json;
    json["method"] = "ns-3 probes one at a time, fresh TCP connection per message, time from "
                     "connect to last byte; fit fixed + bytes / rate by least squares";
    json["version"] = VERSION;
    json["key"] = result.key;
    json["networks"] = nlohmann::ordered_json::array();
    for (uint32_t k : result.networks)
    {
        json["networks"].push_back(platform.Networks().at(k).name);
    }
    json["hops"] = nlohmann::ordered_json::array();
    for (const auto& hop : result.hops)
    {
        nlohmann::ordered_json entry;
        const DnnNetwork& network = platform.Networks().at(hop.network);
        entry["network"] = network.name;
        entry["from"] = platform.Device(hop.from).name;
        entry["to"] = platform.Device(hop.to).name;
        entry["applies_to"] = hop.representative ? "every ordered pair of members" : "this hop";
        entry["sizes"] = hop.sizes;
        entry["times_s"] = hop.times;
        entry["fixed_s"] = hop.model.fixed;
        entry["rate_Bps"] = hop.model.rate;
        entry["nominal_delay_s"] = hop.nominal.fixed;
        entry["nominal_rate_Bps"] = hop.nominal.rate;
        entry["rate_share"] = hop.model.rate / hop.nominal.rate;
        json["hops"].push_back(entry);
    }
    json["simulated_s"] = result.simulatedTime;
    json["events"] = result.events;
    json["cached"] = result.cached;
    json["cache_file"] = result.cacheFile;
    json["measure_wall_clock_s"] = result.measureWallClock;
    json["wall_clock_s"] = result.wallClock;
    return json.dump(1) + "\n";
}

DnnCalibrationResult
DnnLinkCalibration::CalibrateScenario(DnnScenario& scenario, const std::string& cacheDir)
{
    DnnLinkCalibration calibration;
    calibration.SetSeed(scenario.seed, scenario.run);
    calibration.SetCacheDirectory(cacheDir);
    DnnCalibrationResult result = calibration.Measure(scenario.platform, scenario.calibrated);
    Apply(result, scenario.platform);
    return result;
}

} // namespace ns3
