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
 *                   [--netanim] [--netanim-all] [--plan-only] [--force] [--calibration-cache=DIR]
 *                   [--ns3::DnnPsoGaScheduler::Particles=100 ...]
 *
 * Before planning, the scenario's networks whose efficiency it does not pin are calibrated
 * with ns-3 probes (DnnLinkCalibration), cached in --calibration-cache (default
 * <parent of DIR>/.calibration-cache); DIR/calibration.json records what was measured.
 *
 * Exit status: 0 on success, 1 when a scheduler produced an invalid schedule (a bug), 2 on
 * bad input (the message names the file and JSON path, or the option). Results are written
 * to a temporary folder next to DIR (.NAME.partial-PID, same file system) and moved into
 * place only when every scheduler is done, so a failed run leaves no folder that looks like
 * a result. SIGINT, SIGTERM and SIGHUP remove that folder before the tool dies of the
 * signal; a run removes the partial folders that ended runs (killed, aborted) left beside
 * its target, when they hold only the tool's files.
 *
 * DIR is decided on its normal path (trailing separators, "." and ".." removed, links
 * resolved). A results folder holds the marker .dnn-offload-results listing the files the
 * tool wrote; replacing it deletes only those and keeps the rest (plots, notes). Refused
 * (exit 2): a DIR that is or holds the current folder or the scenario, that is not a
 * folder, or that holds files but no marker. --force accepts the last and writes beside
 * those files; a file the tool did not write where it would write is still refused.
 */

#include "dnn-tool.h"
#include "ns3/dnn-offload-module.h"

#include "ns3/command-line.h"

#include <nlohmann/json.hpp>
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <mutex>
#include <optional>
#include <set>
#include <sstream>
#include <thread>

using namespace ns3;
namespace fs = std::filesystem;

