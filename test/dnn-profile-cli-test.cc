/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
/**
 * \file
 * System tests of the dnn-offload-profile command-line tool: a good CSV gives profiles the
 * scenario reader loads, the seed's whole-model times (test/reference/seed-model-times.csv)
 * are matched within 10 % on every device, and bad CSVs give exit status 2 and one line
 * naming the file and line.
 */

#include "dnn-cli-test-util.h"
#include "ns3/dnn-model-reader.h"
#include "ns3/dnn-scenario-reader.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

namespace
{

namespace fs = std::filesystem;
using ns3::test::Contains;
using ns3::test::RunResult;
using ns3::test::ShellQuote;

class DnnProfileCliTest : public ns3::test::DnnCliTest
{
  protected:
    DnnProfileCliTest() : DnnCliTest("dnn-offload-profile") {}

    /** Run the tool on a CSV written into the temporary folder. */
    RunResult RunCsv(const std::string& text, const std::string& extra = "") const
    {
        const fs::path csv = WriteFile("times.csv", text);
        return Run("--times=" + ShellQuote(csv.string()) + " " + extra);
    }
};

/**
 * A scenario using the tool's "profiles" object: one device of each of rpi4, jetson-tx2
 * and edge-server, plus one of \p extra when not empty (a profile of the tool's output).
 */
ns3::DnnScenario
LoadWithProfiles(const nlohmann::json& profiles, const std::string& extra = "")
{
    nlohmann::json doc = nlohmann::json::parse(R"({
      "name": "fitted",
      "devices": [
        {"name": "edge", "profile": "edge-server", "role": "edge"},
        {"name": "pi", "profile": "rpi4", "role": "iot", "position": [5, 0]},
        {"name": "tx2", "profile": "jetson-tx2", "role": "helper", "position": [0, 5]}
      ],
      "networks": [
        {"name": "wlan", "type": "wifi", "access_point": "edge", "members": ["pi", "tx2"]}
      ],
      "workload": {
        "requests": [
          {"device": "pi", "model": "alexnet", "count": 1,
           "arrivals": {"type": "periodic", "start": "0s", "period": "1s"}}
        ]
      },
      "schedulers": ["heft"]
    })");
    doc["profiles"] = profiles;
    if (!extra.empty())
    {
        doc["devices"].push_back(
            {{"name", "x"}, {"profile", extra}, {"role", "helper"}, {"position", {0, 1}}});
        doc["networks"][0]["members"].push_back("x");
    }
    return ns3::DnnScenarioReader::ReadText(doc.dump(), "fitted.json",
                                            std::string(DNN_SOURCE_DIR) + "/scenarios");
}

/** The profile of a device of a scenario. */
const ns3::DnnDeviceProfile&
ProfileOf(const ns3::DnnScenario& scenario, const std::string& device)
{
    return scenario.platform.Device(scenario.platform.FindDevice(device)).profile;
}

/** A zoo model. */
ns3::DnnModel
ZooModel(const std::string& name)
{
    return ns3::DnnModelReader::ReadFile(std::string(DNN_SOURCE_DIR) + "/scenarios/models/" + name +
                                         ".json");
}

/** The number of lines of \p text. */
std::size_t
Lines(const std::string& text)
{
    return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

} // namespace

