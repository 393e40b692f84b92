/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
/**
 * \file
 * Unit tests of DnnScenarioReader and the unit parsers: a full valid scenario (group
 * expansion, profiles, networks and their default Wi-Fi rates, requests, partitioning,
 * schedulers and their attributes, simulation options), Poisson arrivals, and a table of
 * malformed scenarios, each checking the file, the exact JSON path and the message.
 */

#include "dnn-test-util.h"
#include "ns3/dnn-experiment.h"
#include "ns3/dnn-input-error.h"
#include "ns3/dnn-output-files.h"
#include "ns3/dnn-scenario-reader.h"
#include "ns3/dnn-units.h"

#include "ns3/double.h"
#include "ns3/uinteger.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

using namespace ns3;
using nlohmann::json;

namespace
{

/** File name passed to the reader; every error must name it. */
const std::string FILE_NAME = "scenarios/test.json";

/** The folder the zoo models are looked up in. */
std::string
ScenarioDir()
{
    return std::string(DNN_SOURCE_DIR) + "/scenarios";
}

/** Read a scenario from a JSON document, models from the zoo. */
DnnScenario
Read(const json& doc)
{
    return DnnScenarioReader::ReadText(doc.dump(), FILE_NAME, ScenarioDir());
}

/** Index of a device by name (fails the test when missing). */
uint32_t
Device(const DnnScenario& scenario, const std::string& name)
{
    const uint32_t index = scenario.platform.FindDevice(name);
    EXPECT_NE(index, DnnNetwork::NONE) << name;
    return index;
}

/** Device names of a network's members, in order. */
std::vector<std::string>
MemberNames(const DnnScenario& scenario, const DnnNetwork& network)
{
    std::vector<std::string> names;
    for (uint32_t member : network.members)
    {
        names.push_back(scenario.platform.Device(member).name);
    }
    return names;
}

/** The scenario of the full test, in the README's style. */
const char* FULL_SCENARIO = R"({
  "name": "smart-home",
  "description": "three cameras, two phones, a hub, an edge server and the cloud",
  "seed": 7,
  "run": 3,
  "profiles": {
    "rpi4": {"memory": "4GiB"},
    "phone": {"base": "rpi4", "speed": "12GFLOPS", "source": "our measurement"},
    "npu": {"speed": "20GFLOPS", "memory": "1GiB", "idle_power": "500mW", "busy_power": "3W",
            "tx_power": "0.5W", "radio_idle_power": "0.2W", "radio_rx_power": "300mW",
            "cores": 2, "source": "datasheet"}
  },
  "devices": [
    {"name": "edge", "profile": "edge-server", "role": "edge"},
    {"name": "camera", "profile": "rpi4", "role": "iot", "position": [5, 0], "count": 3,
     "spacing": [0, 2, 0]},
    {"name": "phone", "profile": "phone", "role": "iot", "position": [-1, -2, 1.5], "count": 2},
    {"name": "hub", "profile": "npu", "role": "helper", "position": [0, 10, 0]},
    {"name": "cloud", "profile": "cloud-server", "role": "cloud"}
  ],
  "networks": [
    {"name": "wlan", "type": "wifi", "access_point": "edge", "members": ["camera", "phone"]},
    {"name": "wlan6", "type": "wifi", "access_point": "hub", "members": ["camera-1"],
     "standard": "80211ax", "channel_width": "80MHz", "rate_manager": "constant", "mcs": 5,
     "efficiency": 0.6},
    {"name": "lan", "type": "csma", "members": ["edge", "hub"], "data_rate": "1Gbps",
     "delay": "6560ns", "efficiency": 0.8},
    {"name": "wan", "type": "p2p", "members": ["edge", "cloud"], "data_rate": "50Mbps",
     "delay": "20ms"}
  ],
  "planner": {"efficiency": 0.959},
  "workload": {
    "partitioning": "piecewise",
    "pieces": 2,
    "element_bytes": 2,
    "requests": [
      {"device": "camera", "model": "alexnet", "deadline": "500ms", "count": 2,
       "arrivals": {"type": "periodic", "start": "0s", "period": "1s"}},
      {"device": "phone-1", "model": "models/resnet18.json",
       "arrivals": {"type": "explicit", "times": ["150ms", "0.5s"]}},
      {"device": "camera-2", "model": "mobilenet_v2", "count": 1,
       "arrivals": {"type": "periodic", "start": "250ms", "period": "2s"}}
    ]
  },
  "schedulers": [
    "heft",
    {"name": "psoga", "label": "psoga-fast",
     "attributes": {"Iterations": 50, "Seed": 3, "InertiaStart": 0.7}},
    {"name": "ns3::PeftScheduler"},
    {"name": "heft", "network_model": "shared"},
    {"name": "heft", "network_model": "contention-free", "label": "heft-free"},
    {"name": "heft", "calibrated": true},
    {"name": "peft", "network_model": "shared", "calibrated": false}
  ],
  "simulation": {"stop_time": "2min", "netanim": true, "netanim_max_packets": 5000,
                 "netanim_energy": true,
                 "flowmon": false, "pcap": true}
})";

