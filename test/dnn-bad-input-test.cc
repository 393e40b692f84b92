/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
/**
 * \file
 * System test of bad input, one table of malformed models, scenarios and scheduling
 * instances run through the real tools (dnn-offload-run, dnn-offload-schedule,
 * dnn-offload-inspect). For every case: exit status exactly 2 (not 1, not a signal), one
 * message on stderr naming the file and the JSON path (or the option) and what is wrong,
 * nothing on stdout (the tool stopped before planning), no new file in the case's folder:
 * no --out folder (or the pre-existing empty one still empty), no hidden .out.partial-*
 * folder, every file there before unchanged. Output paths the tools refuse (an input, the
 * current folder, a folder of someone else's files, a link, a device) are cases too.
 *
 * Each case is its own ctest entry: BadInput/BadInputTest.<name>.
 */
#include "dnn-cli-test-util.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sys/stat.h>

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace
{

using namespace ns3::test;
using json = nlohmann::json;

/** Which tool a case runs. */
enum class Tool
{
    Run,      //!< dnn-offload-run --scenario=DIR/scenario.json --out=DIR/out --plan-only
    Schedule, //!< dnn-offload-schedule --instance=DIR/instance.json --scheduler=heft
    Inspect,  //!< dnn-offload-inspect --model=DIR/model.json --partition=piecewise:3
};

/** One malformed input and what the tool must say about it. */
struct BadInput
{
    std::string name; //!< test name (letters, digits, '_')
    Tool tool;        //!< the tool to run
    /** Files to write into the case's folder: relative path -> content. */
    std::vector<std::pair<std::string, std::string>> files;
    /**
     * Fragments stderr must contain, "{dir}" standing for the case's folder. The first
     * names the place: "{dir}/scenario.json: /networks/0/data_rate: " for a file and JSON
     * path, "--seed" for an option.
     */
    std::vector<std::string> fragments;
    std::string extra{};   //!< further arguments ("{dir}" replaced)
    std::string target{};  //!< the input file argument, relative to the folder (default:
                           //!< scenario.json, instance.json, model.json)
    bool fullRun{false};   //!< dnn-offload-run without --plan-only (must still fail at load)
    bool outExists{false}; //!< create DIR/out, empty, before the run; it must stay empty
    std::string out{};     //!< the --out argument ("{dir}" replaced; default {dir}/out)
    /** Symbolic links to create in the case's folder: link -> target (as written). */
    std::vector<std::pair<std::string, std::string>> links{};
    /** Makes what files cannot hold (FIFOs, links, sparse files) in the case's folder. */
    std::function<void(const fs::path&)> setup{};
    std::string envName{};  //!< an environment variable set for the run ("" for none)
    std::string envValue{}; //!< its value
};

/** \p c writing its results to \p out. \param c the case \param out the --out argument
 *  \return it */
BadInput
Out(BadInput c, const std::string& out)
{
    c.out = out;
    return c;
}

/** \p c with a symbolic link. \param c the case \param link its path, relative to the
 *  case's folder \param target what it points at \return it */
BadInput
Link(BadInput c, const std::string& link, const std::string& target)
{
    c.links.emplace_back(link, target);
    return c;
}

/** \p c with further arguments. \param c the case \param extra the arguments \return it */
BadInput
Extra(BadInput c, const std::string& extra)
{
    c.extra = extra;
    return c;
}

/** \p c reading another file. \param c the case \param target the file, relative to the
 *  case's folder \return it */
BadInput
Target(BadInput c, const std::string& target)
{
    c.target = target;
    return c;
}

/** \p c run without --plan-only: it must fail at load time all the same. \param c the case
 *  \return it */
BadInput
FullRun(BadInput c)
{
    c.fullRun = true;
    return c;
}

/** \p c with an empty --out folder that must stay empty. \param c the case \return it */
BadInput
OutExists(BadInput c)
{
    c.outExists = true;
    return c;
}

/** \p c with \p setup run in its folder after its files are written. \param c the case
 *  \param setup what to make \return it */
BadInput
Setup(BadInput c, std::function<void(const fs::path&)> setup)
{
    c.setup = std::move(setup);
    return c;
}

/** \p c run with an environment variable. \param c the case \param name the variable
 *  \param value its value \return it */
BadInput
Env(BadInput c, const std::string& name, const std::string& value)
{
    c.envName = name;
    c.envValue = value;
    return c;
}

/** A FIFO at \p path (no writer: a reader that waits for one blocks forever). */
void
MakeFifo(const fs::path& path)
{
    fs::remove(path);
    ASSERT_EQ(mkfifo(path.c_str(), 0600), 0) << path;
}

/** For gtest's messages: the case name, not a byte dump. */
void
PrintTo(const BadInput& c, std::ostream* os)
{
    *os << c.name;
}

// ---------------------------------------------------------------------------------------------
// Valid inputs the cases break.
// ---------------------------------------------------------------------------------------------

/**
 * A small model: conv (3 -> 4 channels, 3x3, 112 parameters, 448 bytes of weights), relu,
 * flatten, linear (256 -> 10, 2570 parameters, 10280 bytes).
 */
json
TinyModel()
{
    return json::parse(R"({
      "name": "tiny",
      "input": {"shape": [3, 8, 8]},
      "layers": [
        {"name": "conv1", "type": "conv", "out_channels": 4, "kernel": 3, "padding": 1},
        {"name": "relu1", "type": "relu"},
        {"name": "flat", "type": "flatten"},
        {"name": "fc", "type": "linear", "out_features": 10}
      ]
    })");
}

/** An edge server and a camera on one CSMA segment; two requests of the tiny model. */
json
BaseScenario()
{
    return json::parse(R"({
      "name": "bad",
      "devices": [
        {"name": "edge", "profile": "edge-server", "role": "edge"},
        {"name": "cam", "profile": "rpi4", "role": "iot", "position": [5, 0, 0]}
      ],
      "networks": [
        {"name": "lan", "type": "csma", "members": ["edge", "cam"], "data_rate": "100Mbps",
         "delay": "50us"}
      ],
      "workload": {
        "requests": [
          {"device": "cam", "model": "tiny", "count": 2, "deadline": "500ms",
           "arrivals": {"type": "periodic", "start": "0s", "period": "1s"}}
        ]
      },
      "schedulers": ["heft", "local"],
      "simulation": {"stop_time": "5s"}
    })");
}

/** A cost-matrix instance: A -> B on two processors. */
json
BaseInstance()
{
    return json::parse(R"({
      "name": "small",
      "processors": ["P0", "P1"],
      "tasks": [{"name": "A", "cost": [2, 4]}, {"name": "B", "cost": [3, 1]}],
      "edges": [{"from": "A", "to": "B", "data": 6}],
      "bandwidth": 2
    })");
}

/** A SAGA instance: A -> B on two nodes. */
json
BaseSaga()
{
    return json::parse(R"({
      "task_graph": {
        "tasks": [{"name": "A", "cost": 2}, {"name": "B", "cost": 4}],
        "dependencies": [{"source": "A", "target": "B", "size": 3}]
      },
      "network": {
        "nodes": [{"name": "n0", "speed": 1}, {"name": "n1", "speed": 2}],
        "edges": [{"source": "n0", "target": "n1", "speed": 1}]
      }
    })");
}

/** \p doc after \p change, as text. */
std::string
Changed(json doc, const std::function<void(json&)>& change)
{
    change(doc);
    return doc.dump(2);
}

/** Files of a run case: the changed base scenario and the tiny model it names. */
std::vector<std::pair<std::string, std::string>>
Scenario(const std::function<void(json&)>& change)
{
    return {{"scenario.json", Changed(BaseScenario(), change)},
            {"models/tiny.json", TinyModel().dump(2)}};
}

/** Files of a run case whose scenario text is given verbatim. */
std::vector<std::pair<std::string, std::string>>
ScenarioText(const std::string& text)
{
    return {{"scenario.json", text}, {"models/tiny.json", TinyModel().dump(2)}};
}

/** Files of a run case whose scenario names models/bad.json, with \p model as its text. */
std::vector<std::pair<std::string, std::string>>
ScenarioWithBadModel(const std::string& model)
{
    auto files =
        Scenario([](json& j) { j["workload"]["requests"][0]["model"] = "models/bad.json"; });
    files.emplace_back("models/bad.json", model);
    return files;
}

/** Files of a schedule case. */
std::vector<std::pair<std::string, std::string>>
Instance(const std::string& text)
{
    return {{"instance.json", text}};
}

/** Files of an inspect case. */
std::vector<std::pair<std::string, std::string>>
Model(const std::string& text)
{
    return {{"model.json", text}};
}

/** The first half of \p text. */
std::string
Truncated(const std::string& text)
{
    return text.substr(0, text.size() / 2);
}

/** "{dir}/<file>: <path>: ", the place a message must name. */
std::string
At(const std::string& file, const std::string& path)
{
    return "{dir}/" + file + ": " + (path.empty() ? "" : path + ": ");
}