TEST_F(DnnProfileCliTest, SeedTimesAreMatchedWithinTenPercentOnEveryDevice)
{
    const RunResult r = Run("--times=test/reference/seed-model-times.csv");
    ASSERT_EQ(r.status, 0) << r.err;
    const nlohmann::json out = nlohmann::json::parse(r.out);
    ASSERT_TRUE(out.contains("profiles"));
    EXPECT_EQ(out["profiles"].size(), 3U);
    for (const char* name : {"rpi4", "jetson-tx2", "edge-server"})
    {
        ASSERT_TRUE(out["profiles"].contains(name)) << name;
        EXPECT_EQ(out["profiles"][name]["base"], name);
        for (const char* kind : {"conv", "linear", "pooling", "elementwise"})
        {
            EXPECT_TRUE(out["profiles"][name]["speed_by_kind"].contains(kind)) << name << kind;
        }
    }
    // The tables on stderr: one per profile, a line per model.
    EXPECT_TRUE(Contains(r.err, "profile rpi4 (base rpi4)")) << r.err;
    EXPECT_TRUE(Contains(r.err, "residual %")) << r.err;

    // The seed's cost model (shared/reference/seed-system.md), seconds.
    const std::map<std::string, std::map<std::string, double>> seed = {
        {"pi", {{"alexnet", 0.477}, {"googlenet", 0.602}, {"resnet50", 0.498}}},
        {"tx2", {{"alexnet", 0.175}, {"googlenet", 0.222}, {"resnet50", 0.187}}},
        {"edge", {{"alexnet", 0.091}, {"googlenet", 0.112}, {"resnet50", 0.097}}},
    };
    const ns3::DnnScenario scenario = LoadWithProfiles(out["profiles"]);
    for (const auto& [device, times] : seed)
    {
        const ns3::DnnDeviceProfile& profile = ProfileOf(scenario, device);
        for (const auto& [model, seconds] : times)
        {
            const double fitted = profile.Seconds(ZooModel(model).Work());
            EXPECT_LE(std::abs(fitted - seconds), 0.10 * seconds)
                << device << " " << model << ": " << fitted << " s, seed " << seconds << " s";
        }
    }
}

TEST_F(DnnProfileCliTest, GoodCsvGivesProfilesTheScenarioReaderLoads)
{
    // A new profile from rpi4 (--base), quoted fields, a comment, per-layer and whole-model
    // times; the AlexNet times are rpi4's own figures x 2 for its layers, so the fitted
    // phone is about half as fast.
    const ns3::DnnModel alexnet = ZooModel("alexnet");
    const ns3::DnnDeviceProfile* rpi4 = ns3::DnnDeviceProfile::FindBuiltin("rpi4");
    const double fc = 2 * rpi4->Seconds(alexnet.Layer(alexnet.FindLayer("classifier.1")).Work());
    const double whole = 2 * rpi4->Seconds(alexnet.Work());
    const std::string csv = "# measured on a phone\n"
                            "model,profile,layer,seconds\n"
                            "alexnet,phone,,\"" +
                            std::to_string(whole) +
                            "\"\n"
                            "scenarios/models/alexnet.json,\"phone\",classifier.1," +
                            std::to_string(fc) + "\r\n";
    const RunResult r = RunCsv(csv, "--base=rpi4");
    ASSERT_EQ(r.status, 0) << r.err;
    const nlohmann::json out = nlohmann::json::parse(r.out);
    ASSERT_TRUE(out["profiles"].contains("phone")) << r.out;
    EXPECT_EQ(out["profiles"]["phone"]["base"], "rpi4");
    const ns3::DnnScenario scenario = LoadWithProfiles(out["profiles"], "phone");
    const ns3::DnnDeviceProfile& phone = ProfileOf(scenario, "x");
    EXPECT_EQ(phone.name, "phone");
    EXPECT_EQ(phone.flops, rpi4->flops);
    EXPECT_NEAR(phone.Seconds(alexnet.Work()) / whole, 1, 1e-4);
    EXPECT_NEAR(phone.Speed(ns3::DnnWorkKind::Linear) / (rpi4->Speed(ns3::DnnWorkKind::Linear) / 2),
                1, 1e-4);
    EXPECT_EQ(phone.Speed(ns3::DnnWorkKind::GroupedConv), rpi4->flops); // not exercised
    EXPECT_TRUE(Contains(r.err, "alexnet/classifier.1")) << r.err;

    // --format=table: the table on stdout, no JSON.
    const RunResult table = RunCsv(csv, "--base=rpi4 --format=table");
    ASSERT_EQ(table.status, 0) << table.err;
    EXPECT_TRUE(Contains(table.out, "profile phone (base rpi4)")) << table.out;
    EXPECT_FALSE(Contains(table.out, "{")) << table.out;
}