TEST(ScenarioReaderTest, FullScenarioIsResolved)
{
    const DnnScenario s = DnnScenarioReader::ReadText(FULL_SCENARIO, FILE_NAME, ScenarioDir());
    EXPECT_EQ(s.file, FILE_NAME);
    EXPECT_EQ(s.name, "smart-home");
    EXPECT_EQ(s.description, "three cameras, two phones, a hub, an edge server and the cloud");
    EXPECT_EQ(s.seed, 7U);
    EXPECT_EQ(s.run, 3U);

    // Devices: groups expanded in place, replicas spaced.
    const std::vector<std::string> names = {"edge",    "camera-1", "camera-2", "camera-3",
                                            "phone-1", "phone-2",  "hub",      "cloud"};
    ASSERT_EQ(s.platform.DeviceCount(), names.size());
    for (uint32_t d = 0; d < names.size(); ++d)
    {
        EXPECT_EQ(s.platform.Device(d).name, names[d]);
    }
    for (uint32_t i = 0; i < 3; ++i)
    {
        const DnnDevice& camera = s.platform.Device(1 + i);
        EXPECT_EQ(camera.x, 5.0);
        EXPECT_EQ(camera.y, 2.0 * i);
        EXPECT_EQ(camera.z, 0.0);
        EXPECT_EQ(camera.role, DnnDeviceRole::Iot);
    }
    const DnnDevice& phone2 = s.platform.Device(Device(s, "phone-2"));
    EXPECT_EQ(phone2.x, -1.0);
    EXPECT_EQ(phone2.y, -2.0);
    EXPECT_EQ(phone2.z, 1.5);
    EXPECT_EQ(s.platform.Device(Device(s, "edge")).x, 0.0);
    EXPECT_EQ(s.platform.Device(Device(s, "hub")).role, DnnDeviceRole::Helper);
    EXPECT_EQ(s.platform.Device(Device(s, "cloud")).role, DnnDeviceRole::Cloud);
    EXPECT_EQ(s.platform.Device(Device(s, "edge")).role, DnnDeviceRole::Edge);

    // Profiles: an overridden built-in, one based on it, a new one, untouched built-ins.
    const double gib = 1024.0 * 1024.0 * 1024.0;
    const DnnDeviceProfile* rpi4 = DnnDeviceProfile::FindBuiltin("rpi4");
    const DnnDeviceProfile& camera = s.platform.Device(Device(s, "camera-1")).profile;
    EXPECT_EQ(camera.name, "rpi4");
    EXPECT_EQ(camera.memory, 4 * gib);
    EXPECT_EQ(camera.flops, rpi4->flops);
    EXPECT_EQ(camera.busyPower, rpi4->busyPower);
    EXPECT_EQ(camera.source, rpi4->source);
    const DnnDeviceProfile& phone = s.platform.Device(Device(s, "phone-1")).profile;
    EXPECT_EQ(phone.name, "phone");
    EXPECT_EQ(phone.flops, 12e9);
    EXPECT_EQ(phone.memory, 4 * gib); // from the overridden rpi4
    EXPECT_EQ(phone.idlePower, rpi4->idlePower);
    EXPECT_EQ(phone.source, "our measurement");
    const DnnDeviceProfile& npu = s.platform.Device(Device(s, "hub")).profile;
    EXPECT_EQ(npu.name, "npu");
    EXPECT_EQ(npu.flops, 20e9);
    EXPECT_EQ(npu.cores, 2U);
    EXPECT_EQ(npu.memory, gib);
    EXPECT_EQ(npu.idlePower, 0.5);
    EXPECT_EQ(npu.busyPower, 3.0);
    EXPECT_EQ(npu.txPower, 0.5);
    EXPECT_EQ(npu.RadioIdlePower(), 0.2);
    EXPECT_EQ(npu.RadioRxPower(), 0.3);
    // Not given: derived from the transmit power, as rpi4's.
    EXPECT_EQ(phone.RadioIdlePower(), rpi4->RadioIdlePower());
    EXPECT_DOUBLE_EQ(phone.RadioRxPower(), rpi4->txPower * 0.313 / 0.38);
    EXPECT_EQ(npu.source, "datasheet");
    const DnnDeviceProfile& edge = s.platform.Device(Device(s, "edge")).profile;
    EXPECT_EQ(edge.flops, DnnDeviceProfile::FindBuiltin("edge-server")->flops);
    EXPECT_EQ(edge.memory, DnnDeviceProfile::FindBuiltin("edge-server")->memory);

    // Networks.
    const auto& networks = s.platform.Networks();
    ASSERT_EQ(networks.size(), 4U);
    const DnnNetwork& wlan = networks[0];
    EXPECT_EQ(wlan.name, "wlan");
    EXPECT_EQ(wlan.kind, DnnNetworkKind::Wifi);
    EXPECT_EQ(wlan.accessPoint, Device(s, "edge"));
    EXPECT_EQ(MemberNames(s, wlan), (std::vector<std::string>{"edge", "camera-1", "camera-2",
                                                              "camera-3", "phone-1", "phone-2"}));
    EXPECT_EQ(wlan.wifiStandard, "80211ac");
    EXPECT_EQ(wlan.channelWidth, 20U);
    EXPECT_EQ(wlan.rateManager, "ideal");
    EXPECT_EQ(wlan.dataRate, 78e6); // VHT, 20 MHz, MCS 8 (no MCS 9 at 20 MHz), 800 ns GI
    EXPECT_EQ(wlan.delay, 0.0);
    EXPECT_EQ(wlan.efficiency, 0.0);
    const DnnNetwork& wlan6 = networks[1];
    EXPECT_EQ(wlan6.accessPoint, Device(s, "hub"));
    EXPECT_EQ(MemberNames(s, wlan6), (std::vector<std::string>{"hub", "camera-1"}));
    EXPECT_EQ(wlan6.wifiStandard, "80211ax");
    EXPECT_EQ(wlan6.channelWidth, 80U);
    EXPECT_EQ(wlan6.rateManager, "constant");
    EXPECT_EQ(wlan6.mcs, 5U);
    EXPECT_EQ(wlan6.dataRate, 288.2e6); // HE, 80 MHz, MCS 5, 800 ns GI
    EXPECT_EQ(wlan6.efficiency, 0.6);
    const DnnNetwork& lan = networks[2];
    EXPECT_EQ(lan.kind, DnnNetworkKind::Csma);
    EXPECT_EQ(MemberNames(s, lan), (std::vector<std::string>{"edge", "hub"}));
    EXPECT_EQ(lan.dataRate, 1e9);
    EXPECT_EQ(lan.delay, 6560e-9);
    EXPECT_EQ(lan.efficiency, 0.8);
    EXPECT_EQ(lan.accessPoint, DnnNetwork::NONE);
    const DnnNetwork& wan = networks[3];
    EXPECT_EQ(wan.kind, DnnNetworkKind::P2p);
    EXPECT_EQ(MemberNames(s, wan), (std::vector<std::string>{"edge", "cloud"}));
    EXPECT_EQ(wan.dataRate, 50e6);
    EXPECT_EQ(wan.delay, 0.02);
    EXPECT_EQ(s.platform.PlanningEfficiency(), 0.959);

    // Partitioning.
    EXPECT_EQ(s.partition.mode, DnnPartitionMode::PieceWise);
    EXPECT_EQ(s.partition.pieces, 2U);
    EXPECT_EQ(s.partition.elementBytes, 2U);

    // Requests: 3 cameras x 2 + 2 explicit + 1, ordered by time, ties by entry then replica.
    struct Expected
    {
        std::string device;
        std::string model;
        double time;
        double deadline;
    };
    const std::vector<Expected> expected = {
        {"camera-1", "alexnet", 0.0, 0.5},     {"camera-2", "alexnet", 0.0, 0.5},
        {"camera-3", "alexnet", 0.0, 0.5},     {"phone-1", "resnet18", 0.15, 0},
        {"camera-2", "mobilenet_v2", 0.25, 0}, {"phone-1", "resnet18", 0.5, 0},
        {"camera-1", "alexnet", 1.0, 0.5},     {"camera-2", "alexnet", 1.0, 0.5},
        {"camera-3", "alexnet", 1.0, 0.5},
    };
    ASSERT_EQ(s.requests.size(), expected.size());
    ASSERT_EQ(s.deadlines.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i)
    {
        SCOPED_TRACE(i);
        EXPECT_EQ(s.requests[i].id, i);
        EXPECT_EQ(s.requests[i].device, expected[i].device);
        EXPECT_EQ(s.requests[i].model->Name(), expected[i].model);
        EXPECT_EQ(s.requests[i].releaseTime, expected[i].time); // exactly
        EXPECT_EQ(s.deadlines[i], expected[i].deadline);
    }
    // Models are loaded once per file.
    EXPECT_EQ(s.requests[0].model.get(), s.requests[8].model.get());
    EXPECT_EQ(s.requests[3].model.get(), s.requests[5].model.get());

    // The workload (the next stage's): graph and problem agree with the platform.
    const DnnWorkload w = DnnScenarioReader::BuildWorkload(s);
    EXPECT_GT(w.graph.TaskCount(), 9U * 3);
    EXPECT_EQ(w.problem.TaskCount(), w.graph.TaskCount());
    EXPECT_EQ(w.problem.ProcessorCount(), s.platform.DeviceCount());
    EXPECT_EQ(w.problem.RequestCount(), 9U);

    // Schedulers, in file order, attributes applied by Create().
    ASSERT_EQ(s.schedulers.size(), 7U);
    // Calibrated hop models: by default under the shared model only.
    EXPECT_FALSE(s.schedulers[0].calibrated);
    EXPECT_TRUE(s.schedulers[3].calibrated);
    EXPECT_EQ(s.schedulers[5].label, "heft-calibrated");
    EXPECT_TRUE(s.schedulers[5].calibrated);
    EXPECT_EQ(s.schedulers[6].label, "peft-shared-nominal");
    EXPECT_FALSE(s.schedulers[6].calibrated);
    EXPECT_EQ(s.schedulers[0].name, "heft");
    EXPECT_EQ(s.schedulers[0].networkModel, DnnNetworkModel::ContentionFree);
    // The same scheduler under the shared-medium model, labelled apart by default.
    EXPECT_EQ(s.schedulers[3].name, "heft");
    EXPECT_EQ(s.schedulers[3].label, "heft-shared");
    EXPECT_EQ(s.schedulers[3].networkModel, DnnNetworkModel::Shared);
    EXPECT_EQ(s.schedulers[4].label, "heft-free");
    EXPECT_EQ(s.schedulers[4].networkModel, DnnNetworkModel::ContentionFree);
    // The workload's problem carries the platform's media for either model.
    EXPECT_EQ(w.problem.MediumCount(), s.platform.MediumCount());
    EXPECT_EQ(s.schedulers[0].label, "heft");
    EXPECT_TRUE(s.schedulers[0].attributes.empty());
    EXPECT_EQ(s.schedulers[1].name, "psoga");
    EXPECT_EQ(s.schedulers[1].label, "psoga-fast");
    EXPECT_EQ(s.schedulers[1].attributes.size(), 3U);
    EXPECT_EQ(s.schedulers[2].label, "ns3::PeftScheduler");
    EXPECT_EQ(s.schedulers[0].Create()->GetInstanceTypeId().GetName(), "ns3::DnnHeftScheduler");
    EXPECT_EQ(s.schedulers[2].Create()->GetInstanceTypeId().GetName(), "ns3::DnnPeftScheduler");
    const Ptr<DnnScheduler> psoga = s.schedulers[1].Create();
    EXPECT_EQ(psoga->GetInstanceTypeId().GetName(), "ns3::DnnPsoGaScheduler");
    UintegerValue iterations;
    psoga->GetAttribute("Iterations", iterations);
    EXPECT_EQ(iterations.Get(), 50U);
    UintegerValue seed;
    psoga->GetAttribute("Seed", seed);
    EXPECT_EQ(seed.Get(), 3U);
    DoubleValue inertia;
    psoga->GetAttribute("InertiaStart", inertia);
    EXPECT_EQ(inertia.Get(), 0.7);

    // Simulation options.
    EXPECT_EQ(s.stopTime, 120.0);
    EXPECT_TRUE(s.netanim);
    EXPECT_FALSE(s.netanimAll); // true: the first scheduler's run only
    EXPECT_EQ(s.netanimMaxPackets, 5000U);
    EXPECT_TRUE(s.netanimEnergy);
    EXPECT_FALSE(s.flowmon);
    EXPECT_TRUE(s.pcap);
}

/** The first ```jsonc block of scenarios/README.md, its // comments removed. */
std::string
ReadmeExample()
{
    std::ifstream in(ScenarioDir() + "/README.md");
    std::stringstream all;
    all << in.rdbuf();
    const std::string text = all.str();
    const std::string open = "```jsonc\n";
    const auto begin = text.find(open);
    const auto end = text.find("```", begin + open.size());
    if (begin == std::string::npos || end == std::string::npos)
    {
        return "";
    }
    const std::string block = text.substr(begin + open.size(), end - begin - open.size());
    std::string json;
    bool inString = false;
    for (std::size_t i = 0; i < block.size(); ++i)
    {
        const char c = block[i];
        if (inString)
        {
            json += c;
            if (c == '\\' && i + 1 < block.size())
            {
                json += block[++i];
            }
            else if (c == '"')
            {
                inString = false;
            }
        }
        else if (c == '/' && i + 1 < block.size() && block[i + 1] == '/')
        {
            while (i < block.size() && block[i] != '\n')
            {
                ++i;
            }
            json += '\n';
        }
        else
        {
            inString = c == '"';
            json += c;
        }
    }
    return json;
}

TEST(ScenarioReaderTest, ReadmeExampleIsValid)
{
    const std::string text = ReadmeExample();
    ASSERT_FALSE(text.empty()) << "no ```jsonc block in scenarios/README.md";
    const DnnScenario s = DnnScenarioReader::ReadText(text, "scenarios/README.md", ScenarioDir());
    EXPECT_EQ(s.name, "smart-home");
    EXPECT_EQ(s.platform.DeviceCount(), 1U + 6 + 2 + 1 + 1);
    EXPECT_EQ(s.platform.Device(s.platform.FindDevice("camera-6")).y, 10.0);
    ASSERT_EQ(s.platform.Networks().size(), 4U);
    EXPECT_EQ(s.platform.Networks()[0].dataRate, 78e6);
    EXPECT_EQ(s.platform.Networks()[1].dataRate, 172.1e6);
    EXPECT_EQ(s.requests.size(), 6U * 5 + 3 + 2);
    EXPECT_EQ(s.schedulers.size(), 3U);
}