/** The place in the base scenario. */
std::string
InScenario(const std::string& path)
{
    return At("scenario.json", path);
}

// ---------------------------------------------------------------------------------------------
// The table.
// ---------------------------------------------------------------------------------------------

/** Scenario cases (dnn-offload-run). */
std::vector<BadInput>
ScenarioCases()
{
    const std::string base = BaseScenario().dump(2);
    std::string duplicateKey = base;
    duplicateKey.replace(duplicateKey.find("\"name\": \"bad\""), 13,
                         "\"name\": \"bad\", \"name\": \"worse\"");
    std::string countAs1e400 = base;
    countAs1e400.replace(countAs1e400.find("\"count\": 2"), 10, "\"count\": 1e400");
    std::string countAsNaN = base;
    countAsNaN.replace(countAsNaN.find("\"count\": 2"), 10, "\"count\": NaN");
    std::string countBeyond64Bits =
        Changed(BaseScenario(), [](json& j) { j["devices"][1]["count"] = 12345; });
    countBeyond64Bits.replace(countBeyond64Bits.find("12345"), 5, "18446744073709551617");
    const json lonely = {{"name", "x"}, {"profile", "rpi4"}, {"role", "helper"}};

    return {
        // Malformed JSON.
        {"run_truncated_json",
         Tool::Run,
         ScenarioText(Truncated(base)),
         {At("scenario.json", ""), "not valid JSON: parse error at line ", ", column "}},
        {"run_empty_file",
         Tool::Run,
         ScenarioText(""),
         {At("scenario.json", ""), "not valid JSON: parse error at line 1, column 1"}},
        {"run_top_level_array",
         Tool::Run,
         ScenarioText("[" + base + "]"),
         {At("scenario.json", ""), "must be an object, got a list"}},
        {"run_non_utf8_bytes",
         Tool::Run,
         ScenarioText("{\"name\": \"caf\xe9\xff\"}"),
         {At("scenario.json", ""), "ill-formed UTF-8 byte", "\\xe9"}},
        {"run_duplicate_key",
         Tool::Run,
         ScenarioText(duplicateKey),
         {InScenario("/name"), "this key appears twice in one object"}},
        {"run_number_beyond_a_double",
         Tool::Run,
         ScenarioText(countAs1e400),
         {InScenario("/workload/requests/0/count"), "the number 1e400 is out of range"}},
        {"run_nan_literal",
         Tool::Run,
         ScenarioText(countAsNaN),
         {At("scenario.json", ""), "not valid JSON: parse error at line "}},
        Target({"run_directory_as_scenario",
                Tool::Run,
                ScenarioText(base),
                {"{dir}/models: is a directory, not a JSON file"}},
               "models"),
        Target({"run_missing_scenario_file",
                Tool::Run,
                ScenarioText(base),
                {"{dir}/absent.json: cannot open the file"}},
               "absent.json"),
        // Keys and types.
        {"run_unknown_top_level_key",
         Tool::Run,
         Scenario([](json& j) { j["simulaton"] = j["simulation"]; }),
         {InScenario("/simulaton"), "unknown key \"simulaton\" (did you mean \"simulation\"?)"}},
        {"run_unknown_device_key",
         Tool::Run,
         Scenario(
             [](json& j) {
                 j["devices"][1]["postion"] = {1, 2};
             }),
         {InScenario("/devices/1/postion"), "(did you mean \"position\"?)"}},
        {"run_name_of_wrong_type",
         Tool::Run,
         Scenario([](json& j) { j["name"] = 5; }),
         {InScenario("/name"), "must be a string, got 5"}},
        {"run_devices_as_object",
         Tool::Run,
         Scenario([](json& j) { j["devices"] = json::object(); }),
         {InScenario("/devices"), "must be a list, got an object"}},
        {"run_position_as_string",
         Tool::Run,
         Scenario([](json& j) { j["devices"][1]["position"] = "5,0"; }),
         {InScenario("/devices/1/position"), "must be a list, got \"5,0\""}},
        {"run_missing_required_key",
         Tool::Run,
         Scenario([](json& j) { j["devices"][1].erase("role"); }),
         {InScenario("/devices/1"), "missing key \"role\""}},
        // Empty lists.
        {"run_empty_devices",
         Tool::Run,
         Scenario([](json& j) { j["devices"] = json::array(); }),
         {InScenario("/devices"), "must not be empty"}},
        {"run_empty_networks",
         Tool::Run,
         Scenario([](json& j) { j["networks"] = json::array(); }),
         {InScenario("/networks"), "must not be empty: there are 2 devices to connect"}},
        {"run_empty_requests",
         Tool::Run,
         Scenario([](json& j) { j["workload"]["requests"] = json::array(); }),
         {InScenario("/workload/requests"), "must not be empty"}},
        {"run_empty_schedulers",
         Tool::Run,
         Scenario([](json& j) { j["schedulers"] = json::array(); }),
         {InScenario("/schedulers"), "must not be empty"}},
        // Huge numbers and integer overflow.
        {"run_request_count_overflow",
         Tool::Run,
         Scenario([](json& j) { j["workload"]["requests"][0]["count"] = 4294967297ULL; }),
         {InScenario("/workload/requests/0/count"),
          "must be between 0 and 1000000, got 4294967297"}},
        // Issue 15: 10,000 devices ended in std::bad_alloc (exit 1), and a million requests
        // planned at once took over 3 GB; both are refused up front now.
        {"run_devices_beyond_limit",
         Tool::Run,
         Scenario(
             [](json& j)
             {
                 j["devices"].push_back(
                     {{"name", "cams"}, {"profile", "rpi4"}, {"role", "iot"}, {"count", 999}});
             }),
         {InScenario("/devices/2"), "more than 1000 devices in all (1001 with this entry)"}},
        {"run_tasks_at_once_beyond_limit",
         Tool::Run,
         Scenario([](json& j) { j["workload"]["requests"][0]["count"] = 250001; }),
         {InScenario("/workload/requests"), "250001 requests make 1000004 tasks",
          "more than the 1000000 a plan can hold at once; give the planner a horizon"}},
        {"run_device_count_beyond_64_bits",
         Tool::Run,
         ScenarioText(countBeyond64Bits),
         {InScenario("/devices/1/count"),
          "must be between 0 and 1000, got 1.8446744073709552e+19"}},
        {"run_position_huge",
         Tool::Run,
         Scenario(
             [](json& j) {
                 j["devices"][1]["position"] = {1e300, 0};
             }),
         {InScenario("/devices/1/position/0"), "must be between -1e+07 and 1e+07"}},
        // Units.
        {"run_data_rate_typo",
         Tool::Run,
         Scenario([](json& j) { j["networks"][0]["data_rate"] = "100Mbs"; }),
         {InScenario("/networks/0/data_rate"), "\"100Mbs\" is not a data rate (e.g. \"100Mbps\")"}},
        {"run_data_rate_without_unit",
         Tool::Run,
         Scenario([](json& j) { j["networks"][0]["data_rate"] = 100; }),
         {InScenario("/networks/0/data_rate"), "must be a string with a unit"}},
        {"run_bad_time_unit",
         Tool::Run,
         Scenario([](json& j) { j["networks"][0]["delay"] = "50 sec"; }),
         {InScenario("/networks/0/delay"), "\"50 sec\" is not a time"}},
        {"run_bad_size_unit",
         Tool::Run,
         Scenario(
             [](json& j) {
                 j["profiles"] = {{"rpi4", {{"memory", "4Gb"}}}};
             }),
         {InScenario("/profiles/rpi4/memory"), "\"4Gb\" is not an amount of data"}},
        {"run_bad_power_unit",
         Tool::Run,
         Scenario(
             [](json& j) {
                 j["profiles"] = {{"rpi4", {{"busy_power", "10 watts"}}}};
             }),
         {InScenario("/profiles/rpi4/busy_power"), "\"10 watts\" is not a power"}},
        {"run_bad_speed_unit",
         Tool::Run,
         Scenario(
             [](json& j) {
                 j["profiles"] = {{"rpi4", {{"speed", "12GFLOP"}}}};
             }),
         {InScenario("/profiles/rpi4/speed"), "\"12GFLOP\" is not a compute speed"}},
        // Negative and zero sizes, rates and times.
        {"run_negative_memory",
         Tool::Run,
         Scenario(
             [](json& j) {
                 j["profiles"] = {{"rpi4", {{"memory", "-1GiB"}}}};
             }),
         {InScenario("/profiles/rpi4/memory"), "\"-1GiB\" is not an amount of data"}},
        {"run_zero_memory",
         Tool::Run,
         Scenario(
             [](json& j) {
                 j["profiles"] = {{"rpi4", {{"memory", "0B"}}}};
             }),
         {InScenario("/profiles/rpi4/memory"), "must be positive, got \"0B\""}},
        OutExists({"run_zero_data_rate",
                   Tool::Run,
                   Scenario([](json& j) { j["networks"][0]["data_rate"] = "0Mbps"; }),
                   {InScenario("/networks/0/data_rate"), "must be positive, got \"0Mbps\""}}),
        {"run_negative_data_rate",
         Tool::Run,
         Scenario([](json& j) { j["networks"][0]["data_rate"] = "-5Mbps"; }),
         {InScenario("/networks/0/data_rate"), "\"-5Mbps\" is not a data rate"}},
        FullRun({"run_data_rate_below_one_bit_per_second",
                 Tool::Run,
                 Scenario([](json& j) { j["networks"][0]["data_rate"] = "0.5bps"; }),
                 {InScenario("/networks/0/data_rate"), "must be at least 1bps"}}),
        FullRun({"run_data_rate_beyond_64_bits",
                 Tool::Run,
                 Scenario([](json& j)
                          { j["networks"][0]["data_rate"] = "999999999999999999999999Gbps"; }),
                 {InScenario("/networks/0/data_rate"), "must be at most 1000000Gbps"}}),
        {"run_zero_efficiency",
         Tool::Run,
         Scenario([](json& j) { j["networks"][0]["efficiency"] = 0; }),
         {InScenario("/networks/0/efficiency"), "must be in (0, 1]"}},
        {"run_calibration_not_a_boolean",
         Tool::Run,
         Scenario([](json& j) { j["planner"]["calibration"] = "yes"; }),
         {InScenario("/planner/calibration"), "must be true or false, got \"yes\""}},
        {"run_negative_stop_time",
         Tool::Run,
         Scenario([](json& j) { j["simulation"]["stop_time"] = "-1s"; }),
         {InScenario("/simulation/stop_time"), "\"-1s\" is not a time"}},
        {"run_zero_stop_time",
         Tool::Run,
         Scenario([](json& j) { j["simulation"]["stop_time"] = "0s"; }),
         {InScenario("/simulation/stop_time"), "must be positive, got \"0s\""}},
        FullRun({"run_stop_time_beyond_ns3",
                 Tool::Run,
                 Scenario([](json& j) { j["simulation"]["stop_time"] = "99999999999s"; }),
                 {InScenario("/simulation/stop_time"), "must be at most 1000000000s"}}),
        {"run_negative_deadline",
         Tool::Run,
         Scenario([](json& j) { j["workload"]["requests"][0]["deadline"] = "-100ms"; }),
         {InScenario("/workload/requests/0/deadline"), "\"-100ms\" is not a time"}},
        {"run_zero_deadline",
         Tool::Run,
         Scenario([](json& j) { j["workload"]["requests"][0]["deadline"] = "0ms"; }),
         {InScenario("/workload/requests/0/deadline"), "must be positive, got \"0ms\""}},
        // Arrivals.
        {"run_arrivals_out_of_order",
         Tool::Run,
         Scenario(
             [](json& j)
             {
                 j["workload"]["requests"][0].erase("count");
                 j["workload"]["requests"][0]["arrivals"] = {{"type", "explicit"},
                                                             {"times", {"0s", "1s", "500ms"}}};
             }),
         {InScenario("/workload/requests/0/arrivals/times/2"),
          "the times must not decrease: \"500ms\" comes after \"1s\""}},
        {"run_negative_arrival_time",
         Tool::Run,
         Scenario(
             [](json& j)
             {
                 j["workload"]["requests"][0].erase("count");
                 j["workload"]["requests"][0]["arrivals"] = {{"type", "explicit"},
                                                             {"times", {"-1s"}}};
             }),
         {InScenario("/workload/requests/0/arrivals/times/0"), "\"-1s\" is not a time"}},
        {"run_negative_arrival_start",
         Tool::Run,
         Scenario([](json& j) { j["workload"]["requests"][0]["arrivals"]["start"] = "-2s"; }),
         {InScenario("/workload/requests/0/arrivals/start"), "\"-2s\" is not a time"}},
        {"run_zero_period",
         Tool::Run,
         Scenario([](json& j) { j["workload"]["requests"][0]["arrivals"]["period"] = "0s"; }),
         {InScenario("/workload/requests/0/arrivals/period"), "must be positive"}},
        FullRun({"run_arrivals_beyond_ns3",
                 Tool::Run,
                 Scenario(
                     [](json& j)
                     {
                         j["workload"]["requests"][0]["count"] = 3;
                         j["workload"]["requests"][0]["arrivals"]["period"] = "999999999s";
                     }),
                 {InScenario("/workload/requests/0/arrivals"),
                  "request 3 of 3 (device \"cam\") would arrive at 2e+09 s, after 1000000000s"}}),
        {"run_explicit_times_and_other_count",
         Tool::Run,
         Scenario(
             [](json& j) {
                 j["workload"]["requests"][0]["arrivals"] = {{"type", "explicit"},
                                                             {"times", {"0s"}}};
             }),
         {InScenario("/workload/requests/0/count"),
          "explicit arrivals give 1 times, but count is 2"}},
        // Devices and networks.
        {"run_duplicate_device_names",
         Tool::Run,
         Scenario([](json& j) { j["devices"][1]["name"] = "edge"; }),
         {InScenario("/devices/1/name"),
          "duplicate name: device \"edge\" is already used by /devices/0"}},
        {"run_unknown_profile",
         Tool::Run,
         Scenario([](json& j) { j["devices"][1]["profile"] = "rpi5"; }),
         {InScenario("/devices/1/profile"), "unknown profile \"rpi5\" (did you mean \"rpi4\"?)"}},
        {"run_unknown_role",
         Tool::Run,
         Scenario([](json& j) { j["devices"][1]["role"] = "camera"; }),
         {InScenario("/devices/1/role"), "\"camera\" is not one of"}},
        {"run_network_names_unknown_device",
         Tool::Run,
         Scenario([](json& j) { j["networks"][0]["members"][1] = "camm"; }),
         {InScenario("/networks/0/members/1"), "unknown device \"camm\" (did you mean \"cam\"?)"}},
        {"run_p2p_with_three_members",
         Tool::Run,
         Scenario(
             [=](json& j)
             {
                 j["devices"].push_back(lonely);
                 j["networks"][0] = {{"name", "wan"},
                                     {"type", "p2p"},
                                     {"members", {"edge", "cam", "x"}},
                                     {"data_rate", "50Mbps"},
                                     {"delay", "20ms"}};
             }),
         {InScenario("/networks/0/members"),
          "a p2p link joins exactly two devices, got 3 (edge, cam, x)"}},
        {"run_device_on_no_network",
         Tool::Run,
         Scenario([=](json& j) { j["devices"].push_back(lonely); }),
         {InScenario("/devices/2"), "device \"x\" is on no network"}},
        {"run_unreachable_device",
         Tool::Run,
         Scenario(
             [=](json& j)
             {
                 j["devices"].push_back(lonely);
                 json other = lonely;
                 other["name"] = "y";
                 j["devices"].push_back(other);
                 j["networks"].push_back({{"name", "island"},
                                          {"type", "csma"},
                                          {"members", {"x", "y"}},
                                          {"data_rate", "1Gbps"}});
             }),
         {InScenario("/networks"), "cannot be reached from"}},
        FullRun({"run_more_devices_than_a_subnet",
                 Tool::Run,
                 Scenario(
                     [](json& j)
                     {
                         j["devices"][1]["count"] = 300;
                         j["workload"]["requests"][0]["device"] = "cam-1";
                     }),
                 {InScenario("/networks/0/members"),
                  "a network holds at most 253 devices (one /24 subnet), got 301"}}),
        FullRun({"run_more_wifi_stations_than_associate_in_time",
                 Tool::Run,
                 Scenario(
                     [](json& j)
                     {
                         j["devices"][1]["count"] = 65;
                         j["workload"]["requests"][0]["device"] = "cam-1";
                         j["networks"][0] = {{"name", "wlan"},
                                             {"type", "wifi"},
                                             {"access_point", "edge"},
                                             {"members", {"cam"}}};
                     }),
                 {InScenario("/networks/0/members"),
                  "a Wi-Fi network holds at most 64 stations besides its access point (more do "
                  "not all associate before plan time 0), got 65"}}),
        // Requests and models.
        {"run_request_from_unknown_device",
         Tool::Run,
         Scenario([](json& j) { j["workload"]["requests"][0]["device"] = "camm"; }),
         {InScenario("/workload/requests/0/device"),
          "unknown device \"camm\" (did you mean \"cam\"?)"}},
        {"run_unknown_model_name",
         Tool::Run,
         Scenario([](json& j) { j["workload"]["requests"][0]["model"] = "tinny"; }),
         {InScenario("/workload/requests/0/model"),
          "unknown model \"tinny\": no file {dir}/models/tinny.json (did you mean \"tiny\"?)"}},
        {"run_model_file_missing",
         Tool::Run,
         Scenario([](json& j) { j["workload"]["requests"][0]["model"] = "models/absent.json"; }),
         {InScenario("/workload/requests/0/model"),
          "model file {dir}/models/absent.json does not exist"}},
        {"run_model_truncated",
         Tool::Run,
         ScenarioWithBadModel(Truncated(TinyModel().dump(2))),
         {InScenario("/workload/requests/0/model"), "{dir}/models/bad.json: not valid JSON"}},
        {"run_model_negative_kernel",
         Tool::Run,
         ScenarioWithBadModel(Changed(TinyModel(), [](json& m) { m["layers"][0]["kernel"] = -1; })),
         {InScenario("/workload/requests/0/model"),
          "{dir}/models/bad.json: /layers/0/kernel: must be a positive integer, got -1"}},
        {"run_model_shape_of_wrong_type",
         Tool::Run,
         ScenarioWithBadModel(Changed(TinyModel(), [](json& m) { m["input"]["shape"] = "3x8x8"; })),
         {InScenario("/workload/requests/0/model"),
          "{dir}/models/bad.json: /input/shape: must be a list, got \"3x8x8\""}},
        {"run_model_larger_than_every_memory",
         Tool::Run,
         Scenario(
             [](json& j) {
                 j["profiles"] = {{"rpi4", {{"memory", "5kB"}}},
                                  {"edge-server", {{"memory", "5kB"}}}};
             }),
         {InScenario("/workload/requests/0"),
          "model \"tiny\": task \"r0/fc\" needs 10280 bytes of weights (10.3 kB), more than any "
          "device's memory (largest: 5.0 kB)"}},
        FullRun(OutExists({"run_workload_larger_than_all_memory",
                           Tool::Run,
                           Scenario(
                               [](json& j)
                               {
                                   // In 2 pieces the tasks need at most 5140 bytes; the
                                   // tiny model's 10728 bytes, held once for the 3
                                   // requests, do not fit 2 x 5.2 kB.
                                   j["profiles"] = {{"rpi4", {{"memory", "5.2kB"}}},
                                                    {"edge-server", {{"memory", "5.2kB"}}}};
                                   j["workload"]["partitioning"] = "piecewise";
                                   j["workload"]["pieces"] = 2;
                                   j["workload"]["requests"][0]["count"] = 3;
                               }),
                           {InScenario("/workload/requests"),
                            "the 3 requests' tasks need 10.7 kB of distinct weights together",
                            "more than all devices' memory together (10.4 kB)"}})),
        FullRun({"run_power_that_drains_the_energy_source",
                 Tool::Run,
                 Scenario(
                     [](json& j) {
                         j["profiles"] = {{"rpi4", {{"busy_power", "999999999999W"}}}};
                     }),
                 {InScenario("/devices/1"), "device \"cam\" may draw 1e+12 W",
                  "J energy source of a simulated node, which would run dry"}}),
        FullRun({"run_device_too_slow_for_ns3",
                 Tool::Run,
                 Scenario(
                     [](json& j) {
                         j["profiles"] = {{"rpi4", {{"speed", "0.000001FLOPS"}}}};
                     }),
                 {InScenario("/devices/1"), "task \"r0/conv1\" of model \"tiny\"",
                  "on device \"cam\"", "longer than 1000000000s"}}),
        // Busy power is the draw with every core busy; each busy core adds (busy - idle) /
        // cores, which must not be negative.
        {"run_busy_power_below_idle",
         Tool::Run,
         Scenario(
             [](json& j) {
                 j["profiles"] = {{"rpi4", {{"base", "rpi4"}, {"busy_power", "1W"}}}};
             }),
         {InScenario("/profiles/rpi4/busy_power"),
          "busy_power (1 W) is below idle_power (5 W); busy_power is the draw with every core "
          "busy"}},
        {"run_zero_pieces",
         Tool::Run,
         Scenario([](json& j) { j["workload"]["pieces"] = 0; }),
         {InScenario("/workload/pieces"), "must be between 1 and 256, got 0"}},
        // Issue 15: 999,999 pieces (the old bound) never started: every piece of a linear
        // layer feeds every piece of the next.
        {"run_too_many_pieces",
         Tool::Run,
         Scenario(
             [](json& j)
             {
                 j["workload"]["partitioning"] = "piecewise";
                 j["workload"]["pieces"] = 999999;
             }),
         {InScenario("/workload/pieces"), "must be between 1 and 256, got 999999"}},
        // Schedulers.
        {"run_unknown_scheduler",
         Tool::Run,
         Scenario([](json& j) { j["schedulers"][0] = "hfet"; }),
         {InScenario("/schedulers/0"), "unknown scheduler \"hfet\"", "did you mean \"heft\"?"}},
        // Names that name files: checked at load time, not after planning.
        {"run_scenario_name_too_long_for_its_partial_folder",
         Tool::Run,
         Scenario([](json& j) { j["name"] = std::string(300, 'n'); }),
         {InScenario("/name"), "is 300 characters long; at most 235 (it names the results folder"}},
        {"run_scenario_name_hidden",
         Tool::Run,
         Scenario([](json& j) { j["name"] = ".calibration-cache"; }),
         {InScenario("/name"), "\".calibration-cache\" starts with '.'"}},
        {"run_scheduler_label_too_long",
         Tool::Run,
         Scenario(
             [](json& j) {
                 j["schedulers"][0] = {{"name", "heft"}, {"label", std::string(300, 'l')}};
             }),
         {InScenario("/schedulers/0/label"),
          "is 300 characters long; at most 255 (it names the scheduler's folder"}},
        {"run_scheduler_label_comparison_csv",
         Tool::Run,
         Scenario(
             [](json& j) {
                 j["schedulers"][0] = {{"name", "heft"}, {"label", "comparison.csv"}};
             }),
         {InScenario("/schedulers/0/label"),
          "\"comparison.csv\" is the name of a file dnn-offload-run writes into the results "
          "folder",
          "choose another label"}},
        {"run_scheduler_label_scenario_json",
         Tool::Run,
         Scenario(
             [](json& j) {
                 j["schedulers"][0] = {{"name", "heft"}, {"label", "scenario.json"}};
             }),
         {InScenario("/schedulers/0/label"), "\"scenario.json\" is the name of a file"}},
        {"run_scheduler_label_marker",
         Tool::Run,
         Scenario(
             [](json& j) {
                 j["schedulers"][0] = {{"name", "heft"}, {"label", ".dnn-offload-results"}};
             }),
         {InScenario("/schedulers/0/label"), "\".dnn-offload-results\" starts with '.'"}},
        {"run_unknown_scheduler_attribute",
         Tool::Run,
         Scenario(
             [](json& j) {
                 j["schedulers"][0] = {{"name", "psoga"}, {"attributes", {{"Particle", 4}}}};
             }),
         {InScenario("/schedulers/0/attributes/Particle"),
          "no attribute \"Particle\" on ns3::DnnPsoGaScheduler (did you mean \"Particles\"?)"}},
        {"run_bad_scheduler_attribute_value",
         Tool::Run,
         Scenario(
             [](json& j) {
                 j["schedulers"][0] = {{"name", "psoga"}, {"attributes", {{"Iterations", "many"}}}};
             }),
         {InScenario("/schedulers/0/attributes/Iterations"),
          "bad value \"many\" for attribute \"Iterations\" of ns3::DnnPsoGaScheduler"}},
        {"run_scheduler_attribute_overflow",
         Tool::Run,
         Scenario(
             [](json& j) {
                 j["schedulers"][0] = {{"name", "ga"},
                                       {"attributes", {{"Population", 4294967297ULL}}}};
             }),
         {InScenario("/schedulers/0/attributes/Population"), "bad value \"4294967297\""}},
        // The command line.
        Extra({"run_unknown_scheduler_option",
               Tool::Run,
               Scenario([](json&) {}),
               {"--schedulers: unknown scheduler \"peftt\"", "did you mean \"peft\"?"}},
              "--schedulers=heft,peftt"),
        OutExists(Extra({"run_seed_not_a_number",
                         Tool::Run,
                         Scenario([](json&) {}),
                         {"--seed needs a whole number from 1 to 4294967295", "got \"abc\""}},
                        "--seed=abc")),
        // Issue 15: 0 was silently taken for "the scenario's".
        Extra({"run_seed_zero",
               Tool::Run,
               Scenario([](json&) {}),
               {"--seed needs a whole number from 1 to 4294967295 (--seed=N), got \"0\""}},
              "--seed=0"),
        // Issue 15: an empty value printed ns-3's usage and exited 1.
        Extra({"run_out_empty",
               Tool::Run,
               Scenario([](json&) {}),
               {"--out needs a value (--out=...), got an empty one"}},
              "--out="),
        Extra({"inspect_dot_empty",
               Tool::Inspect,
               Model(TinyModel().dump(2)),
               {"--dot needs a value (--dot=...), got an empty one"}},
              "--dot="),
        Extra({"schedule_format_empty",
               Tool::Schedule,
               Instance(BaseInstance().dump(2)),
               {"--format needs a value (--format=...), got an empty one"}},
              "--format="),
        Extra({"run_run_number_zero",
               Tool::Run,
               Scenario([](json&) {}),
               {"--run needs a whole number from 1 to 4294967295 (--run=N), got \"0\""}},
              "--run=0"),
        Extra({"run_negative_run_number",
               Tool::Run,
               Scenario([](json&) {}),
               {"--run needs a whole number", "got \"-1\""}},
              "--run=-1"),
        Extra({"run_plan_only_not_a_boolean",
               Tool::Run,
               Scenario([](json&) {}),
               {"--plan-only: \"maybe\" is not true or false"}},
              "--plan-only=maybe"),
        Extra({"run_unknown_option",
               Tool::Run,
               Scenario([](json&) {}),
               {"unknown option --schedulrs (did you mean --schedulers?)"}},
              "--schedulrs=heft"),
        Extra({"run_unknown_attribute_option",
               Tool::Run,
               Scenario([](json&) {}),
               {"--ns3::PsoGaScheduler::Particle: ns3::PsoGaScheduler has no attribute "
                "\"Particle\" (did you mean \"Particles\"?)"}},
              "--ns3::PsoGaScheduler::Particle=4"),
        // Issue 15: ns-3 aborted (status 134) on a global value it cannot parse, and
        // dnn-offload-run silently overrode a valid --RngRun with the scenario's run.
        Extra({"run_rng_run_global",
               Tool::Run,
               Scenario([](json&) {}),
               {"--RngRun: this program sets it from --run (use --run=N)"}},
              "--RngRun=abc"),
        Extra({"inspect_rng_run_not_a_number",
               Tool::Inspect,
               Model(TinyModel().dump(2)),
               {"--RngRun: \"abc\" is not a valid value (a whole number from 0)"}},
              "--RngRun=abc"),
        Extra({"schedule_checksum_not_a_boolean",
               Tool::Schedule,
               Instance(BaseInstance().dump(2)),
               {"--ChecksumEnabled: \"maybe\" is not a valid value (true or false)"}},
              "--ChecksumEnabled=maybe"),
        Extra({"schedule_attribute_option_not_a_number",
               Tool::Schedule,
               Instance(BaseInstance().dump(2)),
               {"--ns3::DnnGaScheduler::Population: \"lots\" is not a valid value"}},
              "--ns3::DnnGaScheduler::Population=lots"),
    };
}

