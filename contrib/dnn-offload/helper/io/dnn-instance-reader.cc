/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-instance-reader.h"

#include "dnn-json-reader.h"
#include "ns3/dnn-input-error.h"
#include "ns3/dnn-run-limits.h"

#include "ns3/log.h"

#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <set>
#include <unordered_map>
#include <utility>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DnnInstanceReader");

namespace
{

/** Keys that mark the cost-matrix form. */
const std::vector<std::string> COST_MATRIX_REQUIRED = {"processors", "tasks", "edges", "bandwidth"};
/** Further keys of the cost-matrix form. */
const std::vector<std::string> COST_MATRIX_OPTIONAL = {"name", "source", "latency", "available",
                                                       "expected"};

/** "a", "b", "c" for messages, at most \p limit names. */
std::string
QuoteNames(const std::vector<std::string>& names, std::size_t limit = 10)
{
    std::string out;
    for (std::size_t i = 0; i < names.size() && i < limit; ++i)
    {
        out += (i == 0 ? "\"" : ", \"") + names[i] + "\"";
    }
    if (names.size() > limit)
    {
        out += " and " + std::to_string(names.size() - limit) + " more";
    }
    return out;
}

/**
 * The largest magnitude of a number in an instance: times add up along a schedule, and
 * with every figure at most 1e15 (and every divisor at least 1e-15) no sum overflows a
 * double.
 */
constexpr double MAX_FIGURE = 1e15;
/** The smallest positive speed or bandwidth (see MAX_FIGURE). */
constexpr double MIN_DIVISOR = 1e-15;

/** Any number of magnitude at most MAX_FIGURE. */
double
ReadNumber(const DnnJsonReader& reader)
{
    const double big = std::numeric_limits<double>::max();
    const double value = reader.AsNumber(-big, big);
    if (std::fabs(value) > MAX_FIGURE)
    {
        reader.Fail("must be at most 1e15 in magnitude (schedule times add these up), got " +
                    reader.Quote());
    }
    return value;
}

/** A number >= 0. */
double
ReadNonNegative(const DnnJsonReader& reader)
{
    const double value = ReadNumber(reader);
    if (value < 0)
    {
        reader.Fail("must not be negative, got " + reader.Quote());
    }
    return value;
}

/** A number > 0 (a speed or a bandwidth: at least MIN_DIVISOR). */
double
ReadPositive(const DnnJsonReader& reader)
{
    const double value = ReadNumber(reader);
    if (value <= 0)
    {
        reader.Fail("must be positive, got " + reader.Quote());
    }
    if (value < MIN_DIVISOR)
    {
        reader.Fail("must be at least 1e-15 (times are divided by it), got " + reader.Quote());
    }
    return value;
}

/** Names and their indices: unique, non-empty. */
struct NameTable
{
    std::vector<std::string> names;                  //!< in file order
    std::unordered_map<std::string, uint32_t> index; //!< name -> position
    std::vector<std::string> paths;                  //!< JSON path of each name's entry

    /** Add a name read from \p reader (the name's value) for an entry at \p entryPath. */
    void Add(const DnnJsonReader& reader, const std::string& entryPath, const std::string& what)
    {
        const std::string name = reader.AsName();
        const auto inserted = index.emplace(name, static_cast<uint32_t>(names.size()));
        if (!inserted.second)
        {
            reader.Fail(what + " name \"" + name + "\" is used twice (first at " +
                        paths[inserted.first->second] + ")");
        }
        names.push_back(name);
        paths.push_back(entryPath);
    }

