/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
/**
 * \file
 * dnn-offload-schedule: plan a task-graph scheduling instance with one or more schedulers
 * and show each schedule (per-processor task lists), its makespan and the planning time.
 *
 *   dnn-offload-schedule --instance=FILE [--name=INSTANCE] --scheduler=NAME[,NAME...]
 *                        [--format=table|json] [--seed=N]
 *                        [--network-model=contention-free|shared]
 *
 * Exit status: 0 on success, 1 when a scheduler produced an invalid schedule (a bug),
 * 2 on bad input (the message names the file and JSON path, or the option), 1 on an
 * unexpected internal error.
 */

#include "dnn-tool.h"
#include "ns3/dnn-offload-module.h"

#include "ns3/command-line.h"
#include "ns3/uinteger.h"

#include <chrono>
#include <cmath>
#include <cstdint>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <stdexcept>

using namespace ns3;

namespace
{

/** One scheduler's result. */
struct Result
{
    std::string scheduler; //!< the name given on the command line
    DnnSchedule schedule;  //!< its plan
    double runtimeS{0};    //!< wall time of Plan(), s
};

void
PrintTable(const DnnSchedulingProblem& problem, const std::vector<Result>& results)
{
    std::size_t width = 9;
    for (const auto& r : results)
    {
        width = std::max(width, r.scheduler.size());
    }
    for (const auto& r : results)
    {
        std::cout << r.scheduler << ": makespan " << DnnFormatNumber(r.schedule.Makespan()) << " ("
                  << std::fixed << std::setprecision(6) << r.runtimeS << " s)\n";
        std::cout.unsetf(std::ios::floatfield);
        const auto order = r.schedule.ProcessorOrder(problem.ProcessorCount());
        for (uint32_t p = 0; p < problem.ProcessorCount(); ++p)
        {
            std::cout << "  " << DnnEscapeControl(problem.ProcessorName(p)) << ":";
            for (std::size_t i = 0; i < order[p].size(); ++i)
            {
                const uint32_t t = order[p][i];
                std::cout << (i ? "  " : " ") << DnnEscapeControl(problem.TaskName(t)) << " ["
                          << DnnFormatNumber(r.schedule.Start(t)) << ", "
                          << DnnFormatNumber(r.schedule.Finish(t)) << "]";
            }
            std::cout << "\n";
        }
        std::cout << "\n";
    }
    std::cout << std::left << std::setw(width + 2) << "scheduler" << std::right << std::setw(14)
              << "makespan" << std::setw(14) << "runtime_s"
              << "\n";
    for (const auto& r : results)
    {
        std::ostringstream runtime;
        runtime << std::fixed << std::setprecision(6) << r.runtimeS;
        std::cout << std::left << std::setw(width + 2) << r.scheduler << std::right << std::setw(14)
                  << DnnFormatNumber(r.schedule.Makespan()) << std::setw(14) << runtime.str()
                  << "\n";
    }
}

nlohmann::json
ToJson(const std::string& instance, const DnnSchedulingProblem& problem,
       const std::vector<Result>& results)
{
    nlohmann::json all = nlohmann::json::array();
    for (const auto& r : results)
    {
        nlohmann::json tasks = nlohmann::json::array();
        for (uint32_t t = 0; t < r.schedule.TaskCount(); ++t)
        {
            tasks.push_back({{"name", problem.TaskName(t)},
                             {"processor", problem.ProcessorName(r.schedule.Processor(t))},
                             {"start", DnnJsonNumber(r.schedule.Start(t))},
                             {"finish", DnnJsonNumber(r.schedule.Finish(t))}});
        }
        all.push_back({{"scheduler", r.scheduler},
                       {"makespan", DnnJsonNumber(r.schedule.Makespan())},
                       {"runtime_s", r.runtimeS},
                       {"tasks", tasks}});
    }
    return {{"instance", instance}, {"results", all}};
}

int
Run(int argc, char* argv[])
{
    std::string instanceFile;
    std::string instanceName;
    std::string schedulerList;
    std::string format = "table";
    uint32_t seed = 1;
    std::string networkModel = "contention-free";
    CommandLine cmd(__FILE__);
    cmd.Usage("Plan a task-graph scheduling instance with one or more schedulers.");
    cmd.AddValue("instance",
                 "instance file (JSON, cost-matrix or SAGA form, e.g. "
                 "test/reference/canonical-graphs.json)",
                 instanceFile);
    cmd.AddValue("name", "instance to read, when the file holds several", instanceName);
    cmd.AddValue("scheduler", "scheduler names (heft, cpop, peft, ...), comma-separated",
                 schedulerList);
    cmd.AddValue("format", "table or json", format);
    cmd.AddValue("seed", "seed of the schedulers that have a Seed attribute", seed);
    cmd.AddValue("network-model",
                 "contention-free, or shared (each processor pair's link, one per direction, "
                 "carries one transfer at a time)",
                 networkModel);
    const std::string unknown = DnnFindUnknownOption(
        argc, argv, {"instance", "name", "scheduler", "format", "seed", "network-model"});
    if (!unknown.empty())
    {
        throw DnnUsageError(unknown);
    }
    const std::string badValue = DnnCheckOptionValues(argc, argv,
                                                      {{"seed", DnnOptionType::Uint32},
                                                       {"instance", DnnOptionType::Text},
                                                       {"name", DnnOptionType::Text},
                                                       {"scheduler", DnnOptionType::Text},
                                                       {"format", DnnOptionType::Text},
                                                       {"network-model", DnnOptionType::Text}});
    if (!badValue.empty())
    {
        throw DnnUsageError(badValue);
    }
    // ns-3 knows the schedulers' current TypeId names only (--ns3::DnnGaScheduler::Population).
    const std::vector<std::string> args = DnnCanonicalArguments(argc, argv);
    const std::string badNs3Option =
        DnnCheckNs3Options(std::vector<std::string>(argv, argv + argc), args, {});
    if (!badNs3Option.empty())
    {
        throw DnnUsageError(badNs3Option);
    }
    cmd.Parse(args);

    if (instanceFile.empty())
    {
        throw DnnUsageError(
            "--instance=FILE is required (e.g. --instance=test/reference/canonical-graphs.json)");
    }
    if (format != "table" && format != "json")
    {
        throw DnnUsageError("--format: \"" + format + "\" is not table or json");
    }
    DnnNetworkModel model = DnnNetworkModel::ContentionFree;
    if (!DnnParseNetworkModel(networkModel, model))
    {
        throw DnnUsageError("--network-model: \"" + networkModel +
                            "\" is not contention-free or shared");
    }
    const std::vector<std::string> names = DnnSplitList(schedulerList);
    if (names.empty())
    {
        std::string known;
        for (const auto& n : DnnScheduler::ShortNames())
        {
            known += (known.empty() ? "" : ", ") + n;
        }
        throw DnnUsageError("--scheduler=NAME[,NAME...] is required (known: " + known + ")");
    }
    // Create every scheduler before reading or planning, so a misspelt name fails fast.
    std::vector<Ptr<DnnScheduler>> schedulers;
    for (const auto& name : names)
    {
        try
        {
            schedulers.push_back(DnnScheduler::Create(name));
        }
        catch (const std::invalid_argument& e)
        {
            throw DnnUsageError(std::string("--scheduler: ") + e.what());
        }
        schedulers.back()->SetAttributeFailSafe("Seed", UintegerValue(seed));
    }

    const nlohmann::json doc = DnnJsonReader::ParseFile(instanceFile);
    DnnSchedulingProblem problem = DnnInstanceReader::Read(doc, instanceFile, instanceName);
    problem.SetNetworkModel(model);
    std::string label = instanceName;
    if (label.empty())
    {
        label = DnnInstanceReader::InstanceName(doc.contains("instances") ? doc["instances"].at(0)
                                                                          : doc);
    }
    if (label.empty())
    {
        label = instanceFile;
    }

    std::vector<Result> results;
    for (std::size_t i = 0; i < schedulers.size(); ++i)
    {
        const auto begin = std::chrono::steady_clock::now();
        DnnSchedule schedule = schedulers[i]->Plan(problem);
        const auto end = std::chrono::steady_clock::now();
        const auto violations = ValidateSchedule(problem, schedule);
        if (!violations.empty())
        {
            std::string message = "scheduler \"" + names[i] + "\" produced an invalid schedule (" +
                                  std::to_string(violations.size()) + " violations):";
            for (const auto& v : violations)
            {
                message += "\n  " + v;
            }
            throw DnnInvalidScheduleError(message);
        }
        results.push_back(
            {names[i], std::move(schedule), std::chrono::duration<double>(end - begin).count()});
    }

    if (format == "json")
    {
        std::cout << ToJson(label, problem, results).dump(1) << "\n";
    }
    else
    {
        std::cout << "instance " << DnnEscapeControl(label) << ": " << problem.TaskCount()
                  << " tasks, " << problem.ProcessorCount() << " processors\n\n";
        PrintTable(problem, results);
    }
    return 0;
}

} // namespace

int
main(int argc, char* argv[])
{
    return DnnToolMain(argc, argv, Run);
}