namespace
{

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

/** The marker file of a results folder: MARKER_HEADER, then one line per file the tool
 *  wrote, relative to the folder. A partial folder holds it with the header only. */
constexpr const char* MARKER = DnnResultsFolder::MARKER;
/** The marker's first line (its format version). */
constexpr const char* MARKER_HEADER = "dnn-offload-results 1";

/** The folder being written (".NAME.partial-PID"), for the signal watcher; guarded by
 *  g_partialMutex, which the main path also holds while it moves the results into place. */
fs::path g_partial;
/** Guards g_partial. */
std::mutex g_partialMutex;

/** Removes a folder when it goes out of scope, unless released. */
struct TemporaryFolder
{
    fs::path path; //!< the folder
    /** Remove it (if still owned). */
    ~TemporaryFolder()
    {
        std::lock_guard<std::mutex> lock(g_partialMutex);
        if (!path.empty())
        {
            std::error_code ignored;
            fs::remove_all(path, ignored);
        }
        g_partial.clear();
    }
};

/**
 * On SIGINT, SIGTERM or SIGHUP remove the partial folder, then die of the signal. The
 * signals are blocked in every thread and taken by a dedicated thread (sigwait), so the
 * removal runs outside a signal handler; it waits for a move into place to finish.
 */
void
WatchSignals()
{
    sigset_t set;
    sigemptyset(&set);
    for (int sig : {SIGINT, SIGTERM, SIGHUP})
    {
        sigaddset(&set, sig);
    }
    if (pthread_sigmask(SIG_BLOCK, &set, nullptr) != 0)
    {
        return;
    }
    std::thread(
        [set]()
        {
            int sig = 0;
            if (sigwait(&set, &sig) != 0)
            {
                return;
            }
            std::lock_guard<std::mutex> lock(g_partialMutex);
            for (int attempt = 0; attempt < 5 && !g_partial.empty(); ++attempt)
            {
                std::error_code error;
                fs::remove_all(g_partial, error); // the main path may still add files
                if (!fs::exists(g_partial, error))
                {
                    break;
                }
            }
            std::signal(sig, SIG_DFL);
            pthread_sigmask(SIG_UNBLOCK, &set, nullptr);
            ::raise(sig);
        })
        .detach();
}

/** The files a results folder's marker lists (relative, inside the folder), or nothing
 *  when \p dir has no marker. \param dir the folder \return the files */
std::optional<std::set<fs::path>>
ReadMarker(const fs::path& dir)
{
    std::error_code error;
    if (!fs::is_regular_file(fs::symlink_status(dir / MARKER, error)))
    {
        return std::nullopt;
    }
    std::ifstream in(dir / MARKER);
    std::string line;
    if (!std::getline(in, line) || line.rfind("dnn-offload-results ", 0) != 0)
    {
        return std::nullopt;
    }
    std::set<fs::path> files;
    while (std::getline(in, line))
    {
        const fs::path file = fs::path(line).lexically_normal();
        if (!line.empty() && file.is_relative() && !file.empty() && *file.begin() != ".." &&
            file != MARKER)
        {
            files.insert(file);
        }
    }
    return files;
}

/** The folders holding \p files (every parent, relative). \param files relative paths
 *  \return their folders, deepest last in no particular order */
std::set<fs::path>
FoldersOf(const std::set<fs::path>& files)
{
    std::set<fs::path> folders;
    for (const fs::path& file : files)
    {
        for (fs::path p = file.parent_path(); !p.empty(); p = p.parent_path())
        {
            folders.insert(p);
        }
    }
    return folders;
}

/** What \p dir holds that the tool did not write: not the marker, not a file it lists,
 *  not a folder holding one. \param dir the folder \param ours the marker's files
 *  \return the foreign entries, relative */
std::vector<fs::path>
ForeignEntries(const fs::path& dir, const std::set<fs::path>& ours)
{
    const std::set<fs::path> folders = FoldersOf(ours);
    std::vector<fs::path> foreign;
    std::error_code error;
    for (auto it = fs::recursive_directory_iterator(dir, error);
         !error && it != fs::recursive_directory_iterator(); it.increment(error))
    {
        const fs::path rel = it->path().lexically_relative(dir);
        const fs::file_status status = it->symlink_status(error);
        if (rel == MARKER || (fs::is_directory(status) && folders.count(rel)) ||
            (fs::is_regular_file(status) && ours.count(rel)))
        {
            continue;
        }
        foreign.push_back(rel);
        if (fs::is_directory(status))
        {
            it.disable_recursion_pending();
        }
    }
    return foreign;
}

/** Every regular file under \p dir but the marker, relative. \param dir the folder
 *  \return the files */
std::set<fs::path>
FilesUnder(const fs::path& dir)
{
    std::set<fs::path> files;
    for (const auto& entry : fs::recursive_directory_iterator(dir))
    {
        const fs::path rel = entry.path().lexically_relative(dir);
        if (entry.is_regular_file() && rel != MARKER)
        {
            files.insert(rel);
        }
    }
    return files;
}

/** Whether \p dir is a partial folder of this tool: an empty folder, or one with the marker whose
 *  files are all results (.csv, .json, .xml) or their temporaries (.tmp-PID). \param dir the
 *  folder \return true if so */
bool
IsToolPartial(const fs::path& dir)
{
    std::error_code error;
    if (!fs::is_directory(fs::symlink_status(dir, error)))
    {
        return false;
    }
    if (fs::is_empty(dir, error) && !error)
    {
        return true; // killed before it wrote its marker
    }
    if (!ReadMarker(dir))
    {
        return false;
    }
    for (auto it = fs::recursive_directory_iterator(dir, error);
         !error && it != fs::recursive_directory_iterator(); it.increment(error))
    {
        const fs::file_status status = it->symlink_status(error);
        const std::string ext = it->path().extension().string();
        if (fs::is_directory(status) || it->path().filename() == MARKER ||
            (fs::is_regular_file(status) &&
             (ext == ".csv" || ext == ".json" || ext == ".xml" ||
              it->path().filename().string().find(".tmp-") != std::string::npos)))
        {
            continue;
        }
        return false;
    }
    return !error;
}

/** Remove the ".NAME.partial-PID" folders in \p parent left by runs that ended without
 *  cleaning up (killed, aborted): their process is gone and they hold only the tool's
 *  files. \param parent the folder \return how many were removed */
int
RemoveStalePartials(const fs::path& parent)
{
    int removed = 0;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(parent, error))
    {
        const std::string name = entry.path().filename().string();
        const std::string infix = DnnResultsFolder::PARTIAL_INFIX;
        const std::size_t at = name.rfind(infix);
        if (name.empty() || name[0] != '.' || at == std::string::npos)
        {
            continue;
        }
        const std::string digits = name.substr(at + infix.size());
        if (digits.empty() || digits.size() > 9 ||
            digits.find_first_not_of("0123456789") != std::string::npos)
        {
            continue;
        }
        const pid_t pid = static_cast<pid_t>(std::stol(digits));
        const bool gone = pid == ::getpid() || (pid > 0 && ::kill(pid, 0) == -1 && errno == ESRCH);
        if (gone && IsToolPartial(entry.path()))
        {
            std::error_code ignored;
            removed += fs::remove_all(entry.path(), ignored) > 0 ? 1 : 0;
        }
    }
    return removed;
}