    /** The index of the name held by \p reader; fails with a did-you-mean when unknown. */
    uint32_t Find(const DnnJsonReader& reader, const std::string& what) const
    {
        const std::string name = reader.AsName();
        const auto it = index.find(name);
        if (it == index.end())
        {
            std::string detail = "no " + what + " is named \"" + name + "\"";
            const std::string suggestion = DnnDidYouMean(name, names);
            if (!suggestion.empty())
            {
                detail += " (did you mean \"" + suggestion + "\"?)";
            }
            else
            {
                detail += " (" + what + "s: " + QuoteNames(names) + ")";
            }
            reader.Fail(detail);
        }
        return it->second;
    }
};

/**
 * Read dependencies: a list of objects {fromKey, toKey, dataKey}. Rejects unknown tasks,
 * self-loops, duplicates and negative data.
 */
void
ReadDependencies(const DnnJsonReader& list, const std::string& fromKey, const std::string& toKey,
                 const std::string& dataKey, const NameTable& tasks, DnnSchedulingProblem& problem)
{
    std::map<std::pair<uint32_t, uint32_t>, std::string> seen;
    for (const auto& edge : list.Elements())
    {
        edge.ExpectObject({fromKey, toKey, dataKey});
        const uint32_t from = tasks.Find(edge[fromKey], "task");
        const uint32_t to = tasks.Find(edge[toKey], "task");
        if (from == to)
        {
            edge.Fail("task \"" + tasks.names[from] + "\" cannot depend on itself (\"" + fromKey +
                      "\" and \"" + toKey + "\" name the same task)");
        }
        const auto inserted = seen.emplace(std::make_pair(from, to), edge.Path());
        if (!inserted.second)
        {
            edge.Fail("the dependency \"" + tasks.names[from] + "\" -> \"" + tasks.names[to] +
                      "\" is listed twice (first at " + inserted.first->second + ")");
        }
        problem.AddEdge(from, to, ReadNonNegative(edge[dataKey]));
    }
}

/** Finalize, naming the file and the paths in what it throws. */
void
Finalize(DnnSchedulingProblem& problem, const DnnJsonReader& instance, const DnnJsonReader& edges)
{
    try
    {
        problem.Finalize();
    }
    catch (const DnnCycleError& e)
    {
        throw DnnCycleError(instance.File(), edges.Path(), e.Cycle());
    }
    catch (const DnnInputError& e)
    {
        if (!e.File().empty())
        {
            throw;
        }
        throw DnnInputError(instance.File(), instance.Path() + e.JsonPath(), e.Detail());
    }
}

/** Refuse more processors than DnnRunLimits::MAX_DEVICES: a problem holds link figures for
 *  every ordered pair (a 300 KB file naming 20,000 processors took 20 GB and 80 s).
 *  \param list the array \param what "processors" or "nodes", for the message */
void
CheckProcessorCount(const DnnJsonReader& list, const std::string& what)
{
    const std::size_t count = list.Elements().size();
    if (count > DnnRunLimits::MAX_DEVICES)
    {
        list.Fail("more than " + std::to_string(DnnRunLimits::MAX_DEVICES) + " " + what + " (" +
                  std::to_string(count) +
                  "): a problem holds link figures for every ordered pair of them");
    }
}

/**
 * A link property of the cost-matrix form: one number for every pair, or an m x m matrix
 * (row: sender, column: receiver) whose diagonal is ignored (a number >= 0, or null).
 */
struct LinkValues
{
    bool uniform = true;        //!< one value for every pair
    double value = 0;           //!< the uniform value
    std::vector<double> matrix; //!< m x m, row-major (when not uniform)
};

LinkValues
ReadLinkValues(const DnnJsonReader& reader, const NameTable& processors, bool positive)
{
    const std::size_t m = processors.names.size();
    auto readOne = [positive](const DnnJsonReader& r)
    {
        return positive ? ReadPositive(r) : ReadNonNegative(r);
    };
    LinkValues out;
    if (reader.Value().is_number())
    {
        out.value = readOne(reader);
        return out;
    }
    if (!reader.Value().is_array())
    {
        reader.Fail("must be a number or a " + std::to_string(m) + " x " + std::to_string(m) +
                    " matrix (one row per sending processor), got " + reader.Quote());
    }
    const auto rows = reader.Elements();
    if (rows.size() != m)
    {
        reader.Fail("must have " + std::to_string(m) +
                    " rows, one per sending processor in the order of \"processors\", got " +
                    std::to_string(rows.size()));
    }
    out.uniform = false;
    out.matrix.assign(m * m, 0.0);
    for (std::size_t i = 0; i < m; ++i)
    {
        if (!rows[i].Value().is_array())
        {
            rows[i].Fail("must be a list of " + std::to_string(m) +
                         " numbers (one per receiving processor), got " + rows[i].Quote());
        }
        const auto entries = rows[i].Elements();
        if (entries.size() != m)
        {
            rows[i].Fail("must have " + std::to_string(m) +
                         " entries, one per receiving processor, got " +
                         std::to_string(entries.size()));
        }
        for (std::size_t j = 0; j < m; ++j)
        {
            if (i == j)
            {
                // A processor's link to itself is never used; accept 0 or null there.
                if (!entries[j].Value().is_null())
                {
                    ReadNonNegative(entries[j]);
                }
                continue;
            }
            const double value = ReadNumber(entries[j]);
            if (positive ? value <= 0 : value < 0)
            {
                entries[j].Fail(
                    std::string(positive ? "must be positive" : "must not be negative") +
                    " (from \"" + processors.names[i] + "\" to \"" + processors.names[j] +
                    "\"), got " + entries[j].Quote());
            }
            if (positive && value < MIN_DIVISOR)
            {
                entries[j].Fail("must be at least 1e-15 (times are divided by it), got " +
                                entries[j].Quote());
            }
            out.matrix[i * m + j] = value;
        }
    }
    return out;
}

/** The cost-matrix form. */
DnnSchedulingProblem
ReadCostMatrix(const DnnJsonReader& r)
{
    r.ExpectObject(COST_MATRIX_REQUIRED, COST_MATRIX_OPTIONAL);
    if (r.Has("name"))
    {
        r["name"].AsName();
    }
    if (r.Has("source"))
    {
        r["source"].AsString();
    }
    if (r.Has("expected") && !r["expected"].Value().is_object())
    {
        r["expected"].Fail("must be an object (published results, not read), got " +
                           r["expected"].Quote());
    }

    NameTable processors;
    CheckProcessorCount(r["processors"], "processors");
    for (const auto& p : r["processors"].Elements(1))
    {
        processors.Add(p, p.Path(), "processor");
    }
    const std::size_t m = processors.names.size();

    const auto taskReaders = r["tasks"].Elements(1);
    NameTable tasks;
    for (const auto& t : taskReaders)
    {
        t.ExpectObject({"name", "cost"}, {"release", "pinned"});
        tasks.Add(t["name"], t.Path(), "task");
    }

    DnnSchedulingProblem problem(tasks.names, processors.names);
    for (uint32_t i = 0; i < taskReaders.size(); ++i)
    {
        const DnnJsonReader& t = taskReaders[i];
        const DnnJsonReader cost = t["cost"];
        if (!cost.Value().is_array())
        {
            cost.Fail("must be a list of " + std::to_string(m) +
                      " execution times, one per processor (null where the task cannot run), "
                      "got " +
                      cost.Quote());
        }
        const auto entries = cost.Elements();
        if (entries.size() != m)
        {
            cost.Fail("has " + std::to_string(entries.size()) + " entries but there are " +
                      std::to_string(m) +
                      " processors: give one execution time per processor, in the order of "
                      "\"processors\" (null where the task cannot run)");
        }
        bool runnable = false;
        for (uint32_t p = 0; p < m; ++p)
        {
            if (entries[p].Value().is_null())
            {
                problem.SetCost(i, p, DnnSchedulingProblem::INF);
                continue;
            }
            problem.SetCost(i, p, ReadNonNegative(entries[p]));
            runnable = true;
        }
        if (!runnable)
        {
            cost.Fail("task \"" + tasks.names[i] +
                      "\" can run on no processor (every execution time is null)");
        }
        if (t.Has("release"))
        {
            problem.SetRelease(i, ReadNonNegative(t["release"]));
        }
        if (t.Has("pinned"))
        {
            const DnnJsonReader pinned = t["pinned"];
            const uint32_t p = processors.Find(pinned, "processor");
            if (entries[p].Value().is_null())
            {
                pinned.Fail("task \"" + tasks.names[i] + "\" is pinned to \"" +
                            processors.names[p] +
                            "\" but cannot run there (its execution time there is null)");
            }
            problem.Pin(i, p);
        }
    }

    const DnnJsonReader edges = r["edges"];
    ReadDependencies(edges, "from", "to", "data", tasks, problem);

    const LinkValues bandwidth = ReadLinkValues(r["bandwidth"], processors, true);
    LinkValues latency;
    if (r.Has("latency"))
    {
        latency = ReadLinkValues(r["latency"], processors, false);
    }
    if (bandwidth.uniform && latency.uniform)
    {
        problem.SetUniformLinks(latency.value, bandwidth.value);
    }
    else
    {
        for (uint32_t p = 0; p < m; ++p)
        {
            for (uint32_t q = 0; q < m; ++q)
            {
                if (p != q)
                {
                    const std::size_t k = static_cast<std::size_t>(p) * m + q;
                    problem.SetLink(p, q, latency.uniform ? latency.value : latency.matrix[k],
                                    bandwidth.uniform ? bandwidth.value : bandwidth.matrix[k]);
                }
            }
        }
    }
    if (r.Has("available"))
    {
        // Processors of instance files have one core each.
        const DnnJsonReader available = r["available"];
        if (available.Value().is_number())
        {
            const double time = ReadNonNegative(available);
            for (uint32_t p = 0; p < m; ++p)
            {
                problem.SetAvailable(p, 0, time);
            }
        }
        else if (!available.Value().is_array())
        {
            available.Fail("must be a number or a list of " + std::to_string(m) +
                           " times, one per processor (seconds it is busy until), got " +
                           available.Quote());
        }
        else
        {
            const auto entries = available.Elements();
            if (entries.size() != m)
            {
                available.Fail("has " + std::to_string(entries.size()) + " entries but there are " +
                               std::to_string(m) +
                               " processors: give one time per processor, in the order of "
                               "\"processors\"");
            }
            for (uint32_t p = 0; p < m; ++p)
            {
                problem.SetAvailable(p, 0, ReadNonNegative(entries[p]));
            }
        }
    }
    Finalize(problem, r, edges);
    NS_LOG_INFO(r.File() << ": " << (r.Path().empty() ? "" : r.Path() + ": ")
                         << "cost-matrix instance \"" << DnnInstanceReader::InstanceName(r.Value())
                         << "\", " << problem.TaskCount() << " tasks, " << problem.ProcessorCount()
                         << " processors, " << problem.EdgeCount() << " edges");
    return problem;
}

/** SAGA's ProblemInstance JSON. */
DnnSchedulingProblem
ReadSaga(const DnnJsonReader& r)
{
    r.ExpectObject({"task_graph", "network"}, {"name"});
    if (r.Has("name"))
    {
        r["name"].AsName();
    }
    const DnnJsonReader graph = r["task_graph"];
    graph.ExpectObject({"tasks", "dependencies"});
    const DnnJsonReader network = r["network"];
    network.ExpectObject({"nodes", "edges"});

    NameTable nodes;
    std::vector<double> speeds;
    CheckProcessorCount(network["nodes"], "nodes");
    for (const auto& node : network["nodes"].Elements(1))
    {
        node.ExpectObject({"name", "speed"});
        nodes.Add(node["name"], node.Path(), "node");
        speeds.push_back(ReadPositive(node["speed"]));
    }
    const std::size_t m = nodes.names.size();

    NameTable tasks;
    std::vector<double> costs;
    for (const auto& task : graph["tasks"].Elements(1))
    {
        task.ExpectObject({"name", "cost"});
        tasks.Add(task["name"], task.Path(), "task");
        costs.push_back(ReadNonNegative(task["cost"]));
    }

    DnnSchedulingProblem problem(tasks.names, nodes.names);
    for (uint32_t t = 0; t < tasks.names.size(); ++t)
    {
        for (uint32_t p = 0; p < m; ++p)
        {
            problem.SetCost(t, p, costs[t] / speeds[p]);
        }
    }
    const DnnJsonReader dependencies = graph["dependencies"];
    ReadDependencies(dependencies, "source", "target", "size", tasks, problem);

    // Links: directed speeds as listed; a pair listed in one direction serves both.
    const DnnJsonReader links = network["edges"];
    std::vector<double> speed(m * m, 0.0);
    std::vector<std::string> listedAt(m * m);
    for (const auto& link : links.Elements())
    {
        link.ExpectObject({"source", "target"}, {"speed"});
        const uint32_t a = nodes.Find(link["source"], "node");
        const uint32_t b = nodes.Find(link["target"], "node");
        if (a == b)
        {
            // A node's link to itself is never used; SAGA writes its infinite speed as null.
            if (link.Has("speed") && !link["speed"].Value().is_null())
            {
                ReadNonNegative(link["speed"]);
            }
            continue;
        }
        const std::size_t k = static_cast<std::size_t>(a) * m + b;
        if (!listedAt[k].empty())
        {
            link.Fail("the link from \"" + nodes.names[a] + "\" to \"" + nodes.names[b] +
                      "\" is listed twice (first at " + listedAt[k] + ")");
        }
        if (!link.Has("speed"))
        {
            link.Fail("missing key \"speed\" (the link's bandwidth, data units per second)");
        }
        const DnnJsonReader s = link["speed"];
        // null is how SAGA (pydantic) writes an infinite speed: free communication.
        speed[k] = s.Value().is_null() ? DnnSchedulingProblem::INF : ReadPositive(s);
        listedAt[k] = link.Path();
    }
    for (uint32_t a = 0; a < m; ++a)
    {
        for (uint32_t b = 0; b < m; ++b)
        {
            if (a == b)
            {
                continue;
            }
            const std::size_t k = static_cast<std::size_t>(a) * m + b;
            const std::size_t reverse = static_cast<std::size_t>(b) * m + a;
            if (listedAt[k].empty() && listedAt[reverse].empty())
            {
                links.Fail("no link between \"" + nodes.names[a] + "\" and \"" + nodes.names[b] +
                           "\" (SAGA networks are complete: every pair of nodes needs a link)");
            }
            problem.SetLink(a, b, 0.0, listedAt[k].empty() ? speed[reverse] : speed[k]);
        }
    }
    Finalize(problem, r, dependencies);
    NS_LOG_INFO(r.File() << ": " << (r.Path().empty() ? "" : r.Path() + ": ") << "SAGA instance \""
                         << DnnInstanceReader::InstanceName(r.Value()) << "\", "
                         << problem.TaskCount() << " tasks, " << problem.ProcessorCount()
                         << " processors, " << problem.EdgeCount() << " edges");
    return problem;
}

/** One instance, either form. */
DnnSchedulingProblem
ReadInstance(const DnnJsonReader& r)
{
    if (!r.Value().is_object())
    {
        r.Fail("an instance must be an object, got " + r.Quote());
    }
    if (r.Has("task_graph") || r.Has("network"))
    {
        return ReadSaga(r);
    }
    for (const auto& key : COST_MATRIX_REQUIRED)
    {
        if (r.Has(key))
        {
            return ReadCostMatrix(r);
        }
    }
    r.Fail("is not a scheduling instance: expected \"processors\", \"tasks\", \"edges\" and "
           "\"bandwidth\" (cost-matrix form), \"task_graph\" and \"network\" (SAGA form), or "
           "\"instances\" (a list of instances)");
}

} // namespace