/** Instance cases (dnn-offload-schedule). */
std::vector<BadInput>
InstanceCases()
{
    const std::string base = BaseInstance().dump(2);
    std::string costAs1e400 = base;
    costAs1e400.replace(costAs1e400.find("4"), 1, "1e400");
    const auto changed = [](const std::function<void(json&)>& change)
    {
        return Instance(Changed(BaseInstance(), change));
    };
    const auto saga = [](const std::function<void(json&)>& change)
    {
        return Instance(Changed(BaseSaga(), change));
    };
    const auto at = [](const std::string& path)
    {
        return At("instance.json", path);
    };

    return {
        {"schedule_truncated_json",
         Tool::Schedule,
         Instance(Truncated(base)),
         {at(""), "not valid JSON: parse error at line "}},
        {"schedule_top_level_array",
         Tool::Schedule,
         Instance("[" + base + "]"),
         {at(""), "must be an object (one instance, or {\"instances\": [...]}), got a list"}},
        {"schedule_blank_file", Tool::Schedule, Instance("   \n"), {at(""), "not valid JSON"}},
        {"schedule_non_utf8_bytes",
         Tool::Schedule,
         Instance("{\"name\": \"\xc3\x28\"}"),
         {at(""), "ill-formed UTF-8 byte"}},
        // Issue 15: 20,000 processors in a 300 KB file took 20 GB (link figures per pair).
        {"schedule_too_many_processors",
         Tool::Schedule,
         Instance(
             []()
             {
                 json j = BaseInstance();
                 j["processors"] = json::array();
                 for (int p = 0; p < 1001; ++p)
                 {
                     j["processors"].push_back("P" + std::to_string(p));
                 }
                 return j.dump();
             }()),
         {at("/processors"), "more than 1000 processors (1001)"}},
        {"schedule_number_beyond_a_double",
         Tool::Schedule,
         Instance(costAs1e400),
         {at("/tasks/0/cost/1"), "the number 1e400 is out of range"}},
        {"schedule_huge_cost",
         Tool::Schedule,
         changed([](json& j) { j["tasks"][0]["cost"][0] = 1e308; }),
         {at("/tasks/0/cost/0"), "must be at most 1e15 in magnitude"}},
        {"schedule_tiny_bandwidth",
         Tool::Schedule,
         changed([](json& j) { j["bandwidth"] = 1e-300; }),
         {at("/bandwidth"), "must be at least 1e-15"}},
        {"schedule_zero_bandwidth",
         Tool::Schedule,
         changed([](json& j) { j["bandwidth"] = 0; }),
         {at("/bandwidth"), "must be positive, got 0"}},
        {"schedule_negative_cost",
         Tool::Schedule,
         changed([](json& j) { j["tasks"][1]["cost"][1] = -1; }),
         {at("/tasks/1/cost/1"), "must not be negative, got -1"}},
        {"schedule_negative_data",
         Tool::Schedule,
         changed([](json& j) { j["edges"][0]["data"] = -6; }),
         {at("/edges/0/data"), "must not be negative, got -6"}},
        {"schedule_negative_release",
         Tool::Schedule,
         changed([](json& j) { j["tasks"][0]["release"] = -3; }),
         {at("/tasks/0/release"), "must not be negative, got -3"}},
        {"schedule_cost_as_string",
         Tool::Schedule,
         changed([](json& j) { j["tasks"][0]["cost"][0] = "2"; }),
         {at("/tasks/0/cost/0"), "must be a number, got \"2\""}},
        {"schedule_cycle",
         Tool::Schedule,
         changed(
             [](json& j) {
                 j["edges"].push_back({{"from", "B"}, {"to", "A"}, {"data", 1}});
             }),
         {at("/edges"), "cycle: "}},
        {"schedule_cost_list_shorter_than_processors",
         Tool::Schedule,
         changed([](json& j) { j["tasks"][0]["cost"] = {2}; }),
         {at("/tasks/0/cost"), "has 1 entries but there are 2 processors"}},
        {"schedule_bandwidth_matrix_of_wrong_size",
         Tool::Schedule,
         changed(
             [](json& j) {
                 j["bandwidth"] = {{0, 1, 1}, {1, 0, 1}, {1, 1, 0}};
             }),
         {at("/bandwidth"), "must have 2 rows"}},
        {"schedule_latency_row_of_wrong_size",
         Tool::Schedule,
         changed(
             [](json& j) {
                 j["latency"] = {{0, 1}, {1}};
             }),
         {at("/latency/1"), "must have 2 entries, one per receiving processor, got 1"}},
        {"schedule_unknown_key",
         Tool::Schedule,
         changed([](json& j) { j["tasks"][0]["relase"] = 1; }),
         {at("/tasks/0/relase"), "unknown key \"relase\" (did you mean \"release\"?)"}},
        {"schedule_empty_processors",
         Tool::Schedule,
         changed([](json& j) { j["processors"] = json::array(); }),
         {at("/processors"), "must not be empty"}},
        {"schedule_empty_tasks",
         Tool::Schedule,
         changed([](json& j) { j["tasks"] = json::array(); }),
         {at("/tasks"), "must not be empty"}},
        {"schedule_edge_to_unknown_task",
         Tool::Schedule,
         changed([](json& j) { j["edges"][0]["to"] = "BB"; }),
         {at("/edges/0/to"), "no task is named \"BB\" (did you mean \"B\"?)"}},
        {"schedule_duplicate_processor",
         Tool::Schedule,
         changed([](json& j) { j["processors"][1] = "P0"; }),
         {at("/processors/1"), "processor name \"P0\" is used twice"}},
        {"schedule_task_that_runs_nowhere",
         Tool::Schedule,
         changed(
             [](json& j) {
                 j["tasks"][1]["cost"] = {nullptr, nullptr};
             }),
         {at("/tasks/1/cost"), "task \"B\" can run on no processor"}},
        {"schedule_saga_zero_speed",
         Tool::Schedule,
         saga([](json& j) { j["network"]["nodes"][1]["speed"] = 0; }),
         {at("/network/nodes/1/speed"), "must be positive, got 0"}},
        {"schedule_saga_negative_size",
         Tool::Schedule,
         saga([](json& j) { j["task_graph"]["dependencies"][0]["size"] = -3; }),
         {at("/task_graph/dependencies/0/size"), "must not be negative, got -3"}},
        {"schedule_saga_missing_link",
         Tool::Schedule,
         saga([](json& j) { j["network"]["edges"] = json::array(); }),
         {at("/network/edges"), "no link between \"n0\" and \"n1\""}},
        Extra({"schedule_unknown_scheduler",
               Tool::Schedule,
               Instance(base),
               {"--scheduler: unknown scheduler \"hfet\"", "did you mean \"heft\"?"}},
              "--scheduler=hfet"),
        Extra({"schedule_seed_not_an_integer",
               Tool::Schedule,
               Instance(base),
               {"--seed needs a whole number from 0 to 4294967295", "got \"1.5\""}},
              "--seed=1.5"),
        Target({"schedule_directory_as_instance",
                Tool::Schedule,
                {{"sub/instance.json", base}},
                {"{dir}/sub: is a directory, not a JSON file"}},
               "sub"),
    };
}

