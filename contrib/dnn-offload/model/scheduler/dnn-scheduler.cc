/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-scheduler.h"

#include "ns3/dnn-did-you-mean.h"

#include "ns3/log.h"
#include "ns3/object-factory.h"

#include <map>
#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DnnScheduler");

NS_OBJECT_ENSURE_REGISTERED(DnnScheduler);

namespace
{

/** Short command-line names and the TypeIds they stand for. */
const std::map<std::string, std::string>&
ShortNameTable()
{
    static const std::map<std::string, std::string> table = {
        {"heft", "ns3::DnnHeftScheduler"},
        {"cpop", "ns3::DnnCpopScheduler"},
        {"peft", "ns3::DnnPeftScheduler"},
        {"ga", "ns3::DnnGaScheduler"},
        {"psoga", "ns3::DnnPsoGaScheduler"},
        {"memetic-psoga", "ns3::DnnMemeticPsoGaScheduler"},
        {"greedy", "ns3::DnnGreedyScheduler"},
        {"local", "ns3::DnnLocalScheduler"},
        {"edge", "ns3::DnnEdgeScheduler"},
        {"cloud", "ns3::DnnCloudScheduler"},
        {"random", "ns3::DnnRandomScheduler"},
        {"duplex", "ns3::DnnDuplexScheduler"},
        {"etf", "ns3::DnnEtfScheduler"},
        {"fastest-node", "ns3::DnnFastestNodeScheduler"},
        {"maxmin", "ns3::DnnMaxMinScheduler"},
        {"mct", "ns3::DnnMctScheduler"},
        {"met", "ns3::DnnMetScheduler"},
        {"minmin", "ns3::DnnMinMinScheduler"},
        {"olb", "ns3::DnnOlbScheduler"},
        {"sufferage", "ns3::DnnSufferageScheduler"},
        // SAGA's rank- and cluster-based heuristics (model/scheduler/list/)
        {"bil", "ns3::DnnBilScheduler"},
        {"dps", "ns3::DnnDpsScheduler"},
        {"fcp", "ns3::DnnFcpScheduler"},
        {"flb", "ns3::DnnFlbScheduler"},
        {"gdl", "ns3::DnnGdlScheduler"},
        {"hbmct", "ns3::DnnHbmctScheduler"},
        {"msbc", "ns3::DnnMsbcScheduler"},
        {"wba", "ns3::DnnWbaScheduler"},
        {"brute-force", "ns3::DnnBruteForceScheduler"},
    };
    return table;
}

/** The schedulers' TypeId names from before the Dnn prefix and their current names: the one
 *  table of aliases (CanonicalTypeName). A scheduler added later needs no entry. */
const std::map<std::string, std::string>&
OldTypeNameTable()
{
    static const std::map<std::string, std::string> table = {
        {"ns3::HeftScheduler", "ns3::DnnHeftScheduler"},
        {"ns3::CpopScheduler", "ns3::DnnCpopScheduler"},
        {"ns3::PeftScheduler", "ns3::DnnPeftScheduler"},
        {"ns3::GaScheduler", "ns3::DnnGaScheduler"},
        {"ns3::PsoGaScheduler", "ns3::DnnPsoGaScheduler"},
        {"ns3::MemeticPsoGaScheduler", "ns3::DnnMemeticPsoGaScheduler"},
        {"ns3::GreedyScheduler", "ns3::DnnGreedyScheduler"},
        {"ns3::LocalScheduler", "ns3::DnnLocalScheduler"},
        {"ns3::EdgeScheduler", "ns3::DnnEdgeScheduler"},
        {"ns3::CloudScheduler", "ns3::DnnCloudScheduler"},
        {"ns3::RandomScheduler", "ns3::DnnRandomScheduler"},
    };
    return table;
}

} // namespace

TypeId
DnnScheduler::GetTypeId()
{
    static TypeId tid = TypeId("ns3::DnnScheduler").SetParent<Object>().SetGroupName("DnnOffload");
    return tid;
}

DnnScheduler::~DnnScheduler() = default;

std::vector<std::string>
DnnScheduler::ShortNames()
{
    std::vector<std::string> names;
    for (const auto& entry : ShortNameTable())
    {
        names.push_back(entry.first);
    }
    return names;
}

std::string
DnnScheduler::CanonicalTypeName(const std::string& name)
{
    const auto it = OldTypeNameTable().find(name);
    return it != OldTypeNameTable().end() ? it->second : name;
}

Ptr<DnnScheduler>
DnnScheduler::Create(const std::string& name)
{
    NS_LOG_FUNCTION(name);
    const auto it = ShortNameTable().find(name);
    const std::string typeName =
        it != ShortNameTable().end() ? it->second : CanonicalTypeName(name);
    TypeId tid;
    if (!TypeId::LookupByNameFailSafe(typeName, &tid) ||
        !tid.IsChildOf(DnnScheduler::GetTypeId()) || !tid.HasConstructor())
    {
        std::string message = "unknown scheduler \"" + name + "\" (known: ";
        const auto names = ShortNames();
        for (std::size_t i = 0; i < names.size(); ++i)
        {
            message += (i ? ", " : "") + names[i];
        }
        message += ")";
        const std::string suggestion = DnnDidYouMean(name, names);
        if (!suggestion.empty())
        {
            message += "; did you mean \"" + suggestion + "\"?";
        }
        NS_LOG_LOGIC(message);
        throw std::invalid_argument(message);
    }
    NS_LOG_LOGIC("\"" << name << "\" is " << tid.GetName());
    ObjectFactory factory;
    factory.SetTypeId(tid);
    return factory.Create<DnnScheduler>();
}

} // namespace ns3