/** Refuse (exit 2) a --out the tool may not write: a symbolic link, not a folder, a folder
 *  holding an input or the current folder, or a folder with files but no marker (unless
 *  \p force), or one where a file the tool did not write has the name of one it will
 *  write at the top. A folder with a marker is an earlier result, whatever else it holds. \param
 * dir the normal path \param inputs files the run reads (normal) \param force --force */
void
CheckReplaceable(const fs::path& dir, const std::vector<fs::path>& inputs,
                 const std::vector<std::string>& names, bool force)
{
    std::error_code error;
    if (!dir.has_relative_path())
    {
        throw DnnUsageError("--out: " + dir.string() + " is the root folder; choose another");
    }
    if (DnnPathContains(dir, DnnNormalPath(".")))
    {
        throw DnnUsageError("--out: " + dir.string() +
                            " is the current folder or holds it; choose another folder");
    }
    for (const fs::path& input : inputs)
    {
        if (DnnPathContains(dir, input))
        {
            throw DnnUsageError("--out: " + dir.string() + " is or holds " + input.string() +
                                ", which the run reads; choose another folder");
        }
    }
    const fs::file_status status = fs::symlink_status(dir, error);
    if (!fs::exists(status))
    {
        return;
    }
    if (fs::is_symlink(status))
    {
        throw DnnUsageError("--out: " + dir.string() + " is a symbolic link that leads nowhere");
    }
    if (!fs::is_directory(status))
    {
        throw DnnUsageError("--out: " + dir.string() + " exists and is not a folder");
    }
    const std::optional<std::set<fs::path>> ours = ReadMarker(dir);
    const std::vector<fs::path> foreign = ForeignEntries(dir, ours.value_or(std::set<fs::path>{}));
    if (!ours && !force && !foreign.empty())
    {
        throw DnnUsageError("--out: " + dir.string() +
                            " is not empty and holds no earlier result (no " + MARKER +
                            "); choose another folder, or --force to write beside its files");
    }
    // Found now rather than after the run: a file of someone else's named like one of ours.
    for (const fs::path& entry : foreign)
    {
        if (std::find(names.begin(), names.end(), entry.string()) != names.end())
        {
            throw DnnUsageError("--out: " + (dir / entry).string() +
                                " is in the way and dnn-offload-run did not write it");
        }
    }
}

/** Move the finished results in \p work to \p dir: delete only the files an earlier
 *  result's marker lists, never a file the tool did not write (exit 2 if one is in the
 *  way). \param work the partial folder \param dir the target */