/** Model cases (dnn-offload-inspect). */
std::vector<BadInput>
ModelCases()
{
    const std::string base = TinyModel().dump(2);
    std::string channelsAs1e400 = base;
    channelsAs1e400.replace(channelsAs1e400.find("\"out_channels\": 4"), 17,
                            "\"out_channels\": 1e400");
    const auto changed = [](const std::function<void(json&)>& change)
    {
        return Model(Changed(TinyModel(), change));
    };
    const auto at = [](const std::string& path)
    {
        return At("model.json", path);
    };
    const uint64_t huge = uint64_t{1} << 40;

    return {
        {"inspect_truncated_json",
         Tool::Inspect,
         Model(Truncated(base)),
         {at(""), "not valid JSON: parse error at line "}},
        {"inspect_top_level_array",
         Tool::Inspect,
         Model("[" + base + "]"),
         {at(""), "must be an object, got a list"}},
        {"inspect_number_beyond_a_double",
         Tool::Inspect,
         Model(channelsAs1e400),
         {at("/layers/0/out_channels"), "the number 1e400 is out of range"}},
        {"inspect_empty_layers",
         Tool::Inspect,
         changed([](json& m) { m["layers"] = json::array(); }),
         {at("/layers"), "must not be empty"}},
        {"inspect_negative_out_channels",
         Tool::Inspect,
         changed([](json& m) { m["layers"][0]["out_channels"] = -4; }),
         {at("/layers/0/out_channels"), "must be a positive integer, got -4"}},
        {"inspect_kernel_larger_than_input",
         Tool::Inspect,
         changed(
             [](json& m)
             {
                 m["layers"][0]["kernel"] = 11;
                 m["layers"][0]["padding"] = 0;
             }),
         {at("/layers/0/kernel"), "kernel height 11 is larger than the padded input height 8"}},
        {"inspect_unknown_layer_type",
         Tool::Inspect,
         changed([](json& m) { m["layers"][0]["type"] = "convv"; }),
         {at("/layers/0/type"), "\"convv\" is not one of", "(did you mean \"conv\"?)"}},
        {"inspect_unknown_layer_key",
         Tool::Inspect,
         changed([](json& m) { m["layers"][0]["kernal"] = 3; }),
         {at("/layers/0/kernal"), "unknown key \"kernal\" (did you mean \"kernel\"?)"}},
        {"inspect_shape_of_wrong_type",
         Tool::Inspect,
         changed([](json& m) { m["input"]["shape"] = "3x8x8"; }),
         {at("/input/shape"), "must be a list, got \"3x8x8\""}},
        {"inspect_figures_overflow_64_bits",
         Tool::Inspect,
         changed(
             [=](json& m)
             {
                 m["layers"][0]["out_channels"] = huge;
                 m["layers"][1] = {
                     {"name", "conv2"}, {"type", "conv"}, {"out_channels", huge}, {"kernel", 3}};
             }),
         {at("/layers/1"), "its figures overflow 64-bit counters"}},
        {"inspect_input_with_too_many_elements",
         Tool::Inspect,
         changed(
             [=](json& m) {
                 m["input"]["shape"] = {huge, huge, huge};
             }),
         {at("/input/shape"), "the input has too many elements to count"}},
        {"inspect_layer_cycle",
         Tool::Inspect,
         changed(
             [](json& m)
             {
                 m["layers"][1]["inputs"] = {"flat"};
                 m["layers"][2]["inputs"] = {"relu1"};
             }),
         {at("/layers"), "cycle: "}},
        {"inspect_unknown_input_name",
         Tool::Inspect,
         changed([](json& m) { m["layers"][2]["inputs"] = {"relu2"}; }),
         {at("/layers/2/inputs/0"), "no layer is named \"relu2\" (did you mean \"relu1\"?)"}},
        Target({"inspect_missing_file",
                Tool::Inspect,
                Model(base),
                {"{dir}/absent.json: cannot open the file"}},
               "absent.json"),
        Extra({"inspect_bad_partition",
               Tool::Inspect,
               Model(base),
               {"--partition: \"piecewise:0\"", "must be a whole number from 1 to 256"}},
              "--partition=piecewise:0"),
        Extra({"inspect_too_many_pieces",
               Tool::Inspect,
               Model(base),
               {"--partition: \"piecewise:999999\"", "must be a whole number from 1 to 256"}},
              "--partition=piecewise:999999"),
        Extra({"inspect_bad_model_writes_no_graph",
               Tool::Inspect,
               changed([](json& m) { m["layers"][3]["out_features"] = 0; }),
               {at("/layers/3/out_features"), "must be a positive integer, got 0"}},
              "--dot={dir}/graph.dot --graph-json={dir}/graph.json"),
    };
}

