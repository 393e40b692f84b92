/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_SCENARIO_READER_H
#define DNN_SCENARIO_READER_H

#include "ns3/dnn-fault.h"
#include "ns3/dnn-partitioner.h"
#include "ns3/dnn-platform.h"
#include "ns3/dnn-scheduler.h"
#include "ns3/dnn-workload-checks.h"

#include "ns3/ptr.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{

/**
 * \ingroup dnn-offload
 * \brief One scheduler to run: a name for DnnScheduler::Create and attribute overrides.
 */
struct DnnSchedulerSpec
{
    std::string label; //!< name of its output folder and table row (default: name)
    std::string name;  //!< short name ("heft") or TypeId name ("ns3::DnnHeftScheduler", or
                       //!< the old "ns3::HeftScheduler": DnnScheduler::CanonicalTypeName)
    std::vector<std::pair<std::string, std::string>> attributes; //!< attribute, value text
    /** How it sees the network ("network_model"; default label: name + "-shared" when
     *  shared) */
    DnnNetworkModel networkModel{DnnNetworkModel::ContentionFree};
    /** Whether it plans with the calibrated hop models where the scenario has them
     *  ("calibrated"; default: under the shared model yes, under the contention-free one
     *  no, so that contention-free plans keep the nominal figures published reproductions
     *  use). Default label suffixes: "-calibrated" for a calibrated contention-free
     *  scheduler, "-nominal" for an uncalibrated shared one. */
    bool calibrated{false};

    /**
     * \brief Create the scheduler and set its attributes.
     * \return it (throws DnnInputError if the name or an attribute is bad; the message names
     *         the attribute)
     */
    Ptr<DnnScheduler> Create() const;
};

/**
 * \ingroup dnn-offload
 * \brief A scenario file, resolved: the platform, the requests and how to run them.
 *
 * Configuration only: the workload's task graph and scheduling problem are the next stage's
 * (DnnScenarioReader::BuildWorkload(), or the rolling planner window by window).
 */
struct DnnScenario
{
    std::string file;                         //!< the file it came from
    std::string name;                         //!< scenario name (output folder results/<name>/)
    std::string description;                  //!< free text ("" if none)
    uint32_t seed{1};                         //!< RngSeedManager seed
    uint32_t run{1};                          //!< RngSeedManager run number
    DnnPlatform platform;                     //!< devices and networks, profiles resolved
    DnnPartitionConfig partition;             //!< layer-wise or piece-wise, pieces, element bytes
    std::vector<DnnRequest> requests;         //!< ids 0..n-1 by release time (ties: file order)
    std::vector<double> deadlines;            //!< per request latency bound, s (0: none)
    std::vector<DnnSchedulerSpec> schedulers; //!< in file order
    double stopTime{60};                      //!< simulated s after plan time 0 before workers stop
    bool netanim{false};                      //!< write netanim.xml (see netanimAll)
    /** netanim.xml for every scheduler's run ("netanim": "all"), not only the first's */
    bool netanimAll{false};
    /** netanim.xml's energy counter ("netanim_energy") */
    bool netanimEnergy{false};
    bool flowmon{true};                                   //!< write flowmon.xml
    bool pcap{false};                                     //!< write pcap traces
    std::vector<DnnFault> faults;                         //!< device and network faults to inject
    DnnFailurePolicy onFailure{DnnFailurePolicy::Report}; //!< what to do about lost work
    /** The most packet records netanim.xml holds ("netanim_max_packets"; 0: not given, the
     *  simulation's default, DNN_NETANIM_MAX_PACKETS). */
    uint64_t netanimMaxPackets{0};
    /** Rolling-horizon planning: plan the requests released in each window of this many
     *  seconds when the window opens (0: plan the whole workload before the run). */
    double horizon{0};
    /** The networks to calibrate with ns-3 probes before planning (DnnLinkCalibration):
     *  those that pin no efficiency of their own ("efficiency"), when the scenario pins
     *  none either ("planner.efficiency") and does not switch calibration off
     *  ("planner.calibration": false); in network order. */
    std::vector<uint32_t> calibrated;
    /** Where each device came from: the JSON pointer of its entry (device index ->
     *  "/devices/2", a group's replicas share their group's), for messages. */
    std::vector<std::string> devicePaths;
    /** Where each request came from: request id -> the JSON pointer of its entry. */
    std::vector<std::string> requestPaths;
    /** The model files read, as opened, in the order first named (a tool's output must
     *  not be one of them). */
    std::vector<std::string> modelFiles;
};