DnnSchedulingProblem
DnnInstanceReader::ReadFile(const std::string& file)
{
    return ReadFile(file, "");
}

DnnSchedulingProblem
DnnInstanceReader::ReadFile(const std::string& file, const std::string& instanceName)
{
    NS_LOG_FUNCTION(file << instanceName);
    const nlohmann::json doc = DnnJsonReader::ParseFile(file);
    return Read(doc, file, instanceName);
}

DnnSchedulingProblem
DnnInstanceReader::ReadText(const std::string& text, const std::string& file,
                            const std::string& instanceName)
{
    const nlohmann::json doc = DnnJsonReader::ParseText(text, file);
    return Read(doc, file, instanceName);
}

DnnSchedulingProblem
DnnInstanceReader::Read(const nlohmann::json& doc, const std::string& file)
{
    return Read(doc, file, "");
}

DnnSchedulingProblem
DnnInstanceReader::Read(const nlohmann::json& doc, const std::string& file,
                        const std::string& instanceName)
{
    NS_LOG_FUNCTION(&doc << file << instanceName);
    const DnnJsonReader root(doc, file);
    if (!doc.is_object())
    {
        root.Fail("must be an object (one instance, or {\"instances\": [...]}), got " +
                  root.Quote());
    }
    if (!doc.contains("instances"))
    {
        if (!instanceName.empty())
        {
            const std::string name = root.Has("name") ? root["name"].AsName() : "";
            if (name != instanceName)
            {
                root.Fail(
                    "holds a single instance, " +
                    (name.empty() ? std::string("without a name") : "named \"" + name + "\"") +
                    ", not \"" + instanceName + "\"");
            }
        }
        return ReadInstance(root);
    }

    root.ExpectObject({"instances"}, {"description"});
    if (root.Has("description"))
    {
        root["description"].AsString();
    }
    const DnnJsonReader list = root["instances"];
    const auto items = list.Elements(1);
    NS_LOG_LOGIC(file << ": " << items.size() << " instances");
    NameTable names;
    for (const auto& item : items)
    {
        if (!item.Value().is_object())
        {
            item.Fail("an instance must be an object, got " + item.Quote());
        }
        if (item.Has("name"))
        {
            names.Add(item["name"], item.Path(), "instance");
        }
        else if (items.size() > 1)
        {
            item.Fail("missing key \"name\" (in a file with several instances, each needs a "
                      "name)");
        }
    }
    if (instanceName.empty())
    {
        if (items.size() > 1)
        {
            list.Fail("holds " + std::to_string(items.size()) + " instances: choose one by name (" +
                      QuoteNames(names.names) + ")");
        }
        return ReadInstance(items[0]);
    }
    const auto it = names.index.find(instanceName);
    if (it == names.index.end())
    {
        std::string detail = "no instance is named \"" + instanceName + "\"";
        const std::string suggestion = DnnDidYouMean(instanceName, names.names);
        if (!suggestion.empty())
        {
            detail += " (did you mean \"" + suggestion + "\"?)";
        }
        detail += names.names.empty() ? " (the instance has no name)"
                                      : "; available: " + QuoteNames(names.names, 50);
        list.Fail(detail);
    }
    return ReadInstance(items[it->second]);
}

std::string
DnnInstanceReader::InstanceName(const nlohmann::json& instance)
{
    if (instance.is_object())
    {
        const auto it = instance.find("name");
        if (it != instance.end() && it->is_string())
        {
            return it->get<std::string>();
        }
    }
    return "";
}

std::vector<std::string>
DnnInstanceReader::InstanceNames(const nlohmann::json& doc)
{
    std::vector<std::string> names;
    if (doc.is_object() && doc.contains("instances") && doc["instances"].is_array())
    {
        for (const auto& item : doc["instances"])
        {
            names.push_back(InstanceName(item));
        }
        return names;
    }
    names.push_back(InstanceName(doc));
    return names;
}

} // namespace ns3
