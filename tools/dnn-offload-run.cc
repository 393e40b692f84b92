/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
/**
 * \file
 * dnn-offload-run: the main job. Reads a scenario, and for each of its schedulers plans,
 * validates and simulates the plan in ns-3, writing DIR/<scheduler>/ (summary.json,
 * tasks.csv, transfers.csv, requests.csv, energy.csv, flowmon.xml, netanim.xml) and then
 * DIR/comparison.csv and DIR/comparison.json, one row per scheduler, and
 * DIR/comparison-summary.json (the rank agreement), and prints the table.
 *
 *   dnn-offload-run --scenario=FILE [--out=DIR] [--schedulers=a,b] [--seed=N] [--run=N]
 *                   [--netanim] [--plan-only] [--calibration-cache=DIR]
 *                   [--ns3::DnnPsoGaScheduler::Particles=100 ...]
 *
 * Before planning, the scenario's networks whose efficiency it does not pin are calibrated
 * with ns-3 probes (DnnLinkCalibration), cached in --calibration-cache (default
 * <parent of DIR>/.calibration-cache); DIR/calibration.json records what was measured.
 *
 * Exit status: 0 on success, 1 when a scheduler produced an invalid schedule (a bug), 2 on
 * bad input (the message names the file and JSON path, or the option). Results are written
 * to a temporary folder next to DIR and moved into place only when every scheduler is done,
 * so a failed run leaves no folder that looks like a result.
 */

#include "dnn-tool.h"
#include "ns3/dnn-offload-module.h"

#include "ns3/command-line.h"
#include "ns3/config.h"
#include "ns3/string.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>

using namespace ns3;
namespace fs = std::filesystem;