/** Output paths the tools refuse (issue 15, class 1): nothing is written or deleted. */
std::vector<BadInput>
OutputPathCases()
{
    const auto scenario = Scenario([](json&) {});
    auto with = [&](std::vector<std::pair<std::string, std::string>> more)
    {
        auto files = scenario;
        files.insert(files.end(), more.begin(), more.end());
        return files;
    };
    const std::string model = TinyModel().dump(2);
    return {
        Out({"run_out_is_the_current_folder",
             Tool::Run,
             scenario,
             {"--out: ", " is the current folder or holds it"}},
            "."),
        Out({"run_out_holds_the_scenario",
             Tool::Run,
             scenario,
             {"--out: {dir} is or holds {dir}/scenario.json, which the run reads"}},
            "{dir}"),
        Out({"run_out_dot_dot_holds_the_scenario",
             Tool::Run,
             scenario,
             {"--out: {dir} is or holds {dir}/scenario.json"}},
            "{dir}/models/.."),
        Link(Out({"run_out_link_to_the_scenario",
                  Tool::Run,
                  scenario,
                  {"--out: {dir}/scenario.json is or holds {dir}/scenario.json"}},
                 "{dir}/link"),
             "link", "scenario.json"),
        {"run_out_is_a_file",
         Tool::Run,
         with({{"out", "mine"}}),
         {"--out: {dir}/out exists and is not a folder"}},
        Out({"run_out_is_dev_null",
             Tool::Run,
             scenario,
             {"--out: /dev/null exists and is not a folder"}},
            "/dev/null"),
        Link({"run_out_is_a_dangling_link",
              Tool::Run,
              scenario,
              {"--out: {dir}/out is a symbolic link that leads nowhere"}},
             "out", "nowhere"),
        {"run_out_has_foreign_files",
         Tool::Run,
         with({{"out/notes.txt", "mine"}}),
         {"--out: {dir}/out is not empty and holds no earlier result", "--force"}},
        Out({"run_out_with_trailing_slash_has_foreign_files",
             Tool::Run,
             with({{"out/notes.txt", "mine"}}),
             {"--out: {dir}/out is not empty and holds no earlier result"}},
            "{dir}/out/"),
        {"run_out_old_result_without_marker",
         Tool::Run,
         with({{"out/comparison.csv", "scheduler\n"}, {"out/scenario.json", "{}"}}),
         {"--out: {dir}/out is not empty and holds no earlier result (no .dnn-offload-results)"}},
        Extra({"run_out_force_over_a_file_named_like_a_result",
               Tool::Run,
               with({{"out/comparison.csv", "mine\n"}}),
               {"--out: {dir}/out/comparison.csv is in the way and dnn-offload-run did not "
                "write it"}},
              "--force"),
        Link(Extra({"run_out_force_over_a_scheduler_folder_link",
                    Tool::Run,
                    with({{"out/notes.txt", "mine\n"}, {"elsewhere/keep.txt", "mine\n"}}),
                    {"--out: {dir}/out/heft is in the way"}},
                   "--force"),
             "out/heft", "../elsewhere"),
        Extra({"inspect_dot_is_the_model",
               Tool::Inspect,
               Model(model),
               {"--dot: {dir}/model.json is the input {dir}/model.json"}},
              "--dot={dir}/model.json"),
        Extra({"inspect_graph_json_is_the_model_by_dot_dot",
               Tool::Inspect,
               Model(model),
               {"--graph-json: {dir}/sub/../model.json is the input {dir}/model.json"}},
              "--graph-json={dir}/sub/../model.json"),
        Link(Extra({"inspect_dot_is_a_link_to_the_model",
                    Tool::Inspect,
                    Model(model),
                    {"--dot: {dir}/graph.dot is a symbolic link"}},
                   "--dot={dir}/graph.dot"),
             "graph.dot", "model.json"),
        Extra({"inspect_dot_is_dev_null",
               Tool::Inspect,
               Model(model),
               {"--dot: /dev/null exists and is not a regular file"}},
              "--dot=/dev/null"),
        Extra({"inspect_graph_json_is_a_folder",
               Tool::Inspect,
               Model(model),
               {"--graph-json: {dir} is a folder"}},
              "--graph-json={dir}"),
        Extra({"inspect_dot_and_graph_json_are_one_file",
               Tool::Inspect,
               Model(model),
               {"--graph-json: {dir}/./graph is also the --dot file"}},
              "--dot={dir}/graph --graph-json={dir}/./graph"),
    };
}