TEST(ScenarioReaderTest, DefaultsOfAMinimalScenario)
{
    const json doc = json::parse(R"({
      "name": "one",
      "devices": [{"name": "pi", "profile": "rpi4", "role": "iot"}],
      "networks": [],
      "workload": {"requests": [{"device": "pi", "model": "alexnet", "count": 1,
                                 "arrivals": {"type": "periodic", "period": "1s"}}]},
      "schedulers": ["local"]
    })");
    const DnnScenario s = Read(doc);
    EXPECT_EQ(s.description, "");
    EXPECT_EQ(s.seed, 1U);
    EXPECT_EQ(s.run, 1U);
    EXPECT_EQ(s.platform.DeviceCount(), 1U);
    EXPECT_EQ(s.platform.Device(0).x, 0.0);
    EXPECT_EQ(s.platform.Device(0).profile.memory, DnnDeviceProfile::FindBuiltin("rpi4")->memory);
    EXPECT_EQ(s.platform.PlanningEfficiency(), 1.0);
    EXPECT_EQ(s.partition.mode, DnnPartitionMode::LayerWise);
    EXPECT_EQ(s.partition.elementBytes, 0U);
    ASSERT_EQ(s.requests.size(), 1U);
    EXPECT_EQ(s.requests[0].releaseTime, 0.0);
    EXPECT_EQ(s.deadlines[0], 0.0);
    EXPECT_EQ(s.stopTime, 60.0);
    EXPECT_FALSE(s.netanim);
    EXPECT_EQ(s.netanimMaxPackets, 0U); // the simulation's default
    EXPECT_FALSE(s.netanimEnergy);
    EXPECT_TRUE(s.flowmon);
    EXPECT_FALSE(s.pcap);
    EXPECT_EQ(s.horizon, 0.0);
    const DnnWorkload w = DnnScenarioReader::BuildWorkload(s);
    EXPECT_EQ(w.graph.TaskCount(), w.problem.TaskCount());
    EXPECT_GT(w.graph.TaskCount(), 0U);

    // The caller's seed and run replace the file's.
    const DnnScenario t = DnnScenarioReader::ReadText(doc.dump(), FILE_NAME, ScenarioDir(), 11, 4);
    EXPECT_EQ(t.seed, 11U);
    EXPECT_EQ(t.run, 4U);

    // "netanim": "all" animates every scheduler's run, true the first's.
    json all = doc;
    all["simulation"] = {{"netanim", "all"}};
    const DnnScenario a = Read(all);
    EXPECT_TRUE(a.netanim);
    EXPECT_TRUE(a.netanimAll);
}

TEST(ScenarioReaderTest, ReadFileLooksUpModelsNextToTheFile)
{
    const auto dir = std::filesystem::temp_directory_path() /
                     ("dnn-scenario-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir / "models");
    std::filesystem::copy_file(ScenarioDir() + "/models/alexnet.json", dir / "models" / "mine.json",
                               std::filesystem::copy_options::overwrite_existing);
    const std::string file = (dir / "s.json").string();
    {
        std::ofstream out(file);
        out << R"({"name": "f", "devices": [{"name": "pi", "profile": "rpi4", "role": "iot"}],
                   "networks": [], "schedulers": ["heft"],
                   "workload": {"requests": [{"device": "pi", "model": "mine",
                                "arrivals": {"type": "explicit", "times": ["1s"]}}]}})";
    }
    const DnnScenario s = DnnScenarioReader::ReadFile(file);
    EXPECT_EQ(s.file, file);
    ASSERT_EQ(s.requests.size(), 1U);
    EXPECT_EQ(s.requests[0].model->Name(), "alexnet");
    EXPECT_EQ(s.requests[0].releaseTime, 1.0);
    EXPECT_TRUE(test::ThrowsInputError([&]() { DnnScenarioReader::ReadFile(file + ".missing"); },
                                       "", "cannot open the file", file + ".missing"));
    std::filesystem::remove_all(dir);
}

/** A scenario with one tiny model and Poisson arrivals of a group of two devices. */
std::string
PoissonScenario(uint32_t count)
{
    return R"({
      "name": "poisson",
      "seed": 5,
      "devices": [{"name": "cam", "profile": "rpi4", "role": "iot", "count": 2},
                  {"name": "edge", "profile": "edge-server", "role": "edge"}],
      "networks": [{"name": "lan", "type": "csma", "members": ["cam", "edge"],
                    "data_rate": "100Mbps"}],
      "workload": {"requests": [{"device": "cam", "model": "tiny.json", "count": )" +
           std::to_string(count) + R"(,
        "arrivals": {"type": "poisson", "start": "1s", "mean_interval": "500ms"}}]},
      "schedulers": ["heft"]
    })";
}

/** Release times of one device's requests, in id order. */
std::vector<double>
TimesOf(const DnnScenario& scenario, const std::string& device)
{
    std::vector<double> times;
    for (const DnnRequest& request : scenario.requests)
    {
        if (request.device == device)
        {
            times.push_back(request.releaseTime);
        }
    }
    return times;
}

TEST(ScenarioReaderTest, PoissonArrivalsAreReproducibleAndHaveTheirMean)
{
    const auto dir =
        std::filesystem::temp_directory_path() / ("dnn-poisson-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    {
        std::ofstream out(dir / "tiny.json");
        out << R"({"name": "tiny", "input": {"shape": [8]},
                   "layers": [{"name": "fc", "type": "linear", "out_features": 2}]})";
    }
    const uint32_t n = 2000;
    const std::string text = PoissonScenario(n);
    const auto read = [&](std::optional<uint32_t> seed, std::optional<uint32_t> run)
    {
        return DnnScenarioReader::ReadText(text, FILE_NAME, dir.string(), seed, run);
    };
    const DnnScenario a = read({}, {});
    const DnnScenario b = read({}, {});
    const DnnScenario c = read({}, 2);
    const DnnScenario d = read(6, {});
    std::filesystem::remove_all(dir);

    ASSERT_EQ(a.requests.size(), 2U * n);
    for (uint32_t i = 0; i < a.requests.size(); ++i)
    {
        EXPECT_EQ(a.requests[i].id, i);
        if (i > 0)
        {
            EXPECT_LE(a.requests[i - 1].releaseTime, a.requests[i].releaseTime);
        }
    }
    const auto a1 = TimesOf(a, "cam-1");
    const auto a2 = TimesOf(a, "cam-2");
    ASSERT_EQ(a1.size(), n);
    ASSERT_EQ(a2.size(), n);
    EXPECT_EQ(a1, TimesOf(b, "cam-1")); // same seed and run: the same arrivals
    EXPECT_EQ(a2, TimesOf(b, "cam-2"));
    EXPECT_NE(a1, a2);                  // each replica has its own stream
    EXPECT_NE(a1, TimesOf(c, "cam-1")); // another run: other arrivals
    EXPECT_NE(a1, TimesOf(d, "cam-1")); // another seed: other arrivals
    EXPECT_EQ(c.run, 2U);
    EXPECT_EQ(d.seed, 6U);
    for (const auto& times : {a1, a2, TimesOf(c, "cam-1")})
    {
        EXPECT_GT(times.front(), 1.0); // the first arrival is one gap after the start
        const double mean = (times.back() - 1.0) / n;
        EXPECT_NEAR(mean, 0.5, 0.05);
    }
}

TEST(ScenarioReaderTest, UnitParsersAcceptGoodValues)
{
    EXPECT_EQ(DnnParseDataRate("100Mbps"), 100e6);
    EXPECT_EQ(DnnParseDataRate("86.7Mbps"), 86.7e6);
    EXPECT_EQ(DnnParseDataRate("1 Gbps"), 1e9);
    EXPECT_EQ(DnnParseDataRate("5kbps"), 5e3);
    EXPECT_EQ(DnnParseDataRate("9600bps"), 9600.0);
    EXPECT_EQ(DnnParseDataRate("0Mbps"), 0.0);
    EXPECT_EQ(DnnParseTime("150ms"), 0.15);
    EXPECT_EQ(DnnParseTime("6560ns"), 6560e-9);
    EXPECT_EQ(DnnParseTime("20us"), 20e-6);
    EXPECT_EQ(DnnParseTime("1.5 s"), 1.5);
    EXPECT_EQ(DnnParseTime("0s"), 0.0);
    EXPECT_EQ(DnnParseTime("2min"), 120.0);
    EXPECT_EQ(DnnParseTime(".5s"), 0.5);
    EXPECT_EQ(DnnParseBytes("7B"), 7.0);
    EXPECT_EQ(DnnParseBytes("2kB"), 2e3);
    EXPECT_EQ(DnnParseBytes("1MB"), 1e6);
    EXPECT_EQ(DnnParseBytes("1.5GB"), 1.5e9);
    EXPECT_EQ(DnnParseBytes("512KiB"), 512.0 * 1024);
    EXPECT_EQ(DnnParseBytes("3 MiB"), 3.0 * 1024 * 1024);
    EXPECT_EQ(DnnParseBytes("4GiB"), 4.0 * 1024 * 1024 * 1024);
    EXPECT_EQ(DnnParsePower("500mW"), 0.5);
    EXPECT_EQ(DnnParsePower("2.5W"), 2.5);
    EXPECT_EQ(DnnParsePower("0 W"), 0.0);
    EXPECT_EQ(DnnParseFlops("100FLOPS"), 100.0);
    EXPECT_EQ(DnnParseFlops("3kFLOPS"), 3e3);
    EXPECT_EQ(DnnParseFlops("2MFLOPS"), 2e6);
    EXPECT_EQ(DnnParseFlops("12GFLOPS"), 12e9);
    EXPECT_EQ(DnnParseFlops("6.3GFLOP/s"), 6.3e9);
    EXPECT_EQ(DnnParseFlops("1.5 TFLOPS"), 1.5e12);
    EXPECT_EQ(DnnParseFlops("4TFLOP/s"), 4e12);
}

/** The message of the std::invalid_argument \p action throws ("" if none). */
std::string
ParseError(const std::function<double()>& action)
{
    try
    {
        action();
    }
    catch (const std::invalid_argument& e)
    {
        return e.what();
    }
    return "";
}

