/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-scenario-reader.h"

#include "dnn-command-line.h"
#include "dnn-json-reader.h"
#include "dnn-model-reader.h"
#include "dnn-output-files.h"
#include "ns3/dnn-input-error.h"
#include "ns3/dnn-run-limits.h"
#include "ns3/dnn-units.h"
#include "ns3/dnn-wifi-rates.h"
#include "ns3/dnn-workload-checks.h"
#include "ns3/dnn-workload-problem.h"

#include "ns3/log.h"
#include "ns3/string.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <limits>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <sstream>
#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DnnScenarioReader");

namespace
{

namespace fs = std::filesystem;

/** Whether \p name can name a folder or an ns-3 node: [A-Za-z0-9._-]+, not "." or "..". */
bool
IsSafeName(const std::string& name)
{
    if (name.empty() || name == "." || name == "..")
    {
        return false;
    }
    return std::all_of(name.begin(), name.end(),
                       [](char c)
                       {
                           return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                                  (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
                       });
}

/** A name that becomes a folder or node name. \param reader the value \return the name */
std::string
ReadSafeName(const DnnJsonReader& reader)
{
    const std::string name = reader.AsName();
    if (!IsSafeName(name))
    {
        reader.Fail("\"" + name +
                    "\" is not a valid name (letters, digits, '.', '_' and '-' only; not \".\" "
                    "or \"..\")");
    }
    return name;
}

/**
 * A name that names something in the results: the scenario's (the results folder
 * results/<name>, written as .<name>.partial-PID beside it) or a scheduler's label (its
 * folder in the results folder). A safe name, not hidden (hidden names beside and in a
 * results folder are the tool's: the marker, partial folders, the calibration cache), short
 * enough that every name derived from it fits NAME_MAX, and, for a label, not the name of
 * a file the tool writes into the results folder (DnnResultsFolder).
 * \param reader the value \param name the name read \param label whether it is a label
 */
void
CheckResultsName(const DnnJsonReader& reader, const std::string& name, bool label)
{
    const std::size_t most =
        label ? DnnResultsFolder::MaxLabelBytes() : DnnResultsFolder::MaxScenarioNameBytes();
    const std::string what = label ? "the scheduler's folder in the results folder"
                                   : "the results folder results/<name> and its temporary "
                                     ".<name>.partial-<pid> beside it";
    if (name.size() > most)
    {
        reader.Fail("is " + std::to_string(name.size()) + " characters long; at most " +
                    std::to_string(most) + " (it names " + what + ")");
    }
    if (name[0] == '.')
    {
        reader.Fail("\"" + name + "\" starts with '.' (hidden names in and beside a results " +
                    "folder are dnn-offload-run's own: " + DnnResultsFolder::MARKER + ", " +
                    DnnResultsFolder::CALIBRATION_CACHE + ", .<name>.partial-<pid>)");
    }
    const std::vector<std::string>& files = DnnResultsFolder::FileNames();
    if (label && std::find(files.begin(), files.end(), name) != files.end())
    {
        std::string list;
        for (const std::string& file : files)
        {
            list += (list.empty() ? "" : ", ") + file;
        }
        reader.Fail("\"" + name +
                    "\" is the name of a file dnn-offload-run writes into the results folder (" +
                    list + "); choose another label");
    }
}

/** " (did you mean \"x\"?)" or "". */
std::string
Suggest(const std::string& word, const std::vector<std::string>& candidates)
{
    const std::string suggestion = DnnDidYouMean(word, candidates);
    return suggestion.empty() ? "" : " (did you mean \"" + suggestion + "\"?)";
}

/**
 * Read a quantity with a unit.
 * \param reader the value
 * \param parse the unit parser
 * \param example an example for the message when the value is not a string
 * \return the value in the base unit
 */
double
ReadQuantity(const DnnJsonReader& reader, double (*parse)(const std::string&),
             const std::string& example)
{
    if (!reader.Value().is_string())
    {
        reader.Fail("must be a string with a unit (e.g. \"" + example + "\"), got " +
                    reader.Quote());
    }
    try
    {
        return parse(reader.Value().get<std::string>());
    }
    catch (const std::invalid_argument& e)
    {
        reader.Fail(e.what());
    }
}

/** The latest time a scenario may name, s: ns-3 counts time in signed 64-bit nanoseconds
 *  (up to 9.2e9 s), and a run adds the stop time, release times and task durations. */
constexpr double MAX_TIME_S = DnnRunLimits::MAX_TIME_S;
/** Most networks (DnnRunLimits). */
constexpr std::size_t MAX_NETWORKS = DnnRunLimits::MAX_NETWORKS;
/** Most devices on one network (DnnRunLimits). */
constexpr std::size_t MAX_NETWORK_MEMBERS = DnnRunLimits::MAX_NETWORK_MEMBERS;
/** The text of MAX_TIME_S for messages. */
const std::string MAX_TIME_TEXT = DnnRunLimits::MAX_TIME_TEXT;
/** The lowest data rate, bit/s: ns-3 keeps data rates in whole bits per second. */
constexpr double MIN_DATA_RATE = 1;
/** The highest data rate, bit/s (ns-3's 64-bit DataRate holds more; no link is faster). */
constexpr double MAX_DATA_RATE = 1e15;
/** The longest chain of "base" profiles (a profile, its base, the base's base, ...): the
 *  chain is resolved by recursion, and 20,000 levels overflowed the stack. */
constexpr std::size_t MAX_PROFILE_BASE_DEPTH = 64;

double
ReadTime(const DnnJsonReader& reader)
{
    const double t = ReadQuantity(reader, &DnnParseTime, "10ms");
    if (t > MAX_TIME_S)
    {
        reader.Fail("must be at most " + MAX_TIME_TEXT + ", the longest a run can simulate, got " +
                    reader.Quote());
    }
    return t;
}

double
ReadPositiveTime(const DnnJsonReader& reader)
{
    const double t = ReadTime(reader);
    if (!(t > 0))
    {
        reader.Fail("must be positive, got " + reader.Quote());
    }
    return t;
}

double
ReadDataRate(const DnnJsonReader& reader)
{
    const double rate = ReadQuantity(reader, &DnnParseDataRate, "100Mbps");
    if (!(rate > 0))
    {
        reader.Fail("must be positive, got " + reader.Quote());
    }
    if (rate < MIN_DATA_RATE)
    {
        reader.Fail("must be at least 1bps (ns-3 counts whole bits per second), got " +
                    reader.Quote());
    }
    if (rate > MAX_DATA_RATE)
    {
        reader.Fail("must be at most 1000000Gbps (1 Pbit/s), got " + reader.Quote());
    }
    return rate;
}

/** A factor in (0, 1]. */
double
ReadEfficiency(const DnnJsonReader& reader)
{
    const double e = reader.AsNumber(0, 1);
    if (!(e > 0))
    {
        reader.Fail("must be in (0, 1], got " + reader.Quote());
    }
    return e;
}

/** splitmix64's output function (Steele, Lea and Flood 2014; Vigna's reference code). */
uint64_t
SplitMix64(uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

/** The JSON pointer of the scenario entry a workload error is about. */
std::string
WorkloadErrorPath(const DnnScenario& scenario, const DnnWorkloadError& error)
{
    const uint32_t index = error.GetIndex();
    switch (error.GetSubject())
    {
    case DnnWorkloadError::Subject::Request:
        return index < scenario.requestPaths.size() ? scenario.requestPaths[index] : "/workload";
    case DnnWorkloadError::Subject::Requests:
        return "/workload/requests";
    case DnnWorkloadError::Subject::Device:
        return index < scenario.devicePaths.size() ? scenario.devicePaths[index] : "/devices";
    case DnnWorkloadError::Subject::Workload:
        break;
    }
    return "/workload";
}

/** The text of an attribute value (a string, number or boolean) for StringValue. */
std::string
AttributeText(const DnnJsonReader& reader)
{
    const auto& v = reader.Value();
    if (v.is_string())
    {
        return v.get<std::string>();
    }
    if (v.is_boolean())
    {
        return v.get<bool>() ? "true" : "false";
    }
    if (v.is_number_float())
    {
        const double d = v.get<double>();
        if (std::isfinite(d) && std::floor(d) == d && std::fabs(d) < 0x1p53)
        {
            return std::to_string(static_cast<int64_t>(d));
        }
        return v.dump();
    }
    if (v.is_number())
    {
        return v.dump();
    }
    reader.Fail("must be a string, a number or a boolean, got " + reader.Quote());
}

/**
 * Set one attribute of a scheduler from text.
 * Throws std::invalid_argument naming the attribute when it does not exist (with a
 * did-you-mean), cannot be set, or the value is not valid for it.
 */
void
SetSchedulerAttribute(const Ptr<DnnScheduler>& scheduler, const std::string& attribute,
                      const std::string& value)
{
    const TypeId tid = scheduler->GetInstanceTypeId();
    TypeId::AttributeInformation info;
    if (!tid.LookupAttributeByName(attribute, &info))
    {
        std::vector<std::string> names;
        for (TypeId t = tid;; t = t.GetParent())
        {
            for (std::size_t i = 0; i < t.GetAttributeN(); ++i)
            {
                names.push_back(t.GetAttribute(i).name);
            }
            if (t.GetParent() == t)
            {
                break;
            }
        }
        std::string message = "no attribute \"" + attribute + "\" on " + tid.GetName();
        const std::string suggestion = DnnDidYouMean(attribute, names);
        if (!suggestion.empty())
        {
            message += " (did you mean \"" + suggestion + "\"?)";
        }
        else
        {
            std::sort(names.begin(), names.end());
            message += " (it has: ";
            for (std::size_t i = 0; i < names.size(); ++i)
            {
                message += (i ? ", " : "") + names[i];
            }
            message += names.empty() ? "none)" : ")";
        }
        throw std::invalid_argument(message);
    }
    const auto bad = [&]()
    {
        throw std::invalid_argument("bad value \"" + value + "\" for attribute \"" + attribute +
                                    "\" of " + tid.GetName() + " (expects " +
                                    info.checker->GetUnderlyingTypeInformation() + ")");
    };
    if ((info.flags & TypeId::ATTR_SET) == 0)
    {
        throw std::invalid_argument("attribute \"" + attribute + "\" of " + tid.GetName() +
                                    " cannot be set");
    }
    // ns-3 reads numbers with operator>>: "50.5" -> 50, and "lots" aborts the program.
    if (!DnnAttributeTextParses(info.checker->GetValueTypeName(), value))
    {
        bad();
    }
    if (!scheduler->SetAttributeFailSafe(attribute, StringValue(value)))
    {
        bad();
    }
}

/** A device entry of the file: one device or a group of replicas. */
struct DeviceEntry
{
    std::string path;              //!< JSON pointer of the entry
    bool group{false};             //!< whether it has a count
    std::vector<uint32_t> devices; //!< device indices
};

/** One generated request before ordering. */
struct PendingRequest
{
    double time;                           //!< release time, s
    uint32_t entry;                        //!< request entry index
    std::string device;                    //!< requesting device
    std::shared_ptr<const DnnModel> model; //!< the model
    double deadline;                       //!< latency bound, s (0: none)
};

/** Reads one scenario document; one object per read. */
class ScenarioLoader
{
  public:
    /** A loader of one document (which must outlive it). */
    ScenarioLoader(const nlohmann::json& doc, const std::string& file, const std::string& baseDir,
                   std::optional<uint32_t> seed, std::optional<uint32_t> run)
        : m_root(doc, file), m_file(file),
          m_baseDir(baseDir.empty() ? fs::path(".") : fs::path(baseDir)), m_seedOverride(seed),
          m_runOverride(run)
    {
    }

    /** Read the whole document. \return the scenario */
    DnnScenario Load();

  private:
    /** name, description, seed, run (and the caller's overrides). */
    void ReadHeader();
    /** Resolve every entry of "profiles". */
    void ReadProfiles();
    /** A profile of the file or a built-in, resolved through "base".
     *  \param name profile name \param where the value naming it, for errors
     *  \return the profile */
    const DnnDeviceProfile& ResolveProfile(const std::string& name, const DnnJsonReader& where);
    /** Read "devices", expanding groups. */
    void ReadDevices();
    /** Devices a name stands for. \param reader the name \param allowGroup whether a
     *  group may be named \return device indices */
    std::vector<uint32_t> LookUpDevices(const DnnJsonReader& reader, bool allowGroup) const;
    /** Read "networks". */
    void ReadNetworks();
    /** Read one network. \param reader the entry \return the network */
    DnnNetwork ReadNetwork(const DnnJsonReader& reader);
    /** Add devices and networks to the platform, read "planner", check reachability. */
    void BuildPlatform();
    /** Read "workload": partitioning and the requests, ordered and numbered. */
    void ReadWorkload();
    /** A request's model, read once per file. \param reader the "model" value
     *  \return the model */
    std::shared_ptr<const DnnModel> LoadModel(const DnnJsonReader& reader);
    /** Read "schedulers", creating each to check names and attributes. */
    void ReadSchedulers();
    /** Read "simulation". */
    void ReadSimulation();
    /** Read one entry of "simulation/failures". \param entry the entry \return the fault */
    DnnFault ReadFault(const DnnJsonReader& entry) const;
    /** Check that no device can drain its node's energy source during the run. */
    void CheckEnergy() const;
    /** Check that the workload fits the platform (DnnCheckWorkload). */
    void CheckWorkload() const;

    DnnJsonReader m_root;                                //!< the document
    std::string m_file;                                  //!< file name for messages
    fs::path m_baseDir;                                  //!< folder of the scenario
    std::optional<uint32_t> m_seedOverride;              //!< seed given by the caller
    std::optional<uint32_t> m_runOverride;               //!< run given by the caller
    DnnScenario m_scenario;                              //!< what is built
    std::map<std::string, DnnJsonReader> m_profileSpecs; //!< profiles of the file
    std::map<std::string, DnnDeviceProfile> m_profiles;  //!< resolved profiles
    std::set<std::string> m_resolving;                   //!< profiles being resolved (cycles)
    std::vector<DnnDevice> m_devices;                    //!< devices, in order
    std::map<std::string, DeviceEntry> m_entries;        //!< device and group names
    std::map<std::string, uint32_t> m_replicas;          //!< replica names -> device
    std::vector<DnnNetwork> m_networks;                  //!< networks, in order
    std::vector<std::string> m_networkPaths;             //!< JSON pointer of each network
    std::map<std::string, std::shared_ptr<const DnnModel>> m_models; //!< cache by path
};

DnnScenario
ScenarioLoader::Load()
{
    m_scenario.file = m_file;
    m_root.ExpectObject({"name", "devices", "networks", "workload", "schedulers"},
                        {"description", "seed", "run", "profiles", "planner", "simulation"});
    ReadHeader();
    ReadProfiles();
    ReadDevices();
    ReadNetworks();
    BuildPlatform();
    ReadWorkload();
    ReadSchedulers();
    ReadSimulation();
    CheckEnergy();
    CheckWorkload();
    NS_LOG_INFO(
        m_file << ": scenario \"" << m_scenario.name << "\": " << m_scenario.platform.DeviceCount()
               << " devices, " << m_networks.size() << " networks, " << m_models.size()
               << " models, " << m_scenario.requests.size() << " requests, "
               << m_scenario.schedulers.size() << " schedulers, " << m_scenario.faults.size()
               << " faults; seed " << m_scenario.seed << ", run " << m_scenario.run << ", horizon "
               << m_scenario.horizon << " s, stop time " << m_scenario.stopTime << " s");
    return std::move(m_scenario);
}

void
ScenarioLoader::ReadHeader()
{
    m_scenario.name = ReadSafeName(m_root["name"]);
    CheckResultsName(m_root["name"], m_scenario.name, false);
    if (m_root.Has("description"))
    {
        m_scenario.description = m_root["description"].AsString();
    }
    const int64_t maxSeed = std::numeric_limits<uint32_t>::max();
    if (m_root.Has("seed"))
    {
        m_scenario.seed = static_cast<uint32_t>(m_root["seed"].AsInt(1, maxSeed));
    }
    if (m_root.Has("run"))
    {
        m_scenario.run = static_cast<uint32_t>(m_root["run"].AsInt(1, maxSeed));
    }
    if (m_seedOverride)
    {
        if (*m_seedOverride == 0)
        {
            throw DnnInputError(m_file, "",
                                "the seed given to replace the file's must be positive");
        }
        m_scenario.seed = *m_seedOverride;
    }
    if (m_runOverride)
    {
        if (*m_runOverride == 0)
        {
            throw DnnInputError(m_file, "", "the run given to replace the file's must be positive");
        }
        m_scenario.run = *m_runOverride;
    }
}

void
ScenarioLoader::ReadProfiles()
{
    if (!m_root.Has("profiles"))
    {
        return;
    }
    const DnnJsonReader profiles = m_root["profiles"];
    if (!profiles.Value().is_object())
    {
        profiles.Fail("must be an object (profile name -> fields), got " + profiles.Quote());
    }
    for (const auto& item : profiles.Value().items())
    {
        m_profileSpecs.emplace(item.key(), profiles[item.key()]);
    }
    for (const auto& item : profiles.Value().items())
    {
        ResolveProfile(item.key(), profiles[item.key()]);
    }
}

const DnnDeviceProfile&
ScenarioLoader::ResolveProfile(const std::string& name, const DnnJsonReader& where)
{
    const auto done = m_profiles.find(name);
    if (done != m_profiles.end())
    {
        return done->second;
    }
    const auto spec = m_profileSpecs.find(name);
    if (spec == m_profileSpecs.end())
    {
        const DnnDeviceProfile* builtin = DnnDeviceProfile::FindBuiltin(name);
        if (builtin == nullptr)
        {
            std::vector<std::string> names;
            for (const auto& profile : DnnDeviceProfile::Builtin())
            {
                names.push_back(profile.name);
            }
            for (const auto& entry : m_profileSpecs)
            {
                names.push_back(entry.first);
            }
            std::sort(names.begin(), names.end());
            std::string known;
            for (const auto& n : names)
            {
                known += (known.empty() ? "\"" : ", \"") + n + "\"";
            }
            const std::string suggestion = Suggest(name, names);
            where.Fail("unknown profile \"" + name + "\"" +
                       (suggestion.empty() ? " (known: " + known + ")" : suggestion));
        }
        return m_profiles.emplace(name, *builtin).first->second;
    }
    const DnnJsonReader& reader = spec->second;
    if (!m_resolving.insert(name).second)
    {
        reader.Fail("profile \"" + name + "\" is based on itself through \"base\"");
    }
    reader.ExpectObject({},
                        {"base", "speed", "cores", "memory", "idle_power", "busy_power", "tx_power",
                         "radio_idle_power", "radio_rx_power", "source", "speed_by_kind"});
    DnnDeviceProfile profile;
    profile.flops = 0;
    profile.source = "";
    const DnnDeviceProfile* builtin = DnnDeviceProfile::FindBuiltin(name);
    if (reader.Has("base"))
    {
        const DnnJsonReader base = reader["base"];
        const std::string baseName = base.AsName();
        if (baseName == name)
        {
            if (builtin == nullptr)
            {
                base.Fail("profile \"" + name + "\" cannot be its own base (it is not built in)");
            }
            profile = *builtin;
        }
        else
        {
            // The chain is resolved by recursion, one frame per level: cap its depth.
            if (m_resolving.size() >= MAX_PROFILE_BASE_DEPTH)
            {
                base.Fail("profile \"" + name +
                          "\": the chain of \"base\" profiles is longer than " +
                          std::to_string(MAX_PROFILE_BASE_DEPTH) + " levels");
            }
            profile = ResolveProfile(baseName, base);
        }
    }
    else if (builtin != nullptr)
    {
        profile = *builtin;
    }
    else
    {
        for (const char* key : {"speed", "memory", "idle_power", "busy_power"})
        {
            if (!reader.Has(key))
            {
                reader.Fail(std::string("missing key \"") + key +
                            "\" (a new profile without \"base\" needs speed, memory, idle_power "
                            "and busy_power)");
            }
        }
        profile.cores = 1;
        profile.txPower = 0;
    }
    profile.name = name;
    if (reader.Has("speed"))
    {
        // One speed for every kind of work: the base's speeds by kind no longer apply
        // (speed_by_kind, read next, may give some again).
        profile.flops = ReadQuantity(reader["speed"], &DnnParseFlops, "10GFLOPS");
        profile.kindFlops = {};
        if (!(profile.flops > 0))
        {
            reader["speed"].Fail("must be positive, got " + reader["speed"].Quote());
        }
    }
    if (reader.Has("speed_by_kind"))
    {
        // Kinds left out keep their entry: the base's (unless "speed" is given), or 0 (the
        // profile's speed).
        const DnnJsonReader byKind = reader["speed_by_kind"];
        std::vector<std::string> kinds;
        for (std::size_t k = 0; k < DNN_WORK_KINDS; ++k)
        {
            kinds.push_back(DnnWorkKindName(static_cast<DnnWorkKind>(k)));
        }
        if (!byKind.Value().is_object())
        {
            byKind.Fail("must be an object (work kind -> speed, e.g. {\"conv\": \"10GFLOPS\"}), "
                        "got " +
                        byKind.Quote());
        }
        byKind.ExpectObject({}, kinds);
        for (std::size_t k = 0; k < DNN_WORK_KINDS; ++k)
        {
            if (!byKind.Has(kinds[k]))
            {
                continue;
            }
            const DnnJsonReader speed = byKind[kinds[k]];
            profile.kindFlops[k] = ReadQuantity(speed, &DnnParseFlops, "10GFLOPS");
            if (!(profile.kindFlops[k] > 0))
            {
                speed.Fail("must be positive, got " + speed.Quote());
            }
        }
    }
    if (reader.Has("cores"))
    {
        profile.cores = static_cast<uint32_t>(reader["cores"].AsInt(1, 1024));
    }
    if (reader.Has("memory"))
    {
        profile.memory = ReadQuantity(reader["memory"], &DnnParseBytes, "4GiB");
        if (!(profile.memory > 0))
        {
            reader["memory"].Fail("must be positive, got " + reader["memory"].Quote());
        }
    }
    if (reader.Has("idle_power"))
    {
        profile.idlePower = ReadQuantity(reader["idle_power"], &DnnParsePower, "2.5W");
    }
    if (reader.Has("busy_power"))
    {
        profile.busyPower = ReadQuantity(reader["busy_power"], &DnnParsePower, "2.5W");
    }
    if (reader.Has("tx_power"))
    {
        profile.txPower = ReadQuantity(reader["tx_power"], &DnnParsePower, "2.5W");
    }
    if (reader.Has("radio_idle_power"))
    {
        profile.radioIdlePower = ReadQuantity(reader["radio_idle_power"], &DnnParsePower, "1.365W");
    }
    if (reader.Has("radio_rx_power"))
    {
        profile.radioRxPower = ReadQuantity(reader["radio_rx_power"], &DnnParsePower, "1.565W");
    }
    if (profile.busyPower < profile.idlePower)
    {
        // Each busy core adds (busy - idle) / cores: below idle, energy would go negative.
        std::ostringstream detail;
        detail << "busy_power (" << profile.busyPower << " W) is below idle_power ("
               << profile.idlePower << " W); busy_power is the draw with every core busy";
        (reader.Has("busy_power")   ? reader["busy_power"]
         : reader.Has("idle_power") ? reader["idle_power"]
                                    : reader)
            .Fail(detail.str());
    }
    if (reader.Has("source"))
    {
        profile.source = reader["source"].AsString();
    }
    m_resolving.erase(name);
    return m_profiles.emplace(name, profile).first->second;
}

void
ScenarioLoader::ReadDevices()
{
    const DnnJsonReader devices = m_root["devices"];
    std::map<std::string, std::string> owners; // every name -> path of the entry using it
    const auto claim =
        [&](const std::string& name, const DnnJsonReader& where, const std::string& what)
    {
        const auto [it, fresh] = owners.emplace(name, where.Path());
        if (!fresh)
        {
            where.Fail("duplicate name: " + what + " \"" + name + "\" is already used by " +
                       it->second);
        }
    };
    for (const DnnJsonReader& entry : devices.Elements(1))
    {
        entry.ExpectObject({"name", "profile", "role"}, {"position", "count", "spacing"});
        const DnnJsonReader nameReader = entry["name"];
        const std::string name = ReadSafeName(nameReader);
        // A group may cycle through a list of profiles: replica i gets profiles[(i - 1) % n].
        const DnnJsonReader profileReader = entry["profile"];
        std::vector<DnnDeviceProfile> profiles;
        if (profileReader.Value().is_array())
        {
            if (!entry.Has("count"))
            {
                profileReader.Fail("a list of profiles needs a group (\"count\"): its devices "
                                   "take them in turn");
            }
            for (const DnnJsonReader& item : profileReader.Elements(1))
            {
                profiles.push_back(ResolveProfile(item.AsName(), item));
            }
        }
        else
        {
            profiles.push_back(ResolveProfile(profileReader.AsName(), profileReader));
        }
        const DnnDeviceProfile& profile = profiles.front();
        DnnDeviceRole role = DnnDeviceRole::Iot;
        DnnParseRole(entry["role"].AsChoice({"iot", "helper", "edge", "cloud"}), role);
        const auto readTriple = [](const DnnJsonReader& reader)
        {
            const auto items = reader.Elements();
            if (items.size() != 2 && items.size() != 3)
            {
                reader.Fail("must be [x, y] or [x, y, z] in metres, got " + reader.Quote());
            }
            std::array<double, 3> v{0, 0, 0};
            for (std::size_t i = 0; i < items.size(); ++i)
            {
                v[i] = items[i].AsNumber(-1e7, 1e7);
            }
            return v;
        };
        const std::array<double, 3> position =
            entry.Has("position") ? readTriple(entry["position"]) : std::array<double, 3>{0, 0, 0};
        DeviceEntry record;
        record.path = entry.Path();
        claim(name, nameReader, "device");
        if (!entry.Has("count"))
        {
            if (entry.Has("spacing"))
            {
                entry["spacing"].Fail("only a group (with \"count\") has a spacing");
            }
            record.devices.push_back(static_cast<uint32_t>(m_devices.size()));
            m_devices.push_back({name, profile, role, position[0], position[1], position[2]});
            m_scenario.devicePaths.push_back(entry.Path());
        }
        else
        {
            record.group = true;
            const auto count = static_cast<uint32_t>(
                entry["count"].AsInt(0, static_cast<int64_t>(DnnRunLimits::MAX_DEVICES)));
            const std::array<double, 3> spacing = entry.Has("spacing")
                                                    ? readTriple(entry["spacing"])
                                                    : std::array<double, 3>{0, 0, 0};
            for (uint32_t i = 1; i <= count; ++i)
            {
                const std::string replica = name + "-" + std::to_string(i);
                claim(replica, nameReader, "the group's device");
                const double k = i - 1;
                record.devices.push_back(static_cast<uint32_t>(m_devices.size()));
                m_replicas[replica] = static_cast<uint32_t>(m_devices.size());
                m_devices.push_back({replica, profiles[(i - 1) % profiles.size()], role,
                                     position[0] + k * spacing[0], position[1] + k * spacing[1],
                                     position[2] + k * spacing[2]});
                m_scenario.devicePaths.push_back(entry.Path());
            }
        }
        m_entries[name] = record;
        if (m_devices.size() > DnnRunLimits::MAX_DEVICES)
        {
            entry.Fail("more than " + std::to_string(DnnRunLimits::MAX_DEVICES) +
                       " devices in all (" + std::to_string(m_devices.size()) +
                       " with this entry): planning and ns-3's routing grow with the square "
                       "of the device count");
        }
    }
    if (m_devices.empty())
    {
        devices.Fail("no devices (every group has \"count\": 0)");
    }
}

std::vector<uint32_t>
ScenarioLoader::LookUpDevices(const DnnJsonReader& reader, bool allowGroup) const
{
    const std::string name = reader.AsName();
    const auto entry = m_entries.find(name);
    if (entry != m_entries.end())
    {
        if (entry->second.group && !allowGroup)
        {
            reader.Fail("\"" + name + "\" is a group of devices; name one device (e.g. \"" + name +
                        "-1\")");
        }
        return entry->second.devices;
    }
    const auto replica = m_replicas.find(name);
    if (replica != m_replicas.end())
    {
        return {replica->second};
    }
    std::vector<std::string> names;
    for (const auto& e : m_entries)
    {
        names.push_back(e.first);
    }
    for (const auto& r : m_replicas)
    {
        names.push_back(r.first);
    }
    reader.Fail("unknown device \"" + name + "\"" + Suggest(name, names));
}

void
ScenarioLoader::ReadNetworks()
{
    const DnnJsonReader networks = m_root["networks"];
    std::map<std::string, std::string> names;
    const auto entries = networks.Elements();
    if (entries.size() > MAX_NETWORKS)
    {
        networks.Fail("at most " + std::to_string(MAX_NETWORKS) +
                      " networks (each gets a 10.k.0.0/24 subnet), got " +
                      std::to_string(entries.size()));
    }
    for (const DnnJsonReader& entry : entries)
    {
        DnnNetwork network = ReadNetwork(entry);
        const auto [it, fresh] = names.emplace(network.name, entry.Path());
        if (!fresh)
        {
            entry["name"].Fail("duplicate network name \"" + network.name + "\" (already used by " +
                               it->second + ")");
        }
        m_networks.push_back(std::move(network));
        m_networkPaths.push_back(entry.Path());
    }
    if (m_networks.empty() && m_devices.size() > 1)
    {
        networks.Fail("must not be empty: there are " + std::to_string(m_devices.size()) +
                      " devices to connect");
    }
}

DnnNetwork
ScenarioLoader::ReadNetwork(const DnnJsonReader& entry)
{
    if (!entry.Value().is_object())
    {
        entry.Fail("must be an object, got " + entry.Quote());
    }
    if (!entry.Has("type"))
    {
        entry.Fail("missing key \"type\" (\"wifi\", \"csma\" or \"p2p\")");
    }
    std::vector<std::string> required{"name", "type", "members"};
    std::vector<std::string> optional{"data_rate", "delay", "efficiency"};
    const std::string type = entry["type"].AsChoice({"wifi", "csma", "p2p"});
    if (type == "wifi")
    {
        required.push_back("access_point");
        optional.insert(optional.end(), {"standard", "channel_width", "rate_manager", "mcs"});
    }
    else if (type == "csma")
    {
        required.push_back("data_rate");
    }
    else
    {
        required.insert(required.end(), {"data_rate", "delay"});
    }
    // Required keys need not be listed twice: drop them from the optional ones.
    optional.erase(std::remove_if(optional.begin(), optional.end(),
                                  [&](const std::string& key) {
                                      return std::find(required.begin(), required.end(), key) !=
                                             required.end();
                                  }),
                   optional.end());
    entry.ExpectObject(required, optional);

    DnnNetwork network;
    network.name = ReadSafeName(entry["name"]);
    network.kind = type == "wifi" ? DnnNetworkKind::Wifi
                 : type == "csma" ? DnnNetworkKind::Csma
                                  : DnnNetworkKind::P2p;
    if (network.kind == DnnNetworkKind::Wifi)
    {
        network.accessPoint = LookUpDevices(entry["access_point"], false).front();
        network.members.push_back(network.accessPoint);
    }
    const DnnJsonReader members = entry["members"];
    for (const DnnJsonReader& member : members.Elements())
    {
        for (uint32_t device : LookUpDevices(member, true))
        {
            if (device == network.accessPoint)
            {
                continue; // the access point is a member anyway
            }
            if (std::find(network.members.begin(), network.members.end(), device) !=
                network.members.end())
            {
                member.Fail("device \"" + m_devices[device].name +
                            "\" is already a member of this network");
            }
            network.members.push_back(device);
        }
    }
    if (network.members.size() > MAX_NETWORK_MEMBERS)
    {
        members.Fail("a network holds at most " + std::to_string(MAX_NETWORK_MEMBERS) +
                     " devices (one /24 subnet), got " + std::to_string(network.members.size()) +
                     (network.kind == DnnNetworkKind::Wifi ? " with the access point" : ""));
    }
    if (network.kind == DnnNetworkKind::Wifi &&
        network.members.size() > DnnRunLimits::MAX_WIFI_STATIONS + 1)
    {
        members.Fail("a Wi-Fi network holds at most " +
                     std::to_string(DnnRunLimits::MAX_WIFI_STATIONS) +
                     " stations besides its access point (more do not all associate before plan "
                     "time 0), got " +
                     std::to_string(network.members.size() - 1));
    }
    if (network.kind == DnnNetworkKind::P2p && network.members.size() != 2)
    {
        std::string list;
        for (uint32_t device : network.members)
        {
            list += (list.empty() ? "" : ", ") + m_devices[device].name;
        }
        members.Fail("a p2p link joins exactly two devices, got " +
                     std::to_string(network.members.size()) +
                     (list.empty() ? std::string() : " (" + list + ")"));
    }
    if (entry.Has("delay"))
    {
        network.delay = ReadTime(entry["delay"]);
    }
    if (entry.Has("efficiency"))
    {
        network.efficiency = ReadEfficiency(entry["efficiency"]);
    }
    if (entry.Has("data_rate"))
    {
        network.dataRate = ReadDataRate(entry["data_rate"]);
    }
    if (network.kind != DnnNetworkKind::Wifi)
    {
        return network;
    }

    network.wifiStandard = entry.Has("standard")
                             ? entry["standard"].AsChoice({"80211n", "80211ac", "80211ax"})
                             : "80211ac";
    if (entry.Has("channel_width"))
    {
        const DnnJsonReader width = entry["channel_width"];
        const std::string text = width.AsChoice({"20MHz", "40MHz", "80MHz", "160MHz"});
        network.channelWidth = static_cast<uint32_t>(std::stoul(text));
        if (network.wifiStandard == "80211n" && network.channelWidth > 40)
        {
            width.Fail("80211n has no " + text + " channel (\"20MHz\" or \"40MHz\")");
        }
    }
    network.rateManager = entry.Has("rate_manager")
                            ? entry["rate_manager"].AsChoice({"ideal", "minstrel", "constant"})
                            : "ideal";
    uint32_t mcs = DnnWifiMaxMcs(network.wifiStandard);
    if (entry.Has("mcs"))
    {
        const DnnJsonReader reader = entry["mcs"];
        if (network.rateManager != "constant")
        {
            reader.Fail("only with \"rate_manager\": \"constant\" (the " + network.rateManager +
                        " rate manager picks its own MCS)");
        }
        mcs = static_cast<uint32_t>(reader.AsInt(0, DnnWifiMaxMcs(network.wifiStandard)));
        if (DnnWifiNominalRate(network.wifiStandard, network.channelWidth, mcs) <= 0)
        {
            reader.Fail(network.wifiStandard + " has no MCS " + std::to_string(mcs) + " at " +
                        std::to_string(network.channelWidth) + " MHz with one spatial stream");
        }
        network.mcs = mcs;
    }
    else if (network.rateManager == "constant")
    {
        entry.Fail("missing key \"mcs\" (the constant rate manager needs one)");
    }
    else
    {
        while (mcs > 0 && DnnWifiNominalRate(network.wifiStandard, network.channelWidth, mcs) <= 0)
        {
            --mcs; // VHT at 20 MHz has no MCS 9
        }
    }
    if (!entry.Has("data_rate"))
    {
        network.dataRate = DnnWifiNominalRate(network.wifiStandard, network.channelWidth, mcs);
    }
    return network;
}

void
ScenarioLoader::BuildPlatform()
{
    DnnPlatform& platform = m_scenario.platform;
    for (std::size_t d = 0; d < m_devices.size(); ++d)
    {
        try
        {
            platform.AddDevice(m_devices[d]);
        }
        catch (const std::invalid_argument& e)
        {
            throw DnnInputError(m_file, m_scenario.devicePaths[d], e.what());
        }
    }
    for (std::size_t k = 0; k < m_networks.size(); ++k)
    {
        try
        {
            platform.AddNetwork(m_networks[k]);
        }
        catch (const std::invalid_argument& e)
        {
            throw DnnInputError(m_file, m_networkPaths[k], e.what());
        }
    }
    bool calibrate = true;
    if (m_root.Has("planner"))
    {
        const DnnJsonReader planner = m_root["planner"];
        planner.ExpectObject({}, {"efficiency", "horizon", "calibration"});
        if (planner.Has("efficiency"))
        {
            platform.SetPlanningEfficiency(ReadEfficiency(planner["efficiency"]));
            calibrate = false; // every network's efficiency pinned by hand
        }
        if (planner.Has("horizon"))
        {
            m_scenario.horizon = ReadPositiveTime(planner["horizon"]);
        }
        if (planner.Has("calibration") && !planner["calibration"].AsBool())
        {
            calibrate = false;
        }
    }
    for (std::size_t k = 0; calibrate && k < m_networks.size(); ++k)
    {
        if (m_networks[k].efficiency <= 0) // not pinned by hand
        {
            m_scenario.calibrated.push_back(static_cast<uint32_t>(k));
        }
    }
    if (m_devices.size() > 1)
    {
        for (std::size_t d = 0; d < m_devices.size(); ++d)
        {
            const bool connected = std::any_of(
                m_networks.begin(), m_networks.end(),
                [&](const DnnNetwork& n)
                { return std::find(n.members.begin(), n.members.end(), d) != n.members.end(); });
            if (!connected)
            {
                throw DnnInputError(m_file, m_scenario.devicePaths[d],
                                    "device \"" + m_devices[d].name + "\" is on no network");
            }
        }
    }
    try
    {
        // Links run both ways, so every device reaches every other if all reach device 0.
        if (platform.DeviceCount() > 0)
        {
            platform.RoutesFrom(0);
        }
    }
    catch (const DnnInputError& e)
    {
        throw DnnInputError(m_file, "/networks", e.Detail());
    }
}

std::shared_ptr<const DnnModel>
ScenarioLoader::LoadModel(const DnnJsonReader& reader)
{
    const std::string model = reader.AsName();
    fs::path path;
    try
    {
        path = DnnScenarioReader::ModelFile(model, m_baseDir.string());
    }
    catch (const std::invalid_argument& e)
    {
        reader.Fail(e.what());
    }
    std::error_code error;
    const std::string key = fs::weakly_canonical(path, error).string();
    const auto cached = m_models.find(key);
    if (cached != m_models.end())
    {
        NS_LOG_LOGIC("model \"" << model << "\": " << key << ", read already");
        return cached->second;
    }
    NS_LOG_LOGIC("model \"" << model << "\": reading " << path.string());
    std::shared_ptr<const DnnModel> loaded;
    try
    {
        loaded = std::make_shared<const DnnModel>(DnnModelReader::ReadFile(path.string()));
    }
    catch (const DnnInputError& e)
    {
        reader.Fail(e.what());
    }
    for (const auto& [otherKey, other] : m_models)
    {
        if (other->Name() == loaded->Name())
        {
            // Tasks of one model name, layer and piece share their weights on a device.
            reader.Fail("model file " + path.string() + " is named \"" + loaded->Name() +
                        "\" like " + otherKey +
                        ": requests of one model name share its weights on a device, so two "
                        "model files need two names");
        }
    }
    m_models.emplace(key, loaded);
    m_scenario.modelFiles.push_back(path.string());
    return loaded;
}

void
ScenarioLoader::ReadWorkload()
{
    const DnnJsonReader workload = m_root["workload"];
    workload.ExpectObject({"requests"}, {"partitioning", "pieces", "element_bytes"});
    DnnPartitionConfig& partition = m_scenario.partition;
    const std::string mode = workload.Has("partitioning")
                               ? workload["partitioning"].AsChoice({"layerwise", "piecewise"})
                               : "layerwise";
    partition.mode =
        mode == "piecewise" ? DnnPartitionMode::PieceWise : DnnPartitionMode::LayerWise;
    partition.pieces = mode == "piecewise" ? 3 : 1;
    if (workload.Has("pieces"))
    {
        // Checked, but ignored with layerwise: a sweep may switch the partitioning alone.
        const auto pieces =
            static_cast<uint32_t>(workload["pieces"].AsInt(1, DnnRunLimits::MAX_PIECES));
        partition.pieces = mode == "piecewise" ? pieces : 1;
    }
    if (workload.Has("element_bytes"))
    {
        partition.elementBytes = static_cast<uint32_t>(workload["element_bytes"].AsInt(1, 16));
    }

    const DnnJsonReader requests = workload["requests"];
    std::vector<PendingRequest> pending;
    std::vector<std::string> entryPaths;
    const auto entries = requests.Elements(1);
    for (uint32_t e = 0; e < entries.size(); ++e)
    {
        const DnnJsonReader& entry = entries[e];
        entryPaths.push_back(entry.Path());
        entry.ExpectObject({"device", "model", "arrivals"}, {"count", "deadline"});
        const DnnJsonReader deviceReader = entry["device"];
        const std::vector<uint32_t> devices = LookUpDevices(deviceReader, true);
        const auto model = LoadModel(entry["model"]);
        const double deadline = entry.Has("deadline") ? ReadPositiveTime(entry["deadline"]) : 0.0;

        const DnnJsonReader arrivals = entry["arrivals"];
        if (!arrivals.Value().is_object())
        {
            arrivals.Fail("must be an object, got " + arrivals.Quote());
        }
        if (!arrivals.Has("type"))
        {
            arrivals.Fail("missing key \"type\" (\"periodic\", \"poisson\" or \"explicit\")");
        }
        const std::string type = arrivals["type"].AsChoice({"periodic", "poisson", "explicit"});
        if (type == "periodic")
        {
            arrivals.ExpectObject({"type", "period"}, {"start"});
        }
        else if (type == "poisson")
        {
            arrivals.ExpectObject({"type", "mean_interval"}, {"start"});
        }
        else
        {
            arrivals.ExpectObject({"type", "times"}, {});
        }
        std::vector<double> explicitTimes;
        int64_t count = 0;
        if (type == "explicit")
        {
            const auto times = arrivals["times"].Elements();
            for (std::size_t k = 0; k < times.size(); ++k)
            {
                explicitTimes.push_back(ReadTime(times[k]));
                if (k > 0 && explicitTimes[k] < explicitTimes[k - 1])
                {
                    times[k].Fail("the times must not decrease: " + times[k].Quote() +
                                  " comes after " + times[k - 1].Quote() +
                                  " (list the arrivals in order)");
                }
            }
            count = static_cast<int64_t>(explicitTimes.size());
            if (entry.Has("count") && entry["count"].AsInt(0, 1000000) != count)
            {
                entry["count"].Fail("explicit arrivals give " + std::to_string(count) +
                                    " times, but count is " + entry["count"].Quote() +
                                    " (leave count out)");
            }
        }
        else
        {
            if (!entry.Has("count"))
            {
                entry.Fail("missing key \"count\" (" + type + " arrivals need one)");
            }
            count = entry["count"].AsInt(0, 1000000);
        }
        const double start = arrivals.Has("start") ? ReadTime(arrivals["start"]) : 0.0;
        const double period = type == "periodic" ? ReadPositiveTime(arrivals["period"]) : 0.0;
        const double mean = type == "poisson" ? ReadPositiveTime(arrivals["mean_interval"]) : 0.0;
        if (pending.size() + devices.size() * static_cast<std::size_t>(count) > 1000000)
        {
            entry.Fail("more than 1000000 requests in total");
        }
        for (uint32_t r = 0; r < devices.size(); ++r)
        {
            const std::string& device = m_devices[devices[r]].name;
            std::mt19937_64 generator(SplitMix64(
                SplitMix64(SplitMix64(SplitMix64(m_scenario.seed) ^ m_scenario.run) ^ e) ^ r));
            double poissonTime = start;
            for (int64_t k = 0; k < count; ++k)
            {
                double time = 0;
                if (type == "periodic")
                {
                    time = start + static_cast<double>(k) * period;
                }
                else if (type == "poisson")
                {
                    const double u = static_cast<double>(generator() >> 11) * 0x1p-53;
                    poissonTime += -mean * std::log1p(-u);
                    time = poissonTime;
                }
                else
                {
                    time = explicitTimes[static_cast<std::size_t>(k)];
                }
                if (time > MAX_TIME_S)
                {
                    std::ostringstream when;
                    when << time;
                    arrivals.Fail("request " + std::to_string(k + 1) + " of " +
                                  std::to_string(count) + " (device \"" + device +
                                  "\") would arrive at " + when.str() + " s, after " +
                                  MAX_TIME_TEXT + ", the longest a run can simulate");
                }
                pending.push_back({time, e, device, model, deadline});
            }
        }
    }
    if (pending.empty())
    {
        requests.Fail("the workload has no requests");
    }
    std::stable_sort(pending.begin(), pending.end(),
                     [](const PendingRequest& a, const PendingRequest& b)
                     { return a.time < b.time; });
    for (uint32_t id = 0; id < pending.size(); ++id)
    {
        DnnRequest request;
        request.id = id;
        request.model = pending[id].model;
        request.device = pending[id].device;
        request.releaseTime = pending[id].time;
        m_scenario.requests.push_back(request);
        m_scenario.deadlines.push_back(pending[id].deadline);
        m_scenario.requestPaths.push_back(entryPaths[pending[id].entry]);
    }
}

void
ScenarioLoader::ReadSchedulers()
{
    const DnnJsonReader schedulers = m_root["schedulers"];
    std::map<std::string, std::string> labels;
    for (const DnnJsonReader& entry : schedulers.Elements(1))
    {
        DnnSchedulerSpec spec;
        std::vector<DnnJsonReader> attributeReaders;
        DnnJsonReader nameReader = entry;
        if (entry.Value().is_string())
        {
            spec.name = entry.AsName();
            spec.label = spec.name;
        }
        else
        {
            if (!entry.Value().is_object())
            {
                entry.Fail("must be a scheduler name or an object {\"name\", \"label\", "
                           "\"network_model\", \"attributes\"}, got " +
                           entry.Quote());
            }
            entry.ExpectObject({"name"}, {"label", "network_model", "calibrated", "attributes"});
            nameReader = entry["name"];
            spec.name = nameReader.AsName();
            if (entry.Has("network_model"))
            {
                const DnnJsonReader model = entry["network_model"];
                if (!model.Value().is_string() ||
                    !DnnParseNetworkModel(model.Value().get<std::string>(), spec.networkModel))
                {
                    model.Fail("must be \"contention-free\" or \"shared\", got " + model.Quote());
                }
            }
            const bool shared = spec.networkModel == DnnNetworkModel::Shared;
            spec.calibrated = shared;
            if (entry.Has("calibrated"))
            {
                const DnnJsonReader calibrated = entry["calibrated"];
                if (!calibrated.Value().is_boolean())
                {
                    calibrated.Fail("must be true or false, got " + calibrated.Quote());
                }
                spec.calibrated = calibrated.Value().get<bool>();
            }
            std::string label = spec.name + (shared ? "-shared" : "");
            if (spec.calibrated != shared)
            {
                label += spec.calibrated ? "-calibrated" : "-nominal";
            }
            spec.label = entry.Has("label") ? ReadSafeName(entry["label"]) : label;
            if (entry.Has("attributes"))
            {
                const DnnJsonReader attributes = entry["attributes"];
                if (!attributes.Value().is_object())
                {
                    attributes.Fail("must be an object (attribute name -> value), got " +
                                    attributes.Quote());
                }
                for (const auto& item : attributes.Value().items())
                {
                    attributeReaders.push_back(attributes[item.key()]);
                    spec.attributes.emplace_back(item.key(),
                                                 AttributeText(attributeReaders.back()));
                }
            }
        }
        Ptr<DnnScheduler> scheduler;
        try
        {
            scheduler = DnnScheduler::Create(spec.name);
        }
        catch (const std::invalid_argument& e)
        {
            nameReader.Fail(e.what());
        }
        for (std::size_t i = 0; i < spec.attributes.size(); ++i)
        {
            try
            {
                SetSchedulerAttribute(scheduler, spec.attributes[i].first,
                                      spec.attributes[i].second);
            }
            catch (const std::invalid_argument& e)
            {
                attributeReaders[i].Fail(e.what());
            }
        }
        CheckResultsName(entry.Value().is_object() && entry.Has("label") ? entry["label"] : entry,
                         spec.label, true);
        const auto [it, fresh] = labels.emplace(spec.label, entry.Path());
        if (!fresh)
        {
            entry.Fail("the label \"" + spec.label + "\" is already used by " + it->second +
                       " (give one a different \"label\")");
        }
        m_scenario.schedulers.push_back(spec);
    }
}

void
ScenarioLoader::ReadSimulation()
{
    if (!m_root.Has("simulation"))
    {
        return;
    }
    const DnnJsonReader simulation = m_root["simulation"];
    simulation.ExpectObject({}, {"stop_time", "netanim", "netanim_max_packets", "netanim_energy",
                                 "flowmon", "pcap", "failures", "on_failure"});
    if (simulation.Has("stop_time"))
    {
        m_scenario.stopTime = ReadPositiveTime(simulation["stop_time"]);
    }
    if (simulation.Has("netanim"))
    {
        // true: the first scheduler's run only (an animation is tens of MB and much of a
        // run's CPU time); "all": every scheduler's.
        const DnnJsonReader netanim = simulation["netanim"];
        if (netanim.Value().is_string() && netanim.Value().get<std::string>() == "all")
        {
            m_scenario.netanim = true;
            m_scenario.netanimAll = true;
        }
        else if (netanim.Value().is_boolean())
        {
            m_scenario.netanim = netanim.AsBool();
        }
        else
        {
            netanim.Fail("must be true, false or \"all\", got " + netanim.Quote());
        }
    }
    if (simulation.Has("netanim_energy"))
    {
        m_scenario.netanimEnergy = simulation["netanim_energy"].AsBool();
    }
    if (simulation.Has("netanim_max_packets"))
    {
        m_scenario.netanimMaxPackets = simulation["netanim_max_packets"].AsPositive();
    }
    if (simulation.Has("flowmon"))
    {
        m_scenario.flowmon = simulation["flowmon"].AsBool();
    }
    if (simulation.Has("pcap"))
    {
        m_scenario.pcap = simulation["pcap"].AsBool();
    }
    if (simulation.Has("failures"))
    {
        for (const DnnJsonReader& entry : simulation["failures"].Elements())
        {
            m_scenario.faults.push_back(ReadFault(entry));
        }
    }
    if (simulation.Has("on_failure"))
    {
        m_scenario.onFailure = simulation["on_failure"].AsChoice({"report", "replan"}) == "replan"
                                 ? DnnFailurePolicy::Replan
                                 : DnnFailurePolicy::Report;
        if (m_scenario.onFailure == DnnFailurePolicy::Replan && m_scenario.horizon > 0)
        {
            throw DnnInputError(m_file, "/simulation/on_failure",
                                "\"replan\" re-plans on the whole workload's plan, so it cannot "
                                "be combined with rolling-horizon planning (/planner/horizon)");
        }
    }
}

DnnFault
ScenarioLoader::ReadFault(const DnnJsonReader& entry) const
{
    DnnFault fault;
    if (entry.Value().is_object() && entry.Has("device"))
    {
        entry.ExpectObject({"device", "at"}, {});
        fault.target = DnnFault::Target::Device;
        fault.index = LookUpDevices(entry["device"], false).front();
    }
    else
    {
        entry.ExpectObject({"network", "at"}, {"until", "error_rate"});
        fault.target = DnnFault::Target::Network;
        const std::string name = entry["network"].AsName();
        std::vector<std::string> names;
        for (const DnnNetwork& network : m_networks)
        {
            names.push_back(network.name);
        }
        const auto it = std::find(names.begin(), names.end(), name);
        if (it == names.end())
        {
            entry["network"].Fail("unknown network \"" + name + "\"" + Suggest(name, names));
        }
        fault.index = static_cast<uint32_t>(it - names.begin());
        if (entry.Has("until"))
        {
            fault.until = ReadTime(entry["until"]);
        }
        if (entry.Has("error_rate"))
        {
            fault.errorRate = entry["error_rate"].AsNumber(0, 1);
            if (!(fault.errorRate > 0))
            {
                entry["error_rate"].Fail("must be in (0, 1] (1: the network is down), got " +
                                         entry["error_rate"].Quote());
            }
        }
    }
    fault.at = ReadTime(entry["at"]);
    if (fault.at >= m_scenario.stopTime)
    {
        entry["at"].Fail("is at or after the stop time (" + std::to_string(m_scenario.stopTime) +
                         " s): the fault would never happen");
    }
    if (!(fault.until > fault.at))
    {
        entry["until"].Fail("must be after \"at\", got " + entry["until"].Quote());
    }
    return fault;
}

void
ScenarioLoader::CheckEnergy() const
{
    try
    {
        DnnCheckEnergySources(m_scenario.platform, m_scenario.stopTime);
    }
    catch (const DnnWorkloadError& e)
    {
        throw DnnInputError(m_file, WorkloadErrorPath(m_scenario, e), e.what());
    }
}

void
ScenarioLoader::CheckWorkload() const
{
    // One request per model checks the whole workload (DnnCheckWorkload); the experiment
    // partitions all of them (DnnScenarioReader::BuildWorkload), or the rolling planner
    // window by window.
    try
    {
        const DnnWorkloadSize size =
            DnnCheckWorkload(m_scenario.requests, m_scenario.partition, m_scenario.platform);
        const bool tooManyTasks = size.tasks > DnnRunLimits::MAX_TASKS_AT_ONCE;
        if (m_scenario.horizon <= 0 &&
            (tooManyTasks || size.edges > DnnRunLimits::MAX_EDGES_AT_ONCE))
        {
            const std::string what = tooManyTasks
                                       ? std::to_string(size.tasks) + " tasks, more than the " +
                                             std::to_string(DnnRunLimits::MAX_TASKS_AT_ONCE)
                                       : std::to_string(size.edges) + " edges, more than the " +
                                             std::to_string(DnnRunLimits::MAX_EDGES_AT_ONCE);
            throw DnnInputError(m_file, "/workload/requests",
                                std::to_string(m_scenario.requests.size()) + " requests make " +
                                    what +
                                    " a plan can hold at once; give the planner a horizon "
                                    "(\"planner\": {\"horizon\": \"2s\"}) to plan window by "
                                    "window, or fewer requests");
        }
    }
    catch (const DnnWorkloadError& e)
    {
        throw DnnInputError(m_file, WorkloadErrorPath(m_scenario, e), e.what());
    }
}

} // namespace

Ptr<DnnScheduler>
DnnSchedulerSpec::Create() const
{
    Ptr<DnnScheduler> scheduler;
    try
    {
        scheduler = DnnScheduler::Create(name);
        for (const auto& [attribute, value] : attributes)
        {
            SetSchedulerAttribute(scheduler, attribute, value);
        }
    }
    catch (const std::invalid_argument& e)
    {
        throw DnnInputError("", "", e.what());
    }
    return scheduler;
}

bool
DnnScenarioReader::IsModelPath(const std::string& model)
{
    return model.find('/') != std::string::npos ||
           (model.size() > 5 && model.compare(model.size() - 5, 5, ".json") == 0) ||
           (model.size() > 5 && model.compare(model.size() - 5, 5, ".onnx") == 0);
}

std::string
DnnScenarioReader::ModelFile(const std::string& model, const std::string& baseDir)
{
    const fs::path base = baseDir.empty() ? fs::path(".") : fs::path(baseDir);
    const bool isPath = IsModelPath(model);
    std::error_code error;
    fs::path path =
        (isPath ? base / model : base / "models" / (model + ".json")).lexically_normal();
    if (!isPath && !fs::exists(path, error))
    {
        // A name without a JSON file may name an ONNX one.
        const fs::path onnx = (base / "models" / (model + ".onnx")).lexically_normal();
        if (fs::exists(onnx, error))
        {
            path = onnx;
        }
    }
    // Anything that exists (a directory, a FIFO, ...) is left to DnnJsonReader::ReadInputFile,
    // which says what it is; only a missing file gets a did-you-mean.
    if (!fs::exists(path, error))
    {
        if (isPath)
        {
            throw std::invalid_argument("model file " + path.string() + " does not exist");
        }
        std::vector<std::string> names;
        for (const auto& item : fs::directory_iterator(base / "models", error))
        {
            if (item.path().extension() == ".json" || item.path().extension() == ".onnx")
            {
                names.push_back(item.path().stem().string());
            }
        }
        throw std::invalid_argument("unknown model \"" + model + "\": no file " + path.string() +
                                    Suggest(model, names));
    }
    return path.string();
}

DnnScenario
DnnScenarioReader::ReadFile(const std::string& file, std::optional<uint32_t> seed,
                            std::optional<uint32_t> run)
{
    NS_LOG_FUNCTION(file << seed.value_or(0) << run.value_or(0));
    const nlohmann::json doc = DnnJsonReader::ParseFile(file);
    const fs::path folder = fs::path(file).parent_path();
    return ScenarioLoader(doc, file, folder.empty() ? "." : folder.string(), seed, run).Load();
}

DnnScenario
DnnScenarioReader::ReadText(const std::string& text, const std::string& file,
                            const std::string& baseDir, std::optional<uint32_t> seed,
                            std::optional<uint32_t> run)
{
    NS_LOG_FUNCTION(text.size() << file << baseDir << seed.value_or(0) << run.value_or(0));
    const nlohmann::json doc = DnnJsonReader::ParseText(text, file);
    return ScenarioLoader(doc, file, baseDir, seed, run).Load();
}

DnnWorkload
DnnScenarioReader::BuildWorkload(const DnnScenario& scenario)
{
    NS_LOG_FUNCTION(&scenario);
    try
    {
        return DnnBuildWorkload(scenario.requests, scenario.partition, scenario.platform);
    }
    catch (const DnnWorkloadError& e)
    {
        throw DnnInputError(scenario.file, WorkloadErrorPath(scenario, e), e.what());
    }
}

} // namespace ns3