/**
 * Issue 15: inputs that are not ordinary small text (FIFOs, devices, directories, huge
 * files), work a small file could make unbounded (did-you-mean, "base" chains, scheduler
 * attributes) and control characters in messages.
 */
std::vector<BadInput>
HostileInputCases()
{
    // 20,000 profiles, each based on the next: p0 -> p1 -> ... -> p19999 -> rpi4.
    const auto deepBase = [](json& j)
    {
        for (int i = 0; i < 20000; ++i)
        {
            j["profiles"]["p" + std::to_string(i)] = {
                {"base", i + 1 < 20000 ? "p" + std::to_string(i + 1) : std::string("rpi4")}};
        }
        j["devices"][1]["profile"] = "p0";
    };
    // 10,000 profiles and a device naming a 1.5 MB one.
    const auto hugeName = [](json& j)
    {
        for (int i = 0; i < 10000; ++i)
        {
            j["profiles"]["profile" + std::to_string(i)] = {{"base", "rpi4"}};
        }
        j["devices"][1]["profile"] = std::string(1500000, 'q');
    };
    const auto attribute = [](const std::string& scheduler, const std::string& name, uint64_t value)
    {
        return Scenario(
            [=](json& j) {
                j["schedulers"][0] = {{"name", scheduler}, {"attributes", {{name, value}}}};
            });
    };
    const std::string instance = BaseInstance().dump(2);
    return {
        // Files that are not ordinary, small text.
        Setup(Target({"run_fifo_as_scenario",
                      Tool::Run,
                      ScenarioText(BaseScenario().dump(2)),
                      {"{dir}/fifo.json: is not a regular file (a FIFO); give a JSON file"}},
                     "fifo.json"),
              [](const fs::path& dir) { MakeFifo(dir / "fifo.json"); }),
        Setup(Target({"schedule_fifo_as_instance",
                      Tool::Schedule,
                      Instance(instance),
                      {"{dir}/fifo.json: is not a regular file (a FIFO)"}},
                     "fifo.json"),
              [](const fs::path& dir) { MakeFifo(dir / "fifo.json"); }),
        Setup(Target({"inspect_dev_zero_as_model",
                      Tool::Inspect,
                      Model(TinyModel().dump(2)),
                      {"{dir}/zero.json: is not a regular file (a character device)"}},
                     "zero.json"),
              [](const fs::path& dir) { fs::create_symlink("/dev/zero", dir / "zero.json"); }),
        Setup({"schedule_sparse_8_gib_instance",
               Tool::Schedule,
               Instance(instance),
               {"{dir}/instance.json: is 8589934592 bytes, more than the limit of 67108864 "
                "bytes (set DNN_MAX_INPUT_BYTES to raise it)"}},
              [](const fs::path& dir) { fs::resize_file(dir / "instance.json", 8ULL << 30); }),
        Env({"run_scenario_over_the_size_set_by_environment",
             Tool::Run,
             Scenario([](json&) {}),
             {InScenario(""), "more than the limit of 100 bytes"}},
            "DNN_MAX_INPUT_BYTES", "100"),
        Env({"inspect_size_limit_not_a_number",
             Tool::Inspect,
             Model(TinyModel().dump(2)),
             {"environment variable DNN_MAX_INPUT_BYTES: must be a positive integer number of "
              "bytes, got \"64MiB\""}},
            "DNN_MAX_INPUT_BYTES", "64MiB"),
        Setup({"run_directory_as_model",
               Tool::Run,
               Scenario([](json& j) { j["workload"]["requests"][0]["model"] = "vgg"; }),
               {InScenario("/workload/requests/0/model"),
                "models/vgg.json: is a directory, not a JSON file"}},
              [](const fs::path& dir) { fs::create_directories(dir / "models" / "vgg.json"); }),
        Setup({"run_fifo_as_model",
               Tool::Run,
               Scenario([](json& j) { j["workload"]["requests"][0]["model"] = "models/f.json"; }),
               {InScenario("/workload/requests/0/model"),
                "models/f.json: is not a regular file (a FIFO)"}},
              [](const fs::path& dir) { MakeFifo(dir / "models" / "f.json"); }),
        // Work a small file could make unbounded.
        {"run_profile_base_chain_of_20000",
         Tool::Run,
         Scenario(deepBase),
         {InScenario("/profiles/p63/base"),
          "profile \"p63\": the chain of \"base\" profiles is longer than 64 levels"}},
        {"run_did_you_mean_over_10000_profiles_with_a_1_5_mb_name",
         Tool::Run,
         Scenario(hugeName),
         {InScenario("/devices/1/profile"), "unknown profile \"qqqq"}},
        {"inspect_arrays_nested_300_deep",
         Tool::Inspect,
         Model("{\"name\": " + std::string(300, '[') + std::string(300, ']') + "}"),
         {"{dir}/model.json: /name/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0",
          "/0: objects and arrays nested more than 256 levels deep"}},
        {"schedule_100000_nested_objects",
         Tool::Schedule,
         Instance(
             []
             {
                 std::string text;
                 for (int i = 0; i < 100000; ++i)
                 {
                     text += "{\"a\": ";
                 }
                 return text + "1" + std::string(100000, '}');
             }()),
         {"{dir}/instance.json: /a/a/a/a/a/a/a/a",
          "/a: objects and arrays nested more than 256 levels"}},
        {"run_local_search_blocks_unbounded",
         Tool::Run,
         attribute("memetic-psoga", "LocalSearchBlocks", 4294967295ULL),
         {InScenario("/schedulers/0/attributes/LocalSearchBlocks"),
          "bad value \"4294967295\" for attribute \"LocalSearchBlocks\"", "0:64"}},
        Extra({"run_attribute_option_beyond_range",
               Tool::Run,
               Scenario([](json&) {}),
               {"--ns3::DnnMemeticPsoGaScheduler::LocalSearchBlocks: \"4294967295\" is not a "
                "valid value"}},
              "--ns3::DnnMemeticPsoGaScheduler::LocalSearchBlocks=4294967295"),
        {"run_particles_beyond_range",
         Tool::Run,
         attribute("psoga", "Particles", 10001),
         {InScenario("/schedulers/0/attributes/Particles"), "bad value \"10001\"", "1:10000"}},
        {"run_iterations_beyond_range",
         Tool::Run,
         attribute("memetic-psoga", "Iterations", 4000000000ULL),
         {InScenario("/schedulers/0/attributes/Iterations"), "bad value \"4000000000\"",
          "0:100000"}},
        {"run_generations_beyond_range",
         Tool::Run,
         attribute("ga", "Generations", 100001),
         {InScenario("/schedulers/0/attributes/Generations"), "bad value \"100001\""}},
        {"run_greedy_block_size_beyond_range",
         Tool::Run,
         attribute("greedy", "BlockSize", 65),
         {InScenario("/schedulers/0/attributes/BlockSize"), "bad value \"65\"", "1:64"}},
        // Control characters in messages: escaped, one line.
        {"run_key_with_a_newline",
         Tool::Run,
         Scenario([](json& j) { j["na\nme"] = 1; }),
         {InScenario("/na\\nme"), "unknown key \"na\\nme\""}},
        {"run_key_with_a_terminal_escape",
         Tool::Run,
         Scenario([](json& j) { j["\x1b[2J\x1b[31mred"] = 1; }),
         {InScenario("/\\x1b[2J\\x1b[31mred"), "unknown key \"\\x1b[2J\\x1b[31mred\""}},
        {"run_key_with_a_nul",
         Tool::Run,
         Scenario([](json& j) { j[std::string("a\0b", 3)] = 1; }),
         {InScenario("/a\\0b"), "unknown key \"a\\0b\" (allowed here"}},
        {"model_layer_name_with_a_bell_and_a_newline_reported_escaped",
         Tool::Inspect,
         Model(Changed(TinyModel(), [](json& j) { j["layers"][1]["inputs"] = {"co\anv\n1"}; })),
         {At("model.json", "/layers/1/inputs/0"), "co\\x07nv\\n1"}},
        Extra({"schedule_scheduler_option_with_an_escape",
               Tool::Schedule,
               Instance(instance),
               {"--scheduler: unknown scheduler \"he\\x1bft\""}},
              "--scheduler=\"$(printf 'he\\033ft')\""),
    };
}