/**
 * \ingroup dnn-offload
 * \brief Reads scenario files (the format of scenarios/README.md) into DnnScenario.
 *
 * Strict: every key is checked (unknown keys are errors, with a did-you-mean), every value
 * type and range, every name (profiles, devices, groups, networks, models, schedulers and
 * their attributes, with did-you-mean), that every device is on a network and reachable,
 * and, through the problem stage's checks (DnnCheckWorkload(), DnnCheckEnergySources()),
 * that the workload fits the platform and no node's energy source runs dry. Each problem
 * throws one
 * DnnInputError naming the file, the JSON path and what is wrong, e.g.
 * "scenarios/x.json: /networks/0/data_rate: \"100Mbs\" is not a data rate (e.g. \"100Mbps\")".
 *
 * Poisson arrivals: each (request entry, replica) has its own std::mt19937_64 seeded with
 * splitmix64(splitmix64(splitmix64(splitmix64(seed) ^ run) ^ entry) ^ replica) (entry and
 * replica counted from 0); each gap is -mean * log1p(-u) with u = (draw >> 11) * 2^-53, a
 * uniform in [0, 1) with 53 random bits, so the arrivals do not depend on the standard
 * library's distributions. The first arrival is start + one gap.
 */
class DnnScenarioReader
{
  public:
    /**
     * \brief Read and check a scenario file.
     * \param file path of the JSON file; models are looked up relative to its folder
     * \param seed when given, replaces the file's seed (it drives Poisson arrivals)
     * \param run when given, replaces the file's run number
     * \return the scenario; throws DnnInputError (file, JSON path, what is wrong)
     */
    static DnnScenario ReadFile(const std::string& file, std::optional<uint32_t> seed = {},
                                std::optional<uint32_t> run = {});
    /**
     * \brief Read and check a scenario given as text.
     * \param text the JSON text
     * \param file name used in messages and in DnnScenario::file
     * \param baseDir folder models are looked up relative to
     * \param seed when given, replaces the file's seed
     * \param run when given, replaces the file's run number
     * \return the scenario; throws DnnInputError (file, JSON path, what is wrong)
     */
    static DnnScenario ReadText(const std::string& text, const std::string& file,
                                const std::string& baseDir, std::optional<uint32_t> seed = {},
                                std::optional<uint32_t> run = {});

    /**
     * \brief Where a scenario's "model" value points: a name ("alexnet") is
     *        <baseDir>/models/<name>.json (or <name>.onnx when there is no JSON file), a
     *        path (with a '/' or ending in ".json" or ".onnx") is relative to \p baseDir.
     * \param model the value \param baseDir the scenario's folder ("" is ".")
     * \return the file, normalised; throws std::invalid_argument when it does not exist
     *         ("unknown model \"x\": no file ... (did you mean ...)" for a name)
     */
    static std::string ModelFile(const std::string& model, const std::string& baseDir);
    /** \brief Whether a "model" value is a file path rather than a zoo name (it has a '/'
     *  or ends in ".json" or ".onnx"). \param model the value \return true for a path */
    static bool IsModelPath(const std::string& model);

    /**
     * \brief Partition a scenario's requests and build their scheduling problem
     *        (DnnBuildWorkload()), with its errors pointing into the scenario's file.
     * \param scenario a scenario this reader read
     * \return the workload; throws DnnInputError (file, JSON path, what is wrong)
     */
    static DnnWorkload BuildWorkload(const DnnScenario& scenario);
};

} // namespace ns3

#endif /* DNN_SCENARIO_READER_H */