TEST(ScenarioReaderTest, UnitParsersRejectBadValuesWithExactMessages)
{
    struct Case
    {
        std::function<double(const std::string&)> parse;
        std::string text;
        std::string message;
    };
    const std::string rate = " is not a data rate (e.g. \"100Mbps\")";
    const std::string time = " is not a time (e.g. \"10ms\")";
    const std::string bytes = " is not an amount of data (e.g. \"4GiB\")";
    const std::string power = " is not a power (e.g. \"2.5W\")";
    const std::string flops = " is not a compute speed (e.g. \"10GFLOPS\")";
    const std::vector<Case> cases = {
        {DnnParseDataRate, "100Mbs", "\"100Mbs\"" + rate},
        {DnnParseDataRate, "100", "\"100\"" + rate},
        {DnnParseDataRate, "Mbps", "\"Mbps\"" + rate},
        {DnnParseDataRate, "-5Mbps", "\"-5Mbps\"" + rate},
        {DnnParseDataRate, "100mbps", "\"100mbps\"" + rate},
        {DnnParseDataRate, "1e3Mbps", "\"1e3Mbps\"" + rate},
        {DnnParseDataRate, "", "\"\"" + rate},
        {DnnParseTime, "5  ms", "\"5  ms\"" + time},
        {DnnParseTime, " 5ms", "\" 5ms\"" + time},
        {DnnParseTime, "5ms ", "\"5ms \"" + time},
        {DnnParseTime, "-1s", "\"-1s\"" + time},
        {DnnParseTime, "1.2.3s", "\"1.2.3s\"" + time},
        {DnnParseTime, "10sec", "\"10sec\"" + time},
        {DnnParseTime, "0x10s", "\"0x10s\"" + time},
        {DnnParseBytes, "4gib", "\"4gib\"" + bytes},
        {DnnParseBytes, "4KB", "\"4KB\"" + bytes},
        {DnnParseBytes, "4 G", "\"4 G\"" + bytes},
        {DnnParsePower, "5 mw", "\"5 mw\"" + power},
        {DnnParsePower, "5kW", "\"5kW\"" + power},
        {DnnParseFlops, "12 gflops", "\"12 gflops\"" + flops},
        {DnnParseFlops, "12GFLOP", "\"12GFLOP\"" + flops},
        {DnnParseFlops, "12GHz", "\"12GHz\"" + flops},
    };
    for (const Case& c : cases)
    {
        EXPECT_EQ(ParseError([&]() { return c.parse(c.text); }), c.message) << c.text;
    }
}

/** The valid base scenario the table of bad scenarios changes. */
json
BaseScenario()
{
    return json::parse(R"({
      "name": "base",
      "devices": [
        {"name": "edge", "profile": "edge-server", "role": "edge"},
        {"name": "cam", "profile": "rpi4", "role": "iot", "count": 2, "position": [5, 0]},
        {"name": "cloud", "profile": "cloud-server", "role": "cloud"}
      ],
      "networks": [
        {"name": "wlan", "type": "wifi", "access_point": "edge", "members": ["cam"]},
        {"name": "wan", "type": "p2p", "members": ["edge", "cloud"], "data_rate": "50Mbps",
         "delay": "20ms"}
      ],
      "workload": {
        "requests": [
          {"device": "cam", "model": "alexnet", "count": 1,
           "arrivals": {"type": "periodic", "start": "0s", "period": "1s"}}
        ]
      },
      "schedulers": ["heft", {"name": "psoga", "attributes": {"Iterations": 5}}]
    })");
}

TEST(ScenarioReaderTest, GroupCyclesThroughAListOfProfiles)
{
    // The seed's helper order: Raspberry Pi, Raspberry Pi, Jetson TX2, repeating; 7 helpers
    // are rpi4, rpi4, tx2, rpi4, rpi4, tx2, rpi4.
    json doc = BaseScenario();
    doc["devices"][1]["profile"] = {"rpi4", "rpi4", "jetson-tx2"};
    doc["devices"][1]["count"] = 7;
    const DnnScenario s = Read(doc);
    const std::vector<std::string> expected = {"rpi4", "rpi4",       "jetson-tx2", "rpi4",
                                               "rpi4", "jetson-tx2", "rpi4"};
    for (std::size_t i = 0; i < expected.size(); ++i)
    {
        const std::string name = "cam-" + std::to_string(i + 1);
        const uint32_t d = s.platform.FindDevice(name);
        ASSERT_NE(d, DnnNetwork::NONE) << name;
        EXPECT_EQ(s.platform.Device(d).profile.name, expected[i]) << name;
    }
}

TEST(ScenarioReaderTest, BaseScenarioIsValid)
{
    const DnnScenario s = Read(BaseScenario());
    EXPECT_EQ(s.platform.DeviceCount(), 4U);
    EXPECT_EQ(s.requests.size(), 2U);
}

/** Calibration (DnnLinkCalibration) is for the networks whose efficiency nobody pinned: a
 *  network's own "efficiency" pins it, "planner.efficiency" pins all, and
 *  "planner.calibration": false switches it off. */
TEST(ScenarioReaderTest, PinnedEfficienciesAreNotCalibrated)
{
    EXPECT_EQ(Read(BaseScenario()).calibrated, (std::vector<uint32_t>{0, 1}));
    json oneNetwork = BaseScenario();
    oneNetwork["networks"][0]["efficiency"] = 0.6;
    EXPECT_EQ(Read(oneNetwork).calibrated, (std::vector<uint32_t>{1}));
    json allNetworks = BaseScenario();
    allNetworks["planner"]["efficiency"] = 0.9;
    EXPECT_TRUE(Read(allNetworks).calibrated.empty());
    json off = BaseScenario();
    off["planner"]["calibration"] = false;
    EXPECT_TRUE(Read(off).calibrated.empty());
    json on = BaseScenario();
    on["planner"]["calibration"] = true;
    EXPECT_EQ(Read(on).calibrated, (std::vector<uint32_t>{0, 1}));
}

/** Schedulers by TypeId name: the current ones and the old ones from before the Dnn prefix
 *  (DnnScheduler::CanonicalTypeName), with attributes; the label is the name as written. */
TEST(ScenarioReaderTest, SchedulersByOldAndNewTypeIdNames)
{
    json doc = BaseScenario();
    doc["schedulers"] = json::array(
        {"ns3::HeftScheduler",
         "ns3::DnnHeftScheduler",
         {{"name", "ns3::PsoGaScheduler"}, {"attributes", {{"Iterations", 5}}}},
         {{"name", "ns3::RandomScheduler"}, {"label", "rnd"}, {"attributes", {{"Seed", 9}}}}});
    const DnnScenario s = Read(doc);
    ASSERT_EQ(s.schedulers.size(), 4U);
    EXPECT_EQ(s.schedulers[0].label, "ns3::HeftScheduler");
    EXPECT_EQ(s.schedulers[0].Create()->GetInstanceTypeId().GetName(), "ns3::DnnHeftScheduler");
    EXPECT_EQ(s.schedulers[1].label, "ns3::DnnHeftScheduler");
    EXPECT_EQ(s.schedulers[1].Create()->GetInstanceTypeId().GetName(), "ns3::DnnHeftScheduler");
    const Ptr<DnnScheduler> psoga = s.schedulers[2].Create();
    EXPECT_EQ(psoga->GetInstanceTypeId().GetName(), "ns3::DnnPsoGaScheduler");
    UintegerValue iterations;
    psoga->GetAttribute("Iterations", iterations);
    EXPECT_EQ(iterations.Get(), 5U);
    const Ptr<DnnScheduler> random = s.schedulers[3].Create();
    EXPECT_EQ(random->GetInstanceTypeId().GetName(), "ns3::DnnRandomScheduler");
    UintegerValue seed;
    random->GetAttribute("Seed", seed);
    EXPECT_EQ(seed.Get(), 9U);

    // A bad attribute of a scheduler named the old way names the scheduler's TypeId.
    doc["schedulers"] =
        json::array({{{"name", "ns3::PsoGaScheduler"}, {"attributes", {{"Particle", 4}}}}});
    EXPECT_TRUE(test::ThrowsInputError([&]() { Read(doc); }, "/schedulers/0/attributes/Particle",
                                       "no attribute \"Particle\" on ns3::DnnPsoGaScheduler "
                                       "(did you mean \"Particles\"?)",
                                       FILE_NAME));
}

/** Names that name files: the scenario's (the results folder, and ".NAME.partial-PID"
 *  beside it) and the labels (a folder each in the results folder) are checked at load
 *  time against NAME_MAX and the names of the tool's own files. */