/** Every case. */
std::vector<BadInput>
AllCases()
{
    std::vector<BadInput> all = ScenarioCases();
    for (auto* more : {&InstanceCases, &ModelCases, &OutputPathCases, &HostileInputCases})
    {
        for (BadInput& c : more())
        {
            all.push_back(std::move(c));
        }
    }
    return all;
}

// ---------------------------------------------------------------------------------------------
// The test.
// ---------------------------------------------------------------------------------------------

/** Replace every "{dir}" in \p text with \p dir. */
std::string
WithDir(std::string text, const std::string& dir)
{
    const std::string key = "{dir}";
    for (std::size_t at = text.find(key); at != std::string::npos; at = text.find(key, at))
    {
        text.replace(at, key.size(), dir);
        at += dir.size();
    }
    return text;
}

/** Every path under \p dir, relative to it. */
std::set<std::string>
Listing(const fs::path& dir)
{
    std::set<std::string> entries;
    for (const auto& entry : fs::recursive_directory_iterator(dir))
    {
        entries.insert(entry.path().lexically_relative(dir).string()); // links not followed
    }
    return entries;
}

/** Runs one case of the table. */
class BadInputTest : public DnnCliTest, public ::testing::WithParamInterface<BadInput>
{
  protected:
    BadInputTest() : DnnCliTest("dnn-offload-run") {}