TEST_F(DnnProfileCliTest, BadCsvsGiveStatusTwoAndOneLineWithFileAndLine)
{
    struct Case
    {
        std::string title;    //!< what is wrong
        std::string csv;      //!< the file's text
        std::string where;    //!< expected "times.csv:LINE: column ..." part
        std::string fragment; //!< expected part of the message
    };
    const std::string header = "profile,model,layer,seconds\n";
    const std::vector<Case> cases = {
        {"missing column", "profile,model,seconds\nrpi4,alexnet,0.4\n",
         "times.csv:1: ", "missing column \"layer\""},
        {"unknown column", "profile,model,layer,secnds\n",
         "times.csv:1: column \"secnds\": ", "unknown column (did you mean \"seconds\"?)"},
        {"negative seconds", header + "rpi4,alexnet,,0.4\nrpi4,googlenet,,-0.5\n",
         "times.csv:3: column \"seconds\": ", "must be positive, got -0.5"},
        {"seconds not a number", header + "rpi4,alexnet,,0.4s\n",
         "times.csv:2: column \"seconds\": ", "\"0.4s\" is not a number of seconds"},
        {"unknown model", header + "rpi4,alexnett,,0.4\n", "times.csv:2: column \"model\": ",
         "unknown model \"alexnett\": no file scenarios/models/alexnett.json (did you mean "
         "\"alexnet\"?)"},
        {"unknown layer", header + "# comment\nrpi4,alexnet,fc9,0.4\n",
         "times.csv:3: column \"layer\": ", "model \"alexnet\" has no layer \"fc9\""},
        {"unknown profile", header + "rpi4,alexnet,,0.4\nrpi5,alexnet,,0.3\n",
         "times.csv:3: column \"profile\": ",
         "unknown profile \"rpi5\" (did you mean \"rpi4\"?): not built in; give --base=NAME"},
        {"too few fields", header + "rpi4,alexnet,0.4\n",
         "times.csv:2: ", "3 fields, the header (line 1) has 4"},
        {"only a header", header, "times.csv: ", "no measured times"},
    };
    for (const Case& c : cases)
    {
        const RunResult r = RunCsv(c.csv);
        EXPECT_EQ(r.status, 2) << c.title << "\n" << r.err;
        EXPECT_EQ(Lines(r.err), 1U) << c.title << "\n" << r.err;
        EXPECT_TRUE(Contains(r.err, c.where + c.fragment)) << c.title << "\n" << r.err;
        EXPECT_TRUE(r.out.empty()) << c.title << "\n" << r.out;
    }
    // Bad usage: no --times, an unknown --base.
    const RunResult none = Run("");
    EXPECT_EQ(none.status, 2);
    EXPECT_TRUE(Contains(none.err, "--times=FILE.csv is required")) << none.err;
    const RunResult base = RunCsv(header + "phone,alexnet,,0.4\n", "--base=rpi3");
    EXPECT_EQ(base.status, 2);
    EXPECT_TRUE(Contains(base.err, "--base: \"rpi3\" is not a built-in profile (did you mean "
                                   "\"rpi4\"?)"))
        << base.err;
}

TEST_F(DnnProfileCliTest, AKindTheTimesLeaveNoTimeForKeepsTheBaseFigureWithAWarning)
{
    // AlexNet whole in 0.1 s but its first linear layer alone in 1 s: the conv, pooling
    // and elementwise work would need a negative time, so they keep rpi4's figures.
    const RunResult r =
        RunCsv("profile,model,layer,seconds\nrpi4,alexnet,,0.1\nrpi4,alexnet,classifier.1,1\n");
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_TRUE(Contains(r.err, "warning: ")) << r.err;
    EXPECT_TRUE(Contains(r.err, "profile \"rpi4\": the measured times leave no time for conv work"))
        << r.err;
    EXPECT_TRUE(Contains(r.err, "(held at the base's)")) << r.err;
    const nlohmann::json out = nlohmann::json::parse(r.out);
    const ns3::DnnScenario scenario = LoadWithProfiles(out["profiles"]);
    EXPECT_NEAR(ProfileOf(scenario, "pi").Speed(ns3::DnnWorkKind::Conv) /
                    ns3::DnnDeviceProfile::FindBuiltin("rpi4")->Speed(ns3::DnnWorkKind::Conv),
                1, 1e-6);
}