void
MoveIntoPlace(const fs::path& work, const fs::path& dir)
{
    std::error_code error;
    const std::set<fs::path> written = FilesUnder(work);
    std::string marker = std::string(MARKER_HEADER) + "\n";
    for (const fs::path& file : written)
    {
        marker += file.generic_string() + "\n";
    }
    {
        std::ofstream out(work / MARKER, std::ios::binary | std::ios::trunc);
        out << marker;
        if (!out.flush())
        {
            throw DnnUsageError("--out: cannot write " + (work / MARKER).string());
        }
    }
    if (fs::exists(fs::symlink_status(dir, error)))
    {
        const std::set<fs::path> ours = ReadMarker(dir).value_or(std::set<fs::path>{});
        const std::set<fs::path> folders = FoldersOf(written);
        // Nothing of the user's may stand where a new file or folder goes.
        for (const fs::path& file : written)
        {
            for (fs::path p = file; !p.empty(); p = p.parent_path())
            {
                const fs::file_status status = fs::symlink_status(dir / p, error);
                const bool fits = !fs::exists(status) ||
                                  (fs::is_regular_file(status) && ours.count(p)) ||
                                  (fs::is_directory(status) && folders.count(p));
                if (!fits)
                {
                    throw DnnUsageError("--out: " + (dir / p).string() +
                                        " is in the way and dnn-offload-run did not write it");
                }
            }
        }
        for (const fs::path& file : ours)
        {
            if (fs::is_regular_file(fs::symlink_status(dir / file, error)))
            {
                fs::remove(dir / file, error);
            }
        }
        const std::set<fs::path> oldFolderSet = FoldersOf(ours);
        std::vector<fs::path> oldFolders(oldFolderSet.begin(), oldFolderSet.end());
        std::sort(oldFolders.begin(), oldFolders.end(),
                  [](const fs::path& a, const fs::path& b) {
                      return std::distance(a.begin(), a.end()) > std::distance(b.begin(), b.end());
                  });
        for (const fs::path& folder : oldFolders)
        {
            if (fs::is_empty(dir / folder, error))
            {
                fs::remove(dir / folder, error); // only if empty
            }
        }
        fs::remove(dir / MARKER, error);
        if (fs::is_empty(dir, error))
        {
            fs::remove(dir, error);
        }
    }
    if (!fs::exists(fs::symlink_status(dir, error)))
    {
        fs::rename(work, dir, error);
        if (error)
        {
            throw std::runtime_error("cannot move the results to " + dir.string() + ": " +
                                     error.message());
        }
        return;
    }
    // --force beside foreign files: move the new files in one by one, the marker last.
    for (const fs::path& file : written)
    {
        fs::create_directories((dir / file).parent_path(), error);
        fs::rename(work / file, dir / file, error);
        if (error)
        {
            throw std::runtime_error("cannot move " + (work / file).string() + " to " +
                                     (dir / file).string() + ": " + error.message());
        }
    }
    fs::rename(work / MARKER, dir / MARKER, error);
    if (error)
    {
        throw std::runtime_error("cannot move the marker to " + dir.string() + ": " +
                                 error.message());
    }
    fs::remove_all(work, error);
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
    bool netanimAll = false;
    bool planOnly = false;
    bool force = false;
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
    cmd.AddValue("netanim", "write netanim.xml for the first scheduler", netanim);
    cmd.AddValue("netanim-all", "write netanim.xml for every scheduler", netanimAll);
    cmd.AddValue("plan-only", "plan and validate only; no simulation", planOnly);
    cmd.AddValue("force",
                 "write into a --out folder of other files that holds no earlier result; "
                 "they are kept, never overwritten",
                 force);
    cmd.AddValue(
        "calibration-cache",
        "folder of cached link calibrations (default <parent of --out>/.calibration-cache)",
        calibrationCache);
    const std::string unknown =
        DnnFindUnknownOption(argc, argv,
                             {"scenario", "out", "schedulers", "seed", "run", "netanim",
                              "netanim-all", "plan-only", "calibration-cache", "force"});
    if (!unknown.empty())
    {
        throw DnnUsageError(unknown);
    }
    const std::string badValue = DnnCheckOptionValues(argc, argv,
                                                      {{"scenario", DnnOptionType::Text},
                                                       {"out", DnnOptionType::Text},
                                                       {"schedulers", DnnOptionType::Text},
                                                       {"calibration-cache", DnnOptionType::Text},
                                                       {"seed", DnnOptionType::Positive},
                                                       {"run", DnnOptionType::Positive},
                                                       {"netanim", DnnOptionType::Bool},
                                                       {"netanim-all", DnnOptionType::Bool},
                                                       {"plan-only", DnnOptionType::Bool},
                                                       {"force", DnnOptionType::Bool}});
    if (!badValue.empty())
    {
        throw DnnUsageError(badValue);
    }
    WatchSignals();
    // ns-3 knows the schedulers' current TypeId names only: both see the old ones replaced.
    const std::vector<std::string> args = DnnCanonicalArguments(argc, argv);
    const std::string badNs3Option =
        DnnCheckNs3Options(std::vector<std::string>(argv, argv + argc), args,
                           {{"RngSeed", "seed"}, {"RngRun", "run"}});
    if (!badNs3Option.empty())
    {
        throw DnnUsageError(badNs3Option);
    }
    cmd.Parse(args);
    if (scenarioFile.empty())
    {
        throw DnnUsageError(
            "--scenario=FILE is required (e.g. --scenario=scenarios/smart-home.json)");
    }

    // Read once: the results' scenario.json is the text the run was made from.
    const std::string scenarioText = DnnJsonReader::ReadInputFile(scenarioFile);
    const fs::path scenarioFolder = fs::path(scenarioFile).parent_path();
    DnnScenario scenario = DnnScenarioReader::ReadText(
        scenarioText, scenarioFile, scenarioFolder.empty() ? "." : scenarioFolder.string(),
        seed ? std::optional<uint32_t>(seed) : std::nullopt,
        run ? std::optional<uint32_t>(run) : std::nullopt);
    scenario.netanim = scenario.netanim || netanim || netanimAll;
    scenario.netanimAll = scenario.netanimAll || netanimAll;
    const std::vector<DnnSchedulerSpec> schedulers = SelectSchedulers(scenario, schedulerList);
    // Decide on the normal path ("x/", "a/../x" and "./x" are "x"; links resolved).
    const fs::path dir =
        DnnNormalPath(out.empty() ? (fs::path("results") / scenario.name).string() : out);
    std::error_code error;
    std::vector<std::string> names = DnnResultsFolder::FileNames();
    for (const DnnSchedulerSpec& spec : schedulers)
    {
        names.push_back(spec.label);
    }
    std::vector<fs::path> inputs = {DnnNormalPath(scenarioFile)};
    for (const std::string& model : scenario.modelFiles)
    {
        inputs.push_back(DnnNormalPath(model));
    }
    CheckReplaceable(dir, inputs, names, force);
    const fs::path parent = dir.parent_path();
    // Measured hop models on the platform before anything is planned on it.
    const DnnCalibrationResult calibration = DnnLinkCalibration::CalibrateScenario(
        scenario, calibrationCache.empty() ? (parent / DnnResultsFolder::CALIBRATION_CACHE).string()
                                           : calibrationCache);
    const DnnExperiment experiment(scenario); // the workload, partitioned once
    fs::create_directories(parent, error);
    const int stale = RemoveStalePartials(parent);
    if (stale > 0)
    {
        std::cout << "removed " << stale << " partial folder(s) of ended runs in "
                  << parent.string() << "\n";
    }
    // The partial folder is a sibling of the target: one file system, a rename moves it.
    TemporaryFolder work;
    {
        const fs::path partial =
            parent / DnnResultsFolder::PartialName(dir.filename().string(), ::getpid());
        if (!fs::create_directory(partial, error))
        {
            throw DnnUsageError("--out: cannot create " + partial.string() + ": " +
                                (error ? error.message() : "it exists"));
        }
        std::lock_guard<std::mutex> lock(g_partialMutex);
        work.path = partial;
        g_partial = partial;
    }
    std::ofstream(work.path / MARKER, std::ios::binary) << MARKER_HEADER << "\n";

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
    // How the results are made: the scenario's bytes as read, the arguments as given.
    DnnProvenance provenance;
    provenance.seed = scenario.seed;
    provenance.run = scenario.run;
    provenance.scenarioHash = DnnProvenance::ScenarioHash(scenarioText);
    provenance.commandLine =
        DnnProvenance::CommandLine(std::vector<std::string>(argv, argv + argc));
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
        options.netanim = i == 0 || scenario.netanimAll;
        options.provenance = provenance;
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
    files.Add((work.path / "comparison.json").string(), DnnComparison::Json(rows, &provenance));
    files.Add((work.path / "comparison-summary.json").string(), DnnComparison::SummaryJson(rows));
    if (!calibration.hops.empty())
    {
        files.Add((work.path / "calibration.json").string(),
                  DnnLinkCalibration::Json(calibration, scenario.platform));
    }
    files.Add((work.path / "scenario.json").string(), scenarioText);
    files.Commit();
    {
        std::lock_guard<std::mutex> lock(g_partialMutex); // a signal waits for the move
        MoveIntoPlace(work.path, dir);
        work.path.clear();
        g_partial.clear();
    }

    std::cout << "\n"
              << DnnComparison::Table(rows) << "\nresults: " << dir.string() << "/ ("
              << "comparison.csv, comparison.json, comparison-summary.json, <scheduler>/)\n";
    // (a build without NetAnim warned and wrote none)
    if (scenario.netanim && !planOnly && fs::exists(dir / schedulers.front().label / "netanim.xml"))
    {
        std::cout << "netanim: " << (dir / schedulers.front().label / "netanim.xml").string()
                  << (scenario.netanimAll ? " (one per scheduler)\n"
                                          : " (the first scheduler's; --netanim-all for every "
                                            "one's)\n");
        // NetAnim prints "Max Packets per trace file exceeded" on standard error when it
        // cuts an animation short; say which, as their summary.json's "netanim" does.
        std::string cut;
        for (const DnnSchedulerSpec& spec : schedulers)
        {
            std::ifstream in(dir / spec.label / "summary.json");
            const nlohmann::json summary = nlohmann::json::parse(in, nullptr, false);
            if (summary.is_object() && summary.contains("netanim") &&
                summary["netanim"].value("cut", false))
            {
                cut += (cut.empty() ? "" : ", ") + spec.label + " (after " +
                       std::to_string(summary["netanim"].value("max_packets", uint64_t{0})) + ")";
            }
        }
        if (!cut.empty())
        {
            std::cout << "netanim: animation cut short at the packet record limit "
                         "(simulation.netanim_max_packets): "
                      << cut << "\n";
        }
    }
    return 0;
}

} // namespace

int
main(int argc, char* argv[])
{
    return DnnToolMain(argc, argv, Run);
}