    void SetUp() override
    {
        DnnCliTest::SetUp();
        const char* tools[] = {"dnn-offload-run", "dnn-offload-schedule", "dnn-offload-inspect"};
        m_tool = std::string(DNN_BINARY_DIR) + "/tools/" + tools[static_cast<int>(GetParam().tool)];
    }
};

TEST_P(BadInputTest, ExitsWithStatusTwoNamingTheProblemAndWritesNothing)
{
    const BadInput& c = GetParam();
    const fs::path dir = m_dir / "case";
    fs::create_directories(dir);
    for (const auto& [name, text] : c.files)
    {
        fs::create_directories((dir / name).parent_path());
        std::ofstream(dir / name, std::ios::binary) << text;
    }
    if (c.setup)
    {
        c.setup(dir);
    }
    if (c.outExists)
    {
        fs::create_directories(dir / "out");
    }
    for (const auto& [link, target] : c.links)
    {
        fs::create_symlink(target, dir / link);
    }
    const std::set<std::string> before = Listing(dir);
    // A file's content, or for a big one (the 8 GiB sparse case) its size and time.
    auto fingerprint = [](const fs::path& file)
    {
        const auto size = fs::file_size(file);
        if (size > (1u << 20))
        {
            return "size " + std::to_string(size) + ", written " +
                   std::to_string(fs::last_write_time(file).time_since_epoch().count());
        }
        return ReadText(file);
    };
    std::map<std::string, std::string> contents;
    for (const std::string& entry : before)
    {
        if (fs::is_regular_file(fs::symlink_status(dir / entry)))
        {
            contents[entry] = fingerprint(dir / entry);
        }
    }

    std::string args;
    switch (c.tool)
    {
    case Tool::Run:
        args = "--scenario=" +
               ShellQuote((dir / (c.target.empty() ? "scenario.json" : c.target)).string()) +
               " --out=" +
               ShellQuote(c.out.empty() ? (dir / "out").string() : WithDir(c.out, dir.string())) +
               (c.fullRun ? "" : " --plan-only");
        break;
    case Tool::Schedule:
        args = "--instance=" +
               ShellQuote((dir / (c.target.empty() ? "instance.json" : c.target)).string()) +
               (c.extra.find("--scheduler=") == std::string::npos ? " --scheduler=heft" : "");
        break;
    case Tool::Inspect:
        args =
            "--model=" + ShellQuote((dir / (c.target.empty() ? "model.json" : c.target)).string()) +
            (c.extra.find("--partition=") == std::string::npos ? " --partition=piecewise:3" : "");
        break;
    }
    if (!c.extra.empty())
    {
        args += " " + WithDir(c.extra, dir.string());
    }
    if (!c.envName.empty())
    {
        setenv(c.envName.c_str(), c.envValue.c_str(), 1);
    }
    const RunResult r = Run(args);
    if (!c.envName.empty())
    {
        unsetenv(c.envName.c_str());
    }

    EXPECT_LT(r.status, 128) << "killed by signal " << r.status - 128 << ": " << r.err;
    EXPECT_EQ(r.status, 2) << r.err;
    EXPECT_TRUE(r.out.empty()) << "the tool got past loading: " << r.out;
    // One message, one line: "error: <file>: <JSON path>: <what is wrong>".
    EXPECT_EQ(r.err.rfind("error: ", 0), 0u) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    for (const std::string& fragment : c.fragments)
    {
        const std::string expected = WithDir(fragment, dir.string());
        EXPECT_TRUE(Contains(r.err, expected)) << "expected: " << expected << "\ngot: " << r.err;
    }
    // Nothing written: no results folder (or the empty one is still empty), no hidden
    // .out.partial-<pid> folder, no --dot or --graph-json file.
    EXPECT_EQ(Listing(dir), before);
    for (const auto& [entry, text] : contents)
    {
        EXPECT_EQ(fingerprint(dir / entry), text) << entry << " changed";
    }
    if (c.outExists)
    {
        EXPECT_TRUE(fs::is_directory(dir / "out") && fs::is_empty(dir / "out"));
    }
    else if (before.count("out") == 0)
    {
        EXPECT_FALSE(fs::exists(dir / "out"));
    }
    EXPECT_TRUE(fs::is_character_file("/dev/null"));
    for (const auto& entry : fs::directory_iterator(dir))
    {
        EXPECT_EQ(entry.path().filename().string().find(".out.partial-"), std::string::npos)
            << entry.path();
    }
}

INSTANTIATE_TEST_SUITE_P(BadInput, BadInputTest, ::testing::ValuesIn(AllCases()),
                         [](const ::testing::TestParamInfo<BadInput>& info)
                         { return info.param.name; });

/** The table covers every tool and enough cases of each. */
TEST(BadInputTableTest, CoversModelsScenariosAndInstances)
{
    const auto all = AllCases();
    EXPECT_GE(all.size(), 40u);
    std::set<std::string> names;
    int perTool[3] = {0, 0, 0};
    for (const BadInput& c : all)
    {
        EXPECT_TRUE(names.insert(c.name).second) << "duplicate case name " << c.name;
        EXPECT_FALSE(c.fragments.empty()) << c.name;
        ++perTool[static_cast<int>(c.tool)];
    }
    EXPECT_GE(perTool[0], 20);
    EXPECT_GE(perTool[1], 10);
    EXPECT_GE(perTool[2], 10);
}

/** The memory check of the runner is per task: cutting a model into pieces can make it fit. */
class BadInputPiecewiseTest : public DnnCliTest
{
  protected:
    BadInputPiecewiseTest() : DnnCliTest("dnn-offload-run") {}
};

TEST_F(BadInputPiecewiseTest, PiecesFitWhereTheWholeLayerDoesNot)
{
    // 8 kB per device: the linear layer's 10280 bytes fit nowhere layer-wise; in 3 pieces
    // (at most 4 of its 10 neurons, 4112 bytes) they do, and the request's 10728 bytes fit
    // the two devices together (16 kB).
    const auto write = [&](const std::string& partitioning)
    {
        fs::create_directories(m_dir / "models");
        WriteFile("models/tiny.json", TinyModel().dump(2));
        return WriteFile("scenario.json",
                         Changed(BaseScenario(),
                                 [&](json& j)
                                 {
                                     j["profiles"] = {{"rpi4", {{"memory", "8kB"}}},
                                                      {"edge-server", {{"memory", "8kB"}}}};
                                     j["workload"]["partitioning"] = partitioning;
                                     j["workload"]["requests"][0]["count"] = 1;
                                 }));
    };
    RunResult r =
        Run("--scenario=" + ShellQuote(write("layerwise").string()) +
            " --plan-only --schedulers=heft --out=" + ShellQuote((m_dir / "out").string()));
    EXPECT_EQ(r.status, 2) << r.err;
    EXPECT_TRUE(Contains(r.err, "task \"r0/fc\" needs 10280 bytes of weights")) << r.err;
    r = Run("--scenario=" + ShellQuote(write("piecewise").string()) +
            " --plan-only --schedulers=heft --out=" + ShellQuote((m_dir / "out").string()));
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_TRUE(fs::exists(m_dir / "out" / "comparison.csv"));
}

} // namespace