TEST(ScenarioReaderTest, NamesAndLabelsFitTheResultsFolder)
{
    // 255 - "." - ".partial-" - 10 digits of a pid.
    EXPECT_EQ(DnnResultsFolder::MaxScenarioNameBytes(), 235U);
    EXPECT_EQ(DnnResultsFolder::MaxLabelBytes(), 255U);
    EXPECT_EQ(DnnResultsFolder::PartialName(std::string(235, 'n'), 2147483647).size(), 255U);
    json doc = BaseScenario();
    doc["name"] = std::string(235, 'n');
    doc["schedulers"] = json::array({{{"name", "heft"}, {"label", std::string(255, 'l')}}, "cpop"});
    const DnnScenario s = Read(doc);
    EXPECT_EQ(s.name.size(), 235U);
    EXPECT_EQ(s.schedulers[0].label.size(), 255U);

    doc["name"] = std::string(236, 'n');
    EXPECT_TRUE(test::ThrowsInputError([&]() { Read(doc); }, "/name",
                                       "is 236 characters long; at most 235 (it names the "
                                       "results folder results/<name>",
                                       FILE_NAME));
    doc["name"] = "x";
    doc["schedulers"][0]["label"] = std::string(256, 'l');
    EXPECT_TRUE(test::ThrowsInputError(
        [&]() { Read(doc); }, "/schedulers/0/label",
        "is 256 characters long; at most 255 (it names the scheduler's folder", FILE_NAME));
    for (const std::string& file : DnnResultsFolder::FileNames())
    {
        if (file[0] == '.')
        {
            continue; // the marker: hidden, below
        }
        doc["schedulers"][0]["label"] = file;
        EXPECT_TRUE(test::ThrowsInputError(
            [&]() { Read(doc); }, "/schedulers/0/label",
            "\"" + file +
                "\" is the name of a file dnn-offload-run writes into the results "
                "folder (comparison.csv, comparison.json, comparison-summary.json, "
                "calibration.json, scenario.json, .dnn-offload-results); choose "
                "another label",
            FILE_NAME))
            << file;
    }
    doc["schedulers"][0]["label"] = ".dnn-offload-results";
    EXPECT_TRUE(test::ThrowsInputError([&]() { Read(doc); }, "/schedulers/0/label",
                                       "\".dnn-offload-results\" starts with '.'", FILE_NAME));
    doc["schedulers"][0]["label"] = "comparison.csv.d"; // near, but no clash
    EXPECT_EQ(Read(doc).schedulers[0].label, "comparison.csv.d");
    doc["name"] = ".calibration-cache";
    EXPECT_TRUE(test::ThrowsInputError([&]() { Read(doc); }, "/name",
                                       "\".calibration-cache\" starts with '.'", FILE_NAME));
    // A scenario named like an output file is fine: it names results/<name>, beside them.
    doc["name"] = "comparison.csv";
    EXPECT_EQ(Read(doc).name, "comparison.csv");
}

/** The comparison's idle power (planned_total_energy_j, energy_above_idle_j) is every
 *  device's idle power and every Wi-Fi radio's: edge 80 W + 2 x cam 5 W + cloud 80 W, and
 *  the radios of the edge (2 W) and of the two cams (0.5 W each) on the Wi-Fi network, not
 *  the cloud's (wired only): 173 W. */
TEST(ScenarioReaderTest, ComparisonIdlePowerCountsTheWifiRadios)
{
    json doc = BaseScenario();
    doc["profiles"] = {{"rpi4", {{"radio_idle_power", "0.5W"}}},
                       {"edge-server", {{"radio_idle_power", "2W"}}},
                       {"cloud-server", {{"radio_idle_power", "7W"}}}};
    const DnnScenario s = Read(doc);
    DnnExperimentOptions options;
    options.planOnly = true;
    const DnnComparisonRow row = DnnExperiment(s).Run(s.schedulers.at(0), options);
    EXPECT_DOUBLE_EQ(row.idlePower, 173.0);
}

/** A planning horizon keeps the requests and leaves the partitioning to the run's windows:
 *  the reader builds no workload (it never does: DnnScenario is configuration), and the
 *  experiment builds none up front (that would hold every request). */
TEST(ScenarioReaderTest, PlanningHorizonLeavesTheWorkloadToTheWindows)
{
    json doc = BaseScenario();
    doc["planner"] = {{"horizon", "250ms"}};
    doc["workload"]["requests"][0]["count"] = 50;
    const DnnScenario s = Read(doc);
    EXPECT_DOUBLE_EQ(s.horizon, 0.25);
    EXPECT_EQ(s.requests.size(), 100U);
    EXPECT_EQ(DnnExperiment(s).TaskCount(), 0U);
}

/** Issue 15: a million requests planned at once took over 3 GB and a minute before the
 *  first event; without a horizon the whole workload is one problem, so its task count is
 *  bounded (DnnRunLimits::MAX_TASKS_AT_ONCE); with one, each window is a problem. */
TEST(ScenarioReaderTest, TasksPlannedAtOnceAreBoundedWithoutAHorizon)
{
    json doc = BaseScenario();
    // Two cameras: AlexNet is 14 tasks layer-wise (dnn-offload-inspect --partition=
    // layerwise), so 2 x 35,714 requests are 999,992 tasks and one more each 1,000,020.
    doc["workload"]["requests"][0]["count"] = 35714;
    doc["simulation"]["stop_time"] = "40000s";
    EXPECT_EQ(Read(doc).requests.size(), 71428U);
    doc["workload"]["requests"][0]["count"] = 35715;
    EXPECT_TRUE(test::ThrowsInputError(
        [&]() { Read(doc); }, "/workload/requests",
        "71430 requests make 1000020 tasks, more than the 1000000 a plan can hold at once; give "
        "the planner a horizon (\"planner\": {\"horizon\": \"2s\"}) to plan window by window, "
        "or fewer requests",
        FILE_NAME));
    doc["planner"] = {{"horizon", "2s"}};
    EXPECT_EQ(Read(doc).requests.size(), 71430U);
}

TEST(ScenarioReaderTest, EdgesPlannedAtOnceAreBoundedWithoutAHorizon)
{
    // VGG-16 cut into 256 pieces: 135,987 edges a request (dnn-offload-inspect
    // --partition=piecewise:256), most between the pieces of its linear layers; 2 x 14
    // requests are 3,807,636 edges, 2 x 15 4,079,610, more than 4,000,000.
    json doc = BaseScenario();
    doc["workload"]["partitioning"] = "piecewise";
    doc["workload"]["pieces"] = 256;
    doc["workload"]["requests"][0]["model"] = "vgg16";
    doc["workload"]["requests"][0]["count"] = 14;
    EXPECT_EQ(Read(doc).requests.size(), 28U);
    doc["workload"]["requests"][0]["count"] = 15;
    EXPECT_TRUE(test::ThrowsInputError(
        [&]() { Read(doc); }, "/workload/requests",
        "30 requests make 4079610 edges, more than the 4000000 a plan can hold at once",
        FILE_NAME));
    doc["planner"] = {{"horizon", "2s"}};
    EXPECT_EQ(Read(doc).requests.size(), 30U);
    doc["workload"]["pieces"] = 257;
    EXPECT_TRUE(test::ThrowsInputError([&]() { Read(doc); }, "/workload/pieces",
                                       "must be between 1 and 256, got 257", FILE_NAME));
}

TEST(ScenarioReaderTest, DevicesAreBoundedInAll)
{
    json doc = BaseScenario();
    doc["devices"].push_back(
        {{"name", "more"}, {"profile", "rpi4"}, {"role", "iot"}, {"count", 1000}});
    EXPECT_TRUE(test::ThrowsInputError(
        [&]() { Read(doc); }, "/devices/3",
        "more than 1000 devices in all (1004 with this entry): planning and ns-3's routing grow "
        "with the square of the device count",
        FILE_NAME));
    doc["devices"][3]["count"] = 1001;
    EXPECT_TRUE(test::ThrowsInputError([&]() { Read(doc); }, "/devices/3/count",
                                       "must be between 0 and 1000, got 1001", FILE_NAME));
}

TEST(ScenarioReaderTest, RequestsOfOneModelCountItsWeightsOnceInTheMemoryCheck)
{
    // Two AlexNet requests: 488.8 MB of weights task by task, 244.4 MB held once, which fits
    // the 402 MB of all devices together (its largest task, 151 MB, fits a Pi's 200 MB).
    json doc = BaseScenario();
    doc["profiles"] = {{"rpi4", {{"memory", "200MB"}}},
                       {"edge-server", {{"memory", "1MB"}}},
                       {"cloud-server", {{"memory", "1MB"}}}};
    const DnnScenario s = Read(doc);
    ASSERT_EQ(s.requests.size(), 2U);
    const DnnWorkload w = DnnScenarioReader::BuildWorkload(s);
    EXPECT_TRUE(w.problem.SharesMemory());
    double held = 0;
    for (uint32_t g = 0; g < w.problem.MemoryGroupCount(); ++g)
    {
        held += w.problem.GroupMemory(g);
    }
    EXPECT_EQ(held, 244403360.0); // AlexNet's 61,100,840 fp32 parameters
}