namespace
{

/** Apply every --ns3::Type::Attribute=value now, so a bad one is a usage error (exit 2).
 *  \p canonical: the arguments as given to ns-3 (DnnCanonicalArguments()), one for one with
 *  \p written, the arguments as the user wrote them, which the messages name. */
void
CheckAttributeDefaults(const std::vector<std::string>& written,
                       const std::vector<std::string>& canonical)
{
    for (std::size_t i = 1; i < canonical.size(); ++i)
    {
        const std::string& arg = canonical[i];
        const std::size_t start = arg.find_first_not_of('-');
        if (start == std::string::npos)
        {
            continue;
        }
        const std::size_t equals = arg.find('=');
        const std::string name = arg.substr(start, equals - start);
        if (name.find("::") == std::string::npos)
        {
            continue; // not an attribute, though its value may hold "::" (--PrintAttributes)
        }
        const std::string& asWritten = written[i];
        const std::size_t writtenStart = asWritten.find_first_not_of('-');
        const std::string writtenName =
            asWritten.substr(writtenStart, asWritten.find('=') - writtenStart);
        if (equals == std::string::npos)
        {
            throw DnnUsageError("--" + writtenName + " needs a value (--" + writtenName +
                                "=VALUE)");
        }
        const std::string value = arg.substr(equals + 1);
        const std::size_t split = name.rfind("::");
        const std::string writtenType = writtenName.substr(0, writtenName.rfind("::"));
        TypeId tid;
        if (!TypeId::LookupByNameFailSafe(name.substr(0, split), &tid))
        {
            throw DnnUsageError("--" + writtenName + ": no type \"" + writtenType + "\"");
        }
        TypeId::AttributeInformation info;
        if (!tid.LookupAttributeByName(name.substr(split + 2), &info))
        {
            std::vector<std::string> names;
            for (uint32_t a = 0; a < tid.GetAttributeN(); ++a)
            {
                names.push_back(tid.GetAttribute(a).name);
            }
            const std::string guess = DnnDidYouMean(name.substr(split + 2), names);
            throw DnnUsageError("--" + writtenName + ": " + writtenType + " has no attribute \"" +
                                name.substr(split + 2) + "\"" +
                                (guess.empty() ? "" : " (did you mean \"" + guess + "\"?)"));
        }
        if (!DnnAttributeTextParses(info.checker->GetValueTypeName(), value) ||
            !Config::SetDefaultFailSafe(name, StringValue(value)))
        {
            throw DnnUsageError("--" + writtenName + ": \"" + value + "\" is not a valid value");
        }
    }
}

/** The schedulers to run: the scenario's, or those named on the command line (a label of
 *  the scenario's, else a scheduler name with no attribute overrides). */
std::vector<DnnSchedulerSpec>
SelectSchedulers(const DnnScenario& scenario, const std::string& list)
{
    if (list.empty())
    {
        return scenario.schedulers;
    }
    std::vector<DnnSchedulerSpec> chosen;
    for (const auto& name : DnnSplitList(list))
    {
        auto it = std::find_if(scenario.schedulers.begin(), scenario.schedulers.end(),
                               [&](const DnnSchedulerSpec& s) { return s.label == name; });
        DnnSchedulerSpec spec = it != scenario.schedulers.end() ? *it : DnnSchedulerSpec{};
        if (it == scenario.schedulers.end())
        {
            spec.label = name;
            spec.name = name;
            try
            {
                spec.Create();
            }
            catch (const std::exception& e)
            {
                throw DnnUsageError(std::string("--schedulers: ") + e.what());
            }
        }
        for (const auto& other : chosen)
        {
            if (other.label == spec.label)
            {
                throw DnnUsageError("--schedulers: \"" + name + "\" is listed twice");
            }
        }
        chosen.push_back(spec);
    }
    if (chosen.empty())
    {
        throw DnnUsageError("--schedulers: the list is empty");
    }
    return chosen;
}

/** Removes a folder when it goes out of scope, unless released. */
struct TemporaryFolder
{
    fs::path path; //!< the folder
    /** Remove it (if still owned). */
    ~TemporaryFolder()
    {
        if (!path.empty())
        {
            std::error_code ignored;
            fs::remove_all(path, ignored);
        }
    }
};

/** Whether \p dir may be replaced: it does not exist, is empty, or holds an earlier result. */
void
CheckReplaceable(const fs::path& dir)
{
    std::error_code error;
    if (!fs::exists(dir, error))
    {
        return;
    }
    if (!fs::is_directory(dir, error))
    {
        throw DnnUsageError("--out: " + dir.string() + " exists and is not a folder");
    }
    if (!fs::is_empty(dir, error) && !fs::exists(dir / "comparison.csv", error))
    {
        throw DnnUsageError("--out: " + dir.string() +
                            " is not empty and holds no earlier result (comparison.csv); "
                            "choose another folder");
    }
}

int
Run(int argc, char* argv[])
{
    std::string scenarioFile;
    std::string out;
    std::string schedulerList;
    uint32_t seed = 0;
    uint32_t run = 0;
    bool netanim = false;
    bool planOnly = false;
    std::string calibrationCache;
    CommandLine cmd(__FILE__);
    cmd.Usage("Plan a scenario with every scheduler, simulate each plan in ns-3 and compare "
              "planned with simulated latency, energy and traffic.");
    cmd.AddValue("scenario", "scenario file (e.g. scenarios/smart-home.json)", scenarioFile);
    cmd.AddValue("out", "results folder (default results/<scenario name>)", out);
    cmd.AddValue("schedulers", "comma-separated labels or names (default: the scenario's)",
                 schedulerList);
    cmd.AddValue("seed", "RngSeedManager seed (default: the scenario's)", seed);
    cmd.AddValue("run", "RngSeedManager run number (default: the scenario's)", run);
    cmd.AddValue("netanim", "write netanim.xml for every scheduler", netanim);
    cmd.AddValue("plan-only", "plan and validate only; no simulation", planOnly);
    cmd.AddValue(
        "calibration-cache",
        "folder of cached link calibrations (default <parent of --out>/.calibration-cache)",
        calibrationCache);
    const std::string unknown =
        DnnFindUnknownOption(argc, argv,
                             {"scenario", "out", "schedulers", "seed", "run", "netanim",
                              "plan-only", "calibration-cache"});
    if (!unknown.empty())
    {
        throw DnnUsageError(unknown);
    }
    const std::string badValue = DnnCheckOptionValues(argc, argv,
                                                      {{"seed", DnnOptionType::Uint32},
                                                       {"run", DnnOptionType::Uint32},
                                                       {"netanim", DnnOptionType::Bool},
                                                       {"plan-only", DnnOptionType::Bool}});
    if (!badValue.empty())
    {
        throw DnnUsageError(badValue);
    }
    // ns-3 knows the schedulers' current TypeId names only: both see the old ones replaced.
    const std::vector<std::string> args = DnnCanonicalArguments(argc, argv);
    CheckAttributeDefaults(std::vector<std::string>(argv, argv + argc), args);
    cmd.Parse(args);
    if (scenarioFile.empty())
    {
        throw DnnUsageError(
            "--scenario=FILE is required (e.g. --scenario=scenarios/smart-home.json)");
    }

    DnnScenario scenario = DnnScenarioReader::ReadFile(
        scenarioFile, seed ? std::optional<uint32_t>(seed) : std::nullopt,
        run ? std::optional<uint32_t>(run) : std::nullopt);
    scenario.netanim = scenario.netanim || netanim;
    const std::vector<DnnSchedulerSpec> schedulers = SelectSchedulers(scenario, schedulerList);
    const fs::path dir = out.empty() ? fs::path("results") / scenario.name : fs::path(out);
    CheckReplaceable(dir);
    std::error_code error;
    const fs::path parent = dir.has_parent_path() ? dir.parent_path() : fs::path(".");
    // Measured hop models on the platform before anything is planned on it.
    const DnnCalibrationResult calibration = DnnLinkCalibration::CalibrateScenario(
        scenario,
        calibrationCache.empty() ? (parent / ".calibration-cache").string() : calibrationCache);
    const DnnExperiment experiment(scenario); // the workload, partitioned once
    fs::create_directories(parent, error);
    TemporaryFolder work{
        parent / ("." + dir.filename().string() + ".partial-" + std::to_string(::getpid()))};
    fs::remove_all(work.path, error);
    if (!fs::create_directories(work.path, error))
    {
        throw DnnUsageError("--out: cannot create " + work.path.string() + ": " + error.message());
    }

    std::cout << "scenario " << scenario.name << " (" << scenarioFile
              << "): " << scenario.platform.DeviceCount() << " devices, "
              << scenario.requests.size() << " requests, ";
    if (scenario.horizon > 0)
    {
        std::cout << "planned in " << scenario.horizon << " s windows as they arrive";
    }
    else
    {
        std::cout << experiment.TaskCount() << " tasks";
    }
    std::cout << "; seed " << scenario.seed << ", run " << scenario.run
              << (planOnly ? ", plan only" : "") << "\n";
    if (calibration.hops.empty())
    {
        std::cout << "calibration: none ("
                  << (scenario.calibrated.empty() ? "efficiencies pinned or calibration off"
                                                  : "nothing to probe")
                  << ")\n";
    }
    else
    {
        std::cout << "calibration: " << calibration.hops.size() << " hops "
                  << (calibration.cached ? "cached" : "measured") << " in " << std::fixed
                  << std::setprecision(1) << calibration.wallClock << " s ("
                  << calibration.cacheFile << ")\n";
        std::cout.unsetf(std::ios::floatfield);
    }
    const bool terminal = ::isatty(STDERR_FILENO);
    std::vector<DnnComparisonRow> rows;
    for (std::size_t i = 0; i < schedulers.size(); ++i)
    {
        const DnnSchedulerSpec& spec = schedulers[i];
        const std::string counter =
            "[" + std::to_string(i + 1) + "/" + std::to_string(schedulers.size()) + "] ";
        DnnExperimentOptions options;
        options.outputDir = (work.path / spec.label).string();
        options.planOnly = planOnly;
        if (terminal)
        {
            std::cerr << counter << spec.label << ": planning..." << std::flush;
            const double stop = scenario.stopTime;
            options.progress = [counter, spec, stop](double now)
            {
                std::cerr << "\r\033[K" << counter << spec.label << ": simulating " << std::fixed
                          << std::setprecision(1) << now << " s of " << stop << " s" << std::flush;
            };
        }
        rows.push_back(experiment.Run(spec, options));
        const DnnComparisonRow& row = rows.back();
        if (terminal)
        {
            std::cerr << "\r\033[K" << std::flush;
        }
        std::cout << counter << spec.label << ": planned " << std::fixed << std::setprecision(4)
                  << row.plannedMakespan << " s";
        if (row.simulated)
        {
            if (row.simulatedMakespan >= 0)
            {
                std::cout << ", simulated " << row.simulatedMakespan << " s";
            }
            else
            {
                std::cout << ", " << row.requests - row.completed << " of " << row.requests
                          << " requests unfinished";
            }
            std::cout << " (plan " << std::setprecision(2) << row.schedulerRuntime << " s, sim "
                      << row.simulationWall << " s)";
        }
        else
        {
            std::cout << " (plan " << std::setprecision(2) << row.schedulerRuntime << " s)";
        }
        std::cout << "\n" << std::flush;
        std::cout.unsetf(std::ios::floatfield);
    }

    DnnOutputFiles files;
    files.Add((work.path / "comparison.csv").string(), DnnComparison::Csv(rows));
    files.Add((work.path / "comparison.json").string(), DnnComparison::Json(rows));
    files.Add((work.path / "comparison-summary.json").string(), DnnComparison::SummaryJson(rows));
    if (!calibration.hops.empty())
    {
        files.Add((work.path / "calibration.json").string(),
                  DnnLinkCalibration::Json(calibration, scenario.platform));
    }
    std::ifstream source(scenarioFile, std::ios::binary);
    std::ostringstream text;
    text << source.rdbuf();
    files.Add((work.path / "scenario.json").string(), text.str());
    files.Commit();
    fs::remove_all(dir, error);
    fs::rename(work.path, dir, error);
    if (error)
    {
        throw std::runtime_error("cannot move the results to " + dir.string() + ": " +
                                 error.message());
    }
    work.path.clear();

    std::cout << "\n"
              << DnnComparison::Table(rows) << "\nresults: " << dir.string() << "/ ("
              << "comparison.csv, comparison.json, comparison-summary.json, <scheduler>/)\n";
    if (scenario.netanim && !planOnly)
    {
        std::cout << "netanim: " << (dir / schedulers.front().label / "netanim.xml").string()
                  << " (one per scheduler)\n";
    }
    return 0;
}

} // namespace

int
main(int argc, char* argv[])
{
    return DnnToolMain(argc, argv, Run);
}