TEST(ScenarioReaderTest, TwoModelFilesWithOneNameAreRejected)
{
    // Requests of one model name share its weights on a device: two files may not both be
    // called "alexnet".
    const auto dir = std::filesystem::temp_directory_path() /
                     ("dnn-model-name-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir / "models");
    for (const std::string name : {"alexnet", "mine"})
    {
        std::filesystem::copy_file(ScenarioDir() + "/models/alexnet.json",
                                   dir / "models" / (name + ".json"),
                                   std::filesystem::copy_options::overwrite_existing);
    }
    json doc = BaseScenario();
    doc["workload"]["requests"].push_back(doc["workload"]["requests"][0]);
    doc["workload"]["requests"][1]["model"] = "mine";
    const bool rejected = test::ThrowsInputError(
        [&]() { DnnScenarioReader::ReadText(doc.dump(), FILE_NAME, dir.string()); },
        "/workload/requests/1/model", "is named \"alexnet\" like", FILE_NAME);
    doc["workload"]["requests"][1]["model"] = "alexnet"; // the same file twice is fine
    const DnnScenario s = DnnScenarioReader::ReadText(doc.dump(), FILE_NAME, dir.string());
    std::filesystem::remove_all(dir);
    EXPECT_TRUE(rejected);
    EXPECT_EQ(s.requests.size(), 4U);
}

TEST(ScenarioReaderTest, SpeedByKindFillsKindFlopsAndIsInherited)
{
    // "fast": rpi4 with its own conv and linear speeds, its other kinds inherited; "faster":
    // based on "fast" with one speed (3 GFLOP/s) for every kind, which drops the inherited
    // kinds, then linear and pooling given again.
    json doc = BaseScenario();
    doc["profiles"] = {
        {"fast",
         {{"base", "rpi4"}, {"speed_by_kind", {{"conv", "12.5GFLOPS"}, {"linear", "2GFLOPS"}}}}},
        {"faster",
         {{"base", "fast"},
          {"speed", "3GFLOPS"},
          {"speed_by_kind", {{"linear", "4GFLOPS"}, {"pooling", "500MFLOPS"}}}}},
    };
    doc["devices"][0]["profile"] = "fast";
    doc["devices"][1]["profile"] = "faster";
    const DnnScenario s = Read(doc);
    const DnnDeviceProfile* rpi4 = DnnDeviceProfile::FindBuiltin("rpi4");
    const DnnDeviceProfile& fast = s.platform.Device(Device(s, "edge")).profile;
    const DnnDeviceProfile& faster = s.platform.Device(Device(s, "cam-1")).profile;
    const auto kind = [](DnnWorkKind k)
    {
        return static_cast<std::size_t>(k);
    };

    EXPECT_EQ(fast.flops, rpi4->flops);
    EXPECT_EQ(fast.kindFlops[kind(DnnWorkKind::Conv)], 12.5e9);
    EXPECT_EQ(fast.kindFlops[kind(DnnWorkKind::Linear)], 2e9);
    EXPECT_EQ(fast.Speed(DnnWorkKind::Conv), 12.5e9);
    for (DnnWorkKind k : {DnnWorkKind::GroupedConv, DnnWorkKind::Pooling, DnnWorkKind::Elementwise})
    {
        EXPECT_EQ(fast.kindFlops[kind(k)], rpi4->kindFlops[kind(k)]) << DnnWorkKindName(k);
        EXPECT_EQ(fast.Speed(k), rpi4->Speed(k)) << DnnWorkKindName(k);
    }

    EXPECT_EQ(faster.flops, 3e9);
    EXPECT_EQ(faster.kindFlops[kind(DnnWorkKind::Conv)], 0);      // "speed" dropped it
    EXPECT_EQ(faster.kindFlops[kind(DnnWorkKind::Linear)], 4e9);  // given again
    EXPECT_EQ(faster.kindFlops[kind(DnnWorkKind::Pooling)], 5e8); // given
    EXPECT_EQ(faster.kindFlops[kind(DnnWorkKind::GroupedConv)], 0);
    // 1 GFLOP of conv at 3 GFLOP/s and 1 GFLOP of pooling at 0.5 GFLOP/s: 1/3 s + 2 s.
    DnnWork work = DnnWork::Of(DnnWorkKind::Conv, 1000000000);
    work += DnnWork::Of(DnnWorkKind::Pooling, 1000000000);
    EXPECT_DOUBLE_EQ(faster.Seconds(work), 1.0 / 3 + 2.0);

    // An empty object changes nothing.
    doc["profiles"] = {{"same", {{"base", "rpi4"}, {"speed_by_kind", json::object()}}}};
    doc["devices"][1]["profile"] = "same";
    doc["devices"][0]["profile"] = "edge-server";
    const DnnScenario same = Read(doc);
    EXPECT_EQ(same.platform.Device(Device(same, "cam-1")).profile.kindFlops, rpi4->kindFlops);
}

/** One malformed scenario: how it differs from the base and what must be reported. */
struct BadCase
{
    std::string title;                 //!< what is wrong
    std::function<void(json&)> change; //!< edit of the base scenario
    std::string path;                  //!< expected JSON path
    std::string fragment;              //!< expected part of the message
};

TEST(ScenarioReaderTest, BadScenariosAreRejectedWithPathAndMessage)
{
    const json device = {{"name", "x"}, {"profile", "rpi4"}, {"role", "helper"}};
    const std::vector<BadCase> cases = {
        {"name of the wrong type", [](json& j) { j["name"] = 5; }, "/name", "must be a string"},
        {"name that is not a folder name", [](json& j) { j["name"] = "a/b"; }, "/name",
         "\"a/b\" is not a valid name"},
        {"name \"..\"", [](json& j) { j["name"] = ".."; }, "/name", "is not a valid name"},
        {"unknown top-level key", [](json& j) { j["simulaton"] = json::object(); }, "/simulaton",
         "unknown key \"simulaton\" (did you mean \"simulation\"?)"},
        {"missing key", [](json& j) { j.erase("workload"); }, "", "missing key \"workload\""},
        {"seed 0", [](json& j) { j["seed"] = 0; }, "/seed", "must be between 1 and 4294967295"},
        {"run as a string", [](json& j) { j["run"] = "2"; }, "/run", "must be an integer"},
        {"data rate typo", [](json& j) { j["networks"][1]["data_rate"] = "100Mbs"; },
         "/networks/1/data_rate", "\"100Mbs\" is not a data rate (e.g. \"100Mbps\")"},
        {"data rate as a number", [](json& j) { j["networks"][1]["data_rate"] = 100; },
         "/networks/1/data_rate", "must be a string with a unit (e.g. \"100Mbps\"), got 100"},
        {"zero data rate", [](json& j) { j["networks"][1]["data_rate"] = "0Mbps"; },
         "/networks/1/data_rate", "must be positive, got \"0Mbps\""},
        {"zero Wi-Fi data rate", [](json& j) { j["networks"][0]["data_rate"] = "0 Gbps"; },
         "/networks/0/data_rate", "must be positive"},
        {"p2p with three members",
         [](json& j) {
             j["networks"][1]["members"] = {"edge", "cloud", "cam-1"};
         },
         "/networks/1/members", "a p2p link joins exactly two devices, got 3 (edge, cloud, cam-1)"},
        {"p2p without delay", [](json& j) { j["networks"][1].erase("delay"); }, "/networks/1",
         "missing key \"delay\""},
        {"csma without data rate",
         [](json& j)
         {
             j["networks"][1]["type"] = "csma";
             j["networks"][1].erase("data_rate");
         },
         "/networks/1", "missing key \"data_rate\""},
        {"unknown network type", [](json& j) { j["networks"][1]["type"] = "ethernet"; },
         "/networks/1/type", "\"ethernet\" is not one of \"wifi\", \"csma\", \"p2p\""},
        {"Wi-Fi key on a p2p link", [](json& j) { j["networks"][1]["access_point"] = "edge"; },
         "/networks/1/access_point", "unknown key \"access_point\""},
        {"mcs without the constant rate manager", [](json& j) { j["networks"][0]["mcs"] = 3; },
         "/networks/0/mcs", "only with \"rate_manager\": \"constant\""},
        {"constant rate manager without mcs",
         [](json& j) { j["networks"][0]["rate_manager"] = "constant"; }, "/networks/0",
         "missing key \"mcs\" (the constant rate manager needs one)"},
        {"mcs out of range",
         [](json& j)
         {
             j["networks"][0]["rate_manager"] = "constant";
             j["networks"][0]["standard"] = "80211n";
             j["networks"][0]["mcs"] = 8;
         },
         "/networks/0/mcs", "must be between 0 and 7, got 8"},
        {"VHT MCS 9 at 20 MHz",
         [](json& j)
         {
             j["networks"][0]["rate_manager"] = "constant";
             j["networks"][0]["mcs"] = 9;
         },
         "/networks/0/mcs", "80211ac has no MCS 9 at 20 MHz"},
        {"160 MHz with 802.11n",
         [](json& j)
         {
             j["networks"][0]["standard"] = "80211n";
             j["networks"][0]["channel_width"] = "160MHz";
         },
         "/networks/0/channel_width", "80211n has no 160MHz channel"},
        {"rate manager typo", [](json& j) { j["networks"][0]["rate_manager"] = "minstrl"; },
         "/networks/0/rate_manager", "(did you mean \"minstrel\"?)"},
        {"efficiency 0", [](json& j) { j["networks"][1]["efficiency"] = 0; },
         "/networks/1/efficiency", "must be in (0, 1], got 0"},
        {"planner efficiency 1.5",
         [](json& j) {
             j["planner"] = {{"efficiency", 1.5}};
         },
         "/planner/efficiency", "must be between 0 and 1, got 1.5"},
        {"planner horizon 0",
         [](json& j) {
             j["planner"] = {{"horizon", "0s"}};
         },
         "/planner/horizon", "must be positive"},
        {"planner horizon typo",
         [](json& j) {
             j["planner"] = {{"horizn", "1s"}};
         },
         "/planner/horizn", "unknown key \"horizn\" (did you mean \"horizon\"?)"},
        {"horizon with replan",
         [](json& j)
         {
             j["planner"] = {{"horizon", "1s"}};
             j["simulation"] = {{"on_failure", "replan"}};
         },
         "/simulation/on_failure", "cannot be combined with rolling-horizon planning"},
        {"access point is a group", [](json& j) { j["networks"][0]["access_point"] = "cam"; },
         "/networks/0/access_point", "\"cam\" is a group of devices"},
        {"unknown access point", [](json& j) { j["networks"][0]["access_point"] = "egde"; },
         "/networks/0/access_point", "unknown device \"egde\" (did you mean \"edge\"?)"},
        {"unknown member", [](json& j) { j["networks"][1]["members"][1] = "clod"; },
         "/networks/1/members/1", "unknown device \"clod\" (did you mean \"cloud\"?)"},
        {"member listed twice",
         [](json& j) {
             j["networks"][0]["members"] = {"cam", "cam-2"};
         },
         "/networks/0/members/1", "device \"cam-2\" is already a member of this network"},
        {"duplicate network name", [](json& j) { j["networks"][1]["name"] = "wlan"; },
         "/networks/1/name", "duplicate network name \"wlan\""},
        {"no networks with several devices", [](json& j) { j["networks"] = json::array(); },
         "/networks", "must not be empty: there are 4 devices to connect"},
        {"device on no network", [=](json& j) { j["devices"].push_back(device); }, "/devices/3",
         "device \"x\" is on no network"},
        {"unreachable device",
         [=](json& j)
         {
             json y = device;
             y["name"] = "y";
             j["devices"].push_back(device);
             j["devices"].push_back(y);
             j["networks"].push_back({{"name", "island"},
                                      {"type", "csma"},
                                      {"members", {"x", "y"}},
                                      {"data_rate", "1Gbps"}});
         },
         "/networks", "cannot be reached"},
        {"duplicate device name",
         [=](json& j)
         {
             json e = device;
             e["name"] = "edge";
             j["devices"].push_back(e);
         },
         "/devices/3/name", "duplicate name: device \"edge\" is already used by /devices/0/name"},
        {"device named like a replica",
         [=](json& j)
         {
             json e = device;
             e["name"] = "cam-2";
             j["devices"].push_back(e);
         },
         "/devices/3/name", "\"cam-2\" is already used by /devices/1/name"},
        {"profile list on a single device",
         [](json& j) { j["devices"][0]["profile"] = {"edge-server"}; }, "/devices/0/profile",
         "a list of profiles needs a group (\"count\")"},
        {"empty profile list", [](json& j) { j["devices"][1]["profile"] = json::array(); },
         "/devices/1/profile", "must not be empty"},
        {"unknown profile in a list",
         [](json& j) {
             j["devices"][1]["profile"] = {"rpi4", "jetson-tx3"};
         },
         "/devices/1/profile/1", "jetson-tx3"},
        {"negative device count", [](json& j) { j["devices"][1]["count"] = -1; },
         "/devices/1/count", "must be between 0 and 1000, got -1"},
        {"no devices", [](json& j) { j["devices"] = json::array(); }, "/devices",
         "must not be empty"},
        {"only empty groups",
         [](json& j) {
             j["devices"] = {{{"name", "g"}, {"profile", "rpi4"}, {"role", "iot"}, {"count", 0}}};
         },
         "/devices", "no devices"},
        {"unknown profile", [](json& j) { j["devices"][1]["profile"] = "rpi5"; },
         "/devices/1/profile", "unknown profile \"rpi5\" (did you mean \"rpi4\"?)"},
        {"unknown role", [](json& j) { j["devices"][0]["role"] = "sensor"; }, "/devices/0/role",
         "\"sensor\" is not one of \"iot\", \"helper\", \"edge\", \"cloud\""},
        {"device key typo",
         [](json& j) {
             j["devices"][0]["postion"] = {1, 2};
         },
         "/devices/0/postion", "unknown key \"postion\" (did you mean \"position\"?)"},
        {"position of four numbers",
         [](json& j) {
             j["devices"][1]["position"] = {1, 2, 3, 4};
         },
         "/devices/1/position", "must be [x, y] or [x, y, z] in metres"},
        {"spacing without count",
         [](json& j) {
             j["devices"][0]["spacing"] = {1, 0};
         },
         "/devices/0/spacing", "only a group (with \"count\") has a spacing"},
        {"new profile without speed",
         [](json& j) {
             j["profiles"] = {{"npu", {{"memory", "1GiB"}}}};
         },
         "/profiles/npu", "missing key \"speed\""},
        {"unknown base profile",
         [](json& j) {
             j["profiles"] = {{"phone", {{"base", "rpi3"}}}};
         },
         "/profiles/phone/base", "unknown profile \"rpi3\" (did you mean \"rpi4\"?)"},
        {"profiles based on each other",
         [](json& j) {
             j["profiles"] = {{"a", {{"base", "b"}}}, {"b", {{"base", "a"}}}};
         },
         "/profiles/a", "profile \"a\" is based on itself"},
        {"speed without its unit's S",
         [](json& j) {
             j["profiles"] = {{"rpi4", {{"speed", "12GFLOP"}}}};
         },
         "/profiles/rpi4/speed", "\"12GFLOP\" is not a compute speed (e.g. \"10GFLOPS\")"},
        {"profile key typo",
         [](json& j) {
             j["profiles"] = {{"rpi4", {{"memroy", "1GiB"}}}};
         },
         "/profiles/rpi4/memroy", "(did you mean \"memory\"?)"},
        {"unknown work kind in speed_by_kind",
         [](json& j) {
             j["profiles"] = {{"rpi4", {{"speed_by_kind", {{"convv", "1GFLOPS"}}}}}};
         },
         "/profiles/rpi4/speed_by_kind/convv", "unknown key \"convv\" (did you mean \"conv\"?)"},
        {"work kind that suggests nothing",
         [](json& j) {
             j["profiles"] = {{"rpi4", {{"speed_by_kind", {{"matmul", "1GFLOPS"}}}}}};
         },
         "/profiles/rpi4/speed_by_kind/matmul",
         "unknown key \"matmul\" (allowed here: \"conv\", \"grouped_conv\", \"linear\", "
         "\"pooling\", \"elementwise\")"},
        {"speed_by_kind zero",
         [](json& j) {
             j["profiles"] = {{"rpi4", {{"speed_by_kind", {{"linear", "0GFLOPS"}}}}}};
         },
         "/profiles/rpi4/speed_by_kind/linear", "must be positive, got \"0GFLOPS\""},
        {"speed_by_kind negative",
         [](json& j) {
             j["profiles"] = {{"rpi4", {{"speed_by_kind", {{"pooling", "-1GFLOPS"}}}}}};
         },
         "/profiles/rpi4/speed_by_kind/pooling", "-1GFLOPS"},
        {"speed_by_kind value as a number",
         [](json& j) {
             j["profiles"] = {{"rpi4", {{"speed_by_kind", {{"conv", 1e9}}}}}};
         },
         "/profiles/rpi4/speed_by_kind/conv",
         "must be a string with a unit (e.g. \"10GFLOPS\"), got 1000000000"},
        {"speed_by_kind value without its unit",
         [](json& j) {
             j["profiles"] = {{"rpi4", {{"speed_by_kind", {{"conv", "12.5G"}}}}}};
         },
         "/profiles/rpi4/speed_by_kind/conv", "is not a compute speed (e.g. \"10GFLOPS\")"},
        {"speed_by_kind as a string",
         [](json& j) {
             j["profiles"] = {{"rpi4", {{"speed_by_kind", "10GFLOPS"}}}};
         },
         "/profiles/rpi4/speed_by_kind", "must be an object (work kind -> speed"},
        {"speed_by_kind key typo",
         [](json& j) {
             j["profiles"] = {{"rpi4", {{"speed_by_kinds", json::object()}}}};
         },
         "/profiles/rpi4/speed_by_kinds", "(did you mean \"speed_by_kind\"?)"},
        {"unknown device in a request",
         [](json& j) { j["workload"]["requests"][0]["device"] = "camm"; },
         "/workload/requests/0/device", "unknown device \"camm\" (did you mean \"cam\"?)"},
        {"unknown model", [](json& j) { j["workload"]["requests"][0]["model"] = "alexnett"; },
         "/workload/requests/0/model", "unknown model \"alexnett\""},
        {"unknown model suggests",
         [](json& j) { j["workload"]["requests"][0]["model"] = "alexnett"; },
         "/workload/requests/0/model", "(did you mean \"alexnet\"?)"},
        {"missing model file",
         [](json& j) { j["workload"]["requests"][0]["model"] = "models/nope.json"; },
         "/workload/requests/0/model", "models/nope.json does not exist"},
        {"a file that is not a model",
         [](json& j)
         { j["workload"]["requests"][0]["model"] = "../test/reference/canonical-graphs.json"; },
         "/workload/requests/0/model", "canonical-graphs.json: "},
        {"request count -1", [](json& j) { j["workload"]["requests"][0]["count"] = -1; },
         "/workload/requests/0/count", "must be between 0 and 1000000, got -1"},
        {"periodic without count", [](json& j) { j["workload"]["requests"][0].erase("count"); },
         "/workload/requests/0", "missing key \"count\" (periodic arrivals need one)"},
        {"zero period", [](json& j) { j["workload"]["requests"][0]["arrivals"]["period"] = "0s"; },
         "/workload/requests/0/arrivals/period", "must be positive"},
        {"arrivals key typo",
         [](json& j) {
             j["workload"]["requests"][0]["arrivals"] = {{"type", "periodic"}, {"perod", "1s"}};
         },
         "/workload/requests/0/arrivals/perod", "(did you mean \"period\"?)"},
        {"arrivals without type",
         [](json& j) { j["workload"]["requests"][0]["arrivals"].erase("type"); },
         "/workload/requests/0/arrivals", "missing key \"type\""},
        {"explicit times and a different count",
         [](json& j)
         {
             j["workload"]["requests"][0]["arrivals"] = {{"type", "explicit"},
                                                         {"times", {"0s", "1s"}}};
             j["workload"]["requests"][0]["count"] = 3;
         },
         "/workload/requests/0/count", "explicit arrivals give 2 times, but count is 3"},
        {"bad explicit time",
         [](json& j) {
             j["workload"]["requests"][0]["arrivals"] = {{"type", "explicit"},
                                                         {"times", {"0s", "1 sec"}}};
         },
         "/workload/requests/0/arrivals/times/1", "\"1 sec\" is not a time"},
        {"zero deadline", [](json& j) { j["workload"]["requests"][0]["deadline"] = "0ms"; },
         "/workload/requests/0/deadline", "must be positive"},
        {"no requests in total", [](json& j) { j["workload"]["requests"][0]["count"] = 0; },
         "/workload/requests", "the workload has no requests"},
        {"empty request list", [](json& j) { j["workload"]["requests"] = json::array(); },
         "/workload/requests", "must not be empty"},
        {"pieces zero", [](json& j) { j["workload"]["pieces"] = 0; }, "/workload/pieces",
         "must be between 1 and 256, got 0"},
        {"unknown partitioning", [](json& j) { j["workload"]["partitioning"] = "piecwise"; },
         "/workload/partitioning", "(did you mean \"piecewise\"?)"},
        {"model too big for every device",
         [](json& j)
         {
             j["profiles"] = {{"rpi4", {{"memory", "1MB"}}},
                              {"edge-server", {{"memory", "1MB"}}},
                              {"cloud-server", {{"memory", "1MB"}}}};
         },
         "/workload/requests/0", "bytes of weights"},
        {"model too big names model and task",
         [](json& j)
         {
             j["profiles"] = {{"rpi4", {{"memory", "1MB"}}},
                              {"edge-server", {{"memory", "1MB"}}},
                              {"cloud-server", {{"memory", "1MB"}}}};
         },
         "/workload/requests/0", "model \"alexnet\": task \"r0/"},
        {"unknown scheduler", [](json& j) { j["schedulers"][0] = "heftt"; }, "/schedulers/0",
         "did you mean \"heft\"?"},
        {"unknown scheduler in an object", [](json& j) { j["schedulers"][1]["name"] = "psoa"; },
         "/schedulers/1/name", "unknown scheduler \"psoa\""},
        {"bad attribute name",
         [](json& j) {
             j["schedulers"][1]["attributes"] = {{"Particle", 10}};
         },
         "/schedulers/1/attributes/Particle",
         "no attribute \"Particle\" on ns3::DnnPsoGaScheduler (did you mean \"Particles\"?)"},
        {"bad attribute value",
         [](json& j) { j["schedulers"][1]["attributes"]["Iterations"] = "many"; },
         "/schedulers/1/attributes/Iterations",
         "bad value \"many\" for attribute \"Iterations\" of ns3::DnnPsoGaScheduler"},
        {"fractional integer attribute",
         [](json& j) { j["schedulers"][1]["attributes"]["Iterations"] = 5.5; },
         "/schedulers/1/attributes/Iterations", "bad value \"5.5\""},
        {"negative integer attribute",
         [](json& j) { j["schedulers"][1]["attributes"]["Iterations"] = -5; },
         "/schedulers/1/attributes/Iterations", "bad value \"-5\""},
        {"attribute value of the wrong type",
         [](json& j) { j["schedulers"][1]["attributes"]["Iterations"] = json::array(); },
         "/schedulers/1/attributes/Iterations", "must be a string, a number or a boolean"},
        {"no schedulers", [](json& j) { j["schedulers"] = json::array(); }, "/schedulers",
         "must not be empty"},
        {"duplicate scheduler label", [](json& j) { j["schedulers"][1] = "heft"; }, "/schedulers/1",
         "the label \"heft\" is already used by /schedulers/0"},
        {"scheduler as a number", [](json& j) { j["schedulers"][0] = 3; }, "/schedulers/0",
         "must be a scheduler name or an object"},
        {"unknown network model",
         [](json& j) { j["schedulers"][1]["network_model"] = "contended"; },
         "/schedulers/1/network_model",
         "must be \"contention-free\" or \"shared\", got \"contended\""},
        {"calibrated not a boolean", [](json& j) { j["schedulers"][1]["calibrated"] = "yes"; },
         "/schedulers/1/calibrated", "must be true or false, got \"yes\""},
        {"network model twice under one label",
         [](json& j)
         {
             j["schedulers"][1] = {{"name", "heft"}, {"network_model", "shared"}};
             j["schedulers"][2] = {{"name", "heft"}, {"network_model", "shared"}};
         },
         "/schedulers/2", "the label \"heft-shared\" is already used by /schedulers/1"},
        {"scheduler key typo", [](json& j) { j["schedulers"][1]["lable"] = "x"; },
         "/schedulers/1/lable", "(did you mean \"label\"?)"},
        {"negative stop time",
         [](json& j) {
             j["simulation"] = {{"stop_time", "-1s"}};
         },
         "/simulation/stop_time", "\"-1s\" is not a time (e.g. \"10ms\")"},
        {"netanim as text",
         [](json& j) {
             j["simulation"] = {{"netanim", "yes"}};
         },
         "/simulation/netanim", "must be true, false or \"all\", got \"yes\""},
        {"no room for a NetAnim packet",
         [](json& j) {
             j["simulation"] = {{"netanim_max_packets", 0}};
         },
         "/simulation/netanim_max_packets", "must be a positive integer, got 0"},
        {"stop time beyond what ns-3 can count",
         [](json& j) {
             j["simulation"] = {{"stop_time", "9999999999s"}};
         },
         "/simulation/stop_time", "must be at most 1000000000s"},
        {"data rate below one bit per second",
         [](json& j) { j["networks"][1]["data_rate"] = "0.5bps"; }, "/networks/1/data_rate",
         "must be at least 1bps"},
        {"data rate above 1 Pbit/s", [](json& j) { j["networks"][1]["data_rate"] = "1000001Gbps"; },
         "/networks/1/data_rate", "must be at most 1000000Gbps"},
        {"explicit times out of order",
         [](json& j)
         {
             j["workload"]["requests"][0].erase("count");
             j["workload"]["requests"][0]["arrivals"] = {{"type", "explicit"},
                                                         {"times", {"1s", "500ms"}}};
         },
         "/workload/requests/0/arrivals/times/1",
         "the times must not decrease: \"500ms\" comes after \"1s\""},
        {"periodic arrivals beyond what ns-3 can count",
         [](json& j)
         {
             j["workload"]["requests"][0]["count"] = 3;
             j["workload"]["requests"][0]["arrivals"]["period"] = "999999999s";
         },
         "/workload/requests/0/arrivals", "request 3 of 3 (device \"cam-1\") would arrive at"},
        {"every task fits, the whole workload does not",
         [](json& j)
         {
             // AlexNet in 4 pieces: its largest task (a quarter of classifier.1, 37.7 MB) fits
             // 100 MB; its 244.4 MB of weights, held once for both requests, do not fit
             // 202 MB.
             j["workload"]["partitioning"] = "piecewise";
             j["workload"]["pieces"] = 4;
             j["profiles"] = {{"rpi4", {{"memory", "100MB"}}},
                              {"edge-server", {{"memory", "1MB"}}},
                              {"cloud-server", {{"memory", "1MB"}}}};
         },
         "/workload/requests",
         "the 2 requests' tasks need 244.4 MB of distinct weights together (a device holds a "
         "model layer piece's weights once for all requests), more than all devices' memory "
         "together (202.0 MB)"},
        {"a device too slow for any task to finish in a run",
         [](json& j) {
             j["profiles"] = {{"rpi4", {{"speed", "0.001FLOPS"}}}};
         },
         "/devices/1", "longer than 1000000000s"},
        {"a power that drains the simulated energy source",
         [](json& j)
         {
             j["profiles"] = {{"rpi4", {{"busy_power", "2000000W"}, {"radio_rx_power", "1.5W"}}}};
             j["simulation"] = {{"stop_time", "60s"}};
         },
         "/devices/1",
         "device \"cam-1\" may draw 2e+06 W (the larger of its profile's idle and busy power, "
         "plus 1.5 W for its Wi-Fi radio: the largest of its profile's radio idle, receive "
         "and transmit power) for the 61.25 s of a run"},
        {"more devices than one subnet holds", [](json& j) { j["devices"][1]["count"] = 300; },
         "/networks/0/members", "a network holds at most 253 devices"},
        {"more Wi-Fi stations than associate in time",
         [](json& j) { j["devices"][1]["count"] = 65; }, "/networks/0/members",
         "a Wi-Fi network holds at most 64 stations besides its access point (more do not all "
         "associate before plan time 0), got 65"},
    };
    ASSERT_GE(cases.size(), 25U);
    for (const BadCase& c : cases)
    {
        json doc = BaseScenario();
        c.change(doc);
        EXPECT_TRUE(test::ThrowsInputError([&]() { Read(doc); }, c.path, c.fragment, FILE_NAME))
            << c.title;
    }
}

TEST(ScenarioReaderTest, MalformedJsonText)
{
    const std::string text = BaseScenario().dump(2);
    EXPECT_TRUE(test::ThrowsInputError(
        [&]() { DnnScenarioReader::ReadText(text.substr(0, text.size() / 2), FILE_NAME, "."); }, "",
        "not valid JSON", FILE_NAME));
    EXPECT_TRUE(test::ThrowsInputError(
        [&]() { DnnScenarioReader::ReadText(R"({"name": "a", "name": "b"})", FILE_NAME, "."); },
        "/name", "this key appears twice", FILE_NAME));
    EXPECT_TRUE(test::ThrowsInputError([&]() { DnnScenarioReader::ReadText("[]", FILE_NAME, "."); },
                                       "", "must be an object", FILE_NAME));
}

// Found by the scenario fuzz target (minimized input "2e422"): a number beyond the range of a
// double made nlohmann::json throw out_of_range, not parse_error, and the reader let it escape.
TEST(ScenarioReaderTest, NumberBeyondADoubleIsNotValidJson)
{
    EXPECT_TRUE(
        test::ThrowsInputError([&]() { DnnScenarioReader::ReadText("2e422", FILE_NAME, "."); }, "",
                               "not valid JSON: the number 2e422 is out of range", FILE_NAME));
    json scenario = BaseScenario();
    scenario["devices"][0]["position"] = {1, 2, 3};
    std::string text = scenario.dump();
    text.replace(text.find("[1,2,3]"), 7, "[-2" + std::string(300, '2') + "e2222, 5, 1]");
    try
    {
        DnnScenarioReader::ReadText(text, FILE_NAME, ".");
        ADD_FAILURE() << "accepted";
    }
    catch (const DnnInputError& e)
    {
        EXPECT_EQ(std::string(e.what()).rfind(FILE_NAME +
                                                  ": /devices/0/position/0: not valid JSON: "
                                                  "the number -222",
                                              0),
                  0u)
            << e.what();
        EXPECT_LE(e.Detail().size(), 220u) << "the number is shortened";
    }
}

TEST(ScenarioReaderTest, SchedulerSpecCreateReportsBadNamesAndAttributes)
{
    DnnSchedulerSpec spec;
    spec.name = "psoga";
    spec.label = "psoga";
    spec.attributes = {{"Particles", "7"}};
    UintegerValue particles;
    spec.Create()->GetAttribute("Particles", particles);
    EXPECT_EQ(particles.Get(), 7U);

    spec.attributes = {{"Particle", "7"}};
    EXPECT_TRUE(
        test::ThrowsInputError([&]() { spec.Create(); }, "", "no attribute \"Particle\"", ""));
    spec.attributes = {{"Particles", "x"}};
    EXPECT_TRUE(test::ThrowsInputError([&]() { spec.Create(); }, "",
                                       "bad value \"x\" for attribute \"Particles\"", ""));
    spec.name = "nope";
    spec.attributes.clear();
    EXPECT_TRUE(
        test::ThrowsInputError([&]() { spec.Create(); }, "", "unknown scheduler \"nope\"", ""));
}

} // namespace
